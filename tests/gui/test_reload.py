"""The open file changes on disk (issue 13): the window reads it again and keeps every decision by finding id; a file
that cannot be read now, or is gone, leaves the window as it was and says so."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from asegui.gui.main_window import MainWindow

from .conftest import wait_device
from .test_window import share_id


def _rewrite(path: Path, old: str, new: str, atomic: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    if atomic:  # as most editors save: a new file renamed over the old one
        temporary = path.with_suffix(".tmp")
        temporary.write_text(text.replace(old, new), encoding="utf-8")
        os.replace(temporary, path)
    else:
        path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_change_on_disk_reloads_and_keeps_the_decisions(qtbot: Any, opened: MainWindow, sample_copy: Path) -> None:
    cloudout = share_id(opened, "cloudout")
    opened.set_accepted(cloudout, False)
    before = opened.session
    _rewrite(sample_copy, "Logging:LogLevel=Debug", "Logging:LogLevel=Warning")
    qtbot.waitUntil(lambda: opened.session is not before, timeout=5000)
    wait_device(qtbot, opened)
    session = opened.session
    assert session is not None
    assert "Logging__LogLevel=Warning" in opened.output_view.toPlainText()  # the new text, converted
    assert not session.finding(cloudout).accepted  # the decision taken before the change is kept
    assert opened.isWindowModified()  # and still unsaved
    assert "Reloaded fpga-sample.json" in opened.statusBar().currentMessage()
    assert "1 decision(s) kept" in opened.statusBar().currentMessage()


def test_an_editors_save_by_rename_is_followed_too(qtbot: Any, opened: MainWindow, sample_copy: Path) -> None:
    before = opened.session
    _rewrite(sample_copy, "Logging:LogLevel=Debug", "Logging:LogLevel=Error", atomic=True)
    qtbot.waitUntil(lambda: opened.session is not before, timeout=5000)
    assert "Logging__LogLevel=Error" in opened.output_view.toPlainText()
    assert not opened.isWindowModified()  # no decisions of its own: nothing to save
    second = opened.session
    _rewrite(sample_copy, "Logging:LogLevel=Error", "Logging:LogLevel=Info", atomic=True)  # still watched
    qtbot.waitUntil(lambda: opened.session is not second, timeout=5000)
    assert "Logging__LogLevel=Info" in opened.output_view.toPlainText()


def test_a_file_broken_on_disk_leaves_the_window_as_it_was(qtbot: Any, opened: MainWindow, sample_copy: Path) -> None:
    before, text = opened.session, opened.output_view.toPlainText()
    sample_copy.write_text('{"modulesContent": {', encoding="utf-8")
    qtbot.waitUntil(lambda: "cannot be read now" in opened.statusBar().currentMessage(), timeout=5000)
    assert opened.session is before and opened.output_view.toPlainText() == text


def test_a_touch_without_a_change_does_not_reload(qtbot: Any, opened: MainWindow, sample_copy: Path) -> None:
    before = opened.session
    sample_copy.write_bytes(sample_copy.read_bytes())
    qtbot.wait(800)
    assert opened.session is before
