"""reapply(): one decision re-applied to its module gives exactly what apply() gives for the whole document —
the output, its text in every form, the line spans, every finding's outcome and text, the device's objects —
and the earlier result is left as it was. Checked for every finding that can be decided, on the sample, a
generated site and every manifest of the corpus, one decision after another."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from asegui.core import Decision, ManifestError, analyze, apply, load
from asegui.core.migrate import Result
from asegui.core.reapply import reapply

from ..conftest import corpus_files

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from manifests import fpga_manifest  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"


def _manifests() -> list[tuple[str, bytes]]:
    found = [("sample", SAMPLE.read_bytes()), ("site-of-6", fpga_manifest(6))]
    found += [(path.name, path.read_bytes()) for path in corpus_files()]
    return found


def _facts(result: Result) -> dict[str, Any]:
    """Everything a result shows, as plain data."""
    return {
        "findings": [(f.id, f.status.value, f.accepted, dict(f.values), dict(f.problems), f.edits, f.note, f.message,
                      f.todo, f.output_pointer) for f in result.findings],
        "conflicts": result.conflicts, "renames": dict(result.renames), "stale": result.stale_decisions,
        "root": json.dumps(result.root),  # order too
        "expanded": (result.render("output", "expanded").text, result.render("output", "expanded").spans),
        "deployable": result.render("output", "deployable").text, "text": result.text,
        "warnings": result.output_warnings, "kept": result.kept_pieces,
    }


def _device_facts(result: Result, decisions: dict[str, Decision]) -> Any:
    added = result.check_device(decisions)
    assert result.device is not None
    return [(f.id, f.status.value, f.message) for f in added], json.dumps(result.device.objects, default=str)


def _turned(result: Result, finding_id: str, decisions: dict[str, Decision]) -> dict[str, Decision]:
    """The decisions with one finding's acceptance turned over, as a click in the checklist does."""
    finding = next(f for f in result.findings if f.id == finding_id)
    turned = dict(decisions)
    old = turned.get(finding_id, Decision())
    turned[finding_id] = Decision(accepted=not finding.accepted, params=dict(old.params), note=old.note)
    return turned


@pytest.mark.parametrize(("name", "data"), _manifests(), ids=lambda value: value if isinstance(value, str) else "")
def test_each_decision_reapplied_equals_a_whole_apply(name: str, data: bytes) -> None:
    try:
        doc = load(data, name)
    except ManifestError:
        pytest.skip("rejected by the reader (test_corpus checks how)")
    findings = analyze(doc)
    decisions: dict[str, Decision] = {}
    previous = apply(doc, findings, decisions, device=False)
    previous.render("output", "expanded")
    shortcuts = 0
    for finding in [f for f in previous.findings if f.applicability != "manual" and f.severity != "info"]:
        chosen = _turned(previous, finding.id, decisions)
        before = json.dumps(previous.root)
        quick = reapply(previous, findings, chosen, {finding.id})
        whole = apply(doc, findings, chosen, device=False)
        assert json.dumps(previous.root) == before, "the earlier result changed"
        if quick is None:
            continue
        shortcuts += 1
        assert _facts(quick) == _facts(whole), finding.id
        assert _device_facts(quick, chosen) == _device_facts(whole, chosen), finding.id
        # one decision after another: the next toggle starts from this shortcut's result
        previous, decisions = quick, chosen
    if name in ("sample", "site-of-6"):
        assert shortcuts >= 5, "the shortcut should serve most toggles"


def test_a_note_or_a_decision_without_edits_shares_the_output() -> None:
    doc = load(SAMPLE.read_bytes(), "sample")
    findings = analyze(doc)
    previous = apply(doc, findings, {}, device=False)
    rendered = previous.render("output", "expanded")
    target = next(f for f in previous.findings if f.applicability == "manual")
    chosen = {target.id: Decision(accepted=True, note="done on the device")}
    quick = reapply(previous, findings, chosen, {target.id})
    assert quick is not None
    assert quick.root is previous.root
    assert quick.render("output", "expanded") is rendered
    assert next(f for f in quick.findings if f.id == target.id).note == "done on the device"
    assert _facts(quick) == _facts(apply(doc, findings, chosen, device=False))


def test_renames_and_unknown_ids_are_left_to_a_whole_apply() -> None:
    doc = load(fpga_manifest(6), "site")
    findings = analyze(doc)
    previous = apply(doc, findings, {}, device=False)
    renaming = [f for f in previous.findings if any(e.op == "rename" for e in f.edits)]
    assert renaming, "the generated site has modules to rename"
    chosen = _turned(previous, renaming[0].id, {})
    assert reapply(previous, findings, chosen, {renaming[0].id}) is None
    assert reapply(previous, findings, {"XYZ999:nothing": Decision(accepted=True)}, {"XYZ999:nothing"}) is None
    assert reapply(previous, analyze(doc), chosen, {renaming[0].id}) is None  # another analysis
