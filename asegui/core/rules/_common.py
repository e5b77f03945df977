"""Small helpers rules share: names, binds, env entries, k8s-experimental pointers, and edit builders (placeholders:
:mod:`..placeholders`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from msgspec import Struct

from ..device import names
from ..findings import Edit, Param
from ..i18n import _
from ..model import ModuleView, find_key, per_module
from ..placeholders import has_placeholder
from ..pointers import join

DNS_LABEL = r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?"


_DNS_LABEL = re.compile(DNS_LABEL)
_NOT_LABEL_CHARS = re.compile(r"[^a-z0-9]+")
_LEADING_NON_LETTERS = re.compile(r"^[^a-z]+")


@lru_cache(maxsize=65536)
def is_dns_label(name: str) -> bool:
    return bool(_DNS_LABEL.fullmatch(name))


def dns_label(name: str, taken: Iterable[str] = (), fallback: str = "module") -> str:
    """A valid DNS label close to ``name``: lowercase, ``_``/``.``/space -> ``-``, other characters dropped.

    ``<script>x</script>`` -> ``script-x-script``; starts with a letter, at most 63 characters,
    and distinct from every name in ``taken`` (a numeric suffix is added when needed).
    """
    text = _NOT_LABEL_CHARS.sub("-", name.lower()).strip("-")
    text = _LEADING_NON_LETTERS.sub("", text) or fallback
    text = text[:63].rstrip("-")
    # a set is taken to be lowercase already: callers proposing many names pass one (linear, not quadratic)
    used = taken if isinstance(taken, (set, frozenset)) else {t.lower() for t in taken}
    candidate, counter = text, 2
    while candidate in used:
        suffix = f"-{counter}"
        candidate = text[:63 - len(suffix)].rstrip("-") + suffix
        counter += 1
    return candidate


def dns_param(name: str, label: str, default: str | None, allow_placeholder: bool = True) -> Param:
    """A text parameter that must be a DNS label (or a template placeholder)."""
    hint = _("{label} must be a DNS label: lowercase letters, digits and '-', starting with a letter, "
             "ending with a letter or digit, at most 63 characters")
    return Param(name=name, label=label, kind="text", default=default,
                 check=_dns_check(hint, label, allow_placeholder))


class _Fixed:
    """The builder of a fix without parameters: the same edits whatever the values. An object of one slot, not a
    closure (a function, a cell and a tuple): thousands of findings in a large manifest have one."""

    __slots__ = ("edits",)

    def __init__(self, edits: tuple[Edit, ...]) -> None:
        self.edits = edits

    def __call__(self, _values: dict[str, Any]) -> list[Edit]:
        return list(self.edits)


def fixed(*edits: Edit) -> Callable[[dict[str, Any]], list[Edit]]:
    """A builder for a fix without parameters."""
    return _Fixed(edits)


@lru_cache(maxsize=256)
def _dns_check(hint: str, label: str, allow_placeholder: bool) -> Callable[[Any], str | None]:
    """One check per (translated) hint and label, shared by every parameter that has them: a large manifest has
    thousands of such parameters, and a hint and a function for each would add up."""
    hint = hint.format(label=label)

    def check(value: Any) -> str | None:
        if allow_placeholder and has_placeholder(value):
            return None
        return None if is_dns_label(str(value)) else hint

    return check


class Bind(Struct, frozen=True):
    """One ``HostConfig.Binds`` entry ``source:target[:mode]``."""

    index: int
    pointer: str
    raw: str
    source: str
    target: str
    mode: str

    @property
    def read_only(self) -> bool:
        return "ro" in self.mode.split(",")


@per_module
def binds(module: ModuleView) -> list[Bind]:
    """Every entry of every spelling of ``Binds`` (Docker reads keys ignoring case, so ``BINDS`` counts too)."""
    host = module.host_config
    if not host:
        return []
    result = []
    for key in host.variants("Binds"):
        entries = host.data[key]
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            parts = entry.split(":") if isinstance(entry, str) else []
            if len(parts) >= 2:
                result.append(Bind(index, join(host.pointer, key, index), entry, parts[0], parts[1],
                                   ":".join(parts[2:])))
    return result


class EnvEntry(Struct, frozen=True):
    """One env variable as written: in the module ``env`` section, or an element of createOptions ``Env``."""

    where: str            # "env" or "Env"
    pointer: str          # the env key (section) or the array element (Env)
    name: str
    value: str | None     # None: an Env element without '='
    index: int = -1

    @property
    def in_section(self) -> bool:
        return self.where == "env"

    @property
    def value_pointer(self) -> str:
        """What to replace to change the value: ``…/value`` in the section, the whole element in ``Env``."""
        return join(self.pointer, "value") if self.where == "env" else self.pointer


@per_module
def env_entries(module: ModuleView) -> list[EnvEntry]:
    """The module's env variables as written, section first (naming and proxy rules read them)."""
    entries: list[EnvEntry] = []
    section = module.env_section
    for name, item in (section.data.items() if section else ()):
        value = item.get("value") if isinstance(item, dict) else None
        entries.append(EnvEntry("env", join(section.pointer, name), name,  # type: ignore[union-attr]
                                value if isinstance(value, str) else ("" if value is None else str(value))))
    pointer = module.env_list_pointer
    if pointer:
        for index, name, value in module.env_list():
            entries.append(EnvEntry("Env", join(pointer, index), name, value, index))
    return entries


