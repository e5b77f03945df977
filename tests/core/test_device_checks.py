"""The device-phase checks: what the GPU device's runtime throws on, the API server refuses, or the device cannot
give — each from runtime-audit.md §6, each failing on the code before the device model (which drew no finding)."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asegui.core import DeviceSettings, ManifestError, convert, preview
from asegui.core.device import names
from tests.helpers import manifest, module


def codes(result, code):
    return [f for f in result.findings if f.code == code]


def objects_of(result, kind):
    return [o for o in preview(result) if o["kind"] == kind]


def test_edgehub_without_port_bindings_is_unreachable_audit_6_2():
    """§6.2: no Service for edgeHub (KubernetesServiceMapper adds no ports for it), yet every module is pointed at
    edgehub — an error, and the finding goes once the bindings are there."""
    bare = convert(manifest({"app": module({})}, hub_create_options={}))
    [finding] = codes(bare, "NET010")
    assert finding.severity == "error" and finding.module == "edgeHub" and finding.status == "open"
    assert bare.exit_code == 1
    assert not [s for s in objects_of(bare, "Service") if s["metadata"]["name"] == "edgehub"]
    env = objects_of(bare, "Deployment")[-1]["spec"]["template"]["spec"]["containers"][1]["env"]
    assert {"name": "IOTEDGE_GATEWAYHOSTNAME", "value": "edgehub"} in env
    assert not codes(convert(manifest({"app": module({})})), "NET010")


def test_mount_without_type_aborts_the_deployment_audit_6_3():
    """§6.3: a Mounts entry lacking Type, Source or Target makes the runtime throw InvalidMountException."""
    result = convert(manifest({"app": module({"HostConfig": {"Mounts": [{"Source": "data", "Target": "/data"}]}})}))
    [finding] = codes(result, "STO008")
    assert finding.severity == "error" and "Type" in finding.message
    assert finding.pointer.endswith("/HostConfig/Mounts/0")


def test_volume_names_that_collide_audit_6_5():
    """§6.5: /a/b and /ab both become the volume "ab" (SanitizeDNSLabel): one directory silently serves both."""
    result = convert(manifest({"app": module({"HostConfig": {"Binds": ["/a/b:/one", "/ab:/two"]}})}),
                     {})
    found = codes(result, "STO009")
    assert found and found[0].severity == "error" and '"/a/b"' in found[0].message and '"/ab"' in found[0].message
    [deployment] = [d for d in objects_of(result, "Deployment") if d["metadata"]["name"] == "app"]
    volumes = [v["name"] for v in deployment["spec"]["template"]["spec"]["volumes"]]
    assert volumes.count("ab") == 1  # grouped by name, as the runtime does


def test_a_share_and_a_bind_of_the_same_name_collide_after_the_fixes_audit_6_5():
    """§6.5, made by the tool's own fix: STO001 turns the share bind into a volume named "data", beside a bind of
    /data that the runtime names "data" too."""
    options = {"HostConfig": {"Binds": ["/home/hcsshares/data:/in", "/data:/scratch"]}}
    result = convert(manifest({"app": module(options)}))
    assert codes(result, "STO009"), [f.code for f in result.findings]
    rejected = {f.id: {"accepted": False} for f in result.findings if f.code in ("STO001", "STO002")}
    assert not codes(convert(manifest({"app": module(options)}), rejected), "STO009")


def test_more_gpus_than_the_device_has_audit_6_4():
    """§6.4 on the objects: two pods with nvidia.com/gpu 1 on a one-GPU device — one stays Pending; a two-GPU device
    takes both."""
    gpu = {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    data = manifest({"a": module(gpu), "b": module(gpu)})
    one = convert(data)
    assert [f.module for f in codes(one, "RES010")] == ["a", "b"]
    assert all(f.severity == "error" for f in codes(one, "RES010"))
    assert not codes(convert(data, settings=DeviceSettings(gpus=2)), "RES010")
    assert one.device.summary()["gpus"] == 2 and one.device.summary()["device_gpus"] == 1


def test_stopped_modules_ask_for_no_gpu():
    gpu = {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    result = convert(manifest({"a": module(gpu), "b": module(gpu, status="stopped")}))
    assert not codes(result, "RES010")
    [stopped] = [d for d in objects_of(result, "Deployment") if d["metadata"]["name"] == "b"]
    assert stopped["spec"]["replicas"] == 0


def test_upstream_image_cannot_be_pulled_audit_6_7():
    """§6.7: $upstream images need IoT Edge 1.2's parent-URL parser, which this runtime lacks."""
    result = convert(manifest({"app": module({}, image="$upstream:443/contoso/app:1.0")}))
    [finding] = codes(result, "PLT011")
    assert finding.severity == "error" and finding.pointer.endswith("/settings/image")


