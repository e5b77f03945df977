"""Resources rules: each with a before manifest and the after it must produce (or the finding it raises)."""

from __future__ import annotations

from asegui.core import convert
from asegui.core.device.settings import DeviceSettings
from tests.helpers import findings, manifest, module, out_create_options, out_module, run

TWO_GPUS = DeviceSettings(gpus=2)

ARTICLE_FPGA = {"HostConfig": {"Privileged": True, "PortBindings": {"50051/tcp": [{"HostPort": "50051"}]}},
                "k8s-experimental": {"resources": {"limits": {"microsoft.com/fpga_catapult": 2},
                                                   "requests": {"microsoft.com/fpga_catapult": 2}}},
                "Env": ["WIRESERVER_ADDRESS=10.139.218.1"]}


def test_article_fpga_example_converts_to_the_articles_gpu_form():
    # The article's two GPUs need a two-GPU device; on the default one-GPU device the count is 1 (audit §6.4).
    one_gpu = run(manifest({"fpgamodule": module(ARTICLE_FPGA)}))
    assert out_create_options(one_gpu, "fpgamodule")["k8s-experimental"]["resources"] == \
        {"limits": {"nvidia.com/gpu": 1}}
    result = convert(manifest({"fpgamodule": module(ARTICLE_FPGA)}), settings=TWO_GPUS)
    assert out_create_options(result, "fpgamodule") == {
        "HostConfig": {"Privileged": True, "PortBindings": {"50051/tcp": [{"HostPort": "50051"}]}},
        "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 2}}, "strategy": {"type": "Recreate"}}}
    assert not result.conflicts
    assert [f.status for f in findings(result, "RES001")] == ["review"]
    assert [f.status for f in findings(result, "RES003")] == ["applied"]
    assert [f.status for f in findings(result, "PLT001", "fpgamodule")] == ["applied"]


def test_section_8_7_example_devices_etc_hosts_and_shares():
    fpga = {"Env": ["WIRESERVER_ADDRESS=10.139.218.1"],
            "HostConfig": {"Privileged": True,
                           "Binds": ["/etc/hosts:/etc/hosts", "/home/hcsshares/localin:/home/input",
                                     "/home/hcsshares/cloudout:/home/output"],
                           "Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"}],
                           "PortBindings": {"50051/tcp": [{"HostPort": "50051"}]}}}
    result = run(manifest({"fpgamodule": module(fpga)}))
    assert out_create_options(result, "fpgamodule") == {
        "HostConfig": {"Privileged": True,
                       "PortBindings": {"50051/tcp": [{"HostPort": "50051"}]},
                       "Mounts": [{"Type": "volume", "Source": "localin", "Target": "/home/input"},
                                  {"Type": "volume", "Source": "cloudout", "Target": "/home/output"}]},
        "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}, "strategy": {"type": "Recreate"}}}
    assert not result.conflicts
    assert not findings(result, "STO003")  # RES004 owns the /etc/hosts bind of an FPGA module


def test_res001_count_decision_and_cap_at_the_device_gpus():
    options = {"k8s-experimental": {"resources": {"limits": {"microsoft.com/fpga_catapult": 4}}}}
    data = manifest({"m": module(options)})
    assert findings(convert(data, settings=TWO_GPUS), "RES001")[0].values["count"] == 2
    result = run(data)
    finding = findings(result, "RES001")[0]
    assert finding.values["count"] == 1 and finding.severity == "error"
    too_many = run(data, {finding.id: {"accepted": True, "params": {"count": 2}}})  # the device has one GPU
    assert findings(too_many, "RES001")[0].status == "needs input"
    one = run(data, {finding.id: {"accepted": True, "params": {"count": 1}}})
    assert out_create_options(one, "m")["k8s-experimental"]["resources"] == {"limits": {"nvidia.com/gpu": 1}}
    zero = run(data, {finding.id: {"accepted": True, "params": {"count": 0}}})
    assert findings(zero, "RES001")[0].status == "needs input"
    assert out_create_options(zero, "m")["k8s-experimental"]["resources"] == \
        {"limits": {"microsoft.com/fpga_catapult": 4}}


def test_res001_rename_keeps_the_position_of_the_limit():
    options = {"k8s-experimental": {"resources": {"limits": {"memory": "1Gi", "microsoft.com/fpga_catapult": 1,
                                                             "cpu": "2"}}}}
    result = run(manifest({"m": module(options)}))
    limits = out_create_options(result, "m")["k8s-experimental"]["resources"]["limits"]
    assert list(limits.items()) == [("memory", "1Gi"), ("nvidia.com/gpu", 1), ("cpu", "2")]


def test_res001_requests_only_becomes_a_limit():
    options = {"k8s-experimental": {"resources": {"requests": {"microsoft.com/fpga_catapult": 1}}}}
    result = run(manifest({"m": module(options)}))
    assert out_create_options(result, "m")["k8s-experimental"]["resources"] == {"limits": {"nvidia.com/gpu": 1}}


def test_res001_rejected_keeps_the_fpga_resource():
    data = manifest({"m": module(ARTICLE_FPGA)})
    fid = findings(run(data), "RES001")[0].id
    result = run(data, {fid: {"accepted": False}})
    assert out_create_options(result, "m")["k8s-experimental"]["resources"] == \
        {"limits": {"microsoft.com/fpga_catapult": 2}, "requests": {"microsoft.com/fpga_catapult": 2}}


def test_res002_two_catapult_devices_default_to_one_gpu_and_count_decision():
    options = {"HostConfig": {"Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"},
                                          {"PathOnHost": "/dev/catapult1", "PathInContainer": "/dev/catapult1"}]}}
    data = manifest({"host": module(options)})
    result = run(data)
    assert out_create_options(result, "host") == {
        "HostConfig": {}, "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}},
                                               "strategy": {"type": "Recreate"}}}
    fid = findings(result, "RES002")[0].id
    two = convert(data, {fid: {"params": {"count": 2}}}, settings=TWO_GPUS)
    assert out_create_options(two, "host")["k8s-experimental"]["resources"]["limits"] == {"nvidia.com/gpu": 2}


