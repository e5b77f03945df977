"""One gettext-style ``_()`` for every user-facing string of the core, and the choice of language.

Rule titles, explanations and messages go through ``_`` so a translated catalogue
(``resources/translations/<lang>/LC_MESSAGES/asegui.po``, compiled to ``.mo`` at build time) can replace them
without touching rule logic. Messages are templates with named fields, never concatenations. Only human text is
translated: codes, JSON keys, severities and statuses as values stay English.

The language is the ``--lang`` option's, else the environment's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``, in gettext's order); anything but Simplified Chinese is English.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..resources_path import resource

DOMAIN = "asegui"
ENGLISH = "en"
LANGUAGES = (ENGLISH, "zh_CN")  # what --lang accepts; the window's language menu lists the same
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_SIMPLIFIED = {"zh", "zh_cn", "zh_sg", "zh_hans", "zh_hans_cn", "zh_hans_sg"}

_translation: gettext.NullTranslations | None = None  # None: English, the messages as written
_language = ENGLISH


def normalize(tag: str | None) -> str | None:
    """The supported language a locale tag names (``zh_CN.UTF-8``, ``zh-Hans``, ``en_GB``), or None."""
    if not tag:
        return None
    base = tag.split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    if base in ("c", "posix", ""):
        return ENGLISH
    if base in _SIMPLIFIED:
        return "zh_CN"
    if base.startswith("zh_"):  # Traditional (zh_TW, zh_HK, zh-Hant…): not the catalogue we have; English, and
        return ENGLISH          # a search through a list of languages stops here, before a bare "zh" after it
    if base == "en" or base.startswith("en_"):
        return ENGLISH
    return None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it (English if it names none)."""
    return environment_language(environ) or ENGLISH


def environment_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The first of the variables that is set decides (``LANGUAGE`` may list several, ``zh_CN:en``), and a
    language we do not have is English; None when none is set (Windows, macOS: the window asks Qt's locale)."""
    environ = os.environ if environ is None else environ
    for name in _ENVIRONMENT:
        value = environ.get(name)
        if not value:
            continue
        for tag in value.split(":"):
            chosen = normalize(tag)
            if chosen:
                return chosen
        return ENGLISH
    return None


def option_in(argv: Sequence[str]) -> str | None:
    """The value of ``--lang X`` or ``--lang=X`` in ``argv``, read before the parser is made (its help is
    translated too)."""
    found = None  # the last one, as argparse takes it
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def choose(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` if given (an unknown one is English), else the environment's language."""
    if option:
        return normalize(option) or ENGLISH
    return from_environment(environ)


def set_language(language: str | None) -> None:
    """Switch the catalogue; English, or a language without a catalogue, returns the messages as written."""
    global _translation, _language
    language = normalize(language) or ENGLISH
    _language = language
    _translation = None if language == ENGLISH else catalogue(language)


def language() -> str:
    return _language


def catalogue(language: str, folder: Path | None = None) -> gettext.NullTranslations | None:
    """The compiled catalogue of ``language``; from its ``.po`` source when no ``.mo`` was built (a checkout run
    without the build step: Babel compiles it in memory)."""
    folder = folder or resource("translations")
    messages = folder / language / "LC_MESSAGES"
    compiled, source = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
    if is_current(compiled, source):
        with compiled.open("rb") as file:
            return gettext.GNUTranslations(file)
    if not source.is_file():
        return None
    return gettext.GNUTranslations(_compile_po(source))


def is_current(compiled: Path, source: Path) -> bool:
    """Whether ``compiled`` is there and not older than its ``source`` (a bundle ships no source; a checkout whose
    catalogue was edited since the last build step must not show the old texts)."""
    if not compiled.is_file():
        return False
    return not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime


def _compile_po(source: Path) -> io.BytesIO:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as file:
        catalog = read_po(file)
    out = io.BytesIO()
    write_mo(out, catalog)
    out.seek(0)
    return out


def _(message: str) -> str:
    # A conversion asks for a thousand messages; in English each is returned without a catalogue lookup.
    return message if _translation is None else _translation.gettext(message)
