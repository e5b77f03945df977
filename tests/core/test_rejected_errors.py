"""A rejected error fix leaves the error in the output: it is settled only once a person says why, in the note."""

from __future__ import annotations

from asegui.core import Status, convert
from asegui.core.decisions import dumps, loads
from asegui.core.report import render_report
from tests.helpers import findings, manifest, module

PROXY = "http://proxy.contoso.com:3128"
DATA = manifest({"app": module(env={"https_proxy": PROXY})})  # PRX001 (an error, fixed by the tool) and no other


def _prx001_id() -> str:
    return findings(convert(DATA), "PRX001")[0].id


def test_the_input_converts_with_nothing_left_for_a_person():
    result = convert(DATA)
    assert findings(result, "PRX001")[0].severity == "error"
    assert result.exit_code == 0 and not result.unresolved_errors


def test_a_rejected_error_without_a_note_is_unresolved():
    fid = _prx001_id()
    result = convert(DATA, {fid: {"accepted": False}})
    found = findings(result, "PRX001")[0]
    assert found.status == Status.REASON_NEEDED and not found.accepted and not found.resolved
    assert [f.id for f in result.unresolved_errors] == [fid]
    assert result.exit_code == 1


def test_a_note_of_blanks_is_no_reason():
    result = convert(DATA, {_prx001_id(): {"accepted": False, "note": "  \n"}})
    assert result.exit_code == 1


def test_a_rejected_error_with_a_note_is_resolved():
    result = convert(DATA, {_prx001_id(): {"accepted": False, "note": "handled outside the manifest"}})
    found = findings(result, "PRX001")[0]
    assert found.status == Status.REJECTED and found.resolved
    assert found.note == "handled outside the manifest"
    assert result.exit_code == 0 and not result.unresolved_errors


def test_the_output_is_the_same_with_or_without_the_note():
    fid = _prx001_id()
    bare = convert(DATA, {fid: {"accepted": False}})
    noted = convert(DATA, {fid: {"accepted": False, "note": "handled outside the manifest"}})
    assert bare.text == noted.text != convert(DATA).text


def test_a_rejected_warning_needs_no_note():
    data = manifest({"dashboard": module({"HostConfig": {"Binds": ["/var/lib/data:/data"]}})})
    warnings = [f for f in convert(data).findings if f.severity == "warning" and f.applicability != "manual"]
    assert warnings, "the manifest must have a warning with a fix"
    result = convert(data, {f.id: {"accepted": False} for f in warnings})
    assert all(f.status == Status.REJECTED and f.resolved for f in result.findings if f.severity == "warning"
               and f.applicability != "manual")
    assert result.exit_code == convert(data).exit_code


def test_the_saved_decisions_replay_the_note_and_resolve_it():
    fid = _prx001_id()
    first = convert(DATA, {fid: {"accepted": False, "note": "handled outside the manifest"}})
    replayed = convert(DATA, loads(dumps(first.findings, first.input_sha256).encode("utf-8")))
    assert findings(replayed, "PRX001")[0].status == Status.REJECTED and replayed.exit_code == 0


def test_reports_name_the_status_and_say_what_to_do():
    import json

    result = convert(DATA, {_prx001_id(): {"accepted": False}})
    report = json.loads(render_report(result, ".json", "in.json", "out.json"))
    entry = next(f for f in report["findings"] if f["code"] == "PRX001")
    assert entry["status"] == "rejected, reason needed" and "note" in entry["decision"]
    assert report["summary"]["unresolved_errors"] == 1 and report["summary"]["exit_code"] == 1
    assert "reject with a note" in render_report(result, ".md", "in.json", "out.json")
