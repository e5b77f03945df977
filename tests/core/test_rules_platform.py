"""Platform rules: each with a before manifest and the after it must produce (or the finding it raises)."""

from __future__ import annotations

from tests.helpers import findings, manifest, module, out_create_options, out_module, run

RECREATE = {"strategy": {"type": "Recreate"}}


def test_plt001_gpu_gets_recreate_but_port_bindings_and_volumes_do_not():
    # Pods get no hostPort and share claims are ReadWriteMany: only the GPU can block the new pod.
    data = manifest({
        "web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}}),
        "store": module({"HostConfig": {"Mounts": [{"Type": "volume", "Source": "data", "Target": "/data"}]}}),
        "gpu": module({"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}),
        "plain": module({"Env": ["A=1"]}),
    })
    result = run(data)
    assert out_create_options(result, "web") == {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}}
    assert "k8s-experimental" not in out_create_options(result, "store")
    assert out_create_options(result, "gpu") == {
        "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}, "strategy": {"type": "Recreate"}}}
    assert out_create_options(result, "plain") == {"Env": ["A=1"]}
    assert {f.module for f in findings(result, "PLT001")} == {"gpu"}


def test_plt001_host_network_module_with_ports_and_reason_in_message():
    data = manifest({"cam": module({"HostConfig": {"NetworkMode": "host",
                                                   "PortBindings": {"554/tcp": [{"HostPort": "554"}]}}}),
                     "quiet": module({"HostConfig": {"NetworkMode": "host"}})})
    result = run(data)
    [cam] = findings(result, "PLT001")
    assert cam.module == "cam" and "ports on the host network" in cam.message and cam.status == "applied"
    assert out_create_options(result, "cam")["k8s-experimental"] == RECREATE
    assert not findings(result, "PLT001", "edgeHub")  # its port bindings are Service ports


def test_plt001_existing_strategy_is_left_alone_and_reject_keeps_input():
    gpu = {"resources": {"limits": {"nvidia.com/gpu": 1}}}
    data = manifest({"m": module({"k8s-experimental": {**gpu, "Strategy": {"type": "RollingUpdate"}}}),
                     "n": module({"k8s-experimental": gpu})})
    result = run(data)
    assert not findings(result, "PLT001", "m")
    fid = findings(result, "PLT001", "n")[0].id
    rejected = run(data, {fid: {"accepted": False}})
    assert out_create_options(rejected, "n") == {"k8s-experimental": gpu}


def test_plt002_entrypoint_array_kept_by_default_and_removed_on_decision():
    data = manifest({"m": module({"Entrypoint": ["/bin/sh"], "Cmd": ["-c", "run"]})})
    result = run(data)
    finding = findings(result, "PLT002")[0]
    assert finding.values == {"action": "keep"} and finding.severity == "warning"
    assert out_create_options(result, "m") == {"Entrypoint": ["/bin/sh"], "Cmd": ["-c", "run"]}
    removed = run(data, {finding.id: {"params": {"action": "remove"}}})
    assert out_create_options(removed, "m") == {"Cmd": ["-c", "run"]}


def test_plt002_entrypoint_string_becomes_one_element_array():
    result = run(manifest({"m": module({"Entrypoint": "/app/start.sh"})}))
    assert findings(result, "PLT002")[0].severity == "error"
    assert out_create_options(result, "m") == {"Entrypoint": ["/app/start.sh"]}


def test_plt003_dropped_options_kept_by_default_one_finding_each():
    options = {"User": "1000:1000", "Hostname": "db",
               "HostConfig": {"CapAdd": ["NET_ADMIN"], "LogConfig": {"Type": "json-file"}, "Privileged": True,
                              "Memory": 1048576, "Devices": [], "ShmSize": 1024, "IpcMode": "host"},
               "NetworkingConfig": {}}
    data = manifest({"m": module(options)})
    result = run(data)
    found = {f.pointer.rsplit("/", 1)[-1]: f for f in findings(result, "PLT003", "m")}
    # NetworkingConfig is reported too (empty: nothing lost, info); it was left to NET006, which sees only
    # host-network modules, so aliases of other modules vanished without a word
    assert set(found) == {"User", "Hostname", "CapAdd", "LogConfig", "NetworkingConfig"}
    assert found["LogConfig"].severity == "info" and found["CapAdd"].severity == "warning"
    assert found["NetworkingConfig"].severity == "info"
    assert "securityContext" in found["User"].message
    output = out_create_options(result, "m")
    assert output["User"] == "1000:1000" and output["HostConfig"]["CapAdd"] == ["NET_ADMIN"]
    decided = run(data, {found["CapAdd"].id: {"params": {"action": "remove"}},
                         found["User"].id: {"params": {"action": "securityContext"}}})
    output = out_create_options(decided, "m")
    assert "User" not in output and "CapAdd" not in output["HostConfig"]
    assert output["k8s-experimental"]["securityContext"] == {"runAsUser": 1000, "runAsGroup": 1000}


def test_plt003_runtime_runc_is_reported_but_runtime_nvidia_is_left_to_res006():
    result = run(manifest({"a": module({"HostConfig": {"runtime": "runc"}}),
                           "b": module({"HostConfig": {"Runtime": "nvidia"}})}))
    assert [f.severity for f in findings(result, "PLT003", "a")] == ["info"]
    assert not findings(result, "PLT003", "b") and findings(result, "RES006", "b")


def test_plt004_misspelt_section_is_renamed():
    data = manifest({"m": module({"K8s-Experimental": {"resources": {"limits": {"cpu": "1"}}}})})
    result = run(data)
    assert out_create_options(result, "m") == {"k8s-experimental": {"resources": {"limits": {"cpu": "1"}}}}
    fid = findings(result, "PLT004")[0].id
    kept = run(data, {fid: {"accepted": False}})
    assert out_create_options(kept, "m") == {"K8s-Experimental": {"resources": {"limits": {"cpu": "1"}}}}


def test_plt004_misspelt_section_merges_with_recreate_from_plt001():
    host = {"NetworkMode": "host", "PortBindings": {"80/tcp": [{"HostPort": "80"}]}}
    data = manifest({"m": module({"HostConfig": host,
                                  "k8s_experimental": {"service-options": {"type": "ClusterIP"}}})})
    result = run(data)
    assert out_create_options(result, "m") == {
        "HostConfig": host,
        "k8s-experimental": {"strategy": {"type": "Recreate"}, "serviceOptions": {"type": "ClusterIP"}}}
    assert not result.conflicts


def test_plt004_unknown_sub_keys_renamed_or_removed_and_wrong_type_is_error():
    data = manifest({"m": module({"k8s-experimental": {"service-options": {"type": "ClusterIP"},
                                                       "nodeselector": {"gpu": "true"},
                                                       "replicas": 2}}),
                     "w": module({"k8s-experimental": {"resources": "2 GPUs"}})})
    result = run(data)
    assert out_create_options(result, "m") == {"k8s-experimental": {"nodeselector": {"gpu": "true"},
                                                                    "serviceOptions": {"type": "ClusterIP"}}}
    wrong = findings(result, "PLT004", "w")[0]
    assert (wrong.severity, wrong.applicability, wrong.status) == ("error", "manual", "open")
    removal = [f for f in findings(result, "PLT004", "m") if f.pointer.endswith("replicas")][0]
    kept = run(data, {removal.id: {"accepted": False}})
    assert out_create_options(kept, "m")["k8s-experimental"]["replicas"] == 2


def test_plt005_restart_policies():
    data = manifest({"a": module({}, restartPolicy="on-failure"), "b": module({}, restartPolicy="on-failured"),
                     "c": module({})})
    result = run(data)
    on_failure = findings(result, "PLT005", "a")[0]
    assert (on_failure.applicability, on_failure.severity, on_failure.status) == ("manual", "warning", "open")
    assert out_module(result, "a")["restartPolicy"] == "on-failure"
    invalid = findings(result, "PLT005", "b")[0]
    assert invalid.severity == "error" and invalid.values == {"policy": "on-failure"}
    assert out_module(result, "b")["restartPolicy"] == "on-failure"
    always = run(data, {invalid.id: {"params": {"policy": "always"}}})
    assert out_module(always, "b")["restartPolicy"] == "always"
    assert not findings(result, "PLT005", "c")


def test_plt006_and_plt007_once_per_document():
    result = run(manifest({"a": module({}), "b": module({})}))
    for code in ("PLT006", "PLT007"):
        found = findings(result, code)
        assert len(found) == 1 and found[0].module is None and found[0].status == "info"
        assert found[0].pointer == "/modulesContent/$edgeAgent/properties.desired"


def test_gpu_ready_module_yields_no_platform_error():
    ready = {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}},
             "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}, "strategy": {"type": "Recreate"}}}
    result = run(manifest({"gpu": module(ready)}))
    assert not [f for f in result.findings if f.code.startswith("PLT") and f.severity == "error"]
    assert not findings(result, "PLT001", "gpu")


def test_k8s_section_that_is_not_an_object_is_never_overwritten():
    options = {"HostConfig": {"Runtime": "nvidia", "PortBindings": {"80/tcp": [{"HostPort": "80"}]}},
               "k8s-experimental": "resources: gpu"}
    result = run(manifest({"m": module(options)}))
    assert out_create_options(result, "m") == options
    assert findings(result, "RES006")[0].applicability == "manual"
    assert not findings(result, "PLT001", "m")
    assert findings(result, "PLT004")[0].applicability == "manual"


def test_plt008_string_cmd_becomes_a_one_element_array_as_docker_read_it():
    data = manifest({"app": module({"Cmd": "--port 8080", "HostConfig": {"Privileged": True}})})
    result = run(data)
    [finding] = findings(result, "PLT008", "app")
    assert (finding.severity, finding.status) == ("error", "applied")
    assert out_create_options(result, "app")["Cmd"] == ["--port 8080"]
    rejected = run(data, {finding.id: {"accepted": False}})
    assert out_create_options(rejected, "app")["Cmd"] == "--port 8080"
    assert not findings(run(manifest({"app": module({"Cmd": ["--port", "8080"]})})), "PLT008")
