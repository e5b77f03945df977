"""Networking: ports become Kubernetes Services on the GPU device, with external IPs and reserved ports."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..device.compile import DeviceModule
from ..device.ports import ServicePort
from ..findings import Edit, Example, Finding, Param, Rule
from ..i18n import _
from ..model import ModuleView, per_module
from ..pointers import join
from . import _links as L
from ._common import fixed, host_config_pointer, k8s_at
from ._facts import HostPort, PortKey, bound, device_of, exposed, host_network, host_ports
from ._registry import Context, rule

PROXY_PORTS = (35000, 35001)           # the IoT Edge proxy sidecar in every module pod
DEVICE_PORTS = (31000, 31001)          # Kubernetes dashboard, Edge container registry
RESERVED_PORTS = PROXY_PORTS + DEVICE_PORTS
EDGEHUB_PORTS = (443, 5671, 8883)


def taken_ports(module: ModuleView, container_port: int, replacing: HostPort | None = None) -> set[int]:
    """The numbers a new HostPort for ``container_port`` must not take.

    The runtime keeps a module's Service ports in a dictionary keyed by port number, exposed ports first and
    bindings after, the last write winning: a HostPort another binding already has, or the number of another
    exposed port, would re-route that number to ``container_port``. Container ports of other keys are kept out
    too, so no number means two things. Only ``container_port``'s own exposed entry (the same target) and the
    binding being replaced are free."""
    taken = {h.number for h in host_ports(module) if h.number is not None and h != replacing}
    return taken | {p.number for p in exposed(module) + bound(module) if p.number != container_port}


def service_ports(device: DeviceModule) -> dict[int, ServicePort]:
    """The module's Service ports by number, as the device model built them (the last write of a number won)."""
    return {port.port: port for port in device.ports}


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
            return _("{label}: {port} is the IoT Edge proxy's port number; choose another").format(label=label,
                                                                                                    port=value)
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


def has_service_options(module: ModuleView) -> bool:
    """Any spelling of ``serviceOptions`` (``service-options`` too, which PLT004 renames)."""
    k8s = module.k8s
    if k8s is None:
        return False
    return any(re.sub(r"[-_]", "", str(k)).lower() == "serviceoptions" for k in k8s.data)


def gets_load_balancer(device: DeviceModule) -> bool:
    """The device gives the module a LoadBalancer Service (an external IP) for the manifest as written."""
    return device.service_type == "LoadBalancer"


def binding_changes_nothing(device: DeviceModule, default_type: str) -> bool:
    """A binding ``HostPort = container port`` for an exposed port leaves the module's Service as it is: the port
    is in it already at that number, and the type stays — the type a module with bindings gets (the one
    ``serviceOptions`` gives, else the device's default) is the one it has now."""
    return device.service_type == (device.chosen_service_type or default_type)


