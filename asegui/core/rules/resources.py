"""Resources: FPGA acceleration becomes an NVIDIA GPU limit; CPU, memory and IPC settings move to Kubernetes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from msgspec import Struct

from ..findings import Edit, Example, Finding, Param, Rule
from ..i18n import _
from ..jsonc import whole_number
from ..model import ModuleView, Section, member
from ..placeholders import has_placeholder
from ..pointers import join
from . import _links as L
from ._common import binds, env_remove_edits, fixed, k8s_at, k8s_get, quantity_param
from ._facts import CATAPULT, GPU, Gpu, etc_hosts_handled, gpu_of, is_fpga_module, resource_section, writable
from ._links import SOURCE_ARTICLE
from ._registry import Context, rule

_ACCEL_IMAGE = re.compile(r"brainwave|fpga|catapult|accel[-_]?models?|azureml[-_]?accel", re.IGNORECASE)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return whole_number(value.strip()) if isinstance(value, str) else None


def gpu_count_param(default: int | None, gpus: int) -> Param:
    """The GPU count of a limit: at most the device's GPUs; ``None`` (no valid default) when none is left for it."""
    return Param("count", _("Number of GPUs"), "int", None if default is None else max(1, min(gpus, default)),
                 minimum=1, maximum=gpus)


MEMO_GPUS = "resources.gpus"
_OWNER_ORDER = ("RES001", "RES002", "RES006")  # the FPGA resource and devices show a model that needs it most


class GpuBudget(Struct, frozen=True, dict=True):
    """The device's GPUs shared out among the default GPU limits, so that defaults never ask for more than it has.

    A second pod asking for a GPU the device does not have stays Pending; the planner gives GPUs to modules that
    already have a limit, then by RES001, RES002, RES006 in module order. ``counts[module] == 0``: none is left.
    """

    gpus: int
    counts: dict[str, int]
    holders: list[str]   # modules that hold a GPU: a limit in the manifest, or a default one

    def message(self) -> str:
        return _("The device has {gpus} GPU(s), taken by {holders}: no GPU limit is added by default, since a pod "
                 "asking for a GPU the device does not have stays Pending. Choose which module gets it: reject the "
                 "GPU fix of another module (or remove its limit) and accept this one, or set the device's GPUs to "
                 "2 if it has two").format(gpus=self.gpus, holders=", ".join(self.holders) or "-")


def gpu_budget(ctx: Context) -> GpuBudget:
    return ctx.memo(MEMO_GPUS, lambda: _share_gpus(ctx))


def _held(module: ModuleView) -> int:
    """GPUs the module's k8s-experimental already asks for (a limit, else a request; a placeholder counts 1)."""
    for kind in ("limits", "requests"):
        section = resource_section(module, kind)
        if section and GPU in section.data:
            count = _int(section.data[GPU])
            return count if count is not None and count >= 0 else 1
    return 0


def _wanted(module: ModuleView, gpu: Gpu, owner: str) -> int:
    if owner == "RES001":
        written = (gpu.catapult_limits or gpu.catapult_requests).data[CATAPULT]  # type: ignore[union-attr]
        return _int(written) or 1
    if owner == "RES006":
        for _pointer, entry in gpu.gpu_requests:
            asked = _int(member(entry, "Count")) if isinstance(entry, dict) else None
            if asked and asked > 0:
                return asked
    return 1


def _share_gpus(ctx: Context) -> GpuBudget:
    gpus = ctx.settings.gpus
    used, holders = 0, []
    for module in ctx.modules:
        held = _held(module)
        if held and gpu_of(module).has_gpu_request:
            used += held
            holders.append(module.name)
    claims = sorted(((_OWNER_ORDER.index(owner), index, module, owner) for index, module in enumerate(ctx.modules)
                     for owner in (gpu_of(module).owner,) if owner), key=lambda claim: claim[:2])
    counts: dict[str, int] = {}
    for _rank, _index, module, owner in claims:
        given = max(0, min(_wanted(module, gpu_of(module), owner), gpus - used))
        counts[module.name] = given
        used += given
        if given:
            holders.append(module.name)
    return GpuBudget(gpus, counts, holders)


