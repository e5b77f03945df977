"""Apply the edits of accepted findings to a copy of the expanded document.

Every edit addresses the *input* by JSON pointer, so findings never see each other's
index shifts. Edits run in phases — set/replace, route rewrites, appends, removals (array
elements from the back), renames (deepest first) — and two findings that want different
values at one place are reported as a conflict, never silently resolved.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from .findings import Decided, Edit
from .i18n import _
from .pointers import clone, join, parent, parts, resolve
from .renames import Renames, map_pointer
from .routes import rename_in_route


class Conflict(Struct, frozen=True, dict=True):
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
    """Rename keys deepest first; each container is rebuilt once, in order (not once per key, which is
    quadratic in a manifest with hundreds of renamed modules). Returns the renames and the findings refused (by ``id``:
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
    """A deep copy of a (small) edit value: at this size, faster than a JSON round trip."""
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
