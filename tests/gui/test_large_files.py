"""A large manifest never freezes the window (issue 13, defect 7): it is read and checked on a worker behind a
progress dialog with Cancel, the window painting meanwhile; a very long text is shown without colours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from asegui.gui import dialogs, loader
from asegui.gui.code_view import CodeView
from asegui.gui.main_window import MainWindow
from tests.benchmarks.manifests import fpga_manifest

from .conftest import Dialogs


class FakeProgress:
    """What the window asks of a progress dialog, recorded; ``cancel_at``: answer "cancelled" from that value on."""

    def __init__(self, cancel_at: int | None = None) -> None:
        self.values: list[int] = []
        self.maximum = 0
        self.maxima: list[int] = []
        self.labels: list[str] = []
        self.closed = False
        self.cancel_at = cancel_at

    def setValue(self, value: int) -> None:  # noqa: N802
        self.values.append(value)

    def setMaximum(self, value: int) -> None:  # noqa: N802
        self.maximum = value
        self.maxima.append(value)

    def setLabelText(self, text: str) -> None:  # noqa: N802
        self.labels.append(text)

    def wasCanceled(self) -> bool:  # noqa: N802
        return self.cancel_at is not None and bool(self.values) and self.values[-1] >= self.cancel_at

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def large(tmp_path: Path) -> Path:
    path = tmp_path / "site-400.json"
    path.write_bytes(fpga_manifest(400))
    assert path.stat().st_size > loader.IN_BACKGROUND_BYTES
    return path


def _ticking(window: MainWindow) -> list[int]:
    """A timer of the UI thread: it can only tick while the event loop runs."""
    ticks: list[int] = []
    timer = QTimer(window)
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    return ticks


def test_a_large_file_opens_behind_a_progress_dialog_while_the_window_keeps_running(
        qtbot: Any, opened: MainWindow, large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[FakeProgress] = []
    monkeypatch.setattr(dialogs, "progress", lambda *args: shown.append(FakeProgress()) or shown[-1])
    ticks = _ticking(opened)
    assert opened.open_path(str(large))
    assert len(shown) == 1 and shown[0].closed
    progress = shown[0]
    assert progress.values == sorted(progress.values) and progress.values[-1] == max(progress.maxima) > 10
    assert progress.maximum == 0  # then a busy bar while both manifests are prepared
    assert any("rule" in label for label in progress.labels) and "Preparing" in progress.labels[-1]
    assert ticks, "the event loop never ran while the file was read: the window was frozen"
    session = opened.session
    assert session is not None and session.display_name == "site-400.json"
    assert len(opened.checklist.visible_ids()) == len(session.findings) > 1000


def test_cancel_keeps_the_open_document(qtbot: Any, opened: MainWindow, large: Path, captured: Dialogs,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    before = opened.session
    shown: list[FakeProgress] = []
    monkeypatch.setattr(dialogs, "progress", lambda *args: shown.append(FakeProgress(cancel_at=3)) or shown[-1])
    report = loader.SessionLoader._report

    def unhurried(self: loader.SessionLoader, done: int, total: int) -> None:
        import time

        time.sleep(0.02)  # a rule takes a moment, as on a slow machine: the Cancel lands part-way, whatever the load
        report(self, done, total)

    monkeypatch.setattr(loader.SessionLoader, "_report", unhurried)
    assert opened.open_path(str(large)) is False
    assert opened.session is before
    assert shown[0].closed and max(shown[0].values) < max(shown[0].maxima)  # stopped part-way, not at the end
    assert not captured.errors  # a cancel is no error
    assert "cancelled" in opened.statusBar().currentMessage()


def test_a_large_broken_file_says_where_as_a_small_one_does(qtbot: Any, opened: MainWindow, tmp_path: Path,
                                                           captured: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "progress", lambda *args: FakeProgress())
    broken = tmp_path / "broken-large.json"
    text = fpga_manifest(400).decode("utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    assert opened.open_path(str(broken)) is False
    assert len(captured.errors) == 1 and "Line " in captured.errors[0][1]


def test_a_very_long_text_is_shown_without_colours_and_says_so(qtbot: Any, window: MainWindow, sample_copy: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CodeView, "PLAIN_LINES", 100)  # the sample is a few hundred lines
    assert window.open_path(str(sample_copy))
    for view in (window.input_view, window.output_view):
        assert not view.coloured
        assert not view.document().firstBlock().next().layout().formats()
    assert "without colours" in window.input_title.text()
    monkeypatch.setattr(CodeView, "PLAIN_LINES", 100000)
    window.set_accepted(window.session.findings[0].id, False)  # type: ignore[union-attr]
    assert window.output_view.coloured  # a text of ordinary length has its colours again


def test_accept_all_with_only_what_needs_me_updates_the_list_in_one_batch(qtbot: Any, window: MainWindow,
                                                                          tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Accepting every default rewrites hundreds of rows at once: one layout change, each row filtered once. A
    change per row made the filter look again through each row's whole area (the filter is recursive): quadratic,
    a minute at 28 000 findings."""
    from asegui.gui.checklist import NeedsMeFilter
    from asegui.review.session import needs_me

    path = tmp_path / "site-60.json"
    path.write_bytes(fpga_manifest(60))
    assert window.open_path(str(path))
    session = window.session
    assert session is not None
    session.complete()
    window.needs_me_action.setChecked(True)
    calls: list[int] = []
    proxy = window.checklist.proxy
    monkeypatch.setattr(proxy, "filterAcceptsRow",
                        lambda row, parent: calls.append(1) or NeedsMeFilter.filterAcceptsRow(proxy, row, parent))
    layouts: list[int] = []
    window.checklist.proxy.layoutChanged.connect(lambda *_args: layouts.append(1))
    changed = [f.id for f in session.findings if f.status == "review"]
    assert len(changed) > 64
    window.accept_all()
    assert not [f for f in session.findings if f.status == "review"]  # every default confirmed
    assert layouts == [1]
    rows = len(session.findings) + len(session.areas())
    assert 0 < len(calls) <= 2 * rows, f"{len(calls)} filter calls for {rows} rows"
    assert window.checklist.visible_ids() == [f.id for f in session.findings if needs_me(f)]
