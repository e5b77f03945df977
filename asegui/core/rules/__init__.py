"""The rule registry: one declaration per code, in catalogue order, never reused.

Each area module declares its rules with ``@rule(...)``; the decorated function is the
rule's check, called with the rule and a :class:`Context`, yielding findings. Areas import
``rule`` and the contexts from :mod:`._registry` (re-exported here), never this package, which
loads them: no area reaches another through it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any, Literal

from ..device.settings import DEFAULT as DEFAULT_SETTINGS
from ..device.settings import DeviceSettings
from ..document import Document
from ..findings import AREAS, Finding, Rule
from ..model import modules
from ._registry import REGISTRY, RETIRED, Context, DeviceContext, rule

__all__ = ["REGISTRY", "RETIRED", "Context", "DeviceContext", "all_rules", "example_manifest", "get", "rule", "run",
           "run_device"]

EXAMPLE_MODULE = "app"


def example_manifest(declared: Rule, side: Literal["before", "after"]) -> bytes:
    """A small deployment manifest holding one side of the rule's example (see :class:`Example`): one user module,
    ``app``, beside edgeAgent and edgeHub. It raises the rule's code with ``before`` and not with ``after``."""
    example = declared.example
    assert example is not None, declared.code
    patch = example.before if side == "before" else example.after
    create_options: dict[str, Any] = {}
    app: dict[str, Any] = {"version": "1.0", "type": "docker", "status": "running", "restartPolicy": "always",
                           "settings": {"image": "contoso.azurecr.io/app:1.0"}}
    hub: dict[str, Any] = {"type": "docker", "status": "running", "restartPolicy": "always", "settings": {
        "image": "mcr.microsoft.com/azureiotedge-hub:1.1", "createOptions": json.dumps(
            {"HostConfig": {"PortBindings": {"5671/tcp": [{"HostPort": "5671"}], "8883/tcp": [{"HostPort": "8883"}],
                                             "443/tcp": [{"HostPort": "443"}]}}})}}
    desired: dict[str, Any] = {
        "schemaVersion": "1.1",
        "runtime": {"type": "docker", "settings": {"minDockerVersion": "v1.25", "loggingOptions": "",
                                                   "registryCredentials": {}}},
        "systemModules": {"edgeAgent": {"type": "docker", "settings": {
            "image": "mcr.microsoft.com/azureiotedge-agent:1.1", "createOptions": "{}"}}, "edgeHub": hub},
        "modules": {EXAMPLE_MODULE: app}}
    root: dict[str, Any] = {"modulesContent": {
        "$edgeAgent": {"properties.desired": desired},
        "$edgeHub": {"properties.desired": {"schemaVersion": "1.1", "routes": {
            "upstream": "FROM /messages/* INTO $upstream"}, "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}}}}
    if example.at == "HostConfig":
        create_options = _merge({"HostConfig": {}}, {"HostConfig": patch})
    elif example.at == "createOptions":
        create_options = _merge({}, patch)
    elif example.at == "module":
        desired["modules"][EXAMPLE_MODULE] = _merge(app, patch)
    elif example.at == "modules":
        desired["modules"] = {name: _merge(app, body) for name, body in patch.items()}
    elif example.at == "edgeHub":
        desired["systemModules"]["edgeHub"] = _merge(hub, patch)
    elif example.at == "desired":
        root["modulesContent"]["$edgeAgent"]["properties.desired"] = _merge(desired, patch)
    elif example.at == "manifest":
        root = _merge(root, patch)
    if create_options:
        app["settings"]["createOptions"] = json.dumps(create_options)
    text = json.dumps(root, indent=2)
    if example.at == "text":
        for old, new in patch:
            assert old in text, (declared.code, old)
            text = text.replace(old, new, 1)
    return text.encode("utf-8")


def _merge(target: Any, patch: Any) -> Any:
    """``target`` with a JSON merge patch applied (RFC 7386), neither changed."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    merged = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = _merge(merged.get(key), value)
    return merged


def all_rules() -> list[Rule]:
    _load_areas()
    return sorted(REGISTRY.values(), key=lambda r: (AREAS.index(r.area), r.code))


def get(code: str) -> Rule | None:
    _load_areas()
    return REGISTRY.get(code.upper())


def run(doc: Document, settings: DeviceSettings = DEFAULT_SETTINGS,
        progress: Callable[[int, int], object] | None = None) -> Iterator[Finding]:
    """Every finding for ``doc``, rule by rule in catalogue order; ``progress(done, total)`` after each rule (it
    may raise to stop the analysis: a window's Cancel)."""
    ctx = Context(doc=doc, modules=modules(doc), settings=settings)
    declared_rules = [r for r in all_rules() if r.phase == "input"]
    for done, declared in enumerate(declared_rules, 1):
        assert declared.check is not None
        yield from declared.check(declared, ctx)
        if progress is not None:
            progress(done, len(declared_rules))


def run_device(ctx: DeviceContext) -> Iterator[Finding]:
    """Every finding on what the device will create, rule by rule in catalogue order."""
    for declared in all_rules():
        assert declared.check is not None
        if declared.phase == "device":
            yield from declared.check(declared, ctx)


def _load_areas() -> None:
    from . import manifest, naming, networking, on_device, platform, proxy, resources, schemas, storage  # noqa: F401
