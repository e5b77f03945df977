"""Naming: module ids and env names that Kubernetes on the GPU device accepts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from msgspec import Struct

from ..device import names
from ..document import Document, ModuleRef
from ..findings import Edit, Example, Finding, Param, Rule
from ..i18n import _
from ..jsonc import whole_number
from ..model import ModuleView
from ..placeholders import has_placeholder, placeholder_tokens
from ..pointers import join, resolve
from ..routes import ROUTE_ID, condition_patterns, named_id, plain_route_id, route_names
from . import _links as L
from ._common import dns_label, env_entries, fixed, is_dns_label, k8s_name
from ._facts import host_ports
from ._registry import Context, rule

# Names a module must not take: the system modules' Kubernetes names, the proxy sidecar container's name and
# the IoT Edge daemon's own Deployment/Service (§6.1).
RESERVED = ("edgeagent", "edgehub", "proxy", "iotedged")
ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")
MEMO_RENAMES = "naming.renames"


class Rename(Struct, frozen=True):
    """A module the naming rules propose to rename, and why."""

    code: str                  # NAM001 (a name the device refuses) or NAM002 (collision / reserved)
    ref: ModuleRef
    new: str                   # the proposed (default) name, a DNS label distinct from every other
    clash: str | None = None   # the other module whose Kubernetes name it shares, or the reserved name
    why: tuple[str, ...] = ()  # NAM001: why the API server would refuse the objects named after it


def _is_placeholder_name(name: str) -> bool:
    """A module key a build step substitutes (``${MODULE}``, ``$MODULE``): left alone, since renaming it would stop
    the substitution. AML's ``__AML_MODULE_NAME`` and ``<…>`` keys are deployed as written, so they are read like any
    other name.
    """
    return any(token.startswith("$") for token in placeholder_tokens(name))


def plan_renames(ctx: Context) -> dict[str, Rename]:
    """Every module NAM001/NAM002 rename, by current name, with distinct valid default names (shared memo)."""
    return ctx.memo(MEMO_RENAMES, lambda: _plan(ctx.doc, _refusals(ctx)))


def _refusals(ctx: Context) -> dict[str, list[str]]:
    """User module -> why the API server would refuse the objects the runtime names after it (§6.10): nothing left
    once sanitized, not a DNS-1123 label ('.', over 63 characters, '-' or '.' at an end), or a digit first where
    the module has a Service (DNS-1035). Names the runtime turns into valid names itself are absent."""
    refused: dict[str, list[str]] = {}
    digit_first: list[str] = []
    for ref in ctx.doc.modules:
        if ref.system or _is_placeholder_name(ref.name) or ref.name in refused:
            continue
        why = _why_refused(ref.name)
        if why:
            refused[ref.name] = why
        elif names.k8s_value(ref.name, strict=False)[:1].isdigit():
            digit_first.append(ref.name)
    for name in digit_first:  # the device model is compiled only when some name needs it
        module = ctx.device.module(name)
        if module is not None and module.service is not None:
            refused[name] = [_("a digit first: the module has a Service, whose name must start with a letter")]
    return refused


def _why_refused(name: str) -> list[str]:
    """Why the sanitized ``name`` is not a DNS-1123 label (empty when it is one)."""
    k8s = names.k8s_value(name, strict=False)
    if names.is_dns1123_label(k8s):
        return []
    reasons = []
    if not k8s:
        reasons.append(_("nothing left once sanitized"))
    if len(k8s) > 63:
        reasons.append(_("longer than 63 characters"))
    if "." in k8s:
        reasons.append(_("'.', which a container's name cannot have"))
    if k8s[:1] in ("-", ".") or k8s[-1:] in ("-", "."):
        reasons.append(_("'-' or '.' at an end"))
    return reasons or [_("not a DNS-1123 label")]


def _plan(doc: Document, refused: dict[str, list[str]]) -> dict[str, Rename]:
    refs = doc.modules
    # Only a name whose objects the API server would refuse is renamed (§6.10): one the runtime turns into a valid
    # name itself (My_Module -> mymodule, upper case) works as it is, and a rename gives the module a new IoT Hub
    # identity (its twin's reported properties and its connection string change).
    invalid_names = set(refused)
    staying = [m for m in refs if m.name not in invalid_names]
    # Kubernetes names already held: system modules first (never renamed), then user modules in order;
    # a later module whose name reduces to a held (or reserved) one is renamed by NAM002.
    held: dict[str, str] = {k8s_name(m.name): m.name for m in staying if m.system}
    clashing: list[tuple[ModuleRef, str]] = []
    for ref in staying:
        if ref.system:
            continue
        name = k8s_name(ref.name)
        if name in held:
            clashing.append((ref, held[name]))
        elif name in RESERVED:
            clashing.append((ref, name))
        else:
            held[name] = ref.name
    moving = {ref.name for ref, _other in clashing} | invalid_names
    taken = {k8s_name(m.name) for m in refs if m.name not in moving} | set(RESERVED)
    # The sections beside the modules: a default that named a twin section would take it over (the module's own
    # section moves with it).
    taken.update(key for key in _sections(doc) if key not in moving)
    clash_of = {ref.name: other for ref, other in clashing}
    plan: dict[str, Rename] = {}
    # A module whose Kubernetes name is already a valid label ("A" -> "a") keeps that name first, so the
    # check that refuses another module's Kubernetes name never refuses a default ("0A" gets "a-2").
    for ref in sorted(refs, key=lambda r: _proposal(r.name, ()) != k8s_name(r.name)):
        if ref.system or ref.name not in moving or ref.name in plan:  # a user module may be called edgeAgent
            continue
        new = _proposal(ref.name, taken)
        taken.add(new)
        code = "NAM001" if ref.name in invalid_names else "NAM002"
        plan[ref.name] = Rename(code, ref, new, clash_of.get(ref.name), tuple(refused.get(ref.name, ())))
    return {ref.name: plan[ref.name] for ref in refs if ref.name in plan and not ref.system}  # module order


def _proposal(name: str, taken: Iterable[str]) -> str:
    return dns_label(name.replace("_", "-").replace(".", "-"), taken, fallback="module")


def rename_edits(doc: Document, ref: ModuleRef, new: str) -> list[Edit]:
    """Rename a module everywhere its id lives: its key, its twin section and every route naming it."""
    old = ref.name
    edits = [Edit("rename", ref.pointer, ref.key[:len(ref.key) - len(old)] + new)]
    twin = doc.twin_pointer(old)
    if twin and not ref.system:
        edits.append(Edit("rename", twin, new))
    edits.extend(Edit("route", pointer, (old, new)) for pointer in routes_naming(doc, old))
    return edits


def routes_naming(doc: Document, module: str) -> list[str]:
    """Pointers of the routes that name ``module`` (indexed once per document: renames ask per module). An id the
    index cannot hold whole (one with '/', whitespace or '"', which IoT Hub ids never have) is looked for in every
    route."""
    found = doc.cache.setdefault("routes_naming", {})
    if module not in found:
        candidates = _route_index(doc).get(module, []) if plain_route_id(module) else \
            [route.pointer for route in doc.routes]
        texts = ((pointer, resolve(doc.root, pointer)) for pointer in candidates)
        found[module] = [pointer for pointer, text in texts if isinstance(text, str) and route_names(text, module)]
    return list(found[module])


def _route_index(doc: Document) -> dict[str, list[str]]:
    """Module id -> pointers of the routes that may name it (a cheap first cut; routes_naming confirms)."""
    index = doc.cache.get("routes_by_module")
    if index is None:
        index = {}
        for route in doc.routes:
            text = resolve(doc.root, route.pointer)
            if isinstance(text, str):
                for pattern in (_ROUTE_MODULE, *condition_patterns(text)):
                    for match in pattern.finditer(text):
                        pointers = index.setdefault(named_id(match), [])
                        if route.pointer not in pointers:
                            pointers.append(route.pointer)
        doc.cache["routes_by_module"] = index
    return index


_ROUTE_MODULE = re.compile(rf"/modules/(?P<id>{ROUTE_ID})")


def _k8s_names(doc: Document) -> dict[str, list[str]]:
    """Kubernetes name -> the modules that have it (computed once per document)."""
    names = doc.cache.get("k8s_names")
    if names is None:
        names = {}
        for module in doc.modules:
            names.setdefault(k8s_name(module.name), []).append(module.name)
        doc.cache["k8s_names"] = names
    return names


def _name_param(doc: Document, plan: dict[str, Rename], ref: ModuleRef, default: str) -> Param:
    holders = _k8s_names(doc)
    proposals = doc.cache.get("proposals")
    if proposals is None:
        proposals = doc.cache["proposals"] = {}
        for rename in plan.values():
            proposals.setdefault(rename.new, rename.ref.name)
    label = _("New module name")
    own_twin = doc.twin_pointer(ref.name) is not None
    sections = _sections(doc)

    def check(value: Any) -> str | None:
        text = str(value)
        if not is_dns_label(text):
            return _("{label} must be a DNS label: lowercase letters, digits and '-', starting with a letter, "
                     "ending with a letter or digit, at most 63 characters").format(label=label)
        if text in RESERVED:
            return _("\"{name}\" is reserved on the GPU device (edgeAgent, edgeHub, the proxy sidecar, the "
                     "IoT Edge daemon)").format(name=text)
        # A module that is itself renamed by default frees its Kubernetes name (its finding says so if rejected).
        other = next((m for m in holders.get(text, ()) if m != ref.name and m not in plan), None)
        if other is not None:
            return _("Module \"{other}\" already has the Kubernetes name \"{name}\"").format(other=other, name=text)
        if text in proposals and proposals[text] != ref.name:
            return _("\"{name}\" is proposed for module \"{other}\"").format(name=text, other=proposals[text])
        if text in sections and text != ref.name:
            if own_twin:
                return _("modulesContent already has a section \"{name}\"; the twin section of \"{module}\" could "
                         "not be renamed to it").format(name=text, module=ref.name)
            return _("modulesContent already has a section \"{name}\"; module \"{module}\" would take it over as its "
                     "twin section").format(name=text, module=ref.name)
        return None

    return Param(name="name", label=label, kind="text", default=default, check=check)


def _sections(doc: Document) -> frozenset[str]:
    """The keys of modulesContent (computed once per document): a rename cannot give a module's twin one of them."""
    sections = doc.cache.get("sections")
    if sections is None:
        content = resolve(doc.root, doc.content) if doc.wrapper != "twin" else None
        sections = doc.cache["sections"] = frozenset(content if isinstance(content, dict) else ())
    return sections


