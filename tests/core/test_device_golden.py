"""Golden tests for the device model: the Kubernetes objects the GPU device's runtime makes of a manifest.

Every expectation here was derived from the runtime's own code and unit tests, not from ``asegui.core.device``:
GitHub ``Azure/iotedge``, ref ``archive/release/1.1-k8s-preview`` (the agent ASE ships as "0.1.0-beta15").
Path prefixes: ``A/`` = ``edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Kubernetes/``,
``D/`` = ``edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Docker/``,
``C/`` = ``edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Core/``,
``T/`` = ``edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/``.
Each test is named after the runtime test it follows (snake_case); where the runtime has no test for a
behaviour, the test is named after the runtime method and says so.

Values the manifest cannot give (device id, hub host name, the proxy's image and ConfigMap names, the workload
URI, the API version, the log level) are device configuration: the tests check only that they are where the
runtime puts them, never their value.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from typing import Any

from asegui.core import convert, preview
from asegui.core.device import DeviceSettings
from tests.helpers import manifest, module

MODULE_LABEL = "net.azure-devices.edge.module"  # A/Constants.cs K8sEdgeModuleLabel
DEVICE_LABEL = "net.azure-devices.edge.deviceid"  # A/Constants.cs K8sEdgeDeviceLabel
ORIGINAL_ID = "net.azure-devices.edge.original-moduleid"  # A/Constants.cs K8sEdgeOriginalModuleId
NAMESPACE = "iotedge"  # the ASE device namespace
PULL_SECRET_TYPE = "kubernetes.io/dockerconfigjson"  # A/Constants.cs K8sPullSecretType
PULL_SECRET_KEY = ".dockerconfigjson"  # A/Constants.cs K8sPullSecretData

# The variables A/edgedeployment/deployment/KubernetesDeploymentMapper.cs CollectModuleEnv appends, in order,
# after the module's own env (names from C/Constants.cs and edge-util Logger.RuntimeLogLevelEnvKey).
RUNTIME_ENV = ["IOTEDGE_IOTHUBHOSTNAME", "IOTEDGE_AUTHSCHEME", "RuntimeLogLevel", "IOTEDGE_WORKLOADURI",
               "IOTEDGE_MODULEGENERATIONID", "IOTEDGE_DEVICEID", "IOTEDGE_MODULEID", "IOTEDGE_APIVERSION",
               "EdgeDeviceHostName"]

PUBLIC_IMAGE = "mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.0"


# helpers -------------------------------------------------------------------------------------------------------

def with_credentials(data: bytes, credentials: dict[str, dict[str, str]]) -> bytes:
    """The manifest with ``runtime.settings.registryCredentials`` set."""
    document = json.loads(data)
    desired = document["modulesContent"]["$edgeAgent"]["properties.desired"]
    desired["runtime"]["settings"]["registryCredentials"] = credentials
    return json.dumps(document).encode("utf-8")


def compile_objects(data: bytes, reject: Iterable[str] = (), settings: DeviceSettings | None = None) -> list[dict]:
    """The preview of the converted manifest, with the tool's fixes of the codes in ``reject`` rejected."""
    settings = settings or DeviceSettings()
    result = convert(data, None, settings=settings)
    codes = set(reject)
    decisions = {f.id: {"accepted": False} for f in result.findings if f.code in codes}
    if decisions:
        result = convert(data, decisions, settings=settings)
    objects = preview(result)
    assert isinstance(objects, list) and all(isinstance(o, dict) for o in objects)
    json.dumps(objects)  # plain JSON-able
    return objects


def find_all(objects: list[dict], kind: str, name: str | None = None) -> list[dict]:
    return [o for o in objects if o.get("kind") == kind and (name is None or o["metadata"]["name"] == name)]


def find(objects: list[dict], kind: str, name: str) -> dict:
    found = find_all(objects, kind, name)
    assert len(found) == 1, f"expected one {kind} {name!r}, found {len(found)}: " \
                            f"{[(o.get('kind'), o['metadata'].get('name')) for o in objects]}"
    return found[0]


def names(objects: list[dict], kind: str) -> list[str]:
    return [o["metadata"]["name"] for o in find_all(objects, kind)]


def pod_spec(deployment: dict) -> dict:
    return deployment["spec"]["template"]["spec"]


def container(deployment: dict, name: str) -> dict:
    found = [c for c in pod_spec(deployment)["containers"] if c["name"] == name]
    assert len(found) == 1, [c["name"] for c in pod_spec(deployment)["containers"]]
    return found[0]


def env_pairs(c: dict) -> list[tuple[str, Any]]:
    return [(e["name"], e.get("value")) for e in c.get("env") or []]


def env_names(c: dict) -> list[str]:
    return [name for name, _ in env_pairs(c)]


def env_value(c: dict, name: str) -> Any:
    values = [value for n, value in env_pairs(c) if n == name]
    assert len(values) == 1, (name, values)
    return values[0]


def mounts(c: dict) -> list[dict]:
    return list(c.get("volumeMounts") or [])


def volumes(deployment: dict) -> list[dict]:
    return list(pod_spec(deployment).get("volumes") or [])


def ports_by_number(service: dict) -> dict[int, dict]:
    ports = service["spec"]["ports"]
    by_number = {p["port"]: p for p in ports}
    assert len(by_number) == len(ports), ports
    return by_number


def labels_of(obj: dict) -> dict:
    return dict(obj["metadata"].get("labels") or {})


def annotations_of(meta: dict) -> dict:
    return dict(meta.get("annotations") or {})


def decoded_docker_config(secret: dict) -> dict:
    return json.loads(base64.b64decode(secret["data"][PULL_SECRET_KEY]))