def mounts(module: ModuleView) -> list[tuple[int, str, dict[str, Any]]]:
    """``HostConfig.Mounts`` entries as (index, pointer, entry)."""
    host = module.host_config
    entries = host.get("Mounts") if host else None
    if not host or not isinstance(entries, list):
        return []
    return [(i, join(host.at("Mounts"), i), e) for i, e in enumerate(entries) if isinstance(e, dict)]


def mounts_pointer(module: ModuleView) -> str:
    host = module.host_config
    if host:
        return host.at("Mounts")
    return join(module.create_options_pointer, "HostConfig", "Mounts")


def host_config_pointer(module: ModuleView) -> str:
    options = module.create_options
    return options.at("HostConfig") if options else join(module.create_options_pointer, "HostConfig")


def k8s_pointer(module: ModuleView, *parts: str) -> str:
    """Pointer under ``k8s-experimental`` (exact spelling, as the runtime requires)."""
    return join(module.create_options_pointer, "k8s-experimental", *parts)


def k8s_add(module: ModuleView, *parts: str, value: Any) -> Edit:
    return Edit("add", k8s_pointer(module, *parts), value)


def env_remove_edits(module: ModuleView, names: set[str]) -> list[tuple[str, Edit]]:
    """Edits removing env variables named in ``names`` from both ``env`` and ``Env``: (name, edit)."""
    result: list[tuple[str, Edit]] = []
    section = module.env_section
    if section:
        for name in section.data:
            if name in names:
                result.append((name, Edit("remove", join(section.pointer, name), prune=True)))
    pointer = module.env_list_pointer
    if pointer:
        for index, name, _value in module.env_list():
            if name in names:
                result.append((name, Edit("remove", join(pointer, index), prune=True)))
    return result


def k8s_at(module: ModuleView, *sections: str, key: str | None = None) -> str:
    """Pointer under ``k8s-experimental`` (exact spelling) that reuses the input's spelling of existing sections.

    The runtime matches ``k8s-experimental`` sub-keys and ResourceRequirements fields (``limits``,
    ``requests``) ignoring case, so ``Resources/Limits`` in the input is extended, not duplicated.
    ``key`` (a map key such as ``nvidia.com/gpu``) is appended exactly: resource names are case-sensitive.
    """
    section = module.k8s
    node: Any = section.data if section else None
    pointer = k8s_pointer(module)
    for part in sections:
        found = find_key(node, part) if isinstance(node, dict) else None
        pointer = join(pointer, found or part)
        node = node.get(found) if isinstance(node, dict) and found is not None else None
    return join(pointer, key) if key is not None else pointer


def k8s_get(module: ModuleView, *sections: str) -> Any:
    """The value under ``k8s-experimental`` at ``sections`` (matched ignoring case), or None."""
    section = module.k8s
    node: Any = section.data if section else None
    for part in sections:
        found = find_key(node, part) if isinstance(node, dict) else None
        if found is None:
            return None
        node = node[found]
    return node


_QUANTITY = re.compile(r"(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?")


def quantity_param(name: str, label: str, default: str | None) -> Param:
    """A Kubernetes resource quantity (``128Mi``, ``500m``, ``1.5``), positive."""
    hint = _("{label} must be a Kubernetes quantity such as 128Mi, 1Gi, 500m or 2")
    return Param(name=name, label=label, kind="text", default=default, check=_quantity_check(hint, label))


@lru_cache(maxsize=256)
def _quantity_check(hint: str, label: str) -> Callable[[Any], str | None]:
    """One check per (translated) hint and label, shared as :func:`_dns_check`'s."""
    hint = hint.format(label=label)

    def check(value: Any) -> str | None:
        text = str(value).strip()
        if has_placeholder(text):
            return None
        if not _QUANTITY.fullmatch(text) or not re.search(r"[1-9]", text.split("e")[0].split("E")[0]):
            return hint
        return None

    return check


@lru_cache(maxsize=65536)
def k8s_name(module_name: str) -> str:
    """The runtime's Kubernetes object name for a module id (``KubeUtils.SanitizeK8sValue``:
    :func:`..device.names.k8s_value`), whatever its length (the device-phase rules report a name too long)."""
    return names.k8s_value(module_name, strict=False)
