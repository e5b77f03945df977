"""The checklist rewrites only the rows a decision changed; whatever the decisions, undos and redos, every row says
what the session says of its finding — including a finding whose text names what another finding's decision makes
(STO005 names the share that STO001's decision mounts)."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtCore import Qt

from asegui.gui.checklist import ID_ROLE
from asegui.gui.main_window import MainWindow

from .conftest import wait_device
from .test_window import press


def _rows(window: MainWindow) -> dict[str, tuple[Any, str, str]]:
    """Each finding row as the model holds it: the check state, the message, the status word."""
    model = window.checklist.source
    rows = {}
    for area in range(model.rowCount()):
        head = model.item(area, 0)
        for child in range(head.rowCount()):
            accept, message, status = head.child(child, 0), head.child(child, 3), head.child(child, 4)
            rows[accept.data(ID_ROLE)] = (accept.data(Qt.ItemDataRole.CheckStateRole), message.text(), status.text())
    return rows


def _expected(window: MainWindow) -> dict[str, tuple[Any, str, str]]:
    session, model = window.session, window.checklist.source
    assert session is not None
    return {f.id: (None if f.status == "info" else Qt.CheckState.Checked if f.accepted else Qt.CheckState.Unchecked,
                   f.message, model.status_word(f.status)) for f in session.findings}


def test_rows_follow_every_decision_undo_and_redo(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    choices = [f.id for f in session.findings if f.status != "info"]
    pick = random.Random(13)
    for _step in range(25):
        action = pick.random()
        if action < 0.6:
            finding_id = pick.choice(choices)
            opened.set_accepted(finding_id, not session.finding(finding_id).accepted)
        elif action < 0.8:
            press(qtbot, opened, "Ctrl+Z")
        else:
            press(qtbot, opened, "Ctrl+Shift+Z")
        assert _rows(opened) == _expected(opened)
        wait_device(qtbot, opened)
        assert _rows(opened) == _expected(opened)


def test_a_row_that_names_another_findings_outcome_follows_it(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    bind = next(f for f in session.findings if f.code == "STO001" and f.values.get("share") == "localin")
    share = next(f for f in session.findings if f.code == "STO005" and f.pointer == bind.pointer)
    assert _rows(opened)[share.id][1].startswith('Create share "localin"')
    opened.set_accepted(bind.id, False)  # the bind stays a folder of the node: no share to create
    assert _rows(opened)[share.id][1].startswith('No share to create for "localin"')
    assert _rows(opened)[share.id][1] == session.finding(share.id).message
    press(qtbot, opened, "Ctrl+Z")
    assert _rows(opened)[share.id][1].startswith('Create share "localin"')