def _places(doc: Document, name: str) -> str:
    """Where a rename of module ``name`` lands: its key, its twin section (if any), the routes naming it."""
    routes = len(routes_naming(doc, name))
    places = [_("module key")]
    if doc.twin_pointer(name):
        places.append(_("twin section"))
    if routes:
        places.append(_("{count} route(s)").format(count=routes))
    return ", ".join(places)


def _rename_finding(r: Rule, ctx: Context, rename: Rename, message: str, severity: str = "") -> Finding:
    doc, ref = ctx.doc, rename.ref
    plan = plan_renames(ctx)

    def build(values: dict[str, Any], ref: ModuleRef = ref) -> list[Edit]:
        return rename_edits(doc, ref, values["name"])

    return Finding(r, ref.name, ref.pointer, message, params=(_name_param(doc, plan, ref, rename.new),),
                   build=build, severity=severity, applicability="choice")


@rule("NAM001", "module-name-dns-label", "naming", "info", "manual",
      "Module name is not a Kubernetes name",
      "On the GPU device the runtime names every Kubernetes object of a module — ServiceAccount, Deployment, "
      "container, Service, the module label — after its id run through `SanitizeK8sValue`: lowercased, with every "
      "character outside `a-z 0-9 . -` deleted; it keeps the id itself in the annotation "
      "`net.azure-devices.edge.original-moduleid` and maps the objects back to the module through it. Microsoft's "
      "article on moving modules from FPGA to GPU devices advises renaming every module whose id is not a DNS label "
      "(lowercase letters, digits and '-'). The runtime's code shows that most such ids work as they are: "
      "`My_Module` runs as `mymodule`, `cam_1` as `cam1`, upper case is lowercased. A rename is not free: it gives "
      "the module a new IoT Hub module identity (its twin's reported properties start empty and its connection "
      "string changes), and anything outside the manifest that uses the old id (code, scripts, direct method "
      "callers) must change too. So a rename is proposed, and applied by default, only where the API server would "
      "refuse the objects — which aborts the deployment of every module: nothing left once sanitized; a sanitized "
      "name that is not a DNS-1123 label (a '.', which a container's name cannot have, more than 63 characters, "
      "'-' or '.' at either end); or a digit first when the module has a Service (it has `ExposedPorts` or "
      "`PortBindings`), whose name must be a DNS-1035 label, starting with a letter. Any other id that is not a "
      "DNS label gets an info finding saying what the objects are named; two ids that reduce to one name are "
      "NAM002's. The rename changes the module id everywhere it lives in the manifest: the key in `modules`, the "
      "module twin section, and every route (`/messages/modules/<id>/…`, "
      "`BrokeredEndpoint(\"/modules/<id>/inputs/…\")`, and conditions `WHERE $connectionModuleId = '<id>'`).",
      "Microsoft Learn: Run existing IoT Edge modules from Azure Stack Edge Pro FPGA devices on Azure Stack "
      "Edge Pro GPU device — Other differences (module names); kubernetes.io Object Names and IDs (DNS-1123 and "
      "DNS-1035 labels); Azure/iotedge release/1.1-k8s-preview, "
      "edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Kubernetes/KubeUtils.cs (SanitizeK8sValue), "
      "edgedeployment/deployment/KubernetesDeploymentMapper.cs and edgedeployment/service/KubernetesServiceMapper.cs "
      "(objects named after the sanitized id), edgedeployment/serviceaccount/KubernetesServiceAccountMapper.cs "
      "(original-moduleid annotation)",
      before='"modules": {"cam.one": {…}}, "routes": {"r": "FROM /messages/modules/cam.one/* INTO $upstream"}',
      after='"modules": {"cam-one": {…}}, "routes": {"r": "FROM /messages/modules/cam-one/* INTO $upstream"}',
      severities=("error",), applicabilities=("choice",),
      links=(L.FPGA_TO_GPU + "#other-differences", L.K8S_NAMES, L.KUBE_UTILS, L.DEPLOYMENT_MAPPER, L.SERVICE_MAPPER,
             L.SERVICE_ACCOUNT_MAPPER),
      example=Example({"cam.one": {"settings": {"createOptions": '{"ExposedPorts": {"80/tcp": {}}}'}}},
          {"cam-one": {"settings": {"createOptions": '{"ExposedPorts": {"80/tcp": {}}}'}}}, at="modules"))
