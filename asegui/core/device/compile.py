"""The converted manifest compiled into the Kubernetes objects the device's runtime creates.

Follows the Kubernetes edge agent of Azure Stack Edge Pro GPU (Azure/iotedge ``release/1.1-k8s-preview``, the
"0.1.0-beta15" agent ASE ships), paths as in ``shared/reference/runtime-audit.md``: ``A/`` is
``edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Kubernetes/``. Each mapping function names the runtime
function it follows. What the runtime would throw on, or the API server would refuse, is collected as
:class:`Problem` records (the rules in ``rules/on_device.py`` turn them into findings): one of them aborts the
whole deployment (runtime-audit.md §1.3).

Left out on purpose, as bookkeeping no engineer acts on: ``ownerReferences`` (they name the EdgeDeployment's
uid, known only on the device) and the ``net.azure-devices.edge.creationstring`` annotation (a copy of the
object). The IoT hub's host name and the device id are not in a manifest: placeholders stand for them.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from msgspec import Struct, field

from ..document import Document
from ..i18n import _
from ..model import find_key, member
from ..pointers import join, resolve
from ..renames import map_pointer
from . import names
from .ports import ServicePort, container_ports, exposed_ports, host_ports, service_ports
from .settings import DEFAULT, DeviceSettings
from .volumes import Volumes, collect

NAMESPACE = "iotedge"                              # ASE's namespace for IoT Edge (ASE networking article)
HUB_PLACEHOLDER = "your-hub.azure-devices.net"      # the IoT hub's host name: not in a manifest
DEVICE_PLACEHOLDER = "your-gpu-device"              # the device id: not in a manifest
EDGE_HOSTNAME_PLACEHOLDER = "your-gpu-device-hostname"
PROXY_IMAGE = "azureiotedge/azureiotedge-proxy:0.1.0-beta15"  # kubernetes/charts/edge-kubernetes/values.yaml
WORKLOAD_URI = "http://localhost:35001/"           # the proxy sidecar, inside the pod (chart: workload 35001)
MANAGEMENT_URI = "http://localhost:35000/"
WORKLOAD_API_VERSION = "2019-11-05"
MODULE_LABEL = "net.azure-devices.edge.module"      # A/Constants.cs
DEVICE_LABEL = "net.azure-devices.edge.deviceid"
DEVICE_LABEL_VALUE = names.label_value(DEVICE_PLACEHOLDER)  # SanitizeLabelValue(deviceId), the same for every object
ORIGINAL_MODULE_ID = "net.azure-devices.edge.original-moduleid"
GPU_RESOURCE = "nvidia.com/gpu"
MASK = "••••"
DOCKER_HUB = "https://index.docker.io/v1/"  # D/Constants.cs DefaultRegistryAddress
_IMAGE = re.compile(r"^(?P<repo>([^/]*/)*)(?P<image>[^/:]+)(?P<tag>:[^/:]+)?$")  # D/DockerConfig.cs ImageRegex
EXPERIMENTAL = "k8s-experimental"
_SERVICE_TYPES = {name.lower(): name for name in ("ClusterIP", "NodePort", "LoadBalancer")}  # PortMapServiceType
EXPERIMENTAL_KEYS = ("nodeSelector", "resources", "volumes", "securityContext", "serviceOptions", "strategy")


class Problem(Struct):
    """Something the runtime throws on, the API server refuses, or the device cannot give.

    ``kind`` names the check (the rule in ``rules/on_device.py`` that reports it); ``module`` is the module's
    name in the input; ``pointer`` is where in the input manifest it lives (it may name a member an accepted fix
    added); ``values`` fill the finding's message."""

    kind: str
    module: str | None
    pointer: str
    values: dict[str, Any] = field(default_factory=dict)


