"""Bytes -> text -> JSON values, the way field engineers' files actually come.

Handles UTF-8 (with or without BOM), UTF-16/32 with BOM (PowerShell's export), and
JSON with ``//`` / ``/* */`` comments and trailing commas (VS Code templates). Comments and
trailing commas are blanked out with spaces, so every line and column the JSON parser
reports still points at the user's text.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import sys
import threading
from collections.abc import Callable
from typing import Any, NamedTuple, NoReturn

from msgspec import Struct

from .errors import ManifestError
from .i18n import _
from .pointers import join

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_STRING = 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE with BOM"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE with BOM"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
)


class Decoded(Struct, frozen=True, dict=True):
    text: str
    encoding: str  # a person's name for it, e.g. "UTF-16 LE with BOM"
    newline: str   # "\n" or "\r\n", what the input mostly used


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(data: bytes) -> Decoded:
    """Bytes to text, naming the encoding; undecodable bytes are a ManifestError."""
    if len(data) > MAX_BYTES:
        raise ManifestError(_("The file is {size:,} bytes; the limit is {limit:,} bytes (16 MiB). "
                              "A deployment manifest is at most a few hundred kilobytes.")
                            .format(size=len(data), limit=MAX_BYTES))
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body, encoding = data[len(bom):], (codec, name)
            break
    else:
        body, encoding = data, ("utf-8", "UTF-8")
    try:
        text = body.decode(encoding[0])
    except UnicodeDecodeError as exc:
        good = body[:exc.start].decode(encoding[0], errors="replace")
        line, column = _line_col(good, len(good))
        raise ManifestError(_("The file is not valid {encoding} text (byte {offset} cannot be decoded). "
                              "Save it as UTF-8 and try again.")
                            .format(encoding=encoding[1], offset=exc.start + len(data) - len(body)),
                            line, column) from None
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
    return Decoded(text=text, encoding=encoding[1], newline=newline)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|//[^\n]*|/\*[\s\S]*?(?:\*/|$)|[,\]}]|[^\s,\]}"/]+')


def strip_jsonc(text: str) -> tuple[str, bool]:
    """Blank comments and trailing commas; return (text, whether anything was blanked)."""
    chars: list[str] | None = None
    last_comma: int | None = None
    for match in _TOKEN.finditer(text):
        token, start = match.group(), match.start()
        if token.startswith(("//", "/*")):
            if token.startswith("/*") and not token.endswith("*/"):
                line, column = _line_col(text, start)
                raise ManifestError(_("A /* comment */ is never closed."), line, column)
            chars = chars if chars is not None else list(text)
            _blank(chars, start, match.end())
        elif token == ",":
            last_comma = start
        elif token in ("]", "}"):
            if last_comma is not None:
                chars = chars if chars is not None else list(text)
                chars[last_comma] = " "
            last_comma = None
        else:
            last_comma = None
    return ("".join(chars), True) if chars is not None else (text, False)


def whole_number(text: str) -> int | None:
    """ASCII digits as a number, or None: ``int`` also takes other scripts' digits but fails on ``"²"``, and refuses
    more than 4,300 digits with ValueError; a value from a manifest must do neither."""
    limit = sys.get_int_max_str_digits()  # 0 when the limit is turned off
    if text.isascii() and text.isdigit() and (not limit or len(text) <= limit):
        return int(text)
    return None


def comment_lines(text: str) -> list[int]:
    """The lines on which comments start, in order (strings are skipped: ``"http://x"`` is not a comment)."""
    return [_line_col(text, match.start())[0] for match in _TOKEN.finditer(text)
            if match.group().startswith(("//", "/*"))]


def check_limits(value: Any) -> None:
    """Enforce nesting depth and string length on a parsed value, without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if len(item) > MAX_STRING:
                raise ManifestError(_("A string is {size:,} characters long; the limit is {limit:,}.")
                                    .format(size=len(item), limit=MAX_STRING))
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise ManifestError(_("The JSON is nested more than {limit} levels deep.")
                                .format(limit=MAX_DEPTH))
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)


def nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether containers nest more than ``limit`` deep; only containers are visited (much cheaper than
    :func:`check_limits`, which must look at every string too)."""
    if not isinstance(value, (dict, list)):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, (dict, list)):
                push((child, depth + 1))
    return False


class _NotANumber(ValueError):
    """A number JSON cannot hold, with the text it was written as."""

    def __init__(self, literal: str) -> None:
        super().__init__(literal)
        self.literal = literal


def _finite(literal: str) -> float:
    """Python reads ``1e400`` as infinity, which written back is not JSON, and ``1e-400`` as 0: both are refused, as
    ``NaN`` and ``Infinity`` are, rather than changed without a word."""
    value = float(literal)
    if math.isinf(value) or (value == 0 and _NONZERO_DIGIT.search(literal.partition("e")[0].partition("E")[0])):
        raise _NotANumber(literal)
    return value


_NONZERO_DIGIT = re.compile("[1-9]")


def _constant(literal: str) -> NoReturn:
    raise _NotANumber(literal)


class Duplicate(NamedTuple):
    """A key written more than once in one object: JSON readers (az, IoT Hub, Python) keep the last value."""

    pointer: str  # the object holding it
    key: str
    times: int


_found = threading.local()  # the objects with repeated keys met by the parse running on this thread


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object as the default decoder makes it (the last of repeated keys wins), noting when a key repeats."""
    value = dict(pairs)
    if len(value) != len(pairs):
        _found.objects.append((value, pairs))
    return value


