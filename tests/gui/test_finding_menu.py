"""A finding's right-click menu (issue 13): accept or reject, explain, copy its id or message; by mouse on any row,
by the keyboard's menu key on the current one. The menu is shown through the dialog seam, which records it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from asegui.gui import dialogs
from asegui.gui.main_window import MainWindow

from .test_window import share_id


@pytest.fixture
def menus(monkeypatch: pytest.MonkeyPatch) -> list[QMenu]:
    shown: list[QMenu] = []
    monkeypatch.setattr(dialogs, "popup", lambda menu, position: shown.append(menu))
    return shown


def _action(menu: QMenu, text: str) -> Any:
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def _right_click(window: MainWindow, finding_id: str) -> None:
    view = window.checklist
    index = view.proxy.mapFromSource(view.source.index_of(finding_id))
    view.scrollTo(index)
    point = view.visualRect(index).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)


def test_right_click_on_a_row_offers_its_decision_and_rejecting_works(opened: MainWindow, menus: list[QMenu]) -> None:
    target = share_id(opened, "cloudout")
    _right_click(opened, target)
    assert len(menus) == 1
    assert opened.checklist.current_id() == target  # the row clicked is the one the menu is about
    accept, reject = _action(menus[0], "Accept the change"), _action(menus[0], "Reject the change")
    assert not accept.isEnabled() and reject.isEnabled()  # accepted by default: only rejecting makes sense
    reject.trigger()
    session = opened.session
    assert session is not None and not session.finding(target).accepted
    assert opened.isWindowModified()
    _right_click(opened, target)
    assert _action(menus[1], "Accept the change").isEnabled()


def test_copy_id_and_explain(qtbot: Any, opened: MainWindow, menus: list[QMenu]) -> None:
    target = share_id(opened)
    _right_click(opened, target)
    _action(menus[0], "Copy finding id").trigger()
    assert QGuiApplication.clipboard().text() == target
    _action(menus[0], "Explain STO001").trigger()
    assert opened.detail.finding_id == target
    assert QApplication.focusWidget() is opened.detail.explanation
    assert "edge share" in opened.detail.explanation.toPlainText().lower()


def test_a_manual_step_is_marked_done_and_the_menu_key_opens_the_current_findings_menu(
        opened: MainWindow, menus: list[QMenu]) -> None:
    session = opened.session
    assert session is not None
    manual = next(f for f in session.findings if f.applicability == "manual" and not f.accepted)
    opened.checklist.select(manual.id)
    opened.checklist.setFocus()
    view = opened.checklist
    QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0)))
    assert len(menus) == 1
    _action(menus[0], "Mark as done").trigger()
    assert session.finding(manual.id).accepted


def test_a_copied_message_keeps_secrets_masked(opened: MainWindow, menus: list[QMenu]) -> None:
    session = opened.session
    assert session is not None
    for finding in session.findings:
        _right_click(opened, finding.id)
        _action(menus[-1], "Copy message").trigger()
        assert "s3cr3t-Regi$try-Passw0rd" not in QGuiApplication.clipboard().text()
