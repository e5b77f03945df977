"""analyze() reports its progress rule by rule, and a callback that raises stops it (the window's Cancel)."""

from __future__ import annotations

import pytest

from asegui.core import analyze, load
from asegui.core.rules import all_rules
from tests.conftest import SAMPLE


def test_progress_counts_every_input_rule_in_order() -> None:
    seen: list[tuple[int, int]] = []
    findings = analyze(load(SAMPLE.read_bytes()), progress=lambda done, total: seen.append((done, total)))
    total = sum(1 for r in all_rules() if r.phase == "input")
    assert seen == [(done, total) for done in range(1, total + 1)]
    assert [f.id for f in findings] == [f.id for f in analyze(load(SAMPLE.read_bytes()))]  # the same findings


def test_a_callback_that_raises_stops_the_analysis() -> None:
    class Stop(Exception):
        pass

    calls: list[int] = []

    def stop_at_three(done: int, total: int) -> None:
        calls.append(done)
        if done == 3:
            raise Stop

    with pytest.raises(Stop):
        analyze(load(SAMPLE.read_bytes()), progress=stop_at_three)
    assert calls == [1, 2, 3]
