"""Issue 13, defect 3: "Only what needs me" stays in step with the decisions.

With the filter on, a finding that stops needing the person leaves the list; the selection and the detail panel
move to a finding still shown (the one that followed it, or the one before it at the end), F8 and Shift+F8 walk on
from there without skipping any, and an empty list says so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from asegui.gui import theme
from asegui.gui.main_window import MainWindow

from .conftest import wait_device
from .test_window import press

EMPTY = "Nothing needs you — export when ready"
IMAGE = "myregistry.azurecr.io/model-host:1.0-gpu"


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (text wants 4.5 or more)."""
    def luminance(colour: QColor) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def filter_on(qtbot: Any, window: MainWindow) -> list[str]:
    window.checklist.setFocus()
    press(qtbot, window, "Ctrl+Shift+M")
    assert window.needs_me_action.isChecked()
    return window.checklist.visible_ids()


def code(window: MainWindow, finding_id: str) -> str:
    assert window.session is not None
    return window.session.finding(finding_id).code


def pick(window: MainWindow, finding_id: str) -> None:
    assert window.checklist.select(finding_id)
    assert window.detail.finding_id == finding_id


def resolve_selected(qtbot: Any, window: MainWindow) -> str:
    """What a person does in the detail panel for the selected finding: give the value it waits for, tick "I have
    done this manual step", or type the note a rejected error needs. Returns the finding's id."""
    session = window.session
    assert session is not None
    finding_id = window.detail.finding_id
    assert finding_id is not None
    finding = session.finding(finding_id)
    if finding.status == "needs input":
        editor = window.detail.fields["image"].editor
        editor.setFocus()
        qtbot.keyClicks(editor, IMAGE)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    elif finding.status == "rejected, reason needed":
        note = window.detail.note
        note.setFocus()
        qtbot.keyClicks(note, "handled outside the manifest")
        qtbot.keyClick(note, Qt.Key.Key_Return)
    else:
        box = window.detail.accept
        assert finding.applicability == "manual" and box.isVisible() and not box.isChecked()
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    wait_device(qtbot, window)
    assert finding_id not in window.checklist.visible_ids()
    return finding_id


def assert_on_shown(window: MainWindow, finding_id: str) -> None:
    """The checklist's selection and the detail panel are both on ``finding_id``, a finding shown."""
    assert finding_id in window.checklist.visible_ids()
    assert window.checklist.current_id() == finding_id
    assert window.detail.finding_id == finding_id


def test_resolving_the_last_needing_row_of_an_area_moves_the_detail_to_a_shown_finding(
        qtbot: Any, opened: MainWindow) -> None:
    shown = filter_on(qtbot, opened)
    alone = next(i for i in shown if code(opened, i) == "NET007")  # the only networking row that needs the user
    assert [code(opened, i) for i in shown].count("NET007") == 1
    pick(opened, alone)
    resolve_selected(qtbot, opened)
    after = shown[shown.index(alone) + 1]
    assert_on_shown(opened, after)
    assert opened.checklist.visible_ids() == [i for i in shown if i != alone]


def test_resolving_the_last_shown_finding_selects_the_one_before(qtbot: Any, opened: MainWindow) -> None:
    shown = filter_on(qtbot, opened)
    pick(opened, shown[-1])
    resolve_selected(qtbot, opened)
    assert_on_shown(opened, shown[-2])


def test_resolving_a_row_with_a_sibling_selects_the_one_that_followed_and_f8_skips_nothing(
        qtbot: Any, opened: MainWindow) -> None:
    shown = filter_on(qtbot, opened)
    assert code(opened, shown[0]) == code(opened, shown[1]) == "STO005"  # two rows in the storage area
    pick(opened, shown[1])  # the second: its sibling is before it, the networking area after it
    resolve_selected(qtbot, opened)
    rest = opened.checklist.visible_ids()
    assert rest == [shown[0], *shown[2:]]
    assert_on_shown(opened, shown[2])  # the one that followed, not the sibling before it
    for expected in rest[2:]:
        press(qtbot, opened, "F8")
        assert_on_shown(opened, expected)
    for expected in reversed(rest[:-1]):
        press(qtbot, opened, "Shift+F8")
        assert_on_shown(opened, expected)
    press(qtbot, opened, "Shift+F8")  # wraps round, as without the filter
    assert_on_shown(opened, rest[-1])