# Floats and the NaN/Infinity words go through Python; integers keep the scanner's fast path. Objects go through
# _object, a small cost per object and the only way a repeated key is seen at all.
_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_constant, object_pairs_hook=_object)


class Parsed(NamedTuple):
    value: Any
    jsonc: bool                      # comments or trailing commas were blanked out to read it
    duplicates: list[Duplicate]      # keys written more than once, object by object in document order


def parse(text: str) -> Parsed:
    """Text to JSON values (dicts keep key order), whether it was JSONC, and the keys it repeats."""
    if not text.strip():
        raise ManifestError(_("The file is empty."), 1, 1)
    jsonc = False
    parsed = text
    _found.objects = []
    try:
        try:
            value = _DECODER.decode(text)
        except json.JSONDecodeError:
            parsed, jsonc = strip_jsonc(text)
            if not jsonc:
                raise
            value = _DECODER.decode(parsed)
    except json.JSONDecodeError as exc:
        raise ManifestError(_("Not valid JSON: {reason}.").format(reason=_explain(exc, text)),
                            exc.lineno, exc.colno) from None
    except _NotANumber as exc:
        raise _number_error(exc.literal, parsed) from None
    except ValueError:  # an integer longer than Python reads (4,300 digits by default)
        limit = sys.get_int_max_str_digits()
        raise ManifestError(_("Not valid JSON: a number has more than {limit:,} digits.").format(limit=limit),
                            *_bare_token(parsed, lambda token: len(token.lstrip("-")) > limit)) from None
    except RecursionError:
        raise ManifestError(_("The JSON is nested more than {limit} levels deep.")
                            .format(limit=MAX_DEPTH)) from None
    if len(text) > MAX_STRING:
        check_limits(value)
    elif parsed.count("{") + parsed.count("[") > MAX_DEPTH and nested_deeper_than(value, MAX_DEPTH):
        # shorter text holds no string over the limit (and with fewer brackets cannot nest too deep)
        raise ManifestError(_("The JSON is nested more than {limit} levels deep.").format(limit=MAX_DEPTH))
    _reject_lone_surrogates(text, value)
    found, _found.objects = _found.objects, []
    return Parsed(value, jsonc, _duplicates(value, found) if found else [])


def _duplicates(root: Any, found: list[tuple[dict[str, Any], list[tuple[str, Any]]]]) -> list[Duplicate]:
    """Where the objects with repeated keys sit (a walk made only when there are some)."""
    counts: dict[int, dict[str, int]] = {}
    for value, pairs in found:
        seen: dict[str, int] = {}
        for key, _item in pairs:
            seen[key] = seen.get(key, 0) + 1
        counts[id(value)] = {key: count for key, count in seen.items() if count > 1}
    result: list[Duplicate] = []
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            result.extend(Duplicate(pointer, key, count) for key, count in counts.get(id(node), {}).items())
            children = [(child, join(pointer, key)) for key, child in node.items()]
        elif isinstance(node, list):
            children = [(child, f"{pointer}/{index}") for index, child in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
    return result


def _number_error(literal: str, text: str) -> ManifestError:
    shown = literal if len(literal) <= 40 else literal[:37] + "..."
    if literal in ("NaN", "Infinity", "-Infinity"):
        message = _("Not valid JSON: {literal} is not a JSON number.")
    else:
        message = _("The number {literal} is beyond what JSON tools can hold: they read it as infinity or 0. "
                    "Write the value meant.")
    return ManifestError(message.format(literal=shown), *_bare_token(text, lambda token: token == literal))


def _bare_token(text: str, wanted: Callable[[str], bool]) -> tuple[int | None, int | None]:
    """(line, column) of the first token outside strings and comments that ``wanted`` accepts, or (None, None)."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] in "\"/":
            continue
        bare = token.lstrip("[{:")
        if wanted(bare):
            return _line_col(text, match.end() - len(bare))
    return None, None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _first_unpaired(escapes: list[re.Match[str]]) -> re.Match[str]:
    index = 0
    while index < len(escapes):
        here = escapes[index]
        high = here.group()[3].lower() in "89ab"
        after = escapes[index + 1] if index + 1 < len(escapes) else None
        if high and after and after.start() == here.end() and after.group()[3].lower() in "cdef":
            index += 2
            continue
        return here
    return escapes[0]


def _reject_lone_surrogates(text: str, value: Any) -> None:
    """A ``\\ud800`` escape without its pair decodes to a string no UTF-8 file can hold."""
    escapes = list(_SURROGATE_ESCAPE.finditer(text))
    if not escapes:
        return
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                first = _first_unpaired(escapes)
                line, column = _line_col(text, first.start())
                raise ManifestError(_("A string holds an unpaired UTF-16 surrogate escape ({escape}); "
                                      "it is not a character and cannot be written as UTF-8.")
                                    .format(escape=first.group()), line, column)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _explain(exc: json.JSONDecodeError, text: str) -> str:
    line = text.splitlines()[exc.lineno - 1] if exc.lineno - 1 < len(text.splitlines()) else ""
    stripped = line.strip()
    if stripped.startswith(("<<<<<<<", "=======", ">>>>>>>")):
        return _("this line is a git merge-conflict marker; resolve the conflict first")
    if stripped.startswith(("[$", "<", "$", "${")) or "${" in stripped.split('"')[0]:
        return _("this line holds a placeholder that the build step must substitute first "
                 "({line!r})").format(line=stripped[:60])
    return exc.msg[0].lower() + exc.msg[1:]
