"""asegui-cli fleet (issue 14): many devices, one set of decisions, each output as `convert` writes it, the site's
summary and exit code, the groups of identical GPU manifests as IoT Hub deployments, progress on stderr."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from asegui import cli as asegui_cli
from asegui.core.device import DeviceSettings
from asegui.core.device.validate import deployment_schema, deployment_violations
from asegui.review import fleet

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"
MINIMAL = {"modulesContent": {
    "$edgeAgent": {"properties.desired": {
        "schemaVersion": "1.1", "runtime": {"type": "docker", "settings": {"minDockerVersion": "v1.25"}},
        "systemModules": {
            "edgeAgent": {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-agent:1.1",
                                                         "createOptions": "{}"}},
            "edgeHub": {"type": "docker", "status": "running", "restartPolicy": "always",
                        "settings": {"image": "mcr.microsoft.com/azureiotedge-hub:1.1", "createOptions": "{}"}}},
        "modules": {}}},
    "$edgeHub": {"properties.desired": {"schemaVersion": "1.1", "routes": {},
                                        "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}}}}


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asegui.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Three devices: two alike (one deployment), one with a share named otherwise, and a broken file."""
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "dock-a.json")
    shutil.copyfile(SAMPLE, folder / "dock-b.json")
    (folder / "yard-c.json").write_text(SAMPLE.read_text(encoding="utf-8").replace("localin", "yardin"),
                                        encoding="utf-8")
    (folder / "broken.json").write_text('{"modulesContent": {\n  "x": ', encoding="utf-8")
    (folder / "notes.txt").write_text("not a manifest: not read", encoding="utf-8")
    return folder


@pytest.fixture
def decisions(tmp_path: Path) -> Path:
    """One decision for all: the GPU image of RES005, given once."""
    done = cli("check", SAMPLE, "--format", "json")
    finding = next(f for f in json.loads(done.stdout)["findings"] if f["code"] == "RES005")
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps({"decisions": {finding["id"]: {"accepted": True,
                                                              "params": {"image": "acr.io/model-host:gpu"}}}}),
                    encoding="utf-8")
    return path


