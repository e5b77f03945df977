"""Secrets in manifests (registry passwords, keys in env) never reach logs or reports."""

from __future__ import annotations

import re
from typing import Any, Iterator

from .document import Document
from .pointers import join, resolve

MASK = "••••"
_SECRET_NAME = re.compile(r"(password|passwd|secret|token|sharedaccesskey|accountkey|apikey|api_key|"
                          r"connectionstring|sas)", re.IGNORECASE)


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
    values = {resolve(root, p) for p in secret_pointers(doc, root)}
    found = {v for v in values if isinstance(v, str) and len(v) >= 3 and not _placeholder(v)}
    for module in doc.modules:  # NAME=value entries of createOptions Env with a secret-like name
        env = resolve(root, join(module.pointer, "settings", "createOptions", "Env"))
        for entry in env if isinstance(env, list) else []:
            if isinstance(entry, str) and "=" in entry:
                name, value = entry.split("=", 1)
                if _SECRET_NAME.search(name) and len(value) >= 3 and not _placeholder(value):
                    found.add(value)
    return sorted(found, key=len, reverse=True)


def _placeholder(value: str) -> bool:
    return bool(re.fullmatch(r"\$\{?[A-Za-z_][\w.]*\}?|<[^<>]*>|#[^#]+#|__\w+__", value.strip()))


def redact_text(text: str, doc: Document, root: Any | None = None) -> str:
    """Mask every secret of ``doc`` wherever it appears in ``text`` (also JSON-escaped)."""
    import json
    for secret in secrets(doc, root):
        text = text.replace(secret, MASK)
        escaped = json.dumps(secret)[1:-1]
        if escaped != secret:
            text = text.replace(escaped, MASK)
    return text
