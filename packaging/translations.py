"""The translation catalogues: extract the texts, merge them into each language, compile, check.

    python packaging/translations.py extract   # texts of the code -> resources/translations/asegui.pot and .ts
    python packaging/translations.py compile   # .po -> .mo (Babel), .ts -> .qm (pyside6-lrelease)
    python packaging/translations.py check     # every text translated, placeholders kept; exit 1 if not

Two catalogues, one per side of the code: the core, the review layer and the command line speak through gettext's
``_()`` (Babel extracts them; rule titles and explanations are read from the rule declarations, which hold them as
data), the window through Qt's ``tr()`` (``pyside6-lupdate``). The sources (``.pot``, ``.po``, ``.ts``) live in
the repository; the compiled ``.mo`` and ``.qm`` are made by ``compile`` at build time (``packaging/build.py`` runs
it) and are not committed. A checkout that skipped it still runs: the core compiles a ``.po`` in memory and the
window a ``.ts`` into the user's cache.
"""

from __future__ import annotations

import argparse
import inspect
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from asegui.core.i18n import DOMAIN, LANGUAGES  # noqa: E402

FOLDER = ROOT / "resources" / "translations"
TEMPLATE = FOLDER / f"{DOMAIN}.pot"
TRANSLATED = [language for language in LANGUAGES if language != "en"]
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%n|%\d")


def po_path(language: str) -> Path:
    return FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def ts_path(language: str) -> Path:
    return FOLDER / f"{DOMAIN}_{language}.ts"


def qm_path(language: str) -> Path:
    return ts_path(language).with_suffix(".qm")


def placeholders(text: str) -> list[str]:
    """The fields a text's ``.format()`` or Qt's ``arg()``/plural fill: a translation must keep each."""
    return sorted(_PLACEHOLDER.findall(text))


# -- the core's texts (gettext) ----------------------------------------------------------------------------------
def _code_messages() -> Iterator[tuple[str, int, str]]:
    """(file, line, text) of every ``_("…")`` in the core, the review layer and the command line — inside
    f-strings too, which a tokenizer before Python 3.12 (and so Babel's extractor on it) sees as one string."""
    import ast

    for path in sorted((ROOT / "asegui").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "gui" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(relative))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value):
                yield relative.as_posix(), node.lineno, node.args[0].value


def _rule_messages() -> Iterator[tuple[str, int, str]]:
    """Each rule's title and explanation, from its declaration (data, not a ``_()`` call)."""
    from asegui.core.rules import all_rules

    for rule in all_rules():
        where, line = "asegui/core/rules", 0
        if rule.check is not None:
            where = str(Path(inspect.getsourcefile(rule.check) or where).resolve().relative_to(ROOT))
            line = inspect.getsourcelines(rule.check)[1]
        yield where, line, rule.title
        yield where, line, rule.explanation