def test_res002_with_fpga_resource_only_removes_devices():
    options = {"HostConfig": {"Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"},
                                          {"PathOnHost": "/dev/video0", "PathInContainer": "/dev/video0"}]},
               "k8s-experimental": {"resources": {"limits": {"microsoft.com/fpga_catapult": 1}}}}
    result = run(manifest({"m": module(options)}))
    res002 = findings(result, "RES002")[0]
    assert res002.applicability == "auto" and not res002.params
    assert out_create_options(result, "m") == {
        "HostConfig": {"Devices": [{"PathOnHost": "/dev/video0", "PathInContainer": "/dev/video0"}]},
        "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}, "strategy": {"type": "Recreate"}}}
    assert not result.conflicts
    assert [f.applicability for f in findings(result, "RES006")] == ["manual"]


def test_res003_wireserver_removed_from_module_env_too():
    data = manifest({"m": module({"Env": ["A=1", "WIRESERVER_ADDRESS=10.0.0.1"]},
                                 env={"WIRESERVER_ADDRESS": "10.0.0.1", "B": "2"})})
    result = run(data)
    assert out_create_options(result, "m") == {"Env": ["A=1"]}
    assert out_module(result, "m")["env"] == {"B": {"value": "2"}}
    assert len(findings(result, "RES003")) == 2


def test_res004_etc_hosts_bind_of_fpga_module_only():
    fpga = {"HostConfig": {"Binds": ["/etc/hosts:/etc/hosts"],
                           "Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"}]}}
    other = {"HostConfig": {"Binds": ["/etc/hosts:/etc/hosts"]}}
    result = run(manifest({"fpga": module(fpga), "other": module(other)}))
    assert len(findings(result, "RES004")) == 1 and findings(result, "RES004")[0].module == "fpga"
    assert "Binds" not in out_create_options(result, "fpga")["HostConfig"]
    assert out_create_options(result, "other")["HostConfig"]["Binds"] == ["/etc/hosts:/etc/hosts"]
    assert [f.module for f in findings(result, "STO003")] == ["other"]


