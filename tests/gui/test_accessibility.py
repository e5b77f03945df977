"""Issue 15, accessibility: the real window as a screen reader and a keyboard-only user meet it, in the light and the
dark palette: every control named (and described where its name does not say how to use it), checklist cells
that say their severity and status in words, text that reads at WCAG AA contrast, focus that shows, and a review
done with the keys alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QKeySequence, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPushButton,
    QScrollBar,
    QTabBar,
    QToolButton,
    QWidget,
)

from asegui.gui import theme
from asegui.gui.checklist import ChecklistModel
from asegui.gui.code_view import JsonHighlighter
from asegui.gui.main_window import MainWindow
from asegui.review.wording import severity_word

from .conftest import wait_device

TEXT = 4.5  # WCAG 2.x AA, 1.4.3: text (no text of the window is large enough for the 3:1 of large text)
NON_TEXT = 3.0  # WCAG 2.x AA, 1.4.11: signs beside words, change marks, the focus frame
R = QPalette.ColorRole
ACTIVE_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
PALETTES: dict[str, Callable[[], QPalette]] = {"light": theme.light_palette, "dark": theme.dark_palette}
# Widgets a user works with: what takes the focus, and what a pointer or a screen reader operates without it.
INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QAbstractScrollArea, QTabBar,
               QAbstractSlider, QAbstractSpinBox, QMenuBar)


# ------------------------------------------------------------------------------------------------ set-up
@pytest.fixture
def application(qapp: QApplication) -> Iterator[QApplication]:
    """Other tests see the palette they started with."""
    app = qapp
    before = QPalette(app.palette())
    try:
        yield app
    finally:
        app.setPalette(before)
        QApplication.processEvents()


def use_palette(qtbot: Any, window: MainWindow, name: str) -> None:
    """The palette the window's View > Dark palette switches to (on for dark, off for light)."""
    window.set_dark(name == "dark")
    qtbot.waitUntil(lambda: window.palette_is_dark() == (name == "dark"))
    QApplication.processEvents()  # the window re-derives its colours on the next pass of the event loop
    qtbot.wait(10)