class DeviceModule(Struct):
    """One module as the device will run it: its objects and the facts rules read."""

    name: str                     # the module's name in the input
    output_name: str              # after accepted renames
    k8s_name: str                 # SanitizeK8sValue(output name): every object's name
    system: bool
    pointer: str                  # the module in the input
    objects: list[dict[str, Any]] = field(default_factory=list)
    service: dict[str, Any] | None = None
    ports: list[ServicePort] = field(default_factory=list)
    lost_ports: list[ServicePort] = field(default_factory=list)
    volumes: Volumes | None = None
    gpus: int = 0                 # nvidia.com/gpu asked for (limits), 0 when stopped
    gpu_limit: int = 0            # nvidia.com/gpu in the limits, whether or not the module runs
    chosen_service_type: str | None = None  # serviceOptions.type as the runtime parses it (None: not given)
    pull_secret: str | None = None
    deployment: dict[str, Any] = field(default_factory=dict)

    @property
    def service_type(self) -> str | None:
        return self.service["spec"]["type"] if self.service else None


class DevicePreview(Struct):
    """Everything the device creates for one manifest, in the order the runtime applies it."""

    settings: DeviceSettings
    secrets: list[dict[str, Any]]
    edge_deployment: dict[str, Any]
    modules: list[DeviceModule]
    problems: list[Problem]
    claims: list[dict[str, Any]] = field(default_factory=list)
    _by_name: dict[str, DeviceModule] = field(default_factory=dict)

    @property
    def objects(self) -> list[dict[str, Any]]:
        """Image-pull Secrets, the EdgeDeployment, per module its ServiceAccount, Service and Deployment, then the
        claims (``EdgeDeploymentController`` applies claims last, one per name)."""
        result = [*self.secrets, self.edge_deployment]
        for module in self.modules:
            result.extend(module.objects)
        result.extend(self.claims)
        return result

    def module(self, name: str) -> DeviceModule | None:
        """The module named ``name`` in the input (the first, if two are)."""
        if not self._by_name and self.modules:
            for module in reversed(self.modules):
                self._by_name[module.name] = module
        return self._by_name.get(name)

    def summary(self) -> dict[str, Any]:
        """The line the window and the report show: what the device must give."""
        services: dict[str, int] = {}
        for module in self.modules:
            if module.service_type:
                services[module.service_type] = services.get(module.service_type, 0) + 1
        claims = [c["metadata"]["name"] for c in self.claims]
        return {"deployments": sum(1 for m in self.modules), "services": services,
                "external_ips": services.get("LoadBalancer", 0), "claims": claims,
                "gpus": sum(m.gpus for m in self.modules), "device_gpus": self.settings.gpus}


def compile_device(doc: Document, root: Any, renames: dict[str, str] | None = None,
                   settings: DeviceSettings | None = None, objects: bool = True) -> DevicePreview:
    """The objects for ``root`` (the converted manifest, createOptions expanded) of ``doc``.

    ``objects=False`` compiles only the facts rules read of the manifest as written (names, Service ports and
    type, volumes, GPUs, name problems), not the objects themselves (Deployments, Secrets, the EdgeDeployment):
    the device checks compile the converted manifest in full."""
    settings = settings or DEFAULT
    renames = renames or {}
    problems: list[Problem] = []
    agent = resolve(root, map_pointer(doc.agent, renames)) if doc.agent else None
    credentials = _credentials(agent)
    modules: list[DeviceModule] = []
    secrets: dict[str, dict[str, Any]] = {}
    spec: list[dict[str, Any]] = []
    for ref in doc.modules:
        out_pointer = map_pointer(ref.pointer, renames)
        data = resolve(root, out_pointer)
        if not isinstance(data, dict):
            continue
        output_name = out_pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        if ref.key != ref.name:  # layered: "properties.desired.modules.<name>"
            output_name = output_name.split(".", 3)[-1]
        module_id = f"${output_name}" if ref.system else output_name
        module = DeviceModule(ref.name, output_name, names.k8s_value(module_id, strict=False),  # over 63: object-name
                              ref.system, ref.pointer)
        modules.append(module)
        options = resolve(data, "/settings/createOptions") if ref.co_form not in ("absent", "invalid") else None
        options = options if isinstance(options, dict) else {}
        image = _image(data, module, problems)
        if objects:
            secret = _pull_secret(image, credentials, module, problems, doc)
            if secret is not None:
                module.pull_secret = secret["metadata"]["name"]
                secrets.setdefault(module.pull_secret, secret)
            spec.append(_spec_module(output_name, data, image, options, module.pull_secret))
        _map_module(module, data, options, image, settings, problems, ref.create_options_pointer, objects)
    _check_names(modules, problems)
    edge_deployment = {"apiVersion": "microsoft.azure.devices.edge/v1", "kind": "EdgeDeployment",
                       "metadata": {"name": f"{names.k8s_value(HUB_PLACEHOLDER)}-{names.k8s_value(DEVICE_PLACEHOLDER)}",
                                    "namespace": NAMESPACE},
                       "spec": spec}
    return DevicePreview(settings, list(secrets.values()), edge_deployment, modules, problems, _claims(modules))


