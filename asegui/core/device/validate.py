"""Schema checks at run time: the device's objects against Kubernetes' own schemas (kubernetes-validate's strict
set for the device's version) and the converted manifest against the official IoT Edge deployment schemas.

Validators are built once per schema and results are remembered per object text, so re-checking after one
decision validates only the objects that decision changed (a 50-module manifest has about 150 objects).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from msgspec import Struct

from ..i18n import _

_KUBERNETES_DIRS = {"1.25": "v1.25.0-local-strict"}
_KEPT = 4096


class Violation(Struct, frozen=True):
    """One schema violation: where (pointer parts inside the checked value) and what, in the validator's words."""

    path: tuple[str | int, ...]
    message: str
    value: Any = None  # the value refused, when it is text (a template placeholder is the build step's, not a fault)

    @property
    def field(self) -> str:
        """``spec.template.spec.containers[1].ports[0].containerPort``: how kubectl names a field."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        return text or "(the object)"


def _message(error: Any) -> str:
    """The validator's words, without the refused value where it would only repeat a whole object."""
    if error.validator == "type":
        expected = error.validator_value
        kinds = " or ".join(map(repr, expected)) if isinstance(expected, list) else repr(expected)
        return _("is not of type {kinds}").format(kinds=kinds)
    return str(error.message)[:300]


@lru_cache(maxsize=16)
def _kubernetes_validator(version: str, kind: str, api_version: str) -> Any:
    """A validator for one kind of one Kubernetes version, from kubernetes-validate's schema files; None when it has
    no schema for that kind (custom resources such as the EdgeDeployment)."""
    from importlib import resources

    import jsonschema
    from referencing import Registry, Resource

    folder = resources.files("kubernetes_validate") / "kubernetes-json-schema" / _KUBERNETES_DIRS[version]
    group = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)  # as kubernetes_validate.utils.validate names them
    schema_file = folder.joinpath(f"{kind.lower()}-{group}.json")
    if not schema_file.is_file():
        return None
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    definitions = _kubernetes_definitions(version)
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)


@lru_cache(maxsize=4)
def _kubernetes_definitions(version: str) -> Any:
    from importlib import resources

    folder = resources.files("kubernetes_validate") / "kubernetes-json-schema" / _KUBERNETES_DIRS[version]
    return json.loads(folder.joinpath("_definitions.json").read_text(encoding="utf-8"))


_seen: dict[tuple[str, str], tuple[Violation, ...]] = {}


def kubernetes_violations(obj: dict[str, Any], version: str = "1.25") -> tuple[Violation, ...]:
    """Every way ``obj`` breaks the strict Kubernetes schema of ``version`` (empty: valid, or a kind with no schema)."""
    key = (version, json.dumps(obj, ensure_ascii=False, check_circular=False))  # compiled in a fixed key order
    found = _seen.get(key)
    if found is None:
        validator = _kubernetes_validator(version, str(obj.get("kind", "")), str(obj.get("apiVersion", "")))
        found = () if validator is None else tuple(_violations(validator, obj))
        if len(_seen) >= _KEPT:
            _seen.clear()
        _seen[key] = found
    return found


def _violations(validator: Any, value: Any) -> Iterator[Violation]:
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        yield Violation(tuple(error.absolute_path), _message(error),
                        error.instance if isinstance(error.instance, str) else None)


