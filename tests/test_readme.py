"""The README documents what the code has: every rule, the screenshot, the two commands."""

from __future__ import annotations

from asegui.core import all_rules
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table():
    for r in all_rules():
        assert f"| {r.code} | {r.area} | {r.severity} | {r.applicability} |" in README, r.code


def test_screenshot_exists_and_is_a_png():
    path = ROOT / "resources" / "screenshots" / "main-window.png"
    assert "resources/screenshots/main-window.png" in README
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_two_setup_commands_are_there():
    run = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/asegui resources/samples/fpga-sample.json"
    assert run in README
    assert 'pip install -e ".[test,bundle]"' in README and "pytest" in README
