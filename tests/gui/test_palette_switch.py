"""Switching the application palette while the window is open re-derives every colour from the new palette
(issue 13, defect 4): code panes, checklist rows, labels and the toolbar's arrows stay readable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolButton

from asegui.gui import theme
from asegui.gui.main_window import MainWindow

READABLE = 4.5  # WCAG AA for body text


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def application() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = QPalette(app.palette())
    try:
        yield app
    finally:  # other tests see the palette they started with
        app.setPalette(light)
        QApplication.processEvents()


def switch(qtbot: Any, app: QApplication, palette: QPalette) -> None:
    app.setPalette(palette)
    QApplication.processEvents()
    qtbot.wait(10)


def code_view_problems(window: MainWindow) -> list[str]:
    problems = []
    for view in (window.input_view, window.output_view):
        pal = view.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        if contrast(text, base) < READABLE:
            problems.append(f"{view.objectName()} text {text.name()} on {base.name()}")
        block = view.document().firstBlock()
        for _ in range(40):  # the highlighter's formats, as the first lines are painted with them
            for span in block.layout().formats():
                colour = span.format.foreground().color()
                if contrast(colour, base) < READABLE:
                    problems.append(f"{view.objectName()} line {block.blockNumber() + 1}: {colour.name()} on "
                                    f"{base.name()}")
            block = block.next()
    return problems


def checklist_problems(window: MainWindow) -> list[str]:
    checklist = window.checklist
    model = checklist.model()
    pal = checklist.palette()
    base = pal.color(QPalette.ColorRole.Base)
    problems = []
    seen = 0

    def visit(parent: QModelIndex) -> None:
        nonlocal seen
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                foreground = model.data(index, Qt.ItemDataRole.ForegroundRole)
                colour = foreground.color() if hasattr(foreground, "color") else foreground
                colour = colour if isinstance(colour, QColor) else pal.color(QPalette.ColorRole.Text)
                seen += 1
                if contrast(colour, base) < READABLE:
                    problems.append(f"checklist {index.data()!r}: {colour.name()} on {base.name()}")
            visit(model.index(row, 0, parent))

    visit(QModelIndex())
    assert seen > 10
    return problems


def label_problems(window: MainWindow) -> list[str]:
    problems = []
    labels = [window.input_title, window.output_title, window.checklist_title, window.summary,
              window.device_pane.summary, *window.detail.findChildren(QLabel)]
    for label in labels:
        if not label.isVisibleTo(window) or not label.text():
            continue
        pal = label.palette()
        background = pal.color(label.backgroundRole())
        foreground = pal.color(label.foregroundRole())
        if contrast(foreground, background) < READABLE:
            problems.append(f"{label.objectName() or label.text()[:30]!r}: {foreground.name()} on "
                            f"{background.name()}")
        for colour in _span_colours(label.text()):
            if contrast(colour, background) < 3:  # a sign (⚠) beside words: WCAG's non-text contrast
                problems.append(f"{label.objectName()!r} coloured span {colour.name()} on {background.name()}")
    return problems


def _span_colours(text: str) -> list[QColor]:
    import re

    return [QColor(found) for found in re.findall(r"color:\s*(#[0-9a-fA-F]{6})", text)]


def arrow_problems(window: MainWindow) -> list[str]:
    problems = []
    toolbar = window.toolbar
    background = toolbar.palette().color(toolbar.backgroundRole())
    for action in (window.previous_action, window.next_action, window.undo_action, window.redo_action):
        button = toolbar.widgetForAction(action)
        assert isinstance(button, QToolButton)
        image = action.icon().pixmap(button.iconSize()).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        best, drawn = 0.0, 0
        for y in range(image.height()):
            for x in range(image.width()):
                pixel = image.pixelColor(x, y)
                if pixel.alpha() < 200:
                    continue
                drawn += 1
                best = max(best, contrast(pixel, background))
        if drawn == 0 or best < READABLE:
            problems.append(f"{action.text()!r} arrow: best contrast {best:.2f} on {background.name()}")
    return problems


def all_problems(window: MainWindow) -> list[str]:
    return code_view_problems(window) + checklist_problems(window) + label_problems(window) + arrow_problems(window)


def test_a_live_palette_switch_keeps_everything_readable(qtbot: Any, opened: MainWindow,
                                                         application: QApplication) -> None:
    window = opened
    light = QPalette(application.palette())
    assert not theme.is_dark(light)
    problems = {"light": all_problems(window)}
    switch(qtbot, application, theme.dark_palette())
    assert window.palette_is_dark()
    problems["dark, switched live"] = all_problems(window)
    switch(qtbot, application, light)
    assert not window.palette_is_dark()
    problems["light, switched back"] = all_problems(window)
    assert problems == {phase: [] for phase in problems}, "\n".join(
        f"{phase}: {problem}" for phase, found in problems.items() for problem in found)


def test_the_arrows_follow_the_palette_they_are_drawn_in(qtbot: Any, window: MainWindow,
                                                          application: QApplication) -> None:
    """The arrows are drawn anew for each palette, in its button text colour (not the style's black)."""
    switch(qtbot, application, theme.dark_palette())
    toolbar_text = window.toolbar.palette().color(QPalette.ColorRole.ButtonText)
    image = window.next_action.icon().pixmap(16, 16).toImage()
    drawn = [image.pixelColor(x, y) for y in range(16) for x in range(16) if image.pixelColor(x, y).alpha() == 255]
    assert drawn and all(contrast(colour, toolbar_text) < 1.2 for colour in drawn)
