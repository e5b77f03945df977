"""Rules, findings, fixes, parameters and decisions: the data every renderer shares.

A rule is declared once (code, area, severity, title, explanation, source) and yields
findings. A finding carries its fix as data: parameters with defaults and validation, and
a builder that turns parameter values into edits on the expanded document.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, Literal, NoReturn

from msgspec import Struct, field
from msgspec.structs import force_setattr

from .i18n import _
from .renames import map_pointer


class _NoEntries(dict):
    """An empty dict that refuses entries. One is shared by every finding without parameters (thousands in a large
    manifest), so none can fill another's; still a dict, so ``json.dumps``, ``copy`` and ``pickle`` take it."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a finding's values and problems are set by deciding it, not changed in place")

    __setitem__ = __delitem__ = setdefault = update = pop = popitem = clear = __ior__ = _refuse


NOTHING: Mapping[str, Any] = _NoEntries()

AREAS = ("storage", "networking", "resources", "proxy", "naming", "platform", "manifest")
SEVERITIES = ("error", "warning", "info")
Applicability = Literal["auto", "choice", "manual"]
EditOp = Literal["add", "replace", "remove", "append", "rename", "route"]


class Edit(Struct, frozen=True):
    """One change to the expanded document, addressed by a JSON pointer into the *input*.

    ``add`` sets an object member (creating missing parent objects); ``replace`` swaps an
    existing value; ``remove`` deletes a member or array element (``prune`` also removes the
    container once nothing is left in it); ``append`` adds to an array (created if missing);
    ``rename`` gives a member a new key in place; ``route`` rewrites module id ``value[0]`` to
    ``value[1]`` inside a route string.
    """

    op: EditOp
    path: str
    value: Any = None
    prune: bool = False


class Param(Struct, frozen=True):
    """A value a fix needs. ``default=None`` means no sensible default: the user must give one."""

    name: str
    label: str
    kind: Literal["text", "int", "enum"] = "text"
    default: Any = None
    options: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    check: Callable[[Any], str | None] | None = None

    def coerce(self, value: Any) -> Any:
        """Turn text from a form or a file into the parameter's type (may raise ValueError)."""
        if self.kind == "int":
            if isinstance(value, bool):
                raise ValueError(_("{label} must be a whole number").format(label=self.label))
            if isinstance(value, int):
                return value
            text = str(value).strip()
            if not re.fullmatch(r"[+-]?\d+", text):
                raise ValueError(_("{label} must be a whole number").format(label=self.label))
            return int(text)
        return value if isinstance(value, str) else str(value)

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is refused, or ``None`` when it is fine."""
        if value is None or value == "":
            return _("{label} needs a value").format(label=self.label)
        try:
            value = self.coerce(value)
        except ValueError as exc:
            return str(exc)
        if self.kind == "int":
            if self.minimum is not None and value < self.minimum:
                return _("{label} must be at least {minimum}").format(label=self.label, minimum=self.minimum)
            if self.maximum is not None and value > self.maximum:
                return _("{label} must be at most {maximum}").format(label=self.label, maximum=self.maximum)
        if self.kind == "enum" and value not in self.options:
            return _("{label} must be one of: {options}").format(label=self.label, options=", ".join(self.options))
        if self.pattern and not re.fullmatch(self.pattern, value):
            return self.pattern_hint or _("{label} is not valid").format(label=self.label)
        return self.check(value) if self.check else None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "label": self.label, "kind": self.kind, "default": self.default}
        if self.options:
            data["options"] = list(self.options)
        if self.minimum is not None:
            data["minimum"] = self.minimum
        if self.maximum is not None:
            data["maximum"] = self.maximum
        return data


class Example(Struct, frozen=True, dict=True):
    """A rule's before and after as data: a small manifest with ``before`` raises the rule's code, one with ``after``
    does not (a test holds every rule to it), and the explanation shows them when the rule gives no text of its own.

    ``at`` says where both go in the small manifest :func:`asegui.core.rules.example_manifest` builds (one user
    module, ``app``): ``"HostConfig"`` or ``"createOptions"`` of the module's createOptions, ``"module"`` the
    module itself, ``"modules"`` the modules by id (replacing ``app``), ``"edgeHub"`` the edgeHub system module,
    ``"desired"`` the edgeAgent's desired properties, ``"manifest"`` the whole document. Each is a JSON merge patch
    (RFC 7386: a ``None`` member deletes it). ``"text"``: ``(old, new)`` pairs replaced in the manifest's text, for
    what JSON values cannot say (comments, duplicate keys)."""

    before: Any
    after: Any
    at: Literal["HostConfig", "createOptions", "module", "modules", "edgeHub", "desired", "manifest", "text"] = \
        "HostConfig"

    def text(self, side: Any) -> str:
        """How one side reads in an explanation: the members of a JSON object, as the manifest spells them."""
        import json

        if self.at == "text" or not isinstance(side, dict):
            return ""
        return json.dumps(side, ensure_ascii=False)[1:-1] if side else ""


class Rule(Struct, frozen=True, dict=True):
    """A rule's one declaration; the CLI, the report and the window all render this.

    ``severity`` and ``applicability`` are what its findings usually carry; ``severities`` and ``applicabilities``
    everything they may carry (the usual one first). ``source`` is the text the explanation cites; ``links`` the
    same places as addresses (``https://…``), for a window or a report to open."""

    code: str
    slug: str
    area: str
    severity: str
    applicability: Applicability
    title: str
    explanation: str
    source: str
    before: str = ""
    after: str = ""
    check: Callable[[Any, Any], Iterable[Finding]] | None = None
    phase: Literal["input", "device"] = "input"  # "device": checks the objects compiled from the converted manifest
    severities: tuple[str, ...] = ()
    applicabilities: tuple[Applicability, ...] = ()
    links: tuple[str, ...] = ()
    example: Example | None = None

    def __post_init__(self) -> None:
        if self.severity not in self.severities:
            force_setattr(self, "severities", (self.severity, *self.severities))
        if self.applicability not in self.applicabilities:
            force_setattr(self, "applicabilities", (self.applicability, *self.applicabilities))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "slug": self.slug, "area": self.area, "severity": self.severity,
                                "applicability": self.applicability}
        if len(self.severities) > 1:
            data["severities"] = list(self.severities)
        if len(self.applicabilities) > 1:
            data["applicabilities"] = list(self.applicabilities)
        data.update({"title": _(self.title), "explanation": _(self.explanation), "source": self.source,
                     "links": list(self.links), "before": self.before, "after": self.after})
        return data


