"""Rules, findings, fixes, parameters and decisions: the data every renderer shares.

A rule is declared once (code, area, severity, title, explanation, source) and yields
findings. A finding carries its fix as data: parameters with defaults and validation, and
a builder that turns parameter values into edits on the expanded document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

from .i18n import _


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


@dataclass(frozen=True, slots=True)
class Edit:
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


@dataclass(frozen=True, slots=True)
class Param:
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


@dataclass(frozen=True)
class Example:
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


@dataclass(frozen=True)
class Rule:
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
            object.__setattr__(self, "severities", (self.severity, *self.severities))
        if self.applicability not in self.applicabilities:
            object.__setattr__(self, "applicabilities", (self.applicability, *self.applicabilities))

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


@dataclass(slots=True)
class Finding:
    """One thing that must change, or that the engineer must know, for one place.

    Slotted: a 500-module manifest has thousands of findings, and deciding them is a walk over
    their attributes that ran a third slower per finding than at 50 modules with a dict each."""

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
    # Filled in by apply(); until then (and for the many findings without parameters or edits) the shared
    # empty ones below: a 500-module manifest has thousands of findings, and three fresh empty containers
    # each were about 800 KB of the memory a conversion keeps.
    accepted: bool = False
    values: Mapping[str, Any] = field(default_factory=lambda: NOTHING)
    status: str = ""
    edits: tuple[Edit, ...] = ()
    problems: Mapping[str, str] = field(default_factory=lambda: NOTHING)
    note: str = ""
    renames: dict[str, str] | None = field(default=None, repr=False, compare=False)  # of the output it is in
    _id: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        self.severity = self.severity or self.rule.severity
        self.applicability = self.applicability or self.rule.applicability
        if self.accepted_by_default is None:
            self.accepted_by_default = self.applicability != "manual"

    @property
    def id(self) -> str:
        """Stable across re-analysis of the same input: code, module and pointer. Made on first use (decisions,
        the window, reports): a conversion without decisions never needs it."""
        if not self._id:
            self._id = f"{self.rule.code}:{self.module or '-'}:{self.pointer}"
        return self._id

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def area(self) -> str:
        return self.rule.area

    @property
    def output_pointer(self) -> str:
        """Where the finding's place is in the output, after the renames applied with it (found on first ask:
        only the window and the report ask, and mapping every finding's pointer was 3 % of a conversion)."""
        from .patch import map_pointer  # patch imports this module

        return map_pointer(self.pointer, self.renames) if self.renames else self.pointer

    @property
    def needs_input(self) -> bool:
        """A choice with a parameter that has no valid value yet."""
        return self.applicability == "choice" and bool(self.problems)

    @property
    def resolved(self) -> bool:
        """The tool or a person has settled it: a fix applied (a defaulted one too), acknowledged, or declined.

        Open manual steps and choices still missing a value are what remain for a person.
        """
        return self.status not in ("open", "needs input")

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "area": self.area, "severity": self.severity,
                "module": self.module, "message": self.message, "pointer": self.pointer,
                "applicability": self.applicability, "params": dict(self.values),
                "accepted": self.accepted, "status": self.status, "note": self.note}


@dataclass
class Decision:
    """What a person said about one finding; ``accepted=None`` keeps the default."""

    accepted: bool | None = None
    params: dict[str, Any] = field(default_factory=dict)
    note: str = ""
