"""What crosses the tool's boundary, as pydantic models: the decisions file (with the device settings) and the JSON
report. They check a file a person edited by hand, turn what is wrong into a sentence naming the finding and the
field, and give the JSON Schemas that ``asegui-cli schema decisions|report`` prints.

Importing this module imports pydantic (a tenth of a second or more), so only the functions that read a decisions file
or print a schema import it, inside the function: ``asegui.core`` and the window never load it at start-up.

Strictness follows who writes the file. In the decisions file every object is ours, so an unknown key is refused: a
typo (``"acepted": false``) would otherwise be ignored and a fix the person meant to reject applied anyway, and
``"devices"`` would silently drop the device settings. The format is versioned, so a later release that adds keys
bumps ``version`` and an older tool says which version it reads instead of half-reading the file. Values are strict
too: ``"accepted": "yes"`` or ``"gpus": true`` are refused, not coerced. The report is written only by the tool; its
models forbid unknown keys so the published schema stays the report's whole shape (the tests hold every report the
tool writes to it).
"""

from __future__ import annotations

import json
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from .i18n import _

DECISIONS_FORMAT = "asegui-decisions"
REPORT_FORMAT = "asegui-report"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _exactly_int(value: Any) -> Any:
    """``Literal[1, 2]`` takes ``true`` and ``1.0`` even in strict mode (they compare equal); a count must be a number
    written as one."""
    if type(value) is not int:
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


class _Ours(BaseModel):
    """An object of a format this tool defines: strict values, no unknown keys."""

    model_config = ConfigDict(strict=True, extra="forbid")


# ---------------------------------------------------------------- the decisions file

class DeviceSettingsModel(_Ours):
    """The GPU device a manifest is converted for (asegui.core.device.settings.DeviceSettings)."""

    model_config = ConfigDict(title="DeviceSettings")

    gpus: Annotated[Literal[1, 2], BeforeValidator(_exactly_int)] = Field(
        1, description="GPUs the device has: 1, or 2 on the two-GPU model.")
    service_type: Literal["LoadBalancer", "ClusterIP"] = Field(
        "LoadBalancer", description="Service type of modules with port bindings.")
    kubernetes_version: Literal["1.25"] = Field(
        "1.25", description="The Kubernetes version whose schemas the objects are checked against.")


class DecisionEntry(_Ours):
    """What a person decided about one finding. "code", "module" and "message" are written for the reader and
    ignored when the file is read."""

    model_config = ConfigDict(title="Decision")

    code: str | None = Field(None, description="The finding's rule code (for the reader).")
    module: str | None = Field(None, description="The module the finding is about (for the reader).")
    message: str | None = Field(None, description="The finding's message (for the reader).")
    accepted: bool | None = Field(
        None, description="true applies the fix, false rejects it (or acknowledges a finding without one); "
                          "null or absent keeps the default.")
    params: dict[str, str | int | None] | None = Field(
        None, description="Values for the fix's parameters by name: text, a whole number, or null for the default.")
    note: str | None = Field(None, description="The person's note, shown in the report.")


class DecisionsFile(_Ours):
    """The decisions file written by "asegui-cli convert --save-decisions" and the window's Save decisions."""

    model_config = ConfigDict(title="asegui decisions file")

    format: Literal["asegui-decisions"] = Field("asegui-decisions", description="Always \"asegui-decisions\".")
    version: Annotated[Literal[1], BeforeValidator(_exactly_int)] = Field(
        1, description="The version of this format.")
    input_sha256: str = Field("", description="SHA-256 of the manifest the decisions were taken on (hex).")
    device: DeviceSettingsModel | None = Field(
        None, description="The device's settings, so a replay compiles the same objects; absent in older files.")
    decisions: dict[str, DecisionEntry] = Field(
        description="One decision per finding id (CODE:module:pointer), in finding order.")


# ---------------------------------------------------------------- the JSON report

class Counts(_Ours):
    error: int
    warning: int
    info: int


class ReportTool(_Ours):
    name: Literal["asegui"]
    version: str


