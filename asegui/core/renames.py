"""Pointers after key renames: where a pointer into the input lives in the output once keys were renamed.

Findings, the emitter, the device model and the report all map pointers so; applying edits makes the renames.
"""

from __future__ import annotations

from typing import Any


class Renames(dict[str, str]):
    """Renamed pointers, old -> new, remembering every pointer already mapped: findings and edits share most
    of their path, so each ancestor is looked up once (mapping each pointer afresh would cost more than applying)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.mapped: dict[str, str] = {"": ""}


def map_pointer(pointer: str, renames: dict[str, str]) -> str:
    """Where an input pointer lives in the output, after key renames."""
    if not renames:
        return pointer
    memo = renames.mapped if isinstance(renames, Renames) else {"": ""}
    return _mapped(pointer, renames, memo)


def _mapped(pointer: str, renames: dict[str, str], memo: dict[str, str]) -> str:
    found = memo.get(pointer)
    if found is not None:
        return found
    cut = pointer.rfind("/")
    if cut < 0:
        return pointer
    # A renamed key's new pointer is written in the input's terms of its parents: map the parent, then append.
    head = pointer[:cut]
    base = _mapped(head, renames, memo)
    new = renames.get(pointer)
    if new is not None:
        result = base + new[cut:]
    else:
        result = pointer if base == head else base + pointer[cut:]  # unchanged: no new string to keep
    memo[pointer] = result
    return result
