"""runtime-audit.md §6, networking and platform items: what the device's runtime does, read from its code.

Runtime: GitHub Azure/iotedge, ref archive/release/1.1-k8s-preview; ``A/`` below is
``edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Kubernetes/``. Expected values are written out by hand.
"""

from __future__ import annotations

from asegui.core import get_rule
from tests.helpers import findings, manifest, module, out_create_options, out_module, run

RECREATE = {"type": "Recreate"}


def test_6_1_net001_default_host_port_never_reroutes_a_port_the_module_publishes():
    """§6.1: the Service keeps ports in a dictionary keyed by number, bindings after exposed ports, last write
    winning (A/edgedeployment/service/KubernetesServiceMapper.cs). HostPort 8080 already reaches container port
    80: a default HostPort 8080 for the exposed 8080/tcp would re-route it to 8080."""
    bindings = {"80/tcp": [{"HostPort": "8080"}]}
    data = manifest({"api": module({"ExposedPorts": {"80/tcp": {}, "8080/tcp": {}},
                                    "HostConfig": {"PortBindings": bindings}})})
    result = run(data)
    [net001] = findings(result, "NET001", "api")
    assert net001.values["host_port"] == 8081
    assert "api:8081" in net001.message and "80/tcp" in net001.message
    # a HostPort other than the container port changes what clients use: offered, not applied by default
    assert net001.status == "off"
    assert out_create_options(result, "api")["HostConfig"]["PortBindings"] == bindings
    # NET002 still sends clients of container port 80 to api:8080, which is right
    [net002] = findings(result, "NET002", "api")
    assert "api:8080" in net002.message and net002.severity == "warning"
    accepted = run(data, {net001.id: {"accepted": True}})
    assert out_create_options(accepted, "api")["HostConfig"]["PortBindings"] == {
        "80/tcp": [{"HostPort": "8080"}], "8080/tcp": [{"HostPort": "8081"}]}
    refused = run(data, {net001.id: {"accepted": True, "params": {"host_port": 8080}}})
    assert findings(refused, "NET001")[0].status == "needs input"


def test_6_1_net001_exposed_only_module_is_not_bound_by_default_and_both_readings_are_explained():
    """§6.1 / §3: with no PortBindings key the runtime makes the Service ClusterIP, reachable inside the cluster
    at the container port (A/edgedeployment/service/KubernetesServiceMapper.cs, GetServiceType); a binding would
    make it a LoadBalancer with an external IP. The ASE article's "requires HostPort specification" is stated,
    but not applied by default, and NET007 does not count an external IP for it."""
    data = manifest({"api": module({"ExposedPorts": {"5000/tcp": {}}})})
    result = run(data)
    [net001] = findings(result, "NET001", "api")
    assert net001.status == "off" and net001.values["host_port"] == 5000
    assert "api:5000" in net001.message and "external IP" in net001.message
    assert out_create_options(result, "api") == {"ExposedPorts": {"5000/tcp": {}}}
    [net007] = findings(result, "NET007")
    assert "at least 1," in net007.message and "api" in net007.message  # named as "one more if you accept"
    assert "at least 1 IP" in net007.todo
    explanation = get_rule("NET001").explanation  # type: ignore[union-attr]
    assert "requires HostPort" in explanation and "ClusterIP" in explanation
    accepted = run(data, {net001.id: {"accepted": True}})
    assert out_create_options(accepted, "api")["HostConfig"]["PortBindings"] == {"5000/tcp": [{"HostPort": "5000"}]}


def test_6_1_net002_does_not_send_clients_to_a_host_port_that_reaches_another_container_port():
    """§6.1: two bindings with HostPort 8080; the later one (8080/tcp) wins in the Service's dictionary
    (A/edgedeployment/service/KubernetesServiceMapper.cs, PortExtensions.cs): web:8080 reaches 8080, not 80."""
    data = manifest({"web": module({"HostConfig": {"PortBindings": {
        "80/tcp": [{"HostPort": "8080"}], "8080/tcp": [{"HostPort": "8080"}]}}})})
    result = run(data)
    [net002] = findings(result, "NET002", "web")
    assert net002.severity == "error" and net002.pointer.endswith("/80~1tcp/0/HostPort")
    assert "web:8080 reaches port 8080" in net002.message and "connect to web:8080" not in net002.message


