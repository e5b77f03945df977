"""Storage rules: each with a before manifest and the after it must produce (or the finding it raises)."""

from __future__ import annotations

from tests.helpers import findings, manifest, module, out_create_options, run


def test_sto001_share_bind_becomes_volume_mount_with_same_target_and_readonly():
    data = manifest({"app": module({"HostConfig": {"Binds": [
        "/home/hcsshares/localin:/home/input", "/home/hcsshares/cloudout:/home/output:ro"]}})})
    result = run(data)
    assert [f.values["share"] for f in findings(result, "STO001")] == ["localin", "cloudout"]
    host = out_create_options(result, "app")["HostConfig"]
    assert "Binds" not in host
    assert host["Mounts"] == [
        {"Type": "volume", "Source": "localin", "Target": "/home/input"},
        {"Type": "volume", "Source": "cloudout", "Target": "/home/output", "ReadOnly": True}]


def test_sto001_share_name_decision_reaches_output_and_invalid_name_is_refused():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/localin:/home/input"]}})})
    fid = findings(run(data), "STO001")[0].id
    renamed = run(data, {fid: {"accepted": True, "params": {"share": "gpu-input"}}})
    assert out_create_options(renamed, "app")["HostConfig"]["Mounts"][0]["Source"] == "gpu-input"
    refused = run(data, {fid: {"accepted": True, "params": {"share": "Bad_Name"}}})
    finding = findings(refused, "STO001")[0]
    assert finding.status == "needs input" and "DNS label" in finding.problems["share"]
    assert out_create_options(refused, "app")["HostConfig"]["Binds"] == ["/home/hcsshares/localin:/home/input"]


def test_sto001_uppercase_share_gets_a_dns_label_default():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/Input_Share:/in"]}})})
    assert findings(run(data), "STO001")[0].values["share"] == "input-share"


def test_sto001_rejected_keeps_the_bind():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/s1:/in"]}})})
    fid = findings(run(data), "STO001")[0].id
    result = run(data, {fid: {"accepted": False}})
    assert out_create_options(result, "app")["HostConfig"] == {"Binds": ["/home/hcsshares/s1:/in"]}


def test_sto002_directory_bind_becomes_mounts_bind_or_share_volume():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/var/data:/data", "myvolume:/cache"]}})})
    result = run(data)
    host = out_create_options(result, "app")["HostConfig"]
    assert host["Mounts"] == [{"Type": "bind", "Source": "/var/data", "Target": "/data"},
                              {"Type": "volume", "Source": "myvolume", "Target": "/cache"}]
    fid = findings(result, "STO002")[0].id
    as_share = run(data, {fid: {"params": {"mount": "volume", "share": "appdata"}}})
    assert out_create_options(as_share, "app")["HostConfig"]["Mounts"][0] == \
        {"Type": "volume", "Source": "appdata", "Target": "/data"}


def test_sto003_file_and_socket_binds_are_manual_errors_and_left_alone():
    data = manifest({"app": module({"HostConfig": {"Binds": [
        "/var/run/docker.sock:/var/run/docker.sock", "/opt/app/config.json:/app/config.json"]}})})
    result = run(data)
    found = findings(result, "STO003")
    assert len(found) == 2 and all(f.applicability == "manual" and f.severity == "error" for f in found)
    assert not findings(result, "STO002")
    assert out_create_options(result, "app")["HostConfig"]["Binds"] == [
        "/var/run/docker.sock:/var/run/docker.sock", "/opt/app/config.json:/app/config.json"]
    assert result.exit_code == 1


def test_sto004_share_subpath_is_manual_and_not_converted():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/data/images:/images"]}})})
    result = run(data)
    assert len(findings(result, "STO004")) == 1 and not findings(result, "STO001")
    assert out_create_options(result, "app")["HostConfig"]["Binds"] == ["/home/hcsshares/data/images:/images"]


