"""JSON pointer helpers (RFC 6901) over plain dicts and lists.

Hand-written rather than jsonpointer's JsonPointer objects: rules build tens of thousands
of pointers per manifest, and an object per pointer would be the largest cost of a conversion.
"""

from __future__ import annotations

import marshal
from functools import lru_cache
from sys import intern
from typing import Any


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def join(base: str, *parts: str | int) -> str:
    """Append escaped parts to a pointer: ``join("/a", "b/c")`` -> ``/a/b~1c``."""
    for part in parts:
        text = str(part)
        if "~" in text or "/" in text:
            text = escape(text)
        base += "/" + text
    return base


@lru_cache(maxsize=65536)
def parts(pointer: str) -> tuple[str, ...]:
    """The unescaped parts of a pointer, as a tuple shared between callers (remembered: pointers repeat).

    Each part is interned: the remembered pointers repeat the same few dozen keys ("modulesContent",
    "settings", a module's name…), and a string of its own for each would be most of what they hold."""
    if not pointer:
        return ()
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return tuple(intern(unescape(p)) for p in pointer[1:].split("/"))


def split(pointer: str) -> list[str]:
    return list(parts(pointer))


def resolve(doc: Any, pointer: str, default: Any = None) -> Any:
    node = doc
    for part in parts(pointer):
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
    cut = pointer.rfind("/")
    return pointer[:cut], unescape(pointer[cut + 1:])


def is_within(pointer: str, prefix: str) -> bool:
    return pointer == prefix or pointer.startswith(prefix + "/")


def clone(value: Any) -> Any:
    """A deep copy of JSON data: a round trip through marshal, faster than one through json and far faster than
    copy.deepcopy. Format 2 writes every object out in full, so the copy shares nothing with the
    original (later formats would keep a container that appears twice as one). Strings and numbers are
    returned as they are: they cannot change, and most edit values are one."""
    if not isinstance(value, (dict, list)):
        return value
    return marshal.loads(marshal.dumps(value, 2))