def _spec_module(name: str, data: dict[str, Any], image: str, options: dict[str, Any],
                 secret: str | None) -> dict[str, Any]:
    """``A/KubernetesModule.cs`` as ``EdgeDeploymentSerialization`` writes it: ``settings`` is a JSON string of the
    image, createOptions and the pull secret's name (``ObjectToStringConverter<KubernetesConfig>``)."""
    entry: dict[str, Any] = {"name": name}
    for key in ("version", "type", "status", "restartPolicy", "imagePullPolicy"):
        if key in data:
            entry[key] = data[key]
    env = data.get("env")
    entry["env"] = env if isinstance(env, dict) else {}
    settings = {"image": image, "createOptions": options, "auth": {"name": secret} if secret else None}
    entry["settings"] = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
    return entry


def _labels(module: DeviceModule) -> dict[str, str]:
    """``EdgeDeploymentController.DeployModulesAsync``: the module and device labels of every module object."""
    return {MODULE_LABEL: module.k8s_name, DEVICE_LABEL: DEVICE_LABEL_VALUE}


def _metadata(module: DeviceModule, **extra: Any) -> dict[str, Any]:
    return {"name": module.k8s_name, "namespace": NAMESPACE, "labels": _labels(module), **extra}


def _image(data: dict[str, Any], module: DeviceModule, problems: list[Problem]) -> str:
    """``D/DockerConfig.ValidateAndGetImage``: ``:latest`` added to an untagged image; a malformed one throws."""
    settings = data.get("settings")
    image = settings.get("image") if isinstance(settings, dict) else None
    text = image.strip() if isinstance(image, str) else ""
    pointer = join(module.pointer, "settings", "image")
    if text.lower().startswith("$upstream"):
        problems.append(Problem("upstream-image", module.name, pointer, {"image": text}))
    match = _IMAGE.match(text)
    if not text or not match:
        problems.append(Problem("bad-image", module.name, pointer, {"image": text}))
        return text
    return text if match.group("tag") else f"{text}:latest"


def _credentials(agent: Any) -> list[tuple[str, dict[str, Any]]]:
    """``$edgeAgent``'s ``runtime.settings.registryCredentials`` (``agent`` is its desired properties): (key,
    credential) in the manifest's order."""
    found = resolve(agent, "/runtime/settings/registryCredentials") if agent else None
    return [(k, v) for k, v in found.items() if isinstance(v, dict)] if isinstance(found, dict) else []


def _registry(image: str) -> str | None:
    """``D/DockerUtil.TryParseDomainFromImage``: the first path part if it holds '.' or ':', Docker Hub for other
    images with a path, nothing for a bare name."""
    parts = image.split("/")
    if len(parts) < 2:
        return None
    return parts[0] if ("." in parts[0] or ":" in parts[0]) else DOCKER_HUB


