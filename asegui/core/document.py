"""bytes -> Document: where everything lives in a manifest, with createOptions expanded.

The document's ``root`` is the whole input as plain key-ordered values, except that each
module's createOptions (a string, chunks ``createOptions01``…, or an object) is replaced by
one ``createOptions`` object at the first chunk's position. Nothing else is touched: the
dict is the truth, and every later step addresses it with JSON pointers.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from msgspec import Struct, field

from . import jsonc
from .errors import ManifestError
from .i18n import _
from .jsonc import Duplicate
from .pointers import join, resolve

CreateOptionsForm = Literal["string", "chunks", "object", "absent", "invalid"]
Wrapper = Literal["modulesContent", "moduleContent", "content", "bare", "twin"]

# fullmatch, and DOTALL: "$" would also match before a final newline, making "…modules.0\n" module "0".
_CHUNK_KEY = re.compile(r"createoptions(\d*)", re.IGNORECASE)
_LAYERED_MODULE = re.compile(r"properties\.desired\.(modules|systemModules)\.(.+)", re.DOTALL)
_LAYERED_ROUTE = re.compile(r"properties\.desired\.routes\.(.+)", re.DOTALL)
SYSTEM_MODULES = ("edgeAgent", "edgeHub")


class ModuleRef(Struct):
    """Where one module lives and how its createOptions were written."""

    name: str
    system: bool
    pointer: str               # the module object
    parent: str                # the object holding its key
    key: str                   # its key there ("foo", or "properties.desired.modules.foo")
    co_form: CreateOptionsForm = "absent"
    co_chunks: dict[str, Any] = field(default_factory=dict)  # the original chunk members
    co_original: Any = None     # the parsed object, as read
    co_problem: str = ""        # why createOptions could not be read (MAN004)
    co_lenient: bool = False    # parsed only after dropping comments / trailing commas
    co_renumber: bool = False   # pieces named outside the standard createOptions, createOptions01… scheme
    co_oversize: bool = False   # a piece longer than 512 characters (tools and older hubs refuse it)
    co_duplicates: list[Duplicate] = field(default_factory=list)  # pointers inside createOptions
    co_order: tuple[str, ...] = ()  # the settings' keys as the input ordered them, when createOptions is in pieces

    @property
    def co_rewrite(self) -> bool:
        """The original pieces cannot be written back as they were, even if nothing in them changes."""
        return self.co_renumber or self.co_oversize or self.co_lenient

    @property
    def settings_pointer(self) -> str:
        return join(self.pointer, "settings")

    @property
    def create_options_pointer(self) -> str:
        return join(self.pointer, "settings", "createOptions")


class RouteRef(Struct):
    name: str
    pointer: str  # the route string itself (inside a route object: its "route" member)


class Document(Struct, dict=True):
    text: str
    encoding: str
    newline: str
    jsonc: bool
    root: Any
    wrapper: Wrapper
    content: str               # pointer to the modulesContent object ("" for bare/twin)
    agent: str | None          # pointer to $edgeAgent's desired properties (None when layered)
    hub: str | None            # pointer to $edgeHub's desired properties (None when layered)
    layered: bool
    template: bool
    modules: list[ModuleRef]
    routes: list[RouteRef]
    source: str | None = None
    data: bytes = b""
    duplicates: list[Duplicate] = field(default_factory=list)  # keys the file writes twice in one object
    cache: dict[str, Any] = field(default_factory=dict)  # derived, read-only facts

    def module(self, name: str) -> ModuleRef | None:
        return next((m for m in self.modules if m.name == name), None)

    @property
    def user_modules(self) -> list[ModuleRef]:
        return [m for m in self.modules if not m.system]

    def twin_pointer(self, module: str) -> str | None:
        """The module twin section ``"<module>": {"properties.desired": …}``, if present."""
        if self.wrapper == "twin":
            return None
        pointer = join(self.content, module)
        return pointer if isinstance(resolve(self.root, pointer), dict) else None

    def indent(self) -> str:
        """The indentation unit the input used (two spaces when it cannot tell)."""
        match = re.search(r"\n([ \t]+)\S", self.text)
        if not match:
            return "  "
        unit = match.group(1)
        return "\t" if unit.startswith("\t") else " " * max(1, min(len(unit), 8))


def load(data: bytes, source: str | None = None) -> Document:
    """Read a manifest in any form a field engineer has; raise ManifestError otherwise."""
    try:
        decoded = jsonc.decode(data)
        parsed = jsonc.parse(decoded.text)
        doc = _locate(parsed.value, decoded, parsed.jsonc)
        doc.duplicates = parsed.duplicates
    except ManifestError as exc:
        raise exc.with_source(source) from None
    doc.source = source
    doc.data = data
    return doc


def _locate(root: Any, decoded: jsonc.Decoded, was_jsonc: bool) -> Document:
    if not isinstance(root, dict):
        raise ManifestError(_("This is JSON, but not a deployment manifest: the top level is {kind}, "
                              "not an object with \"modulesContent\".").format(kind=_kind(root)), 1, 1)
    wrapper: Wrapper
    if isinstance(root.get("content"), dict) and isinstance(root["content"].get("modulesContent"), dict):
        wrapper, content = "content", "/content/modulesContent"
    elif isinstance(root.get("modulesContent"), dict):
        wrapper, content = "modulesContent", "/modulesContent"
    elif isinstance(root.get("moduleContent"), dict):
        wrapper, content = "moduleContent", "/moduleContent"
    elif "$edgeAgent" in root or "$edgeHub" in root:
        wrapper, content = "bare", ""
    elif isinstance(root.get("properties"), dict) and isinstance(root["properties"].get("desired"), dict) \
            and ("modules" in root["properties"]["desired"] or "systemModules" in root["properties"]["desired"]):
        wrapper, content = "twin", ""
    else:
        keys = ", ".join(f'"{k}"' for k in list(root)[:5]) or _("none")
        raise ManifestError(_("This is JSON, but not a deployment manifest: there is no \"modulesContent\", "
                              "\"content\" or \"$edgeAgent\" at the top level (keys found: {keys}).")
                            .format(keys=keys), 1, 1)

    modules: list[ModuleRef] = []
    routes: list[RouteRef] = []
    layered = False
    if wrapper == "twin":
        agent: str | None = "/properties/desired"
        hub: str | None = None
    else:
        agent_section = resolve(root, join(content, "$edgeAgent"))
        hub_section = resolve(root, join(content, "$edgeHub"))
        if agent_section is not None and not isinstance(agent_section, dict):
            raise ManifestError(_("\"$edgeAgent\" must be an object."))
        agent = join(content, "$edgeAgent", "properties.desired") \
            if isinstance(agent_section, dict) and isinstance(agent_section.get("properties.desired"), dict) else None
        hub = join(content, "$edgeHub", "properties.desired") \
            if isinstance(hub_section, dict) and isinstance(hub_section.get("properties.desired"), dict) else None
        for key, value in (agent_section or {}).items():
            match = _LAYERED_MODULE.fullmatch(key)
            if match and isinstance(value, dict):
                layered = True
                parent = join(content, "$edgeAgent")
                modules.append(ModuleRef(match.group(2), match.group(1) == "systemModules",
                                         join(parent, key), parent, key))
        for key, value in (hub_section or {}).items() if isinstance(hub_section, dict) else ():
            match = _LAYERED_ROUTE.fullmatch(key)
            if match:
                layered = True
                routes.append(_route(match.group(1), join(content, "$edgeHub", key), value))

    if agent is not None:
        desired = resolve(root, agent)
        for group, system in (("systemModules", True), ("modules", False)):
            section = desired.get(group)
            if isinstance(section, dict):
                parent = join(agent, group)
                for name, value in section.items():
                    if isinstance(value, dict):
                        modules.append(ModuleRef(name, system, join(parent, name), parent, name))
    if hub is not None:
        section = resolve(root, join(hub, "routes"))
        if isinstance(section, dict):
            routes.extend(_route(name, join(hub, "routes", name), value) for name, value in section.items())

    for module in modules:
        _expand_create_options(root, module)
    template = "$schema-template" in root or any(m.co_form == "object" for m in modules)
    return Document(text=decoded.text, encoding=decoded.encoding, newline=decoded.newline, jsonc=was_jsonc,
                    root=root, wrapper=wrapper, content=content, agent=agent, hub=hub, layered=layered,
                    template=template, modules=modules, routes=routes)


def chunk_names(count: int) -> list[str]:
    """The standard piece names: createOptions, createOptions01, createOptions02, …"""
    return ["createOptions"] + [f"createOptions{i:02d}" for i in range(1, count)]


def _route(name: str, pointer: str, value: Any) -> RouteRef:
    if isinstance(value, dict) and "route" in value:
        pointer = join(pointer, "route")
    return RouteRef(name, pointer)


def _kind(value: Any) -> str:
    return {list: _("an array"), str: _("a string"), bool: _("a boolean"),
            type(None): _("null")}.get(type(value), _("a number"))


def _expand_create_options(root: Any, module: ModuleRef) -> None:
    """Replace createOptions chunks with one object, remembering how they were written."""
    settings = resolve(root, module.settings_pointer)
    if not isinstance(settings, dict):
        return
    chunks = {k: v for k, v in settings.items() if _CHUNK_KEY.fullmatch(k)}
    if not chunks:
        return
    module.co_chunks = dict(chunks)
    if len(chunks) == 1 and "createOptions" in chunks and isinstance(chunks["createOptions"], dict):
        module.co_form, module.co_original = "object", chunks["createOptions"]
        _refuse_case_twins(module, chunks["createOptions"])
        return
    numbered: dict[int, tuple[str, Any]] = {}
    for key, value in chunks.items():
        digits = _CHUNK_KEY.fullmatch(key).group(1)  # type: ignore[union-attr]
        index = jsonc.whole_number(digits) if digits else 0
        if index is None:
            _invalid(module, _("{key} is not a createOptions piece: its number has too many digits or is not written "
                               "in ASCII").format(key=key if len(key) <= 40 else key[:37] + "..."))
            return
        if index in numbered:
            _invalid(module, _("two createOptions pieces have the number {n} ({a} and {b})")
                     .format(n=index, a=numbered[index][0], b=key))
            return
        numbered[index] = (key, value)
    expected = list(range(len(numbered)))
    if 0 not in numbered and sorted(numbered) == list(range(1, len(numbered) + 1)):
        # edgelet's reader takes createOptions1, 2, … with no bare first piece; renumber from 0.
        numbered = {index - 1: item for index, item in numbered.items()}
        module.co_renumber = True
    if sorted(numbered) != expected:
        missing = [f"createOptions{i:02d}" if i else "createOptions" for i in expected if i not in numbered]
        _invalid(module, _("the createOptions pieces have a gap: {missing} is missing")
                 .format(missing=", ".join(missing)))
        return
    for index in expected:
        key, value = numbered[index]
        if not isinstance(value, str):
            _invalid(module, _("{key} is {kind}, not a string")
                     .format(key=key, kind=_kind(value) if not isinstance(value, dict) else _("an object")))
            return
    joined = "".join(numbered[i][1] for i in expected)
    if not joined.strip():
        parsed: Any = {}
    else:
        try:
            parsed, module.co_lenient, module.co_duplicates = jsonc.parse(joined)
        except ManifestError as exc:
            _invalid(module, _("createOptions is not valid JSON (at character {col} of it): {reason}")
                     .format(col=_offset(joined, exc), reason=exc.message))
            return
    if not isinstance(parsed, dict):
        _invalid(module, _("createOptions is {kind}, not a JSON object").format(kind=_kind(parsed)))
        return
    if _refuse_case_twins(module, parsed):
        return
    module.co_oversize = any(len(numbered[i][1]) > 512 for i in expected)
    standard = chunk_names(len(numbered))
    if any(numbered[i][0] != standard[i] for i in expected):
        module.co_renumber = True
    module.co_form = "string" if len(numbered) == 1 and "createOptions" in chunks else "chunks"
    module.co_original = parsed
    if module.co_form == "chunks":
        module.co_order = tuple(settings)  # pieces written back unchanged go back where they were
    rebuilt: dict[str, Any] = {}
    for key, value in settings.items():
        if key in chunks:
            if "createOptions" not in rebuilt:
                rebuilt["createOptions"] = parsed
        else:
            rebuilt[key] = value
    settings.clear()
    settings.update(rebuilt)


def _refuse_case_twins(module: ModuleRef, options: dict[str, Any]) -> bool:
    """createOptions with two spellings of one key is ambiguous: rules leave it alone and MAN004 says why."""
    twins = _case_twins(options)
    if twins:
        _invalid(module, _("createOptions has keys that differ only in case ({a} and {b}); Docker and edgeAgent "
                           "read keys ignoring case, so one of them would silently win — keep one")
                 .format(a=twins[0], b=twins[1]))
    return twins is not None


def _case_twins(options: dict[str, Any]) -> tuple[str, str] | None:
    """Two keys equal but for case, at createOptions' top level or one level down (HostConfig's members)."""
    for level in [options] + [v for v in options.values() if isinstance(v, dict)]:
        seen: dict[str, str] = {}
        for key in level:
            if isinstance(key, str):
                if key.lower() in seen:
                    return seen[key.lower()], key
                seen[key.lower()] = key
    return None


def _invalid(module: ModuleRef, problem: str) -> None:
    module.co_form, module.co_problem = "invalid", problem


def _offset(text: str, exc: ManifestError) -> int:
    if exc.line is None or exc.column is None:
        return 1
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:exc.line - 1]) + exc.column
