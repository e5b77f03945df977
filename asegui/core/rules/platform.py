"""Platform: how Kubernetes runs, updates and restarts a module differently from Docker."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from ..findings import Edit, Example, Finding, Param, Rule
from ..i18n import _
from ..jsonc import whole_number
from ..model import ModuleView, find_key, member
from ..placeholders import has_placeholder
from ..pointers import join
from . import _links as L
from ._common import fixed, k8s_at, k8s_get, k8s_name, k8s_pointer
from ._facts import binding_members, bound, device_of, exposed, gpu_of, host_network, writable
from ._links import SOURCE_ARTICLE
from ._registry import Context, rule

K8S = "k8s-experimental"
K8S_KEYS = ("volumes", "resources", "nodeSelector", "securityContext", "serviceOptions", "strategy")

# createOptions fields the Kubernetes runtime reads (reference §4.6.3), and those other rules own.
READ_TOP = {"env", "exposedports", "hostconfig", "image", "labels", "cmd", "entrypoint", "workingdir"}
READ_HOST = {"binds", "mounts", "portbindings", "privileged", "networkmode", "ipcmode", "pidmode"}
OWNED_TOP: set[str] = set()  # NetworkingConfig of a host-network module: NET006 removes it
OWNED_HOST = {"devices", "devicerequests",                         # RES002 / RES006
              "memory", "nanocpus", "cpuquota", "cpuperiod",       # RES007
              "shmsize"}                                           # RES009
# Dropped fields whose loss changes nothing the module can notice on Kubernetes: info, not warning.
_BENIGN = {"logconfig", "restartpolicy", "tty", "openstdin", "stdinonce", "attachstdin", "attachstdout",
           "attachstderr", "autoremove", "stopsignal", "stoptimeout", "macaddress", "domainname", "memoryswap",
           "memoryswappiness", "memoryreservation", "kernelmemory", "cpushares", "cpusetcpus", "cpusetmems",
           "blkioweight", "oomkilldisable", "init", "volumedriver", "consolesize", "argsescaped",
           "devicecgrouprules"}


def _close_matches(word: str, possibilities: list[str], cutoff: float) -> list[str]:
    """The closest spelling, for "did you mean"; difflib is imported only when a key is misspelt."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=1, cutoff=cutoff)


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=4096)
def _normal(key: str) -> str:
    return _NOT_ALNUM.sub("", key.lower())


@rule("PLT001", "strategy-recreate", "platform", "warning", "auto",
      "Recreate the module on update",
      "Kubernetes updates a module with a rolling update by default: the new pod must be running before the old "
      "one is stopped. A module that holds something only one pod can have deadlocks: the new pod waits for "
      "what the old pod still holds, and the update never finishes. On the GPU device that is a GPU (an "
      "`nvidia.com/gpu` limit: the device has one or two) and the ports of a host-network module (the node has "
      "each port once). Port bindings and share volumes are not: the runtime gives pods no `hostPort` (a "
      "binding is a port of the module's Service, which both pods share) and makes share claims ReadWriteMany "
      "or ReadOnlyMany, so a rolling update of such a module (edgeHub too) finishes. "
      "`\"k8s-experimental\": {\"strategy\": {\"type\": \"Recreate\"}}` stops the old pod first "
      "(the module is down while the new image is pulled).",
      f"{SOURCE_ARTICLE} — Deployment strategy; microsoft/iotedge-k8s-doc bp/depstrat.md; Kubernetes: "
      "Deployment strategy; Azure/iotedge release/1.1-k8s-preview, edge-agent/…/Kubernetes/edgedeployment/"
      "deployment/KubernetesDeploymentMapper.cs (container ports without hostPort) and pvc/KubernetesPvcMapper.cs "
      "(ReadWriteMany / ReadOnlyMany)",
      before='"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}',
      after='"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}, "strategy": {"type": "Recreate"}}',
      links=(L.FPGA_TO_GPU + "#deployment-strategy", L.K8S_DOC + "bp/depstrat.html", L.K8S_STRATEGY,
             L.DEPLOYMENT_MAPPER, L.PVC_MAPPER),
      example=Example({"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}},
          {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}, "strategy": {"type": "Recreate"}}},
          at="createOptions"))