def _pull_secret(image: str, credentials: list[tuple[str, dict[str, Any]]], module: DeviceModule,
                 problems: list[Problem], doc: Document) -> dict[str, Any] | None:
    """``A/edgedeployment/ImagePullSecret.cs`` and ``EdgeDeploymentCommand.CreateSecret``: the first credential whose
    address is the image's registry (ignoring case); the password never leaves this function unmasked."""
    registry = _registry(image)
    if registry is None:
        return None
    for key, credential in credentials:
        address, username = credential.get("address"), credential.get("username")
        if not isinstance(address, str) or address.lower() != registry.lower():
            continue
        user = username if isinstance(username, str) else ""
        try:
            name = names.pull_secret_name(user, address)
        except names.InvalidName as exc:
            pointer = join(doc.agent or "", "runtime", "settings", "registryCredentials", key)
            problems.append(Problem("secret-name", module.name, pointer, {"address": address, "reason": str(exc)}))
            return None
        auth = {"auths": {address: {"username": user, "password": MASK,
                                    "auth": _base64(f"{user}:{MASK}")}}}
        return {"apiVersion": "v1", "kind": "Secret",
                "metadata": {"name": name, "namespace": NAMESPACE,
                             "labels": {DEVICE_LABEL: DEVICE_LABEL_VALUE}},
                "type": "kubernetes.io/dockerconfigjson",
                "data": {".dockerconfigjson": _base64(json.dumps(auth, ensure_ascii=False))}}
    return None


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _experimental(options: dict[str, Any]) -> dict[str, Any]:
    """``A/KubernetesExperimentalCreatePodParameters.Parse``: ``k8s-experimental`` spelt exactly, its keys in any
    case (the last spelling wins)."""
    section = options.get(EXPERIMENTAL)
    if not isinstance(section, dict):
        return {}
    return {key: member(section, key) for key in EXPERIMENTAL_KEYS
            if find_key(section, key, last_wins=True) is not None}


def _map_module(module: DeviceModule, data: dict[str, Any], options: dict[str, Any], image: str,
                settings: DeviceSettings, problems: list[Problem], co_pointer: str, objects: bool = True) -> None:
    experimental = _experimental(options)
    host_key = find_key(options, "HostConfig", last_wins=True) or "HostConfig"
    host = options.get(host_key) if isinstance(options.get(host_key), dict) else None
    annotations = _annotations(module, options, problems, co_pointer) if objects else {}

    # A/edgedeployment/serviceaccount/KubernetesServiceAccountMapper.CreateServiceAccount
    if objects:
        module.objects.append({"apiVersion": "v1", "kind": "ServiceAccount",
                               "metadata": _metadata(module, annotations={ORIGINAL_MODULE_ID: module.output_name})})

    # A/edgedeployment/service/KubernetesServiceMapper.PrepareService
    exposed_key = find_key(options, "ExposedPorts", last_wins=True) or "ExposedPorts"
    exposed = exposed_ports(options.get(exposed_key))
    bindings_key = find_key(host, "PortBindings", last_wins=True) if host else None
    bound = host_ports(host.get(bindings_key), host_key, bindings_key) if host and bindings_key else []
    module.ports, module.lost_ports = service_ports(exposed, bound)
    service_options = experimental.get("serviceOptions")
    service_options = service_options if isinstance(service_options, dict) else {}
    chosen = _SERVICE_TYPES.get(str(member(service_options, "type")).lower())  # Enum.TryParse, ignoring case
    module.chosen_service_type = chosen
    if module.ports:
        only_exposed = not (host and bindings_key and host.get(bindings_key) is not None)
        service_type = chosen or ("ClusterIP" if only_exposed else settings.service_type)
        spec: dict[str, Any] = {"type": service_type}
        load_balancer_ip = member(service_options, "loadBalancerIP")
        if isinstance(load_balancer_ip, str):
            spec["loadBalancerIP"] = load_balancer_ip
        spec["ports"] = [port.to_json() for port in module.ports]
        spec["selector"] = _labels(module)
        module.service = {"apiVersion": "v1", "kind": "Service",
                          "metadata": _metadata(module, annotations=dict(annotations)), "spec": spec}
        if objects:
            module.objects.append(module.service)

    # A/edgedeployment/deployment/KubernetesDeploymentMapper.CollectModuleVolumes
    volumes_value = experimental.get("volumes")
    module.volumes = collect(host, host_key, volumes_value, (EXPERIMENTAL, "volumes"))
    for problem in module.volumes.problems:
        problems.append(Problem(f"volume-{problem.kind}", module.name, join(co_pointer, *problem.source),
                                {"reason": problem.message, "name": problem.message,
                                 "sources": [v.host_path or v.name for v in problem.volumes]}))

    module.gpu_limit = _gpu_limit(experimental.get("resources"))
    module.gpus = 0 if _stopped(data) else module.gpu_limit
    if objects:
        module.deployment = _deployment(module, data, options, host, experimental, image, annotations, settings)
        module.objects.append(module.deployment)