def test_res005_fpga_model_needs_a_gpu_image():
    data = manifest({"host": module({"HostConfig": {"Devices": [{"PathOnHost": "/dev/catapult0"}]}},
                                    image="intelligentedge/void-detection-brainwave:1.0.0"),
                     "cpu": module({})})
    result = run(data)
    finding = findings(result, "RES005")[0]
    assert finding.status == "needs input" and finding.module == "host" and result.exit_code == 1
    assert out_module(result, "host")["settings"]["image"] == "intelligentedge/void-detection-brainwave:1.0.0"
    assert not findings(result, "RES005", "cpu")
    given = run(data, {finding.id: {"params": {"image": "contoso.azurecr.io/void-gpu:1.0"}}})
    assert out_module(given, "host")["settings"]["image"] == "contoso.azurecr.io/void-gpu:1.0"
    assert findings(given, "RES005")[0].status == "applied"


def test_res005_detects_accelerated_model_image_name():
    result = run(manifest({"m": module({}, image="contoso.azurecr.io/brainwave-resnet50:1")}))
    assert len(findings(result, "RES005")) == 1


def test_res006_other_device_is_a_manual_error():
    data = manifest({"cam": module({"HostConfig": {"Devices": [
        {"PathOnHost": "/dev/video0", "PathInContainer": "/dev/video0", "CgroupPermissions": "mrw"}]}})})
    result = run(data)
    finding = findings(result, "RES006")[0]
    assert (finding.severity, finding.applicability, finding.status) == ("error", "manual", "open")
    assert out_create_options(result, "cam")["HostConfig"]["Devices"][0]["PathOnHost"] == "/dev/video0"
    assert result.exit_code == 1


def test_res006_lowercase_runtime_nvidia_becomes_a_gpu_limit():
    data = manifest({"gpu": module({"HostConfig": {"runtime": "nvidia", "IpcMode": "host"}})})
    result = run(data)
    assert out_create_options(result, "gpu") == {
        "HostConfig": {"IpcMode": "host"}, "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}},
                                                                "strategy": {"type": "Recreate"}}}
    fid = findings(result, "RES006")[0].id
    rejected = run(data, {fid: {"accepted": False}})
    assert out_create_options(rejected, "gpu") == {"HostConfig": {"runtime": "nvidia", "IpcMode": "host"},
                                                   "k8s-experimental": {"strategy": {"type": "Recreate"}}}