@lru_cache(maxsize=8)
def _deployment_validator(name: str) -> Any:
    """A validator for one of the official deployment schemas shipped in ``resources/schemas`` (draft 4 or 7), with
    the schemas it refers to registered under their published addresses."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4, DRAFT7

    from ...resources_path import resource

    registry: Any = Registry()
    for path in sorted(resource("schemas").glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        spec = DRAFT7 if "draft-07" in str(contents.get("$schema", "")) else DRAFT4
        registry = registry.with_resource(f"https://json.schemastore.org/{path.name}",
                                          Resource.from_contents(contents, default_specification=spec))
    schema = json.loads(resource("schemas", name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    return cls(schema, registry=registry)


def deployment_schema(template: bool, schema_version: Any) -> str:
    """Which official schema a manifest is held to: the template schema for templates, else by schemaVersion."""
    if template:  # the IoT Edge tools' template schemas of 1.0 and 1.1 (3.0 and 4.0 are IoT Edge 1.2's)
        return "azure-iot-edge-deployment-template-1.0.json" if schema_version == "1.0" \
            else "azure-iot-edge-deployment-template-2.0.json"
    return "azure-iot-edge-deployment-1.0.json" if schema_version == "1.0" else "azure-iot-edge-deployment-2.0.json"


_CREATE_OPTIONS = re.compile(r"createoptions[0-9]*|createOptions[0-9]*")  # the schemas' pattern for the pieces
_MODULES_PATH = ("modulesContent", "$edgeAgent", "properties.desired", "modules")
_VALID_MODULE = {"type": "docker", "status": "running", "restartPolicy": "always", "settings": {"image": "x"}}
_deployment_seen: dict[tuple[str, str], tuple[Violation, ...]] = {}


def deployment_violations(manifest: Any, schema: str) -> tuple[Violation, ...]:
    """Every way ``manifest`` (``{"modulesContent": …}``, createOptions as deployed) breaks the official schema.

    Checked in parts, each remembered by its text: the manifest with every module body stood in for by a valid one
    (names, system modules, routes), and each module body against the schema's module definition. A decision that
    changes one module re-checks that module; a fleet of alike manifests checks each distinct module once."""
    validator = _deployment_validator(schema)
    modules = _at(manifest, _MODULES_PATH)
    module_schema = _at(validator.schema, _schema_path(_MODULES_PATH))
    pattern = module_schema.get("patternProperties") if isinstance(module_schema, dict) else None
    if not isinstance(modules, dict) or not isinstance(pattern, dict) or len(pattern) != 1:
        return _remembered(schema, manifest, validator)
    regex, body_schema = next(iter(pattern.items()))
    skeleton = _replaced(manifest, _MODULES_PATH, {name: _VALID_MODULE for name in modules})
    found = list(_remembered(schema, skeleton, validator))
    body_validator = validator.evolve(schema=body_schema)
    for name, body in modules.items():
        if re.search(regex, name):
            prefix = (*_MODULES_PATH, name)
            found.extend(Violation((*prefix, *v.path), v.message, v.value)
                         for v in _remembered(schema + "#module", _opaque_create_options(body), body_validator))
    return tuple(found)


def _opaque_create_options(body: Any) -> Any:
    """``body`` with each createOptions piece stood in for by an empty one of its type: the schemas constrain only
    the pieces' type (``contentMediaType`` is an annotation), so the result is the same — and a module whose fixes
    changed only its createOptions is the input's module again, already checked."""
    settings = body.get("settings") if isinstance(body, dict) else None
    if not isinstance(settings, dict) or not any(_CREATE_OPTIONS.fullmatch(k) for k in settings):
        return body
    opaque = {k: (type(v)() if isinstance(v, (str, dict)) and _CREATE_OPTIONS.fullmatch(k) else v)
              for k, v in settings.items()}
    return {**body, "settings": opaque}


def _remembered(key: str, value: Any, validator: Any) -> tuple[Violation, ...]:
    text = (key, json.dumps(value, ensure_ascii=False, check_circular=False))  # the manifest's own key order
    found = _deployment_seen.get(text)
    if found is None:
        found = tuple(_violations(validator, value))
        if len(_deployment_seen) >= _KEPT:
            _deployment_seen.clear()
        _deployment_seen[text] = found
    return found


def _schema_path(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part for key in path for part in ("properties", key))


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _replaced(value: Any, path: tuple[str, ...], new: Any) -> Any:
    """A copy of ``value`` with the member at ``path`` replaced, sharing everything else."""
    if not path:
        return new
    copy = dict(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


def describe(violation: Violation) -> str:
    return _("{field}: {message}").format(field=violation.field, message=violation.message)