def test_two_host_ports_for_one_container_port_are_refused_audit_6_8():
    """§6.8: two bindings of 80/tcp give two Service ports named hostport-80-tcp; the API server refuses it."""
    options = {"ExposedPorts": {"80/tcp": {}},
               "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}, {"HostPort": "8081"}]}}}
    result = convert(manifest({"web": module(options)}))
    errors = [f for f in codes(result, "NET011") if f.severity == "error"]
    assert errors and "hostport-80-tcp" in errors[0].message
    [service] = [s for s in objects_of(result, "Service") if s["metadata"]["name"] == "web"]
    assert [p["name"] for p in service["spec"]["ports"]].count("hostport-80-tcp") == 2


def test_a_port_number_given_twice_keeps_the_last_and_says_so():
    """KubernetesServiceMapper keys ports by number: the exposed 8080 is replaced by the binding of HostPort 8080."""
    options = {"ExposedPorts": {"8080/tcp": {}, "80/tcp": {}},
               "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}}
    result = convert(manifest({"web": module(options)}))
    [lost] = [f for f in codes(result, "NET011")]
    assert lost.severity == "warning" and "exposedport-8080-tcp" in lost.message
    [service] = [s for s in objects_of(result, "Service") if s["metadata"]["name"] == "web"]
    assert {"name": "hostport-80-tcp", "port": 8080, "protocol": "TCP", "targetPort": 80} in service["spec"]["ports"]


@pytest.mark.parametrize("options, what", [
    ({"HostConfig": {"Binds": ["/mnt/" + "d" * 70 + ":/data"]}}, "volume source"),
    ({"Labels": {"x" * 70: "v"}}, "label key"),
])
def test_names_the_sanitizer_throws_on_audit_6_9(options, what):
    """§6.9: a Source over 63 characters once sanitized, a Label key over 63: InvalidKubernetesNameException."""
    result = convert(manifest({"app": module(options)}))
    found = codes(result, "NAM007")
    assert found and found[0].severity == "error", what


def test_registry_address_that_is_an_ip_throws_audit_6_9():
    """§6.9: SanitizeDNSDomain of "user-10.0.0.5-5000": the part "0" has no letter to start with."""
    data = json.loads(manifest({"app": module({}, image="10.0.0.5:5000/app:1.0")}))
    data["modulesContent"]["$edgeAgent"]["properties.desired"]["runtime"]["settings"]["registryCredentials"] = {
        "local": {"username": "user", "password": "pw-not-shown", "address": "10.0.0.5:5000"}}
    result = convert(json.dumps(data).encode())
    [finding] = codes(result, "NAM008")
    assert finding.severity == "error" and "10.0.0.5:5000" in finding.message
    with pytest.raises(names.InvalidName):
        names.pull_secret_name("user", "10.0.0.5:5000")


def test_pull_secret_is_made_and_its_password_masked():
    data = json.loads(manifest({"app": module({}, image="contoso.azurecr.io/app:1.0")}))
    data["modulesContent"]["$edgeAgent"]["properties.desired"]["runtime"]["settings"]["registryCredentials"] = {
        "acr": {"username": "Contoso", "password": "s3cret-Pa55", "address": "contoso.azurecr.io"}}
    result = convert(json.dumps(data).encode())
    [secret] = objects_of(result, "Secret")
    assert secret["metadata"]["name"] == "contoso-contoso.azurecr.io"
    config = json.loads(base64.b64decode(secret["data"][".dockerconfigjson"]))
    entry = config["auths"]["contoso.azurecr.io"]
    assert entry["password"] == "••••" and entry["username"] == "Contoso"
    assert "s3cret" not in base64.b64decode(entry["auth"]).decode()
    assert "s3cret" not in json.dumps(preview(result))
    [deployment] = [d for d in objects_of(result, "Deployment") if d["metadata"]["name"] == "app"]
    assert deployment["spec"]["template"]["spec"]["imagePullSecrets"] == [{"name": "contoso-contoso.azurecr.io"}]


def test_kubernetes_schema_violation_names_the_field():
    """A k8s-experimental section copied as written: "readOnly": "false" is what the API server refuses."""
    options = {"k8s-experimental": {"volumes": [{"volume": {"name": "cfg", "configMap": {"name": "cfg"}},
                                                 "volumeMounts": [{"name": "cfg", "mountPath": "/c",
                                                                   "readOnly": "false"}]}]}}
    result = convert(manifest({"app": module(options)}))
    [finding] = codes(result, "MAN010")
    assert finding.severity == "error" and "volumeMounts[0].readOnly" in finding.message


def test_every_object_of_the_sample_validates(sample_bytes):
    from asegui.core.device.validate import kubernetes_violations

    result = convert(sample_bytes)
    kinds = [o["kind"] for o in preview(result)]
    assert kinds[:2] == ["Secret", "EdgeDeployment"] and "Service" in kinds and "PersistentVolumeClaim" in kinds
    assert all(not kubernetes_violations(o) for o in preview(result))


def test_acknowledging_a_device_finding_is_a_decision_that_sticks():
    data = manifest({"app": module({})}, hub_create_options={})
    first = convert(data)
    [finding] = codes(first, "NET010")
    again = convert(data, {finding.id: {"accepted": True, "note": "edgeHub ports set on the device"}})
    [acknowledged] = codes(again, "NET010")
    assert acknowledged.status == "acknowledged" and again.stale_decisions == []


def test_edgehub_missing_restart_policy_gets_a_fix_so_the_output_follows_the_schema():
    """The output validates against the official schema; where the input does not (edgeHub without
    restartPolicy), MAN009 says so and its fix adds "always"."""
    data = json.loads(manifest({"app": module({})}))
    del data["modulesContent"]["$edgeAgent"]["properties.desired"]["systemModules"]["edgeHub"]["restartPolicy"]
    result = convert(json.dumps(data).encode())
    [finding] = [f for f in codes(result, "MAN009") if f.pointer.endswith("/restartPolicy")]
    assert finding.status == "applied"
    hub = json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]["systemModules"]["edgeHub"]
    assert hub["restartPolicy"] == "always"
    assert not codes(result, "MAN011")


_names = st.text(alphabet="aZ_-.0 $:/", min_size=0, max_size=12)
_values = st.recursive(st.none() | st.booleans() | st.integers(-3, 70000) | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_names, inner, max_size=3),
                       max_leaves=12)
