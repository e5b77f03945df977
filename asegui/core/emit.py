"""Expanded document -> output text, in the deployable or the expanded form.

Deployable: every module's createOptions is a compact JSON string split into
``createOptions``, ``createOptions01``… of at most 512 characters; a module whose
createOptions did not change keeps its original pieces byte for byte. Expanded: objects,
template style. Output is UTF-8 text with LF line endings and one final newline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, Literal

from .document import Document, ModuleRef, chunk_names
from .pointers import join, parts, resolve
from .renames import map_pointer

Form = Literal["auto", "deployable", "expanded"]
CHUNK_SIZE = 512
MAX_CHUNKS = 8
MAX_CREATE_OPTIONS = CHUNK_SIZE * MAX_CHUNKS  # 4096 characters: what the tools and older hubs deploy


# One encoder made once: json.dumps builds a new encoder on every call, which costs as much as encoding a module's
# createOptions; the trees written here come from JSON and cannot hold a cycle to check for.
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, check_circular=False)


def compact(value: Any) -> str:
    return _COMPACT.encode(value)


def split_chunks(text: str) -> dict[str, str]:
    pieces = [text[i:i + CHUNK_SIZE] for i in range(0, len(text), CHUNK_SIZE)] or [""]
    return dict(zip(chunk_names(len(pieces)), pieces, strict=True))


def module_form(doc: Document, module: ModuleRef, form: Form) -> Literal["deployable", "expanded"]:
    """``auto`` keeps each module's own form; new createOptions follow the document's."""
    if form != "auto":
        return form
    if module.co_form in ("string", "chunks"):
        return "deployable"
    if module.co_form == "object":
        return "expanded"
    return "expanded" if doc.template else "deployable"


def shape(doc: Document, root: Any, form: Form, renames: dict[str, str] | None = None,
          keep: frozenset[str] = frozenset()) -> Any:
    """``root`` with each module's createOptions in its output form. ``root`` is not changed: only the
    containers on the way to a reshaped ``settings`` are copied (a deep copy of the whole document would cost as
    much as writing it out). ``keep`` names modules (by input pointer) whose pieces are written back as the input had
    them even where MAN004 would rewrite them (its rewrite was rejected), as long as nothing in them changed."""
    renames = renames or {}
    reshaped: dict[str, dict[str, Any]] = {}
    for module in doc.modules:
        pointer = join(map_pointer(module.pointer, renames), "settings")
        settings = resolve(root, pointer)
        if not isinstance(settings, dict) or not isinstance(settings.get("createOptions"), dict) \
                or module.co_form == "invalid":
            continue
        if module_form(doc, module, form) == "expanded":
            continue
        value = settings["createOptions"]
        if module.co_form in ("string", "chunks") and (not module.co_rewrite or module.pointer in keep) \
                and value == module.co_original:
            pieces = module.co_chunks
        else:
            pieces = split_chunks(compact(value))
        reshaped[pointer] = _in_place(settings, pieces, module.co_order if pieces is module.co_chunks else ())
    return with_replaced(root, reshaped)


def _in_place(settings: dict[str, Any], pieces: dict[str, str], order: tuple[str, ...]) -> dict[str, Any]:
    """``settings`` with createOptions as its pieces: where the input had them (``order``, for pieces written back
    unchanged, which need not be next to each other), else all at createOptions' place."""
    rebuilt: dict[str, Any] = {}
    for key in order:
        if key in pieces:
            rebuilt[key] = pieces[key]
        elif key in settings and key != "createOptions":
            rebuilt[key] = settings[key]
    for key, item in settings.items():
        if key == "createOptions":
            if not order:
                rebuilt.update(pieces)
        elif key not in rebuilt:
            rebuilt[key] = item
    return rebuilt


def with_replaced(root: Any, replacements: dict[str, Any]) -> Any:
    """A copy of ``root`` with the values at ``replacements``' pointers swapped, sharing everything else."""
    if not replacements:
        return root
    copies: dict[str, Any] = {"": _shallow(root)}
    for pointer, value in replacements.items():
        *path, last = parts(pointer)
        node, end = copies[""], 0
        for part in path:
            end = pointer.find("/", end + 1)
            at = pointer[:end]  # the pointer of this ancestor, as written in ``pointer``
            if at not in copies:
                key: Any = int(part) if isinstance(node, list) else part
                copies[at] = node[key] = _shallow(node[key])
            node = copies[at]
        node[int(last) if isinstance(node, list) else last] = value
    return copies[""]


