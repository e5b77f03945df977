"""The first screen after opening a file: the selected finding is in view in both manifests (issue 13, defect 8)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from asegui.gui.app import build_window
from asegui.gui.code_view import CodeView
from asegui.gui.main_window import MainWindow

from .conftest import wait_device


def _shows(view: CodeView, ranges: list[tuple[int, int]]) -> bool:
    first, last = view.visible_lines()
    return any(start <= last and end >= first for start, end in ranges)


def _assert_selection_in_view(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    current = window.checklist.current_id()
    assert current is not None
    finding = session.finding(current)
    for side, view in (("input", window.input_view), ("output", window.output_view)):
        ranges = session.lines(finding, side, window.form)
        assert ranges, f"{finding.id} has no lines on the {side} side"
        assert min(start for start, _end in ranges) > view.visible_lines()[1] - view.visible_lines()[0], \
            "a finding near the top would prove nothing: the test needs one below the first screen"
        assert _shows(view, ranges), f"{side}: lines {ranges} selected, lines {view.visible_lines()} shown"


def test_opening_a_file_in_the_shown_window_scrolls_both_panes_to_the_selected_finding(
        qtbot: Any, window: MainWindow, sample_copy: Path) -> None:
    assert window.open_path(str(sample_copy))
    wait_device(qtbot, window)
    qtbot.wait(50)  # the layout of both documents and the scroll bars' ranges settle after the first frame
    _assert_selection_in_view(window)


def test_the_window_started_with_a_file_shows_the_selected_finding(qtbot: Any, tmp_path: Path,
                                                                  sample_copy: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(argparse.Namespace(file=str(sample_copy), dark=False, screenshot=None, select=None),
                          settings)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    wait_device(qtbot, window)
    qtbot.wait(50)
    _assert_selection_in_view(window)


def test_the_collector_rests_from_the_application_to_the_first_frame(tmp_path: Path, sample_copy: Path) -> None:
    """As `asegui FILE` starts: no collection runs between making the application and the first frame (start-up
    makes what lives as long as the app), and the collector is back on once the frame is painted."""
    import os
    import subprocess
    import sys
    import textwrap

    root = Path(__file__).resolve().parents[2]
    code = textwrap.dedent(f"""
        import argparse, gc, time
        from PySide6.QtCore import QSettings
        from asegui.gui import app
        runs = []
        gc.callbacks.append(lambda phase, info: phase == "start" and runs.append((info["generation"], gc.isenabled())))
        application = app._application(False, fusion=False)
        assert not gc.isenabled()
        settings = QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat)
        window = app.build_window(argparse.Namespace(file={str(sample_copy)!r}, dark=False, screenshot=None,
                                                     select=None), settings)
        assert not gc.isenabled(), "the collector is on before the first frame"
        assert not runs, f"collections before the first frame: {{runs}}"
        deadline = time.monotonic() + 10
        while not gc.isenabled() and time.monotonic() < deadline:
            application.processEvents()
        print(gc.isenabled(), len(runs))
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "0"]