def test_6_11_plt001_only_gpu_and_host_network_ports_can_deadlock_a_rolling_update():
    """§6.11: pods get container ports without hostPort (A/edgedeployment/deployment/KubernetesDeploymentMapper.cs)
    and share claims are ReadWriteMany / ReadOnlyMany (A/edgedeployment/pvc/KubernetesPvcMapper.cs): port
    bindings and shares cannot block the new pod; a GPU and ports on the host network can."""
    data = manifest({
        "web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}}),
        "store": module({"HostConfig": {"Mounts": [{"Type": "volume", "Source": "data", "Target": "/data"}],
                                        "Binds": ["/home/hcsshares/in:/in"]}}),
        "gpu": module({"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}),
        "cam": module({"ExposedPorts": {"554/tcp": {}}, "HostConfig": {"NetworkMode": "host"}}),
    })
    result = run(data)
    assert sorted(f.module for f in findings(result, "PLT001")) == ["cam", "gpu"]
    assert "ports on the host network" in findings(result, "PLT001", "cam")[0].message
    assert "a GPU" in findings(result, "PLT001", "gpu")[0].message
    assert "k8s-experimental" not in out_create_options(result, "web")
    assert "k8s-experimental" not in out_create_options(result, "store")
    assert "k8s-experimental" not in out_create_options(result, "edgeHub", system=True)
    assert out_create_options(result, "cam")["k8s-experimental"] == {"strategy": RECREATE}


def test_6_12_net004_host_port_35000_does_not_collide_with_the_proxy():
    """§6.12: the proxy listens on localhost:35000/35001 inside the pod; a HostPort is only a port of the
    module's Service (A/edgedeployment/service/PortExtensions.cs; no hostPort on the pod,
    A/edgedeployment/deployment/KubernetesDeploymentMapper.cs). Only a container port of 35000 collides."""
    data = manifest({"api": module({"HostConfig": {"PortBindings": {"8080/tcp": [{"HostPort": "35000"}]}}}),
                     "bad": module({"ExposedPorts": {"35001/tcp": {}}})})
    result = run(data)
    assert [f.module for f in findings(result, "NET004")] == ["bad"]
    assert out_create_options(result, "api")["HostConfig"]["PortBindings"] == {"8080/tcp": [{"HostPort": "35000"}]}
    [net002] = findings(result, "NET002", "api")
    assert "api:35000" in net002.message


def test_6_15_net006_host_in_any_case_is_left_as_written():
    """§6.15: IsHostNetwork compares NetworkMode with "host" ignoring case
    (A/edgedeployment/deployment/KubernetesDeploymentMapper.cs): "Host" needs no change."""
    data = manifest({"cam": module({"HostConfig": {"NetworkMode": "Host"}})})
    result = run(data)
    assert findings(result, "NET006") == []
    assert out_create_options(result, "cam") == {"HostConfig": {"NetworkMode": "Host"}}


def test_6_15_plt005_unknown_is_a_restart_policy_and_case_does_not_matter():
    """§6.15: RestartPolicy is an enum with never, on-failure, on-unhealthy, always and unknown, read by
    Newtonsoft's StringEnumConverter ignoring case (edge-agent/.../Agent.Core/IModule.cs)."""
    data = manifest({"a": module({}, restartPolicy="unknown"), "b": module({}, restartPolicy="Always"),
                     "c": module({}, restartPolicy="On-Failure")})
    result = run(data)
    assert [(f.module, f.severity, f.applicability) for f in findings(result, "PLT005")] == [
        ("a", "warning", "manual"), ("c", "warning", "manual")]
    assert [out_module(result, m)["restartPolicy"] for m in "abc"] == ["unknown", "Always", "On-Failure"]


def test_6_missing_plt009_image_pull_policy_never_and_startup_order_are_not_applied():
    """§6 Missing: KubernetesModule sets StartupOrder to the default and the deployment mapper sets no
    imagePullPolicy (A/KubernetesModule.cs, A/edgedeployment/deployment/KubernetesDeploymentMapper.cs)."""
    data = manifest({"pre": module({}, imagePullPolicy="never", startupOrder=2),
                     "ok": module({}, imagePullPolicy="on-create")})
    result = run(data)
    found = findings(result, "PLT009")
    assert [(f.module, f.pointer.rsplit("/", 1)[-1], f.severity, f.status) for f in found] == [
        ("pre", "imagePullPolicy", "warning", "open"), ("pre", "startupOrder", "warning", "open")]
    assert "contoso.azurecr.io/app:1.0" in found[0].message and "starts at once" in found[1].message
    assert out_module(result, "pre")["imagePullPolicy"] == "never" and out_module(result, "pre")["startupOrder"] == 2


def test_6_missing_plt003_host_ip_of_a_port_binding_is_dropped():
    """§6 Missing: ExtractHostPorts reads only HostPort (A/edgedeployment/service/PortExtensions.cs): a port
    Docker published on 127.0.0.1 only is a port of the module's Service on the device."""
    data = manifest({"db": module({"HostConfig": {"PortBindings": {
        "5432/tcp": [{"HostIp": "127.0.0.1", "HostPort": "5432"}],
        "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "80"}]}}})})
    result = run(data)
    found = {f.pointer.split("/")[-3]: f for f in findings(result, "PLT003", "db")}
    assert set(found) == {"5432~1tcp", "80~1tcp"}
    assert found["5432~1tcp"].severity == "warning" and "this host only" in found["5432~1tcp"].message
    assert found["80~1tcp"].severity == "info"
    removed = run(data, {found["5432~1tcp"].id: {"params": {"action": "remove"}}})
    assert out_create_options(removed, "db")["HostConfig"]["PortBindings"]["5432/tcp"] == [{"HostPort": "5432"}]


def test_6_missing_plt003_network_aliases_vanish():
    """§6 Missing: NetworkingConfig is never read (A/CombinedKubernetesConfigProvider.cs): aliases are not
    created, and peers reach the module only by its Service name."""
    options = {"NetworkingConfig": {"EndpointsConfig": {"edge": {"Aliases": ["db", "database"]}}}}
    result = run(manifest({"pg": module(options)}))
    [found] = [f for f in findings(result, "PLT003") if f.pointer.endswith("/NetworkingConfig")]
    assert found.severity == "warning" and "(db, database)" in found.message and "only as pg" in found.message
    assert out_create_options(result, "pg") == options  # kept by default, as every dropped option


def test_6_missing_net007_empty_host_port_gives_no_service_and_needs_no_ip():
    """§6 Missing: a non-integer HostPort ("" too) is dropped (A/edgedeployment/service/PortExtensions.cs,
    int.TryParse); with no other port there is no Service, so no external IP (KubernetesServiceMapper.cs)."""
    data = manifest({"web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": ""}]}}}),
                     "api": module({"HostConfig": {"PortBindings": {"81/tcp": [{"HostPort": "81"}]}}})})
    [net007] = findings(run(data), "NET007")
    assert "at least 2 (1 for edgeHub, 1 each for api;" in net007.message and "web" not in net007.message


def test_6_missing_plt010_windows_and_arm_images_cannot_run_on_amd64_linux_nodes():
    """§6 Missing: the device's Kubernetes nodes are Linux amd64; Windows and ARM images never start
    (the runtime passes the image through unchanged: A/edgedeployment/deployment/KubernetesDeploymentMapper.cs)."""
    foreign = {"a": "intelligentedge/footfall-inference-module:0.0.12-arm32v7",
               "b": "mcr.microsoft.com/windows/nanoserver:1809",
               "c": "arm64v8/python:3.11",
               "d": "contoso.azurecr.io/app:1.0-windows-amd64",
               "e": "${MODULES.CameraCapture.arm32v7}",
               "f": "mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-ltsc2019"}
    ordinary = {"g": "mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.0",
                "h": "windows.azurecr.io/app:1.0", "i": "contoso/armory:2", "j": "${MODULES.SampleModule.amd64}",
                "k": "openvino/model_server:2021.4.1-gpu", "l": "$CONTAINER_REGISTRY_LOGIN_SERVER/cam:0.1.2-amd64",
                "m": "intelligentedge/nginxmodule:0.35.0-<platform>", "n": "contoso/charm64:1"}
    result = run(manifest({name: module({}, image=image) for name, image in {**foreign, **ordinary}.items()}))
    found = {f.module: f for f in findings(result, "PLT010")}
    assert sorted(found) == sorted(foreign)
    assert all(f.severity == "error" and f.applicability == "manual" for f in found.values())
    assert "ARM" in found["a"].message and "Windows" in found["b"].message
    assert found["a"].pointer.endswith("/modules/a/settings/image")