def _set_image(pointer: str) -> Callable[[dict[str, Any]], list[Edit]]:
    return lambda values: [Edit("add", pointer, str(values["image"]).strip())]


def _gpu_limit_edit(module: ModuleView, count: int) -> Edit:
    return Edit("add", k8s_at(module, "resources", "limits", key=GPU), count)


@rule("RES001", "fpga-resource-to-gpu", "resources", "error", "choice",
      "FPGA resource becomes an NVIDIA GPU limit",
      "The module asks Kubernetes for the FPGA resource `microsoft.com/fpga_catapult`, which does not exist on "
      "the GPU device: the pod would stay Pending. Ask for `nvidia.com/gpu` in "
      "`k8s-experimental.resources.limits` instead. The device has one or two NVIDIA T4 GPUs, so the count is 1 "
      "or 2 (the FPGA count by default, capped at the GPUs the device has that no other module takes: defaults never "
      "ask for more GPUs than the device has, since a pod asking for a missing GPU stays Pending; when none is left "
      "the count has no default and you choose which module gets it); fractions are not possible. The FPGA "
      "resource is also "
      "removed from `requests`: the article's GPU example keeps only `limits`, and Kubernetes uses the limits as "
      "the requests when none are given (a GPU request must equal its limit anyway).",
      f"{SOURCE_ARTICLE} — Compute acceleration usage; Azure Stack Edge Pro GPU — GPU sharing; Azure/iotedge "
      "release/1.1-k8s-preview, edge-agent/.../Kubernetes/edgedeployment/deployment/KubernetesDeploymentMapper.cs "
      "(resources from k8s-experimental, one pod per module)",
      before='"k8s-experimental": {"resources": {"limits": {"microsoft.com/fpga_catapult": 2}, '
             '"requests": {"microsoft.com/fpga_catapult": 2}}}',
      after='"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 2}}}',
      applicabilities=("auto", "manual"),
      links=(L.FPGA_TO_GPU + "#compute-acceleration-usage", L.GPU_SHARING, L.DEPLOYMENT_MAPPER),
      example=Example({"k8s-experimental": {"resources": {"limits": {"microsoft.com/fpga_catapult": 2},
          "requests": {"microsoft.com/fpga_catapult": 2}}}},
          {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 2}}}}, at="createOptions"))
