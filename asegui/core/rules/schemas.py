"""The official IoT Edge deployment schemas: the input held to them (with fixes where one is known), and the
converted manifest checked once more, so a fix of the tool's can never make a manifest invalid unseen. The checks
are remembered per module (``device.validate``): a decision re-checks only the module it changed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..device.validate import Violation, deployment_schema, deployment_violations, describe
from ..document import Document
from ..emit import shape
from ..findings import Edit, Example, Finding, Rule
from ..i18n import _
from ..placeholders import has_placeholder
from ..pointers import join, resolve
from . import _links as L
from ._common import fixed
from ._registry import Context, DeviceContext, rule

# What a missing member of a system module defaults to when a fix adds it: edgeAgent's and edgeHub's documented values.
_SYSTEM_DEFAULTS = {"restartPolicy": "always", "status": "running", "type": "docker"}


def _checked(doc: Document, root: Any, form: str, renames: dict[str, str] | None) -> tuple[Any, str, str] | None:
    """(the part a schema describes, its pointer in ``root``, the schema), or None when no official schema describes
    the manifest's shape (a bare or layered manifest, an old tool's root key)."""
    if doc.layered or doc.wrapper not in ("modulesContent", "content"):
        return None
    shaped = shape(doc, root, "auto" if doc.template else "deployable", renames)
    pointer = "/content" if doc.wrapper == "content" else ""
    part = resolve(shaped, pointer)
    if not isinstance(part, dict):
        return None
    version = resolve(part, "/modulesContent/$edgeAgent/properties.desired/schemaVersion")
    return part, pointer, deployment_schema(doc.template, version)


def _input(doc: Document) -> tuple[Any, str, str, tuple[Violation, ...]] | None:
    """The input's schema check, made once per document (MAN009 reports it; MAN011 compares the output with it)."""
    if "schemas.input" not in doc.cache:
        checked = _checked(doc, doc.root, "auto", None)
        doc.cache["schemas.input"] = None if checked is None else (*checked, deployment_violations(checked[0],
                                                                                                 checked[2]))
    found: tuple[Any, str, str, tuple[Violation, ...]] | None = doc.cache["schemas.input"]
    return found


def _pointer(base: str, violation: Violation) -> str:
    return join(base, *violation.path) if violation.path else (base or "")


def _missing_member(violation: Violation) -> str | None:
    """The member a "'x' is a required property" violation names, when a system module lacks it."""
    message = violation.message
    if not message.endswith("is a required property") or "systemModules" not in violation.path:
        return None
    name = message.split("'")[1] if message.count("'") >= 2 else ""
    return name if name in _SYSTEM_DEFAULTS else None


@rule("MAN009", "deployment-schema", "manifest", "warning", "manual",
      "Manifest does not follow the official deployment schema",
      "Microsoft publishes JSON Schemas for IoT Edge deployments (schemaVersion 1.0 and 1.1, and the templates of the "
      "IoT Edge tools); IoT Hub stores what it is given, so a manifest that breaks them reaches the device and fails "
      "there, or deploys a module with settings its runtime reads differently. The tool holds the manifest as it "
      "will be deployed (createOptions as strings) to the schema of its schemaVersion, and names each place that "
      "breaks it. A system module without `restartPolicy` or `status` (edgeHub needs both) gets the documented "
      "value (\"always\", \"running\") — an automatic fix; anything else must be corrected by hand.",
      "SchemaStore azure-iot-edge-deployment-1.0/2.0 and -template-4.0 (Apache-2.0, shipped with this tool); "
      "Microsoft Learn: Properties of the IoT Edge agent and IoT Edge hub module twins",
      before='"edgeHub": {"type": "docker", "status": "running", "settings": {…}}',
      after='"edgeHub": {"type": "docker", "status": "running", "restartPolicy": "always", "settings": {…}}',
      applicabilities=("auto",),
      links=(L.SCHEMA_STORE + "azure-iot-edge-deployment-2.0.json", L.AGENT_HUB_TWINS),
      example=Example({"systemModules": {"edgeHub": {"restartPolicy": None}}}, {}, at="desired"))
def check_input_schema(r: Rule, ctx: Context) -> Iterator[Finding]:
    checked = _input(ctx.doc)
    if checked is None:
        return
    _part, base, schema, violations = checked
    for violation in violations:
        if has_placeholder(violation.value):
            continue  # a placeholder the build step fills (MAN005 lists it)
        missing = _missing_member(violation)
        place = _pointer(base, violation)
        module = _module_at(ctx, place)
        if missing:
            value = _SYSTEM_DEFAULTS[missing]
            yield Finding(r, module, join(place, missing),
                          _("{module} has no \"{member}\", which the schema requires: \"{value}\" is added")
                          .format(module=module or "-", member=missing, value=value),
                          build=fixed(Edit("add", join(place, missing), value)), applicability="auto")
        else:
            yield Finding(r, module, place, _("Not as the official schema {schema} says: {problem}")
                          .format(schema=schema, problem=describe(violation)), applicability="manual")


def _module_at(ctx: Context, pointer: str) -> str | None:
    """The module whose object holds ``pointer`` (the longest module pointer that starts it)."""
    best = None
    for module in ctx.modules:
        if pointer == module.pointer or pointer.startswith(module.pointer + "/"):
            if best is None or len(module.pointer) > len(best.pointer):
                best = module
    return best.name if best else None


@rule("MAN011", "output-schema", "manifest", "error", "manual",
      "The converted manifest does not follow the official schema",
      "A safety net under every fix: the converted manifest, as it will be deployed, is held to the official schema "
      "of its schemaVersion once more. A place that breaks it there but not in the input was broken by the "
      "accepted fixes or values — typically a value typed by hand. Change or reject the decision that made it; "
      "places already broken in the input are MAN009's.",
      "SchemaStore azure-iot-edge-deployment-1.0/2.0 and -template-4.0 (Apache-2.0, shipped with this tool)",
      phase="device",
      links=(L.SCHEMA_STORE + "azure-iot-edge-deployment-2.0.json",))
def check_output_schema(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    doc = ctx.doc
    after = _checked(doc, ctx.root, ctx.form, ctx.renames)
    before = _input(doc)
    if after is None:
        return
    known = {(v.path, v.message) for v in before[3]} if before else set()
    part, base, schema = after
    for violation in deployment_violations(part, schema):
        if (violation.path, violation.message) in known:
            continue
        yield Finding(r, None, _pointer(base, violation),
                      _("After the accepted fixes the manifest breaks the official schema {schema}: {problem}")
                      .format(schema=schema, problem=describe(violation)))
