"""The registry the area modules declare their rules in, and the contexts their checks read.

Kept apart from the package ``__init__``, which loads every area, so that an area importing ``rule`` reaches no other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from msgspec import Struct, field

from ..device.compile import DevicePreview, compile_device
from ..device.settings import DEFAULT as DEFAULT_SETTINGS
from ..device.settings import DeviceSettings
from ..document import Document
from ..findings import AREAS, SEVERITIES, Applicability, Example, Finding, Rule
from ..lazy import lazy
from ..model import ModuleView

REGISTRY: dict[str, Rule] = {}

# Codes of rules that were removed: a code names one rule for good (decisions files and reports cite it), so a retired
# code is never declared again. None yet (NET009 was never declared: the numbers skip it).
RETIRED: frozenset[str] = frozenset()


class Context(Struct, dict=True):
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
        return compile_device(self.doc, self.doc.root, {}, self.settings, objects=False)

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


class DeviceContext(Struct, dict=True):
    """What a device-phase check reads: the document, the converted manifest and the objects compiled from it."""

    doc: Document
    root: Any
    form: str
    renames: dict[str, str]
    device: DevicePreview