def strings_in(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


def leaks(value: Any, secret: str, depth: int = 3) -> bool:
    """Whether ``secret`` is anywhere in ``value``: in a string, or in a string that is base64 of a text (nested)."""
    for text in strings_in(value):
        if secret in text:
            return True
        if depth and len(text) >= 4:
            try:
                inner = base64.b64decode(text, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError, ValueError):
                continue
            try:
                parsed: Any = json.loads(inner)
            except ValueError:
                parsed = inner
            if leaks(parsed, secret, depth - 1):
                return True
    return False


# names, ServiceAccounts, which modules get objects ----------------------------------------------------------

def test_sanitize_k8s_value_test():
    """KubeUtilsTest.SanitizeK8sValueTest + KubernetesServiceAccountMapperTest.RequiredMetadataExistsWhenCreated.

    A/ModuleIdentityExtensions.cs: every object's name is ``KubeUtils.SanitizeK8sValue(identity.ModuleId)``:
    lower-case, then drop every character outside ``[a-z0-9.-]`` (A/KubeUtils.cs), so ``My_Module`` →
    ``mymodule``. The module container is named the same (KubernetesDeploymentMapper.PrepareModuleContainer
    ``Name = name``); the original id survives in the ``original-moduleid`` annotation of the ServiceAccount and
    the pod (ModuleIdentityHelper.GetModuleName) and in ``IOTEDGE_MODULEID`` (CollectModuleEnv). NAM001's rename
    is rejected so the runtime sees ``My_Module`` itself.
    """
    objects = compile_objects(manifest({"My_Module": module({})}), reject={"NAM001"})
    account = find(objects, "ServiceAccount", "mymodule")
    assert annotations_of(account["metadata"])[ORIGINAL_ID] == "My_Module"
    deployment = find(objects, "Deployment", "mymodule")
    assert pod_spec(deployment)["serviceAccountName"] == "mymodule"
    assert annotations_of(deployment["spec"]["template"]["metadata"])[ORIGINAL_ID] == "My_Module"
    own = container(deployment, "mymodule")
    assert env_value(own, "IOTEDGE_MODULEID") == "My_Module"
    assert not find_all(objects, "Deployment", "My_Module")


def test_required_metadata_exists_when_created():
    """KubernetesServiceAccountMapperTest.RequiredMetadataExistsWhenCreated.

    A/edgedeployment/serviceaccount/KubernetesServiceAccountMapper.cs: a ServiceAccount per module, name =
    DeploymentName, exactly one annotation (``original-moduleid``), labels = the module's labels, which
    A/edgedeployment/EdgeDeploymentController.cs DeployModulesAsync builds as exactly ``{module: name,
    deviceid: SanitizeLabelValue(deviceId)}``. The planner gives no Role/RoleBinding to modules.
    """
    objects = compile_objects(manifest({"web": module({})}))
    account = find(objects, "ServiceAccount", "web")
    assert account["apiVersion"] == "v1"
    assert account["metadata"].get("namespace") == NAMESPACE
    assert annotations_of(account["metadata"]) == {ORIGINAL_ID: "web"}
    labels = labels_of(account)
    assert set(labels) == {MODULE_LABEL, DEVICE_LABEL}
    assert labels[MODULE_LABEL] == "web"
    assert isinstance(labels[DEVICE_LABEL], str) and labels[DEVICE_LABEL]
    assert not find_all(objects, "Role") and not find_all(objects, "RoleBinding")


def test_edge_agent_env_settings_have_lots_of_stuff():
    """KubernetesDeploymentMapperTest.EdgeAgentEnvSettingsHaveLotsOfStuff + KubeUtilsTest.SanitizeK8sValueTest.

    The agent plans ``DeploymentConfig.GetModuleSet()`` (C/DeploymentConfig.cs), which adds edgeHub and
    edgeAgent to the user modules; A/planners/KubernetesPlanner.cs puts all of them into the EdgeDeployment
    and the operator (A/edgedeployment/EdgeDeploymentController.cs) makes a ServiceAccount and a Deployment for
    each, named ``SanitizeK8sValue("$edgeAgent")`` = ``edgeagent`` and ``edgehub``
    (KubernetesDeploymentByCreationStringEqualityComparer even special-cases ``edgeagent``). The agent's
    container gets the agent-only variables of CollectModuleEnv: Mode=kubernetes, NetworkId=azure-iot-edge,
    K8sNamespace = the device namespace, PortMappingServiceType = the default service type, IOTEDGE_MANAGEMENTURI;
    system modules get EdgeDeviceHostName but no IOTEDGE_GATEWAYHOSTNAME. The agent's image is not checked: the
    runtime keeps the running agent's image (EdgeDeploymentCommand.FindAgentImageAsync).
    """
    objects = compile_objects(manifest({"web": module({})}))
    for name, original, identity in (("edgeagent", "edgeAgent", "$edgeAgent"), ("edgehub", "edgeHub", "$edgeHub")):
        account = find(objects, "ServiceAccount", name)
        assert annotations_of(account["metadata"])[ORIGINAL_ID] == original
        deployment = find(objects, "Deployment", name)
        assert annotations_of(deployment["spec"]["template"]["metadata"])[ORIGINAL_ID] == original
        own = container(deployment, name)
        assert env_value(own, "IOTEDGE_MODULEID") == identity
        assert "EdgeDeviceHostName" in env_names(own)
        assert "IOTEDGE_GATEWAYHOSTNAME" not in env_names(own)
    # edgeAgent's createOptions has no ports: no Service (KubernetesServiceMapper.PrepareService).
    assert not find_all(objects, "Service", "edgeagent")
    hub = container(find(objects, "Deployment", "edgehub"), "edgehub")
    assert "Mode" not in env_names(hub) and "IOTEDGE_MANAGEMENTURI" not in env_names(hub)
    agent = container(find(objects, "Deployment", "edgeagent"), "edgeagent")
    assert env_value(agent, "Mode") == "kubernetes"
    assert env_value(agent, "NetworkId") == "azure-iot-edge"
    assert env_value(agent, "K8sNamespace") == NAMESPACE
    assert env_value(agent, "PortMappingServiceType") == "LoadBalancer"
    assert "IOTEDGE_MANAGEMENTURI" in env_names(agent)


# Services -----------------------------------------------------------------------------------------------------

def test_no_port_in_options_creates_no_service():
    """edgedeployment/service/KubernetesServiceMapperTest.NoPortInOptionsCreatesNoService.

    KubernetesServiceMapper.PrepareService returns None when neither ExposedPorts nor PortBindings give a port.
    """
    objects = compile_objects(manifest({"web": module({})}))
    assert not find_all(objects, "Service", "web")
    assert find(objects, "Deployment", "web")


def test_no_ports_exposed_means_no_service_created_for_edge_hub():
    """KubernetesServiceMapperTest.NoPortsExposedMeansNoServiceCreated, applied to edgeHub.

    No module gets edgeHub's ports added for it in the Kubernetes agent (only D/commands/CreateCommand.cs does
    that for Docker): an edgeHub whose createOptions has no ports has no Service at all, while every user
    module is still told IOTEDGE_GATEWAYHOSTNAME=edgehub (KubernetesDeploymentMapper.CollectModuleEnv).
    """
    objects = compile_objects(manifest({"web": module({})}, hub_create_options={}))
    assert not find_all(objects, "Service", "edgehub")
    assert find(objects, "Deployment", "edgehub")
    assert env_value(container(find(objects, "Deployment", "web"), "web"), "IOTEDGE_GATEWAYHOSTNAME") == "edgehub"


def test_create_service_exposed_ports_only_creates_cluster_ip():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceExposedPortsOnlyCreatesClusterIP.

    KubernetesServiceMapper.GetServiceType: with no PortBindings key (``onlyExposedPorts``) the type is
    ClusterIP whatever the default (LoadBalancer here, the ASE default). NET001's added binding is rejected.
    """
    objects = compile_objects(manifest({"web": module({"ExposedPorts": {"80/tcp": {}}})}),
                              reject={"NET001", "NET008"})
    service = find(objects, "Service", "web")
    assert service["apiVersion"] == "v1"
    assert service["metadata"].get("namespace") == NAMESPACE
    assert service["spec"]["type"] == "ClusterIP"


def test_create_service_exposed_ports_only_creates_exposed_port_service():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceExposedPortsOnlyCreatesExposedPortService.

    A/edgedeployment/service/PortExtensions.cs ExtractExposedPort: ``{port: p, name:
    "exposedport-<p>-<proto>" (lower-cased), protocol}`` with the protocol upper-cased as Kubernetes wants
    (PortAndProtocol.SupportedProtocols maps tcp/udp/sctp ignoring case to TCP/UDP/SCTP); no targetPort, so
    Kubernetes targets the same port.
    """
    objects = compile_objects(manifest({"web": module({"ExposedPorts": {"80/tcp": {}, "5000/udp": {}}})}),
                              reject={"NET001", "NET008"})
    ports = ports_by_number(find(objects, "Service", "web"))
    assert set(ports) == {80, 5000}
    assert ports[80]["name"] == "exposedport-80-tcp" and ports[80]["protocol"] == "TCP"
    assert ports[5000]["name"] == "exposedport-5000-udp" and ports[5000]["protocol"] == "UDP"
    for number, port in ports.items():
        assert port.get("targetPort") in (None, number)
        assert "nodePort" not in port


def test_default_protocol_is_tcp():
    """PortAndProtocolTest.DefaultProtocolIsTCP + UnableToParseUnsupportedProtocol.

    A/edgedeployment/service/PortAndProtocol.cs: ``"80"`` without a protocol is TCP; ``"5000/UDP"`` is matched
    ignoring case and the name is lower-cased (PortExtensions: ``.ToLowerInvariant()``); an unsupported protocol
    (``81/quic``) parses to nothing and is dropped from the Service and from the container ports.
    """
    objects = compile_objects(manifest({"web": module({"ExposedPorts": {"80": {}, "81/quic": {}, "5000/UDP": {}}})}),
                              reject={"NET001", "NET008"})
    ports = ports_by_number(find(objects, "Service", "web"))
    assert set(ports) == {80, 5000}
    assert ports[80]["name"] == "exposedport-80-tcp" and ports[80]["protocol"] == "TCP"
    assert ports[5000]["name"] == "exposedport-5000-udp" and ports[5000]["protocol"] == "UDP"
    own = container(find(objects, "Deployment", "web"), "web")
    assert sorted((p["containerPort"], p.get("protocol")) for p in own["ports"]) == [(80, "TCP"), (5000, "UDP")]


def test_unknown_protocol_does_not_create_service():
    """KubernetesServiceMapperTest.UnknownProtocolDoesNotCreateService + InvalidPortBindingDoesNotCreateAService.

    ``123/XXX`` and ``aa/TCP`` do not parse (PortAndProtocol.Parse), so no port and no Service; the container
    gets no port either (PortExtensions.GetContainerPorts filters the same way).
    """
    objects = compile_objects(manifest({"web": module({"ExposedPorts": {"123/XXX": {}, "aa/TCP": {}}})}),
                              reject={"NET001", "NET008"})
    assert not find_all(objects, "Service", "web")
    assert not container(find(objects, "Deployment", "web"), "web").get("ports")


def test_create_service_host_ports_creates_hostport_service():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceHostPortsCreatesHostportService.

    PortExtensions.ExtractHostPorts: a binding is ``{port: HostPort, targetPort: container port, name:
    "hostport-<container port>-<proto>", protocol}``. targetPort is an integer on the wire (the KubernetesClient
    IntOrString converter writes a number when the value parses as one; a string "80" would be a port *name*).
    """
    options = {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}], "5000/udp": [{"HostPort": "5050"}]}}}
    objects = compile_objects(manifest({"web": module(options)}))
    ports = ports_by_number(find(objects, "Service", "web"))
    assert set(ports) == {8080, 5050}
    assert ports[8080]["name"] == "hostport-80-tcp" and ports[8080]["protocol"] == "TCP"
    assert ports[8080]["targetPort"] == 80
    assert ports[5050]["name"] == "hostport-5000-udp" and ports[5050]["protocol"] == "UDP"
    assert ports[5050]["targetPort"] == 5000


def test_create_service_host_ports_creates_default_service_type():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceHostPortsCreatesDefaultServiceType.

    KubernetesServiceMapper.GetServiceType: with a PortBindings key the type is the agent's default
    (``PortMappingServiceType``; the device settings' ``service_type``): LoadBalancer by default, ClusterIP
    when the device is set so.
    """
    data = manifest({"web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}})})
    assert find(compile_objects(data), "Service", "web")["spec"]["type"] == "LoadBalancer"
    cluster = compile_objects(data, settings=DeviceSettings(service_type="ClusterIP"))
    assert find(cluster, "Service", "web")["spec"]["type"] == "ClusterIP"
    assert find(cluster, "Service", "edgehub")["spec"]["type"] == "ClusterIP"


def test_create_service_exposed_and_host_ports_creates_hostport_service():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceExposedAndHostPortsCreatesHostportService.

    PrepareService keeps the ports in a dictionary keyed by port number: exposed ports first, then bindings.
    A port both exposed (80) and bound (80 → 8080) is reachable at both numbers: 80 keeps its exposed entry,
    8080 is the binding's. The type is the default (LoadBalancer), as a PortBindings key exists.
    """
    options = {"ExposedPorts": {"80/tcp": {}}, "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}}
    objects = compile_objects(manifest({"web": module(options)}))
    service = find(objects, "Service", "web")
    assert service["spec"]["type"] == "LoadBalancer"
    ports = ports_by_number(service)
    assert set(ports) == {80, 8080}
    assert ports[8080]["name"] == "hostport-80-tcp" and ports[8080]["targetPort"] == 80
    assert ports[80]["name"] == "exposedport-80-tcp"


def test_port_binding_override_exposed_port():
    """KubernetesServiceMapperTest.PortBindingOverrideExposedPort (and the last-write-wins rule it relies on).

    ``servicePorts[port.Port] = port`` for exposed ports, then for bindings (KubernetesServiceMapper.cs): a
    binding whose HostPort equals an exposed port number replaces that entry, even when it targets another
    container port. Here 10 → 10 replaces ``exposedport-10-tcp``; 80 → 8080 replaces ``exposedport-8080-tcp``
    with a port that targets 80. NET001's extra binding (8080 → 8080) is rejected to see the rule alone.
    """
    options = {"ExposedPorts": {"10/tcp": {}, "8080/tcp": {}, "80/tcp": {}},
               "HostConfig": {"PortBindings": {"10/tcp": [{"HostPort": "10"}], "80/tcp": [{"HostPort": "8080"}]}}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"NET001"})
    ports = ports_by_number(find(objects, "Service", "web"))
    assert set(ports) == {10, 80, 8080}
    assert ports[10]["name"] == "hostport-10-tcp" and ports[10]["targetPort"] == 10
    assert ports[8080]["name"] == "hostport-80-tcp" and ports[8080]["targetPort"] == 80
    assert ports[80]["name"] == "exposedport-80-tcp"


def test_port_bindings_creates_a_service_with_ports():
    """KubernetesServiceMapperTest.PortBindingsCreatesAServiceWithPorts, with the fields the runtime ignores.

    PortExtensions.ExtractHostPorts reads only ``HostPort`` (``int.TryParse``): ``HostIp`` is ignored (no
    externalIPs, no loadBalancerIP), and a binding whose HostPort is empty or not an integer is dropped while
    the others are kept. A module with only PortBindings gets no container ports: the container's ports come
    from ExposedPorts alone (KubernetesDeploymentMapper.PrepareModuleContainer).
    """
    options = {"HostConfig": {"PortBindings": {"81/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8081"}],
                                               "82/tcp": [{"HostPort": ""}], "83/tcp": [{"HostPort": "abc"}]}}}
    objects = compile_objects(manifest({"web": module(options)}))
    service = find(objects, "Service", "web")
    ports = ports_by_number(service)
    assert set(ports) == {8081}
    assert ports[8081]["name"] == "hostport-81-tcp" and ports[8081]["targetPort"] == 81
    assert not service["spec"].get("externalIPs") and not service["spec"].get("loadBalancerIP")
    assert not container(find(objects, "Deployment", "web"), "web").get("ports")


def test_invalid_port_binding_does_not_create_a_service():
    """KubernetesServiceMapperTest.InvalidPortBindingDoesNotCreateAService (binding variant).

    PortBindings whose every HostPort is empty or not an integer yield no port at all
    (PortExtensions.ExtractHostPorts), and ``if (servicePorts.Any())`` fails: no Service.
    """
    options = {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": ""}], "81/tcp": [{"HostPort": "http"}]}}}
    objects = compile_objects(manifest({"web": module(options)}))
    assert not find_all(objects, "Service", "web")


def test_create_service_sets_service_options():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceSetsServiceOptions.

    ``k8s-experimental.serviceOptions`` (KubernetesExperimentalPodParametersTest.ParsesServiceOptions): the
    type is parsed ignoring case (``Enum.TryParse(type, true, ...)``, A/edgedeployment/service/
    KubernetesServiceOptions.cs) and wins over the ClusterIP of exposed-only ports; loadBalancerIP is copied.
    """
    options = {"ExposedPorts": {"80/tcp": {}},
               "k8s-experimental": {"serviceOptions": {"type": "nodeport", "loadBalancerIP": "100.1.2.3"}}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"NET001", "NET008"})
    service = find(objects, "Service", "web")
    assert service["spec"]["type"] == "NodePort"
    assert service["spec"]["loadBalancerIP"] == "100.1.2.3"


def test_create_service_sets_service_options_overrides_set_default():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceSetsServiceOptionsOverridesSetDefault.

    With PortBindings the default would be LoadBalancer; ``serviceOptions.type: clusterIP`` wins.
    """
    options = {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}},
               "k8s-experimental": {"serviceOptions": {"type": "clusterIP"}}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"NET008"})
    service = find(objects, "Service", "web")
    assert service["spec"]["type"] == "ClusterIP"
    assert not service["spec"].get("loadBalancerIP")


def test_create_service_sets_service_options_set_default_on_null_type():
    """edgedeployment/service/KubernetesServiceMapperTest.CreateServiceSetsServiceOptionsSetDefaultOnNullType.

    A ``serviceOptions.type`` that is not ClusterIP, LoadBalancer or NodePort parses to nothing
    (``Enum.TryParse`` fails, KubernetesServiceOptions.cs), so the default applies (LoadBalancer, as PortBindings
    exist); loadBalancerIP is still copied.
    """
    options = {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}},
               "k8s-experimental": {"serviceOptions": {"type": "External", "loadBalancerIP": "10.0.0.9"}}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"NET008"})
    service = find(objects, "Service", "web")
    assert service["spec"]["type"] == "LoadBalancer"
    assert service["spec"]["loadBalancerIP"] == "10.0.0.9"


def test_labels_converted_as_labels_and_selectors():
    """KubernetesServiceMapperTest.LabelsConvertedAsLabelsAndSelectors + ServiceNameIsModuleName.

    The Service is named after the module and its labels and selector are the module's labels
    (``selector: labels``, KubernetesServiceMapper.cs); the Deployment's selector.matchLabels and the pod
    template's labels are the same dictionary (KubernetesDeploymentMapper.PrepareDeployment / GetPod), so the
    Service selects exactly this module's pods.
    """
    options = {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}}
    objects = compile_objects(manifest({"web": module(options)}))
    service = find(objects, "Service", "web")
    deployment = find(objects, "Deployment", "web")
    labels = labels_of(service)
    assert set(labels) == {MODULE_LABEL, DEVICE_LABEL} and labels[MODULE_LABEL] == "web"
    assert service["spec"]["selector"] == labels
    assert labels_of(deployment) == labels
    assert deployment["spec"]["selector"]["matchLabels"] == labels
    assert dict(deployment["spec"]["template"]["metadata"]["labels"]) == labels
    assert labels_of(find(objects, "ServiceAccount", "web")) == labels


def test_service_annotations_are_labels():
    """edgedeployment/service/KubernetesServiceMapperTest.ServiceAnnotationsAreLabels +
    KubernetesServiceMapperTest.DockerLabelsConvertedAsAnnotations.

    Docker ``Labels`` become annotations of the Service and of the pod (KubernetesServiceMapper.PrepareService,
    KubernetesDeploymentMapper.GetPod), keys through KubeUtils.SanitizeAnnotationKey: ``"My Label"`` →
    ``"MyLabel"`` (case kept, characters outside ``[A-Za-z0-9-._]`` dropped), ``"com.example/team"`` kept.
    The pod also carries ``original-moduleid``; Docker labels never become Kubernetes labels.
    """
    options = {"Labels": {"My Label": "Complicated value that doesn't fit in a label", "com.example/team": "vision"},
               "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}}
    objects = compile_objects(manifest({"web": module(options)}))
    service_annotations = annotations_of(find(objects, "Service", "web")["metadata"])
    assert service_annotations["MyLabel"] == "Complicated value that doesn't fit in a label"
    assert service_annotations["com.example/team"] == "vision"
    deployment = find(objects, "Deployment", "web")
    pod_annotations = annotations_of(deployment["spec"]["template"]["metadata"])
    assert pod_annotations["MyLabel"] == "Complicated value that doesn't fit in a label"
    assert pod_annotations["com.example/team"] == "vision"
    assert pod_annotations[ORIGINAL_ID] == "web"
    assert set(labels_of(deployment)) == {MODULE_LABEL, DEVICE_LABEL}


# Deployments --------------------------------------------------------------------------------------------------

def test_simple_deployment_creation_happy_path():
    """KubernetesDeploymentMapperTest.SimpleDeploymentCreationHappyPath + LeavesStrategyEmptyWhenNotProvided.

    KubernetesDeploymentMapper.PrepareDeployment: an apps/v1 Deployment named after the module, 1 replica,
    no strategy unless ``k8s-experimental.strategy`` gives one; the pod has the ``proxy`` container first and
    the module's container second (``Containers = { proxyContainer, moduleContainer }``), runs as the module's
    ServiceAccount, and the module container's image is the manifest's.
    """
    objects = compile_objects(manifest({"web": module({}, image=PUBLIC_IMAGE)}))
    deployment = find(objects, "Deployment", "web")
    assert deployment["apiVersion"] == "apps/v1"
    assert deployment["metadata"].get("namespace") == NAMESPACE
    assert deployment["spec"]["replicas"] == 1
    assert not deployment["spec"].get("strategy")
    spec = pod_spec(deployment)
    assert [c["name"] for c in spec["containers"]] == ["proxy", "web"]
    assert spec["serviceAccountName"] == "web"
    assert container(deployment, "web")["image"] == PUBLIC_IMAGE


def test_simple_deployment_stopped_has_zero_replicas():
    """KubernetesDeploymentMapperTest.SimpleDeploymentStoppedHasZeroReplicas.

    ``replicas = (module.DesiredStatus != ModuleStatus.Stopped) ? 1 : 0``: a stopped module keeps its
    Deployment (and ServiceAccount) with 0 replicas.
    """
    objects = compile_objects(manifest({"web": module({}, status="stopped"), "api": module({})}))
    assert find(objects, "Deployment", "web")["spec"]["replicas"] == 0
    assert find(objects, "Deployment", "api")["spec"]["replicas"] == 1
    assert find(objects, "ServiceAccount", "web")


def test_validate_and_get_image():
    """Agent.Docker.Test DockerConfigTest.TestValidateAndGetImage.

    D/DockerConfig.cs ValidateAndGetImage appends ``:latest`` (D/Constants.cs DefaultTag) when the last path
    segment has no tag: ``mcr.ms.com/ea`` → ``mcr.ms.com/ea:latest``, ``localhost:9000/ea`` →
    ``localhost:9000/ea:latest`` (a registry port is not a tag); a tagged image is kept as written. The module
    container and the EdgeDeployment carry that image (CombinedKubernetesConfig.Image).
    """
    data = manifest({"untagged": module({}, image="mcr.ms.com/ea"),
                     "port": module({}, image="localhost:9000/ea"),
                     "tagged": module({}, image="localhost:9000/comp/ea:tag1")})
    objects = compile_objects(data)
    assert container(find(objects, "Deployment", "untagged"), "untagged")["image"] == "mcr.ms.com/ea:latest"
    assert container(find(objects, "Deployment", "port"), "port")["image"] == "localhost:9000/ea:latest"
    assert container(find(objects, "Deployment", "tagged"), "tagged")["image"] == "localhost:9000/comp/ea:tag1"


def test_validate_pod_property_translation():
    """KubernetesDeploymentMapperTest.ValidatePodPropertyTranslation.

    Privileged → the module container's ``securityContext.privileged: true`` (only when true:
    ``HostConfig.Filter(config => config.Privileged)``); a ``:ro`` bind → a read-only mount of a hostPath volume
    named SanitizeDNSLabel(source) = ``homeblah``; the proxy container has its two mounts (config, read-only,
    and trust bundle); the pod has those three volumes. A module with ``Privileged: false`` gets no privileged
    securityContext. (The pod securityContext depends on the device's RunAsNonRoot setting and is not checked.)
    STO002's Binds → Mounts fix is rejected so the Bind itself is compiled.
    """
    options = {"Labels": {"demo": "test"}, "HostConfig": {"Privileged": True, "Binds": ["/home/blah:/home/blah2:ro"]}}
    data = manifest({"web": module(options), "plain": module({"HostConfig": {"Privileged": False}})})
    objects = compile_objects(data, reject={"STO002"})
    deployment = find(objects, "Deployment", "web")
    assert "demo" in annotations_of(deployment["spec"]["template"]["metadata"])
    spec = pod_spec(deployment)
    assert len(spec["containers"]) == 2
    own = container(deployment, "web")
    assert own["securityContext"]["privileged"] is True
    assert [(m["name"], m["mountPath"], bool(m.get("readOnly"))) for m in mounts(own)] == \
           [("homeblah", "/home/blah2", True)]
    proxy = container(deployment, "proxy")
    assert len(mounts(proxy)) == 2
    assert len(volumes(deployment)) == 3
    assert [v for v in volumes(deployment) if v["name"] == "homeblah"] == \
           [{"name": "homeblah", "hostPath": {"path": "/home/blah", "type": "DirectoryOrCreate"}}]
    plain = container(find(objects, "Deployment", "plain"), "plain")
    assert not (plain.get("securityContext") or {}).get("privileged")


def test_leave_volumes_intact_when_nothing_provided_in_create_options():
    """KubernetesDeploymentMapperTest.LeaveVolumesIntactWhenNothingProvidedInCreateOptions (+ the proxy container).

    KubernetesDeploymentMapper.PrepareProxyContainer: container ``proxy`` with env ``PROXY_LOG``, two mounts (the
    proxy config, read-only, then the trust bundle) of two ConfigMap volumes, which come first among the pod's
    volumes (``proxyVolumes.Concat(moduleVolumes)``). The module container mounts nothing: on the device the
    workload URI is http (``http://localhost:35001``, T/podwatch.txt), so CombinedKubernetesConfigProvider
    .AddSocketBinds adds no socket bind. Names and the proxy image are device settings and are not checked.
    """
    objects = compile_objects(manifest({"web": module({})}))
    deployment = find(objects, "Deployment", "web")
    proxy = container(deployment, "proxy")
    assert proxy["image"]
    assert "PROXY_LOG" in env_names(proxy)
    proxy_mounts = mounts(proxy)
    assert len(proxy_mounts) == 2
    assert proxy_mounts[0].get("readOnly") is True and not proxy_mounts[1].get("readOnly")
    pod_volumes = volumes(deployment)
    assert len(pod_volumes) == 2
    assert [v["name"] for v in pod_volumes] == [m["name"] for m in proxy_mounts]
    assert all(v.get("configMap", {}).get("name") for v in pod_volumes)
    assert not mounts(container(deployment, "web"))
    assert not proxy.get("ports") and not proxy.get("securityContext")


def test_exposed_ports_become_container_ports_without_host_port():
    """No runtime test pins the container ports; this follows PortExtensions.GetContainerPorts.

    ``Ports = ExposedPorts.Map(GetContainerPorts)``: ``{containerPort, protocol}`` per exposed port, never a
    hostPort (the Service does the host side), so a HostPort cannot keep a rolling update's new pod Pending.
    """
    options = {"ExposedPorts": {"80/tcp": {}, "5000/udp": {}},
               "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}], "5000/udp": [{"HostPort": "5000"}]}}}
    objects = compile_objects(manifest({"web": module(options)}))
    ports = container(find(objects, "Deployment", "web"), "web")["ports"]
    assert sorted((p["containerPort"], p["protocol"]) for p in ports) == [(80, "TCP"), (5000, "UDP")]
    assert all("hostPort" not in p for p in ports)
    assert not pod_spec(find(objects, "Deployment", "web")).get("hostNetwork")


def test_cmd_options_container_args():
    """KubernetesDeploymentMapperTest.CmdOptionsContainerArgs + EntrypointOptionsContainerCommands +
    WorkingDirOptionsContainerWorkingDir.

    ``Command = Entrypoint``, ``Args = Cmd``, ``WorkingDir`` (KubernetesDeploymentMapper.PrepareModuleContainer;
    read from createOptions by CombinedKubernetesConfigProvider.GetPropertiesStringArray / GetPropertiesString).
    """
    options = {"Cmd": ["argument1", "argument2"], "Entrypoint": ["command", "argument-a"], "WorkingDir": "/tmp/working"}
    objects = compile_objects(manifest({"web": module(options)}), reject={"PLT002"})
    own = container(find(objects, "Deployment", "web"), "web")
    assert own["args"] == ["argument1", "argument2"]
    assert own["command"] == ["command", "argument-a"]
    assert own["workingDir"] == "/tmp/working"


def test_no_cmd_options_no_container_args():
    """KubernetesDeploymentMapperTest.NoCmdOptionsNoContainerArgs +
    LeaveResourcesEmptyWhenNothingProvidedInCreateOptions + LeaveNodeSelectorEmptyWhenNothingProvidedInCreateOptions +
    NoIpcNetworkPidDeploymentCreation.

    Nothing in createOptions → no args, command, workingDir or resources on the container; no nodeSelector,
    hostIPC, hostNetwork, hostPID or dnsPolicy on the pod (all ``null`` in the runtime).
    """
    objects = compile_objects(manifest({"web": module({})}))
    deployment = find(objects, "Deployment", "web")
    own = container(deployment, "web")
    for key in ("args", "command", "workingDir", "resources"):
        assert not own.get(key), key
    spec = pod_spec(deployment)
    for key in ("nodeSelector", "hostIPC", "hostNetwork", "hostPID", "dnsPolicy"):
        assert spec.get(key) is None, key


def test_host_network_mode_deployment_creation():
    """KubernetesDeploymentMapperTest.HostNetworkModeDeploymentCreation + BridgeNetworkModeDeploymentCreation.

    KubernetesDeploymentMapper.IsHostNetwork compares NetworkMode with ``host`` ignoring case
    (``string.Compare(networkMode, "host", true)``): ``Host`` gives hostNetwork true and dnsPolicy
    ClusterFirstWithHostNet; ``bridge`` gives no host network and no dnsPolicy. NET006's lower-casing fix is
    rejected to show the runtime needs none.
    """
    data = manifest({"web": module({"HostConfig": {"NetworkMode": "Host"}}),
                     "api": module({"HostConfig": {"NetworkMode": "bridge"}})})
    objects = compile_objects(data, reject={"NET006"})
    web = pod_spec(find(objects, "Deployment", "web"))
    assert web["hostNetwork"] is True
    assert web["dnsPolicy"] == "ClusterFirstWithHostNet"
    api = pod_spec(find(objects, "Deployment", "api"))
    assert not api.get("hostNetwork")
    assert api.get("dnsPolicy") is None


def test_host_ipc_mode_deployment_creation():
    """KubernetesDeploymentMapperTest.HostIpcModeDeploymentCreation + PrivateIpcModeDeploymentCreation +
    HostPidModeDeploymentCreation + ContainerPidModeDeploymentCreation.

    IsHostIpc / IsHostPid compare with ``host`` ignoring case: ``HOST`` → hostIPC true, ``host`` → hostPID
    true; ``private`` and ``container:module-a`` → not true.
    """
    data = manifest({"web": module({"HostConfig": {"IpcMode": "HOST", "PidMode": "host"}}),
                     "api": module({"HostConfig": {"IpcMode": "private", "PidMode": "container:module-a"}})})
    objects = compile_objects(data)
    web = pod_spec(find(objects, "Deployment", "web"))
    assert web["hostIPC"] is True and web["hostPID"] is True
    assert not web.get("hostNetwork")
    api = pod_spec(find(objects, "Deployment", "api"))
    assert not api.get("hostIPC") and not api.get("hostPID")


def test_env_module_settings_parse_correctly():
    """KubernetesDeploymentMapperTest.EnvModuleSettingsParseCorrectly.

    KubernetesDeploymentMapper.ParseEnv splits each createOptions ``Env`` entry at the first ``=``; an entry
    with no ``=`` or starting with ``=`` (``index <= 0``) is dropped; ``C=`` is C with an empty value.
    """
    env = ["a=b", "ALL_EQUALS=====", "HAS_SPACES=this variable has spaces", "B=b=c", "BASE64_TEXT=YmFzZTY0Cg==",
           "==not a valid env var", "NO_EQUALS", "C="]
    objects = compile_objects(manifest({"web": module({"Env": env})}))
    own = container(find(objects, "Deployment", "web"), "web")
    assert env_value(own, "a") == "b"
    assert env_value(own, "ALL_EQUALS") == "===="
    assert env_value(own, "HAS_SPACES") == "this variable has spaces"
    assert env_value(own, "B") == "b=c"
    assert env_value(own, "BASE64_TEXT") == "YmFzZTY0Cg=="
    assert (env_value(own, "C") or "") == ""
    assert "NO_EQUALS" not in env_names(own)
    assert not any(name.startswith("=") or name == "" for name in env_names(own))
    assert not any((value or "").endswith("valid env var") for _, value in env_pairs(own))


def test_collect_module_env_order():
    """No runtime test pins the order; this follows KubernetesDeploymentMapper.CollectModuleEnv.

    The module's ``env`` section first, then createOptions ``Env``, then IOTEDGE_IOTHUBHOSTNAME,
    IOTEDGE_AUTHSCHEME=sasToken, RuntimeLogLevel, IOTEDGE_WORKLOADURI, IOTEDGE_MODULEGENERATIONID (the device's
    identities carry IdentityProviderServiceCredentials: C/ModuleIdentityProviderServiceBuilder.cs),
    IOTEDGE_DEVICEID, IOTEDGE_MODULEID, IOTEDGE_APIVERSION, EdgeDeviceHostName and, for a user module,
    IOTEDGE_GATEWAYHOSTNAME=edgehub. A name in both the env section and Env appears twice, the createOptions
    value later (the kubelet keeps the last). The order *within* the env section is not pinned: the runtime
    holds it in an ImmutableDictionary (KubernetesModule, DockerModule), whose order is by hash.
    """
    data = manifest({"web": module({"Env": ["A=from-create-options", "Z=z"]}, env={"M": "m", "A": "from-env"})})
    objects = compile_objects(data)
    own = container(find(objects, "Deployment", "web"), "web")
    pairs = env_pairs(own)
    assert set(pairs[:2]) == {("M", "m"), ("A", "from-env")}
    assert pairs[2:4] == [("A", "from-create-options"), ("Z", "z")]
    assert [name for name, _ in pairs[4:]] == RUNTIME_ENV + ["IOTEDGE_GATEWAYHOSTNAME"]
    assert env_value(own, "IOTEDGE_AUTHSCHEME") == "sasToken"
    assert env_value(own, "IOTEDGE_MODULEID") == "web"
    assert env_value(own, "IOTEDGE_GATEWAYHOSTNAME") == "edgehub"
    for name in ("IOTEDGE_IOTHUBHOSTNAME", "IOTEDGE_DEVICEID", "EdgeDeviceHostName", "IOTEDGE_WORKLOADURI"):
        assert env_value(own, name)
    assert [value for name, value in pairs if name == "A"][-1] == "from-create-options"


def test_runtime_log_level_is_not_added_twice():
    """No runtime test; KubernetesDeploymentMapper.CollectModuleEnv.

    ``if (!envList.Exists(e => e.Name == "RuntimeLogLevel"))``: a module that sets RuntimeLogLevel itself keeps
    its value and gets no second entry.
    """
    objects = compile_objects(manifest({"web": module({}, env={"RuntimeLogLevel": "debug"})}))
    own = container(find(objects, "Deployment", "web"), "web")
    assert env_names(own).count("RuntimeLogLevel") == 1
    assert env_value(own, "RuntimeLogLevel") == "debug"


def test_execute_preserves_case_of_env_vars_when_module_deployed():
    """EdgeDeploymentCommandTest.Execute_PreservesCaseOfEnvVars_WhenModuleDeployed.

    A/edgedeployment/EdgeDeploymentSerialization.cs camel-cases property names but not dictionary keys
    (``ProcessDictionaryKeys = false``): the EdgeDeployment keeps ``ACamelCaseEnvVar`` as written, and so does
    the container env.
    """
    objects = compile_objects(manifest({"web": module({}, env={"ACamelCaseEnvVar": "ACamelCaseEnvVarValue"})}))
    own = container(find(objects, "Deployment", "web"), "web")
    assert env_value(own, "ACamelCaseEnvVar") == "ACamelCaseEnvVarValue"
    edge = find_all(objects, "EdgeDeployment")[0]
    spec_module = next(m for m in edge["spec"] if m["name"] == "web")
    assert spec_module["env"]["ACamelCaseEnvVar"]["value"] == "ACamelCaseEnvVarValue"


# k8s-experimental ---------------------------------------------------------------------------------------------

def test_applies_resources_from_create_options_to_container_spec():
    """KubernetesDeploymentMapperTest.AppliesResourcesFromCreateOptionsToContainerSpec +
    AppliesNodeSelectorFromCreateOptionsToPodSpec + ApplyPodSecurityContextFromCreateOptionsWhenProvided.

    CombinedKubernetesConfigProvider copies ``k8s-experimental`` resources, nodeSelector and securityContext
    (sub-keys matched ignoring case, KubernetesExperimentalCreatePodParameters.PrepareSupportedOptionsStore):
    resources onto the module container (not the proxy), nodeSelector and securityContext onto the pod.
    """
    resources = {"limits": {"memory": "128Mi", "cpu": "500m", "nvidia.com/gpu": "1"},
                 "requests": {"memory": "64Mi", "cpu": "250m", "nvidia.com/gpu": "1"}}
    options = {"k8s-experimental": {"Resources": resources, "nodeSelector": {"disktype": "ssd"},
                                    "securityContext": {"runAsNonRoot": True, "runAsUser": 20001}}}
    objects = compile_objects(manifest({"web": module(options)}))
    deployment = find(objects, "Deployment", "web")
    own = container(deployment, "web")
    assert own["resources"] == resources
    assert container(deployment, "proxy").get("resources") != resources
    spec = pod_spec(deployment)
    assert spec["nodeSelector"] == {"disktype": "ssd"}
    assert spec["securityContext"] == {"runAsNonRoot": True, "runAsUser": 20001}


def test_apply_deployment_strategy_when_provided():
    """KubernetesDeploymentMapperTest.ApplyDeploymentStrategyWhenProvided +
    KubernetesExperimentalPodParametersTest.ParsesSomeDeploymentStrategyExperimentalOptions.

    ``k8s-experimental.strategy`` becomes the Deployment's ``spec.strategy`` as written (a module without ports,
    volumes or GPU, so no fix of the tool touches it).
    """
    strategy = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}
    objects = compile_objects(manifest({"web": module({"k8s-experimental": {"strategy": strategy}})}))
    assert find(objects, "Deployment", "web")["spec"]["strategy"] == strategy


# volumes ------------------------------------------------------------------------------------------------------

def test_pvc_mapping_by_default():
    """KubernetesDeploymentMapperTest.PvcMappingByDefault + KubernetesPvcMapperTest.StorageClassMappingForVolume.

    A volume Mount → pod volume ``{name: SanitizeDNSLabel(Source), persistentVolumeClaim: {claimName: same,
    readOnly}}`` and a mount with the Mount's ReadOnly (KubernetesDeploymentMapper.GetVolume / GetVolumeMount).
    A/edgedeployment/pvc/KubernetesPvcMapper.cs: a PVC of that name, access ReadOnlyMany for a read-only Mount
    (ReadWriteMany otherwise), a storage request in Mi, labelled with the *device* label only
    (EdgeDeploymentController passes ``deviceOnlyLabels``).
    """
    options = {"HostConfig": {"Mounts": [{"Type": "volume", "Source": "a-volume", "Target": "/tmp/volume",
                                          "ReadOnly": True},
                                         {"Type": "volume", "Source": "b-volume", "Target": "/tmp/b"}]}}
    objects = compile_objects(manifest({"web": module(options)}))
    deployment = find(objects, "Deployment", "web")
    by_name = {v["name"]: v for v in volumes(deployment)}
    assert by_name["a-volume"]["persistentVolumeClaim"]["claimName"] == "a-volume"
    assert by_name["a-volume"]["persistentVolumeClaim"]["readOnly"] is True
    assert by_name["b-volume"]["persistentVolumeClaim"]["claimName"] == "b-volume"
    assert not by_name["b-volume"]["persistentVolumeClaim"].get("readOnly")
    own_mounts = {m["name"]: m for m in mounts(container(deployment, "web"))}
    assert own_mounts["a-volume"]["mountPath"] == "/tmp/volume" and own_mounts["a-volume"]["readOnly"] is True
    assert own_mounts["b-volume"]["mountPath"] == "/tmp/b" and not own_mounts["b-volume"].get("readOnly")
    claim = find(objects, "PersistentVolumeClaim", "a-volume")
    assert claim["apiVersion"] == "v1"
    assert claim["metadata"].get("namespace") == NAMESPACE
    assert claim["spec"]["accessModes"] == ["ReadOnlyMany"]
    assert claim["spec"]["resources"]["requests"]["storage"].endswith("Mi")
    assert set(labels_of(claim)) == {DEVICE_LABEL}
    assert find(objects, "PersistentVolumeClaim", "b-volume")["spec"]["accessModes"] == ["ReadWriteMany"]


def test_sanitize_dns_label_test():
    """KubeUtilsTest.SanitizeDnsLabelTest.

    Volume names and claim names are ``KubeUtils.SanitizeDNSLabel(source)``: lower-case, trimmed to start and
    end with ``[a-z0-9]``, every character outside ``[a-z0-9-]`` dropped: ``/var/log/app`` → ``varlogapp``,
    ``Share_One`` → ``shareone``. (STO002 and STO006's rewrites are rejected to feed the runtime these sources.)
    """
    options = {"HostConfig": {"Binds": ["/var/log/app:/logs"],
                              "Mounts": [{"Type": "volume", "Source": "Share_One", "Target": "/share"}]}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"STO002", "STO006"})
    deployment = find(objects, "Deployment", "web")
    by_name = {v["name"]: v for v in volumes(deployment)}
    assert by_name["varlogapp"]["hostPath"] == {"path": "/var/log/app", "type": "DirectoryOrCreate"}
    assert by_name["shareone"]["persistentVolumeClaim"]["claimName"] == "shareone"
    assert find(objects, "PersistentVolumeClaim", "shareone")
    assert {m["name"]: m["mountPath"] for m in mounts(container(deployment, "web"))} == \
           {"varlogapp": "/logs", "shareone": "/share"}


def test_volume_mount_eliminate_duplicates():
    """KubernetesDeploymentMapperTest.VolumeMountEliminateDuplicates (its DuplicateVolumesHostConfig).

    CollectModuleVolumes groups volumes by name: two Mounts of ``a-volume`` (ro, rw) → one PVC volume, the
    read-write one (``volumes.Any(v => v.PersistentVolumeClaim?.ReadOnlyProperty == false)``); two of
    ``b-volume`` (ro, ro) → one read-only; two binds of ``/home/bind`` and two ``Bind`` Mounts (type compared
    ignoring case) of ``/home/data/test`` → one hostPath each; every mount is kept with its own readOnly.
    The PVC objects are grouped by name across the whole deployment and the *first* wins
    (EdgeDeploymentController: ``GroupBy(x => x.Metadata.Name).Select(x => x.First())``), so ``a-volume``'s
    claim asks ReadOnlyMany, from its first (read-only) Mount, although the pod mounts it read-write.
    """
    options = {"HostConfig": {
        "Binds": ["/home/bind:/home/bind1", "/home/bind:/home/bind2:ro"],
        "Mounts": [{"Type": "volume", "ReadOnly": True, "Source": "a-volume", "Target": "/tmp/volume1"},
                   {"Type": "volume", "ReadOnly": False, "Source": "a-volume", "Target": "/tmp/volume2"},
                   {"Type": "volume", "ReadOnly": True, "Source": "b-volume", "Target": "/tmp/volume3"},
                   {"Type": "volume", "ReadOnly": True, "Source": "b-volume", "Target": "/tmp/volume4"},
                   {"Type": "Bind", "ReadOnly": True, "Source": "/home/data/test", "Target": "/home/test1"},
                   {"Type": "Bind", "ReadOnly": False, "Source": "/home/data/test", "Target": "/home/test2"}]}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"STO002"})
    deployment = find(objects, "Deployment", "web")
    module_volumes = volumes(deployment)[2:]
    assert sorted(v["name"] for v in module_volumes) == ["a-volume", "b-volume", "homebind", "homedatatest"]
    by_name = {v["name"]: v for v in module_volumes}
    assert by_name["a-volume"]["persistentVolumeClaim"]["claimName"] == "a-volume"
    assert not by_name["a-volume"]["persistentVolumeClaim"].get("readOnly")
    assert by_name["b-volume"]["persistentVolumeClaim"]["readOnly"] is True
    assert by_name["homebind"]["hostPath"]["path"] == "/home/bind"
    assert by_name["homedatatest"]["hostPath"]["path"] == "/home/data/test"
    own = {(m["name"], m["mountPath"]): bool(m.get("readOnly")) for m in mounts(container(deployment, "web"))}
    assert own == {("a-volume", "/tmp/volume1"): True, ("a-volume", "/tmp/volume2"): False,
                   ("b-volume", "/tmp/volume3"): True, ("b-volume", "/tmp/volume4"): True,
                   ("homedatatest", "/home/test1"): True, ("homedatatest", "/home/test2"): False,
                   ("homebind", "/home/bind1"): False, ("homebind", "/home/bind2"): True}
    assert find(objects, "PersistentVolumeClaim", "a-volume")["spec"]["accessModes"] == ["ReadOnlyMany"]
    assert find(objects, "PersistentVolumeClaim", "b-volume")["spec"]["accessModes"] == ["ReadOnlyMany"]
    assert not find_all(objects, "PersistentVolumeClaim", "homebind")


def test_share_and_bind_of_one_name_become_one_volume():
    """No runtime test; KubernetesDeploymentMapper.CollectModuleVolumes' GroupBy(v => v.Name).

    A bind of ``/data`` (hostPath volume ``data``) and a read-write share Mount ``data`` (PVC volume ``data``)
    collapse into one pod volume: the read-write claim wins, and the bind's mount silently gets the share.
    """
    options = {"HostConfig": {"Binds": ["/data:/hostdata"],
                              "Mounts": [{"Type": "volume", "Source": "data", "Target": "/share"}]}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"STO002"})
    deployment = find(objects, "Deployment", "web")
    data_volumes = [v for v in volumes(deployment) if v["name"] == "data"]
    assert len(data_volumes) == 1
    assert data_volumes[0]["persistentVolumeClaim"]["claimName"] == "data"
    assert "hostPath" not in data_volumes[0]
    assert sorted((m["name"], m["mountPath"]) for m in mounts(container(deployment, "web"))) == \
           [("data", "/hostdata"), ("data", "/share")]


def test_pvcs_of_two_modules_are_grouped_by_name():
    """No runtime test; EdgeDeploymentController.DeployModulesAsync (desiredPvcs ``GroupBy(name).First()``).

    Two modules mounting one share give one PersistentVolumeClaim (the first module's, here read-only), each
    module's pod referring to it by claimName.
    """
    data = manifest({"web": module({"HostConfig": {"Mounts": [{"Type": "volume", "Source": "shared", "Target": "/s",
                                                                "ReadOnly": True}]}}),
                     "api": module({"HostConfig": {"Mounts": [{"Type": "volume", "Source": "shared",
                                                                "Target": "/s"}]}})})
    objects = compile_objects(data)
    claim = find(objects, "PersistentVolumeClaim", "shared")
    assert claim["spec"]["accessModes"] == ["ReadOnlyMany"]
    for name in ("web", "api"):
        claims = [v["persistentVolumeClaim"]["claimName"] for v in volumes(find(objects, "Deployment", name))
                  if "persistentVolumeClaim" in v]
        assert claims == ["shared"]


def test_applies_volumes_from_create_options_to_container_spec():
    """KubernetesDeploymentMapperTest.AppliesVolumesFromCreateOptionsToContainerSpec +
    PvcMappingForPVVolumeExtended.

    ``k8s-experimental.volumes`` entries are used as written: the ``volume`` is added to the pod, the
    ``volumeMounts`` to the module container (not the proxy); pod volumes = 2 proxy + 1.
    """
    spec = [{"volume": {"name": "additional-volume", "configMap": {"name": "additional-config-map"}},
             "volumeMounts": [{"name": "additional-volume", "mountPath": "/etc/module", "readOnly": True}]}]
    objects = compile_objects(manifest({"web": module({"k8s-experimental": {"volumes": spec}})}))
    deployment = find(objects, "Deployment", "web")
    assert len(volumes(deployment)) == 3
    assert volumes(deployment)[2] == {"name": "additional-volume", "configMap": {"name": "additional-config-map"}}
    assert mounts(container(deployment, "web")) == [{"name": "additional-volume", "mountPath": "/etc/module",
                                                      "readOnly": True}]
    assert "additional-volume" not in [m["name"] for m in mounts(container(deployment, "proxy"))]
    assert not find_all(objects, "PersistentVolumeClaim")


def test_adds_volumes_from_create_options_to_container_spec_even_if_they_override_existing_ones():
    """KubernetesDeploymentMapperTest.AddsVolumesFromCreateOptionsToContainerSpecEvenIfTheyOverrideExistingOnes.

    ``extVolumeList.Concat(volumeList.GroupBy(...))``: a k8s-experimental volume is not grouped with the
    createOptions ones, so a bind ``/home/blah`` and an experimental volume ``homeblah`` give two pod volumes
    of one name (4 in all, with the proxy's) and two mounts named ``homeblah`` — which the API rejects.
    """
    spec = [{"volume": {"name": "homeblah", "configMap": {"name": "additional-config-map"}},
             "volumeMounts": [{"name": "homeblah", "mountPath": "/home/blah"}]}]
    options = {"HostConfig": {"Binds": ["/home/blah:/home/blah2:ro"]}, "k8s-experimental": {"volumes": spec}}
    objects = compile_objects(manifest({"web": module(options)}), reject={"STO002"})
    deployment = find(objects, "Deployment", "web")
    assert len(volumes(deployment)) == 4
    assert [v["name"] for v in volumes(deployment)].count("homeblah") == 2
    assert [m["name"] for m in mounts(container(deployment, "web"))].count("homeblah") == 2


# image pull Secrets -------------------------------------------------------------------------------------------

CREDENTIALS = {"contoso": {"address": "contoso.azurecr.io", "username": "Contoso", "password": "s3cret-Pa55"},
               "fabrikam": {"address": "fabrikam.azurecr.io", "username": "fab", "password": "other-Pa55"}}


def test_image_pull_secret_test_generation():
    """ImagePullSecretTest.ImagePullSecretTestGeneration + ImagePullSecretNameTest.CreatesImagePullSecretName.

    A/edgedeployment/ImagePullSecretName.cs: name = SanitizeDNSDomain(lower(username) + "-" + host) =
    ``contoso-contoso.azurecr.io``; A/edgedeployment/EdgeDeploymentCommand.cs CreateSecret: type
    kubernetes.io/dockerconfigjson, key ``.dockerconfigjson`` = ``{"auths": {address: {username, password,
    auth}}}``, labelled with the device label only. The preview masks the password (contract: "••••"), and the
    real password must appear nowhere, not even base64-encoded inside ``auth``.
    """
    data = with_credentials(manifest({"web": module({}, image="contoso.azurecr.io/app:1.0")}), CREDENTIALS)
    objects = compile_objects(data)
    secret = find(objects, "Secret", "contoso-contoso.azurecr.io")
    assert secret["apiVersion"] == "v1"
    assert secret["type"] == PULL_SECRET_TYPE
    assert secret["metadata"].get("namespace") == NAMESPACE
    assert set(labels_of(secret)) == {DEVICE_LABEL}
    auths = decoded_docker_config(secret)["auths"]
    assert list(auths) == ["contoso.azurecr.io"]
    assert auths["contoso.azurecr.io"]["username"] == "Contoso"
    assert auths["contoso.azurecr.io"]["password"] == "••••"
    assert not leaks(objects, "s3cret-Pa55")
    assert not leaks(objects, "other-Pa55")
    assert {"name": "contoso-contoso.azurecr.io"} in pod_spec(find(objects, "Deployment", "web"))["imagePullSecrets"]


def test_execute_creates_only_one_image_pull_secret_when_2_modules_with_same_secret():
    """EdgeDeploymentCommandTest.Execute_CreatesOnlyOneImagePullSecret_When2ModulesWithSameSecret.

    Secrets are made only for credentials an image uses (D/CombinedDockerConfigProvider.cs FirstAuthConfig:
    the image's first path segment equals the address, ignoring case, D/DockerUtil.cs) and grouped by name
    (EdgeDeploymentCommand.ManageImagePullSecrets): two modules from one registry → one Secret; the unused
    fabrikam credential → none; a public image (edgeHub's, from mcr) → no imagePullSecrets entry for it.
    """
    data = manifest({"web": module({}, image="Contoso.azurecr.io/web:1.0"),
                     "api": module({}, image="contoso.azurecr.io/api:2.0")})
    objects = compile_objects(with_credentials(data, CREDENTIALS))
    assert names(objects, "Secret") == ["contoso-contoso.azurecr.io"]
    for name in ("web", "api"):
        assert {"name": "contoso-contoso.azurecr.io"} in pod_spec(find(objects, "Deployment", name))["imagePullSecrets"]
    hub_secrets = pod_spec(find(objects, "Deployment", "edgehub")).get("imagePullSecrets") or []
    assert {"name": "contoso-contoso.azurecr.io"} not in hub_secrets


def test_valid_server_addresses():
    """ImagePullSecretNameTest.ValidServerAddresses (the Docker Hub row) + D/DockerUtil.cs TryParseDomainFromImage.

    An image with more than one path segment whose first segment has no ``.`` or ``:`` is on Docker Hub, whose
    address is ``https://index.docker.io/v1/`` (D/Constants.cs DefaultRegistryAddress); its Secret is named
    ``dockeruser-index.docker.io`` (scheme and path stripped, ImagePullSecretName.NamifyServerAddress) and its
    auths key is the address as written. A one-segment image (``nginx:1.25``) matches no credential.
    """
    hub = {"hub": {"address": "https://index.docker.io/v1/", "username": "DockerUser", "password": "hub-Pa55"}}
    data = manifest({"web": module({}, image="dockeruser/app:1.0"), "plain": module({}, image="nginx:1.25")})
    objects = compile_objects(with_credentials(data, hub))
    secret = find(objects, "Secret", "dockeruser-index.docker.io")
    assert list(decoded_docker_config(secret)["auths"]) == ["https://index.docker.io/v1/"]
    assert names(objects, "Secret") == ["dockeruser-index.docker.io"]
    plain = pod_spec(find(objects, "Deployment", "plain")).get("imagePullSecrets") or []
    assert {"name": "dockeruser-index.docker.io"} not in plain
    assert not leaks(objects, "hub-Pa55")


# the EdgeDeployment -------------------------------------------------------------------------------------------

def test_execute_creates_new_image_pull_secret_when_empty():
    """EdgeDeploymentCommandTest.Execute_CreatesNewImagePullSecret_WhenEmpty (+ the EdgeDeployment it pushes).

    EdgeDeploymentCommand.ExecuteAsync: image-pull Secrets first, then one EdgeDeployment
    (``microsoft.azure.devices.edge/v1``, A/Constants.cs) whose spec lists every desired module — edgeAgent
    and edgeHub included (C/DeploymentConfig.cs GetModuleSet) — with ``settings`` serialized as a JSON string
    (A/ObjectToStringConverter.cs on KubernetesModule.Config) holding the image (``:latest`` added,
    D/DockerConfig.cs). The operator builds the modules' objects from it afterwards.
    """
    data = with_credentials(manifest({"web": module({}, image="contoso.azurecr.io/app"), "api": module({})}),
                            CREDENTIALS)
    objects = compile_objects(data)
    edges = find_all(objects, "EdgeDeployment")
    assert len(edges) == 1
    edge = edges[0]
    assert edge["apiVersion"] == "microsoft.azure.devices.edge/v1"
    assert edge["metadata"].get("namespace") == NAMESPACE
    assert edge["metadata"]["name"]
    assert not leaks(edge, "s3cret-Pa55")
    spec = {m["name"]: m for m in edge["spec"]}
    assert set(spec) == {"edgeAgent", "edgeHub", "web", "api"}
    position = {id(o): i for i, o in enumerate(objects)}
    secrets = [position[id(o)] for o in find_all(objects, "Secret")]
    assert secrets and max(secrets) < position[id(edge)]
    others = [position[id(o)] for o in objects if o.get("kind") not in ("Secret", "EdgeDeployment")]
    assert others and position[id(edge)] < min(others)
    assert isinstance(spec["web"]["settings"], str)
    assert json.loads(spec["web"]["settings"])["image"] == "contoso.azurecr.io/app:latest"