def check_strategy(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        if _has_strategy(module) or not writable(module, "strategy"):
            continue
        reasons = []
        if gpu_of(module).asks_docker_for_gpu or device_of(ctx, module).gpu_limit > 0:
            reasons.append(_("a GPU"))
        if host_network(module) and (exposed(module) or bound(module)):
            reasons.append(_("ports on the host network"))
        if not reasons:
            continue
        pointer = k8s_at(module, "strategy")
        message = _("The module holds {what}: a rolling update would deadlock; it is recreated instead") \
            .format(what=_(" and ").join(reasons))
        yield Finding(r, module.name, module.k8s.pointer if module.k8s else module.create_options_pointer
                      if module.create_options else module.pointer, message,
                      build=fixed(Edit("add", pointer, {"type": "Recreate"})))


def _has_strategy(module: ModuleView) -> bool:
    if k8s_get(module, "strategy") is not None:
        return True
    options = module.create_options
    for key, value in (options.data.items() if options else ()):
        if key != K8S and _normal(key) == _normal(K8S) and isinstance(value, dict):
            if any(_normal(sub) == "strategy" and value[sub] is not None for sub in value):
                return True
    return False


@rule("PLT002", "entrypoint", "platform", "warning", "choice",
      "Entrypoint may not work on the device",
      "Microsoft's migration article lists `Entrypoint` among the Docker options that do not work on the GPU "
      "device, yet its own GPU-sharing example uses `Entrypoint` and `Cmd`, and the runtime's later code maps "
      "`Entrypoint` to the container's `command`. Which one holds depends on the device's software version, so "
      "the option is kept by default: check the module on the device, and if it does not start as expected, bake "
      "the entry point into the image and remove it here. The runtime reads `Entrypoint` only as a JSON array of "
      "strings; a plain string makes the deployment fail, so a string is wrapped into a one-element array, which "
      "is exactly how Docker read it.",
      f"{SOURCE_ARTICLE} — Other differences; Azure Stack Edge Pro GPU — Deploy an IoT Edge workload using GPU "
      "sharing; Azure/iotedge 1.1-k8s-preview CombinedKubernetesConfigProvider",
      before='"Entrypoint": "/app/start.sh"', after='"Entrypoint": ["/app/start.sh"]',
      severities=("error",),
      links=(L.FPGA_TO_GPU + "#other-differences", L.GPU_SHARING, L.CONFIG_PROVIDER),
      example=Example({"Entrypoint": "/app/start.sh"}, {}, at="createOptions"))
def check_entrypoint(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        options = module.create_options
        for key in options.variants("Entrypoint") if options else []:
            assert options is not None
            if options.data[key] is not None:
                yield _entrypoint(r, module, join(options.pointer, key), options.data[key])


def _entrypoint(r: Rule, module: ModuleView, pointer: str, value: Any) -> Finding:
    if isinstance(value, str):
        param = Param("action", _("Entrypoint"), "enum", "array", options=("array", "keep", "remove"))
        message = _("Entrypoint is a string; the runtime needs a JSON array (and Entrypoint may not work on "
                    "the device)")
        severity = "error"
    else:
        param = Param("action", _("Entrypoint"), "enum", "keep", options=("keep", "remove"))
        message = _("Entrypoint may not work on the GPU device: verify the module starts as expected")
        severity = "warning"

    def build(values: dict[str, Any], pointer: str = pointer, value: Any = value) -> list[Edit]:
        if values["action"] == "remove":
            return [Edit("remove", pointer)]
        if values["action"] == "array":
            return [Edit("replace", pointer, [value])]
        return []

    return Finding(r, module.name, pointer, message, params=(param,), build=build, severity=severity)


def _user_security_context(value: Any) -> dict[str, int] | None:
    """``"1000"``, ``"1000:1000"`` or ``"root"`` as a pod securityContext; None for names the pod cannot map."""
    if not isinstance(value, str):
        return None
    user, _sep, group = value.strip().partition(":")
    ids = {"root": 0}

    def number(text: str) -> int | None:
        number = whole_number(text)
        return number if number is not None else ids.get(text)

    uid = number(user)
    gid = number(group) if group else None
    if uid is None or (group and gid is None):
        return None
    return {"runAsUser": uid, **({"runAsGroup": gid} if gid is not None else {})}


_HINTS = {
    "user": "Use k8s-experimental.securityContext (runAsUser, runAsGroup) instead; it applies to the whole pod.",
    "capadd": "There is no way to add a capability; Privileged gives all of them.",
    "capdrop": "There is no way to drop a capability.",
    "extrahosts": "There are no host aliases: address the other host by IP or DNS name.",
    "healthcheck": "There are no health probes; the module is restarted only when its process exits.",
    "hostname": "The pod's host name is the pod name.",
    "dns": "The cluster DNS (CoreDNS) is used.",
    "dnssearch": "The cluster DNS (CoreDNS) is used.",
    "dnsoptions": "The cluster DNS (CoreDNS) is used.",
    "logconfig": "Kubernetes keeps and rotates container logs itself.",
    "restartpolicy": "Kubernetes restarts the module whenever it stops.",
    "runtime": "The device's default container runtime is used.",
    "memoryswap": "Kubernetes has no swap limit; use k8s-experimental.resources.",
    "cpushares": "Kubernetes has no CPU shares; use k8s-experimental.resources (cpu).",
    "cpusetcpus": "Kubernetes cannot pin CPUs here; use k8s-experimental.resources (cpu).",
    "volumes": "Anonymous volumes are not created; mount a share with HostConfig.Mounts.",
    "ulimits": "Limits of the node apply.",
    "securityopt": "Security options are not set; the pod's defaults apply.",
    "sysctls": "Set namespaced sysctls in k8s-experimental.securityContext.sysctls.",
}


@rule("PLT003", "dropped-create-options", "platform", "info", "choice",
      "Option the runtime drops in silence",
      "On the GPU device the runtime reads only `Env`, `ExposedPorts`, `HostConfig`, `Image`, `Labels`, `Cmd`, "
      "`Entrypoint`, `WorkingDir` and `k8s-experimental`, and inside `HostConfig` only `Binds`, `Mounts`, "
      "`PortBindings`, `Privileged`, `NetworkMode`, `IpcMode` and `PidMode`. Every other option — `CapAdd`, "
      "`LogConfig`, `RestartPolicy`, `ExtraHosts`, `User`, `Healthcheck`, `Hostname`… — is dropped without a "
      "word, so the module runs without it. Check whether the module needs it, and redesign if it does. The "
      "option is kept by default: keeping it costs nothing (it is ignored), keeps the manifest valid for Docker, "
      "and loses nothing the engineer wrote; choose \"remove\" for a manifest that says only what the device "
      "does. A numeric `User` (or `root`) can become `k8s-experimental.securityContext`. Two drops concern "
      "networking: `NetworkingConfig` (Docker networks) — its network aliases are not created, so other modules "
      "reach the module only by its Service name (the sanitized module name) and only at ports it lists, and a "
      "static IP or link is not set; and `HostIp` in a `PortBindings` entry — a port Docker published on one "
      "address only (`127.0.0.1`: this host only) is published on the Service's IP instead, from outside the "
      "device when the Service is a LoadBalancer (NET008 can make it ClusterIP). Options other rules translate "
      "(devices, memory and CPU, IPC, the NetworkingConfig of a host-network module) are reported there, not "
      "here.",
      "Azure/iotedge release/1.1-k8s-preview, edge-agent/…/Kubernetes/CombinedKubernetesConfigProvider.cs and "
      "edgedeployment/deployment/KubernetesDeploymentMapper.cs (fields read), edgedeployment/service/"
      f"PortExtensions.cs (HostPort only); microsoft/iotedge-k8s-doc knownissues.md; {SOURCE_ARTICLE} — Other "
      "differences",
      before='"HostConfig": {"CapAdd": ["NET_ADMIN"]}', after="(kept or removed; not applied on the device)",
      severities=("warning",),
      links=(L.CONFIG_PROVIDER, L.DEPLOYMENT_MAPPER, L.PORT_EXTENSIONS, L.K8S_DOC + "knownissues.html",
             L.FPGA_TO_GPU + "#other-differences"),
      example=Example({"CapAdd": ["NET_ADMIN"]}, {}))
def check_dropped_options(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        options = module.create_options
        if not options:
            continue
        for key in options.data:
            lowered = key.lower()
            if lowered in READ_TOP or lowered in OWNED_TOP or _normal(key) == _normal(K8S) \
                    or (lowered == "networkingconfig" and host_network(module)):
                continue
            if lowered == "networkingconfig":
                yield _networking_config(r, module, join(options.pointer, key), key, options.data[key])
                continue
            yield _dropped(r, module, join(options.pointer, key), key, options.data[key], "")
        yield from _host_ips(r, module)
        host = module.host_config
        for key in (host.data if host else {}):
            assert host is not None
            lowered = key.lower()
            value = host.data[key]
            if lowered in READ_HOST or lowered in OWNED_HOST:
                continue
            if lowered == "runtime" and isinstance(value, str) and value.strip().lower() == "nvidia":
                continue  # RES006
            yield _dropped(r, module, join(host.pointer, key), key, value, "HostConfig.")


def _networking_config(r: Rule, module: ModuleView, pointer: str, key: str, value: Any) -> Finding:
    """NetworkingConfig: what the module's peers lose (aliases, static IPs, links), named."""
    aliases: list[str] = []
    pinned = False
    endpoints = member(value, "EndpointsConfig") if isinstance(value, dict) else None
    for endpoint in endpoints.values() if isinstance(endpoints, dict) else ():
        if not isinstance(endpoint, dict):
            continue
        names = member(endpoint, "Aliases")
        aliases += [a for a in names if isinstance(a, str)] if isinstance(names, list) else []
        pinned = pinned or bool(member(endpoint, "IPAMConfig") or member(endpoint, "Links")
                                or member(endpoint, "IPAddress"))
    if aliases:
        hint = _("Its network aliases ({aliases}) are not created: other modules reach this module only as "
                 "{name}, and only at the ports it lists.").format(aliases=", ".join(dict.fromkeys(aliases)),
                                                                   name=k8s_name(module.name))
    else:
        hint = _("Docker networks are not used: modules reach each other by Service name, the module's name.")
    if pinned:
        hint += " " + _("A static IP address or link it sets is not applied either.")
    return _dropped(r, module, pointer, key, value, "", hint=hint,
                    severity="warning" if aliases or pinned else "info")


_ANY_ADDRESS = ("", "0.0.0.0", "::", "[::]")
_LOOPBACK = re.compile(r"127(\.\d{1,3}){3}|::1|\[::1\]|localhost", re.IGNORECASE)


def _host_ips(r: Rule, module: ModuleView) -> Iterator[Finding]:
    """``HostIp`` of each PortBindings entry: the runtime reads only ``HostPort``."""
    for port, index, key, value in binding_members(module, "HostIp"):
        address = value.strip() if isinstance(value, str) else value
        if address in _ANY_ADDRESS or address is None:
            hint, severity = _("Every address was meant, which is what the Service gives."), "info"
        elif isinstance(address, str) and _LOOPBACK.fullmatch(address):
            hint = _("Docker published {port} on this host only; on the device it is a port of the module's "
                     "Service, reachable from outside when that is a LoadBalancer (NET008: choose "
                     "ClusterIP).").format(port=port.key)
            severity = "warning"
        else:
            hint = _("Docker published {port} on {address} only; on the device it is a port of the module's "
                     "Service, on the Service's IP.").format(port=port.key, address=address)
            severity = "warning"
        yield _dropped(r, module, join(port.pointer, index, key), key, value,
                       f"HostConfig.PortBindings.{port.key}[{index}].", hint=hint, severity=severity)


def _dropped(r: Rule, module: ModuleView, pointer: str, key: str, value: Any, prefix: str, hint: str | None = None,
             severity: str | None = None) -> Finding:
    lowered = key.lower()
    context = _user_security_context(value) if lowered == "user" and not prefix and \
        k8s_get(module, "securityContext") is None and writable(module, "securityContext") else None
    options = ("keep", "remove", "securityContext") if context else ("keep", "remove")
    param = Param("action", _("Option"), "enum", "keep", options=options)

    def build(values: dict[str, Any]) -> list[Edit]:
        if values["action"] == "remove":
            return [Edit("remove", pointer, prune=True)]
        if values["action"] == "securityContext" and context:
            return [Edit("remove", pointer, prune=True),
                    Edit("add", k8s_at(module, "securityContext"), dict(context))]
        return []

    if hint is None:
        hint = _(_HINTS[lowered]) if lowered in _HINTS else ""
    message = _("{field} is dropped on the GPU device. {hint}").format(field=prefix + key, hint=hint).strip()
    empty = value in (None, "", [], {})
    if severity is None:
        severity = "info" if lowered in _BENIGN or empty or \
            (lowered == "runtime" and str(value).lower() == "runc") else "warning"
    return Finding(r, module.name, pointer, message, params=(param,), build=build, severity=severity)


@rule("PLT004", "k8s-experimental-keys", "platform", "warning", "choice",
      "Misspelt or unknown k8s-experimental key",
      "The runtime looks for `k8s-experimental` spelled exactly so: `K8s-Experimental` or `k8s_experimental` is "
      "ignored without a word, and with it every GPU limit, volume and strategy inside. Inside the section it "
      "knows only `volumes`, `resources`, `nodeSelector`, `securityContext`, `serviceOptions` and `strategy` (in "
      "any case); anything else is skipped with a warning in the edgeAgent log. One IoT Edge document spells "
      "`service-options`, which the code does not read: the key is `serviceOptions`. A misspelt key is renamed "
      "(its content moves to the right spelling, merged with what other fixes add there); an unknown key with no "
      "close match is removed. A known key with the wrong type (for example `resources` as a string) makes the "
      "deployment fail and must be fixed by hand.",
      "Azure/iotedge 1.1-k8s-preview KubernetesExperimentalCreatePodParameters and "
      "CombinedKubernetesConfigProvider; kubernetes/doc/create-options.md",
      before='"k8s-experimental": {"service-options": {"type": "ClusterIP"}}',
      after='"k8s-experimental": {"serviceOptions": {"type": "ClusterIP"}}',
      severities=("error",), applicabilities=("manual",),
      links=(L.EXPERIMENTAL, L.CONFIG_PROVIDER, L.CREATE_OPTIONS_DOC),
      example=Example({"k8s-experimental": {"service-options": {"type": "ClusterIP"}}},
          {"k8s-experimental": {"serviceOptions": {"type": "ClusterIP"}}}, at="createOptions"))
def check_k8s_keys(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        options = module.create_options
        if not options:
            continue
        for key, value in options.data.items():
            if key != K8S and _normal(key) == _normal(K8S):
                yield _misspelt_section(r, module, join(options.pointer, key), key, value, K8S in options.data)
        if K8S not in options.data:
            continue
        section = options.data[K8S]
        pointer = join(options.pointer, K8S)
        if not isinstance(section, dict):
            yield Finding(r, module.name, pointer,
                          _("k8s-experimental is not an object: the runtime ignores the whole section"),
                          applicability="manual")
            continue
        for key, value in section.items():
            yield from _sub_key(r, module, pointer, key, value, section)


def _canonical(key: str) -> str | None:
    """The known sub-key ``key`` means: itself (any case), a close spelling, or None."""
    known = {_normal(k): k for k in K8S_KEYS}
    if _normal(key) in known:
        return known[_normal(key)]
    close = _close_matches(_normal(key), list(known), cutoff=0.8)
    return known[close[0]] if close else None


def _moves(target: str, value: Any) -> list[Edit]:
    """Edits that write ``value`` at ``target`` leaf by leaf, so they merge with what other fixes add there."""
    if isinstance(value, dict) and value:
        edits: list[Edit] = []
        for key, item in value.items():
            edits += _moves(join(target, key), item)
        return edits
    return [Edit("add", target, value)]


def _misspelt_section(r: Rule, module: ModuleView, pointer: str, key: str, value: Any, exact_exists: bool) -> Finding:
    if exact_exists:
        return Finding(r, module.name, pointer,
                       _("\"{key}\" is ignored by the runtime, and \"k8s-experimental\" also exists: merge them by "
                         "hand").format(key=key), applicability="manual")
    edits: list[Edit] = []
    if isinstance(value, dict):
        for sub, item in value.items():
            edits += _moves(k8s_pointer(module, _canonical(sub) or sub), item)
        if not value:
            edits.append(Edit("add", k8s_pointer(module), {}))
    else:
        edits.append(Edit("add", k8s_pointer(module), value))
    edits.append(Edit("remove", pointer))
    return Finding(r, module.name, pointer,
                   _("\"{key}\" is ignored by the runtime: it is renamed to \"k8s-experimental\"").format(key=key),
                   build=fixed(*edits))


def _sub_key(r: Rule, module: ModuleView, section_pointer: str, key: str, value: Any,
             section: dict[str, Any]) -> Iterator[Finding]:
    pointer = join(section_pointer, key)
    canonical = _canonical(key)
    if canonical and key.lower() == canonical.lower():
        kind = list if canonical == "volumes" else dict
        if value is not None and not isinstance(value, kind) and not has_placeholder(value):
            yield Finding(r, module.name, pointer,
                          _("k8s-experimental.{key} must be {kind}: the deployment fails to parse it")
                          .format(key=key, kind=_("an array") if kind is list else _("an object")),
                          applicability="manual", severity="error")
        return
    if canonical:
        if find_key(section, canonical) is not None:
            yield Finding(r, module.name, pointer,
                          _("Unknown key \"{key}\" is ignored, and \"{canonical}\" also exists: merge them by hand")
                          .format(key=key, canonical=canonical), applicability="manual")
            return
        edits = _moves(join(section_pointer, canonical), value) + [Edit("remove", pointer)]
        yield Finding(r, module.name, pointer,
                      _("Unknown key \"{key}\" is ignored by the runtime: it is renamed to \"{canonical}\"")
                      .format(key=key, canonical=canonical), build=fixed(*edits))
        return
    yield Finding(r, module.name, pointer,
                  _("Unknown key \"{key}\" is ignored by the runtime: it is removed").format(key=key),
                  build=fixed(Edit("remove", pointer)))


def _replace_with(pointer: str, param: str) -> Callable[[dict[str, Any]], list[Edit]]:
    return lambda values: [Edit("replace", pointer, values[param])]


_RESTART = ("always", "never", "on-failure", "on-unhealthy", "unknown")


@rule("PLT005", "restart-policy", "platform", "warning", "manual",
      "restartPolicy is not applied",
      "On the GPU device a module is a Kubernetes Deployment, whose pods always restart when they stop: "
      "`restartPolicy` is kept in the deployment but not applied. `on-failure` and `on-unhealthy` are not "
      "implemented (a module that exits successfully is restarted too, and health is not checked), and `never` "
      "does not stop a run-once module from being restarted and crash-looping — keep such a module alive (for "
      "example a loop in `Cmd`, as Microsoft's GPU-sharing sample does) or accept the restarts. The runtime "
      "reads the value as an enum whose members are `never`, `on-failure`, `on-unhealthy`, `always` and "
      "`unknown`, matched ignoring case (`Always` is `always`); any other value makes the deployment invalid "
      "and must be fixed.",
      "Azure/iotedge release/1.1-k8s-preview, edge-agent/…/Agent.Core/IModule.cs (RestartPolicy enum, read by "
      "Newtonsoft's StringEnumConverter) and edge-agent/…/Kubernetes/KubernetesModule.cs (restartPolicy not "
      "mapped); IoT Edge limits and restrictions; Azure Stack Edge Pro GPU — Deploy an IoT Edge workload using "
      "GPU sharing",
      before='"restartPolicy": "on-failure"', after='(Kubernetes restarts the module whenever it stops)',
      severities=("error",), applicabilities=("choice",),
      links=(L.I_MODULE, L.KUBE_MODULE, L.LIMITS, L.GPU_SHARING),
      example=Example({"restartPolicy": "on-failure"}, {"restartPolicy": "always"}, at="module"))
def check_restart_policy(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        value = module.data.get("restartPolicy")
        if not isinstance(value, str) or has_placeholder(value) or value.lower() == "always":
            continue
        pointer = join(module.pointer, "restartPolicy")
        if value.lower() in _RESTART:
            yield Finding(r, module.name, pointer,
                          _("restartPolicy \"{value}\" is not applied: Kubernetes restarts the module whenever it "
                            "stops").format(value=value))
            continue
        choices = _RESTART[:4]  # "unknown" is valid, but never the value to choose
        close = _close_matches(value.lower(), list(choices), cutoff=0.6)
        param = Param("policy", _("Restart policy"), "enum", close[0] if close else "always", options=choices)
        yield Finding(r, module.name, pointer,
                      _("restartPolicy \"{value}\" is not a valid value: the deployment is rejected")
                      .format(value=value), params=(param,), severity="error", applicability="choice",
                      build=_replace_with(pointer, "policy"))


def _document_pointer(ctx: Context) -> str:
    if ctx.doc.agent is not None:
        return ctx.doc.agent
    return ctx.modules[0].pointer if ctx.modules else ""


@rule("PLT006", "backoff-while-pulling", "platform", "info", "manual",
      "\"backoff\" while large images download",
      "While Kubernetes pulls a module's image, its pod is in `ContainerCreating` and IoT Hub shows the module as "
      "`backoff`. With large images (GPU and AI images are often several GB) over a slow link this can last many "
      "minutes: it is not a failure. Check the pod with the device's Kubernetes dashboard or `iotedge list` "
      "before changing the deployment.",
      f"{SOURCE_ARTICLE} — Other differences",
      before="(module shows backoff after the deployment)", after="(wait for the image pull to finish)",
      links=(L.FPGA_TO_GPU + "#other-differences",),
      example=Example({}, {"modulesContent": {"$edgeAgent": None}}, at="manifest"))
def check_backoff(r: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.modules or ctx.doc.agent is not None:
        yield Finding(r, None, _document_pointer(ctx),
                      _("Modules show \"backoff\" in IoT Hub while their images download; large images take a "
                        "while"))


@rule("PLT007", "linux-vm-alternative", "platform", "info", "manual",
      "Alternative: current IoT Edge in a Linux VM",
      "The IoT Edge runtime that Azure Stack Edge Pro GPU manages on Kubernetes is an older preview build: it lacks "
      "the newest IoT Edge features and fixes, and translates only part of Docker's options. Microsoft strongly "
      "recommends running the current IoT Edge in a Linux virtual machine on the device instead. There the "
      "modules keep Docker semantics, so the FPGA manifest needs far fewer changes (paths, devices and the GPU "
      "passed to the VM). This tool targets the managed Kubernetes runtime.",
      f"{SOURCE_ARTICLE} (note, October 2021 version); Azure Stack Edge Pro GPU — Deploy IoT Edge on an Ubuntu VM",
      before="(managed IoT Edge on Kubernetes)", after="(or IoT Edge 1.4+ in an Ubuntu VM on the device)",
      links=(L.FPGA_TO_GPU,),
      example=Example({}, {"modulesContent": {"$edgeAgent": None}}, at="manifest"))
def check_linux_vm(r: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.modules or ctx.doc.agent is not None:
        yield Finding(r, None, _document_pointer(ctx),
                      _("Microsoft recommends current IoT Edge in a Linux VM on the device as an alternative to "
                        "the managed Kubernetes runtime"))


@rule("PLT008", "cmd-string", "platform", "error", "auto",
      "Cmd given as a plain string",
      "Docker accepts `Cmd` as a plain string and reads it as a one-element list. The GPU device's runtime reads "
      "`Cmd` only as a JSON array of strings (it becomes the container's `args`); a plain string makes building "
      "the deployment fail. The string is wrapped into a one-element array, which is exactly how Docker read "
      "it. If the string was meant as a shell command line, check that the image's entry point runs it the same "
      "way (for example `[\"/bin/sh\", \"-c\", \"…\"]`).",
      "Azure/iotedge 1.1-k8s-preview CombinedKubernetesConfigProvider (GetPropertiesStringArray); Docker Engine "
      "API ContainerCreate (Cmd: string or array)",
      before='"Cmd": "--port 8080"', after='"Cmd": ["--port 8080"]',
      links=(L.CONFIG_PROVIDER, L.CREATE_OPTIONS),
      example=Example({"Cmd": "--port 8080"}, {"Cmd": ["--port 8080"]}, at="createOptions"))
def check_cmd_string(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        options = module.create_options
        for key in options.variants("Cmd") if options else []:
            assert options is not None
            value = options.data[key]
            if isinstance(value, str):
                pointer = join(options.pointer, key)

                def build(_values: dict[str, Any], pointer: str = pointer, value: str = value) -> list[Edit]:
                    return [Edit("replace", pointer, [value])]

                yield Finding(r, module.name, pointer,
                              _("Cmd is a string; the runtime needs a JSON array, so it becomes [{value}]")
                              .format(value=json.dumps(value)), build=build)


@rule("PLT009", "settings-not-applied", "platform", "warning", "manual",
      "Module setting this runtime does not apply",
      "Two module settings of deployment schema 1.1 are read by the GPU device's runtime but never applied. "
      "`imagePullPolicy: never` asks the Docker agent to use an image already on the device; the Kubernetes "
      "runtime sets no pull policy on the pod, so Kubernetes pulls the image when the node does not have it "
      "(and on every start for `:latest` or an untagged image, which the runtime tags `:latest`): a pre-loaded "
      "image must be in a registry the device can reach, with its credentials in the deployment. "
      "`startupOrder` asks the agent to start modules one after another; the Kubernetes runtime resets it to "
      "the default, and every module's pod starts at once: a module that needs another one running first must "
      "wait and retry. The settings are kept (they are valid, and the Docker agent reads them).",
      "Azure/iotedge release/1.1-k8s-preview, edge-agent/…/Kubernetes/KubernetesModule.cs (StartupOrder = "
      "DefaultStartupOrder) and edgedeployment/deployment/KubernetesDeploymentMapper.cs (no imagePullPolicy on "
      "the container); Kubernetes: Images — default image pull policy",
      before='"imagePullPolicy": "never", "startupOrder": 2',
      after="(kept; the image must be pullable, and the module must tolerate any start order)",
      links=(L.KUBE_MODULE, L.DEPLOYMENT_MAPPER,
             "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"),
      example=Example({"imagePullPolicy": "never", "startupOrder": 2}, {}, at="module"))
def check_settings_not_applied(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        key = find_key(module.data, "imagePullPolicy")
        value = module.data[key] if key is not None else None
        if key is not None and isinstance(value, str) and value.lower() == "never":
            yield Finding(r, module.name, join(module.pointer, key),
                          _("imagePullPolicy \"{value}\" is not applied on the GPU device: Kubernetes pulls {image} "
                            "when the node does not have it; push it to a registry the device can reach")
                          .format(value=value, image=module.image or _("the image")))
        key = find_key(module.data, "startupOrder")
        value = module.data[key] if key is not None else None
        if key is not None and value is not None and not has_placeholder(value):
            yield Finding(r, module.name, join(module.pointer, key),
                          _("startupOrder {value} is ignored on the GPU device: every module starts at once, so "
                            "this module must wait for (retry) what it needs").format(value=json.dumps(value)))


# Platform words of image references and tags that name an OS or CPU other than the device's Linux amd64. Only
# whole words of the repository path and tag are read (not the registry host): "arm" alone is too common to count.
_FOREIGN = {"windows": "Windows", "nanoserver": "Windows", "servercore": "Windows", "windowsservercore": "Windows",
            "ltsc2016": "Windows", "ltsc2019": "Windows", "ltsc2022": "Windows",
            "arm32": "ARM", "arm32v5": "ARM", "arm32v6": "ARM", "arm32v7": "ARM", "armhf": "ARM", "armel": "ARM",
            "armv6": "ARM", "armv7": "ARM", "armv7l": "ARM", "arm64": "ARM", "arm64v8": "ARM", "aarch64": "ARM"}
_WORDS = re.compile(r"[a-z0-9]+")
# iotedgedev's ${MODULES.<module>.<platform>} names the platform it builds for, e.g. "arm32v7" or "amd64.debug".
_IOTEDGEDEV = re.compile(r"\$\{MODULES\.[^.}]+\.([^}]+)\}", re.IGNORECASE)


def foreign_platform(image: str) -> tuple[str, str] | None:
    """(platform, word) when the image reference names Windows or an ARM CPU, else None."""
    built = _IOTEDGEDEV.fullmatch(image.strip())
    if built:
        platform = built.group(1).lower()
        return next(((_FOREIGN[w], w) for w in sorted(_FOREIGN, key=len, reverse=True) if w in platform), None)
    if has_placeholder(image):
        return None
    reference = image.strip().lower().split("@", 1)[0]
    parts = reference.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]  # the registry host is a name, not a platform
    return next(((_FOREIGN[w], w) for w in _WORDS.findall("/".join(parts)) if w in _FOREIGN), None)


@rule("PLT010", "image-platform", "platform", "error", "manual",
      "Image built for Windows or ARM",
      "The GPU device's Kubernetes nodes run Linux on amd64 (x86-64) CPUs. An image built for Windows "
      "(`windows`, `nanoserver`, `servercore`, `ltsc2019` in its name or tag) or for an ARM CPU (`arm32v7`, "
      "`arm64v8`, `aarch64`, `armhf`…, as the IoT Edge tooling and Docker Hub's official images name them) "
      "cannot run there: the pull finds no matching image or the container fails with an exec format error, "
      "and the module never starts. Use the same software's linux/amd64 image (often the same tag with "
      "`amd64` in place of the ARM word); multi-platform tags without a platform word are fine. The check "
      "reads only whole words of the image's path and tag, and iotedgedev's `${MODULES.<module>.<platform>}`.",
      "Microsoft Learn: Azure Stack Edge Pro GPU technical specifications (Intel Xeon CPUs) and Kubernetes "
      "on Azure Stack Edge Pro GPU (Linux nodes); Azure IoT Edge dev tooling platforms (amd64, arm32v7, "
      "arm64v8, windows-amd64)",
      before='"image": "contoso/camera:1.0-arm32v7"', after='"image": "contoso/camera:1.0-amd64"',
      links=(L.K8S_NETWORKING,),
      example=Example({"settings": {"image": "contoso/camera:1.0-arm32v7"}},
          {"settings": {"image": "contoso/camera:1.0-amd64"}}, at="module"))
def check_image_platform(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        found = foreign_platform(module.image)
        if found is None:
            continue
        platform, word = found
        message = _("Image {image} is built for Windows (\"{word}\"): the device's nodes run Linux on amd64, so the "
                    "module cannot start; use its linux/amd64 image") if platform == "Windows" else \
            _("Image {image} is built for an ARM CPU (\"{word}\"): the device's nodes are amd64, so the module "
              "cannot start; use its linux/amd64 image")
        yield Finding(r, module.name, join(module.pointer, "settings", "image"),
                      message.format(image=module.image, word=word))