@rule("NET001", "exposed-port-needs-binding", "networking", "warning", "choice",
      "Exposed port without a port binding",
      "Microsoft's article says module-to-module communication on the GPU device \"requires HostPort "
      "specification\", and the IoT Edge on Kubernetes best practice says clients cannot reach ports that are not "
      "in `PortBindings`. The runtime's code says otherwise: a module with only `ExposedPorts` gets a ClusterIP "
      "Service, reachable inside the cluster at `<module>:<container port>` and not from outside. Both are "
      "given here, and the fix follows the article only where that changes nothing on the device: when the "
      "module already has a `PortBindings` key (its Service is already external and holds the exposed port at "
      "its own number) or a Service type, the binding `HostPort = container port` is added by default. For a "
      "module with only `ExposedPorts` the binding is offered but not applied by default, because it would turn "
      "the cluster-internal Service into a LoadBalancer with an external IP (NET007, NET008): accept it if "
      "clients outside the device must reach the port, or if you follow the article to the letter. A HostPort "
      "is never 35000/35001 (IoT Edge proxy) or 31000/31001 (reserved on the device), nor a number the module "
      "already uses: the runtime keeps Service ports by number, the last one written winning, so a HostPort "
      "another binding or exposed port already has would re-route that number to this container port. When "
      "the container port itself is taken, the HostPort proposed differs from it, is not applied by default, "
      "and clients must then connect to `<module>:<HostPort>`.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Network; "
      "microsoft/iotedge-k8s-doc bp/network/modulecomms.md; Azure/iotedge release/1.1-k8s-preview, "
      "edge-agent/…/Kubernetes/edgedeployment/service/KubernetesServiceMapper.cs (ClusterIP for exposed-only "
      "modules; ports keyed by number)",
      before='"ExposedPorts": {"8080/tcp": {}}, "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}',
      after='"ExposedPorts": {"8080/tcp": {}}, "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}], '
            '"8080/tcp": [{"HostPort": "8080"}]}}',
      links=(L.FPGA_TO_GPU + "#network", L.K8S_DOC + "bp/network/modulecomms.html", L.SERVICE_MAPPER),
      example=Example({"ExposedPorts": {"8080/tcp": {}},
          "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}}, {"ExposedPorts": {"8080/tcp": {}},
          "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}], "8080/tcp": [{"HostPort": "8080"}]}}},
          at="createOptions"))
def check_exposed_without_binding(r: Rule, ctx: Context) -> Iterator[Finding]:
    default_type = ctx.settings.service_type
    for module in ctx.modules:
        ports = unbound_exposed(module)
        if not ports:
            continue
        device = device_of(ctx, module)
        unchanged = binding_changes_nothing(device, default_type)
        service = service_ports(device)
        for port in ports:
            taken = taken_ports(module, port.number)
            default = next_free(port.number, taken)
            param = port_param(_("HostPort"), default, taken)

            def build(values: dict[str, Any], module: ModuleView = module, port: PortKey = port) -> list[Edit]:
                return [Edit("add", join(host_config_pointer(module), "PortBindings", port.key),
                             [{"HostPort": str(values["host_port"])}])]

            target = service.get(port.number)
            if default != port.number and target is not None and target.container_port != port.number:
                message = _("Port {port} is only in ExposedPorts, and number {number} of the module's Service "
                            "reaches {other}: a binding needs another HostPort ({host_port} proposed, not applied "
                            "by default); clients would then connect to {module}:{host_port}") \
                    .format(port=port.key, number=port.number, host_port=default, module=module.name,
                            other=target.key)
            elif default != port.number:
                message = _("Port {port} is only in ExposedPorts, and the module uses number {number} for another "
                            "port: a binding needs another HostPort ({host_port} proposed, not applied by "
                            "default); clients would then connect to {module}:{host_port}") \
                    .format(port=port.key, number=port.number, host_port=default, module=module.name)
            elif unchanged:
                message = _("Port {port} is only in ExposedPorts: a PortBindings entry with HostPort {number} is "
                            "added, as Microsoft's article asks; the module's Service already has this port") \
                    .format(port=port.key, number=port.number)
            else:
                message = _("Port {port} is only in ExposedPorts: the runtime makes it reachable inside the cluster "
                            "as {module}:{number}; Microsoft's article asks for a PortBindings entry, which would "
                            "give the module an external IP (LoadBalancer): not applied by default") \
                    .format(port=port.key, number=port.number, module=module.name)
            yield Finding(r, module.name, port.pointer, message, params=(param,), build=build,
                          accepted_by_default=unchanged and default == port.number)


@rule("NET002", "host-port-differs", "networking", "warning", "manual",
      "HostPort differs from the container port",
      "On the GPU device a port binding becomes a port of the module's Kubernetes Service whose number is the "
      "`HostPort`, forwarded to the container port. Other modules must therefore connect to "
      "`<module>:<HostPort>`, not to the port the container listens on — update their settings (env values, "
      "connection strings) accordingly. The runtime keeps Service ports in a dictionary keyed by port number, "
      "bindings written after exposed ports and the last write winning: when two bindings (or a binding and an "
      "exposed port) give one number, that number reaches only the last one, and the other container port is "
      "not reached through it at all — an error, since clients would silently talk to the wrong port. For "
      "edgeHub a different HostPort is an error too: every module reaches it as `edgehub:443`, `edgehub:5671` "
      "or `edgehub:8883`, so those must keep HostPort equal to the container port.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Network (\"connection using "
      "mapped port\"); Azure/iotedge release/1.1-k8s-preview, edge-agent/…/Kubernetes/edgedeployment/service/"
      "PortExtensions.cs (ExtractHostPorts) and KubernetesServiceMapper.cs (ports keyed by number)",
      before='"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}',
      after="(clients connect to <module>:8080)",
      severities=("error",),
      links=(L.FPGA_TO_GPU + "#network", L.PORT_EXTENSIONS, L.SERVICE_MAPPER),
      example=Example({"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}},
          {"PortBindings": {"8080/tcp": [{"HostPort": "8080"}]}}))
def check_host_port_differs(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        hosts = host_ports(module)
        service = service_ports(device_of(ctx, module)) if hosts else {}
        for host in hosts:
            winner = service.get(host.number) if host.number is not None else None
            if winner is None or host.number in DEVICE_PORTS or host.port.number in PROXY_PORTS:
                continue  # no Service port; NET005 moves it; NET004 (the application must move)
            if winner.container_port != host.port.number:
                yield Finding(r, module.name, host.pointer,
                              _("HostPort {host_port} of {port} is also given to {other}, which the runtime keeps "
                                "(the last port of a number wins): {module}:{host_port} reaches port {target}, and "
                                "port {number} is not reached through it; give one of them another HostPort")
                              .format(host_port=host.number, port=host.port.key, other=winner.key,
                                      module=module.name, target=winner.container_port, number=host.port.number),
                              severity="error")
                continue
            if host.number == host.port.number:
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
      after="(one protocol per module: move the UDP listener to a module of its own)",
      links=(L.FPGA_TO_GPU + "#network", L.RELEASE_2207),
      example=Example({"PortBindings": {"1700/udp": [{"HostPort": "1700"}], "8080/tcp": [{"HostPort": "8080"}]}},
          {"PortBindings": {"8080/tcp": [{"HostPort": "8080"}]}}))
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


@rule("NET004", "proxy-port", "networking", "error", "manual",
      "Port 35000 or 35001 is the IoT Edge proxy's",
      "Every module pod on the GPU device has a sidecar container, the IoT Edge proxy, listening on "
      "localhost:35000 (management) and localhost:35001 (workload) inside the pod; containers of one pod share "
      "its network, so an application listening on 35000 or 35001 collides with the proxy. Only the container "
      "port matters: a HostPort is just a port number of the module's Service, on the Service's own IP, which "
      "never reaches the pod's localhost (the runtime sets no hostPort on the pod), so a HostPort of 35000 or "
      "35001 is not reported here (NET002 still says clients connect to `<module>:<HostPort>`). Changing the "
      "HostPort cannot fix a container port of 35000/35001, so the tool offers no automatic change: configure "
      "the application (or rebuild the image) to listen on another port, then change the port key and its "
      "HostPort to match.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Web proxy; Azure/iotedge "
      "release/1.1-k8s-preview, edge-agent/…/Kubernetes/edgedeployment/deployment/KubernetesDeploymentMapper.cs "
      "(proxy container; container ports without hostPort) and charts/edge-kubernetes values.yaml "
      "(ports.management, ports.workload)",
      before='"ExposedPorts": {"35000/tcp": {}}',
      after='"ExposedPorts": {"9000/tcp": {}} (after the application listens on 9000)',
      links=(L.FPGA_TO_GPU + "#web-proxy", L.DEPLOYMENT_MAPPER, L.CHART_VALUES),
      example=Example({"ExposedPorts": {"35000/tcp": {}}}, {"ExposedPorts": {"9000/tcp": {}}}, at="createOptions"))
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
                              .format(port=port.number, key=port.key))


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
      after='"PortBindings": {"8080/tcp": [{"HostPort": "8080"}]}',
      links=(L.K8S_NETWORKING,),
      example=Example({"PortBindings": {"8080/tcp": [{"HostPort": "31000"}]}},
          {"PortBindings": {"8080/tcp": [{"HostPort": "8080"}]}}))