def test_sto005_lists_each_share_once_with_every_module_using_it():
    data = manifest({"a": module({"HostConfig": {"Binds": ["/home/hcsshares/shared:/in"]}}),
                     "b": module({"HostConfig": {"Mounts": [{"Type": "volume", "Source": "shared", "Target": "/x"}]}})})
    found = findings(run(data), "STO005")
    assert len(found) == 1
    assert "a, b" in found[0].message and found[0].todo


def test_sto006_mount_source_not_dns_label_is_renamed():
    data = manifest({"db": module({"HostConfig": {"Mounts": [{"Type": "volume", "Source": "Sql_Data",
                                                              "Target": "/var/opt/mssql"}]}})})
    result = run(data)
    assert findings(result, "STO006")[0].values["share"] == "sql-data"
    assert out_create_options(result, "db")["HostConfig"]["Mounts"][0]["Source"] == "sql-data"


def test_sto007_two_mounts_with_one_target():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/s:/data"],
                                                   "Mounts": [{"Type": "volume", "Source": "v", "Target": "/data"}]}})})
    assert len(findings(run(data), "STO007")) == 1


def _spelled(lower: bool, key: str) -> str:
    return key[0].lower() + key[1:] if lower else key


def _case_variant_module(lower: bool) -> dict:
    s = lambda key: _spelled(lower, key)  # noqa: E731 - one letter keeps the manifest readable
    return module({"HostConfig": {
        "Binds": ["/etc/hosts:/etc/hosts"],
        "Devices": [{s("PathOnHost"): "/dev/catapult0", s("PathInContainer"): "/dev/catapult0"}],
        "Mounts": [{s("Type"): "volume", s("Source"): "Sql_Data", s("Target"): "/data"},
                   {s("Type"): "bind", s("Source"): "/var/run/docker.sock", s("Target"): "/data/"}]}},
        image="contosoacr.azurecr.io/fpga-model:1")


def test_lowercase_keys_inside_devices_and_mounts_read_as_docker_reads_them():
    """Docker and the runtime read createOptions keys without regard to case, so ``pathOnHost`` and ``source`` are
    the same FPGA device and share as ``PathOnHost`` and ``Source``: the same findings, and fixes that write to the
    key as the input spelled it (found by a review: a lowercase ``pathOnHost`` lost the FPGA errors)."""
    exact = run(manifest({"model": _case_variant_module(lower=False)}))
    lower = run(manifest({"model": _case_variant_module(lower=True)}))
    codes = [(f.code, f.severity) for f in exact.findings]
    assert [(f.code, f.severity) for f in lower.findings] == codes
    assert {"RES002", "RES004", "RES005", "STO003", "STO005", "STO006", "STO007"} <= {code for code, _ in codes}
    [share] = findings(lower, "STO006")
    assert share.pointer.endswith("/Mounts/0/source")
    assert out_create_options(lower, "model")["HostConfig"]["Mounts"][0] == {"type": "volume", "source": "sql-data",
                                                                             "target": "/data"}


def test_two_spellings_of_one_key_in_a_mount_read_as_the_runtime_reads_them_the_last():
    """Docker's and the runtime's readers set a field once for each spelling, so the last wins; the rules read the same
    value and STO006 fixes the member the runtime reads (a review's suspicion)."""
    data = manifest({"app": module({"HostConfig": {"Mounts": [
        {"Type": "volume", "Source": "Sql_Data", "source": "Cold_Data", "Target": "/data"}]}})})
    result = run(data)
    [share] = findings(result, "STO006")
    assert share.pointer.endswith("/Mounts/0/source") and '"Cold_Data"' in share.message
    # STO005 names the share as the output mounts it: the Source STO006 fixed (runtime audit §6.6).
    assert [f.message.split('"')[1] for f in findings(result, "STO005")] == ["cold-data"]
    mount = out_create_options(result, "app")["HostConfig"]["Mounts"][0]
    assert (mount["Source"], mount["source"]) == ("Sql_Data", "cold-data")