def shown_states(qtbot: Any, window: MainWindow, path: str) -> Iterator[str]:
    """The window as a user meets it: the start page, the sample open with the find bar, the device tab."""
    assert window.stack.currentWidget() is window.start_page
    yield "start page"
    assert window.open_path(path)
    wait_device(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.field.setText("share")  # with text: the field's clear button shows, the checklist filters
    yield "sample open, find bar open"
    window.set_device_view(True)
    qtbot.waitUntil(lambda: window.device_pane.isVisible())
    yield "On the device"


def accessible(widget: QWidget, text: QAccessible.Text) -> str:
    """What a screen reader reads: Qt's accessible interface of the widget, not the property alone. A tab bar
    has no description of its own: its tab with the focus has (the tab's tooltip)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None or not interface.isValid():
        return ""
    if isinstance(widget, QTabBar) and text == QAccessible.Text.Description:
        tab = interface.child(widget.currentIndex())
        return (tab.text(text) or "").strip() if tab is not None else ""
    return (interface.text(text) or "").strip()


def interactive_widgets(window: MainWindow) -> list[QWidget]:
    """Visible widgets that take the focus or are operated. A scroll bar is its scroll area's part (Qt names it by
    its orientation, and it never takes the focus), so it is left to its area."""
    return [widget for widget in window.findChildren(QWidget)
            if widget.isVisible() and not isinstance(widget, QScrollBar)
            and (widget.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(widget, INTERACTIVE))]


def label(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(no object name)'} in " \
           f"{widget.parentWidget().objectName() if widget.parentWidget() else '-'}"


def unnamed(window: MainWindow) -> list[str]:
    """A widget is named when its accessible interface has a name (a button's is its text). On Linux Qt reports
    a drop-down's current value as its name and its label only through a relation: it needs a name of its own."""
    problems = []
    for widget in interactive_widgets(window):
        if not accessible(widget, QAccessible.Text.Name):
            problems.append(label(widget))
        elif isinstance(widget, QComboBox) and not widget.accessibleName():
            problems.append(label(widget) + " (named only by its value)")
    return problems


def undescribed(window: MainWindow) -> list[str]:
    """The rule for descriptions: a push or tool button and a menu bar say in their name what they do, and a
    label's text is read as it is; every other interactive widget (the panes, lists, fields, drop-downs, check
    boxes, tab bars, the checklist's header) has a description that is more than its name: what it holds, or what
    its value changes, and the keys that work there. (Qt's description falls back to the tooltip.)"""
    problems = []
    for widget in interactive_widgets(window):
        if isinstance(widget, (QPushButton, QToolButton, QMenuBar, QLabel)):
            continue
        description = accessible(widget, QAccessible.Text.Description)
        if not description or description.casefold() == accessible(widget, QAccessible.Text.Name).casefold():
            problems.append(f"{label(widget)}: {description!r}")
    return problems


# ------------------------------------------------------------------------------------------------ names
@pytest.mark.parametrize("palette", list(PALETTES))
def test_every_control_has_a_name_and_a_description(qtbot: Any, window: MainWindow, application: QApplication,
                                                   sample_copy: Any, palette: str) -> None:
    use_palette(qtbot, window, palette)
    problems: dict[str, list[str]] = {}
    for state in shown_states(qtbot, window, str(sample_copy)):
        assert len(interactive_widgets(window)) > 5
        for problem in unnamed(window):
            problems.setdefault(state, []).append("no name: " + problem)
        for problem in undescribed(window):
            problems.setdefault(state, []).append("no description: " + problem)
    assert not problems, "\n".join(f"{state}: {problem}" for state, found in problems.items() for problem in found)


def test_the_panes_and_the_detail_panel_are_described(opened: MainWindow) -> None:
    """Containers that are not interactive themselves still tell a screen reader what they are."""
    for widget in (opened.detail, opened.device_pane, opened.output_tabs):
        assert accessible(widget, QAccessible.Text.Name), widget.objectName()
        assert widget.accessibleDescription(), widget.objectName()


# ------------------------------------------------------------------------------------------------ checklist cells
def cells(model: ChecklistModel, parent: QModelIndex = QModelIndex()) -> Iterator[QModelIndex]:  # noqa: B008
    """Every cell of the model. An area's row is one cell spanned across the view: its other columns are
    never drawn, so they are not asked for."""
    for row in range(model.rowCount(parent)):
        columns = model.columnCount(parent) if parent.isValid() else 1
        for column in range(columns):
            yield model.index(row, column, parent)
        yield from cells(model, model.index(row, 0, parent))


def accessible_text(index: QModelIndex) -> str:
    return str(index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data(Qt.ItemDataRole.DisplayRole) or "")


def test_every_checklist_cell_speaks_and_severity_is_a_word(qtbot: Any, opened: MainWindow) -> None:
    model = opened.checklist.source
    severity, status = ChecklistModel.COLUMNS.index("severity"), ChecklistModel.COLUMNS.index("status")
    problems, seen = [], 0
    for index in cells(model):
        seen += 1
        where = f"row {index.row()} column {model.COLUMNS[index.column()]} of {index.parent().data()!r}"
        if not accessible_text(index).strip():
            problems.append(f"{where}: no accessible text")
        finding = model.finding_at(index)
        if finding is None or index.column() not in (severity, status):
            continue
        if index.column() == severity and severity_word(finding.severity) not in accessible_text(index):
            problems.append(f"{where}: severity {finding.severity} not said in words")
        if not str(index.data(Qt.ItemDataRole.AccessibleDescriptionRole) or "").strip():
            problems.append(f"{where}: no accessible description")
    assert seen > 50
    assert not problems, "\n".join(problems)


def test_a_cell_says_what_a_screen_reader_reads(opened: MainWindow) -> None:
    """The accessible interface of the tree, not only the model: a finding's severity cell reads its word."""
    proxy = opened.checklist.proxy
    area = proxy.index(0, 0)
    index = proxy.index(0, 1, area)
    opened.checklist.setCurrentIndex(index)
    tree = QAccessible.queryAccessibleInterface(opened.checklist)
    assert tree is not None
    texts = [tree.child(i).text(QAccessible.Text.Name) for i in range(tree.childCount()) if tree.child(i)]
    assert index.data() in texts


def test_a_decision_keeps_the_status_description(qtbot: Any, opened: MainWindow) -> None:
    """The status cell's description follows the decision (rewritten with the row)."""
    model = opened.checklist.source
    finding = next(f for f in opened.session.findings if f.status != "info")  # type: ignore[union-attr]
    column = ChecklistModel.COLUMNS.index("status")
    before = model.index_of(finding.id).siblingAtColumn(column).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    opened.set_accepted(finding.id, not finding.accepted)
    after = model.index_of(finding.id).siblingAtColumn(column).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert before and after and before != after


# ------------------------------------------------------------------------------------------------ contrast
def over(colour: QColor, background: QColor) -> QColor:
    """A translucent colour as it is seen on its background."""
    alpha = colour.alphaF()
    return theme.blend(background, QColor(colour.red(), colour.green(), colour.blue()), alpha)


# Text on its background, as the widgets of the window draw them. Not checked: BrightText (no widget of the
# window draws it) and LinkVisited (a QTextBrowser never marks a link visited).
PAIRS = ((R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase), (R.ButtonText, R.Button),
         (R.HighlightedText, R.Highlight), (R.ToolTipText, R.ToolTipBase), (R.PlaceholderText, R.Base),
         (R.Link, R.Base))


@pytest.mark.parametrize("palette", list(PALETTES))
def test_palette_text_reads(application: QApplication, palette: str) -> None:
    """Active and Inactive groups (a window without the focus is drawn in the Inactive one). Disabled text is
    exempt (WCAG 1.4.3: inactive components); it must still look unlike enabled text."""
    pal = PALETTES[palette]()
    problems = []
    for group in ACTIVE_GROUPS:
        for foreground, background in PAIRS:
            back = pal.color(group, background)
            fore = over(pal.color(group, foreground), back)
            ratio = theme.contrast(fore, back)
            if ratio < TEXT:
                problems.append(f"{group.name} {foreground.name} {fore.name()} on {background.name} {back.name()}: "
                                f"{ratio:.2f}")
    for role in (R.Text, R.WindowText, R.ButtonText):
        if pal.color(QPalette.ColorGroup.Disabled, role) == pal.color(QPalette.ColorGroup.Active, role):
            problems.append(f"disabled {role.name} looks enabled")
    assert not problems, "\n".join(problems)


def code_backgrounds(pal: QPalette) -> dict[str, QColor]:
    """What the code panes paint behind their text: the base, the selected finding's lines, the characters that
    changed inside a changed line, the find bar's matches."""
    return {"base": pal.color(R.Base), "selected finding": theme.highlight_background(pal),
            "changed characters": theme.intraline_background(pal), "find match": theme.find_background(pal)}


def app_colour_problems(pal: QPalette) -> list[str]:
    problems = []

    def check(what: str, colour: QColor, background: QColor, minimum: float = TEXT) -> None:
        ratio = theme.contrast(colour, background)
        if ratio < minimum:
            problems.append(f"{what}: {colour.name()} on {background.name()} {ratio:.2f} < {minimum}")

    document = QTextDocument()  # the highlighter's parent: it lives as long as the document
    highlighter = JsonHighlighter(document)
    highlighter.refresh_colours(pal)
    tokens = {"text": pal.color(R.Text), **highlighter.colours()}
    for where, background in code_backgrounds(pal).items():
        for token, colour in tokens.items():
            check(f"code {token} on {where}", colour, background)
    margin = theme.margin_background(pal)
    check("line number", theme.line_number_colour(pal), margin)
    check("selected line's number", pal.color(R.Text), margin)
    for kind in "+~-":
        check(f"change glyph {kind}", theme.change_colour(kind, pal), margin)
        check(f"change map mark {kind}", theme.change_colour(kind, pal), theme.blend(
            pal.color(R.Base), pal.color(R.Text), 0.04), NON_TEXT)
    for background in (R.Base, R.AlternateBase):  # the checklist's rows alternate
        check(f"muted status on {background.name}", theme.muted_text(pal, R.Base), pal.color(background))
    check("muted detail on Window", theme.muted_text(pal, R.Window), pal.color(R.Window))
    check("refused value's reason", theme.tone(0, pal, 200), pal.color(R.Window))
    check("⚠ before the output's problems", theme.tone(30, pal), pal.color(R.Window), NON_TEXT)
    check("⚠ of too many GPUs", theme.tone(0, pal, 200), pal.color(R.Window), NON_TEXT)
    for background in (R.Window, R.Base):
        check(f"focus frame on {background.name}", theme.focus_colour(pal), pal.color(background), NON_TEXT)
    return problems


@pytest.mark.parametrize("palette", list(PALETTES))
def test_the_apps_own_colours_read(application: QApplication, palette: str) -> None:
    """theme.py's colours on what they are drawn on: code tokens on every background of a code pane, line numbers
    and change glyphs on the margin, muted statuses, refused values, signs beside words, the focus frame."""
    problems = app_colour_problems(PALETTES[palette]())
    assert not problems, "\n".join(problems)


def test_the_window_draws_with_those_colours(qtbot: Any, opened: MainWindow, application: QApplication) -> None:
    """The panes' highlighters are those the contrast test measures, in each palette the window switches to."""
    for name in PALETTES:
        use_palette(qtbot, opened, name)
        pal = opened.input_view.palette()
        document = QTextDocument()
        expected = JsonHighlighter(document)
        expected.refresh_colours(pal)
        assert opened.input_view.highlighter.colours() == expected.colours()
        assert theme.contrast(pal.color(R.HighlightedText), pal.color(R.Highlight)) >= TEXT


# ------------------------------------------------------------------------------------------------ focus
def frame_pixels(image: QImage, width: int = 2) -> list[int]:
    w, h = image.width(), image.height()
    edge = [(x, y) for y in range(h) for x in (*range(width), *range(w - width, w))]
    edge += [(x, y) for x in range(width, w - width) for y in (*range(width), *range(h - width, h))]
    return [image.pixel(x, y) for x, y in edge]


@pytest.mark.parametrize("palette", list(PALETTES))
def test_focus_is_visible(qtbot: Any, opened: MainWindow, application: QApplication, palette: str) -> None:
    """Each pane draws a frame when it has the keyboard focus (Fusion shows none on a text pane or a list): its
    edge differs focused and not. Fields, the check box and the drop-downs show it as the style draws it."""
    use_palette(qtbot, opened, palette)
    opened.find_bar.open_bar()
    panes = [opened.input_view, opened.output_view, opened.checklist, opened.detail.explanation]
    controls: list[QWidget] = [opened.detail.accept, opened.detail.note, opened.find_bar.field,
                               opened.device_pane.gpus]
    same = []
    for widget in (*panes, *controls):
        assert widget.isVisible(), widget.objectName()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)  # from the keyboard: the style shows it
        qtbot.waitUntil(widget.hasFocus)
        focused = widget.grab().toImage()
        opened.summary.setFocus()  # a label: nothing around the widget changes with it
        opened.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(lambda w=widget: not w.hasFocus())
        unfocused = widget.grab().toImage()
        if widget in panes:
            if frame_pixels(focused) == frame_pixels(unfocused):
                same.append(widget.objectName())
        elif focused == unfocused:
            same.append(widget.objectName())
    assert not same


