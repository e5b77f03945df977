"""A decision re-applied to one module re-finds that module's changed lines and scroll anchors only; they are what
a review that diffs the whole texts finds, decision after decision, undo after undo — on the sample, a generated
site and the corpus."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from asegui.core import ManifestError
from asegui.review.diff import diff_lines
from asegui.review.session import Session

from ..conftest import corpus_files

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from manifests import fpga_manifest  # noqa: E402

MANIFESTS = [("sample", (ROOT / "resources" / "samples" / "fpga-sample.json").read_bytes()),
             ("site-of-8", fpga_manifest(8))] + [(path.name, path.read_bytes()) for path in corpus_files()[:20]]


def _whole(session: Session) -> tuple[object, object]:
    """The changes and anchors of the session's output found over the whole texts."""
    fresh = Session(session.document.data, display_name="again")
    fresh.replace_decisions(session.decisions)
    before = fresh.rendered("input", "expanded")[0]
    after = fresh.rendered("output", "expanded")[0]
    assert after == session.rendered("output", "expanded")[0]
    anchors = fresh.anchors("expanded")
    return diff_lines(before, after, anchors), anchors


@pytest.mark.parametrize(("name", "data"), MANIFESTS, ids=[name for name, _data in MANIFESTS])
def test_spliced_changes_and_anchors_equal_the_whole_texts(name: str, data: bytes) -> None:
    try:
        session = Session(data, display_name=name)
    except ManifestError:
        pytest.skip("rejected by the reader")
    choices = [f.id for f in session.findings if f.status != "info" and f.rule.phase != "device"]
    if not choices:
        pytest.skip("nothing to decide")
    pick = random.Random(name)
    spliced = 0
    for _step in range(12):
        session.changes("expanded")  # as the window does after every decision
        if pick.random() < 0.75 or not session.can_undo:
            finding_id = pick.choice(choices)
            session.set_accepted(finding_id, not session.finding(finding_id).accepted)
        else:
            session.undo()
        spliced += ("spliced", "expanded") in session._memo or session._earlier is not None
        changes, anchors = _whole(session)
        assert session.anchors("expanded") == anchors
        found = session.changes("expanded")
        assert (found.input, found.output, found.pairs) == (changes.input, changes.output, changes.pairs)
        assert list(found.output) == sorted(found.output)  # in line order, as the whole diff lists them
    if name in ("sample", "site-of-8"):
        assert spliced >= 3, "most decisions should be spliced"


def _counted(session: Session, area: str | None) -> dict[str, int]:
    group = [f for f in session.findings if area is None or f.area == area]
    counts = {"total": len(group), "error": 0, "warning": 0, "info": 0,
              "needs_me": sum(f.status in ("needs input", "open", "rejected, reason needed") for f in group),
              "accepted": sum(f.accepted for f in group)}
    for finding in group:
        counts[finding.severity] += 1
    return counts


def test_counts_follow_each_decision_while_the_device_phase_waits() -> None:
    """With the device phase on a worker (as in the window), a re-applied decision counts only its finding anew:
    the counts are those of the findings shown, every step."""
    session = Session(fpga_manifest(8), display_name="site")
    waiting = []
    session.run_device = waiting.append  # the window's worker, which has not run them yet
    choices = [f.id for f in session.findings if f.status != "info"]
    pick = random.Random(8)
    for _step in range(30):
        finding_id = pick.choice(choices)
        session.set_accepted(finding_id, not session.finding(finding_id).accepted)
        for area in (None, *session.areas(), "no such area"):
            assert session.counts(area) == _counted(session, area), (area, finding_id)
        if pick.random() < 0.3:  # now and then the worker's phase is taken in
            session.device_ready(waiting[-1])


def test_a_value_of_another_type_is_decided_again_with_the_other_changes() -> None:
    """``2.0`` for a whole number is refused where ``2`` is applied, though ``2 == 2.0``: loading decisions that
    change it together with another finding decides it again, as a whole apply does."""
    from asegui.core import Decision, apply

    data = (ROOT / "resources" / "samples" / "fpga-sample.json").read_bytes()
    session = Session(data)
    port = next(f for f in session.findings if f.code == "NET001")
    other = next(f for f in session.findings
                 if f.module == port.module and f.id != port.id and f.applicability != "manual")
    session.replace_decisions({port.id: Decision(accepted=True, params={"host_port": 2})})
    session.replace_decisions({port.id: Decision(accepted=True, params={"host_port": 2.0}),
                               other.id: Decision(accepted=not other.accepted)})
    whole = apply(session.document, session.analyzed, session.decisions, "auto", session.settings, device=False)
    assert session.finding(port.id).status == next(f for f in whole.findings if f.id == port.id).status \
        == "needs input"
    assert session.rendered("output")[0] == whole.render("output", "expanded").text


def test_same_tells_json_types_apart() -> None:
    from asegui.core.reapply import same

    assert same({"a": 1, "b": [2, "x"]}, {"a": 1, "b": [2, "x"]})
    assert not same(2, 2.0) and not same(1, True) and not same({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert not same(object(), object())  # not plain data: changed
