"""Simplified Chinese: every text translated with its placeholders, the language chosen as documented, only human
text translated, and the compiled catalogues made the way the build makes them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asegui.core import i18n

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "asegui.cli", *args], capture_output=True, text=True,
                          env={**clean, **env}, timeout=120, cwd=str(ROOT))


# -- completeness --------------------------------------------------------------------------------------------------
def test_every_core_text_is_translated_with_its_placeholders():
    problems = translations.core_problems("zh_CN")
    assert problems == [], "\n".join(problems[:40])


def test_every_window_text_is_translated_and_the_ts_holds_what_the_code_asks(tmp_path):
    fresh = translations.extract_gui(tmp_path / "fresh.ts", "zh_CN")
    problems = translations.gui_problems("zh_CN", fresh)
    assert problems == [], "\n".join(problems[:40])


def test_the_checks_catch_a_lost_placeholder_and_a_missing_text(tmp_path, monkeypatch):
    """The completeness checks themselves: a catalogue that drops a field, or lacks a text, fails them."""
    shutil.copytree(translations.FOLDER, tmp_path / "translations")
    monkeypatch.setattr(translations, "FOLDER", tmp_path / "translations")
    catalog = translations.read_po(translations.po_path("zh_CN"), locale="zh_CN")
    with_field = next(m for m in catalog if m.id and "{module}" in m.id and m.string)
    with_field.string = with_field.string.replace("{module}", "{模块}")
    plain = next(m for m in catalog if m.id and m.string and m is not with_field)
    plain.string = ""
    translations._write_po(catalog, translations.po_path("zh_CN"))
    problems = translations.core_problems("zh_CN")
    assert any(p.startswith("placeholders") for p in problems)
    assert any(p.startswith("untranslated") and plain.id[:40] in p for p in problems)


def test_the_template_lists_the_rules_titles_and_explanations():
    from asegui.core import all_rules

    ids = {m.id for m in translations.template()}
    for rule in all_rules():
        assert rule.title in ids and rule.explanation in ids


def test_texts_inside_f_strings_are_extracted():
    """report.py writes ``f"<h2>{_e(_('Summary'))}</h2>"``: a tokenizer before 3.12 sees one string there."""
    ids = {m.id for m in translations.template()}
    assert {"Summary", "Changed modules", "Secrets are shown as {mask}."} <= ids


def test_placeholders_are_the_format_fields_and_qt_markers():
    assert translations.placeholders("{module} has %n port(s) {name!r} {count:d}") == \
        sorted(["{module}", "%n", "{name!r}", "{count:d}"])


# -- choosing the language -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "zh_TW.UTF-8"}, "en"),  # Traditional Chinese is not Simplified
    ({"LANGUAGE": "zh_TW:zh"}, "en"),  # nor is a bare "zh" after it
    ({"LANGUAGE": "zh_Hant_HK:zh"}, "en"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh_CN"),  # LANGUAGE first, a list
    ({"LANGUAGE": "fr:zh_CN"}, "zh_CN"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL before LANG
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ({}, "en"),
])
def test_the_environment_decides_as_gettext_reads_it(environ, expected):
    assert i18n.from_environment(environ) == expected


def test_the_option_wins_over_the_environment():
    assert i18n.choose("en", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.choose("zh_CN", {"LANG": "en_US.UTF-8"}) == "zh_CN"
    assert i18n.option_in(["check", "--lang", "zh_CN", "x.json"]) == "zh_CN"
    assert i18n.option_in(["--lang=en", "rules"]) == "en"
    assert i18n.option_in(["check", "--", "--lang"]) is None
    assert i18n.option_in(["--lang", "en", "rules", "--lang", "zh_CN"]) == "zh_CN"  # the last, as argparse takes


def test_an_abbreviated_option_is_refused_not_misread():
    """argparse would take ``--la`` for ``--lang`` while the language, read before it, would not: refused."""
    done = cli("--la", "zh_CN", "rules")
    assert done.returncode == 2 and not CJK.search(done.stdout)


# -- the command line ----------------------------------------------------------------------------------------------
def _translated(text: str) -> str:
    catalog = translations.read_po(translations.po_path("zh_CN"), locale="zh_CN")
    return catalog.get(text).string


def test_explain_speaks_chinese_when_the_system_does():
    from asegui.core import get_rule

    done = cli("explain", "STO001", LANG="zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    rule = get_rule("STO001")
    assert _translated(rule.title) in done.stdout
    assert _translated(rule.explanation) in done.stdout
    assert rule.title not in done.stdout


def test_lang_option_makes_check_chinese_and_en_keeps_it_english():
    chinese = cli("--lang", "zh_CN", "check", str(SAMPLE))
    english = cli("check", str(SAMPLE), "--lang", "en", LANG="zh_CN.UTF-8")
    assert chinese.returncode == english.returncode == 1
    assert CJK.search(chinese.stdout) and not CJK.search(english.stdout)
    assert "STO001" in chinese.stdout  # codes stay as they are


def test_machine_readable_output_stays_english():
    english = json.loads(cli("check", str(SAMPLE), "--format", "json").stdout)
    chinese = json.loads(cli("--lang", "zh_CN", "check", str(SAMPLE), "--format", "json").stdout)
    assert set(chinese) == set(english) and set(chinese["summary"]) == {"error", "warning", "info"}
    for mine, theirs in zip(chinese["findings"], english["findings"], strict=True):
        assert set(mine) == set(theirs)
        for key in ("id", "code", "area", "severity", "applicability", "pointer", "module", "accepted"):
            assert mine[key] == theirs[key], key
    assert any(CJK.search(f["message"]) for f in chinese["findings"])
    rules = json.loads(cli("--lang", "zh_CN", "rules", "--format", "json").stdout)
    assert {"code", "slug", "area", "severity", "applicability", "title"} <= set(rules[0])
    assert rules[0]["severity"] in ("error", "warning", "info") and CJK.search(rules[0]["title"])


def test_the_help_is_translated_too():
    done = cli("--lang", "zh_CN", "--help")
    assert done.returncode == 0 and CJK.search(done.stdout)


# -- compiled catalogues -------------------------------------------------------------------------------------------
def test_compile_makes_catalogues_that_load(tmp_path):
    folder = tmp_path / "translations"
    shutil.copytree(translations.FOLDER, folder)
    made = translations.compile_all(folder)
    mo = folder / "zh_CN" / "LC_MESSAGES" / "asegui.mo"
    qm = folder / "asegui_zh_CN.qm"
    assert mo in made and qm in made and qm.stat().st_size > 1000
    catalogue = i18n.catalogue("zh_CN", folder)
    assert catalogue is not None and CJK.search(catalogue.gettext("list every rule"))


def test_a_checkout_without_the_build_step_compiles_the_po_in_memory(tmp_path):
    folder = tmp_path / "translations"
    shutil.copytree(translations.FOLDER, folder, ignore=shutil.ignore_patterns("*.mo", "*.qm"))
    catalogue = i18n.catalogue("zh_CN", folder)
    assert catalogue is not None and CJK.search(catalogue.gettext("list every rule"))
    assert not list(folder.rglob("*.mo"))  # nothing written into the package


def test_an_unknown_language_is_english():
    i18n.set_language("fr_FR")
    assert i18n.language() == "en" and i18n._("list every rule") == "list every rule"


def test_a_catalogue_compiled_before_the_po_was_edited_is_not_used(tmp_path):
    """A checkout whose .po changed after the last build step shows the new texts, not the old .mo's."""
    import os as _os

    folder = tmp_path / "translations"
    shutil.copytree(translations.FOLDER, folder, ignore=shutil.ignore_patterns("*.mo", "*.qm"))
    messages = folder / "zh_CN" / "LC_MESSAGES"
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    with (messages / "asegui.mo").open("wb") as file:
        write_mo(file, Catalog(locale="zh_CN"))  # an old build: nothing translated
    old = (messages / "asegui.po").stat().st_mtime - 60
    _os.utime(messages / "asegui.mo", (old, old))
    catalogue = i18n.catalogue("zh_CN", folder)
    assert CJK.search(catalogue.gettext("list every rule"))
