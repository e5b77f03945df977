"""Facts about one module that rules of several areas read: its ports, its GPU, whether it is an FPGA model host.

Area modules never import each other (an import-linter contract holds them to it); a fact two areas need lives here,
or is read from the device model (:attr:`Context.device`). Most are computed once per module (:func:`per_module`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msgspec import Struct, field

from ..device.compile import DeviceModule
from ..device.ports import host_port as host_port_number
from ..device.ports import port_and_protocol
from ..model import ModuleView, Section, find_key, member, per_module
from ..placeholders import has_placeholder
from ..pointers import join
from ._common import Bind, k8s_get
from ._registry import Context

K8S_SECTION = "k8s-experimental"
CATAPULT = "microsoft.com/fpga_catapult"
GPU = "nvidia.com/gpu"


# Ports (networking and platform rules; naming reads host ports).

class PortKey(Struct, frozen=True):
    """A port key of ``ExposedPorts`` or ``PortBindings`` the runtime understands: ``"8080/tcp"``."""

    key: str
    number: int
    protocol: str
    pointer: str


class HostPort(Struct, frozen=True):
    """One ``{"HostPort": "8080"}`` entry of a ``PortBindings`` key; ``number`` None when not an integer."""

    port: PortKey
    index: int
    value: Any
    number: int | None
    pointer: str  # the HostPort member itself


def parse_key(key: str) -> tuple[int, str] | None:
    """``"8080/tcp"`` -> (8080, "tcp") as the runtime parses it (``PortAndProtocol.Parse``); None for keys it
    ignores, and for numbers no port can have (the API server refuses them; rules offer nothing for them)."""
    parsed = port_and_protocol(key)
    if parsed is None or not 1 <= parsed[0] <= 65535:
        return None
    return parsed[0], parsed[1].lower()


@per_module
def exposed(module: ModuleView) -> list[PortKey]:
    return _port_keys(module.create_options, "ExposedPorts")


def _port_keys(owner: Section | None, member: str) -> list[PortKey]:
    """The parsable port keys of ``ExposedPorts`` or ``PortBindings`` (``member`` of ``owner``)."""
    section = owner.get(member) if owner else None
    if owner is None or not isinstance(section, dict):
        return []
    pointer = owner.at(member)
    return [PortKey(key, parsed[0], parsed[1], join(pointer, key)) for key in section
            if (parsed := parse_key(key))]


def bindings_section(module: ModuleView) -> dict[str, Any] | None:
    host = module.host_config
    section = host.get("PortBindings") if host else None
    return section if isinstance(section, dict) else None


@per_module
def bound(module: ModuleView) -> list[PortKey]:
    return _port_keys(module.host_config, "PortBindings")


def binding_members(module: ModuleView, name: str) -> Iterator[tuple[PortKey, int, str, Any]]:
    """(port key, entry index, the member's key as written, its value) for each entry of the module's parsable
    PortBindings keys that holds ``name`` (its last spelling, as the runtime reads it); placeholders left out."""
    section = bindings_section(module) or {}
    for port in bound(module):
        entries = section.get(port.key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            member = find_key(entry, name, last_wins=True)
            if member is not None and not has_placeholder(entry[member]):
                yield port, index, member, entry[member]


@per_module
def host_ports(module: ModuleView) -> list[HostPort]:
    """Every HostPort entry of the module's parsable PortBindings keys; placeholders left out."""
    return [HostPort(port, index, value, host_port_number(value), join(port.pointer, index, member))
            for port, index, member, value in binding_members(module, "HostPort")]


def host_network(module: ModuleView) -> bool:
    """``NetworkMode`` is ``host`` in any case (as the runtime compares it; blanks, which NET006 removes, too)."""
    host = module.host_config
    mode = host.get("NetworkMode") if host else None
    return isinstance(mode, str) and mode.strip().lower() == "host"


def device_of(ctx: Context, module: ModuleView) -> DeviceModule:
    """The module as the device runs the input (:attr:`Context.device`)."""
    found = ctx.device.module(module.name)
    assert found is not None  # every module view is a module of the device
    return found


# The GPU and the FPGA (resources, platform and storage rules).

def resource_section(module: ModuleView, kind: str) -> Section | None:
    """``k8s-experimental.resources.<kind>`` (``limits`` or ``requests``; sections matched ignoring case)."""
    k8s = module.k8s
    resources = k8s.section("resources") if k8s else None
    return resources.section(kind) if resources else None


class Gpu(Struct, dict=True):
    """What a module does today to reach an accelerator, and which rule gives it its GPU limit."""

    catapult_limits: Section | None = None      # the limits section, when it holds the FPGA resource
    catapult_requests: Section | None = None
    catapult_devices: list[str] = field(default_factory=list)        # pointers of /dev/catapult* entries
    other_devices: list[tuple[str, str]] = field(default_factory=list)  # (pointer, path on host)
    runtime: list[str] = field(default_factory=list)  # pointers of Runtime: nvidia (any key case)
    gpu_requests: list[tuple[str, Any]] = field(default_factory=list)   # DeviceRequests asking for a GPU
    other_requests: list[str] = field(default_factory=list)
    has_gpu_limit: bool = False                  # nvidia.com/gpu already in k8s-experimental limits
    has_gpu_request: bool = False                # … in limits or requests
    time_sharing: bool = False                   # NVIDIA_VISIBLE_DEVICES set (the GPU-sharing approach)

    @property
    def asks_docker_for_gpu(self) -> bool:
        """An FPGA resource or device, ``Runtime: nvidia`` or a GPU ``DeviceRequests``: what RES001, RES002 and RES006
        turn into an ``nvidia.com/gpu`` limit (a limit already written is the device model's ``gpu_limit``)."""
        return bool(self.catapult_limits or self.catapult_requests or self.catapult_devices or self.runtime
                    or self.gpu_requests)

    @property
    def owner(self) -> str | None:
        """The one rule that sets ``limits/nvidia.com~1gpu`` for this module (None: no rule does)."""
        if self.has_gpu_limit:
            return None
        if self.catapult_limits or self.catapult_requests:
            return "RES001"
        if self.catapult_devices:
            return "RES002"
        if (self.runtime or self.gpu_requests) and not self.has_gpu_request and not self.time_sharing:
            return "RES006"
        return None


@per_module
def gpu_of(module: ModuleView) -> Gpu:
    gpu = Gpu()
    limits = resource_section(module, "limits")
    requests = resource_section(module, "requests")
    if limits and CATAPULT in limits.data:
        gpu.catapult_limits = limits
    if requests and CATAPULT in requests.data:
        gpu.catapult_requests = requests
    gpu.has_gpu_limit = bool(limits and GPU in limits.data)
    gpu.has_gpu_request = gpu.has_gpu_limit or bool(requests and GPU in requests.data)
    gpu.time_sharing = any(name.upper() == "NVIDIA_VISIBLE_DEVICES" for name in module.env_names())
    host = module.host_config
    if not host:
        return gpu
    for key in host.variants("Devices"):
        devices = host.data[key]
        for index, device in enumerate(devices if isinstance(devices, list) else []):
            if not isinstance(device, dict):
                continue
            path = str(member(device, "PathOnHost", ""))
            pointer = join(host.pointer, key, index)
            if path.startswith("/dev/catapult"):
                gpu.catapult_devices.append(pointer)
            else:
                gpu.other_devices.append((pointer, path))
    for key in host.variants("Runtime"):
        runtime = host.data[key]
        if isinstance(runtime, str) and runtime.strip().lower() == "nvidia":
            gpu.runtime.append(join(host.pointer, key))
    for key in host.variants("DeviceRequests"):
        requests_list = host.data[key]
        for index, entry in enumerate(requests_list if isinstance(requests_list, list) else []):
            pointer = join(host.pointer, key, index)
            if _asks_for_gpu(entry):
                gpu.gpu_requests.append((pointer, entry))
            else:
                gpu.other_requests.append(pointer)
    return gpu


def _asks_for_gpu(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    if str(member(entry, "Driver", "")).lower() == "nvidia":
        return True
    return any(s.lower() == "gpu" for s in _strings(member(entry, "Capabilities")))


def _strings(value: Any) -> Iterator[str]:
    """Every string in nested lists (``Capabilities`` is a list of lists of strings)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def writable(module: ModuleView, *sections: str) -> bool:
    """True when adding under ``k8s-experimental/<sections>`` replaces nothing: every existing step is an object."""
    settings = module.data.get("settings")
    if not isinstance(settings, dict) or module.ref.co_form == "invalid":
        return False
    node: Any = settings.get("createOptions", {})
    for part in (K8S_SECTION, *sections):
        if not isinstance(node, dict):
            return False
        found = node.get(part) if part == K8S_SECTION else k8s_get(module, *sections[:sections.index(part) + 1])
        if found is None:
            return True
        node = found
    return isinstance(node, dict)


def is_fpga_module(module: ModuleView) -> bool:
    """An FPGA model host: it maps /dev/catapult* devices or asks for microsoft.com/fpga_catapult."""
    host = module.host_config
    devices = host.get("Devices") if host else None
    for device in devices if isinstance(devices, list) else []:
        if isinstance(device, dict) and str(member(device, "PathOnHost", "")).startswith("/dev/catapult"):
            return True
    k8s = module.k8s
    resources = k8s.get("resources") if k8s else None
    if isinstance(resources, dict):
        for kind in ("limits", "requests"):
            section = resources.get(kind)
            if isinstance(section, dict) and CATAPULT in section:
                return True
    return False


def etc_hosts_handled(module: ModuleView, bind: Bind) -> bool:
    """RES004 removes the /etc/hosts bind of FPGA modules; storage leaves it to that rule."""
    return bind.source == "/etc/hosts" and is_fpga_module(module)