def _shallow(value: Any) -> Any:
    return value.copy() if isinstance(value, (dict, list)) else value


def dumps(root: Any, indent: str = "  ") -> str:
    """``json.dumps(root, indent=indent, ensure_ascii=False)`` and a final newline, byte for byte, written by
    :func:`_indented` (the standard library's pure-Python indenting encoder is slower: it yields every token
    through a chain of generators); anything it does not know goes to the standard library."""
    try:
        return _indented(root, indent) + "\n"
    except TypeError:
        return json.dumps(root, indent=indent, ensure_ascii=False) + "\n"


def _indented(root: Any, indent: str) -> str:
    out: list[str] = []
    _write(root, 0, indent, out.append)
    return "".join(out)


def _write(value: Any, level: int, indent: str, append: Callable[[str], None]) -> None:
    """One value into ``append``: a plain recursive function, not a closure that calls itself — such a closure
    is a reference cycle, and with the collector paused it would keep every piece of the text alive."""
    if isinstance(value, str):
        append(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            append("{}")
            return
        newline = "\n" + indent * (level + 1)
        separator = "{" + newline
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("a key that is not a string")  # json.dumps converts those: let it
            append(separator)
            append(encode_basestring(key))
            append(": ")
            _write(item, level + 1, indent, append)
            separator = "," + newline
        append("\n" + indent * level + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            append("[]")
            return
        newline = "\n" + indent * (level + 1)
        separator = "[" + newline
        for item in value:
            append(separator)
            _write(item, level + 1, indent, append)
            separator = "," + newline
        append("\n" + indent * level + "]")
    elif value is None:
        append("null")
    elif value is True:
        append("true")
    elif value is False:
        append("false")
    elif type(value) is int:
        append(int.__repr__(value))
    elif type(value) is float:
        append("NaN" if value != value else _FLOATS.get(value) or float.__repr__(value))
    else:
        raise TypeError(f"{type(value).__name__} is not plain JSON")


_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


def line_map(root: Any, indent: str = "  ") -> dict[str, tuple[int, int]]:
    """Pointer -> (first line, last line), 1-based, for text made by ``dumps`` with the same indent."""
    spans: dict[str, tuple[int, int]] = {}
    _spans(root, "", 1, spans)
    return spans


def _spans(value: Any, pointer: str, line: int, spans: dict[str, tuple[int, int]]) -> int:
    """Record the lines of ``value`` (which starts on ``line``) and its members; return its last line."""
    start = line
    if isinstance(value, dict) and value:
        for key, item in value.items():
            line = _spans(item, join(pointer, key), line + 1, spans)
        line += 1
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            line = _spans(item, join(pointer, index), line + 1, spans)
        line += 1
    spans[pointer] = (start, line)
    return line


def lines_for(spans: dict[str, tuple[int, int]], pointer: str) -> tuple[int, int] | None:
    """The span of ``pointer``, or of its nearest ancestor that was written out."""
    while True:
        if pointer in spans:
            return spans[pointer]
        if not pointer:
            return None
        pointer = pointer[:pointer.rfind("/")]


def respliced(text: str, spans: dict[str, tuple[int, int]], pointer: str, value: Any,
              indent: str = "  ") -> tuple[str, dict[str, tuple[int, int]]] | None:
    """``text`` and ``spans`` (made by :func:`dumps` and :func:`line_map`) with the object at ``pointer`` written
    anew as ``value``: what ``dumps`` and ``line_map`` of the root with that one object replaced would give, at the
    cost of the object's lines, not the document's. None where the place is not a non-empty object on lines of its
    own in both (the caller writes the whole text then)."""
    span = spans.get(pointer)
    if span is None or not pointer or not isinstance(value, dict) or not value:
        return None
    first, last = span
    lines = text.split("\n")
    head, tail = lines[first - 1], lines[last - 1]
    closing = tail.lstrip()
    if first >= last or not head.endswith("{") or not closing.startswith("}"):
        return None
    written: list[str] = []
    try:
        _write(value, len(parts(pointer)), indent, written.append)
    except TypeError:
        return None
    block = (head[:-1] + "".join(written) + closing[1:]).split("\n")
    shift = len(block) - (last - first + 1)
    inside = pointer + "/"
    moved: dict[str, tuple[int, int]] = {}
    for place, (start, end) in spans.items():
        if place == pointer or place.startswith(inside):
            continue
        moved[place] = (start + shift if start > last else start, end + shift if end >= last else end)
    _spans(value, pointer, first, moved)
    return "\n".join(lines[:first - 1] + block + lines[last:]), moved