def check_fpga_resource(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        gpu = gpu_of(module)
        if not (gpu.catapult_limits or gpu.catapult_requests):
            continue
        limits, requests = gpu.catapult_limits, gpu.catapult_requests
        written = (limits or requests).data[CATAPULT]  # type: ignore[union-attr]
        pointer = join((limits or requests).pointer, CATAPULT)  # type: ignore[union-attr]
        needs_count = not gpu.has_gpu_limit
        if needs_count and not limits and not writable(module, "resources", "limits"):
            yield Finding(r, module.name, pointer, _("FPGA resource {resource} must become an nvidia.com/gpu limit, "
                                                     "but resources.limits is not an object: fix it by hand")
                          .format(resource=CATAPULT), applicability="manual")
            continue
        budget = gpu_budget(ctx)
        left = budget.counts.get(module.name, 1) if needs_count else 1
        params = (gpu_count_param(left or None, budget.gpus),) if needs_count else ()

        def build(values: dict[str, Any], module: ModuleView = module, limits: Section | None = limits,
                  requests: Section | None = requests, needs_count: bool = needs_count) -> list[Edit]:
            edits: list[Edit] = []
            if limits:
                old = join(limits.pointer, CATAPULT)
                if needs_count:
                    edits += [Edit("replace", old, values["count"]), Edit("rename", old, GPU)]
                else:
                    edits.append(Edit("remove", old, prune=True))
            elif needs_count:
                edits.append(_gpu_limit_edit(module, values["count"]))
            if requests:
                edits.append(Edit("remove", join(requests.pointer, CATAPULT), prune=True))
            return edits

        message = _("FPGA resource {resource} ({count}) becomes an nvidia.com/gpu limit") if needs_count else \
            _("FPGA resource {resource} ({count}) is removed; the module already has an nvidia.com/gpu limit")
        message = message.format(resource=CATAPULT, count=written)
        if not left:
            message = _("{message}, but no GPU is left for it. {why}").format(message=message, why=budget.message())
        yield Finding(r, module.name, pointer, message,
                      params=params, build=build, applicability=None if needs_count else "auto")


@rule("RES002", "catapult-devices-to-gpu", "resources", "error", "choice",
      "FPGA devices become an NVIDIA GPU limit",
      "The module maps the FPGA devices `/dev/catapult*` into the container. They do not exist on the GPU device, "
      "and Kubernetes does not translate `HostConfig.Devices` at all. The device entries are removed and the "
      "module asks for `nvidia.com/gpu` in `k8s-experimental.resources.limits` instead (1 by default, which every "
      "GPU device has; 2 only if the device has two T4 GPUs and the model needs both). When the device's GPUs are "
      "all taken by other modules, the count has no default: a pod asking for a missing GPU stays Pending, so you "
      "choose which module gets it. When the module also asks "
      "for the FPGA resource, RES001 sets the GPU limit and this rule only removes the devices.",
      f"{SOURCE_ARTICLE} — Compute acceleration usage; microsoft/iotedge-k8s-doc bp/resources.md (do not mount "
      "device paths; use device plugins)",
      before='"Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"}]',
      after='"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}',
      applicabilities=("auto", "manual"),
      links=(L.FPGA_TO_GPU + "#compute-acceleration-usage", L.K8S_DOC + "bp/resources.html"),
      example=Example({"Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"}]}, {}))
