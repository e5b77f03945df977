"""Typed, read-only views of the parts rules read. They never rewrite the document.

Plain frozen records: the views wrap dicts that are already parsed JSON, so validation
has nothing to add, and importing pydantic would slow the window's start.

Docker spells createOptions keys in PascalCase but edgeAgent reads them case-insensitively,
so lookups here ignore case and report the key as the input spelled it (pointers must
name the real key).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from msgspec import Struct, field

from .document import Document, ModuleRef
from .lazy import lazy
from .pointers import join, resolve


def find_key(obj: Any, name: str, *, last_wins: bool = False) -> str | None:
    """The key of ``obj`` equal to ``name`` ignoring case, as the input spells it; None when there is none (or ``obj``
    is not an object). The one case-insensitive key lookup: rules, the device model and :class:`Section` use it.

    Docker and edgeAgent read createOptions keys ignoring case, so ``binds`` is ``Binds``. When two keys match
    (``Binds`` and ``BINDS``), which one is meant depends on who asks:

    - ``last_wins=False`` (the default): the exact spelling when present, else the first match in the input's order.
      What a rule extends or points at; within createOptions and HostConfig MAN004 refuses case twins anyway.
    - ``last_wins=True``: the last match, whatever its spelling: the one Docker's and the runtime's JSON readers end
      up with (they set the field once for each spelling, so the last wins). For what the runtime reads, notably the
      objects inside lists (a device, a mount, a port binding), whose case twins nothing refuses.
    """
    if not isinstance(obj, dict):
        return None
    if not last_wins and name in obj:
        return name
    lowered, found = name.lower(), None
    for key in obj:
        if isinstance(key, str) and key.lower() == lowered:
            if not last_wins:
                return key
            found = key
    return found


class Section(Struct, frozen=True, eq=False, dict=True):
    """A dict in the document and the pointer it sits at."""

    pointer: str
    data: dict[str, Any]

    @lazy
    def _spellings(self) -> dict[str, str]:
        """Lowercased key -> the first key spelled so: :meth:`variants` answers most asks (one spelling, or none)
        from it without a scan."""
        spellings: dict[str, str] = {}
        for key in self.data:
            if isinstance(key, str):
                spellings.setdefault(key.lower(), key)
        return spellings

    def key(self, name: str) -> str | None:
        """The member equal to ``name`` ignoring case (exact spelling preferred): :func:`find_key`."""
        return find_key(self.data, name)

    def variants(self, name: str) -> list[str]:
        """Every key equal to ``name`` ignoring case, in the input's order."""
        lowered = name.lower()
        first = self._spellings.get(lowered)
        if first is None:
            return []
        if len(self._spellings) == len(self.data):  # no two keys share a spelling: the first is the only one
            return [first]
        return [k for k in self.data if isinstance(k, str) and k.lower() == lowered]

    def get(self, name: str, default: Any = None) -> Any:
        """The value of member ``name`` (:meth:`key`), else ``default``."""
        key = find_key(self.data, name)
        return self.data[key] if key is not None else default

    def at(self, name: str) -> str:
        """Pointer of member ``name`` (as spelled in the input, or as given when absent)."""
        return join(self.pointer, self.key(name) or name)

    def section(self, name: str) -> Section | None:
        value = self.get(name)
        return Section(pointer=self.at(name), data=value) if isinstance(value, dict) else None


def member(obj: dict[str, Any], name: str, default: Any = None) -> Any:
    """``obj``'s value for ``name`` as the runtime reads it: :func:`find_key` with ``last_wins=True``."""
    key = find_key(obj, name, last_wins=True)
    return obj[key] if key is not None else default


T = TypeVar("T")


class ModuleView(Struct, frozen=True, eq=False, dict=True):
    """One module as rules see it. Views are read-only, so derived parts are computed once."""

    ref: ModuleRef
    data: dict[str, Any]
    _memo: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a derived value once per view (functions of a view use :func:`per_module`)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def system(self) -> bool:
        return self.ref.system

    @property
    def pointer(self) -> str:
        return self.ref.pointer

    @property
    def image(self) -> str:
        settings = self.data.get("settings")
        image = settings.get("image") if isinstance(settings, dict) else None
        return image if isinstance(image, str) else ""

    @lazy
    def create_options(self) -> Section | None:
        """The expanded createOptions, or None when absent or unreadable."""
        if self.ref.co_form in ("absent", "invalid"):
            return None
        value = resolve(self.data, "/settings/createOptions")
        return Section(pointer=self.ref.create_options_pointer, data=value) if isinstance(value, dict) else None

    @property
    def create_options_pointer(self) -> str:
        return self.ref.create_options_pointer

    @lazy
    def host_config(self) -> Section | None:
        options = self.create_options
        return options.section("HostConfig") if options else None

    @lazy
    def k8s(self) -> Section | None:
        """The ``k8s-experimental`` section, exactly spelled (the runtime is case-sensitive here)."""
        options = self.create_options
        value = options.data.get("k8s-experimental") if options else None
        return Section(pointer=join(options.pointer, "k8s-experimental"), data=value) \
            if options and isinstance(value, dict) else None

    @lazy
    def env_section(self) -> Section | None:
        """The module-level ``env`` object (``{"NAME": {"value": …}}``)."""
        value = self.data.get("env")
        return Section(pointer=join(self.pointer, "env"), data=value) if isinstance(value, dict) else None

    def env_list(self) -> list[tuple[int, str, str | None]]:
        """createOptions ``Env`` entries as (index, name, value); value None when there is no ``=``."""
        return list(self.memo("env_list", self._env_list))

    def _env_list(self) -> list[tuple[int, str, str | None]]:
        options = self.create_options
        entries = options.get("Env") if options else None
        result: list[tuple[int, str, str | None]] = []
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, str):
                name, sep, value = entry.partition("=")
                result.append((index, name, value if sep else None))
        return result

    @lazy
    def env_list_pointer(self) -> str | None:
        options = self.create_options
        return options.at("Env") if options else None

    def env_names(self) -> dict[str, str]:
        """Every env name the module sets -> its value (module env first, then Env)."""
        return dict(self.memo("env_names", self._env_names))

    def _env_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        section = self.env_section
        for name, item in (section.data.items() if section else ()):
            value = item.get("value") if isinstance(item, dict) else None
            names[name] = value if isinstance(value, str) else ("" if value is None else str(value))
        for _index, name, value in self.env_list():
            names.setdefault(name, value or "")
        return names


def per_module(compute: Callable[[ModuleView], T]) -> Callable[[ModuleView], T]:
    """A fact of one module (its binds, ports, env…), computed once per view: many rules ask for the same facts,
    and building a closure for :meth:`ModuleView.memo` on every ask would cost more than the lookup."""
    key = f"{compute.__module__}.{compute.__qualname__}"

    @wraps(compute)
    def fact(module: ModuleView) -> T:
        memo = module._memo
        if key in memo:
            return memo[key]
        value = memo[key] = compute(module)
        return value

    return fact


def modules(doc: Document, root: Any | None = None) -> list[ModuleView]:
    root = doc.root if root is None else root
    views = []
    for ref in doc.modules:
        data = resolve(root, ref.pointer)
        if isinstance(data, dict):
            views.append(ModuleView(ref=ref, data=data))
    return views
