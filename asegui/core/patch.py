"""Apply the edits of accepted findings to a copy of the expanded document.

Every edit addresses the *input* by JSON pointer, so findings never see each other's
index shifts. Edits run in phases — set/replace, route rewrites, appends, removals (array
elements from the back), renames (deepest first) — and two findings that want different
values at one place are reported as a conflict, never silently resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .findings import Decided, Edit
from .i18n import _
from .pointers import clone, join, parent, parts, resolve


@dataclass(frozen=True)
class Conflict:
    pointer: str
    first: str   # finding id whose edit was applied ("" when the input itself holds the name)
    second: str  # finding id whose edit was not
    message: str


def apply_edits(root: Any, findings: list[Decided]) -> tuple[Any, list[Conflict], dict[str, str]]:
    """Return (new root, conflicts, renamed pointers old -> new)."""
    out = clone(root)
    conflicts: list[Conflict] = []
    owned: dict[str, tuple[Decided, Edit]] = {}
    staged: dict[str, list[Edit]] = {op: [] for op in ("set", "append", "remove")}
    renaming: list[tuple[Decided, Edit]] = []
    routing: list[tuple[Decided, Edit]] = []

    for finding in findings:
        for edit in finding.edits:
            op = edit.op
            key = "set" if op == "add" or op == "replace" else op
            if key != "route" and key != "append":
                previous = owned.get(edit.path)
                if previous is not None:
                    if previous[1] == edit:
                        continue
                    first, second = previous[0].id, finding.id  # ids made only where two edits meet
                    if first != second:
                        conflicts.append(Conflict(edit.path, first, second,
                                                  _("{a} and {b} both change {path}; only {a} was applied")
                                                  .format(a=first, b=second, path=edit.path)))
                        continue
                owned[edit.path] = (finding, edit)
            if key == "rename":
                renaming.append((finding, edit))
            elif key == "route":
                routing.append((finding, edit))
            else:
                staged[key].append(edit)

    for edit in staged["set"]:
        _set(out, edit.path, _copy(edit.value), create=edit.op == "add")
    for edit in staged["append"]:
        target = resolve(out, edit.path)
        if target is None:
            _set(out, edit.path, [], create=True)
            target = resolve(out, edit.path)
        if isinstance(target, list):
            target.append(_copy(edit.value))
    _remove_all(out, staged["remove"])
    renames, refused = _rename_all(out, renaming, conflicts)
    for finding, edit in routing:  # after the renames: a rename refused takes its routes with it
        if id(finding) in refused:
            continue
        path = map_pointer(edit.path, renames)
        value = resolve(out, path)
        if isinstance(value, str):
            _set(out, path, rename_in_route(value, *edit.value), create=False)
    return out, conflicts, renames


def _rename_all(root: Any, staged: list[tuple[Decided, Edit]],
                conflicts: list[Conflict]) -> tuple[Renames, set[int]]:
    """Rename keys deepest first; each container is rebuilt once, in order (not once per key: a manifest with
    hundreds of renamed modules made that quadratic). Returns the renames and the findings refused (by ``id``:
    findings compare by value): once one of a finding's renames is refused (its deepest, the module's key, comes
    first), none of its others is made."""
    renames = Renames()
    refused: set[int] = set()
    by_depth: dict[int, dict[str, list[tuple[Decided, Edit, str]]]] = {}
    for finding, edit in staged:
        container_pointer, old_key = parent(edit.path)
        group = by_depth.setdefault(len(parts(edit.path)), {}).setdefault(container_pointer, [])
        group.append((finding, edit, old_key))
    for depth in sorted(by_depth, reverse=True):
        for container_pointer, group in by_depth[depth].items():
            container = resolve(root, container_pointer)
            if not isinstance(container, dict):
                continue
            new_keys: dict[str, str] = {}
            given: dict[str, Decided] = {}  # new key -> the finding whose rename to it was applied
            taken = set(container)
            for finding, edit, old_key in group:
                if old_key not in container or id(finding) in refused:
                    continue
                if edit.value in taken:
                    refused.add(id(finding))
                    fid = finding.id
                    holder = given[edit.value].id if edit.value in given else ""  # else the input holds it
                    conflicts.append(Conflict(edit.path, holder, fid,
                                              _("{b} would rename {path} to \"{new}\", which is already taken; "
                                                "it was not applied").format(b=fid, path=edit.path, new=edit.value)))
                    continue
                taken.discard(old_key)
                taken.add(edit.value)
                new_keys[old_key] = edit.value
                given[edit.value] = finding
                renames[edit.path] = join(container_pointer, edit.value)
            if new_keys:
                items = [(new_keys.get(k, k), v) for k, v in container.items()]
                container.clear()
                container.update(items)
    return renames, refused


def _copy(value: Any) -> Any:
    """A deep copy of a (small) edit value: three times faster than a JSON round trip at this size."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _set(root: Any, pointer: str, value: Any, create: bool) -> None:
    *path, last = parts(pointer)
    node = root
    for part in path:
        if isinstance(node, dict):
            if not isinstance(node.get(part), (dict, list)):
                if not create:
                    return
                node[part] = {}
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return
    if isinstance(node, dict):
        if create or last in node:
            node[last] = value
    elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node[int(last)] = value