def check_catapult_devices(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        gpu = gpu_of(module)
        if not gpu.catapult_devices:
            continue
        sets_limit = gpu.owner == "RES002"
        devices = list(gpu.catapult_devices)
        if sets_limit and not writable(module, "resources", "limits"):
            yield Finding(r, module.name, devices[0], _("FPGA devices /dev/catapult* must become an nvidia.com/gpu "
                                                        "limit, but k8s-experimental is not an object: fix it by "
                                                        "hand"), applicability="manual")
            continue

        def build(values: dict[str, Any], module: ModuleView = module, devices: list[str] = devices,
                  sets_limit: bool = sets_limit) -> list[Edit]:
            edits = [Edit("remove", pointer, prune=True) for pointer in devices]
            if sets_limit:
                edits.append(_gpu_limit_edit(module, values["count"]))
            return edits

        message = _("{count} FPGA device(s) /dev/catapult* are removed; the module asks for an nvidia.com/gpu "
                    "limit instead") if sets_limit else \
            _("{count} FPGA device(s) /dev/catapult* are removed (the GPU limit comes from the module's resources)")
        message = message.format(count=len(devices))
        budget = gpu_budget(ctx)
        left = budget.counts.get(module.name, 1) if sets_limit else 1
        if not left:
            message = _("{message}, but no GPU is left for it. {why}").format(message=message, why=budget.message())
        yield Finding(r, module.name, devices[0], message,
                      params=(gpu_count_param(left or None, budget.gpus),) if sets_limit else (), build=build,
                      applicability=None if sets_limit else "auto")


@rule("RES003", "wireserver-env", "resources", "warning", "auto",
      "WIRESERVER_ADDRESS is not needed",
      "`WIRESERVER_ADDRESS` told an FPGA model host where the FPGA wireserver was. The GPU device has no "
      "wireserver, so the variable is removed.",
      f"{SOURCE_ARTICLE} — Compute acceleration usage (\"the wireserver is not needed\")",
      before='"Env": ["WIRESERVER_ADDRESS=10.139.218.1"]', after="(no WIRESERVER_ADDRESS)",
      links=(L.FPGA_TO_GPU + "#compute-acceleration-usage",),
      example=Example({"Env": ["WIRESERVER_ADDRESS=10.139.218.1"]}, {}, at="createOptions"))
def check_wireserver(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        names = {name for name in module.env_names() if name.upper() == "WIRESERVER_ADDRESS"}
        for name, edit in env_remove_edits(module, names):
            yield Finding(r, module.name, edit.path,
                          _("Environment variable {name} is FPGA-only and is removed").format(name=name),
                          build=fixed(edit))


@rule("RES004", "fpga-etc-hosts-bind", "resources", "error", "auto",
      "FPGA /etc/hosts bind is removed",
      "FPGA model hosts bind the host's `/etc/hosts` so that the container can reach the FPGA wireserver. The GPU "
      "device has no wireserver, and a bind of a file cannot be mounted there anyway (only directories can), so "
      "the bind is removed.",
      f"{SOURCE_ARTICLE} — Compute acceleration usage and Storage; Azure-Samples/aml-hardware-accelerated-models "
      "deploy-to-databox-edge",
      before='"Binds": ["/etc/hosts:/etc/hosts"]', after="(no /etc/hosts bind)",
      links=(L.FPGA_TO_GPU + "#compute-acceleration-usage",),
      example=Example({"Binds": ["/etc/hosts:/etc/hosts"], "Devices": [{"PathOnHost": "/dev/catapult0",
          "PathInContainer": "/dev/catapult0"}]}, {"Devices": [{"PathOnHost": "/dev/catapult0",
          "PathInContainer": "/dev/catapult0"}]}))
def check_etc_hosts(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for bind in binds(module):
            if etc_hosts_handled(module, bind):
                yield Finding(r, module.name, bind.pointer,
                              _("Bind of /etc/hosts (FPGA wireserver access) is removed"),
                              build=fixed(Edit("remove", bind.pointer, prune=True)))


def is_accelerated_model(module: ModuleView) -> bool:
    return is_fpga_module(module) or bool(_ACCEL_IMAGE.search(module.image))


@rule("RES005", "fpga-model-image", "resources", "error", "choice",
      "FPGA model image needs a GPU build",
      "This module runs a model compiled for the FPGA (Azure Machine Learning hardware-accelerated models, "
      "Project Brainwave). That image cannot use a GPU: build or pick a GPU (CUDA, ONNX Runtime, TensorRT…) "
      "version of the model and give its image here. Models that ran on the CPU work as they are. Clients that "
      "called the FPGA host on gRPC port 50051 may need changes if the new model serves another API.",
      f"{SOURCE_ARTICLE}; Migrate workloads from an Azure Stack Edge Pro FPGA to an Azure Stack Edge Pro GPU "
      "(\"ML models that used the FPGA must be changed\")",
      before='"image": "intelligentedge/void-detection-brainwave:1.0.0"',
      after='"image": "<registry>/void-detection-gpu:1.0.0"',
      links=(L.FPGA_TO_GPU,),
      example=Example({"settings": {"image": "intelligentedge/void-detection-brainwave:1.0.0"}},
          {"settings": {"image": "contoso.azurecr.io/void-detection-gpu:1.0.0"}}, at="module"))
def check_model_image(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.user_modules:
        if not is_accelerated_model(module):
            continue

        def check(value: Any) -> str | None:
            return _("An image name has no spaces") if re.search(r"\s", str(value).strip()) else None

        param = Param("image", _("GPU image of the model"), "text", None, check=check)
        settings_pointer = join(module.pointer, "settings")
        yield Finding(r, module.name, join(settings_pointer, "image"),
                      _("Image {image} runs an FPGA-compiled model; give the image of its GPU build")
                      .format(image=module.image or _("(none)")),
                      params=(param,),
                      build=_set_image(join(settings_pointer, "image")),
                      todo=_("Build and push a GPU version of the model image used by {module}")
                      .format(module=module.name))


@rule("RES006", "devices-not-translated", "resources", "warning", "choice",
      "Devices and GPU runtime settings are not translated",
      "Kubernetes on the GPU device ignores `HostConfig.Devices`, `DeviceRequests` and `Runtime`. A device such as "
      "a USB camera (`/dev/video0`) or an Intel GPU (`/dev/dri`) is not passed to the module: there is no device "
      "plugin for it, and the Kubernetes node is a virtual machine that does not see the device's USB ports. Use a "
      "network (RTSP) camera or redesign the module. The NVIDIA GPU is reached with `nvidia.com/gpu` in "
      "`k8s-experimental.resources.limits` instead of `Runtime: nvidia` or a GPU `DeviceRequests` entry: those are "
      "removed and the limit is added (1 GPU by default), unless the module already asks for `nvidia.com/gpu` or "
      "shares a GPU through `NVIDIA_VISIBLE_DEVICES`. Each limit takes a whole GPU and the device has one or two, "
      "so reject the fix for a module that does not use the GPU. Defaults never ask for more GPUs than the device "
      "has (its GPU count is a device setting): a pod asking for a missing GPU stays Pending, so once they are "
      "taken (by limits in the manifest, then by the FPGA modules of RES001/RES002, then in module order) the fix "
      "is off by default and you choose which module gets the GPU. This is a warning, not an error: Microsoft's own "
      "Azure Stack Edge spatial-analysis manifest keeps `Runtime: nvidia` without a limit, so the device's "
      "runtime may still show the GPU to such a module; the limit is the documented, safer way.",
      "microsoft/iotedge-k8s-doc bp/resources.md; Azure/iotedge 1.1-k8s-preview KubernetesDeploymentMapper "
      f"(fields read); {SOURCE_ARTICLE} — Compute acceleration usage; Azure Stack Edge Pro GPU — Configure GPU "
      "modules",
      before='"HostConfig": {"Runtime": "nvidia"}',
      after='"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}',
      severities=("error", "info"), applicabilities=("manual",),
      links=(L.K8S_DOC + "bp/resources.html", L.DEPLOYMENT_MAPPER, L.FPGA_TO_GPU + "#compute-acceleration-usage",
             L.GPU_MODULES),
      example=Example({"HostConfig": {"Runtime": "nvidia"}},
          {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}, at="createOptions"))
def check_devices(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        gpu = gpu_of(module)
        for pointer, path in gpu.other_devices:
            yield Finding(r, module.name, pointer,
                          _("Device {path} is not passed to the module on the GPU device (Devices are not "
                            "translated)").format(path=path or "?"), severity="error", applicability="manual")
        for pointer in gpu.other_requests:
            yield Finding(r, module.name, pointer,
                          _("DeviceRequests entry that is not a GPU is not translated on the GPU device"),
                          severity="error", applicability="manual")
        if not (gpu.runtime or gpu.gpu_requests):
            continue
        removals = gpu.runtime + [p for p, _entry in gpu.gpu_requests]
        adds_limit = gpu.owner == "RES006"
        if adds_limit and not writable(module, "resources", "limits"):
            yield Finding(r, module.name, removals[0], _("The GPU must be asked for with an nvidia.com/gpu limit, "
                                                         "but k8s-experimental is not an object: fix it by hand"),
                          applicability="manual", severity="warning")
            continue
        budget = gpu_budget(ctx)
        count = budget.counts.get(module.name, 1) if adds_limit else 1

        def build(values: dict[str, Any], module: ModuleView = module, removals: list[str] = removals,
                  adds_limit: bool = adds_limit) -> list[Edit]:
            edits = [Edit("remove", pointer, prune=True) for pointer in removals]
            if adds_limit:
                edits.append(_gpu_limit_edit(module, values["count"]))
            return edits

        what = _("Runtime nvidia") if gpu.runtime and not gpu.gpu_requests else \
            _("DeviceRequests for a GPU") if not gpu.runtime else _("Runtime nvidia and DeviceRequests for a GPU")
        if adds_limit:
            claimants = [m.name for m in ctx.modules if gpu_of(m).owner or gpu_of(m).has_gpu_request]
            message = _("{what} is ignored on the GPU device: it is removed and the module asks for an "
                        "nvidia.com/gpu limit instead").format(what=what) if len(claimants) < 2 else \
                _("{what} is ignored on the GPU device: it is removed and the module asks for an nvidia.com/gpu "
                  "limit instead. {count} modules ask for a GPU ({modules}) and each limit takes a whole GPU: "
                  "reject this fix for a module that does not need one").format(
                    what=what, count=len(claimants), modules=", ".join(claimants))
            severity = "warning"
            if not count:
                message = _("{what} is ignored on the GPU device, but no GPU is left for this module: the fix (remove "
                            "it, add an nvidia.com/gpu limit) is off by default. {why}").format(
                    what=what, why=budget.message())
        elif gpu.time_sharing and not gpu.has_gpu_request:
            message = _("{what} is ignored on the GPU device and is removed; the module shares a GPU through "
                        "NVIDIA_VISIBLE_DEVICES").format(what=what)
            severity = "warning"
        else:
            message = _("{what} is ignored on the GPU device and is removed; the module already gets its GPU "
                        "otherwise").format(what=what)
            severity = "info"
        yield Finding(r, module.name, removals[0], message,
                      params=(gpu_count_param(count or 1, budget.gpus),) if adds_limit else (), build=build,
                      applicability="choice", severity=severity, accepted_by_default=bool(count))


def _memory_quantity(value: int) -> str:
    return f"{max(1, _ceil_div(value, 1024 * 1024))}Mi"


def _millicores(numerator: int, denominator: int) -> str:
    return f"{max(1, _ceil_div(numerator, denominator))}m"


def _ceil_div(numerator: int, denominator: int) -> int:
    """Rounded up, in whole numbers: a float division overflows on the huge integers JSON allows."""
    return -(-numerator // denominator)


@rule("RES007", "memory-cpu-to-k8s", "resources", "warning", "choice",
      "Memory and CPU limits move to k8s-experimental",
      "Kubernetes on the GPU device never reads `HostConfig.Memory`, `NanoCpus`, `CpuQuota` or `CpuPeriod`, so "
      "the module would run without limits. (One IoT Edge document claims that HostConfig CPU and memory limits "
      "are supported; the runtime's code never read them, so the safer reading is that they are lost.) They "
      "become `k8s-experimental.resources.limits`: `memory` in Mi (bytes rounded up) and `cpu` in millicores "
      "(`NanoCpus` / 1,000,000, or `CpuQuota` × 1000 / `CpuPeriod`), and the Docker fields are removed. A value "
      "of 0 means \"unlimited\" in Docker and is left alone. `MemorySwap`, `MemoryReservation`, `CpuShares` and "
      "`CpusetCpus` have no Kubernetes equivalent (PLT003 lists them).",
      f"{SOURCE_ARTICLE} — Memory and CPU usage; Azure/iotedge 1.1-k8s-preview KubernetesDeploymentMapper "
      "(PrepareModuleResourceRequirements); Kubernetes: Resource management for pods and containers",
      before='"HostConfig": {"Memory": 33554432, "NanoCpus": 500000000}',
      after='"k8s-experimental": {"resources": {"limits": {"memory": "32Mi", "cpu": "500m"}}}',
      applicabilities=("manual",),
      links=(L.FPGA_TO_GPU + "#memory-and-cpu-usage", L.DEPLOYMENT_MAPPER,
             "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"),
      example=Example({"HostConfig": {"Memory": 33554432, "NanoCpus": 500000000}},
          {"k8s-experimental": {"resources": {"limits": {"memory": "32Mi", "cpu": "500m"}}}}, at="createOptions"))
def check_memory_cpu(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        found = memory_cpu(module)
        if found and not writable(module, "resources", "limits"):
            yield Finding(r, module.name, found[0][0], _("Docker memory/CPU limits are ignored on the GPU device, and "
                                                         "k8s-experimental is not an object: fix it by hand"),
                          applicability="manual")
        elif found:
            yield _memory_cpu_finding(r, module, *found)


def memory_cpu(module: ModuleView) -> tuple[list[str], str | None, str | None] | None:
    """(HostConfig pointers RES007 removes, memory quantity, cpu quantity), or None when nothing applies."""
    host = module.host_config
    if not host:
        return None
    fields: list[str] = []

    def positive(name: str) -> int | None:
        """The first positive value among the field's spellings; every positive spelling goes to ``fields``."""
        first = None
        for key in host.variants(name):
            value = _int(host.data[key])
            if value and value > 0:
                fields.append(join(host.pointer, key))
                first = first or value
        return first

    memory = positive("Memory")
    memory_text = _memory_quantity(memory) if memory else None
    nano, quota = positive("NanoCpus"), positive("CpuQuota")
    period = _int(host.get("CpuPeriod"))
    cpu_text = _millicores(nano, 1_000_000) if nano else \
        _millicores(quota * 1000, period if period and period > 0 else 100_000) if quota else None
    if fields:
        positive("CpuPeriod")
    return (fields, memory_text, cpu_text) if fields else None


def _memory_cpu_finding(r: Rule, module: ModuleView, fields: list[str], memory: str | None,
                        cpu: str | None) -> Finding:
    limits = k8s_get(module, "resources", "limits")
    limits = limits if isinstance(limits, dict) else {}
    params: list[Param] = []
    if memory and "memory" not in limits:
        params.append(quantity_param("memory", _("Memory limit"), memory))
    if cpu and "cpu" not in limits:
        params.append(quantity_param("cpu", _("CPU limit"), cpu))

    def build(values: dict[str, Any]) -> list[Edit]:
        edits = [Edit("remove", pointer, prune=True) for pointer in fields]
        for name in ("memory", "cpu"):
            if name in values:
                edits.append(Edit("add", k8s_at(module, "resources", "limits", key=name), str(values[name]).strip()))
        return edits

    return Finding(r, module.name, fields[0],
                   _("Docker memory/CPU limits are ignored on the GPU device; they become k8s-experimental limits "
                     "(memory {memory}, cpu {cpu})").format(memory=memory or "-", cpu=cpu or "-"),
                   params=tuple(params), build=build)


@rule("RES008", "limits-recommended", "resources", "info", "choice",
      "Memory and CPU limits are recommended",
      "Without limits a module may take all the memory or CPU of the Kubernetes node, which is shared with the "
      "IoT Edge runtime and every other module (by default the node gets 25 % of the device's memory and 30 % of "
      "its processors). Setting `memory` and `cpu` in `k8s-experimental.resources.limits` is optional but good "
      "practice; when no `requests` are given, Kubernetes uses the limits as requests. The values proposed "
      "(`128Mi`, `500m`) are the article's example, not a measurement of this module: size them to the module "
      "before accepting.",
      f"{SOURCE_ARTICLE} — Memory and CPU usage; microsoft/iotedge-k8s-doc bp/resources.md",
      before="(no resources)",
      after='"k8s-experimental": {"resources": {"limits": {"memory": "128Mi", "cpu": "500m"}}}',
      links=(L.FPGA_TO_GPU + "#memory-and-cpu-usage", L.K8S_DOC + "bp/resources.html"),
      example=Example({}, {"k8s-experimental": {"resources": {"limits": {"memory": "128Mi", "cpu": "500m"}}}},
          at="createOptions"))
def check_limits_recommended(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.user_modules:
        if memory_cpu(module) or not writable(module, "resources", "limits"):
            continue
        limits = k8s_get(module, "resources", "limits")
        if limits is not None and not isinstance(limits, dict):
            continue
        limits = limits or {}
        params = []
        if "memory" not in limits:
            params.append(quantity_param("memory", _("Memory limit"), "128Mi"))
        if "cpu" not in limits:
            params.append(quantity_param("cpu", _("CPU limit"), "500m"))
        if not params:
            continue

        def build(values: dict[str, Any], module: ModuleView = module) -> list[Edit]:
            return [Edit("add", k8s_at(module, "resources", "limits", key=name), str(values[name]).strip())
                    for name in ("memory", "cpu") if name in values]

        pointer = module.k8s.pointer if module.k8s else module.create_options_pointer \
            if module.create_options else module.pointer
        names = {p.name for p in params}
        message = _("No memory and no CPU limit: consider setting both in k8s-experimental.resources.limits") \
            if names == {"memory", "cpu"} else \
            _("No memory limit: consider setting one in k8s-experimental.resources.limits") if "memory" in names \
            else _("No CPU limit: consider setting one in k8s-experimental.resources.limits")
        yield Finding(r, module.name, pointer, message, params=tuple(params), build=build,
                      accepted_by_default=False)


@rule("RES009", "ipc-and-shared-memory", "resources", "info", "manual",
      "Shared memory between modules needs host IPC",
      "Modules that share memory (for example Live Video Analytics and an inference module over gRPC) use "
      "`IpcMode: shareable` on one module and `container:<module>` on the other with Docker. Kubernetes reads "
      "only `IpcMode: host` (the pod's `hostIPC`); every other value gives each pod its own IPC namespace, so the "
      "sharing breaks. Set `\"IpcMode\": \"host\"` on every module that shares memory. `ShmSize` is not translated: "
      "with host IPC the node's `/dev/shm` is used; a module that needs a private, larger `/dev/shm` can mount an "
      "`emptyDir` volume with `medium: Memory` there through `k8s-experimental.volumes`.",
      f"{SOURCE_ARTICLE} — Memory and CPU usage; Live Video Analytics on Azure Stack Edge (host IPC); "
      "Azure/iotedge 1.1-k8s-preview KubernetesDeploymentMapper (IpcMode)",
      before='"HostConfig": {"IpcMode": "container:lvaEdge"}', after='"HostConfig": {"IpcMode": "host"}',
      severities=("error",), applicabilities=("choice",),
      links=(L.FPGA_TO_GPU + "#memory-and-cpu-usage", L.DEPLOYMENT_MAPPER),
      example=Example({"IpcMode": "container:lvaEdge"}, {"IpcMode": "host"}))
def check_ipc(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        host = module.host_config
        if not host:
            continue
        for key in host.variants("IpcMode"):
            mode = host.data[key]
            if not isinstance(mode, str) or has_placeholder(mode) or \
                    not (mode.strip().lower() == "shareable" or mode.strip().lower().startswith("container:")):
                continue
            pointer = join(host.pointer, key)
            yield Finding(r, module.name, pointer,
                          _("IpcMode \"{mode}\" is not translated; \"host\" shares memory between pods")
                          .format(mode=mode),
                          build=fixed(Edit("replace", pointer, "host")), severity="error", applicability="choice")
        if host.key("ShmSize") is not None:
            yield Finding(r, module.name, host.at("ShmSize"),
                          _("ShmSize is not translated; with host IPC the node's /dev/shm applies"),
                          severity="info", applicability="manual")
