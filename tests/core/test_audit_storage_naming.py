"""The storage, resources, naming and manifest items of the runtime audit (runtime-audit.md §6), one test each.

Each test states what the device's runtime (Azure/iotedge ``archive/release/1.1-k8s-preview``) does, as read from
its code, and fails on the rules as they were before the item was fixed.
"""

from __future__ import annotations

import json

from asegui.core import convert, rules
from asegui.core.device.settings import DeviceSettings
from asegui.core.report import report_data
from tests.helpers import findings, manifest, module, out_create_options, run


def _gpus_asked(result, names: list[str]) -> dict[str, int]:
    """nvidia.com/gpu limits in the output, by module (0 when none)."""
    asked = {}
    for name in names:
        limits = out_create_options(result, name).get("k8s-experimental", {}).get("resources", {}).get("limits", {})
        asked[name] = limits.get("nvidia.com/gpu", 0)
    return asked


def test_6_4_default_gpu_limits_never_ask_for_more_gpus_than_the_device_has():
    """§6.4: KubernetesDeploymentMapper.cs gives each module its own pod with the k8s-experimental limits; a pod asking
    for a GPU the device does not have stays Pending. Defaults share out ``settings.gpus``: limits already in the
    manifest first, then the FPGA modules (RES001, RES002), then Runtime nvidia (RES006) in module order."""
    runtime = {"HostConfig": {"Runtime": "nvidia"}}
    fpga = {"k8s-experimental": {"resources": {"limits": {"microsoft.com/fpga_catapult": 1}}}}
    data = manifest({"first": module(runtime), "second": module(runtime), "model": module(fpga)})
    one = run(data)
    assert _gpus_asked(one, ["first", "second", "model"]) == {"first": 0, "second": 0, "model": 1}
    off = findings(one, "RES006")
    assert [(f.accepted_by_default, f.status) for f in off] == [(False, "off"), (False, "off")]
    assert "The device has 1 GPU(s), taken by model" in off[0].message and "Choose which module" in off[0].message
    assert out_create_options(one, "second")["HostConfig"] == {"Runtime": "nvidia"}  # nothing changed by default
    # Accepting one of them is the person's choice (the device check then reports the overcommitted GPU).
    chosen = run(data, {off[0].id: {"accepted": True}})
    assert _gpus_asked(chosen, ["first"]) == {"first": 1}

    two = convert(data, settings=DeviceSettings(gpus=2))
    assert _gpus_asked(two, ["first", "second", "model"]) == {"first": 1, "second": 0, "model": 1}

    # A limit already in the manifest holds the GPU; an FPGA module then gets no default count.
    held = {"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    devices = {"HostConfig": {"Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"}]}}
    taken = run(manifest({"gpu": module(held), "model": module(fpga), "host": module(devices)}))
    assert [(f.module, f.status) for f in findings(taken, "RES001") + findings(taken, "RES002")] == \
        [("model", "needs input"), ("host", "needs input")]
    assert _gpus_asked(taken, ["gpu", "model", "host"]) == {"gpu": 1, "model": 0, "host": 0}
    assert "taken by gpu" in findings(taken, "RES001")[0].message


def test_6_13_nam005_says_the_create_options_env_value_wins():
    """§6.13: KubernetesDeploymentMapper.cs adds the module's ``env`` section, then createOptions ``Env``; the kubelet
    keeps the last of two entries with one name, so the createOptions value wins (Docker kept the env section's)."""
    data = manifest({"app": module({"Env": ["MODE=b"]}, env={"MODE": "a"})})
    [finding] = findings(run(data), "NAM005")
    assert "createOptions Env value wins" in finding.message
    explanation = rules.get("NAM005").explanation  # type: ignore[union-attr]
    assert "not documented" not in explanation and "createOptions `Env` value wins" in explanation


def test_6_14_sto002_does_not_claim_binds_are_unusable():
    """§6.14: KubernetesDeploymentMapper.cs turns a ``Binds`` entry and a bind ``Mounts`` entry into the same
    hostPath volume, so "Kubernetes deployments cannot use Binds" is wrong; the rule says they run alike."""
    data = manifest({"app": module({"HostConfig": {"Binds": ["/var/data:/data"]}})})
    [finding] = findings(run(data), "STO002")
    assert "as it would the bind" in finding.message
    explanation = rules.get("STO002").explanation  # type: ignore[union-attr]
    assert "cannot use `Binds`" not in explanation and "same hostPath volume" in explanation


def test_6_15_digit_first_shares_startup_order_and_chunks_as_the_runtime_reads_them():
    """§6.15: KubeUtils.cs SanitizeDNSLabel keeps a leading digit, so a share ``1data`` is used as it is (no STO006);
    the Kubernetes planner ignores ``startupOrder`` (MAN003 must not recommend 1.1 for it); Docker Constants.cs
    TwinValueMaxChunks = 100, so 9 pieces deploy (a warning about the tools) and only over 100 is it an error."""
    data = manifest({"db": module({"HostConfig": {
        "Mounts": [{"Type": "volume", "Source": "1data", "Target": "/d"}],
        "Binds": ["/home/hcsshares/2share:/s"]}})})
    result = run(data)
    assert findings(result, "STO006") == []
    [share_bind] = findings(result, "STO001")
    assert share_bind.values["share"] == "2share"
    assert out_create_options(result, "db")["HostConfig"]["Mounts"] == [
        {"Type": "volume", "Source": "1data", "Target": "/d"}, {"Type": "volume", "Source": "2share", "Target": "/s"}]

    explanation = rules.get("MAN003").explanation  # type: ignore[union-attr]
    assert "allows `startupOrder`" not in explanation and "does not apply" in explanation

    # {"Env":["<n x>"]} is n + 12 characters of compact JSON: 9 pieces, then 101 pieces of 512.
    [nine] = findings(run(manifest({"app": module({"Env": ["x" * 4085]})})), "MAN001")
    assert nine.severity == "warning" and "cannot be deployed" not in nine.message and "100 pieces" in nine.message
    [over] = findings(run(manifest({"app": module({"Env": ["x" * (100 * 512 + 1 - 12)]})})), "MAN001")
    assert over.severity == "error" and "101 pieces" in over.message


def _shares(result) -> list[str]:
    """The report's "Shares to create" lines."""
    return [item["text"] for item in report_data(result, "in", "out")["checklist"] if item["kind"] == "share"]


def test_6_6_share_checklist_names_shares_as_the_output_mounts_them_and_lists_named_volumes():
    """§6.6: KubernetesDeploymentMapper.cs (GetVolume) asks for the claim SanitizeDNSLabel(Source) of the *converted*
    mount, so the checklist must name the share STO001/STO006 write (``share-one``, not ``Share_One``), follow the
    name a person gives, and list the named volumes STO002 turns into share mounts."""
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/Share_One:/in", "myvolume:/cache"],
                                                   "Mounts": [{"Type": "volume", "Source": "Sql_Data",
                                                               "Target": "/db"}]}})})
    result = run(data)
    mounted = [m["Source"] for m in out_create_options(result, "app")["HostConfig"]["Mounts"]]
    assert mounted == ["sql-data", "share-one", "myvolume"]
    lines = _shares(result)
    assert len(lines) == 3
    for name in ("share-one", "myvolume", "sql-data"):
        assert sum(f'"{name}"' in line for line in lines) == 1, name
    assert not any("Share_One" in line or "Sql_Data" in line for line in lines)

    share_fix, = findings(result, "STO001")
    volume_fix, = findings(result, "STO002")
    source_fix, = findings(result, "STO006")
    decided = run(data, {share_fix.id: {"params": {"share": "gpu-in"}}, volume_fix.id: {"params": {"mount": "bind"}},
                         source_fix.id: {"accepted": False}})
    lines = _shares(decided)
    assert any('"gpu-in"' in line for line in lines) and not any('"share-one"' in line for line in lines)
    assert any('"sqldata"' in line for line in lines)  # the claim the runtime looks for when Source is kept
    assert not any('"myvolume"' in line and "Create" in line for line in lines)  # now a node folder, no share


