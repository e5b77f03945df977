"""A decision on one module's finding, applied to that module alone.

A toggle in the window changes one finding's decision, and its edits touch one module: deciding every finding,
copying the whole document and applying every edit again would cost the same for one module as for all. Here
only the changed findings are decided again, and only the module their edits touch is copied and edited; the
other modules are shared with the previous result (results never change their root). Whenever the shortcut
could differ from :func:`migrate.apply` — renames or route rewrites made or unmade, a conflict in the module, an
edit above the module — it answers None and the caller applies in full.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import msgspec

from .. import collector
from .document import ModuleRef
from .emit import with_replaced
from .findings import Decided, Decision, Decisions, Edit, Finding
from .migrate import Result, _as_decision, _outcome
from .patch import apply_edits
from .pointers import is_within, parts, resolve
from .renames import map_pointer

MOST_CHANGED = 8  # a step that changes more decisions than this is applied in full (accept all, load decisions)
_WHOLE_DOCUMENT_OPS = frozenset(("rename", "route"))  # they move pointers or reach into the routes
_HOW_WRITTEN = frozenset(("MAN004",))  # its decision changes how a module's pieces are written, not its edits


def reapply(previous: Result, findings: list[Finding], decisions: Mapping[str, Decision],
            changed: Collection[str]) -> Result | None:
    """``previous`` (an apply of ``findings``) with the decisions of the ``changed`` finding ids now as in
    ``decisions``: the result :func:`migrate.apply` would give, or None where this cannot tell it cheaply. Its
    device phase is left to :meth:`Result.check_device`, as ``apply(..., device=False)`` leaves it."""
    if not changed or len(changed) > MOST_CHANGED:
        return None
    before = previous.findings[:previous._input_count or len(findings)]
    if len(before) != len(findings) or any(old.finding is not new for old, new in zip(before, findings, strict=True)):
        return None  # another analysis (the device's settings changed)
    with collector.paused():
        context = Decisions()
        decided: list[Decided] = []
        touched: list[Edit] = []
        found = 0
        for old in before:
            finding = old.finding
            if finding.id in changed:
                found += 1
                if finding.rule.code in _HOW_WRITTEN:
                    return None
                outcome = _outcome(finding, _as_decision(decisions.get(finding.id)))
                if not same(outcome.edits, old.outcome.edits):
                    touched += old.outcome.edits
                    touched += outcome.edits
            else:
                outcome = old.outcome
            decided.append(Decided(finding, outcome, context))
        if found != len(changed):
            return None  # a decision on a finding of the device phase: the whole result follows from it
        place: str | None = None
        module: str | None = None
        root = previous.root
        if touched:
            applied = _module_applied(previous, decided, touched)
            if applied is None:
                return None
            root, place, module = applied
        known = {d.id for d in decided}
        stale = [key for key in decisions if key not in known]
    context.renames = previous.renames
    rendered = previous._cache.get(("output", "expanded"))
    warned = {pointer: said for pointer, said in previous._warned.items() if pointer != module}
    return Result(document=previous.document, findings=decided, root=root, form=previous.form,
                  conflicts=previous.conflicts, renames=previous.renames, stale_decisions=stale,
                  settings=previous.settings, _context=context,
                  _base=(rendered, place, module) if rendered is not None else None, _warned=warned)


def same(one: Any, other: Any) -> bool:
    """Equal as JSON writes them: ``2`` and ``2.0``, ``1`` and ``True``, keys in another order are not the same
    here, as they are to ``==`` (a decision of ``2.0`` for a whole number is refused where ``2`` is applied)."""
    if one is other:
        return True
    try:
        return bool(_ENCODE(one) == _ENCODE(other))
    except (TypeError, ValueError):  # not plain data: say it changed, and decide it again
        return False


_ENCODE = msgspec.json.Encoder().encode


def _module_applied(previous: Result, decided: list[Decided], edits: list[Edit]) -> tuple[Any, str, str] | None:
    """The previous root with the one module the changed edits touch made again from the input, and the module's
    pointers in the output and the input; None where the edits reach past one module or the module's edits could
    come out otherwise in the whole document."""
    if any(edit.op in _WHOLE_DOCUMENT_OPS for edit in edits):
        return None
    doc = previous.document
    module = _module_of(doc.modules, edits)
    if module is None:
        return None
    inside: list[Decided] = []  # the findings with edits in the module
    for finding in decided:
        if not finding.outcome.edits:
            continue
        within = [is_within(edit.path, module.pointer) for edit in finding.outcome.edits]
        if any(is_within(module.pointer, edit.path) and not (edit.path == module.pointer and edit.op == "rename")
               for edit in finding.outcome.edits):
            return None  # an edit of the module itself or above it (removing it, replacing all modules)
        if any(within):
            if not all(within):
                return None  # a finding with edits in this module and elsewhere: applied together or not at all
            inside.append(finding)
    if any(is_within(c.pointer, module.pointer) for c in previous.conflicts):
        return None
    skeleton = _skeleton(doc.root, module.pointer)
    if skeleton is None:
        return None
    out, conflicts, renames = apply_edits(skeleton, inside)
    if conflicts:
        return None
    renamed_before = {old: new for old, new in previous.renames.items() if is_within(old, module.pointer)}
    if dict(renames) != renamed_before:
        return None
    place = map_pointer(module.pointer, previous.renames)
    value = resolve(out, map_pointer(module.pointer, renames))
    if not isinstance(value, dict) or not isinstance(resolve(previous.root, place), dict):
        return None
    return with_replaced(previous.root, {place: value}), place, module.pointer


def _module_of(modules: list[ModuleRef], edits: list[Edit]) -> ModuleRef | None:
    """The module every edit lies in, if there is one."""
    for module in modules:
        if all(is_within(edit.path, module.pointer) and edit.path != module.pointer for edit in edits):
            return module
    return None


def _skeleton(root: Any, pointer: str) -> Any:
    """Objects along ``pointer`` holding only its way down, and the object at its end: the module alone, where the
    input has it (apply_edits edits a copy)."""
    keys = parts(pointer)
    value = resolve(root, pointer)
    if not keys or not isinstance(value, dict):
        return None
    node = root
    for key in keys[:-1]:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    skeleton: Any = {keys[-1]: value}
    for key in reversed(keys[:-1]):
        skeleton = {key: skeleton}
    return skeleton
