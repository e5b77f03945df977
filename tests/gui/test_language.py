"""The window in Simplified Chinese: the language chosen by --lang, the menu or the system, the catalogue compiled
when the build step was skipped, and the Language menu's restart that never loses a decision."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from asegui.core import i18n
from asegui.gui import language, language_menu
from asegui.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    language.install(qapp, "zh_CN")
    yield
    language.install(qapp, "en")


def test_the_window_speaks_chinese_menus_checklist_and_detail(qtbot, chinese, settings, sample_copy, captured):
    window = MainWindow(settings, restore=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    assert window.open_path(str(sample_copy))
    menus = [action.text() for action in window.menuBar().actions()]
    assert all(CJK.search(text) for text in menus), menus
    assert "(&F)" in menus[0]  # the accelerator kept
    assert CJK.search(window.detail.title.text()) and CJK.search(window.detail.explanation.toPlainText())
    header = window.checklist.model().headerData(1, window.checklist.header().orientation())
    assert CJK.search(str(header))
    finding = window.session.findings[0]
    assert CJK.search(finding.message)  # the core's message, made in the language installed
    window.grab().save(str(Path(settings.fileName()).parent / "zh.png"))


def test_the_screenshot_command_renders_in_chinese(tmp_path):
    out = tmp_path / "zh.png"
    done = subprocess.run([sys.executable, "-m", "asegui.gui.app", str(SAMPLE), "--screenshot", str(out),
                           "--lang", "zh_CN"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000


def test_the_language_follows_option_then_menu_then_system(settings, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert language.for_window(None, settings) == "zh_CN"  # the system's
    settings.setValue(language.SETTING, "en")
    assert language.for_window(None, settings) == "en"  # the menu's choice over the system's
    assert language.for_window("zh_CN", settings) == "zh_CN"  # --lang over both


def test_a_checkout_without_compiled_catalogues_compiles_the_ts_once(tmp_path):
    folder = tmp_path / "translations"
    shutil.copytree(ROOT / "resources" / "translations", folder, ignore=shutil.ignore_patterns("*.qm", "*.mo"))
    cache = tmp_path / "cache"
    first = language.window_catalogue("zh_CN", folder, cache)
    assert first is not None and first.parent == cache and first.stat().st_size > 1000
    assert language.window_catalogue("zh_CN", folder, cache) == first  # the same file: not compiled again
    assert not list(folder.glob("*.qm"))


def test_the_language_menu_saves_the_choice_and_restarts_on_the_same_file(opened, captured, monkeypatch):
    started = []
    monkeypatch.setattr(language_menu, "start_detached", lambda program, args: started.append((program, args)))
    menu = opened.language_menu
    menu.fill()
    assert set(menu.entries) == {"", "en", "zh_CN"}
    menu.entries["zh_CN"].trigger()
    assert opened.settings.value(language.SETTING) == "zh_CN"
    assert captured.confirms and started
    program, args = started[0]
    assert program == sys.executable and args[-1] == opened.session.path
    assert not opened.isVisible()


def test_with_decisions_taken_the_menu_offers_no_restart_that_would_drop_them(opened, captured, monkeypatch):
    """A restart reopens the file, not its decisions (nor a folder's devices): with any taken, the language waits
    for the next start, and nothing is closed."""
    started = []
    monkeypatch.setattr(language_menu, "start_detached", lambda program, args: started.append(args))
    finding = next(f for f in opened.session.findings if f.status != "info")
    opened.set_accepted(finding.id, not finding.accepted)
    opened.language_menu.choose("zh_CN")
    assert not captured.confirms and not captured.asks and not started and opened.isVisible()
    assert opened.settings.value(language.SETTING) == "zh_CN"  # kept for the next start
    assert "next start" in opened.statusBar().currentMessage()
    assert opened.session.modified


def test_choosing_the_language_already_spoken_restarts_nothing(opened, captured, monkeypatch):
    started = []
    monkeypatch.setattr(language_menu, "start_detached", lambda program, args: started.append(args))
    assert i18n.language() == "en"
    opened.language_menu.choose("en")
    assert not captured.confirms and not started and opened.isVisible()


def test_no_language_costs_nothing_in_english(qapp):
    assert language.install(QApplication.instance(), "en") == "en" and not language._installed
