"""The one placeholder grammar: template tokens a build step (the IoT Edge tools, a pipeline) substitutes.

``${VAR}``, ``$VAR``, ``<Placeholder>``, ``#VAR#`` and ``__VAR``, found strictly: a ``__NAME`` token must start a word
(so the .NET spelling ``Logging__LogLevel`` is not a token), and ``$edgeAgent``, ``$upstream`` and the route query
properties (``$body``, ``$connectionModuleId``…) are IoT Edge syntax, not placeholders.

Rules leave what holds a placeholder to the build step (:func:`has_placeholder`), MAN005 lists the tokens
(:func:`placeholder_tokens`, after the quick :func:`may_hold_placeholders` over the file's text), and the redaction
of secrets does not take a value that is a placeholder for one (:func:`is_whole_placeholder`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(r"\$\{[^}]*\}|(?<![\w$])\$[A-Za-z_][A-Za-z0-9_]*|<[A-Za-z_][^<>]{0,100}>"
                    r"|(?<![\w#])#[A-Za-z_][A-Za-z0-9_]*#|(?<![A-Za-z0-9_])__[A-Z][A-Z0-9_]*(?![a-z0-9])")
IOT_EDGE_DOLLAR_WORDS = frozenset(w.lower() for w in (
    "$edgeAgent", "$edgeHub", "$upstream", "$schema", "$metadata", "$version", "$body", "$connectionDeviceId",
    "$connectionModuleId", "$connectionAuthMethod", "$contentType", "$contentEncoding", "$messageId",
    "$correlationId", "$userId", "$to", "$absoluteExpiryTime", "$iothub", "$twin", "$outputName",
    "$inputName", "$messageSource", "$creationTimeUtc", "$enqueuedTime"))


def placeholder_tokens(text: str) -> tuple[str, ...]:
    """Every placeholder in ``text``, in order (``${VAR}``, ``$VAR``, ``<Placeholder>``, ``#VAR#``, ``__VAR``)."""
    if "$" not in text and "<" not in text and "#" not in text and "__" not in text:
        return ()
    # Names and values repeat across modules and rules, so short texts are remembered; long ones are not kept.
    return _tokens_cached(text) if len(text) <= 1024 else _tokens(text)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _TOKEN.finditer(text)
                 if m.group(0).lower().split(".")[0] not in IOT_EDGE_DOLLAR_WORDS)


_tokens_cached = lru_cache(maxsize=16384)(_tokens)


def has_placeholder(value: Any) -> bool:
    """True when ``value`` is a string holding a placeholder (:func:`placeholder_tokens`)."""
    return isinstance(value, str) and bool(placeholder_tokens(value))


# A looser reading of the token pattern: everything it finds in a string is found by this in the string's JSON text
# (JSON escapes none of these characters), so no match here means no placeholder anywhere.
_MAYBE_TOKEN = re.compile(r"\$\{|\$[A-Za-z_][A-Za-z0-9_]*|<[A-Za-z_]|#[A-Za-z_][A-Za-z0-9_]*#|__[A-Z]")


def may_hold_placeholders(json_text: str) -> bool:
    """Whether any key or string of a JSON text may hold a placeholder, in one C-speed scan (most manifests
    hold none, and walking every member in Python would be MAN005's whole cost). False means none does."""
    return any(not match.group(0).startswith("$") or match.group(0).startswith("${")
               or match.group(0).lower() not in IOT_EDGE_DOLLAR_WORDS
               for match in _MAYBE_TOKEN.finditer(json_text))


# The redaction's reading of a whole value, looser than the tokens at the edges (``$NAME.part``,
# ``${NAME``, any ``<…>`` and ``#…#``, ``__name__`` in any case). Reading it by the tokens would change which values a
# report masks.
_WHOLE = re.compile(r"\$\{?[A-Za-z_][\w.]*\}?|<[^<>]*>|#[^#]+#|__\w+__")


def is_whole_placeholder(value: str) -> bool:
    """Whether ``value`` (blanks around it ignored) is nothing but a placeholder, read leniently (redaction)."""
    return bool(_WHOLE.fullmatch(value.strip()))