def _remove_all(root: Any, edits: list[Edit]) -> None:
    by_container: dict[str, list[tuple[str, Edit]]] = {}
    for edit in edits:
        container_pointer, key = parent(edit.path)
        by_container.setdefault(container_pointer, []).append((key, edit))
    # Deepest containers first, so pruning an emptied child happens before its parent is looked at.
    for container_pointer in sorted(by_container, key=lambda p: -len(parts(p))):
        container = resolve(root, container_pointer)
        group = by_container[container_pointer]
        if isinstance(container, list):
            for index in sorted({int(key) for key, _edit in group if key.isdigit()}, reverse=True):
                if index < len(container):
                    del container[index]
        elif isinstance(container, dict):
            for key, _edit in group:
                container.pop(key, None)
        else:
            continue
        if not container and any(edit.prune for _key, edit in group) and container_pointer:
            grand, key = parent(container_pointer)
            holder = resolve(root, grand)
            if isinstance(holder, dict):
                holder.pop(key, None)


# A module id in a route runs from "/messages/modules/" (a source) or "/modules/" (a BrokeredEndpoint sink) to the
# next "/", whitespace, '"' or the end. IoT Hub ids hold none of those, but may hold "*", which is then part of the
# id: "Cam*1" is one id, and renaming "Cam" leaves it alone. A lone "*" as a source is the documented wildcard
# (/messages/modules/*), never a module's id, so no rename rewrites it there. Every pattern names the id "id".
ROUTE_ID = r"[^/\s\"]+"
WILDCARD = "*"
_ANY_SOURCE = re.compile(rf"/messages/modules/(?P<id>{ROUTE_ID})")
_ANY_SINK = re.compile(rf"/modules/(?P<id>{ROUTE_ID})(?=/inputs/)")
_NOT_IN_ROUTE_IDS = re.compile(r"[/\s\"]")
# A condition that tests the sending module, as edgeHub's condition grammar writes it: $connectionModuleId (or
# {$connectionModuleId}; system property names are read ignoring case) compared with =, != or <> to a string in
# single or double quotes (with backslash escapes), on either side. Only routes that hold the property's name are
# searched for them (four passes over every renamed route instead of two were 5 % of a conversion).
SENDER = "$connectionmoduleid"  # lowercase: compare with the route lowercased
_SENDER = r"\{?\$connectionModuleId\}?"
_COMPARE = r"\s*(?:=|!=|<>)\s*"
_STRING = r"(?P<q>['\"])(?P<id>(?:\\.|(?!(?P=q))[^\\])*)(?P=q)"
CONDITION_IDS = (re.compile(rf"{_SENDER}{_COMPARE}{_STRING}", re.IGNORECASE),
                 re.compile(rf"{_STRING}{_COMPARE}{_SENDER}", re.IGNORECASE))
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def named_id(match: re.Match[str]) -> str:
    """The module id a match names: a condition's string without its backslash escapes, else as written."""
    value = match.group("id")
    return _ESCAPE.sub(r"\1", value) if "q" in match.re.groupindex and "\\" in value else value


def plain_route_id(module: str) -> bool:
    """Whether :data:`ROUTE_ID` reads ``module`` whole: every id IoT Hub accepts, though a manifest's key need not be
    one."""
    return bool(module) and not _NOT_IN_ROUTE_IDS.search(module)


def _route_patterns(module: str, route: str) -> tuple[re.Pattern[str], ...]:
    """Patterns whose group "id" is a module id named by ``route`` (callers compare it with ``module``): sources
    (never for the wildcard), sinks, and conditions.

    One set serves every id :data:`ROUTE_ID` reads whole (a greedy run of its characters is the id exactly):
    compiling patterns per module was a third of a 500-module conversion's first run. Any other key gets
    patterns of its own."""
    source, sink = (_ANY_SOURCE, _ANY_SINK) if plain_route_id(module) else _literal_route_patterns(module)
    found = (sink,) if module == WILDCARD else (source, sink)
    return found + condition_patterns(route)


def condition_patterns(route: str) -> tuple[re.Pattern[str], ...]:
    """:data:`CONDITION_IDS` for a route that names the sender property; none for the others, which need no pass."""
    return CONDITION_IDS if SENDER in route.lower() else ()


@lru_cache(maxsize=256)
def _literal_route_patterns(module: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    escaped = re.escape(module)
    return (re.compile(rf"/messages/modules/(?P<id>{escaped})(?=/|\s|$|\")"),
            re.compile(rf"/modules/(?P<id>{escaped})(?=/inputs/)"))


def route_names(route: str, module: str) -> bool:
    """Whether a route names ``module`` where :func:`rename_in_route` would rewrite it."""
    if not module or (module not in route and "\\" not in route):  # an escaped id is not written as it reads
        return False
    return any(named_id(match) == module for pattern in _route_patterns(module, route)
               for match in pattern.finditer(route))


def rename_in_route(route: str, old: str, new: str) -> str:
    """Rewrite module id ``old`` to ``new`` in a route's sources, BrokeredEndpoint sinks and
    ``$connectionModuleId`` conditions."""
    if not old or (old not in route and "\\" not in route):
        return route

    def replacement(match: re.Match[str]) -> str:  # no backslash escapes in names, unlike a template
        if named_id(match) != old:
            return match.group(0)
        start, end = match.span("id")
        whole, base = match.group(0), match.start()
        return whole[:start - base] + new + whole[end - base:]

    for pattern in _route_patterns(old, route):
        route = pattern.sub(replacement, route)
    return route


class Renames(dict[str, str]):
    """Renamed pointers, old -> new, remembering every pointer already mapped: findings and edits share most
    of their path, so each ancestor is looked up once (mapping each pointer afresh cost more than applying)."""

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