def test_6_10_nam001_does_not_propose_case_only_renames():
    """§6.10: KubeUtils.cs SanitizeK8sValue lowercases the id for every object, and
    KubernetesServiceAccountMapper.cs keeps the id in the ``original-moduleid`` annotation, so ``MyModule`` already
    works; renaming it to ``mymodule`` would give the module a new IoT Hub identity."""
    data = manifest({"MyModule": module({"Env": ["A=1"]})},
                    routes={"r": "FROM /messages/modules/MyModule/* INTO $upstream"})
    result = run(data)
    [finding] = findings(result, "NAM001")
    assert (finding.severity, finding.params) == ("info", ())
    assert '"mymodule"' in finding.message and "new IoT Hub identity" in finding.message
    desired = json.loads(result.text)["modulesContent"]
    assert list(desired["$edgeAgent"]["properties.desired"]["modules"]) == ["MyModule"]
    routes = desired["$edgeHub"]["properties.desired"]["routes"]
    assert routes == {"r": "FROM /messages/modules/MyModule/* INTO $upstream"}
    explanation = rules.get("NAM001").explanation  # type: ignore[union-attr]
    assert "original-moduleid" in explanation and "that case is a warning" not in explanation


# --- §6.10: only names the device would refuse are renamed ---------------------------------------------------------

IN = 'BrokeredEndpoint("/modules/{}/inputs/in")'


