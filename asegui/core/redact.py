"""Secrets in manifests (registry passwords, keys in env) never reach logs or reports."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .document import Document
from .placeholders import is_whole_placeholder
from .pointers import join, resolve

MASK = "••••"
_SECRET_NAME = re.compile(r"(password|passwd|secret|token|sharedaccesskey|accountkey|apikey|api_key|"
                          r"connectionstring|sas)", re.IGNORECASE)


def is_secret_name(name: str) -> bool:
    """Whether a key or variable name says its value is a secret (``DB_PASSWORD``, ``SasToken``…)."""
    return bool(_SECRET_NAME.search(name))


def secret_pointers(doc: Document, root: Any | None = None) -> Iterator[str]:
    """Pointers of values that are secrets: registry passwords and secret-named env values."""
    root = doc.root if root is None else root
    if doc.agent is not None:
        credentials = resolve(root, join(doc.agent, "runtime", "settings", "registryCredentials"))
        if isinstance(credentials, dict):
            for name, entry in credentials.items():
                if isinstance(entry, dict) and "password" in entry:
                    yield join(doc.agent, "runtime", "settings", "registryCredentials", name, "password")
    agent_section = resolve(root, join(doc.content, "$edgeAgent")) if doc.wrapper != "twin" else None
    if isinstance(agent_section, dict):
        for key, entry in agent_section.items():
            if key.startswith("properties.desired.runtime.settings.registryCredentials.") and isinstance(entry, dict) \
                    and "password" in entry:
                yield join(doc.content, "$edgeAgent", key, "password")
    for module in doc.modules:
        env = resolve(root, join(module.pointer, "env"))
        if isinstance(env, dict):
            for name, item in env.items():
                if _SECRET_NAME.search(name) and isinstance(item, dict) and "value" in item:
                    yield join(module.pointer, "env", name, "value")


def secrets(doc: Document, root: Any | None = None) -> list[str]:
    """The secret strings themselves, longest first (so a longer one is masked before its parts)."""
    root = doc.root if root is None else root
    values = [resolve(root, p) for p in secret_pointers(doc, root)]  # any JSON value: a password may be a list
    found = {v for v in values if isinstance(v, str) and len(v) >= 3 and not is_whole_placeholder(v)}
    for module in doc.modules:  # NAME=value entries of createOptions Env with a secret-like name
        env = resolve(root, join(module.pointer, "settings", "createOptions", "Env"))
        for entry in env if isinstance(env, list) else []:
            if isinstance(entry, str) and "=" in entry:
                name, value = entry.split("=", 1)
                if _SECRET_NAME.search(name) and len(value) >= 3 and not is_whole_placeholder(value):
                    found.add(value)
    return sorted(found, key=len, reverse=True)


def _variants(secret: str) -> list[str]:
    """The secret as it may appear in text: itself, JSON-escaped (twice), HTML-escaped."""
    once = json.dumps(secret, ensure_ascii=False)[1:-1]
    forms = [secret, once, json.dumps(once, ensure_ascii=False)[1:-1], json.dumps(secret)[1:-1],
             html.escape(secret), html.escape(secret, quote=False)]
    return sorted(dict.fromkeys(f for f in forms if f), key=len, reverse=True)


def mask_text(text: str, known: Iterable[str]) -> str:
    """Mask each of the ``known`` secret strings in ``text``, also JSON- and HTML-escaped copies."""
    for secret in sorted(known, key=len, reverse=True):
        for form in _variants(secret):
            text = text.replace(form, MASK)
    return text


def redact_text(text: str, doc: Document, root: Any | None = None) -> str:
    """Mask every secret of ``doc`` wherever it appears in ``text`` (also JSON-escaped)."""
    return mask_text(text, secrets(doc, root))


def redact_value(value: Any, known: Iterable[str] = ()) -> Any:
    """A copy of a JSON value with secrets masked: values of secret-named keys, ``NAME=value`` strings with
    a secret-like name (Docker ``Env``), and every ``known`` secret string wherever it occurs."""
    known = sorted(known, key=len, reverse=True)
    def visit(item: Any, name: str | None) -> Any:
        if isinstance(item, dict):
            return {key: visit(child, key if isinstance(key, str) else None) for key, child in item.items()}
        if isinstance(item, list):
            return [visit(child, name) for child in item]
        if isinstance(item, str):
            if name is not None and _SECRET_NAME.search(name) and item and not is_whole_placeholder(item):
                return MASK
            if "=" in item:
                key, rest = item.split("=", 1)
                if key and _SECRET_NAME.search(key) and rest and not is_whole_placeholder(rest) and " " not in key:
                    return f"{key}={MASK}"
            return mask_text(item, known) if known else item
        return item

    return visit(value, None)
