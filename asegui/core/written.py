"""Where each value sits in the manifest's text as written: pointer -> (first line, last line), 1-based.

The window's "File as written" view shows the input's own text (comments, spacing, createOptions as one string),
so a finding is highlighted on the lines it has there. Comments and trailing commas are blanked first
(:func:`~asegui.core.jsonc.strip_jsonc` keeps every position), then the structure is walked with the json module's
own scanners, which report where each string and value ends.
"""

from __future__ import annotations

import json
from json.decoder import scanstring  # type: ignore[attr-defined]

from .jsonc import strip_jsonc
from .pointers import join

_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def spans(text: str) -> dict[str, tuple[int, int]]:
    """Every value's lines (objects and arrays from their opening to their closing line); {} for a text that is
    not JSON (the caller has read it already, so this is only a guard)."""
    try:
        stripped, _changed = strip_jsonc(text)
    except ValueError:
        return {}
    breaks = [i for i, char in enumerate(stripped) if char == "\n"]
    found: dict[str, tuple[int, int]] = {}

    def line(index: int) -> int:
        low, high = 0, len(breaks)
        while low < high:  # how many line breaks come before ``index``
            middle = (low + high) // 2
            if breaks[middle] < index:
                low = middle + 1
            else:
                high = middle
        return low + 1

    def skip(index: int) -> int:
        while index < len(stripped) and stripped[index] in _WHITESPACE:
            index += 1
        return index

    def value(index: int, pointer: str) -> int:
        """Walk the value at ``index``; its end index."""
        start = skip(index)
        char = stripped[start]
        if char == "{":
            end = skip(start + 1)
            while stripped[end] != "}":
                key, end = scanstring(stripped, skip(end) + 1)
                end = skip(end) + 1  # the colon
                end = skip(value(end, join(pointer, key)))
                if stripped[end] == ",":
                    end = skip(end + 1)
            end += 1
        elif char == "[":
            end, position = skip(start + 1), 0
            while stripped[end] != "]":
                end = skip(value(end, f"{pointer}/{position}"))
                position += 1
                if stripped[end] == ",":
                    end = skip(end + 1)
            end += 1
        else:
            _scalar, end = _DECODER.raw_decode(stripped, start)
        found[pointer] = (line(start), line(end - 1))
        return end

    try:
        value(0, "")
    except (IndexError, ValueError):
        return {}
    return found