def check_device_ports(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for host in host_ports(module):
            if host.number not in DEVICE_PORTS or host.port.number in PROXY_PORTS:
                continue
            others = taken_ports(module, host.port.number, replacing=host)
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
      "ClusterFirstWithHostNet`). The runtime compares the mode with `host` ignoring case, so `Host` or `HOST` "
      "works as written and is left alone; blanks around it are not ignored, so ` host ` is written `host`. On "
      "a host-network module `NetworkingConfig` (Docker networks, aliases) means nothing and is removed (on "
      "other modules PLT003 reports it). Only one "
      "module of a deployment may use the host network, because every pod's proxy sidecar listens on the same "
      "localhost ports (35000/35001), which would clash on the node; edgeHub does not have to be on the host "
      "network. A second host-network module is an error: move it back to the pod network and reach it by its "
      "Service.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Network; "
      "microsoft/iotedge-k8s-doc knownissues.md and bp/network/hostnetwork.md; Azure/iotedge "
      "release/1.1-k8s-preview, edge-agent/…/Kubernetes/edgedeployment/deployment/KubernetesDeploymentMapper.cs "
      "(IsHostNetwork: compared ignoring case)",
      before='"NetworkMode": "Host", "NetworkingConfig": {"EndpointsConfig": {"host": {}}}',
      after='"NetworkMode": "Host"',
      severities=("error",), applicabilities=("manual",),
      links=(L.FPGA_TO_GPU + "#network", L.K8S_DOC + "knownissues.html", L.K8S_DOC + "bp/network/hostnetwork.html",
             L.DEPLOYMENT_MAPPER),
      example=Example({"HostConfig": {"NetworkMode": "Host"}, "NetworkingConfig": {"EndpointsConfig": {"host": {}}}},
          {"HostConfig": {"NetworkMode": "Host"}}, at="createOptions"))