class Finding(Struct, frozen=True, eq=False):
    """One thing that must change, or that the engineer must know, for one place: a fact about the input.

    Frozen: what a person decides about it lives in an :class:`Outcome`, which each :class:`Result` owns, so two
    results of one analysis never share or overwrite each other's decisions. Slotted, and compared by identity:
    a 500-module manifest has thousands of findings."""

    rule: Rule
    module: str | None
    pointer: str
    message: str
    params: tuple[Param, ...] = ()
    build: Callable[[dict[str, Any]], list[Edit]] | None = None
    severity: str = ""
    applicability: Applicability | None = None
    accepted_by_default: bool | None = None
    todo: str = ""  # a line for the device checklist (shares, IPs, images), if any
    # Where a finding that is about more than one place shows (the window highlights these instead of ``pointer``,
    # which stays its identity): NET007's IPs are for every module with port bindings, not for the first one's body.
    places: tuple[str, ...] = ()
    # Lines of the file as written that the finding is about, when no pointer can say (MAN007's comments).
    source_lines: tuple[int, ...] = ()
    _id: str = ""

    def __post_init__(self) -> None:
        force_setattr(self, "severity", self.severity or self.rule.severity)
        force_setattr(self, "applicability", self.applicability or self.rule.applicability)
        if self.accepted_by_default is None:
            force_setattr(self, "accepted_by_default", self.applicability != "manual")

    @property
    def id(self) -> str:
        """Stable across re-analysis of the same input: code, module and pointer. Made on first use (decisions,
        the window, reports): a conversion without decisions never needs it."""
        if not self._id:
            force_setattr(self, "_id", f"{self.rule.code}:{self.module or '-'}:{self.pointer}")
        return self._id

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def area(self) -> str:
        return self.rule.area

    @property
    def fix(self) -> Fix:
        """How the finding's place changes, as one record: applicability, parameters, default, edits builder."""
        return Fix(self.applicability or "manual", self.params, self.build, bool(self.accepted_by_default))

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def describe(self, decided: Callable[[Finding], Decided | None]) -> tuple[str, str]:
        """(message, checklist line) in one result, where other findings' outcomes are ``decided(finding)``. Most
        findings say the same whatever was decided; STO005 names shares as the decisions on other findings name
        them."""
        return self.message, self.todo


class Fix(Struct, frozen=True):
    """A finding's fix: ``auto`` (applied unless rejected), ``choice`` (applied with its default, to review) or
    ``manual`` (a person acts outside the tool); the parameters it needs and how their values become edits."""

    applicability: Applicability
    params: tuple[Param, ...] = ()
    build: Callable[[dict[str, Any]], list[Edit]] | None = None
    accepted_by_default: bool = True

    def edits(self, values: Mapping[str, Any]) -> tuple[Edit, ...]:
        return tuple(self.build(values if type(values) is dict else {})) if self.build else ()


class Status(str, Enum):
    """What became of a finding in one result (a ``str``: compares, prints and serialises as its value)."""

    APPLIED = "applied"             # its edits are in the output
    REVIEW = "review"               # applied with its default value, not yet confirmed by a person
    NEEDS_INPUT = "needs input"     # accepted, but a parameter has no valid value: nothing applied
    OFF = "off"                     # not applied by default (and nobody asked for it)
    REJECTED = "rejected"           # a person declined the fix
    REASON_NEEDED = "rejected, reason needed"  # a person declined an error's fix without saying why (in the note)
    OPEN = "open"                   # a manual step not yet acknowledged
    ACKNOWLEDGED = "acknowledged"   # a manual step a person says is done
    INFO = "info"                   # nothing to do

    def __str__(self) -> str:
        return self.value