def _annotations(module: DeviceModule, options: dict[str, Any], problems: list[Problem],
                 co_pointer: str) -> dict[str, str]:
    """Docker ``Labels`` become annotations, keys through ``KubeUtils.SanitizeAnnotationKey`` (which throws on a name
    part over 63 characters)."""
    labels_key = find_key(options, "Labels", last_wins=True)
    labels = options.get(labels_key) if labels_key else None
    result: dict[str, str] = {}
    for key, value in (labels.items() if isinstance(labels, dict) else ()):
        try:
            result[names.annotation_key(key)] = value if isinstance(value, str) else json.dumps(value)
        except names.InvalidName as exc:
            problems.append(Problem("label-key", module.name, join(co_pointer, labels_key or "Labels", key),
                                    {"key": key, "reason": str(exc)}))
    return result


def _env(module: DeviceModule, data: dict[str, Any], options: dict[str, Any],
         service_type: str) -> list[dict[str, str]]:
    """``KubernetesDeploymentMapper.CollectModuleEnv``: the module's ``env``, then createOptions ``Env`` (split at
    the first '='; entries without one, or starting with one, dropped), then the runtime's own variables."""
    env: list[dict[str, str]] = []
    section = data.get("env")
    for name, item in (section.items() if isinstance(section, dict) else ()):
        value = item.get("value") if isinstance(item, dict) else None
        env.append({"name": name, "value": _text(value)})
    entries = member(options, "Env")
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, str) and entry.find("=") > 0:
            name, _sep, value = entry.partition("=")
            env.append({"name": name, "value": value})
    env.append({"name": "IOTEDGE_IOTHUBHOSTNAME", "value": HUB_PLACEHOLDER})
    env.append({"name": "IOTEDGE_AUTHSCHEME", "value": "sasToken"})
    if not any(e["name"] == "RuntimeLogLevel" for e in env):
        env.append({"name": "RuntimeLogLevel", "value": "Information"})
    env.append({"name": "IOTEDGE_WORKLOADURI", "value": WORKLOAD_URI})
    env.append({"name": "IOTEDGE_MODULEGENERATIONID", "value": "<set by the device>"})
    env.append({"name": "IOTEDGE_DEVICEID", "value": DEVICE_PLACEHOLDER})
    env.append({"name": "IOTEDGE_MODULEID", "value": f"${module.output_name}" if module.system
                else module.output_name})
    env.append({"name": "IOTEDGE_APIVERSION", "value": WORKLOAD_API_VERSION})
    if module.system and module.output_name == "edgeAgent":  # the agent's own settings (values of ASE's chart)
        env.extend({"name": name, "value": value} for name, value in (
            ("Mode", "kubernetes"), ("IOTEDGE_MANAGEMENTURI", MANAGEMENT_URI), ("NetworkId", "azure-iot-edge"),
            ("ProxyImage", PROXY_IMAGE), ("ProxyConfigPath", "/etc/iotedge-proxy"),
            ("ProxyConfigVolume", "config-volume"),
            ("ProxyConfigMapName", "iotedged-proxy-config"), ("ProxyTrustBundlePath", "/etc/trust-bundle"),
            ("ProxyTrustBundleVolume", "trust-bundle-volume"),
            ("ProxyTrustBundleConfigMapName", "iotedged-proxy-trust-bundle"), ("K8sNamespace", NAMESPACE),
            ("RunAsNonRoot", "False"), ("PortMappingServiceType", service_type),
            ("EnableK8sServiceCallTracing", "False"), ("UseMountSourceForVolumeName", "True")))
    env.append({"name": "EdgeDeviceHostName", "value": EDGE_HOSTNAME_PLACEHOLDER})
    if not module.system:
        env.append({"name": "IOTEDGE_GATEWAYHOSTNAME", "value": "edgehub"})
    return env