def check_host_network(r: Rule, ctx: Context) -> Iterator[Finding]:
    first: str | None = None
    for module in ctx.modules:
        if not host_network(module):
            continue
        host, options = module.host_config, module.create_options
        assert host is not None and options is not None
        mode = host.get("NetworkMode")
        edits = []
        blanks = mode != mode.strip()  # the runtime ignores case, not blanks: " host " is not the host network
        if blanks:
            edits.append(Edit("replace", host.at("NetworkMode"), mode.strip()))
        spellings = options.variants("NetworkingConfig")
        networking = spellings[0] if spellings else None
        edits.extend(Edit("remove", join(options.pointer, key)) for key in spellings)
        if edits:
            if networking is None:
                message = _("Network mode \"{mode}\" is written without blanks, which the runtime does not "
                            "ignore").format(mode=mode)
            elif blanks:
                message = _("Network mode \"{mode}\" is written without blanks, which the runtime does not "
                            "ignore, and NetworkingConfig, which Kubernetes ignores, is removed").format(mode=mode)
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
      "module listed. Counted as the runtime builds Services: a module gets one only if some port reaches its "
      "Service — a binding whose `HostPort` is not an integer (`\"\"` too) is dropped — and modules made ClusterIP "
      "through `k8s-experimental.serviceOptions`, or with only `ExposedPorts` (ClusterIP in the code), need "
      "none; a port binding NET001 offers for such a module would need one more. Find the IPs later with "
      "`iotedge list` or in the Kubernetes dashboard (namespace `iotedge`).",
      "Microsoft Learn: Troubleshoot IoT Edge issues on Azure Stack Edge Pro GPU; Kubernetes networking on "
      "Azure Stack Edge Pro GPU; Configure network, compute network, web proxy; Azure/iotedge "
      "release/1.1-k8s-preview, edge-agent/…/Kubernetes/edgedeployment/service/KubernetesServiceMapper.cs and "
      "PortExtensions.cs",
      before='"PortBindings": {"5000/tcp": [{"HostPort": "5000"}]}',
      after="(the external service IP range holds at least 2 IPs: edgeHub + this module)",
      links=(L.K8S_NETWORKING, L.NETWORK_PROXY, L.SERVICE_MAPPER, L.PORT_EXTENSIONS))
def check_external_ips(r: Rule, ctx: Context) -> Iterator[Finding]:
    hub = ctx.module("edgeHub")
    default_type = ctx.settings.service_type
    exposed_modules = [m for m in ctx.user_modules if gets_load_balancer(device_of(ctx, m))]
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
    optional = [m.name for m in ctx.user_modules
                if unbound_exposed(m) and not gets_load_balancer(device_of(ctx, m))
                and not binding_changes_nothing(device_of(ctx, m), default_type)]
    if optional:
        message += " " + _("One more for each of {modules} if you accept NET001's port binding.").format(
            modules=", ".join(optional))
    # shown where the IPs come from: each exposed module's port bindings (edgeHub's when no module has any)
    sources = exposed_modules or ([hub] if hub is not None else [])
    places = tuple(_bindings_pointer(m) for m in sources)
    yield Finding(r, None, pointer, message, todo=todo, places=places)


def _bindings_pointer(module: ModuleView) -> str:
    """A module's PortBindings, or its createOptions (or the module) where it has none."""
    bindings = module.host_config.section("PortBindings") if module.host_config else None
    return bindings.pointer if bindings else (module.create_options_pointer or module.pointer)


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
      after='"k8s-experimental": {"serviceOptions": {"type": "ClusterIP"}} (when only other modules call it)',
      links=(L.FPGA_TO_GPU + "#network", L.K8S_NETWORKING),
      example=Example({"HostConfig": {"PortBindings": {"5000/tcp": [{"HostPort": "5000"}]}}},
          {"HostConfig": {"PortBindings": {"5000/tcp": [{"HostPort": "5000"}]}},
          "k8s-experimental": {"serviceOptions": {"type": "ClusterIP"}}}, at="createOptions"))
def check_service_exposure(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.user_modules:
        if has_service_options(module) or not gets_load_balancer(device_of(ctx, module)):
            continue
        host = module.host_config
        assert host is not None  # a LoadBalancer without serviceOptions has a PortBindings key
        pointer = host.at("PortBindings")
        param = Param("service", _("Service type"), "enum", "LoadBalancer", options=("LoadBalancer", "ClusterIP"))

        def build(values: dict[str, Any], module: ModuleView = module) -> list[Edit]:
            if values["service"] == "ClusterIP":
                return [Edit("add", k8s_at(module, "serviceOptions", key="type"), "ClusterIP")]
            return []

        yield Finding(r, module.name, pointer,
                      _("{module} gets an external IP (LoadBalancer); choose ClusterIP if only other modules call "
                        "it").format(module=module.name),
                      params=(param,), build=build)