class Outcome(Struct):
    """What one result made of one finding: accepted or not, parameter values and their problems, the status,
    the edits applied, and the person's note."""

    accepted: bool = False
    values: Mapping[str, Any] = field(default_factory=lambda: NOTHING)
    status: Status = Status.OPEN
    edits: tuple[Edit, ...] = ()
    problems: Mapping[str, str] = field(default_factory=lambda: NOTHING)
    note: str = ""


class Decisions:
    """The shared context of one result's decided findings: the renames its output made, and each finding's
    :class:`Decided` by identity (for findings whose text follows others' outcomes)."""

    __slots__ = ("renames", "by_finding")

    def __init__(self) -> None:
        self.renames: dict[str, str] = {}
        # Weak: each Decided holds this context, so strong values would make every result a reference cycle, which
        # only the cyclic collector frees — and conversions pause it (asegui.collector), so a long run (a fleet,
        # a window's session of decisions) would keep every result it ever made.
        self.by_finding: weakref.WeakValueDictionary[int, Decided] = weakref.WeakValueDictionary()

    def of(self, finding: Finding) -> Decided | None:
        return self.by_finding.get(id(finding))


_UNRESOLVED = frozenset((Status.OPEN, Status.NEEDS_INPUT, Status.REASON_NEEDED))


class Decided:
    """A finding as one result decided it: the finding's facts and that result's outcome, read as one object
    (``decided.code``, ``decided.status``…). A new one for every result; the finding itself never changes."""

    __slots__ = ("finding", "outcome", "_context", "_texts", "__weakref__")

    def __init__(self, finding: Finding, outcome: Outcome, context: Decisions) -> None:
        self.finding, self.outcome, self._context = finding, outcome, context
        self._texts: tuple[str, str] | None = None
        context.by_finding[id(finding)] = self

    def __getattr__(self, name: str) -> Any:  # the finding's other facts (build, todo of a plain finding…)
        if name.startswith("__") or name in Decided.__slots__:  # copy and pickle probe before the slots are set
            raise AttributeError(name)
        return getattr(self.finding, name)

    def __repr__(self) -> str:
        return f"Decided({self.finding.id!r}, {self.outcome.status.value!r})"

    # the facts most read, without __getattr__'s detour
    @property
    def id(self) -> str:
        return self.finding.id

    @property
    def code(self) -> str:
        return self.finding.rule.code

    @property
    def area(self) -> str:
        return self.finding.rule.area

    @property
    def rule(self) -> Rule:
        return self.finding.rule

    @property
    def module(self) -> str | None:
        return self.finding.module

    @property
    def pointer(self) -> str:
        return self.finding.pointer

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def applicability(self) -> Applicability | None:
        return self.finding.applicability

    @property
    def params(self) -> tuple[Param, ...]:
        return self.finding.params

    @property
    def message(self) -> str:
        return self._described()[0]

    @property
    def todo(self) -> str:
        return self._described()[1]

    def _described(self) -> tuple[str, str]:
        if self._texts is None:
            self._texts = self.finding.describe(self._context.of)
        return self._texts

    # the outcome
    @property
    def accepted(self) -> bool:
        return self.outcome.accepted

    @property
    def values(self) -> Mapping[str, Any]:
        return self.outcome.values

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def edits(self) -> tuple[Edit, ...]:
        return self.outcome.edits

    @property
    def problems(self) -> Mapping[str, str]:
        return self.outcome.problems

    @property
    def note(self) -> str:
        return self.outcome.note

    @property
    def renames(self) -> dict[str, str]:
        return self._context.renames

    @property
    def output_pointer(self) -> str:
        """Where the finding's place is in the output, after the renames applied with it (found on first ask:
        only the window and the report ask, so a conversion does not map every finding's pointer for nothing)."""
        renames = self._context.renames
        return map_pointer(self.finding.pointer, renames) if renames else self.finding.pointer

    @property
    def needs_input(self) -> bool:
        """A choice with a parameter that has no valid value yet."""
        return self.finding.applicability == "choice" and bool(self.outcome.problems)

    @property
    def resolved(self) -> bool:
        """The tool or a person has settled it: a fix applied (a defaulted one too), acknowledged, or declined (an
        error's fix with a reason in the note).

        Open manual steps, choices still missing a value and errors whose fix was rejected without a reason are what
        remain for a person.
        """
        return self.outcome.status not in _UNRESOLVED

    def defaults(self) -> dict[str, Any]:
        return self.finding.defaults()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "area": self.area, "severity": self.severity,
                "module": self.module, "message": self.message, "pointer": self.pointer,
                "applicability": self.applicability, "params": dict(self.values),
                "accepted": self.accepted, "status": self.status.value, "note": self.note}


class Decision(Struct, dict=True):
    """What a person said about one finding; ``accepted=None`` keeps the default."""

    accepted: bool | None = None
    params: dict[str, Any] = field(default_factory=dict)
    note: str = ""
