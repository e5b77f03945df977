"""The window's language: ``--lang``, else the Language menu's saved choice, else the system's.

The system's language is the environment's where it says one (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``:
Linux, a terminal on macOS) and Qt's locale otherwise (Windows and macOS set no variables; Qt asks the OS). The
window's own texts come from Qt translators (``asegui_<lang>.qm``, and Qt's ``qtbase_<lang>.qm`` for standard
buttons and dialogs); the core's (rule titles, explanations, messages) from its gettext catalogue, switched here
too, so both halves of the window speak one language.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from ..core import i18n
from ..resources_path import resource

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

SETTING = "language"  # "" (follow the system), "en", "zh_CN"
NAMES = {"en": "English", "zh_CN": "简体中文"}  # each in its own language, as language menus show them
# Fonts with Simplified Chinese glyphs, named after the system's own font (which keeps the Latin text): Windows,
# macOS, then the usual Linux ones. Qt falls back by itself too; naming them picks a good one first.
CJK_SANS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei")
CJK_MONO = ("Microsoft YaHei UI", "PingFang SC", "Noto Sans Mono CJK SC", "Sarasa Mono SC",
            "WenQuanYi Micro Hei Mono")

_installed: list[QTranslator] = []


def system_language() -> str:
    from_variables = i18n.environment_language()
    if from_variables:
        return from_variables
    locale = QLocale.system()
    for tag in (*locale.uiLanguages(), locale.name()):
        chosen = i18n.normalize(tag)
        if chosen:
            return chosen
    return i18n.ENGLISH


def saved_choice(settings: QSettings | None = None) -> str:
    """The Language menu's choice: "" to follow the system."""
    value = (settings or QSettings()).value(SETTING, "")
    return (i18n.normalize(str(value)) or "") if value else ""


def for_window(option: str | None, settings: QSettings | None = None) -> str:
    if option:
        return i18n.normalize(option) or i18n.ENGLISH
    return saved_choice(settings) or system_language()


def install(app: QCoreApplication, language: str) -> str:
    """Speak ``language`` from now on (the core's texts, the window's, Qt's own); returns the language installed.
    Widgets made before keep their texts: the window is made after this."""
    language = i18n.normalize(language) or i18n.ENGLISH
    i18n.set_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == i18n.ENGLISH:
        return language  # the window's texts are written in English, and Qt's own come built in
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QGuiApplication

    if language == "zh_CN" and isinstance(app, QGuiApplication):
        font = app.font()
        font.setFamilies(with_fallbacks(font.family(), CJK_SANS))
        app.setFont(font)
    for name, path in (("qtbase", _qt_catalogue(language)), ("asegui", window_catalogue(language))):
        translator = QTranslator(app)
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            print(f"asegui: no {name} translation for {language}", file=sys.stderr)
    return language


def with_fallbacks(family: str, fallbacks: tuple[str, ...]) -> list[str]:
    return [family, *(name for name in fallbacks if name != family)]


def _qt_catalogue(language: str) -> Path | None:
    from PySide6.QtCore import QLibraryInfo

    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{language}.qm"
    return path if path.is_file() else None


def window_catalogue(language: str, folder: Path | None = None, cache: Path | None = None) -> Path | None:
    """The window's compiled catalogue: built with the package or the bundle; in a checkout that skipped the
    build step, compiled from its ``.ts`` once into the user's cache (by the ``lrelease`` PySide6 ships)."""
    folder = folder or resource("translations")
    compiled, source = folder / f"asegui_{language}.qm", folder / f"asegui_{language}.ts"
    if i18n.is_current(compiled, source):
        return compiled
    if not source.is_file():
        return None
    import hashlib
    import subprocess

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    cache = cache or _cache_folder()
    target = cache / f"asegui_{language}-{digest}.qm"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        subprocess.run([_lrelease(), "-silent", str(source), "-qm", str(partial)], check=True, capture_output=True,
                       timeout=60)
        partial.replace(target)  # never a half-written catalogue under the final name
    except (OSError, subprocess.SubprocessError):
        partial.unlink(missing_ok=True)
        return None
    return target


def _cache_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return (Path(found) if found else Path.home() / ".cache" / "asegui") / "translations"


def _lrelease() -> str:
    beside = Path(sys.executable).parent / ("pyside6-lrelease.exe" if sys.platform == "win32" else "pyside6-lrelease")
    return str(beside) if beside.exists() else "pyside6-lrelease"
