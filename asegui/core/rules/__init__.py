"""The rule registry: one declaration per code, in catalogue order, never reused.

Each area module declares its rules with ``@rule(...)``; the decorated function is the
rule's check, called with the rule and a :class:`Context`, yielding findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ..device.compile import DevicePreview, compile_device
from ..device.settings import DEFAULT as DEFAULT_SETTINGS
from ..device.settings import DeviceSettings
from ..document import Document
from ..findings import AREAS, Applicability, Finding, Rule
from ..lazy import lazy
from ..model import ModuleView, modules

REGISTRY: dict[str, Rule] = {}


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
         phase: Literal["input", "device"] = "input") -> Callable[[Callable[..., Iterable[Finding]]], Rule]:
    """Declare a rule; its code must be new. An ``input`` rule reads the manifest as written and may fix it; a
    ``device`` rule reads what the device will create from the converted manifest (:class:`DeviceContext`)."""
    assert area in AREAS, area
    assert code not in REGISTRY, f"rule code {code} declared twice"

    def declare(check: Callable[..., Iterable[Finding]]) -> Rule:
        declared = Rule(code=code, slug=slug, area=area, severity=severity, applicability=applicability,
                        title=title, explanation=explanation, source=source, before=before, after=after,
                        check=check, phase=phase)
        REGISTRY[code] = declared
        return declared

    return declare


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