# ------------------------------------------------------------------------------------------------ keyboard
def key(qtbot: Any, window: MainWindow, sequence: str) -> None:
    """A key as a user presses it: to the focused widget of the active window."""
    window.activateWindow()
    keys = QKeySequence(sequence)[0]
    qtbot.keyClick(QApplication.focusWidget() or window, keys.key(), keys.keyboardModifiers())


def test_a_review_with_the_keyboard_alone(qtbot: Any, opened: MainWindow) -> None:
    """Ctrl+1..4 reach the panes, F8 walks the findings, Space decides in the checklist, Tab goes through the
    selected finding's decision in the order it is shown."""
    window = opened
    for sequence, target in (("Ctrl+2", window.input_view), ("Ctrl+3", window.output_view),
                             ("Ctrl+1", window.checklist)):
        key(qtbot, window, sequence)
        assert QApplication.focusWidget() is target, sequence
    first = window.checklist.current_id()
    key(qtbot, window, "F8")
    assert window.checklist.current_id() not in (None, first)
    assert QApplication.focusWidget() is window.checklist
    session = window.session
    assert session is not None
    finding_id = _walk_to_a_decision(qtbot, window)
    accepted = session.finding(finding_id).accepted
    key(qtbot, window, "Space")
    assert session.finding(finding_id).accepted is not accepted
    assert window.checklist.current_id() == finding_id and QApplication.focusWidget() is window.checklist
    key(qtbot, window, "Space")
    assert session.finding(finding_id).accepted is accepted

    # a finding with a value to give: the check box, the note, the value, the explanation
    with_params = next(f for f in session.findings if f.params and f.status != "info")
    window.checklist.select(with_params.id)
    key(qtbot, window, "Ctrl+4")
    detail = window.detail
    assert QApplication.focusWidget() is detail.accept
    assert isinstance(detail.accept, QCheckBox)
    order = [detail.note, *(field.editor for field in detail.fields.values() if field.isEnabled()),
             detail.explanation]
    for expected in order:
        key(qtbot, window, "Tab")
        assert QApplication.focusWidget() is expected, expected.objectName()
    key(qtbot, window, "Ctrl+1")
    assert QApplication.focusWidget() is window.checklist
    assert window.checklist.current_id() == with_params.id


def _walk_to_a_decision(qtbot: Any, window: MainWindow) -> str:
    """F8 past the findings that are for information only: the first one there is something to decide on."""
    session = window.session
    assert session is not None
    while session.finding(window.checklist.current_id()).status == "info":  # type: ignore[arg-type]
        key(qtbot, window, "F8")
    finding_id = window.checklist.current_id()
    assert finding_id is not None
    return finding_id


def test_space_decides_whatever_column_is_current(qtbot: Any, opened: MainWindow) -> None:
    """Right and Left move between a row's cells: Space still accepts the finding of the row."""
    window = opened
    key(qtbot, window, "Ctrl+1")
    session = window.session
    assert session is not None
    finding_id = _walk_to_a_decision(qtbot, window)
    accepted = session.finding(finding_id).accepted
    key(qtbot, window, "Right")
    key(qtbot, window, "Right")
    key(qtbot, window, "Space")
    assert session.finding(finding_id).accepted is not accepted