class ReportInput(_Ours):
    name: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    encoding: str = Field(description="The input's encoding as a person names it, e.g. \"UTF-16 LE with BOM\".")


class ReportOutput(_Ours):
    name: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    form: Literal["auto", "deployable", "expanded"]


class ReportSummary(_Ours):
    areas: dict[str, Counts] = Field(description="Findings per area and severity, areas in the rule table's order.")
    total: Counts
    statuses: dict[str, int] = Field(description="Findings per status (applied, review, needs input, rejected, …).")
    unresolved_errors: int = Field(ge=0)
    exit_code: int = Field(description="What asegui-cli exits with: 0 nothing needs a person, 1 errors remain.")


class ReportFinding(_Ours):
    id: str
    code: str
    area: str
    severity: Literal["error", "warning", "info"]
    module: str | None
    title: str
    message: str
    pointer: str
    applicability: Literal["auto", "choice", "manual"]
    status: str
    decision: str = Field(description="The decision in words.")
    accepted: bool | None
    values: dict[str, Any]
    problems: dict[str, str]
    note: str
    todo: str
    source: str


class Conflict(_Ours):
    pointer: str
    applied: str | None = Field(description="The finding whose edit was applied (null: the input's own value).")
    not_applied: str
    message: str


class ChangedModule(_Ours):
    module: str
    renamed_to: str | None
    system: bool
    removed: bool
    create_options_changed: bool
    other_changes: list[str]
    before: Any = Field(description="createOptions before (FPGA), as JSON.")
    after: Any = Field(description="createOptions after (GPU), as JSON.")


class ChecklistItem(_Ours):
    kind: Literal["share", "ip", "image", "other"]
    code: str
    module: str | None
    text: str
    status: str
    values: dict[str, Any]


class ServicePort(_Ours):
    name: str
    port: int
    protocol: str
    targetPort: int | None = None  # Kubernetes' spelling


class DeviceModule(_Ours):
    module: str
    name: str = Field(description="The module's Kubernetes name.")
    objects: list[str] = Field(description="KIND/name of each object the device creates for it.")
    service_type: str | None
    ports: list[ServicePort]
    claims: list[str]
    gpus: int


class DeviceSummary(_Ours):
    deployments: int
    services: dict[str, int]
    external_ips: int
    claims: list[str]
    gpus: int
    device_gpus: int


class NoDeviceSummary(_Ours):
    """An empty object: the device's summary when there is no device preview."""


class ReportDevice(_Ours):
    summary: DeviceSummary | NoDeviceSummary
    settings: DeviceSettingsModel | None = None
    modules: list[DeviceModule]
    secrets: list[str] = Field(default_factory=list, description="Names of the Secrets the device creates.")


