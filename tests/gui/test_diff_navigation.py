"""What diff-tool users reach for (issue 13): change to change with Alt+Down/Alt+Up, and a changed line clicked (or
entered) selects the finding behind it. Driven through the real window, with real keys and clicks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from asegui.gui import theme
from asegui.gui.code_view import CodeView
from asegui.gui.main_window import MainWindow

from .test_window import press


def _caret_line(view: CodeView) -> int:
    return view.textCursor().blockNumber() + 1


def test_alt_down_and_up_go_from_change_to_change_in_the_focused_pane(qtbot: Any, opened: MainWindow) -> None:
    view = opened.output_view
    starts = view.change_starts()
    assert len(starts) >= 3
    assert all(line - 1 not in view.changes for line in starts)  # each start begins a run of marked lines
    view.setFocus()
    view.setTextCursor(QTextCursor(view.document().findBlockByNumber(0)))
    press(qtbot, opened, "Alt+Down")
    assert _caret_line(view) == starts[0]
    press(qtbot, opened, "Alt+Down")
    assert _caret_line(view) == starts[1]
    first, last = view.visible_lines()
    assert first <= starts[1] <= last  # brought into view
    press(qtbot, opened, "Alt+Up")
    assert _caret_line(view) == starts[0]
    press(qtbot, opened, "Alt+Up")
    assert _caret_line(view) == starts[0]  # nothing above: it stays, and says so
    assert "No more changes above" in opened.statusBar().currentMessage()


def test_the_input_pane_has_its_own_changes_and_the_other_pane_follows(qtbot: Any, opened: MainWindow) -> None:
    source, other = opened.input_view, opened.output_view
    source.setFocus()
    source.setTextCursor(QTextCursor(source.document().findBlockByNumber(0)))
    source.scroll_to_line(1)
    other.scroll_to_line(1)
    qtbot.wait(10)
    starts = source.change_starts()
    for _ in range(len(starts)):
        press(qtbot, opened, "Alt+Down")
    assert _caret_line(source) == starts[-1]
    assert other.top_line() > 1  # scrolling is locked: the GPU manifest came along
    press(qtbot, opened, "Alt+Down")
    assert "No more changes below" in opened.statusBar().currentMessage()


def _line_point(view: CodeView, line: int) -> Any:
    block = view.document().findBlockByNumber(line - 1)
    view.show_range([], scroll=False)
    view.verticalScrollBar().setValue(max(0, line - 5))
    return view.cursorRect(QTextCursor(block)).center()


def _changed_line_elsewhere(window: MainWindow, side: str) -> tuple[CodeView, str | None, int]:
    """A pane, the finding selected now, and a changed line of that pane outside that finding's lines."""
    session = window.session
    assert session is not None
    view = window.input_view if side == "input" else window.output_view
    before = window.checklist.current_id()
    assert before is not None
    target = next(line for line in sorted(view.changes)
                  if not any(first <= line <= last for first, last in session.lines(session.finding(before), side)))
    return view, before, target


def _holds(window: MainWindow, finding_id: str | None, side: str, line: int) -> bool:
    session = window.session
    assert session is not None and finding_id is not None
    return any(first <= line <= last for first, last in session.lines(session.finding(finding_id), side))


def test_clicking_a_changed_line_selects_the_finding_behind_it(qtbot: Any, opened: MainWindow) -> None:
    view, before, target = _changed_line_elsewhere(opened, "output")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_line_point(view, target))
    chosen = opened.checklist.current_id()
    assert chosen is not None and chosen != before
    assert _holds(opened, chosen, "output", target)
    assert opened.detail.finding_id == chosen


def test_enter_on_a_changed_line_does_what_a_click_does(qtbot: Any, opened: MainWindow) -> None:
    view, before, target = _changed_line_elsewhere(opened, "input")
    view.setFocus()
    view.setTextCursor(QTextCursor(view.document().findBlockByNumber(target - 1)))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    chosen = opened.checklist.current_id()
    assert chosen != before
    assert _holds(opened, chosen, "input", target)


def test_a_click_on_an_unchanged_line_leaves_the_selection(qtbot: Any, opened: MainWindow) -> None:
    view = opened.output_view
    before = opened.checklist.current_id()
    plain = next(line for line in range(1, view.blockCount()) if line not in view.changes)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_line_point(view, plain))
    assert opened.checklist.current_id() == before


def test_the_change_map_shows_where_the_changes_are_and_a_click_goes_there(qtbot: Any, opened: MainWindow) -> None:
    view = opened.output_view
    strip = view.change_map
    assert strip.isVisible() and strip.width() > 0 and strip.accessibleName()
    assert strip.geometry().left() > view.viewport().geometry().right()  # beside the text, before the scroll bar
    image = strip.grab().toImage()
    colours = {theme.change_colour(kind, view.palette()).rgb() for kind in set(view.changes.values())}
    marked = {y for y in range(image.height()) if image.pixelColor(4, y).rgb() in colours}
    assert marked  # the changes are drawn
    view.scroll_to_line(1)
    last = max(view.changes)
    y = (last - 1) * strip.height() // view.blockCount() + 1
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(strip.width() // 2, y))
    first, shown_last = view.visible_lines()
    assert first <= last <= shown_last  # the click brought that change into view
    assert abs(strip.line_at(y) - last) <= max(1, view.blockCount() // strip.height() + 1)


def test_what_changed_inside_a_changed_line_is_marked(qtbot: Any, opened: MainWindow) -> None:
    """Env names have ':' replaced by '__' for Kubernetes: inside the changed line, just those characters."""
    view = opened.output_view
    line = next(n for n in sorted(view.changes) if "Logging__LogLevel" in view.line_text(n))
    text = view.line_text(line)
    start = text.index("__")
    assert view.intraline(line) == ((start, start + 2),)
    assert opened.input_view.intraline(view.partners[line]) == ((text.index("__"), text.index("__") + 1),)  # ':'
    view.verticalScrollBar().setValue(max(0, line - 5))
    qtbot.wait(10)
    block = view.document().findBlockByNumber(line - 1)
    layout = block.layout()
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
    x = layout.lineAt(0).cursorToX(start)[0] + view.contentOffset().x()
    image = view.viewport().grab().toImage()
    # under the underscores (not on a glyph's stroke): the marked colour; before them, the plain base
    marked = image.pixelColor(int(x) + 1, int(top) + 1)
    plain = image.pixelColor(int(layout.lineAt(0).cursorToX(1)[0] + view.contentOffset().x()) + 1, int(top) + 1)
    assert marked.rgb() == theme.intraline_background(view.palette()).rgb()
    assert plain.rgb() != marked.rgb()


def test_alt_down_on_a_drop_down_list_still_opens_it(qtbot: Any, opened: MainWindow) -> None:
    combo = opened.device_pane.service_type
    combo.setFocus()
    top = opened.output_view.top_line()
    press(qtbot, opened, "Alt+Down")
    qtbot.waitUntil(lambda: combo.view().isVisible(), timeout=2000)
    assert opened.output_view.top_line() == top
    combo.hidePopup()
