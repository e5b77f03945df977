"""The rule registry: one declaration per code, in catalogue order, never reused.

Each area module declares its rules with ``@rule(...)``; the decorated function is the
rule's check, called with the rule and a :class:`Context`, yielding findings.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ..device.compile import DevicePreview, compile_device
from ..device.settings import DEFAULT as DEFAULT_SETTINGS
from ..device.settings import DeviceSettings
from ..document import Document
from ..findings import AREAS, SEVERITIES, Applicability, Example, Finding, Rule
from ..lazy import lazy
from ..model import ModuleView, modules

REGISTRY: dict[str, Rule] = {}

# Codes of rules that were removed: a code names one rule for good (decisions files and reports cite it), so a retired
# code is never declared again. None yet (NET009 was never declared: the numbers skip it).
RETIRED: frozenset[str] = frozenset()


@dataclass
class Context:
    """What a check reads: the document and typed views of its modules."""

    doc: Document
    modules: list[ModuleView] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)
    settings: DeviceSettings = DEFAULT_SETTINGS  # the GPU device's own settings (GPUs, service type)

    @lazy
    def user_modules(self) -> list[ModuleView]:
        return [m for m in self.modules if not m.system]

    @lazy
    def _by_name(self) -> dict[str, ModuleView]:
        by_name: dict[str, ModuleView] = {}
        for module in self.modules:
            by_name.setdefault(module.name, module)
        return by_name

    def module(self, name: str) -> ModuleView | None:
        return self._by_name.get(name)

    @lazy
    def device(self) -> DevicePreview:
        """What the device's runtime makes of the input as written (no fix applied): the one implementation of its
        Services, ports, volumes and GPUs that rules read. A rule that needs the facts after its own fix computes
        that fix's effect itself."""
        return compile_device(self.doc, self.doc.root, {}, self.settings)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Share a computation between rules (e.g. proposed module names)."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


def rule(code: str, slug: str, area: str, severity: str, applicability: Applicability, title: str,
         explanation: str, source: str, before: str = "", after: str = "",
         phase: Literal["input", "device"] = "input", *, severities: tuple[str, ...] = (),
         applicabilities: tuple[Applicability, ...] = (), links: tuple[str, ...] = (),
         example: Example | None = None) -> Callable[[Callable[..., Iterable[Finding]]], Rule]:
    """Declare a rule; its code must be new and not retired. An ``input`` rule reads the manifest as written and may fix
    it; a ``device`` rule reads what the device will create from the converted manifest (:class:`DeviceContext`).

    ``severity`` and ``applicability`` are what its findings usually carry; ``severities`` and ``applicabilities``
    add what else its check may give them. ``links`` are the sources as addresses. ``example`` is the before and
    after as data (:class:`Example`); ``before``/``after`` text, when not given, is made from it."""
    assert area in AREAS, area
    assert code not in REGISTRY, f"rule code {code} declared twice"
    if code in RETIRED:
        raise ValueError(f"rule code {code} is retired: give the rule a new code")
    assert all(s in SEVERITIES for s in (severity, *severities)), code
    assert all(link.startswith("https://") for link in links), code
    if example is not None:
        before = before or example.text(example.before)
        after = after or example.text(example.after)

    def declare(check: Callable[..., Iterable[Finding]]) -> Rule:
        declared = Rule(code=code, slug=slug, area=area, severity=severity, applicability=applicability,
                        title=title, explanation=explanation, source=source, before=before, after=after,
                        check=check, phase=phase, severities=severities, applicabilities=applicabilities,
                        links=links, example=example)
        REGISTRY[code] = declared
        return declared

    return declare


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


def run(doc: Document, settings: DeviceSettings = DEFAULT_SETTINGS) -> Iterator[Finding]:
    """Every finding for ``doc``, rule by rule in catalogue order."""
    ctx = Context(doc=doc, modules=modules(doc), settings=settings)
    for declared in all_rules():
        assert declared.check is not None
        if declared.phase == "input":
            yield from declared.check(declared, ctx)


@dataclass
class DeviceContext:
    """What a device-phase check reads: the document, the converted manifest and the objects compiled from it."""

    doc: Document
    root: Any
    form: str
    renames: dict[str, str]
    device: DevicePreview


def run_device(ctx: DeviceContext) -> Iterator[Finding]:
    """Every finding on what the device will create, rule by rule in catalogue order."""
    for declared in all_rules():
        assert declared.check is not None
        if declared.phase == "device":
            yield from declared.check(declared, ctx)


def _load_areas() -> None:
    from . import manifest, naming, networking, on_device, platform, proxy, resources, schemas, storage  # noqa: F401