def _text(value: Any) -> str:
    """An env value as the runtime's string (C# prints booleans capitalised)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    return "" if value is None else json.dumps(value)


def _host_mode(host: dict[str, Any] | None, key: str) -> bool | None:
    """``IsHostNetwork``/``IsHostIpc``/``IsHostPid``: the mode compared with ``host`` ignoring case; unset stays
    unset."""
    value = member(host, key) if host else None
    return value.lower() == "host" if isinstance(value, str) else None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    return [item if isinstance(item, str) else json.dumps(item) for item in value] if isinstance(value, list) else None


def _deployment(module: DeviceModule, data: dict[str, Any], options: dict[str, Any], host: dict[str, Any] | None,
                experimental: dict[str, Any], image: str, annotations: dict[str, str],
                settings: DeviceSettings) -> dict[str, Any]:
    """``KubernetesDeploymentMapper.PrepareDeployment``, ``GetPod``, ``PrepareModuleContainer``,
    ``PrepareProxyContainer``."""
    assert module.volumes is not None
    container: dict[str, Any] = {"name": module.k8s_name, "image": image, "env": _env(module, data, options,
                                                                                 settings.service_type)}
    command, args = _strings(member(options, "Entrypoint")), _strings(member(options, "Cmd"))
    if command is not None:
        container["command"] = command
    if args is not None:
        container["args"] = args
    working_dir = member(options, "WorkingDir")
    if isinstance(working_dir, str):
        container["workingDir"] = working_dir
    ports = container_ports(member(options, "ExposedPorts"))
    if ports:
        container["ports"] = ports
    if module.volumes.mounts:
        container["volumeMounts"] = module.volumes.mounts
    if host and member(host, "Privileged") is True:
        container["securityContext"] = {"privileged": True}
    resources = experimental.get("resources")
    if isinstance(resources, dict):
        container["resources"] = resources
    proxy = {"name": "proxy", "image": PROXY_IMAGE, "env": [{"name": "PROXY_LOG", "value": "Info"}],
             "volumeMounts": [{"name": "config-volume", "mountPath": "/etc/iotedge-proxy", "readOnly": True},
                              {"name": "trust-bundle-volume", "mountPath": "/etc/trust-bundle"}]}
    pod: dict[str, Any] = {"containers": [proxy, container],
                           "volumes": [{"name": "config-volume", "configMap": {"name": "iotedged-proxy-config"}},
                                       {"name": "trust-bundle-volume",
                                        "configMap": {"name": "iotedged-proxy-trust-bundle"}},
                                       *(v.to_json() for v in module.volumes.volumes)]}
    if module.pull_secret:
        pod["imagePullSecrets"] = [{"name": module.pull_secret}]
    security = experimental.get("securityContext")
    if isinstance(security, dict):
        pod["securityContext"] = security
    pod["serviceAccountName"] = module.k8s_name
    node_selector = experimental.get("nodeSelector")
    if isinstance(node_selector, dict):
        pod["nodeSelector"] = node_selector
    for field_name, key in (("hostIPC", "IpcMode"), ("hostNetwork", "NetworkMode"), ("hostPID", "PidMode")):
        mode = _host_mode(host, key)
        if mode is not None:
            pod[field_name] = mode
    if pod.get("hostNetwork"):
        pod["dnsPolicy"] = "ClusterFirstWithHostNet"
    template_annotations = {**annotations, ORIGINAL_MODULE_ID: module.output_name}
    spec: dict[str, Any] = {"replicas": 0 if _stopped(data) else 1,
                            "selector": {"matchLabels": _labels(module)}}
    strategy = experimental.get("strategy")
    if isinstance(strategy, dict):
        spec["strategy"] = strategy
    spec["template"] = {"metadata": {"name": module.k8s_name, "labels": _labels(module),
                                     "annotations": template_annotations}, "spec": pod}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": _metadata(module), "spec": spec}


def _claims(modules: list[DeviceModule]) -> list[dict[str, Any]]:
    """``EdgeDeploymentController.DeployModulesAsync``: one claim per volume Mount of every module, grouped by name,
    the first kept (so a share mounted read-only first asks ReadOnlyMany)."""
    claims: dict[str, dict[str, Any]] = {}
    for module in modules:
        for mount in module.volumes.mount_claims if module.volumes else ():
            claims.setdefault(mount[0], _claim(*mount))
    return list(claims.values())


def _claim(name: str, read_only: bool) -> dict[str, Any]:
    """``A/edgedeployment/pvc/KubernetesPvcMapper.ExtractPvc``; on ASE the claim binds the share's
    PersistentVolume of the same name (ASE Kubernetes storage article), so ``volumeName`` is the share."""
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": name, "namespace": NAMESPACE,
                         "labels": {DEVICE_LABEL: DEVICE_LABEL_VALUE}},
            "spec": {"accessModes": ["ReadOnlyMany" if read_only else "ReadWriteMany"],
                     "resources": {"requests": {"storage": "100Mi"}}, "volumeName": name}}


def _stopped(data: dict[str, Any]) -> bool:
    """``KubernetesDeploymentMapper.PrepareDeployment``: 0 replicas when the desired status is stopped."""
    return str(data.get("status", "")).lower() == "stopped"


def _gpu_limit(resources: Any) -> int:
    """``nvidia.com/gpu`` the module's pod asks for (limits of its ``k8s-experimental`` resources, copied to the
    container as written; the device plugin reads the limits)."""
    limits = member(resources, "limits") if isinstance(resources, dict) else None
    value = limits.get(GPU_RESOURCE) if isinstance(limits, dict) else None
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 6:
        return int(value.strip())
    return 0


def _check_names(modules: list[DeviceModule], problems: list[Problem]) -> None:
    """``A/planners/KubernetesPlanner.PlanAsync``: two modules that sanitize to one name refuse the deployment; a
    name with nothing left after sanitizing is refused by the API server."""
    by_name: dict[str, list[DeviceModule]] = {}
    for module in modules:
        by_name.setdefault(module.k8s_name, []).append(module)
    for name, group in by_name.items():
        if len(group) > 1 or not name:
            for module in group:
                problems.append(Problem("name-collision" if name else "empty-name", module.name, module.pointer,
                                        {"name": name, "modules": ", ".join(m.output_name for m in group)}))
    for module in modules:
        name = module.k8s_name
        if not name:
            continue
        refused = [what for what, ok in ((_("the container's name and the module label (a DNS-1123 label)"),
                                          names.is_dns1123_label(name)),
                                         (_("the Service's name (a DNS-1035 label: it must start with a letter)"),
                                          module.service is None or names.is_dns1035_label(name)))
                   if not ok]
        if refused:
            problems.append(Problem("object-name", module.name, module.pointer,
                                    {"name": name, "refused": "; ".join(refused)}))
