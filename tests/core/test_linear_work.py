"""The conversion's work grows linearly with the manifest, counted in function calls, which no machine load
moves; the wall-clock figures are the bench's, and unit tests never time anything.

It catches a function called for every pair of modules (a plan or a proposal redone per module); a quadratic
loop or generator scan inside one call does not add calls, and is the bench's --instructions figure's to catch."""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

from asegui.core import convert

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from manifests import fpga_manifest  # noqa: E402


def _calls(data: bytes) -> tuple[int, int]:
    convert(data).text  # noqa: B018 - first run: imports and compiled patterns are not the conversion's work
    profile = cProfile.Profile()
    result = profile.runcall(convert, data)
    profile.runcall(lambda: result.text)
    return int(pstats.Stats(profile).total_calls), len(result.document.modules)  # type: ignore[attr-defined]


def test_ten_times_the_modules_is_at_most_ten_times_the_work() -> None:
    small_calls, small_modules = _calls(fpga_manifest(50))
    large_calls, large_modules = _calls(fpga_manifest(500))
    modules_growth = large_modules / small_modules
    # a quadratic step anywhere (it happened: renames, route lookups, name plans) would show as 50x or more
    assert large_calls / small_calls <= modules_growth * 1.05, (small_calls, large_calls, modules_growth)