def test_each_output_is_what_convert_writes_and_the_broken_device_does_not_stop_the_rest(
        site: Path, decisions: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = cli("fleet", site, "-o", out, "--decisions", decisions)
    assert done.returncode == 2, done.stderr  # the worst device decides: one is unreadable
    for name in ("dock-a.json", "dock-b.json", "yard-c.json"):
        single = tmp_path / f"single-{name}"
        assert cli("convert", site / name, "-o", single, "--decisions", decisions).returncode in (0, 1)
        assert (out / name).read_bytes() == single.read_bytes(), name
    assert "acr.io/model-host:gpu" in (out / "dock-a.json").read_text(encoding="utf-8")  # the decision applied
    summary = json.loads((out / "fleet-summary.json").read_text(encoding="utf-8"))
    devices = {Path(d["input"]).name: d for d in summary["devices"]}
    assert set(devices) == {"broken.json", "dock-a.json", "dock-b.json", "yard-c.json"}  # *.json only
    broken = devices["broken.json"]
    assert broken["status"] == "unreadable" and broken["output"] is None
    assert broken["error"].startswith(str(site / "broken.json") + ":2:8:")  # file:line:column
    dock = devices["dock-a.json"]
    assert dock["status"] == "needs-person" and dock["needs"] and dock["output"] == str(out / "dock-a.json")
    assert not any(n.startswith("RES005:") for n in dock["needs"])  # given once, settled on every device
    assert summary["counts"] == {"clean": 0, "needs-person": 3, "unreadable": 1}


def test_devices_with_the_same_gpu_manifest_form_one_deployment(site: Path, decisions: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    cli("fleet", site, "-o", out, "--decisions", decisions)
    groups = json.loads((out / "fleet-summary.json").read_text(encoding="utf-8"))["groups"]
    assert sorted(sorted(g["devices"]) for g in groups) == [["dock-a", "dock-b"], ["yard-c"]]
    first = groups[0]
    assert first["devices"] == ["dock-a", "dock-b"]  # the largest group first
    assert first["targetCondition"] == "deviceId IN ['dock-a', 'dock-b']" and first["priority"] == 10
    content = json.loads((out / first["content"]).read_text(encoding="utf-8"))
    manifest = json.loads((out / "dock-a.json").read_text(encoding="utf-8"))
    assert content == {"content": {"modulesContent": manifest["modulesContent"]}}
    schema = deployment_schema(False, manifest["modulesContent"]["$edgeAgent"]["properties.desired"]["schemaVersion"])
    assert deployment_violations(content["content"], schema) == ()  # the official schema holds
    script = (out / "deploy.sh").read_text(encoding="utf-8")
    for each in groups:
        assert f"--deployment-id {each['name']} --content {each['content']}" in script
    assert "--target-condition 'deviceId IN ['\\''dock-a'\\'', '\\''dock-b'\\'']'" in script
    syntax = subprocess.run(["sh", "-n", str(out / "deploy.sh")], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr
    assert "--target-condition 'deviceId IN [''dock-a'', ''dock-b'']'" in (out / "deploy.ps1").read_text(
        encoding="utf-8")


def test_exit_codes_follow_the_worst_device(tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    folder.mkdir()
    (folder / "hub-only.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
    done = cli("fleet", folder, "-o", tmp_path / "o1")
    assert done.returncode == 1  # NET007: the external IP for edgeHub is a person's to reserve
    ips = json.loads((tmp_path / "o1" / "fleet-summary.json").read_text(encoding="utf-8"))["devices"][0]["needs"]
    assert [n.split(":")[0] for n in ips] == ["NET007"]
    settled = tmp_path / "settled.json"
    settled.write_text(json.dumps({"decisions": {ips[0]: {"accepted": True}}}), encoding="utf-8")
    done = cli("fleet", folder, "-o", tmp_path / "o2", "--decisions", settled)
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "o2" / "fleet-summary.json").read_text(encoding="utf-8"))
    assert summary["devices"][0]["status"] == "clean" and summary["devices"][0]["needs"] == []


def test_progress_is_a_line_per_device_off_a_terminal(site: Path, tmp_path: Path) -> None:
    done = cli("fleet", site, "-o", tmp_path / "out")
    lines = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in lines] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert any("broken.json: unreadable" in line for line in lines)
    assert "4 device(s) in 2 deployment group(s)" in done.stderr


def test_jobs_convert_in_processes_to_the_same_files(site: Path, decisions: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("fleet", site, "-o", one, "--decisions", decisions).returncode == 2
    assert cli("fleet", site, "-o", two, "--decisions", decisions, "--jobs", "2").returncode == 2
    for path in sorted(one.rglob("*")):
        if path.is_file():
            mine = path.read_bytes().replace(str(one).encode(), b"OUT")  # the summary names its folder
            theirs = (two / path.relative_to(one)).read_bytes().replace(str(two).encode(), b"OUT")
            assert theirs == mine, path.name


def test_usage_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = cli("fleet", empty, "-o", tmp_path / "out")
    assert done.returncode == 2 and "no manifest" in done.stderr
    assert cli("fleet", SAMPLE, "-o", tmp_path / "o", "--jobs", "0").returncode == 2


def test_the_summary_keys_are_the_documented_ones(site: Path, tmp_path: Path) -> None:
    cli("fleet", site, "-o", tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "fleet-summary.json").read_text(encoding="utf-8"))
    jsonschema.validate(summary, {
        "type": "object", "required": ["devices", "groups", "counts"],
        "properties": {"devices": {"type": "array", "items": {
            "type": "object", "required": ["input", "output", "status", "error", "counts", "needs"],
            "properties": {"status": {"enum": ["clean", "needs-person", "unreadable"]}}}}}})


def test_the_site_report_merges_the_device_checklists_and_masks_secrets(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cli("fleet", site, "-o", out)
    page = (out / "fleet-report.html").read_text(encoding="utf-8")  # HTML by default, beside the summary
    assert page.startswith("<!DOCTYPE html>") and "broken.json:2:8" in page
    assert "s3cr3t-Regi$try-Passw0rd" not in page
    assert cli("fleet", site, "-o", tmp_path / "o2", "--report", tmp_path / "site.json").returncode == 2
    data = json.loads((tmp_path / "site.json").read_text(encoding="utf-8"))
    steps = {(item["kind"], item["text"]): item["devices"] for item in data["checklist"]}
    localin = next(devices for (kind, text), devices in steps.items() if kind == "share" and '"localin"' in text)
    assert localin == ["dock-a", "dock-b"]  # one step, both devices that need it
    yardin = next(devices for (kind, text), devices in steps.items() if kind == "share" and '"yardin"' in text)
    assert yardin == ["yard-c"]
    assert any(kind == "ip" for kind, _text in steps) and any(kind == "image" for kind, _text in steps)
    dock = next(d for d in data["devices"] if d["device_id"] == "dock-a")
    assert len(dock["needs_text"]) == len(dock["needs"]) and all(dock["needs_text"])
    markdown = tmp_path / "site.md"
    cli("fleet", site, "-o", tmp_path / "o3", "--report", markdown)
    assert "## Shares to create" in markdown.read_text(encoding="utf-8")
    assert cli("fleet", site, "-o", tmp_path / "o4", "--report", tmp_path / "site.pdf").returncode == 2


def _heavy_device(path: Path, chosen: Any, form: str, settings: Any, outdir: Path) -> fleet.Device:
    """A device whose record weighs what a 20-module one does (~20 KB of messages and checklist), made at once:
    ten manifests for ten groups, the checklist's steps alike within a group as a real site's are."""
    number = int(path.stem.split("-")[1])
    text = json.dumps({**MINIMAL, "tag": number % 10}).encode("utf-8")
    (outdir / path.name).write_bytes(text)
    needs = [f"NAM{k:03d}:{path.stem}" for k in range(20)]
    steps = [{"kind": "image", "code": "RES005", "module": f"m{k}",
              "text": f"Rebuild image {k} for group {number % 10} " + "x" * 300} for k in range(20)]
    return fleet.Device(str(path), path.stem, "needs-person", output=str(outdir / path.name),
                        counts={"error": 0, "warning": 20}, needs=needs,
                        needs_text=[f"NAM{k:03d} m{k}: {path.stem} " + "y" * 300 for k in range(20)],
                        checklist=steps, digest=hashlib.sha256(text).hexdigest())


def _fleet_peak(tmp_path: Path, count: int, report: str) -> int:
    """The largest memory Python held above its start over one ``asegui-cli fleet`` of ``count`` devices."""
    site = tmp_path / f"site-{count}"
    site.mkdir()
    for index in range(count):
        (site / f"device-{index:04d}.json").write_text("{}", encoding="utf-8")
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    code = asegui_cli.main(["fleet", str(site), "-o", str(tmp_path / f"out-{count}"),
                            "--report", str(tmp_path / f"report-{count}{report}")])
    assert code == 1
    return tracemalloc.get_traced_memory()[1] - before


@pytest.mark.parametrize("report", [".html", ".json"])
def test_the_parent_holds_no_device_record_until_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         report: str) -> None:
    """Issue: peak memory flat from 100 to 1 000 devices. Each device's record (~20 KB here) waits on disk, so a
    device more costs the run its small entry (name, status, digest), not its record: measured in bytes held, not
    time, so a slow machine measures the same."""
    monkeypatch.setattr(fleet, "convert_one", _heavy_device)
    with open(os.devnull, "w", encoding="utf-8") as quiet:
        monkeypatch.setattr(sys, "stderr", quiet)
        tracemalloc.start()
        try:
            (tmp_path / "warm").mkdir()
            _fleet_peak(tmp_path / "warm", 5, report)  # imports and caches: not the devices' cost
            small, large = _fleet_peak(tmp_path, 50, report), _fleet_peak(tmp_path, 500, report)
        finally:
            tracemalloc.stop()
    per_device = (large - small) / 450
    assert per_device < 8192, f"{per_device:.0f} bytes a device ({small} at 50, {large} at 500)"
    summary = json.loads((tmp_path / "out-500" / "fleet-summary.json").read_text(encoding="utf-8"))
    assert len(summary["devices"]) == 500 and len(summary["groups"]) == 10  # all of them still written


def _fails_on_the_first_device(path: Path, *args: Any) -> Any:
    """A conversion with a bug that shows on one device only (module level: worker processes unpickle it)."""
    import time

    if path.name == "dev-000.json":
        raise RuntimeError("a bug in one device's conversion")
    time.sleep(0.05)
    return _REAL_CONVERT_ONE(path, *args)


_REAL_CONVERT_ONE = fleet.convert_one


@pytest.mark.skipif(sys.platform == "win32", reason="the workers must inherit the patched conversion (fork)")
def test_an_unexpected_error_stops_the_site_with_jobs_as_with_one_process(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """With --jobs the devices not yet converted are cancelled: the site does not go on writing forty manifests
    before the error shows (and no summary is written either way)."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers must inherit the patched conversion (fork)")
    source = tmp_path / "in"
    source.mkdir()
    for number in range(40):
        shutil.copyfile(SAMPLE, source / f"dev-{number:03d}.json")
    monkeypatch.setattr(fleet, "convert_one", _fails_on_the_first_device)
    for jobs in (1, 2):
        out = tmp_path / f"out-{jobs}"
        with pytest.raises(RuntimeError):
            fleet.convert_site(fleet.inputs([str(source)]), out, None, "auto", DeviceSettings(), jobs)
        written = list(out.glob("dev-*.json")) if out.exists() else []
        assert len(written) < 20, f"--jobs {jobs} went on to write {len(written)} manifests"
        assert not (out / "fleet-summary.json").exists()
