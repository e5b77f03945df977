"""In the window's state: a rejected error fix waits for a person (needs me, listed at export) until a note says why."""

from __future__ import annotations

from pathlib import Path

from asegui.review.session import Session, needs_me
from asegui.review.wording import status_word

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "fpga-sample.json"


def test_a_rejected_error_is_listed_until_its_note_says_why() -> None:
    session = Session(SAMPLE.read_bytes(), str(SAMPLE))
    error = next(f for f in session.findings if f.code == "NAM003")  # an error the tool fixes alone
    before = {f.id for f in session.unresolved_errors()}
    assert error.id not in before
    session.set_accepted(error.id, False)
    rejected = session.finding(error.id)
    assert rejected.status == "rejected, reason needed" and needs_me(rejected)
    assert status_word(rejected.status) == "rejected: say why"
    assert {f.id for f in session.unresolved_errors()} == before | {error.id}
    session.set_note(error.id, "handled outside the manifest")
    assert session.finding(error.id).status == "rejected" and not needs_me(session.finding(error.id))
    assert {f.id for f in session.unresolved_errors()} == before
    assert session.undo() == f"note on {error.id}"
    assert error.id in {f.id for f in session.unresolved_errors()}


def test_saved_decisions_keep_the_note_and_resolve_it_on_loading() -> None:
    from asegui.core import decisions

    session = Session(SAMPLE.read_bytes(), str(SAMPLE))
    error = next(f for f in session.findings if f.code == "NAM003")
    session.set_accepted(error.id, False)
    session.set_note(error.id, "handled outside the manifest")
    saved = session.decisions_bytes()
    fresh = Session(SAMPLE.read_bytes(), str(SAMPLE))
    fresh.replace_decisions(decisions.loads(saved))
    assert fresh.finding(error.id).status == "rejected"
    assert error.id not in {f.id for f in fresh.unresolved_errors()}
