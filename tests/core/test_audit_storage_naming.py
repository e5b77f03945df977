"""The storage, resources, naming and manifest items of the runtime audit (runtime-audit.md §6), one test each.

Each test states what the device's runtime (Azure/iotedge ``archive/release/1.1-k8s-preview``) does, as read from
its code, and fails on the rules as they were before the item was fixed.
"""

from __future__ import annotations

from asegui.core import rules
from tests.helpers import findings, manifest, module, out_create_options, run


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
