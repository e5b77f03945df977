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

# Wrappers the official schemas describe (an old tool's "moduleContent" once MAN006 renames it)
_DESCRIBED = ("modulesContent", "moduleContent", "content")
# What a missing member of a system module defaults to when a fix adds it: edgeAgent's and edgeHub's documented values.
_SYSTEM_DEFAULTS = {"restartPolicy": "always", "status": "running", "type": "docker"}


def _checked(doc: Document, root: Any, form: str, renames: dict[str, str] | None) -> tuple[Any, str, str] | None:
    """(the part a schema describes, its pointer in ``root``, the schema), or None when no official schema describes
    the manifest's shape (a bare or layered manifest, an old tool's root key)."""
    if doc.layered or doc.wrapper not in _DESCRIBED:
        return None
    shaped = shape(doc, root, "auto" if doc.template else "deployable", renames)
    pointer = "/content" if doc.wrapper == "content" else ""
    part = resolve(shaped, pointer)
    if not isinstance(part, dict) or "modulesContent" not in part:  # an old tool's root key MAN006 did not rename
        return None
    version = resolve(part, "/modulesContent/$edgeAgent/properties.desired/schemaVersion")
    return part, pointer, deployment_schema(doc.template, version)


def _input(doc: Document) -> tuple[Any, str, str, tuple[Violation, ...]] | None:
    """The input's schema check, made once per document (MAN011 tells the output's violations the input already had
    from those the fixes made)."""
    if "schemas.input" not in doc.cache:
        checked = _checked(doc, doc.root, "auto", None)
        doc.cache["schemas.input"] = None if checked is None else (*checked, deployment_violations(checked[0],
                                                                                                 checked[2]))
    found: tuple[Any, str, str, tuple[Violation, ...]] | None = doc.cache["schemas.input"]
    return found


def _pointer(base: str, violation: Violation) -> str:
    return join(base, *violation.path) if violation.path else (base or "")


def required_system_members(schema_name: str) -> dict[str, tuple[str, ...]]:
    """edgeAgent's and edgeHub's required members, as the official schema lists them."""
    made = _REQUIRED.get(schema_name)
    if made is None:
        import json

        from ...resources_path import resource

        schema = json.loads(resource("schemas", schema_name).read_text(encoding="utf-8"))
        node = resolve(schema, "/properties/modulesContent/properties/$edgeAgent/properties/properties.desired"
                               "/properties/systemModules/properties")
        made = _REQUIRED[schema_name] = {name: tuple(value.get("required", ()))
                                         for name, value in (node or {}).items() if isinstance(value, dict)}
    return made


_REQUIRED: dict[str, dict[str, tuple[str, ...]]] = {}


@rule("MAN009", "system-module-member-missing", "manifest", "warning", "auto",
      "A system module lacks a member the official schema requires",
      "The official deployment schema requires `type` and `settings` of edgeAgent, and `type`, `status`, "
      "`restartPolicy` and `settings` of edgeHub; IoT Hub stores a manifest without them, and the device's agent "
      "then reads a default of its own or refuses the module. A missing `type`, `status` or `restartPolicy` "
      "gets its documented value (\"docker\", \"running\", \"always\") — an automatic fix, so the converted "
      "manifest follows the schema. Everything else the schema says is checked on the converted manifest (MAN011).",
      "SchemaStore azure-iot-edge-deployment-1.0/2.0 and -template-1.0/2.0 (Apache-2.0, shipped with this tool); "
      "Microsoft Learn: Properties of the IoT Edge agent and IoT Edge hub module twins",
      before='"edgeHub": {"type": "docker", "status": "running", "settings": {…}}',
      after='"edgeHub": {"type": "docker", "status": "running", "restartPolicy": "always", "settings": {…}}',
      links=(L.SCHEMA_STORE + "azure-iot-edge-deployment-2.0.json", L.AGENT_HUB_TWINS),
      example=Example({"systemModules": {"edgeHub": {"restartPolicy": None}}}, {}, at="desired"))
def check_system_members(r: Rule, ctx: Context) -> Iterator[Finding]:
    """Read from the schema's own ``required`` lists (the schema file is JSON; no validator is needed here, so
    opening a file does not pay for loading one)."""
    doc = ctx.doc
    if doc.layered or doc.wrapper not in _DESCRIBED:
        return
    version = resolve(doc.root, join(doc.agent or "", "schemaVersion")) if doc.agent else None
    required = required_system_members(deployment_schema(doc.template, version))
    for module in ctx.modules:
        if not module.system:
            continue
        for member in required.get(module.name, ()):
            if member in _SYSTEM_DEFAULTS and member not in module.data:
                value = _SYSTEM_DEFAULTS[member]
                place = join(module.pointer, member)
                yield Finding(r, module.name, place,
                              _("{module} has no \"{member}\", which the schema requires: \"{value}\" is added")
                              .format(module=module.name, member=member, value=value),
                              build=fixed(Edit("add", place, value)))


def _module_at(ctx: Context, pointer: str) -> str | None:
    """The module whose object holds ``pointer`` (the longest module pointer that starts it)."""
    best = None
    for module in ctx.modules:
        if pointer == module.pointer or pointer.startswith(module.pointer + "/"):
            if best is None or len(module.pointer) > len(best.pointer):
                best = module
    return best.name if best else None


@rule("MAN011", "output-schema", "manifest", "warning", "manual",
      "The converted manifest does not follow the official schema",
      "Microsoft publishes JSON Schemas for IoT Edge deployments (schemaVersion 1.0 and 1.1, and the templates of "
      "the IoT Edge tools); IoT Hub stores what it is given, so a manifest that breaks them reaches the device and "
      "fails there, or deploys a module with settings its runtime reads differently. The converted manifest, as "
      "it will be deployed (createOptions as strings), is held to the schema of its schemaVersion and each place "
      "that breaks it is named: a warning where the input already broke it there, an error where the accepted "
      "fixes or a value typed by hand broke it (change or reject that decision). Template placeholders are left "
      "to the build step (MAN005). The check runs with the device checks — off the window's UI thread.",
      "SchemaStore azure-iot-edge-deployment-1.0/2.0 and -template-1.0/2.0 (Apache-2.0, shipped with this tool)",
      phase="device", severities=("warning", "error"),
      links=(L.SCHEMA_STORE + "azure-iot-edge-deployment-2.0.json",))
def check_output_schema(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    doc = ctx.doc
    after = _checked(doc, ctx.root, ctx.form, ctx.renames)
    if after is None:
        return
    before = _input(doc)
    known = {(v.path, v.message) for v in before[3]} if before else set()
    part, base, schema = after
    for violation in deployment_violations(part, schema):
        if has_placeholder(violation.value):
            continue  # a placeholder the build step fills (MAN005 lists it)
        place = _pointer(base, violation)
        if (violation.path, violation.message) in known:
            yield Finding(r, _module_in(doc, violation), place,
                          _("Not as the official schema {schema} says, as in the input: {problem}")
                          .format(schema=schema, problem=describe(violation)))
        else:
            yield Finding(r, _module_in(doc, violation), place,
                          _("After the accepted fixes the manifest breaks the official schema {schema}: {problem}")
                          .format(schema=schema, problem=describe(violation)), severity="error")


def _module_in(doc: Document, violation: Violation) -> str | None:
    """The module a violation is inside (by its key under ``modules``/``systemModules``), if any."""
    path = violation.path
    for index, part in enumerate(path[:-1]):
        if part in ("modules", "systemModules") and index + 1 < len(path):
            name = str(path[index + 1])
            return name if doc.module(name) is not None else None
    return None
