"""The window's state without widgets: decisions, undo and redo, validation, changed lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from asegui.core import ManifestError, convert, lines_for
from asegui.review.diff import diff_lines
from asegui.review.session import Session

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "fpga-sample.json"


@pytest.fixture
def session() -> Session:
    return Session(SAMPLE.read_bytes(), str(SAMPLE))


def share_finding(session: Session, share: str = "localin"):
    return next(f for f in session.findings if f.code == "STO001" and f.values.get("share") == share)


def test_starts_with_the_same_output_as_the_command_line(session: Session) -> None:
    assert session.export_bytes() == convert(SAMPLE.read_bytes()).text.encode("utf-8")


def output(session: Session) -> str:
    return session.rendered("output")[0]  # expanded: createOptions as objects


def test_reject_then_undo_then_redo(session: Session) -> None:
    finding = share_finding(session)
    before = output(session)
    assert '"Source": "localin"' in before
    session.set_accepted(finding.id, False)
    assert '"Source": "localin"' not in output(session)
    assert "/home/hcsshares/localin:/home/input" in output(session)
    assert session.finding(finding.id).status == "rejected, reason needed"  # an error rejected without a note
    assert session.undo() is not None
    assert output(session) == before
    session.redo()
    assert '"Source": "localin"' not in output(session)
    assert not session.can_redo


def test_refused_value_changes_nothing(session: Session) -> None:
    finding = share_finding(session)
    before = session.result.text
    problem = session.set_param(finding.id, "share", "Not_A_Label")
    assert problem
    assert session.result.text == before
    assert not session.can_undo


def test_valid_value_reaches_the_output(session: Session) -> None:
    finding = share_finding(session)
    assert session.set_param(finding.id, "share", "edge-input") is None
    assert '"Source": "edge-input"' in output(session)
    assert '\\"Source\\":\\"edge-input\\"' in session.result.text  # the deployable export
    assert session.finding(finding.id).status == "applied"


def test_accept_defaults_is_one_step(session: Session) -> None:
    reviewed = [f.id for f in session.findings if f.status == "review"]
    assert reviewed
    session.accept_defaults()
    assert all(session.finding(i).status == "applied" for i in reviewed)
    session.undo()
    assert all(session.finding(i).status == "review" for i in reviewed)


def test_accept_defaults_leaves_manual_steps_alone(session: Session) -> None:
    manual = [f.id for f in session.findings if f.applicability == "manual"]
    session.accept_defaults("storage")
    assert all(not session.finding(i).accepted or session.finding(i).accepted_by_default for i in manual)


def test_listeners_hear_every_change(session: Session) -> None:
    heard: list[int] = []
    session.listeners.append(lambda: heard.append(1))
    session.set_accepted(share_finding(session).id, False)
    session.undo()
    session.redo()
    assert len(heard) == 3


def test_lines_point_at_the_finding_on_both_sides(session: Session) -> None:
    finding = share_finding(session, "cloudout")
    _text, spans = session.rendered("input")
    assert session.lines(finding, "input") == [lines_for(spans, finding.pointer)]
    output, _spans = session.rendered("output")
    (first, last), = session.lines(finding, "output")
    shown = "\n".join(output.splitlines()[first - 1:last])
    assert '"Source": "cloudout"' in shown and '"Source": "localin"' not in shown


def test_anchors_increase_on_both_sides(session: Session) -> None:
    anchors = session.anchors()
    assert anchors
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(anchors, anchors[1:], strict=False))


def test_diff_lines_marks_added_and_changed() -> None:
    changes = diff_lines("a\nb\nc\n", "a\nB\nc\nd\n")
    assert changes.output == {2: "~", 4: "+"}
    assert changes.input == {2: "~"}


def test_cached_diff_and_anchors_match_a_fresh_computation(session: Session) -> None:
    """Segment diffs, masked texts and mapped pointers are kept across decisions; the results must not change."""
    toggled = [f for f in session.findings if f.applicability == "auto" and f.edits][:6]
    for form in ("expanded", "deployable", "expanded"):
        for finding in toggled + toggled[::-1]:
            session.set_accepted(finding.id, not finding.accepted)
            fresh = Session(SAMPLE.read_bytes(), str(SAMPLE))
            fresh.replace_decisions(session.decisions)
            assert session.anchors(form) == fresh.anchors(form)
            assert session.changes(form) == diff_lines(fresh.rendered("input", form)[0],
                                                       fresh.rendered("output", form)[0], fresh.anchors(form))
            text = session.rendered("output", form)[0]
            assert session.masked(text) == fresh.masked(text)


def test_masks_registry_password(session: Session) -> None:
    text, _spans = session.rendered("input")
    assert "s3cr3t-Regi$try-Passw0rd" in text
    assert "s3cr3t-Regi$try-Passw0rd" not in session.masked(text)


def test_decisions_round_trip(session: Session) -> None:
    from asegui.core import decisions

    session.set_param(share_finding(session).id, "share", "edge-input")
    chosen = decisions.loads(session.decisions_bytes())
    other = Session(SAMPLE.read_bytes(), str(SAMPLE))
    assert other.replace_decisions(chosen) == []
    assert other.result.text == session.result.text


def test_broken_input_raises_with_a_place() -> None:
    with pytest.raises(ManifestError) as caught:
        Session(b'{\n  "modulesContent": {\n    "a": 1,\n  ', "broken.json")
    assert caught.value.line is not None


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
def test_change_marks_count_lines_as_the_panes_do(odd: str) -> None:
    """A JSON string may hold U+2028, U+2029 or U+0085 as they are; they break no line in the panes (and in no
    JSON line count), so the marks must not move when one is in the text."""
    from tests.helpers import manifest, module

    def marks(note: str) -> tuple[dict[int, str], dict[int, str]]:
        data = manifest({"first": module({"Env": [f"NOTE={note}"]}),
                         "second": module({"HostConfig": {"Binds": ["/home/hcsshares/share1:/data"]}})})
        changes = Session(data).changes("expanded")
        return changes.input, changes.output

    plain = marks("a-b")
    assert plain[1], "the second module's bind must change"
    assert marks(f"a{odd}b") == plain