def test_a_note_on_a_rejected_error_moves_to_the_finding_that_followed(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    proxy = next(f for f in session.findings if f.code == "PRX001" and f.module == "edgeHub")
    naming = next(f for f in session.findings if f.code == "NAM003")
    for error in (proxy, naming):  # reject two fixes: each error now waits for a reason
        pick(opened, error.id)
        opened.detail.accept.setFocus()
        qtbot.keyClick(opened.detail.accept, Qt.Key.Key_Space)
        wait_device(qtbot, opened)
        assert session.finding(error.id).status == "rejected, reason needed"
    shown = filter_on(qtbot, opened)
    assert shown[-2:] == [proxy.id, naming.id]  # alone in their areas, at the end of the list
    pick(opened, proxy.id)
    resolve_selected(qtbot, opened)
    assert_on_shown(opened, naming.id)
    press(qtbot, opened, "Shift+F8")
    assert_on_shown(opened, shown[-3])
    press(qtbot, opened, "F8")
    assert_on_shown(opened, naming.id)
    press(qtbot, opened, "F8")
    assert_on_shown(opened, shown[0])


def test_resolving_everything_shows_the_empty_state_and_no_selection(qtbot: Any, opened: MainWindow) -> None:
    shown = filter_on(qtbot, opened)
    empty = opened.checklist.empty_label
    assert not empty.isVisible()
    pick(opened, shown[0])
    resolved = []
    while opened.checklist.visible_ids():
        resolved.append(resolve_selected(qtbot, opened))
        if opened.checklist.visible_ids():
            assert opened.detail.finding_id in opened.checklist.visible_ids()
    assert resolved == shown  # each time the one that followed: none skipped
    assert empty.isVisible() and empty.text() == EMPTY
    assert empty.accessibleName() == EMPTY
    assert opened.checklist.current_id() is None
    assert opened.detail.finding_id is None
    assert not opened.detail.accept.isVisible() and not opened.detail.note.isVisible()
    # readable in both palettes: the text role over the list's own background (Base), whichever palette is on
    assert empty.foregroundRole() == QPalette.ColorRole.Text and not empty.autoFillBackground()
    for dark in (False, True):
        opened.dark_action.setChecked(dark)
        try:
            qtbot.wait(10)
            text = empty.palette().color(empty.foregroundRole())
            base = opened.checklist.viewport().palette().color(QPalette.ColorRole.Base)
            assert contrast(text, base) >= 4.5
        finally:
            opened.dark_action.setChecked(False)
    for palette in (QApplication.style().standardPalette(), theme.dark_palette()):
        assert contrast(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)) >= 4.5
    press(qtbot, opened, "F8")  # nothing to go to: nothing happens
    assert opened.checklist.current_id() is None and empty.isVisible()


def test_filter_off_restores_the_full_list_and_keeps_the_selection(qtbot: Any, opened: MainWindow) -> None:
    everything = opened.checklist.visible_ids()
    shown = filter_on(qtbot, opened)
    alone = next(i for i in shown if code(opened, i) == "NET007")
    pick(opened, alone)
    resolve_selected(qtbot, opened)
    kept = opened.checklist.current_id()
    assert kept == shown[shown.index(alone) + 1]
    press(qtbot, opened, "Ctrl+Shift+M")
    assert not opened.needs_me_action.isChecked()
    assert opened.checklist.visible_ids() == everything
    assert_on_shown(opened, kept)


def test_filter_off_after_the_empty_state_restores_the_list(qtbot: Any, opened: MainWindow) -> None:
    everything = opened.checklist.visible_ids()
    shown = filter_on(qtbot, opened)
    pick(opened, shown[0])
    while opened.checklist.visible_ids():
        resolve_selected(qtbot, opened)
    assert opened.checklist.empty_label.isVisible()
    press(qtbot, opened, "Ctrl+Shift+M")
    assert opened.checklist.visible_ids() == everything
    assert not opened.checklist.empty_label.isVisible()
    current = opened.checklist.current_id()
    assert current is not None
    assert_on_shown(opened, current)
