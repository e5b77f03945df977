"""A result is freed by reference counting alone: conversions pause the cyclic collector (asegui.collector), so a
reference cycle in a result would keep every result a long run makes (a fleet of a thousand devices, a window's
afternoon of decisions) until a full collection that may not come."""

from __future__ import annotations

import gc

from asegui.core import convert
from asegui.review.session import Session
from tests.conftest import SAMPLE


def _garbage_after(make: object) -> int:
    assert callable(make)
    make()  # imports, caches and patterns first
    gc.collect()
    make()
    return gc.collect()


def test_a_conversion_leaves_no_cycles() -> None:
    def make() -> None:
        result = convert(SAMPLE.read_bytes())
        result.text  # noqa: B018 - what the CLI and the window read
        [(f.message, f.todo, f.status) for f in result.findings]

    assert _garbage_after(make) == 0


def test_a_decision_in_a_session_leaves_no_cycles() -> None:
    session = Session(SAMPLE.read_bytes(), "sample.json")
    finding = next(f for f in session.findings if f.code == "STO001")

    def toggle() -> None:
        session.set_accepted(finding.id, not session.finding(finding.id).accepted)
        [f.message for f in session.findings]

    assert _garbage_after(toggle) == 0
