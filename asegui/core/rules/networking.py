"""Networking: ports become Kubernetes Services on the GPU device, with external IPs and reserved ports."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Edit, Finding, Param, Rule
from ..i18n import _
from ..jsonc import whole_number
from ..model import ModuleView, Section, find_key, member_key, per_module
from ..pointers import join
from . import Context, rule
from ._common import fixed, has_placeholder, host_config_pointer, k8s_at

PROXY_PORTS = (35000, 35001)           # the IoT Edge proxy sidecar in every module pod
DEVICE_PORTS = (31000, 31001)          # Kubernetes dashboard, Edge container registry
RESERVED_PORTS = PROXY_PORTS + DEVICE_PORTS
EDGEHUB_PORTS = (443, 5671, 8883)
_PORT_KEY = re.compile(r"\s*(\d{1,5})\s*(?:/\s*(tcp|udp|sctp)\s*)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PortKey:
    """A port key of ``ExposedPorts`` or ``PortBindings`` the runtime understands: ``"8080/tcp"``."""

    key: str
    number: int
    protocol: str
    pointer: str


@dataclass(frozen=True, slots=True)
class HostPort:
    """One ``{"HostPort": "8080"}`` entry of a ``PortBindings`` key; ``number`` None when not an integer."""

    port: PortKey
    index: int
    value: Any
    number: int | None
    pointer: str  # the HostPort member itself


def parse_key(key: str) -> tuple[int, str] | None:
    """``"8080/tcp"`` -> (8080, "tcp"); None for keys the runtime ignores (and placeholders)."""
    match = _PORT_KEY.fullmatch(key) if isinstance(key, str) else None
    if not match or has_placeholder(key):
        return None
    number = int(match.group(1))
    return (number, (match.group(2) or "tcp").lower()) if 1 <= number <= 65535 else None


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


@per_module
def host_ports(module: ModuleView) -> list[HostPort]:
    """Every HostPort entry of the module's parsable PortBindings keys; placeholders left out."""
    section = bindings_section(module) or {}
    result = []
    for port in bound(module):
        entries = section.get(port.key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            member = member_key(entry, "HostPort")
            if member is None:
                continue
            value = entry[member]
            if has_placeholder(value):
                continue
            text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
            number = whole_number(text)
            result.append(HostPort(port, index, value, number, join(port.pointer, index, member)))
    return result


def used_ports(module: ModuleView) -> set[int]:
    """Every port number the module names: container ports and host ports."""
    return set(_used_ports(module))


@per_module
def _used_ports(module: ModuleView) -> set[int]:
    used = {p.number for p in exposed(module)} | {p.number for p in bound(module)}
    return used | {h.number for h in host_ports(module) if h.number is not None}


def next_free(start: int, used: set[int]) -> int:
    """``start`` or the next port above it that is neither reserved nor used (wrapping below 1024)."""
    port = start
    for _attempt in range(65535):
        if 1 <= port <= 65535 and port not in RESERVED_PORTS and port not in used:
            return port
        port = port + 1 if port < 65535 else 1024
    return 8080  # pragma: no cover - every port in use


def port_param(label: str, default: int | None, used: set[int]) -> Param:
    """A port number 1–65535 that is not reserved on the GPU device and not used by the module."""

    def check(value: Any) -> str | None:
        if value in PROXY_PORTS:
            return _("{label}: {port} is used by the IoT Edge proxy in every pod").format(label=label, port=value)
        if value in DEVICE_PORTS:
            return _("{label}: {port} is reserved on the GPU device (Kubernetes dashboard, container "
                     "registry)").format(label=label, port=value)
        if value in used:
            return _("{label}: this module already uses port {port}").format(label=label, port=value)
        return None

    return Param("host_port", label, "int", default, minimum=1, maximum=65535, check=check)


@per_module
def unbound_exposed(module: ModuleView) -> list[PortKey]:
    """User-module exposed ports with no PortBindings entry for the same port and protocol (NET001's ports)."""
    if module.system:
        return []
    have = {(p.number, p.protocol) for p in bound(module)}
    return [p for p in exposed(module) if (p.number, p.protocol) not in have and p.number not in PROXY_PORTS]


def service_type(module: ModuleView) -> str | None:
    """``k8s-experimental.serviceOptions.type`` as written (lowercase), if any."""
    k8s = module.k8s
    options = k8s.get("serviceOptions") if k8s else None
    value = options.get(find_key(options, "type") or "type") if isinstance(options, dict) else None
    return value.lower() if isinstance(value, str) else None


def has_service_options(module: ModuleView) -> bool:
    """Any spelling of ``serviceOptions`` (``service-options`` too, which PLT004 renames)."""
    k8s = module.k8s
    if k8s is None:
        return False
    return any(re.sub(r"[-_]", "", str(k)).lower() == "serviceoptions" for k in k8s.data)


def exposes_service(module: ModuleView) -> bool:
    """The module gets a LoadBalancer (an external IP): port bindings, present or proposed by NET001."""
    if service_type(module) in ("clusterip", "nodeport"):
        return False
    return bool(bindings_section(module)) or bool(unbound_exposed(module))


@rule("NET001", "exposed-port-needs-binding", "networking", "warning", "choice",
      "Exposed port without a port binding",
      "On the GPU device module-to-module communication needs a `HostPort`: a port that a module only lists in "
      "`ExposedPorts` is not published for other modules (Microsoft's guidance, and the IoT Edge on Kubernetes "
      "best practice \"clients cannot reach ports that are not in PortBindings\"). The fix adds a `PortBindings` "
      "entry whose `HostPort` equals the container port, so clients keep using `<module>:<port>`. The runtime "
      "code would give an exposed-only port a cluster-internal Service, but the documents say otherwise: the "
      "tool follows the documents, the safer choice. A HostPort is never 35000/35001 (IoT Edge proxy) or "
      "31000/31001 (reserved on the device), nor a port the module already uses. Adding a binding makes the "
      "module's Service a LoadBalancer with an external IP (see NET007 and NET008).",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Network; "
      "microsoft/iotedge-k8s-doc bp/network/modulecomms.md",
      before='"ExposedPorts": {"8080/tcp": {}}',
      after='"ExposedPorts": {"8080/tcp": {}}, "HostConfig": {"PortBindings": {"8080/tcp": [{"HostPort": "8080"}]}}')
def check_exposed_without_binding(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        used = used_ports(module)
        for port in unbound_exposed(module):
            others = used - {port.number}
            param = port_param(_("HostPort"), next_free(port.number, others), others)

            def build(values: dict[str, Any], module: ModuleView = module, port: PortKey = port) -> list[Edit]:
                return [Edit("add", join(host_config_pointer(module), "PortBindings", port.key),
                             [{"HostPort": str(values["host_port"])}])]

            yield Finding(r, module.name, port.pointer,
                          _("Port {port} is only in ExposedPorts: other modules cannot reach it on the GPU device "
                            "without a PortBindings entry").format(port=port.key),
                          params=(param,), build=build)


@rule("NET002", "host-port-differs", "networking", "warning", "manual",
      "HostPort differs from the container port",
      "On the GPU device a port binding becomes a port of the module's Kubernetes Service whose number is the "
      "`HostPort`, forwarded to the container port. Other modules must therefore connect to "
      "`<module>:<HostPort>`, not to the port the container listens on — update their settings (env values, "
      "connection strings) accordingly. For edgeHub this is an error: every module reaches it as "
      "`edgehub:443`, `edgehub:5671` or `edgehub:8883`, so those must keep HostPort equal to the container port.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Network (\"connection using "
      "mapped port\"); Azure/iotedge 1.1-k8s-preview PortExtensions.ExtractHostPorts",
      before='"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}',
      after="(clients connect to <module>:8080)")
def check_host_port_differs(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for host in host_ports(module):
            if host.number is None or host.number == host.port.number or host.number in RESERVED_PORTS \
                    or host.port.number in PROXY_PORTS:
                continue
            if module.system and module.name == "edgeHub" and host.port.number in EDGEHUB_PORTS:
                yield Finding(r, module.name, host.pointer,
                              _("edgeHub's port {port} is published as {host_port}: modules connect to "
                                "edgehub:{number} and would fail; keep HostPort {number}")
                              .format(port=host.port.key, host_port=host.number, number=host.port.number),
                              severity="error")
                continue
            yield Finding(r, module.name, host.pointer,
                          _("Port {port} is published as {host_port}: other modules must connect to "
                            "{module}:{host_port}, not to port {number}")
                          .format(port=host.port.key, host_port=host.number, module=module.name,
                                  number=host.port.number))


@rule("NET003", "mixed-protocols", "networking", "error", "manual",
      "TCP and UDP ports on one module",
      "Adding TCP and UDP port mappings in the same module does not work on the GPU device: the module's ports "
      "become one Kubernetes Service, Kubernetes does not allow a LoadBalancer Service with more than one "
      "protocol, and the runtime keys Service ports by number only, so `53/tcp` and `53/udp` collapse into one. "
      "The workaround for kubectl deployments (two Services sharing an IP) cannot be expressed in a deployment "
      "manifest. Keep one protocol per module, or split the function into two modules.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Network; Azure Stack Edge "
      "2202/2207 release notes (multi-protocol LoadBalancer services)",
      before='"PortBindings": {"1700/udp": [{"HostPort": "1700"}], "8080/tcp": [{"HostPort": "8080"}]}',
      after="(one protocol per module: move the UDP listener to a module of its own)")
def check_mixed_protocols(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        ports = bound(module) + exposed(module)
        protocols = list(dict.fromkeys(p.protocol for p in ports))
        if len(protocols) < 2:
            continue
        first = next(p for p in ports if p.protocol != protocols[0])
        keys = ", ".join(dict.fromkeys(p.key for p in ports))
        yield Finding(r, module.name, first.pointer,
                      _("This module mixes {protocols} ports ({keys}); one module's Service can carry only one "
                        "protocol on the GPU device").format(protocols=" + ".join(p.upper() for p in protocols),
                                                             keys=keys))


@rule("NET004", "proxy-port", "networking", "error", "choice",
      "Port 35000 or 35001 is the IoT Edge proxy's",
      "Every module pod on the GPU device has a sidecar container, the IoT Edge proxy, listening on ports 35000 "
      "(management) and 35001 (workload); modules must not use these ports. A HostPort of 35000/35001 gets a new "
      "number you choose (there is no sensible default; clients then connect to `<module>:<new port>`). When the "
      "container port itself is 35000 or 35001, the application listens on a port the sidecar holds in the same "
      "pod: changing the HostPort alone cannot fix that, so the tool offers no automatic change. Configure the "
      "application (or rebuild the image) to listen on another port, then change the port key and its HostPort "
      "to match.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Web proxy; Azure/iotedge "
      "1.1-k8s-preview charts/edge-kubernetes values.yaml (ports.management, ports.workload)",
      before='"PortBindings": {"8080/tcp": [{"HostPort": "35000"}]}',
      after='"PortBindings": {"8080/tcp": [{"HostPort": "<a port you choose>"}]}')
def check_proxy_ports(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        seen: set[int] = set()
        for port in bound(module) + exposed(module):
            if port.number in PROXY_PORTS and port.number not in seen:
                seen.add(port.number)
                yield Finding(r, module.name, port.pointer,
                              _("The application listens on port {port}, which the IoT Edge proxy sidecar holds "
                                "in the same pod: make it listen on another port, then change {key} (and its "
                                "HostPort) to match; a HostPort change alone cannot fix this")
                              .format(port=port.number, key=port.key),
                              applicability="manual")
        used = used_ports(module)
        for host in host_ports(module):
            if host.number not in PROXY_PORTS or host.port.number in PROXY_PORTS:
                continue
            yield Finding(r, module.name, host.pointer,
                          _("HostPort {host_port} of {port} is the IoT Edge proxy's port on the GPU device: choose "
                            "another (clients then connect to {module}:<new port>)")
                          .format(host_port=host.number, port=host.port.key, module=module.name),
                          params=(port_param(_("New HostPort"), None, used - {host.port.number}),),
                          build=_replace_host_port(host))


def _replace_host_port(host: HostPort) -> Callable[[dict[str, Any]], list[Edit]]:
    def build(values: dict[str, Any]) -> list[Edit]:
        return [Edit("replace", host.pointer, str(values["host_port"]))]
    return build


@rule("NET005", "reserved-device-port", "networking", "warning", "choice",
      "HostPort 31000 or 31001 is reserved on the device",
      "On the GPU device port 31000 is reserved for the Kubernetes dashboard and 31001 for the Edge container "
      "registry. A module's HostPort must not use them. The proposed HostPort is the container port when that "
      "is free, else the next free port; clients then connect to `<module>:<new port>`.",
      "Microsoft Learn: Azure Stack Edge Pro GPU 2202 release notes (reserved ports); Kubernetes dashboard on "
      "Azure Stack Edge Pro GPU",
      before='"PortBindings": {"8080/tcp": [{"HostPort": "31000"}]}',
      after='"PortBindings": {"8080/tcp": [{"HostPort": "8080"}]}')
def check_device_ports(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        used = used_ports(module)
        for host in host_ports(module):
            if host.number not in DEVICE_PORTS or host.port.number in PROXY_PORTS:
                continue
            others = used - {host.port.number}
            default = next_free(host.port.number, others) if host.port.number not in RESERVED_PORTS \
                else next_free(host.number, others)
            yield Finding(r, module.name, host.pointer,
                          _("HostPort {host_port} of {port} is reserved on the GPU device: use another port "
                            "(clients then connect to {module}:<new port>)")
                          .format(host_port=host.number, port=host.port.key, module=module.name),
                          params=(port_param(_("New HostPort"), default, others),),
                          build=_replace_host_port(host))


@rule("NET006", "host-network", "networking", "warning", "auto",
      "Host network mode",
      "`NetworkMode: host` puts the module's pod on the node's network (`hostNetwork: true`, `dnsPolicy: "
      "ClusterFirstWithHostNet`); the runtime compares it without case, but it is written `host` here for "
      "clarity. `NetworkingConfig` (Docker networks, aliases) is ignored on Kubernetes and is removed. Only one "
      "module of a deployment may use the host network, because every pod's proxy sidecar listens on the same "
      "localhost ports (35000/35001), which would clash on the node; edgeHub does not have to be on the host "
      "network. A second host-network module is an error: move it back to the pod network and reach it by its "
      "Service.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Network; "
      "microsoft/iotedge-k8s-doc knownissues.md and bp/network/hostnetwork.md",
      before='"NetworkMode": "Host", "NetworkingConfig": {"EndpointsConfig": {"host": {}}}',
      after='"NetworkMode": "host"')
def check_host_network(r: Rule, ctx: Context) -> Iterator[Finding]:
    first: str | None = None
    for module in ctx.modules:
        host = module.host_config
        mode = host.get("NetworkMode") if host else None
        if not host or not isinstance(mode, str) or mode.strip().lower() != "host":
            continue
        options = module.create_options
        assert options is not None
        edits = []
        if mode != "host":
            edits.append(Edit("replace", host.at("NetworkMode"), "host"))
        spellings = options.variants("NetworkingConfig")
        networking = spellings[0] if spellings else None
        edits.extend(Edit("remove", join(options.pointer, key)) for key in spellings)
        if edits:
            if networking is None:
                message = _("Network mode \"{mode}\" is written \"host\"").format(mode=mode)
            elif mode != "host":
                message = _("Network mode \"{mode}\" is written \"host\", and NetworkingConfig, which Kubernetes "
                            "ignores, is removed").format(mode=mode)
            else:
                message = _("NetworkingConfig is ignored on Kubernetes and is removed")
            yield Finding(r, module.name, host.at("NetworkMode"), message, build=fixed(*edits))
        if first is None:
            first = module.name
            continue
        message = _("Only one module may use the host network on the GPU device; {first} already does (edgeHub "
                    "does not need the host network)") if first == "edgeHub" else \
            _("Only one module may use the host network on the GPU device; {first} already does")
        yield Finding(r, module.name, host.pointer, message.format(first=first), severity="error",
                      applicability="manual")




@rule("NET007", "external-ips", "networking", "warning", "manual",
      "External IPs the device must provide",
      "Every module with port bindings gets a LoadBalancer Service with its own IP from the \"Kubernetes external "
      "service IPs\" range set in the GPU device's local UI (Compute network), and edgeHub needs one too. When "
      "the range is too small, a module runs but gets no IP. Reserve at least one IP for edgeHub plus one per "
      "module listed (modules made ClusterIP through `k8s-experimental.serviceOptions` need none). Find the IPs "
      "later with `iotedge list` or in the Kubernetes dashboard (namespace `iotedge`).",
      "Microsoft Learn: Troubleshoot IoT Edge issues on Azure Stack Edge Pro GPU; Kubernetes networking on "
      "Azure Stack Edge Pro GPU; Configure network, compute network, web proxy",
      before='"PortBindings": {"5000/tcp": [{"HostPort": "5000"}]}',
      after="(the external service IP range holds at least 2 IPs: edgeHub + this module)")
def check_external_ips(r: Rule, ctx: Context) -> Iterator[Finding]:
    hub = ctx.module("edgeHub")
    exposed_modules = [m for m in ctx.user_modules if exposes_service(m)]
    if not exposed_modules and hub is None:
        return
    pointer = exposed_modules[0].pointer if exposed_modules else hub.pointer  # type: ignore[union-attr]
    count = 1 + len(exposed_modules)
    if exposed_modules:
        names = ", ".join(m.name for m in exposed_modules)
        message = _("Kubernetes external service IPs the GPU device needs: at least {count} (1 for edgeHub, 1 each "
                    "for {modules}; one fewer for each module you make ClusterIP)").format(count=count, modules=names)
        todo = _("Reserve at least {count} IPs in the \"Kubernetes external service IPs\" range of the compute "
                 "network: edgeHub, {modules}").format(count=count, modules=names)
    else:
        message = _("Kubernetes external service IPs the GPU device needs: at least 1, for edgeHub (no module has "
                    "port bindings)")
        todo = _("Reserve at least 1 IP in the \"Kubernetes external service IPs\" range of the compute network: "
                 "edgeHub")
    yield Finding(r, None, pointer, message, todo=todo)


@rule("NET008", "service-exposure", "networking", "info", "choice",
      "Service exposure: external IP or cluster only",
      "On the GPU device a module with port bindings gets a LoadBalancer Service: an external IP from the "
      "device's range, reachable from outside the cluster. That is the default and needs no change. A module "
      "that only other modules call can stay inside the cluster with "
      "`\"k8s-experimental\": {\"serviceOptions\": {\"type\": \"ClusterIP\"}}`, which also saves an external "
      "IP. The key is `serviceOptions`; `service-options` is ignored by the runtime.",
      "Microsoft Learn: Troubleshoot IoT Edge issues on Azure Stack Edge Pro GPU (serviceOptions); Run existing "
      "IoT Edge modules … on Azure Stack Edge Pro GPU — Network",
      before='"PortBindings": {"5000/tcp": [{"HostPort": "5000"}]}',
      after='"k8s-experimental": {"serviceOptions": {"type": "ClusterIP"}} (when only other modules call it)')
def check_service_exposure(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.user_modules:
        if has_service_options(module) or not exposes_service(module):
            continue
        host = module.host_config
        pointer = host.at("PortBindings") if host and bindings_section(module) is not None \
            else unbound_exposed(module)[0].pointer
        param = Param("service", _("Service type"), "enum", "LoadBalancer", options=("LoadBalancer", "ClusterIP"))

        def build(values: dict[str, Any], module: ModuleView = module) -> list[Edit]:
            if values["service"] == "ClusterIP":
                return [Edit("add", k8s_at(module, "serviceOptions", key="type"), "ClusterIP")]
            return []

        yield Finding(r, module.name, pointer,
                      _("{module} gets an external IP (LoadBalancer); choose ClusterIP if only other modules call "
                        "it").format(module=module.name),
                      params=(param,), build=build)
