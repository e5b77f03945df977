"""Run the core's property tests for longer, with fresh randomness: ``python tests/fuzz.py --minutes 5``.

The same properties as tests/core/test_properties.py (convert returns or raises ManifestError, never
anything else, never hangs, and converting its own output changes nothing), on generated manifests and
on mutations of ../shared/corpus, in rounds until the time is up. On a find it prints the failing input
(shrunk by hypothesis), saves it to a file and exits 1. Known, reported bugs are counted, not failed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.conftest import CORPUS  # noqa: E402
from tests.core.test_properties import check_convert, corpus_mutations, manifests  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to run (default 5)")
    parser.add_argument("--round", type=int, default=300, help="examples per round (default 300)")
    parser.add_argument("--save", type=Path, default=None, help="folder for failing inputs (default: a temp folder)")
    args = parser.parse_args(argv)

    files = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []
    deadline = time.monotonic() + args.minutes * 60
    counts: Counter[str] = Counter()
    failing: list[bytes] = []

    def run(data: bytes, reports: bool) -> None:
        counts["examples"] += 1
        try:
            known = check_convert(data, reports=reports)
        except BaseException:
            failing.append(data)
            raise
        if known:
            counts[f"known bug: {known}"] += 1

    profile = settings(max_examples=args.round, deadline=None, database=None, derandomize=False, print_blob=True,
                       phases=[Phase.generate, Phase.shrink],
                       suppress_health_check=list(HealthCheck))

    @profile
    @given(manifests())
    def generated(data: bytes) -> None:
        run(data, reports=True)

    @profile
    @given(st.data())
    def mutated(data: st.DataObject) -> None:
        run(data.draw(corpus_mutations(files), label="input"), reports=False)

    targets = [("generated manifests", generated)] + ([("corpus mutations", mutated)] if files else [])
    if not files:
        print("fuzz: ../shared/corpus not found; fuzzing generated manifests only", file=sys.stderr)
    rounds = 0
    while time.monotonic() < deadline:
        name, target = targets[rounds % len(targets)]
        rounds += 1
        try:
            target()
        except BaseException as exc:  # hypothesis re-raises the shrunk failure after printing it
            if isinstance(exc, KeyboardInterrupt):
                print(f"fuzz: interrupted after {counts['examples']} examples", file=sys.stderr)
                return 130
            return _report(name, exc, failing[-1] if failing else b"", args.save)
        print(f"fuzz: round {rounds} ({name}) passed; {counts['examples']} examples so far, "
              f"{max(0.0, deadline - time.monotonic()) / 60:.1f} min left", file=sys.stderr, flush=True)
    summary = ", ".join(f"{key} ×{value}" for key, value in sorted(counts.items()) if key != "examples")
    print(f"fuzz: nothing found in {counts['examples']} examples over {rounds} rounds"
          + (f" ({summary})" if summary else ""))
    return 0


def _report(name: str, exc: BaseException, data: bytes, folder: Path | None) -> int:
    folder = folder or Path(tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"asegui-fuzz-{hashlib.sha256(data).hexdigest()[:12]}.json"
    path.write_bytes(data)
    print(f"fuzz: FOUND a failure in {name}:", file=sys.stderr)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    preview = data[:2000]
    print(f"fuzz: failing input ({len(data)} bytes) saved to {path}; first bytes:\n{preview!r}", file=sys.stderr)
    print(f"fuzz: reproduce with: python -c \"from asegui.core import convert; "
          f"convert(open('{path}', 'rb').read())\"", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