def _modules_out(result) -> list[str]:
    return list(json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"])


def _routes(text: bytes | str) -> dict:
    return json.loads(text)["modulesContent"]["$edgeHub"]["properties.desired"]["routes"]


def test_6_10_nam001_leaves_names_the_runtime_sanitizes_itself():
    """§6.10: SanitizeK8sValue (KubeUtils.cs) deletes '_' and every other character outside ``[a-z0-9.-]``, and the
    Deployment, ServiceAccount and Service are all named after the result, so ``My_Module`` runs as ``mymodule`` and
    ``cam_1`` as ``cam1``. Renaming them would give each a new IoT Hub module identity; an info finding says what the
    objects are named instead."""
    data = manifest({"My_Module": module({"Env": ["A=1"]}), "cam_1": module({"ExposedPorts": {"80/tcp": {}}})},
                    routes={"r": "FROM /messages/modules/My_Module/* INTO " + IN.format("cam_1")},
                    twins={"My_Module": {"properties.desired": {"rate": 1}}})
    result = run(data)
    found = {f.module: f for f in findings(result, "NAM001")}
    assert {name: (f.severity, f.applicability, f.params) for name, f in found.items()} == \
        {"My_Module": ("info", "manual", ()), "cam_1": ("info", "manual", ())}
    assert '"mymodule"' in found["My_Module"].message and '"cam1"' in found["cam_1"].message
    assert all("new IoT Hub identity" in f.message and "connection string" in f.message for f in found.values())
    assert _modules_out(result) == ["My_Module", "cam_1"]
    content = json.loads(result.text)["modulesContent"]
    assert content["$edgeHub"]["properties.desired"]["routes"] == _routes(data)
    assert "My_Module" in content
    assert not findings(result, "NAM007") and result.exit_code == 0


def test_6_10_nam001_renames_a_name_with_a_dot_by_default():
    """§6.10: SanitizeK8sValue keeps '.', but the container's name must be a DNS-1123 label: the API server refuses
    the Deployment and the whole deployment aborts (§1.3). The rename stays the default."""
    data = manifest({"cam.one": module()}, routes={"r": "FROM /messages/modules/cam.one/* INTO $upstream"})
    result = run(data)
    [finding] = findings(result, "NAM001")
    assert (finding.severity, finding.applicability, finding.values["name"], finding.accepted_by_default) == \
        ("error", "choice", "cam-one", True)
    assert '"cam.one"' in finding.message and "refuses" in finding.message
    assert _modules_out(result) == ["cam-one"]
    assert _routes(result.text) == {"r": "FROM /messages/modules/cam-one/* INTO $upstream"}
    assert not findings(result, "NAM007")


def test_6_10_nam001_renames_a_digit_first_name_only_when_the_module_has_a_service():
    """§6.10: a leading digit is a valid DNS-1123 label (Deployment, ServiceAccount, container) but not a DNS-1035
    label, which a Service's name must be (KubernetesServiceMapper.cs names it after the module). The device model
    says whether the module gets a Service: ExposedPorts or PortBindings."""
    served = run(manifest({"1cam": module({"ExposedPorts": {"80/tcp": {}}})}))
    [finding] = findings(served, "NAM001")
    assert (finding.severity, finding.values["name"], finding.accepted_by_default) == ("error", "cam", True)
    assert "Service" in finding.message
    assert _modules_out(served) == ["cam"]

    bound = run(manifest({"1cam": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}})}))
    assert [f.values["name"] for f in findings(bound, "NAM001")] == ["cam"]

    alone = run(manifest({"1cam": module({"Env": ["A=1"]})}))
    [note] = findings(alone, "NAM001")
    assert (note.severity, note.applicability, note.params) == ("info", "manual", ())
    assert '"1cam"' in note.message and "Service" in note.message
    assert _modules_out(alone) == ["1cam"]
    assert not findings(alone, "NAM007") and alone.exit_code == 0


def test_6_10_nam001_renames_a_name_over_63_characters_or_with_nothing_left():
    """§6.10: a sanitized name over 63 characters is no DNS-1123 label, and one with nothing left names no object."""
    long = "Camera_" + "x" * 70
    result = run(manifest({long: module(), "__": module()}))
    proposed = {f.module: (f.severity, f.values["name"]) for f in findings(result, "NAM001")}
    assert proposed == {long: ("error", ("camera-" + "x" * 70)[:63]), "__": ("error", "module")}
    assert not findings(result, "NAM007")


def test_6_10_nam001_explanation_gives_the_article_and_the_code():
    explanation = rules.get("NAM001").explanation  # type: ignore[union-attr]
    source = rules.get("NAM001").source  # type: ignore[union-attr]
    assert "DNS label" in explanation and "SanitizeK8sValue" in explanation and "original-moduleid" in explanation
    assert "new IoT Hub module identity" in explanation and "DNS-1035" in explanation
    assert "KubeUtils.cs" in source and "KubernetesServiceMapper.cs" in source and "Microsoft Learn" in source
    assert "My_Module" not in rules.get("NAM001").before  # type: ignore[union-attr]
