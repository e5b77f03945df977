"""One gettext-style ``_()`` for every user-facing string of the core.

Rule titles, explanations and messages go through ``_`` so a translated catalogue
(``resources/translations/<lang>/LC_MESSAGES/asegui.mo``) can replace them without
touching rule logic. Messages are templates with named fields, never concatenations.
"""

from __future__ import annotations

import gettext

from ..resources_path import resource

_DOMAIN = "asegui"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str | None) -> None:
    """Switch the catalogue; unknown languages fall back to English."""
    global _translation
    if not language:
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(_DOMAIN, localedir=str(resource("translations")),
                                       languages=[language], fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)
