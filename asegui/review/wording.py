"""The one table of the words a person reads for statuses and severities: the checklist's short ones and the
detail panel's sentence forms, so the two never drift apart. Through the core's ``_()``, like every text that is
not a widget's own."""

from __future__ import annotations

from ..core.i18n import _


def severity_word(severity: str, title: bool = False) -> str:
    """``error``/``warning``/``info`` as a word (capitalised when it starts a line)."""
    words = {"error": _("Error"), "warning": _("Warning"), "info": _("Info")} if title else \
        {"error": _("error"), "warning": _("warning"), "info": _("info")}
    return words.get(severity, severity)


def status_word(status: str, long: bool = False) -> str:
    """A result's status as the checklist shows it, or (``long``) as the detail panel says it."""
    return status_words(long).get(str(status), str(status))


def status_words(long: bool = False) -> dict[str, str]:
    """Every status and its words (made on each ask: the language may have changed)."""
    if long:
        return {"applied": _("applied"), "review": _("applied with the proposed default"),
                "needs input": _("needs input from you"), "rejected": _("rejected"),
                "rejected, reason needed": _("rejected: an error stays in the output until the note says why"),
                "off": _("not applied"),
                "open": _("manual step to do"), "acknowledged": _("done"), "info": _("for information")}
    return {"applied": _("applied"), "review": _("applied (default)"), "needs input": _("needs input"),
            "rejected": _("rejected"), "rejected, reason needed": _("rejected: say why"), "off": _("not applied"),
            "open": _("manual step"),
            "acknowledged": _("done"), "info": _("for information")}
