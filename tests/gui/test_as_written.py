"""View › FPGA file as written (issue 13): the input's own text with its comments; MAN007's line numbers are its
lines, and every finding is highlighted where it is written (createOptions: the string's line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from asegui.gui.main_window import MainWindow

from .test_window import press, share_id


def _with_comments(sample: Path, target: Path) -> Path:
    lines = sample.read_text(encoding="utf-8").split("\n")
    lines.insert(1, "  // the loading dock's FPGA box")
    lines.insert(4, "  /* reviewed by site team */")
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def test_the_file_as_written_shows_its_comments_where_man007_says(qtbot: Any, window: MainWindow,
                                                                  sample_copy: Path) -> None:
    path = _with_comments(sample_copy, sample_copy.with_name("commented.json"))
    assert window.open_path(str(path))
    session = window.session
    assert session is not None
    comments = next(f for f in session.findings if f.code == "MAN007")
    assert "2" in comments.message and "5" in comments.message
    converted = window.input_view.toPlainText()
    assert "loading dock" not in converted
    press(qtbot, window, "Ctrl+Shift+O")
    assert window.as_written_action.isChecked()
    assert window.input_view.toPlainText() == session.masked(path.read_text(encoding="utf-8"))  # secrets masked
    assert "as written" in window.input_title.text()
    assert not window.input_view.changes  # the marks count the converted lines, not these
    window.checklist.select(comments.id)
    assert window.input_view.ranges == [(2, 2), (5, 5)]
    assert "//" in window.input_view.line_text(2) and "/*" in window.input_view.line_text(5)
    window.checklist.select(share_id(window))
    (first, last), = window.input_view.ranges
    assert first == last and '"createOptions"' in window.input_view.line_text(first)  # one string, as written
    assert "localin" in window.input_view.line_text(first)
    press(qtbot, window, "Ctrl+Shift+O")
    assert window.input_view.toPlainText() == converted
    assert window.input_view.changes


def test_secrets_stay_masked_as_written(qtbot: Any, opened: MainWindow) -> None:
    opened.as_written_action.setChecked(True)
    assert "s3cr3t-Regi$try-Passw0rd" not in opened.input_view.toPlainText()
    assert "registry" in opened.input_view.toPlainText().lower()
