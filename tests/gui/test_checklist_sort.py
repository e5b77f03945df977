"""Sorting the checklist (issue 13): by a header click or from View › Sort the checklist by; each area's findings
sort by the column's value (severity and status by weight), the areas stay in catalogue order; back to the
catalogue's order from the menu or a third click."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt

from asegui.gui.checklist import _STATUS_WEIGHT, AREA_ROLE, ID_ROLE
from asegui.gui.main_window import MainWindow

from .test_window import press, share_id

WEIGHT = {"error": 0, "warning": 1, "info": 2}


def _areas_and_ids(window: MainWindow) -> list[tuple[str, list[str]]]:
    proxy = window.checklist.proxy
    shown = []
    for row in range(proxy.rowCount()):
        area = proxy.index(row, 0)
        ids = [proxy.index(child, 0, area).data(ID_ROLE) for child in range(proxy.rowCount(area))]
        shown.append((area.data(AREA_ROLE), ids))
    return shown


def _click_header(qtbot: Any, window: MainWindow, column: int) -> None:
    header = window.checklist.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_a_header_click_sorts_each_area_by_severity_and_the_menu_follows(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    catalogue = _areas_and_ids(opened)
    _click_header(qtbot, opened, 1)  # Severity
    shown = _areas_and_ids(opened)
    assert [area for area, _ids in shown] == [area for area, _ids in catalogue]  # areas keep their order
    for (_area, ids), (_same, before) in zip(shown, catalogue, strict=True):
        assert sorted(ids) == sorted(before)
        weights = [WEIGHT[session.finding(i).severity] for i in ids]
        assert weights == sorted(weights)
    assert opened.sort_actions[1].isChecked()
    _click_header(qtbot, opened, 1)  # the other way
    for _area, ids in _areas_and_ids(opened):
        weights = [WEIGHT[session.finding(i).severity] for i in ids]
        assert weights == sorted(weights, reverse=True)
    assert [area for area, _ids in _areas_and_ids(opened)] == [area for area, _ids in catalogue]


def test_the_menu_sorts_by_module_and_goes_back_to_the_catalogue(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    catalogue = _areas_and_ids(opened)
    opened.sort_actions[2].trigger()  # Module
    for _area, ids in _areas_and_ids(opened):
        modules = [(session.finding(i).module or "").casefold() for i in ids]
        assert modules == sorted(modules)
    opened.sort_actions[-1].trigger()
    assert _areas_and_ids(opened) == catalogue
    assert opened.checklist.header().sortIndicatorSection() == -1


def test_f8_follows_the_order_shown_and_the_selection_stays_through_a_sort(qtbot: Any, opened: MainWindow) -> None:
    selected = opened.checklist.current_id()
    opened.sort_actions[4].trigger()  # Status: what needs a person first
    assert opened.checklist.current_id() == selected
    ids = opened.checklist.visible_ids()
    opened.checklist.select(ids[0])
    press(qtbot, opened, "F8")
    assert opened.checklist.current_id() == ids[1]


def test_a_decision_keeps_the_sorted_order(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    opened.sort_actions[4].trigger()
    opened.set_accepted(share_id(opened, "cloudout"), False)  # its status changes: it moves within its area
    for _area, ids in _areas_and_ids(opened):
        weights = [_STATUS_WEIGHT[str(session.finding(i).status)] for i in ids]
        assert weights == sorted(weights)