_options = st.fixed_dictionaries({}, optional={
    "ExposedPorts": st.dictionaries(st.sampled_from(["80/tcp", "80/udp", "x", "", "53", "70000/sctp"]), _values),
    "Env": st.lists(st.text(alphabet="A=b:", max_size=6) | _values, max_size=3),
    "Labels": st.dictionaries(_names, _values, max_size=2),
    "HostConfig": st.fixed_dictionaries({}, optional={
        "Binds": st.lists(st.text(alphabet="/a:ro_B", max_size=10) | _values, max_size=3),
        "Mounts": st.lists(st.dictionaries(st.sampled_from(["Type", "Source", "Target", "ReadOnly", "type"]),
                                           _values | st.sampled_from(["bind", "volume", "/d", "Data"])), max_size=3),
        "PortBindings": st.dictionaries(st.sampled_from(["80/tcp", "81", "bad"]),
                                        st.lists(st.dictionaries(st.sampled_from(["HostPort", "HostIp"]),
                                                                 _values | st.sampled_from(["8080", ""])),
                                                 max_size=2) | _values),
        "NetworkMode": _values, "IpcMode": _values, "Privileged": _values}),
    "Cmd": _values, "Entrypoint": _values, "WorkingDir": _values,
    "k8s-experimental": st.dictionaries(st.sampled_from(["resources", "volumes", "serviceOptions", "strategy",
                                                         "nodeSelector", "securityContext"]), _values, max_size=3),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=_options, name=st.text(alphabet="aB_-.9$ ", min_size=1, max_size=8),
       image=st.sampled_from(["app", "contoso.azurecr.io/app", "$upstream:443/a:1", "", "a:b:c", "10.0.0.5:5000/a"]))
def test_preview_never_raises_on_what_convert_accepts(options, name, image):
    """Anything convert() accepts compiles and validates without an exception, whatever createOptions hold."""
    try:
        result = convert(manifest({name: module(options, image=image)}))
    except ManifestError:
        return
    for obj in preview(result):
        assert isinstance(obj["kind"], str)
    json.dumps(preview(result))


def _rejecting(data, *codes_):
    first = convert(data)
    return convert(data, {f.id: {"accepted": False} for f in first.findings if f.code in codes_})


def test_a_module_name_with_a_dot_is_refused_as_a_container_name():
    """SanitizeK8sValue keeps '.', but the container name must be a DNS-1123 label: the API server refuses it."""
    result = _rejecting(manifest({"cam.one": module({})}), "NAM001")
    [finding] = [f for f in codes(result, "NAM007") if f.module == "cam.one"]
    assert "cam.one" in finding.message and "DNS-1123" in finding.message


def test_a_digit_first_name_fails_only_the_service_audit_6_10():
    """§6.10: a leading digit is fine for a Deployment and a ServiceAccount (DNS-1123), not for a Service (1035)."""
    without_service = _rejecting(manifest({"1cam": module({})}), "NAM001")
    assert not [f for f in codes(without_service, "NAM007") if f.module == "1cam"]
    with_service = _rejecting(manifest({"1cam": module({"ExposedPorts": {"80/tcp": {}}})}), "NAM001", "NET001")
    [finding] = [f for f in codes(with_service, "NAM007") if f.module == "1cam"]
    assert "DNS-1035" in finding.message


def test_every_corpus_manifest_previews_and_no_violation_goes_unsaid(corpus_dir):
    """Each corpus manifest compiles; every object that breaks Kubernetes' schema is named by a MAN010 finding."""
    from asegui.core.device.validate import kubernetes_violations

    for path in sorted(corpus_dir.glob("*.json")):
        try:
            result = convert(path.read_bytes())
        except ManifestError:
            continue
        flagged = {f.module for f in codes(result, "MAN010")}
        for compiled in result.device.modules:
            broken = [o for o in compiled.objects if kubernetes_violations(o)]
            assert bool(broken) == (compiled.name in flagged), (path.name, compiled.name)
        assert preview(result)[0]["kind"] in ("Secret", "EdgeDeployment"), path.name


def test_schema_checks_in_parts_find_what_one_whole_check_finds(corpus_dir):
    """deployment_violations checks the skeleton and each module apart (and remembers them); over the corpus, as
    deployed and as written, that finds exactly what one check of the whole manifest finds."""
    from asegui.core import load
    from asegui.core.device import validate
    from asegui.core.emit import shape

    compared = 0
    for path in sorted(corpus_dir.glob("*.json")):
        try:
            doc = load(path.read_bytes())
        except ManifestError:
            continue
        if doc.layered or doc.wrapper != "modulesContent":
            continue
        for form in ("deployable", "expanded"):
            part = shape(doc, doc.root, form)
            for schema in ("azure-iot-edge-deployment-2.0.json", "azure-iot-edge-deployment-template-2.0.json"):
                whole = {(v.path, v.message) for v in validate._violations(validate._deployment_validator(schema),
                                                                           part)}
                split = {(v.path, v.message) for v in validate.deployment_violations(part, schema)}
                assert split == whole, (path.name, form, schema, split ^ whole)
                compared += 1
    assert compared > 20


def test_the_device_phase_later_or_on_another_thread_gives_what_apply_gives():
    """The window applies without the device phase and runs it on a worker thread: same findings, same statuses,
    same stale decisions as one apply() with it."""
    import threading

    from asegui.core import analyze, apply, load

    data = manifest({"app": module({"HostConfig": {"Binds": ["/a/b:/one", "/ab:/two"]}})}, hub_create_options={})
    doc = load(data)
    findings = analyze(doc)
    hub = next(f for f in convert(data).findings if f.code == "NET010")
    chosen = {hub.id: {"accepted": True}, "XYZ001:-:/nowhere": {"accepted": False}}
    whole = [(f.id, f.status) for f in apply(doc, findings, chosen).findings]
    stale_whole = apply(doc, findings, chosen).stale_decisions
    later = apply(doc, findings, chosen, device=False)
    assert later.device is None and hub.id in later.stale_decisions  # not known until the device phase runs
    worker = threading.Thread(target=later.check_device, args=(chosen,))
    worker.start()
    worker.join()
    assert [(f.id, f.status) for f in later.findings] == whole
    assert later.stale_decisions == stale_whole == ["XYZ001:-:/nowhere"]
    assert later.check_device(chosen) == later.findings[len(findings):]  # once per result


def test_the_yaml_preview_is_the_same_with_or_without_libyaml(corpus_dir):
    """dump_all uses libyaml's emitter where PyYAML has it; the text must not depend on that."""
    yaml = pytest.importorskip("yaml")
    if not hasattr(yaml, "CSafeDumper"):
        pytest.skip("PyYAML built without libyaml")
    from asegui.core.device.yaml_text import dump_all

    for path in sorted(corpus_dir.glob("*.json")):
        try:
            objects = preview(convert(path.read_bytes()))
        except ManifestError:
            continue
        pure = yaml.dump_all(objects, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True,
                             default_flow_style=False, width=120, explicit_start=True)
        assert dump_all(objects) == pure, path.name
        assert list(yaml.safe_load_all(pure)) == objects, path.name


def test_collector_pauses_overlapping_on_two_threads_leave_it_on():
    """The window's worker and its UI thread may both convert at once: the collector must come back on."""
    import gc
    import threading

    from asegui.collector import paused

    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    def worker():
        with paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    with paused():  # begins while the worker's pause is under way, ends before it
        assert not gc.isenabled()
    assert not gc.isenabled()  # the worker's pause still holds
    leave.set()
    thread.join()
    assert gc.isenabled()


def test_an_old_tools_root_key_is_held_to_the_schema_too():
    """Found by the fuzzer: with "moduleContent" (MAN006 renames it) MAN009 stayed silent, so converting the output
    again added edgeAgent's "type" a second time round; a conversion must be a fixed point."""
    data = json.loads(manifest({"app": module({})}))
    data = {"moduleContent": data["modulesContent"]}
    del data["moduleContent"]["$edgeAgent"]["properties.desired"]["systemModules"]["edgeAgent"]["type"]
    first = convert(json.dumps(data).encode())
    assert [f.pointer.rsplit("/", 1)[-1] for f in codes(first, "MAN009")] == ["type"]
    assert convert(first.text.encode()).text == first.text
