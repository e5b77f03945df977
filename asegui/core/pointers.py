"""JSON pointer helpers (RFC 6901) over plain dicts and lists, via the jsonpointer library."""

from __future__ import annotations

from typing import Any

from jsonpointer import JsonPointer


def join(base: str, *parts: str | int) -> str:
    """Append escaped parts to a pointer: ``join("/a", "b/c")`` -> ``/a/b~1c``."""
    return base + JsonPointer.from_parts([str(p) for p in parts]).path


def split(pointer: str) -> list[str]:
    return list(JsonPointer(pointer).parts) if pointer else []


def resolve(doc: Any, pointer: str, default: Any = None) -> Any:
    node = doc
    for part in split(pointer):
        if isinstance(node, dict):
            if part not in node:
                return default
            node = node[part]
        elif isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return default
            node = node[int(part)]
        else:
            return default
    return node


def parent(pointer: str) -> tuple[str, str]:
    """(parent pointer, last part)."""
    parts = split(pointer)
    return JsonPointer.from_parts(parts[:-1]).path, parts[-1]


def is_within(pointer: str, prefix: str) -> bool:
    return pointer == prefix or pointer.startswith(prefix + "/")