def test_res006_device_requests_gpu_and_existing_limit():
    requests = {"HostConfig": {"DeviceRequests": [{"Capabilities": ["gpu"], "Count": -1}]}}
    result = run(manifest({"m": module(requests)}))
    assert out_create_options(result, "m")["k8s-experimental"]["resources"] == {"limits": {"nvidia.com/gpu": 1}}
    assert "DeviceRequests" not in out_create_options(result, "m")["HostConfig"]
    already = {"HostConfig": {"Runtime": "nvidia"},
               "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 2}}, "strategy": {"type": "Recreate"}}}
    result = run(manifest({"m": module(already)}))
    finding = findings(result, "RES006")[0]
    assert finding.severity == "info" and not finding.params
    assert out_create_options(result, "m") == {  # the emptied HostConfig is pruned with its last field
        "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 2}}, "strategy": {"type": "Recreate"}}}


def test_res006_time_sharing_module_gets_no_limit():
    result = run(manifest({"m": module({"HostConfig": {"Runtime": "nvidia"}}, env={"NVIDIA_VISIBLE_DEVICES": "0"})}))
    assert out_create_options(result, "m") == {"k8s-experimental": {"strategy": {"type": "Recreate"}}}


def test_res007_memory_and_cpu_move_to_limits():
    data = manifest({"m": module({"HostConfig": {"Memory": 33554432, "NanoCpus": 1500000000, "CpuShares": 512}})})
    result = run(data)
    finding = findings(result, "RES007")[0]
    assert finding.values == {"memory": "32Mi", "cpu": "1500m"}
    assert out_create_options(result, "m") == {
        "HostConfig": {"CpuShares": 512}, "k8s-experimental": {"resources": {"limits": {"memory": "32Mi",
                                                                                         "cpu": "1500m"}}}}
    assert not findings(result, "RES008")
    assert [f.pointer.rsplit("/", 1)[-1] for f in findings(result, "PLT003")] == ["CpuShares"]
    changed = run(data, {finding.id: {"params": {"memory": "64Mi", "cpu": "2"}}})
    assert out_create_options(changed, "m")["k8s-experimental"]["resources"]["limits"] == {"memory": "64Mi",
                                                                                           "cpu": "2"}
    bad = run(data, {finding.id: {"params": {"memory": "lots"}}})
    assert findings(bad, "RES007")[0].status == "needs input"


def test_res007_quota_period_rounding_and_zero_is_unlimited():
    result = run(manifest({"m": module({"HostConfig": {"Memory": 1000000, "CpuQuota": 50000, "CpuPeriod": 100000}}),
                           "z": module({"HostConfig": {"Memory": 0}})}))
    assert out_create_options(result, "m") == {
        "k8s-experimental": {"resources": {"limits": {"memory": "1Mi", "cpu": "500m"}}}}
    assert not findings(result, "RES007", "z")
    assert out_create_options(result, "z") == {"HostConfig": {"Memory": 0}}


def test_res008_off_by_default_and_accepted_adds_limits():
    data = manifest({"m": module({"HostConfig": {}})})
    result = run(data)
    finding = findings(result, "RES008", "m")[0]
    assert finding.status == "off" and finding.severity == "info"
    assert out_create_options(result, "m") == {"HostConfig": {}}
    assert not findings(result, "RES008", "edgeHub")
    on = run(data, {finding.id: {"accepted": True}})
    assert out_create_options(on, "m") == {"HostConfig": {}, "k8s-experimental": {"resources": {"limits": {
        "memory": "128Mi", "cpu": "500m"}}}}
    bad = run(data, {finding.id: {"accepted": True, "params": {"cpu": "half"}}})
    assert findings(bad, "RES008", "m")[0].status == "needs input"


def test_res008_only_missing_limit_and_none_when_both_set():
    partly = {"k8s-experimental": {"resources": {"limits": {"memory": "1Gi"}}}}
    both = {"k8s-experimental": {"resources": {"limits": {"memory": "1Gi", "cpu": "1"}}}}
    result = run(manifest({"p": module(partly), "b": module(both)}))
    assert [p.name for p in findings(result, "RES008", "p")[0].params] == ["cpu"]
    assert not findings(result, "RES008", "b")


def test_res009_shareable_and_container_ipc_become_host_and_shmsize_is_info():
    data = manifest({"lvaedge": module({"HostConfig": {"IpcMode": "shareable", "ShmSize": 1536870912}}),
                     "ext": module({"HostConfig": {"IpcMode": "container:lvaedge"}})})
    result = run(data)
    assert out_create_options(result, "lvaedge") == {"HostConfig": {"IpcMode": "host", "ShmSize": 1536870912}}
    assert out_create_options(result, "ext") == {"HostConfig": {"IpcMode": "host"}}
    shm = [f for f in findings(result, "RES009") if f.pointer.endswith("ShmSize")]
    assert len(shm) == 1 and shm[0].status == "info"
    fid = [f for f in findings(result, "RES009", "ext")][0].id
    kept = run(data, {fid: {"accepted": False}})
    assert out_create_options(kept, "ext") == {"HostConfig": {"IpcMode": "container:lvaedge"}}


def test_gpu_ready_manifest_has_no_resources_error():
    ready = {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}},
             "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1, "memory": "1Gi", "cpu": "1"}},
                                  "strategy": {"type": "Recreate"}}}
    result = run(manifest({"gpu": module(ready)}))
    assert not [f for f in result.findings if f.code[:3] in ("RES", "PLT") and f.severity == "error"]
    assert out_create_options(result, "gpu") == ready
