"""The migration report: three formats, hashes, decisions, before/after, checklist, redaction, escaping."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone

import pytest

from asegui import __version__
from asegui.cli import main as cli_main
from asegui.core.findings import Finding, Rule
from asegui.core.report import render_report
from tests.helpers import findings, manifest, module, run

PASSWORD = "s3cr3t-Regi$try-Passw0rd"  # resources/samples/fpga-sample.json
FORMATS = (".md", ".html", ".json")
WHEN = datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=timezone.utc)


def report_json(result, input_name="in.json", output_name="out.json"):
    return json.loads(render_report(result, ".json", input_name, output_name, now=WHEN))


def test_every_format_names_files_hashes_time_and_version(sample_bytes):
    result = run(sample_bytes)
    input_hash = hashlib.sha256(sample_bytes).hexdigest()
    output_hash = hashlib.sha256(result.text.encode("utf-8")).hexdigest()
    for suffix in FORMATS:
        text = render_report(result, suffix, "fpga-sample.json", "gpu.json", now=WHEN)
        for expected in ("fpga-sample.json", "gpu.json", input_hash, output_hash, "2024-05-01T12:30:15Z",
                         __version__):
            assert expected in text, (suffix, expected)


def test_time_defaults_to_now_in_utc_iso_8601(sample_bytes):
    data = json.loads(render_report(run(sample_bytes), ".json", "a", "b"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["generated"])
    moment = datetime.fromisoformat(data["generated"].replace("Z", "+00:00"))
    assert abs((datetime.now(timezone.utc) - moment).total_seconds()) < 120


def test_json_report_parses_and_has_the_fields(sample_bytes):
    result = run(sample_bytes)
    data = report_json(result)
    assert data["format"] == "asegui-report" and data["version"] == 1
    assert data["tool"] == {"name": "asegui", "version": __version__}
    assert data["input"]["name"] == "in.json" and data["input"]["bytes"] == len(sample_bytes)
    assert data["output"]["sha256"] == hashlib.sha256(result.text.encode("utf-8")).hexdigest()
    assert set(data) >= {"summary", "findings", "changed_modules", "checklist", "conflicts", "generated"}
    assert list(data["summary"]["areas"]) == ["storage", "networking", "resources", "proxy", "naming", "platform",
                                              "manifest"]
    assert sum(data["summary"]["total"].values()) == len(data["findings"]) == len(result.findings)
    for entry in data["findings"]:
        assert set(entry) >= {"id", "code", "area", "severity", "module", "message", "status", "decision", "values",
                              "note"}


def test_summary_counts_by_area_and_severity():
    data = manifest({"a": module({"HostConfig": {"Binds": ["/home/hcsshares/s1:/in", "/home/hcsshares/s2:/out"]}})})
    summary = report_json(run(data))["summary"]
    # Two STO001 errors (one per share bind) and two STO005 warnings (one per share to create).
    assert summary["areas"]["storage"]["error"] >= 2 and summary["areas"]["storage"]["warning"] >= 2
    assert summary["total"]["error"] == sum(area["error"] for area in summary["areas"].values())


def test_decisions_and_notes_are_recorded_per_finding():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/localin:/in",
                                                             "/home/hcsshares/cloudout:/out"]}})})
    first = run(data)
    given, rejected = findings(first, "STO001")
    share = findings(first, "STO005")[0]
    result = run(data, {given.id: {"accepted": True, "params": {"share": "gpu-input"}, "note": "agreed with Ana"},
                        rejected.id: {"accepted": False, "note": "keep the bind for now"},
                        share.id: {"accepted": True}})
    by_id = {f["id"]: f for f in report_json(result)["findings"]}
    assert by_id[given.id]["decision"] == "value given: share=gpu-input"
    assert by_id[given.id]["note"] == "agreed with Ana"
    assert by_id[given.id]["values"] == {"share": "gpu-input"}
    assert by_id[rejected.id]["decision"] == "rejected" and by_id[rejected.id]["note"] == "keep the bind for now"
    assert by_id[share.id]["decision"] == "acknowledged"
    plain = run(data, {given.id: {"accepted": True}})
    assert {f["id"]: f for f in report_json(plain)["findings"]}[given.id]["decision"] == "accepted"
    markdown = render_report(result, ".md", "in", "out")
    assert "value given: share=gpu\\-input" in markdown or "value given: share=gpu-input" in markdown
    assert "agreed with Ana" in markdown and "keep the bind for now" in markdown
    assert "agreed with Ana" in render_report(result, ".html", "in", "out")


def test_changed_module_has_before_and_after_create_options():
    before = {"Env": ["A=1"], "HostConfig": {"Binds": ["/home/hcsshares/localin:/home/input:ro"]}}
    data = manifest({"app": module(before), "untouched": module({"Env": ["B=2"]})})
    changed = {m["module"]: m for m in report_json(run(data))["changed_modules"]}
    assert "app" in changed and "untouched" not in changed
    assert changed["app"]["before"] == before
    after = changed["app"]["after"]
    assert after["Env"] == ["A=1"] and "Binds" not in after["HostConfig"]
    assert after["HostConfig"]["Mounts"] == [
        {"Type": "volume", "Source": "localin", "Target": "/home/input", "ReadOnly": True}]
    markdown = render_report(run(data), ".md", "in", "out")
    assert "/home/hcsshares/localin:/home/input:ro" in markdown and '"ReadOnly": true' in markdown


def test_rejected_everything_changes_no_module():
    data = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/localin:/in"]}})},
                    hub_create_options={})
    first = run(data)
    result = run(data, {f.id: {"accepted": False} for f in first.findings})
    assert report_json(result)["changed_modules"] == []


def test_checklist_lists_shares_from_todo_lines():
    data = manifest({"a": module({"HostConfig": {"Binds": ["/home/hcsshares/shared:/in"]}}),
                     "b": module({"HostConfig": {"Binds": ["/home/hcsshares/shared:/x"]}})})
    checklist = report_json(run(data))["checklist"]
    shares = [item for item in checklist if item["kind"] == "share"]
    assert len(shares) == 1 and '"shared"' in shares[0]["text"] and "a, b" in shares[0]["text"]
    markdown = render_report(run(data), ".md", "in", "out")
    assert "## Device checklist" in markdown and "### Shares to create" in markdown and "- [ ] " in markdown


def _fake(code: str, module_name: str, message: str, todo: str = ""):
    from asegui.core.findings import Decided, Decisions, Outcome

    rule = Rule(code=code, slug="x", area="resources", severity="warning", applicability="manual", title="t",
                explanation="e", source="s")
    return Decided(Finding(rule, module_name, "/x", message, todo=todo), Outcome(), Decisions())


def test_checklist_groups_images_ips_and_shares_in_that_order():
    from asegui.core.report import _checklist
    items = _checklist([_fake("RES005", "model", "Image acr.io/fpga:1 is built for the FPGA"),
                        _fake("NET007", "hub", "Reserve 2 IPs", todo="Reserve 2 external IPs"),
                        _fake("STO005", "app", "Create share", todo="Create the share \"s\""),
                        _fake("XYZ001", "app", "no checklist line")])
    assert [(i["kind"], i["module"]) for i in items] == [("share", "app"), ("ip", "hub"), ("image", "model")]
    assert "acr.io/fpga:1" in items[2]["text"] and "model" in items[2]["text"]


def test_registry_password_is_redacted_in_every_format(sample_bytes):
    assert PASSWORD.encode() in sample_bytes
    result = run(sample_bytes)
    for suffix in FORMATS:
        text = render_report(result, suffix, "fpga-sample.json", "gpu.json")
        assert PASSWORD not in text and "s3cr3t" not in text, suffix
        assert json.dumps(PASSWORD)[1:-1] not in text


def test_secret_env_values_and_notes_are_redacted_everywhere():
    data = manifest({"app": module({"Env": ["DB_PASSWORD=hunter2-long", "MODE=fast"],
                                    "HostConfig": {"Binds": ["/home/hcsshares/localin:/in"]}},
                                   env={"API_TOKEN": "tok-<&>-9876"})})
    first = run(data)
    fid = findings(first, "STO001")[0].id
    result = run(data, {fid: {"accepted": True, "note": "password is hunter2-long, token tok-<&>-9876"}})
    for suffix in FORMATS:
        text = render_report(result, suffix, "in", "out")
        for secret in ("hunter2-long", "tok-<&>-9876", "tok-&lt;&amp;&gt;-9876", "tok-\\u003c"):
            assert secret not in text, (suffix, secret)
        assert "••••" in text
        assert "MODE=fast" in text
    changed = {m["module"]: m for m in report_json(result)["changed_modules"]}["app"]
    assert changed["before"]["Env"] == ["DB_PASSWORD=••••", "MODE=fast"]
    assert changed["after"]["Env"] == ["DB_PASSWORD=••••", "MODE=fast"]


def test_short_secret_in_create_options_env_is_masked_by_name():
    data = manifest({"app": module({"Env": ["SAS_TOKEN=ab"], "HostConfig": {"Binds": ["/home/hcsshares/s:/in"]}})})
    changed = {m["module"]: m for m in report_json(run(data))["changed_modules"]}
    assert changed["app"]["before"]["Env"] == ["SAS_TOKEN=••••"]


EVIL = "<script>alert(1)</script>"


def test_html_escapes_every_manifest_value():
    data = manifest({EVIL: module({"HostConfig": {"Binds": ["/home/hcsshares/localin:/in", '/x"><img src=y>:/y']},
                                   "Labels": {"k": "</pre><b>bold</b>"}})})
    result = run(data)
    assert any(f.module == EVIL for f in result.findings)
    page = render_report(result, ".html", "<in>.json", "out&.json", now=WHEN)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;in&gt;.json" in page and "out&amp;.json" in page
    assert page.count("<pre") == page.count("</pre>")


def test_html_is_self_contained_and_printable(sample_bytes):
    page = render_report(run(sample_bytes), ".html", "in", "out")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "@media print" in page
    assert not re.search(r"<link|<script|src=|@import|url\(", page)
    assert 'style="' in page  # pygments colours inlined on the spans (noclasses)


def test_markdown_keeps_manifest_values_literal():
    data = manifest({EVIL: module({"HostConfig": {"Binds": ["/home/hcsshares/localin:/in"]}})})
    text = render_report(run(data), ".md", "in", "out")
    outside_code = re.sub(r"(`{3,})[\s\S]*?\1", "", text)
    assert "<script>" not in outside_code and "\\<script\\>" in outside_code
    for line in outside_code.splitlines():  # table rows keep their column count
        if line.startswith("| STO001"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 7


def test_unknown_suffix_is_a_clear_value_error(sample_bytes):
    result = run(sample_bytes)
    with pytest.raises(ValueError, match=r"\.md, \.html or \.json.*'\.pdf'"):
        render_report(result, ".pdf", "in", "out")
    for suffix in (".HTML", ".htm"):
        assert render_report(result, suffix, "in", "out").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("suffix", FORMATS)
def test_cli_convert_writes_the_report(tmp_path, sample_bytes, suffix):
    source = tmp_path / "in.json"
    source.write_bytes(sample_bytes)
    report = tmp_path / f"report{suffix}"
    code = cli_main(["convert", str(source), "-o", str(tmp_path / "out.json"), "--report", str(report)])
    assert code in (0, 1)
    text = report.read_text(encoding="utf-8")
    assert hashlib.sha256(sample_bytes).hexdigest() in text and PASSWORD not in text
    assert hashlib.sha256((tmp_path / "out.json").read_bytes()).hexdigest() in text


@pytest.mark.parametrize("suffix", FORMATS)
def test_warnings_about_the_output_are_in_every_format(suffix):
    options = {"Env": ["<b>" + "x" * 3990], "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    result = run(manifest({"app": module(options)}))
    assert result.output_warnings, "the Recreate strategy pushes this module past 4096 characters"
    text = render_report(result, suffix, "in.json", "out.json")
    data = json.loads(text)["output_warnings"] if suffix == ".json" else None
    assert data == result.output_warnings if data is not None else "createOptions of module" in text


def test_json_report_names_no_finding_as_applied_when_the_input_held_the_place(sample_bytes):
    from asegui.core.patch import Conflict

    result = run(sample_bytes)
    result.conflicts[:] = [Conflict("/a", "STO001:m:/a", "STO002:m:/a", "both"),
                           Conflict("/b", "", "NAM001:m:/b", "taken")]
    assert [(c["applied"], c["not_applied"]) for c in report_json(result)["conflicts"]] == [
        ("STO001:m:/a", "STO002:m:/a"), (None, "NAM001:m:/b")]