def template():  # type: ignore[no-untyped-def]
    """The catalogue of every text to translate, as Babel holds it."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="asegui", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for where, line, text in (*_code_messages(), *_rule_messages()):
        catalog.add(text, locations=[(where, line)])
    return catalog


def _write_po(catalog, path: Path) -> None:  # type: ignore[no-untyped-def]
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=116, sort_output=False, omit_header=False, ignore_obsolete=True)


def read_po(path: Path, locale: str | None = None):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as file:
        return babel_read_po(file, locale=locale)


def extract_core() -> None:
    fresh = template()
    _write_po(fresh, TEMPLATE)
    for language in TRANSLATED:
        path = po_path(language)
        if path.is_file():
            catalog = read_po(path, locale=language)
            catalog.update(fresh, update_header_comment=False)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=language, project="asegui", domain=DOMAIN, charset="utf-8")
            catalog.update(fresh)
        _write_po(catalog, path)


# -- the window's texts (Qt) -------------------------------------------------------------------------------------
def _qt_tool(name: str) -> str:
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    return str(beside) if beside.exists() else f"pyside6-{name}"


def gui_sources() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / "asegui" / "gui").glob("*.py"))


def extract_gui(target: Path | None = None, language: str = "zh_CN") -> Path:
    """Run lupdate over the window's sources into ``target`` (by default the language's .ts, merged in place)."""
    target = target or ts_path(language)
    subprocess.run([_qt_tool("lupdate"), *gui_sources(), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", language, "-ts", str(target)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return target


# -- compile -----------------------------------------------------------------------------------------------------
def compile_all(folder: Path = FOLDER) -> list[Path]:
    from babel.messages.mofile import write_mo

    made = []
    for language in TRANSLATED:
        source = folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if source.is_file():
            target = source.with_suffix(".mo")
            with target.open("wb") as file:
                write_mo(file, read_po(source, locale=language))
            made.append(target)
        ts = folder / f"{DOMAIN}_{language}.ts"
        if ts.is_file():
            qm = ts.with_suffix(".qm")
            subprocess.run([_qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True,
                           capture_output=True, text=True)
            made.append(qm)
    return made


# -- check -------------------------------------------------------------------------------------------------------
def core_problems(language: str) -> list[str]:
    """What a language's gettext catalogue lacks against the code: untranslated, fuzzy, or lost placeholders."""
    catalog = read_po(po_path(language), locale=language)
    problems = []
    for message in template():
        if not message.id:
            continue
        translated = catalog.get(message.id)
        if translated is None or not translated.string:
            problems.append(f"untranslated: {message.id[:80]!r}")
        elif translated.fuzzy:
            problems.append(f"fuzzy: {message.id[:80]!r}")
        elif placeholders(message.id) != placeholders(translated.string):
            problems.append(f"placeholders {placeholders(message.id)} -> {placeholders(translated.string)}: "
                            f"{message.id[:80]!r}")
    return problems


def ts_messages(path: Path) -> Iterator[tuple[str, str, str, str | None]]:
    """(context, source, translation, type) of each message of a Qt .ts file (plural forms joined by " | ")."""
    import xml.etree.ElementTree as ElementTree

    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                yield name, message.findtext("source") or "", "", "unfinished"
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = " | ".join(forms) if forms else (translation.text or "")
            yield name, message.findtext("source") or "", text, translation.get("type")


def gui_problems(language: str, fresh: Path | None = None) -> list[str]:
    """What the window's .ts lacks: messages lupdate finds in the code but the file does not hold (``fresh`` is a
    new lupdate run), untranslated or unfinished ones, lost placeholders."""
    committed = list(ts_messages(ts_path(language)))
    problems = []
    if fresh is not None:
        known = {(context, source) for context, source, _t, _k in committed}
        problems += [f"not in {ts_path(language).name}: {context}: {source[:80]!r}"
                     for context, source, _t, _k in ts_messages(fresh) if (context, source) not in known]
    for context, source, translation, kind in committed:
        if kind in ("unfinished", "vanished", "obsolete") or not translation:
            problems.append(f"untranslated: {context}: {source[:80]!r}")
            continue
        for form in translation.split(" | "):
            if placeholders(form) != placeholders(source):
                problems.append(f"placeholders {placeholders(source)} -> {placeholders(form)}: {context}: "
                                f"{source[:80]!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("extract", "compile", "check"))
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract_core()
        for language in TRANSLATED:
            extract_gui(language=language)
        print(f"wrote {TEMPLATE.relative_to(ROOT)} and each language's .po and .ts")
        return 0
    if args.command == "compile":
        for path in compile_all():
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    import tempfile

    failed = False
    for language in TRANSLATED:
        with tempfile.TemporaryDirectory() as folder:
            fresh = extract_gui(Path(folder) / "fresh.ts", language)
            problems = core_problems(language) + gui_problems(language, fresh)
        for problem in problems:
            print(f"{language}: {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
