"""One gettext-style ``_()`` for every user-facing string of the core.

Rule titles, explanations and messages go through ``_`` so a translated catalogue
(``resources/translations/<lang>/LC_MESSAGES/asegui.mo``) can replace them without
touching rule logic. Messages are templates with named fields, never concatenations.
"""

from __future__ import annotations

import gettext

from ..resources_path import resource

_DOMAIN = "asegui"
_translation: gettext.NullTranslations | None = None  # None: English, the messages as written


def set_language(language: str | None) -> None:
    """Switch the catalogue; unknown languages fall back to English."""
    global _translation
    if not language:
        _translation = None
        return
    _translation = gettext.translation(_DOMAIN, localedir=str(resource("translations")),
                                       languages=[language], fallback=True)


def _(message: str) -> str:
    # A conversion asks for a thousand messages; in English each is returned without a catalogue lookup.
    return message if _translation is None else _translation.gettext(message)
