"""Rules read the runtime's behaviour from the device model compiled from the input (``Context.device``) instead of
re-deriving it. Each test here is a place where a rule's own re-derivation disagreed with the runtime's code; each
fails on the code before the rules read the device model."""

from __future__ import annotations

from asegui.core import convert, preview
from asegui.core.device.compile import compile_device
from asegui.core.document import load as parse
from asegui.core.model import modules
from asegui.core.rules import Context
from tests.helpers import findings, manifest, module, run


def services(result):
    return {o["metadata"]["name"]: o["spec"] for o in preview(result) if o["kind"] == "Service"}


# The device model itself ------------------------------------------------------------------------------------------

def test_a_host_port_written_as_a_json_number_is_a_service_port():
    """``PortBinding.HostPort`` is a string the runtime reads with Newtonsoft, which reads a JSON number into a
    string field as its text: ``8080`` is ``"8080"`` and ``int.TryParse`` takes it (the model dropped it)."""
    data = manifest({"api": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": 8080}],
                                                                    "81/tcp": [{"HostPort": 8081.0}],
                                                                    "82/tcp": [{"HostPort": True}]}}})})
    ports = services(convert(data))["api"]["ports"]
    assert [(p["port"], p["targetPort"]) for p in ports] == [(8080, 80), (8081, 81)]


def test_a_module_name_too_long_for_the_runtime_is_reported_not_a_crash():
    """``SanitizeK8sValue`` throws over 253 characters; the model reports the name (it raised while compiling)."""
    name = "m" * 300
    doc = parse(manifest({name: module({})}))
    device = compile_device(doc, doc.root)
    assert any(p.kind == "object-name" and p.module == name for p in device.problems)


def test_the_context_compiles_the_input_once_and_as_written():
    doc = parse(manifest({"api": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}})}))
    ctx = Context(doc=doc, modules=modules(doc))
    assert ctx.device is ctx.device
    api = ctx.device.module("api")
    assert api is not None and api.service_type == "LoadBalancer" and api.ports[0].key == "80/tcp"
    assert api.ports[0].container_port == 80


# Ports as the runtime parses them (PortAndProtocol.Parse) ---------------------------------------------------------

def test_a_port_key_with_a_blank_before_its_protocol_is_ignored_as_the_runtime_ignores_it():
    """``"8080/ tcp"``: the runtime looks `` tcp`` up among tcp/udp/sctp and finds nothing, so the key gives no port;
    NET001 offered a binding for it."""
    result = run(manifest({"api": module({"ExposedPorts": {"8080/ tcp": {}}})}))
    assert findings(result, "NET001", "api") == []
    assert "api" not in services(result)


def test_a_port_key_the_runtime_reads_draws_net001():
    """``"8080//tcp"`` (empty parts removed) and ``"+8080"`` (``int.TryParse``) are port 8080 to the runtime; NET001
    passed them by."""
    result = run(manifest({"api": module({"ExposedPorts": {"8080//tcp": {}}}),
                           "web": module({"ExposedPorts": {"+9090": {}}})}))
    assert [f.values["host_port"] for f in findings(result, "NET001", "api")] == [8080]
    assert [f.values["host_port"] for f in findings(result, "NET001", "web")] == [9090]


# Service types (KubernetesServiceMapper.GetServiceType) ----------------------------------------------------------

def test_an_unknown_service_type_does_not_keep_an_exposed_only_module_cluster_internal():
    """``serviceOptions.type: "Internal"`` is no type the runtime knows (``Enum.TryParse`` fails), so the module's
    type is decided as if none were written: ClusterIP now, the device's LoadBalancer once it has a binding. NET001
    took any written type as keeping the Service as it is, and applied the binding by default."""
    options = {"ExposedPorts": {"8080/tcp": {}}, "k8s-experimental": {"serviceOptions": {"type": "Internal"}}}
    result = run(manifest({"api": module(options)}))
    assert services(result)["api"]["type"] == "ClusterIP"
    [finding] = findings(result, "NET001", "api")
    assert not finding.edits
    [ips] = findings(result, "NET007")
    assert "api" in ips.message and "NET001" in ips.message


def test_a_host_port_written_as_a_number_counts_for_an_external_ip():
    """Kept: NET007 and NET008 counted a numeric HostPort before; they now agree with the device model, which does."""
    data = manifest({"api": module({"ExposedPorts": {"80/tcp": {}},
                                    "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": 80}]}}})})
    result = run(data)
    [ips] = findings(result, "NET007")
    assert "at least 2" in ips.message and services(result)["api"]["type"] == "LoadBalancer"
    assert [f.module for f in findings(result, "NET008")] == ["api"]


# GPUs (the limits the device plugin reads) -----------------------------------------------------------------------

def test_a_gpu_limit_of_zero_holds_no_gpu_and_needs_no_recreate():
    """PLT001 took any ``nvidia.com/gpu`` entry (limits or requests, 0 too) as a GPU held; a pod holds what its limit
    asks, and 0 is nothing to wait for."""
    zero = {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 0}}}}
    one = {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": "1"}}}}
    result = run(manifest({"idle": module(zero), "gpu": module(one)}))
    assert [f.module for f in findings(result, "PLT001")] == ["gpu"]


def test_a_stopped_module_with_a_gpu_still_recreates_on_update():
    """Kept: a stopped module asks for no GPU now (``gpus`` 0) but holds one once started, so PLT001 reads the limit
    (``gpu_limit``), not what the device gives it today."""
    one = {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    result = run(manifest({"gpu": module(one, status="stopped")}))
    assert [f.module for f in findings(result, "PLT001")] == ["gpu"]
    doc = parse(manifest({"gpu": module(one, status="stopped")}))
    device = compile_device(doc, doc.root).module("gpu")
    assert device is not None and device.gpus == 0 and device.gpu_limit == 1


# Claim names (KubeUtils.SanitizeDNSLabel) ------------------------------------------------------------------------

def test_sto006_names_the_claim_as_the_device_model_does():
    """Kept: the claim STO006 names is the device model's, from the one sanitizer."""
    mount = {"Type": "volume", "Source": "_Sql_Data.", "Target": "/var/opt/mssql"}
    data = manifest({"db": module({"HostConfig": {"Mounts": [mount]}})})
    fid = findings(run(data), "STO006", "db")[0].id
    result = run(data, {fid: {"accepted": False}})
    [finding] = findings(result, "STO006", "db")
    claims = [o["metadata"]["name"] for o in preview(result) if o["kind"] == "PersistentVolumeClaim"]
    assert claims == ["sqldata"] and '"sqldata"' in finding.message


def test_sto006_does_not_name_a_claim_the_runtime_cannot_sanitize():
    """A Source over 63 characters once sanitized makes ``SanitizeDNSLabel`` throw: STO006 named a claim of 70
    characters the runtime never asks for."""
    source = "Data_" + "x" * 70
    mount = {"Type": "volume", "Source": source, "Target": "/data"}
    result = run(manifest({"db": module({"HostConfig": {"Mounts": [mount]}})}))
    [finding] = findings(result, "STO006", "db")
    assert "cannot make a claim name" in finding.message and "datax" not in finding.message
