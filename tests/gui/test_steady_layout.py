"""A decision changes what the panels say, not where they are: toggling a finding leaves the splitters and the
detail panel's widgets where they were (a pane that jumps on every click is hard to read, and a relayout of the
whole window is most of what a toggle costs)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from asegui.gui.main_window import MainWindow

from .conftest import wait_device


class _ShownAndHidden(QObject):
    """Counts Show and Hide events of the detail panel's own widgets."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__()
        self.panel = panel
        self.events: list[tuple[str, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QWidget) \
                and watched.parent() is self.panel:
            self.events.append((event.type().name, watched.objectName()))
        return False


def _toggled_findings(window: MainWindow) -> list[str]:
    """One finding of each code whose fix can be turned on and off."""
    assert window.session is not None
    seen: dict[str, str] = {}
    for finding in window.session.findings:
        if finding.applicability in ("auto", "choice") and finding.code not in seen:
            seen[finding.code] = finding.id
    return list(seen.values())


def test_toggling_a_finding_moves_no_splitter(qtbot: Any, opened: MainWindow) -> None:
    ids = _toggled_findings(opened)
    assert len(ids) >= 5
    for finding_id in ids:
        opened.checklist.select(finding_id)
        QApplication.processEvents()
        before = (opened.main_splitter.sizes(), opened.bottom_splitter.sizes(), opened.panes_splitter.sizes())
        for _twice in range(2):
            accepted = opened.session.finding(finding_id).accepted  # type: ignore[union-attr]
            opened.checklist.setFocus()
            qtbot.keyClick(opened.checklist, Qt.Key.Key_Space)
            assert opened.session.finding(finding_id).accepted != accepted  # type: ignore[union-attr]
            QApplication.processEvents()
            after = (opened.main_splitter.sizes(), opened.bottom_splitter.sizes(), opened.panes_splitter.sizes())
            assert after == before, opened.session.finding(finding_id).code  # type: ignore[union-attr]
        wait_device(qtbot, opened)


def test_showing_a_finding_again_shows_and_hides_nothing_that_stays(qtbot: Any, opened: MainWindow) -> None:
    """A refresh of the finding shown sets each widget's visibility once: a widget shown and hidden again in one
    pass makes the layout run twice."""
    watch = _ShownAndHidden(opened.detail)
    QApplication.instance().installEventFilter(watch)  # type: ignore[union-attr]
    try:
        for finding_id in _toggled_findings(opened):
            opened.checklist.select(finding_id)
            QApplication.processEvents()
            watch.events.clear()
            opened.set_accepted(finding_id, not opened.session.finding(finding_id).accepted)  # type: ignore[union-attr]
            QApplication.processEvents()
            shown = {name for kind, name in watch.events if kind == "Show"}
            hidden = {name for kind, name in watch.events if kind == "Hide"}
            assert not shown & hidden, (opened.session.finding(finding_id).code, watch.events)  # type: ignore
    finally:
        QApplication.instance().removeEventFilter(watch)  # type: ignore[union-attr]
