"""The real command line, run as a subprocess: the contract scripts outside the project rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from asegui.core import all_rules
from tests.conftest import SAMPLE
from tests.helpers import manifest, module

PASSWORD = "s3cr3t-Regi$try-Passw0rd"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asegui.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_version():
    done = cli("--version")
    assert done.returncode == 0 and done.stdout.startswith("asegui-cli ")


def test_check_json_contract_on_the_sample():
    done = cli("check", str(SAMPLE), "--format", "json")
    assert done.returncode == 1, done.stderr  # the sample has error findings that need a person
    payload = json.loads(done.stdout)
    assert payload["input"] == str(SAMPLE)
    assert set(payload["summary"]) == {"error", "warning", "info"}
    assert payload["findings"], "the sample must produce findings"
    for finding in payload["findings"]:
        assert {"id", "code", "area", "severity", "module", "message", "pointer", "applicability", "params",
                "accepted"} <= set(finding)
    counts = {s: sum(1 for f in payload["findings"] if f["severity"] == s) for s in ("error", "warning", "info")}
    assert counts == payload["summary"]
    assert PASSWORD not in done.stdout


def test_check_text_groups_by_area_module_first_and_hides_the_password():
    done = cli("check", str(SAMPLE))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("storage (")
    assert any(line.startswith("  image_classifier: error STO001") for line in lines)
    assert PASSWORD not in done.stdout + done.stderr


def test_clean_manifest_exits_zero(tmp_path):
    data = manifest({"app": module({"HostConfig": {"Privileged": True}})})
    path = tmp_path / "clean.json"
    path.write_bytes(data)
    done = cli("check", str(path))
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("content, where", [(b'{\n  "a": 1\n  "b": 2\n}', ":3:3:"), (b"", ":1:1:"),
                                            (b"<<<<<<< HEAD\n", ":1:1:")])
def test_unreadable_input_exits_2_with_a_place_no_traceback_no_output(tmp_path, content, where):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    done = cli("convert", str(bad), "-o", str(out))
    assert done.returncode == 2
    assert f"{bad}{where}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_missing_file_and_bad_usage_exit_2(tmp_path):
    done = cli("check", str(tmp_path / "nope.json"))
    assert done.returncode == 2 and "no such file" in done.stderr and "Traceback" not in done.stderr
    assert cli("frobnicate").returncode == 2
    assert cli("convert", str(SAMPLE)).returncode == 2  # -o is required
    assert cli("explain", "XYZ999").returncode == 2


def test_convert_refuses_to_overwrite_its_input(tmp_path):
    path = tmp_path / "m.json"
    path.write_bytes(SAMPLE.read_bytes())
    done = cli("convert", str(path), "-o", str(path))
    assert done.returncode == 2 and path.read_bytes() == SAMPLE.read_bytes()


def test_decisions_round_trip_changes_output_and_is_byte_identical(tmp_path):
    out1, saved = tmp_path / "gpu1.json", tmp_path / "d.json"
    first = cli("convert", str(SAMPLE), "-o", str(out1), "--save-decisions", str(saved))
    assert first.returncode in (0, 1), first.stderr
    decisions = json.loads(saved.read_text(encoding="utf-8"))
    share_ids = [k for k, v in decisions["decisions"].items() if v["code"] == "STO001"]
    assert share_ids
    decisions["decisions"][share_ids[0]]["params"]["share"] = "renamed-share"
    saved.write_text(json.dumps(decisions), encoding="utf-8")
    out2, out3 = tmp_path / "gpu2.json", tmp_path / "gpu3.json"
    assert cli("convert", str(SAMPLE), "-o", str(out2), "--decisions", str(saved)).returncode in (0, 1)
    assert cli("convert", str(SAMPLE), "-o", str(out3), "--decisions", str(saved)).returncode in (0, 1)
    assert "renamed-share" in out2.read_text(encoding="utf-8")
    assert "renamed-share" not in out1.read_text(encoding="utf-8")
    assert out2.read_bytes() == out3.read_bytes()


def test_rejecting_a_fix_in_the_decisions_file_keeps_the_input_value(tmp_path):
    saved = tmp_path / "d.json"
    cli("convert", str(SAMPLE), "-o", str(tmp_path / "o.json"), "--save-decisions", str(saved))
    decisions = json.loads(saved.read_text(encoding="utf-8"))
    for entry in decisions["decisions"].values():
        if entry["code"] == "STO001":
            entry["accepted"] = False
    saved.write_text(json.dumps(decisions), encoding="utf-8")
    out = tmp_path / "o2.json"
    cli("convert", str(SAMPLE), "-o", str(out), "--decisions", str(saved))
    assert "/home/hcsshares/localin:/home/input" in out.read_text(encoding="utf-8")


def test_bad_decisions_file_exits_2(tmp_path):
    bad = tmp_path / "d.json"
    bad.write_text('{"decisions": []}', encoding="utf-8")
    done = cli("convert", str(SAMPLE), "-o", str(tmp_path / "o.json"), "--decisions", str(bad))
    assert done.returncode == 2 and "decisions" in done.stderr and not (tmp_path / "o.json").exists()


def test_convert_writes_deployable_or_expanded_form(tmp_path):
    out = tmp_path / "o.json"
    cli("convert", str(SAMPLE), "-o", str(out), "--form", "expanded")
    desired = json.loads(out.read_text(encoding="utf-8"))["modulesContent"]["$edgeAgent"]["properties.desired"]
    modules = desired["modules"]
    assert all(isinstance(m["settings"].get("createOptions", {}), dict) for m in modules.values())


def test_rules_lists_every_code_and_explain_prints_each_with_its_source():
    done = cli("rules", "--format", "json")
    listed = json.loads(done.stdout)
    codes = [r["code"] for r in listed]
    assert codes == [r.code for r in all_rules()]
    for code in codes:
        explained = cli("explain", code.lower())
        assert explained.returncode == 0
        assert explained.stdout.startswith(code) and "Source: " in explained.stdout


def test_report_in_each_format_and_a_bad_extension_is_refused_before_writing(tmp_path):
    for suffix in (".md", ".html", ".json"):
        report = tmp_path / f"r{suffix}"
        done = cli("convert", str(SAMPLE), "-o", str(tmp_path / "o.json"), "--report", str(report))
        assert done.returncode == 1, done.stderr
        text = report.read_text(encoding="utf-8")
        assert "STO001" in text and PASSWORD not in text
    out = tmp_path / "never.json"
    done = cli("convert", str(SAMPLE), "-o", str(out), "--report", str(tmp_path / "r.pdf"))
    assert done.returncode == 2 and ".md" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_convert_warns_when_the_fixes_push_create_options_past_what_can_be_deployed(tmp_path):
    options = {"Env": [""], "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    options["Env"] = ["x" * (4090 - len(json.dumps(options, separators=(",", ":"))))]  # 6 short of 4096
    source = tmp_path / "near.json"
    source.write_bytes(manifest({"limitapp": module(options)}))
    done = cli("convert", str(source), "-o", str(tmp_path / "gpu.json"), "--report", str(tmp_path / "report.md"))
    assert "warning: After the accepted fixes, createOptions of module \"limitapp\"" in done.stderr
    assert "createOptions of module \"limitapp\"" in (tmp_path / "report.md").read_text(encoding="utf-8")