def check_module_names(r: Rule, ctx: Context) -> Iterator[Finding]:
    plan = plan_renames(ctx)
    for rename in plan.values():
        if rename.code != "NAM001":
            continue
        name, new = rename.ref.name, rename.new
        places = _places(ctx.doc, name)
        k8s = _shown(k8s_name(name))
        clash = next((m for m in _k8s_names(ctx.doc).get(k8s_name(name), ()) if m != name), None)
        if clash and k8s_name(name):
            message = _("Module \"{name}\" would get the Kubernetes name \"{k8s}\", which {other} already has; "
                        "rename it to \"{new}\" ({places})") \
                .format(name=name, k8s=k8s, other=clash, new=new, places=places)
        elif not k8s_name(name):
            message = _("Nothing of module name \"{name}\" is left once the runtime sanitizes it (lowercase, "
                        "characters outside a-z 0-9 . - deleted), and the API server refuses objects without a "
                        "name; rename it to \"{new}\" ({places})").format(name=name, new=new, places=places)
        else:
            message = _("Module \"{name}\" would run on the device as Kubernetes objects named \"{k8s}\", which "
                        "the API server refuses ({why}); rename it to \"{new}\" ({places})") \
                .format(name=name, k8s=k8s, why=", ".join(rename.why), new=new, places=places)
        yield _rename_finding(r, ctx, rename, message, severity="error")
    for module in ctx.user_modules:
        name = module.name
        k8s = k8s_name(name)
        if name in plan or _is_placeholder_name(name) or (k8s == name and not k8s[:1].isdigit()):
            continue
        message = _("Module \"{name}\" runs on the device as Kubernetes objects named \"{k8s}\"") \
            .format(name=name, k8s=k8s)
        if k8s != name:
            message += _(" (the runtime lowercases the id, deletes characters outside a-z 0-9 . - and maps the "
                         "objects back to the id through an annotation)")
        if k8s[:1].isdigit():
            message += _("; a name starting with a digit is accepted for its Deployment but not for a Service (a "
                         "DNS-1035 label starts with a letter), and the module has no ExposedPorts or PortBindings, "
                         "so it gets no Service; rename it before giving it ports")
        message += _(". Nothing to change: a rename would give the module a new IoT Hub identity (its twin's "
                     "reported properties and its connection string change)")
        yield Finding(r, name, module.pointer, message, severity="info", applicability="manual")