class Report(_Ours):
    """The migration report as JSON ("asegui-cli convert --report FILE.json", the window's Export report)."""

    model_config = ConfigDict(title="asegui migration report")

    format: Literal["asegui-report"]
    version: Literal[1]
    tool: ReportTool
    generated: str = Field(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", description="When, in UTC.")
    input: ReportInput
    output: ReportOutput
    summary: ReportSummary
    findings: list[ReportFinding]
    conflicts: list[Conflict]
    output_warnings: list[str]
    changed_modules: list[ChangedModule]
    checklist: list[ChecklistItem]
    device: ReportDevice


SCHEMAS: dict[str, type[BaseModel]] = {"decisions": DecisionsFile, "report": Report}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``decisions`` or ``report``, as ``asegui-cli schema`` prints it."""
    model = SCHEMAS[name]
    return {"$schema": SCHEMA_DIALECT, **model.model_json_schema()}


# ---------------------------------------------------------------- errors a person can act on

def read_decisions(value: Any) -> DecisionsFile:
    """The decisions file's JSON value, checked; a :class:`Problem` (message, where in the JSON) when it is wrong."""
    try:
        return DecisionsFile.model_validate(value)
    except ValidationError as exc:
        raise Problem.of(exc, value) from None


class Problem(ValueError):
    """The first thing wrong with a decisions file, in words, and the path of keys leading to it."""

    def __init__(self, message: str, path: tuple[str | int, ...], more: int = 0) -> None:
        self.message, self.path, self.more = message, path, more
        super().__init__(message)

    @classmethod
    def of(cls, exc: ValidationError, value: Any) -> Problem:
        errors = exc.errors(include_url=False)
        if not isinstance(value, dict) or not isinstance(value.get("decisions"), dict):
            return cls(_("This is not a decisions file: it needs an object \"decisions\" that maps finding ids "
                         "to decisions."), ())
        # A union reports one error per member (text, whole number): one value, one sentence.
        first = errors[0]
        loc = _value_loc(first["loc"])
        more = len({_value_loc(e["loc"]) for e in errors}) - 1
        message = _sentence(first, loc)
        if more:
            message += " " + _("({count} more problem(s) in this file.)").format(count=more)
        return cls(message, loc, more)


def _value_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """The keys leading to the value, without the member names pydantic appends for a union (``"str"``, ``"int"``).
    The depth is the format's: decisions/ID/FIELD (params/NAME one deeper), device/SETTING, a top-level key."""
    if loc[:1] == ("decisions",):
        return loc[:4] if loc[2:3] == ("params",) else loc[:3]
    return loc[:2] if loc[:1] == ("device",) else loc[:1]


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _choices(model: type[BaseModel], field: str) -> str:
    """``1 or 2``, ``"LoadBalancer" or "ClusterIP"``: the values a Literal field takes, as JSON."""
    annotation = model.model_fields[field].annotation
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    options = [json.dumps(option) for option in typing.get_args(annotation)]
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " " + _("or") + " " + options[-1]


def _sentence(error: Any, loc: tuple[int | str, ...]) -> str:
    kind, value = error["type"], error.get("input")
    shown = _shown(value)
    if loc[:1] == ("decisions",) and len(loc) >= 2:
        where = _("The decision for {id}").format(id=loc[1])
        if len(loc) == 2:
            return _("{where} must be an object, not {value}.").format(where=where, value=shown)
        field = str(loc[2])
        if kind == "extra_forbidden":
            return _("{where}: unknown field \"{field}\" (a decision has {fields}).").format(
                where=where, field=field, fields=", ".join(DecisionEntry.model_fields))
        if field == "accepted":
            return _("{where}: \"accepted\" must be true or false, not {value}.").format(where=where, value=shown)
        if field == "params" and len(loc) == 3:
            return _("{where}: \"params\" must be an object, not {value}.").format(where=where, value=shown)
        if field == "params":
            return _("{where}: the parameter \"{name}\" must be text, a whole number or null, not {value}.").format(
                where=where, name=loc[3], value=shown)
        return _("{where}: \"{field}\" must be text, not {value}.").format(where=where, field=field, value=shown)
    if loc[:1] == ("device",):
        if len(loc) == 1:
            return _("\"device\" must be an object of device settings, not {value}.").format(value=shown)
        field = str(loc[1])
        if kind == "extra_forbidden":
            return _("\"device\": unknown setting \"{field}\" (the settings are {fields}).").format(
                field=field, fields=", ".join(DeviceSettingsModel.model_fields))
        return _("\"device\": \"{field}\" must be {choices}, not {value}.").format(
            field=field, choices=_choices(DeviceSettingsModel, field), value=shown)
    field = str(loc[0]) if loc else ""
    if kind == "extra_forbidden":
        return _("Unknown top-level field \"{field}\" (a decisions file has {fields}).").format(
            field=field, fields=", ".join(DecisionsFile.model_fields))
    if field == "format":
        return _("\"format\" must be \"{format}\", not {value}: this is not a decisions file.").format(
            format=DECISIONS_FORMAT, value=shown)
    if field == "version" and type(value) is int:
        return _("This is version {value} of the decisions file; this version of asegui reads version 1.").format(
            value=shown)
    if field == "version":
        return _("\"version\" must be 1, not {value}.").format(value=shown)
    return _("\"{field}\" must be text, not {value}.").format(field=field, value=shown)
