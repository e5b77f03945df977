"""Platform: how Kubernetes runs, updates and restarts a module differently from Docker."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from ..findings import Edit, Finding, Param, Rule
from ..i18n import _
from ..jsonc import whole_number
from ..model import ModuleView
from ..pointers import join
from . import Context, rule
from ._common import binds, fixed, has_placeholder, k8s_at, k8s_get, k8s_pointer, mounts
from .networking import unbound_exposed
from .resources import SOURCE_ARTICLE, gpu_of, writable

K8S = "k8s-experimental"
K8S_KEYS = ("volumes", "resources", "nodeSelector", "securityContext", "serviceOptions", "strategy")

# createOptions fields the Kubernetes runtime reads (reference §4.6.3), and those other rules own.
READ_TOP = {"env", "exposedports", "hostconfig", "image", "labels", "cmd", "entrypoint", "workingdir"}
READ_HOST = {"binds", "mounts", "portbindings", "privileged", "networkmode", "ipcmode", "pidmode"}
OWNED_TOP = {"networkingconfig"}                                   # networking rules
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
      "one is stopped. A module that holds something only one pod can have — a GPU, a port binding (each gets its "
      "own external IP and port) or a volume — deadlocks: the new pod waits Pending for what the old pod still "
      "holds, and the update never finishes. This applies to edgeHub too, whose port bindings 443, 5671 and 8883 "
      "are exclusive. An exposed port counts too, since NET001 gives it a port binding. "
      "`\"k8s-experimental\": {\"strategy\": {\"type\": \"Recreate\"}}` stops the old pod first "
      "(the module is down while the new image is pulled).",
      f"{SOURCE_ARTICLE} — Deployment strategy; microsoft/iotedge-k8s-doc bp/depstrat.md; Kubernetes: "
      "Deployment strategy",
      before='"HostConfig": {"PortBindings": {"50051/tcp": [{"HostPort": "50051"}]}}',
      after='"k8s-experimental": {"strategy": {"type": "Recreate"}}')
def check_strategy(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        if _has_strategy(module) or not writable(module, "strategy"):
            continue
        reasons = []
        if gpu_of(module).holds_gpu:
            reasons.append(_("a GPU"))
        host = module.host_config
        if (host and isinstance(host.get("PortBindings"), dict) and host.get("PortBindings")) \
                or unbound_exposed(module):  # NET001 gives those a port binding
            reasons.append(_("port bindings"))
        if binds(module) or mounts(module):
            reasons.append(_("volumes"))
        if not reasons:
            continue
        pointer = k8s_at(module, "strategy")
        message = _("The module holds {what}: a rolling update would deadlock; it is recreated instead") \
            .format(what=", ".join(reasons))
        if module.name == "edgeHub":
            message = _("edgeHub holds its ports 443, 5671 and 8883: a rolling update would deadlock; it is "
                        "recreated instead")
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
      before='"Entrypoint": "/app/start.sh"', after='"Entrypoint": ["/app/start.sh"]')
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


@rule("PLT003", "dropped-create-options", "platform", "warning", "choice",
      "Option the runtime drops in silence",
      "On the GPU device the runtime reads only `Env`, `ExposedPorts`, `HostConfig`, `Image`, `Labels`, `Cmd`, "
      "`Entrypoint`, `WorkingDir` and `k8s-experimental`, and inside `HostConfig` only `Binds`, `Mounts`, "
      "`PortBindings`, `Privileged`, `NetworkMode`, `IpcMode` and `PidMode`. Every other option — `CapAdd`, "
      "`LogConfig`, `RestartPolicy`, `ExtraHosts`, `User`, `Healthcheck`, `Hostname`… — is dropped without a "
      "word, so the module runs without it. Check whether the module needs it, and redesign if it does. The "
      "option is kept by default: keeping it costs nothing (it is ignored), keeps the manifest valid for Docker, "
      "and loses nothing the engineer wrote; choose \"remove\" for a manifest that says only what the device "
      "does. A numeric `User` (or `root`) can become `k8s-experimental.securityContext`. Options other rules "
      "translate (devices, memory and CPU, IPC, networking) are reported there, not here.",
      "Azure/iotedge 1.1-k8s-preview CombinedKubernetesConfigProvider and KubernetesDeploymentMapper (fields "
      f"read); microsoft/iotedge-k8s-doc knownissues.md; {SOURCE_ARTICLE} — Other differences",
      before='"HostConfig": {"CapAdd": ["NET_ADMIN"]}', after="(kept or removed; not applied on the device)")
def check_dropped_options(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        options = module.create_options
        if not options:
            continue
        for key in options.data:
            lowered = key.lower()
            if lowered in READ_TOP or lowered in OWNED_TOP or _normal(key) == _normal(K8S):
                continue
            yield _dropped(r, module, join(options.pointer, key), key, options.data[key], "")
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


def _dropped(r: Rule, module: ModuleView, pointer: str, key: str, value: Any, prefix: str) -> Finding:
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

    hint = _(_HINTS[lowered]) if lowered in _HINTS else ""
    message = _("{field} is dropped on the GPU device. {hint}").format(field=prefix + key, hint=hint).strip()
    empty = value in (None, "", [], {})
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
      after='"k8s-experimental": {"serviceOptions": {"type": "ClusterIP"}}')
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
        if any(k.lower() == canonical.lower() for k in section):
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


_RESTART = ("always", "never", "on-failure", "on-unhealthy")


@rule("PLT005", "restart-policy", "platform", "warning", "manual",
      "restartPolicy is not applied",
      "On the GPU device a module is a Kubernetes Deployment, whose pods always restart when they stop: "
      "`restartPolicy` is kept in the deployment but not applied. `on-failure` and `on-unhealthy` are not "
      "implemented (a module that exits successfully is restarted too, and health is not checked), and `never` "
      "does not stop a run-once module from being restarted and crash-looping — keep such a module alive (for "
      "example a loop in `Cmd`, as Microsoft's GPU-sharing sample does) or accept the restarts. A value that is "
      "none of `always`, `never`, `on-failure`, `on-unhealthy` makes the deployment invalid and must be fixed.",
      "Azure/iotedge 1.1-k8s-preview KubernetesModule (restartPolicy not mapped); IoT Edge limits and "
      "restrictions; Azure Stack Edge Pro GPU — Deploy an IoT Edge workload using GPU sharing",
      before='"restartPolicy": "on-failure"', after='(Kubernetes restarts the module whenever it stops)')
def check_restart_policy(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        value = module.data.get("restartPolicy")
        if not isinstance(value, str) or has_placeholder(value) or value == "always":
            continue
        pointer = join(module.pointer, "restartPolicy")
        if value in _RESTART:
            yield Finding(r, module.name, pointer,
                          _("restartPolicy \"{value}\" is not applied: Kubernetes restarts the module whenever it "
                            "stops").format(value=value))
            continue
        close = _close_matches(value.lower(), list(_RESTART), cutoff=0.6)
        param = Param("policy", _("Restart policy"), "enum", close[0] if close else "always", options=_RESTART)
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
      before="(module shows backoff after the deployment)", after="(wait for the image pull to finish)")
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
      before="(managed IoT Edge on Kubernetes)", after="(or IoT Edge 1.4+ in an Ubuntu VM on the device)")
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
      before='"Cmd": "--port 8080"', after='"Cmd": ["--port 8080"]')
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
