"""Deciding findings: decisions matched by id, unknown ids reported, and no finding able to change another."""

from __future__ import annotations

import pytest

from asegui.core import convert
from tests.helpers import manifest, module

DATA = manifest({"app": module({"HostConfig": {"Binds": ["/home/hcsshares/localin:/home/input"],
                                               "Privileged": True}})})


def test_a_decision_for_an_id_no_finding_has_is_reported_as_stale_and_known_ones_are_not():
    ids = [f.id for f in convert(DATA).findings]
    result = convert(DATA, {ids[0]: {"accepted": False}, "STO001:gone:/nowhere": {"accepted": True}})
    assert result.stale_decisions == ["STO001:gone:/nowhere"]
    assert result.findings[0].status == "rejected, reason needed"  # an error rejected without a note
    assert convert(DATA).stale_decisions == []


def test_finding_ids_are_code_module_and_pointer_and_stable_across_conversions():
    first, second = convert(DATA).findings, convert(DATA).findings
    assert [f.id for f in first] == [f.id for f in second]
    assert all(f.id == f"{f.code}:{f.module or '-'}:{f.pointer}" for f in first)
    assert len({f.id for f in first}) == len(first)


def test_values_and_problems_of_one_finding_cannot_be_changed_through_another():
    result = convert(DATA)
    without_params = next(f for f in result.findings if not f.params)
    with_params = next(f for f in result.findings if f.params)
    with pytest.raises(TypeError):
        without_params.values["share"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        without_params.problems["share"] = "x"  # type: ignore[index]
    assert dict(without_params.values) == {} and with_params.values == {"share": "localin"}
    assert with_params.values is not next(f for f in convert(DATA).findings if f.params).values


def test_findings_without_parameters_still_copy_and_serialise_like_plain_data():
    import copy
    import json
    import pickle

    finding = next(f for f in convert(DATA).findings if not f.params)
    assert json.dumps(finding.values) == "{}" and json.dumps(finding.problems) == "{}"
    assert json.loads(json.dumps(finding.to_json()))["params"] == {}
    twin = copy.deepcopy(finding)
    assert twin.id == finding.id and dict(twin.values) == {} and twin.edits == finding.edits
    assert pickle.loads(pickle.dumps(finding.values)) == {}
    assert isinstance(finding.edits, tuple)


def test_a_decision_that_is_not_a_mapping_is_a_type_error_that_says_so(sample_bytes):
    from asegui.core import convert

    finding = convert(sample_bytes).findings[0]
    with pytest.raises(TypeError, match="a decision is a Decision or a mapping .* not str"):
        convert(sample_bytes, {finding.id: "accept"})  # type: ignore[dict-item]


def test_an_earlier_result_keeps_its_statuses_when_the_findings_are_decided_again(sample_bytes):
    """Issue 12 defect: decide() wrote decisions into the findings, which the next apply() reused, so an earlier
    result's statuses changed while its text did not. Each result now owns its outcomes."""
    from asegui.core import analyze, apply, load

    doc = load(sample_bytes)
    findings = analyze(doc)
    first = apply(doc, findings)
    target = next(f for f in first.findings if f.status == "applied" and f.edits)
    before = [(f.id, f.status, f.accepted) for f in first.findings]
    second = apply(doc, findings, {target.id: {"accepted": False}})
    assert next(f for f in second.findings if f.id == target.id).status == "rejected"
    assert [(f.id, f.status, f.accepted) for f in first.findings] == before
    assert next(f for f in first.findings if f.id == target.id).edits  # the first result's text still has them
    with pytest.raises(AttributeError):  # a frozen record refuses it
        findings[0].message = "changed"  # type: ignore[misc]