def _shown(k8s: str) -> str:
    """A sanitized name as a message shows it: one over 63 characters cut short."""
    return k8s if len(k8s) <= 63 else k8s[:40] + "…"


@rule("NAM002", "module-name-collision", "naming", "error", "choice",
      "Two modules reduce to one Kubernetes name",
      "The runtime derives each module's Kubernetes name by lowercasing its id and deleting every character "
      "outside `a-z 0-9 . -`. Two modules that end up with the same name (`my_mod` and `mymod`), or a module "
      "whose name is the system modules' (`edgehub`, `edgeagent`), stop the whole deployment with \"Deployment "
      "will cause a name collision\". A module named `proxy` clashes with the proxy sidecar container every "
      "pod has, and `iotedged` with the IoT Edge daemon's own Deployment and Service (likely, not confirmed on "
      "the device). The later module is renamed everywhere (module key, twin section, routes). A module that "
      "NAM001 renames already gets a name distinct from all others, so this finding is only raised for modules "
      "NAM001 leaves alone — one module is never renamed twice.",
      "Azure/iotedge 1.1-k8s-preview KubernetesPlanner (name collision), KubeUtils.SanitizeK8sValue, "
      "KubernetesDeploymentMapper.PrepareProxyContainer; kubernetes/charts/edge-kubernetes values.yaml",
      before='"modules": {"proxy": {…}}',
      after='"modules": {"proxy-2": {…}}',
      severities=("warning",),
      links=(L.PLANNER, L.KUBE_UTILS, L.DEPLOYMENT_MAPPER, L.CHART_VALUES),
      example=Example({"proxy": {}}, {"proxy-2": {}}, at="modules"))
