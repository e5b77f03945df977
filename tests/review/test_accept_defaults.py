""""Accept all defaults" gives each fix its default decision (a fix off by default stays off) and says what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from asegui.review.session import DefaultsApplied, Session

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "fpga-sample.json"


@pytest.fixture
def session() -> Session:
    return Session(SAMPLE.read_bytes(), str(SAMPLE))


def ids(session: Session, code: str) -> list[str]:
    return [f.id for f in session.findings if f.code == code]


def test_fixes_off_by_default_stay_off(session: Session) -> None:
    limits = ids(session, "RES008")  # a memory and CPU limit on every module: off by default
    assert limits and all(session.finding(i).status == "off" for i in limits)
    session.use_defaults()
    assert all(session.finding(i).status == "off" and not session.finding(i).accepted for i in limits)
    assert '"cpu"' not in session.rendered("output")[0]  # no module was given RES008's CPU limit


def test_accept_defaults_counts_and_summary_on_the_sample(session: Session) -> None:
    review = [f.id for f in session.findings if f.status == "review"]
    off = [f.id for f in session.findings if f.status == "off"]  # RES008 twice, NET001
    assert len(off) == 3
    summary = session.use_defaults()
    assert summary == DefaultsApplied(confirmed=len(review), left_off=len(off))
    assert summary.changed == len(review)
    assert all(session.finding(i).status == "applied" for i in review)
    assert summary.text() == f"{len(review)} confirmed; 3 off by default left off"
    assert session.undo_stack[-1].label == f"accept defaults: {summary.text()}"


def test_the_count_the_window_shows_is_the_number_changed(session: Session) -> None:
    review = [f.id for f in session.findings if f.status == "review"]
    assert session.accept_defaults(None, "accept all defaults") == len(review)
    assert session.undo() == f"accept all defaults: {len(review)} confirmed; 3 off by default left off"


def test_a_fix_turned_on_goes_off_and_a_rejected_one_back_on(session: Session) -> None:
    limit = ids(session, "RES008")[0]
    share = next(f.id for f in session.findings if f.code == "STO001")
    session.set_accepted(limit, True)
    session.set_accepted(share, False)
    session.set_note(share, "handled outside the manifest")
    assert session.finding(limit).status in ("applied", "review")
    summary = session.use_defaults()
    assert (summary.turned_off, summary.turned_on) == (1, 1)
    assert session.finding(limit).status == "off"
    assert session.finding(share).status == "applied" and session.finding(share).note == "handled outside the manifest"
    assert "1 turned on, 1 turned off" in summary.text()
    session.undo()
    assert session.finding(limit).accepted and not session.finding(share).accepted


def test_values_a_person_gave_stay(session: Session) -> None:
    share = next(f for f in session.findings if f.code == "STO001")
    image = next(f for f in session.findings if f.code == "RES005")  # no default: needs a value
    assert image.status == "needs input"
    assert session.set_param(share.id, "share", "gpu-input") is None
    summary = session.use_defaults("storage")
    assert summary == DefaultsApplied(confirmed=2)  # the other STO001 share and STO002
    assert session.finding(share.id).values["share"] == "gpu-input"
    session.use_defaults()
    assert session.finding(image.id).status == "needs input"  # no default to accept: still waits for a person
    assert session.set_param(image.id, "image", "contoso.azurecr.io/model:2") is None
    assert session.use_defaults().changed == 0
    assert session.finding(image.id).values["image"] == "contoso.azurecr.io/model:2"


def test_nothing_to_change_is_no_step(session: Session) -> None:
    session.use_defaults()
    depth = len(session.undo_stack)
    again = session.use_defaults()
    assert again.changed == 0 and again.text() == "nothing changed; 3 off by default left off"
    assert len(session.undo_stack) == depth


def test_manual_steps_are_left_alone(session: Session) -> None:
    manual = {f.id: f.status for f in session.findings if f.applicability == "manual"}
    session.use_defaults()
    assert {i: session.finding(i).status for i in manual} == manual
