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
        spliced += ("spliced", "expanded") in session._memo or session._earlier.get("output") is not None
        changes, anchors = _whole(session)
        assert session.anchors("expanded") == anchors
        found = session.changes("expanded")
        assert (found.input, found.output, found.pairs) == (changes.input, changes.output, changes.pairs)
        assert list(found.output) == sorted(found.output)  # in line order, as the whole diff lists them
    if name in ("sample", "site-of-8"):
        assert spliced >= 3, "most decisions should be spliced"