def check_name_collisions(r: Rule, ctx: Context) -> Iterator[Finding]:
    for rename in plan_renames(ctx).values():
        if rename.code != "NAM002":
            continue
        name = rename.ref.name
        if rename.clash in RESERVED:
            message = _("Module \"{name}\" has the Kubernetes name \"{k8s}\", which is reserved on the GPU device; "
                        "rename it to \"{new}\"").format(name=name, k8s=k8s_name(name), new=rename.new)
            severity = "warning" if rename.clash == "iotedged" else ""
        else:
            message = _("Modules \"{other}\" and \"{name}\" both get the Kubernetes name \"{k8s}\"; rename "
                        "\"{name}\" to \"{new}\"").format(other=rename.clash, name=name, k8s=k8s_name(name),
                                                         new=rename.new)
            severity = ""
        yield _rename_finding(r, ctx, rename, message, severity=severity)


# --- env names ---------------------------------------------------------------------------------------------

def _dunder(name: str) -> str:
    return name.replace(":", "__")


@rule("NAM003", "env-colon-to-dunder", "naming", "error", "auto",
      "Env name with ':' becomes '__'",
      "Kubernetes rejects a container env variable whose name contains ':', so the whole module's Deployment "
      "fails on the GPU device. .NET configuration names such as `Logging:LogLevel` are written with a double "
      "underscore instead (`Logging__LogLevel`), which .NET reads as ':' — the replacement Azure Stack Edge "
      "documents. Other applications must be checked to read the new name (iotedge-k8s-doc suggests a single "
      "'_'; '__' is used here because it is what the ASE documentation and .NET expect). Values are unchanged.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Other differences; "
      "Azure Stack Edge 2207 release notes, known issue 18; Kubernetes apimachinery validation (envVarNameFmt)",
      before='"Env": ["Logging:LogLevel=Debug"]',
      after='"Env": ["Logging__LogLevel=Debug"]',
      applicabilities=("manual",),
      links=(L.FPGA_TO_GPU + "#other-differences", L.RELEASE_2207, L.K8S_VALIDATION),
      example=Example({"Env": ["Logging:LogLevel=Debug"]}, {"Env": ["Logging__LogLevel=Debug"]}, at="createOptions"))
def check_env_colons(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        entries = env_entries(module)
        for entry in entries:
            if ":" not in entry.name or has_placeholder(entry.name):
                continue
            new = _dunder(entry.name)
            twin = next((e for e in entries if e.where == entry.where and e.name == new), None)
            if twin:
                yield Finding(r, module.name, entry.pointer,
                              _("Env name \"{name}\" would become \"{new}\", which {where} already sets: keep "
                                "one of the two by hand").format(name=entry.name, new=new, where=entry.where),
                              applicability="manual")
                continue
            if entry.where == "env":
                edits = [Edit("rename", entry.pointer, new)]
            else:
                text = new + "=" + entry.value if entry.value is not None else new
                edits = [Edit("replace", entry.pointer, text)]
            yield Finding(r, module.name, entry.pointer,
                          _("Env name \"{name}\" ({where}) becomes \"{new}\": Kubernetes rejects ':' in env names")
                          .format(name=entry.name, where=entry.where, new=new),
                          build=fixed(*edits))


@rule("NAM004", "env-name-k8s-invalid", "naming", "error", "manual",
      "Env name Kubernetes rejects",
      "Kubernetes accepts env variable names made of letters, digits, '_', '-' and '.', not starting with a "
      "digit (`[-._a-zA-Z][-._a-zA-Z0-9]*`). Newer Kubernetes releases can relax this, but Azure Stack Edge "
      "clusters cannot be assumed to, so another name fails the module's Deployment. Rename the variable in the "
      "manifest and in the application. A createOptions `Env` entry without '=' (Docker's bare `NAME` form, "
      "which passes the host's value) or starting with '=' is dropped without a word by the runtime: give it "
      "an explicit value.",
      "Kubernetes apimachinery validation.go (envVarNameFmt); Azure/iotedge 1.1-k8s-preview "
      "KubernetesDeploymentMapper.ParseEnv",
      before='"Env": ["2FA_MODE=on", "HOME"]',
      after='"Env": ["TWO_FA_MODE=on", "HOME=/root"]',
      severities=("warning",),
      links=(L.K8S_VALIDATION, L.DEPLOYMENT_MAPPER),
      example=Example({"Env": ["2FA_MODE=on", "HOME"]}, {"Env": ["TWO_FA_MODE=on", "HOME=/root"]}, at="createOptions"))
def check_env_names(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for entry in env_entries(module):
            if has_placeholder(entry.name):
                continue
            if entry.where == "Env" and (entry.value is None or not entry.name):
                yield Finding(r, module.name, entry.pointer,
                              _("Env entry \"{entry}\" has no name=value form: the runtime drops it silently")
                              .format(entry=entry.name + ("=" + entry.value if entry.value is not None else "")),
                              severity="warning")
                continue
            if not ENV_NAME.fullmatch(_dunder(entry.name)):
                yield Finding(r, module.name, entry.pointer,
                              _("Env name \"{name}\" ({where}) is not accepted by Kubernetes: use letters, digits, "
                                "'_', '-' and '.', not starting with a digit")
                              .format(name=_dunder(entry.name), where=entry.where))


@rule("NAM005", "env-name-duplicate", "naming", "warning", "manual",
      "Env name set twice",
      "On the FPGA device (Docker) a variable set both in the module's `env` section and in createOptions "
      "`Env` had one value: edgeAgent kept the `env` section's. On the GPU device the Kubernetes runtime adds "
      "the `env` section's entries to the container first and createOptions `Env` after them, and of two "
      "entries with one name the kubelet keeps the last: the createOptions `Env` value wins, the opposite of "
      "the FPGA device. Remove one of the two so both devices give the module the value meant.",
      "Azure/iotedge release/1.1-k8s-preview, edge-agent/.../Kubernetes/edgedeployment/deployment/"
      "KubernetesDeploymentMapper.cs (env section, then Env); Docker CreateCommand.InjectEnvVars; Kubernetes "
      "kubelet (the last of two env entries with one name is used)",
      before='"env": {"MODE": {"value": "a"}}, … "Env": ["MODE=b"]',
      after='"env": {"MODE": {"value": "a"}}',
      links=(L.DEPLOYMENT_MAPPER, L.DOCKER_CREATE),
      example=Example({"env": {"MODE": {"value": "a"}}, "settings": {"createOptions": '{"Env": ["MODE=b"]}'}},
          {"env": {"MODE": {"value": "a"}}}, at="module"))
def check_env_duplicates(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        entries = env_entries(module)
        section = {_dunder(e.name): e for e in entries if e.where == "env"}
        for entry in entries:
            first = section.get(_dunder(entry.name))
            if entry.where != "Env" or first is None or entry.value is None:
                continue
            message = _("Env \"{name}\" is set in the env section and in createOptions Env with the same value") \
                if first.value == entry.value else \
                _("Env \"{name}\" is set in the env section and in createOptions Env with different values: on "
                  "the GPU device the createOptions Env value wins, on the FPGA device the env section's did")
            yield Finding(r, module.name, entry.pointer, message.format(name=_dunder(entry.name)))


# --- references ----------------------------------------------------------------------------------------------

def _reference_sites(module: ModuleView) -> list[tuple[str, str, str]]:
    """(pointer, what, text) for every env value and Cmd/Entrypoint string of a module."""
    sites: list[tuple[str, str, str]] = []
    for entry in env_entries(module):
        if entry.value:
            pointer = join(entry.pointer, "value") if entry.where == "env" else entry.pointer
            sites.append((pointer, _("Env {name}").format(name=entry.name), entry.value))
    options = module.create_options
    for key in ("Cmd", "Entrypoint"):
        value = options.get(key) if options else None
        if options and isinstance(value, str):
            sites.append((options.at(key), key, value))
        elif options and isinstance(value, list):
            sites.extend((join(options.at(key), i), key, v) for i, v in enumerate(value) if isinstance(v, str))
    return sites


def _words(text: str) -> set[str]:
    """Lowercased host-like words of ``text``, and their parts before each '.', to test mentions cheaply."""
    words: set[str] = set()
    for token in re.findall(r"[A-Za-z0-9_.$-]+", text.lower()):
        words.add(token)
        for cut in range(len(token)):
            if token[cut] == ".":
                words.add(token[:cut])
        words.update(part for part in token.split("$") if part)
    return words


@lru_cache(maxsize=4096)
def _mention_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    exact = re.compile(r"(?<![A-Za-z0-9_.$-])" + re.escape(name) + r"(?![A-Za-z0-9_-])(?::(\d+))?")
    loose = re.compile(r"(?<![A-Za-z0-9_.$-])" + re.escape(name) + r":(\d+)(?!\d)", re.IGNORECASE)
    return exact, loose


def _mentions(text: str, name: str) -> list[int | None]:
    """Ports (or None) of every place ``text`` names module ``name`` as a host."""
    if name.lower() not in text.lower():
        return []
    found: list[int | None] = []
    exact, loose = _mention_patterns(name)
    spans = set()
    for match in exact.finditer(text):
        spans.add(match.start())
        found.append(whole_number(match.group(1)) if match.group(1) else None)
    for match in loose.finditer(text):
        if match.start() not in spans:
            found.append(whole_number(match.group(1)))
    return found


@rule("NAM006", "references-to-module", "naming", "warning", "manual",
      "Env value or Cmd names a renamed module or a container port",
      "Modules often find each other through an env value or a command-line argument such as "
      "`http://MyModule:8080`. Two things change on the GPU device: a module renamed by NAM001/NAM002 has a new "
      "id and host name, and other modules reach a module through its Kubernetes Service at `<module>:<HostPort>`, "
      "not at the container port as on the Docker network of the FPGA device. The tool does not rewrite free "
      "text: update each value shown, or confirm it does not refer to the module.",
      "Microsoft Learn: Azure Stack Edge Pro GPU — Expose a stateless application via an IoT Edge module; "
      "microsoft/iotedge-k8s-doc (services: clients reach <module>:<HostPort>)",
      before='"Env": ["SCORING_URL=http://My_Model:5001/score"]  (My_Model renamed, HostPort 5010)',
      after='"Env": ["SCORING_URL=http://my-model:5010/score"]',
      links=(L.STATELESS_APP, L.K8S_DOC + "bp/network/modulecomms.html"),
      example=Example({"My_Model": {"settings": {"createOptions": '{"HostConfig": {"PortBindings": '
                                                               '{"5001/tcp": [{"HostPort": "5010"}]}}}'}},
                       "app": {"settings": {"createOptions": '{"Env": ["SCORING_URL=http://My_Model:5001/score"]}'}}},
                      {"my-model": {"settings": {"createOptions": '{"HostConfig": {"PortBindings": '
                                                                  '{"5001/tcp": [{"HostPort": "5010"}]}}}'}},
                       "app": {"settings": {"createOptions": '{"Env": ["SCORING_URL=http://my-model:5010/score"]}'}}},
                      at="modules"))
def check_references(r: Rule, ctx: Context) -> Iterator[Finding]:
    plan = plan_renames(ctx)
    remapped: dict[str, dict[int, str]] = {}
    for module in ctx.modules:
        for host_port in host_ports(module):
            if host_port.index == 0 and host_port.number is not None and host_port.number != host_port.port.number:
                remapped.setdefault(module.name, {})[host_port.port.number] = str(host_port.number)
    targets = sorted(set(plan) | set(remapped), key=len, reverse=True)
    if not targets:
        return
    # Names with characters a host word cannot hold are always searched; the rest only where a word matches.
    always = [t for t in targets if not re.fullmatch(r"[A-Za-z0-9_.$-]+", t)]
    lowered_targets = {t.lower() for t in targets}
    for module in ctx.modules:
        for pointer, what, text in _reference_sites(module):
            reasons: list[str] = []
            words = _words(text)
            if not always and not words & lowered_targets:
                continue
            for target in targets:
                if target.lower() not in words and target not in always:
                    continue
                ports = _mentions(text, target)
                if not ports:
                    continue
                if target in plan:
                    reasons.append(_("module \"{name}\", renamed to \"{new}\"").format(name=target,
                                                                                       new=plan[target].new))
                for port in dict.fromkeys(p for p in ports if p is not None):
                    host = remapped.get(target, {}).get(port)
                    if host:
                        reasons.append(_("{name}:{port}, which other modules reach at {name}:{host} (its HostPort) "
                                         "on the GPU device").format(name=target, port=port, host=host))
            if reasons:
                yield Finding(r, module.name, pointer,
                              _("{what} names {reasons}: update it by hand").format(what=what,
                                                                                     reasons="; ".join(reasons)))
