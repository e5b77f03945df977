"""Which lines differ between the two sides of a review, and what differs inside a changed line."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from msgspec import Struct, field

MEMO_LIMIT = 50_000  # diffed segments kept for a document before the cache starts afresh


class Changes(Struct, dict=True):
    """Lines that differ between the two rendered sides (1-based), with their kind."""

    input: dict[int, str] = field(default_factory=dict)   # line -> "-" removed, "~" changed
    output: dict[int, str] = field(default_factory=dict)  # line -> "+" added, "~" changed
    pairs: dict[int, int] = field(default_factory=dict)   # a changed output line -> the input line it replaces


Opcodes = list[tuple[str, int, int, int, int]]


def diff_lines(before: str | list[str], after: str | list[str], anchors: list[tuple[int, int]] | None = None,
               memo: dict[tuple[tuple[str, ...], tuple[str, ...]], Opcodes] | None = None) -> Changes:
    """Changed lines of ``after`` against ``before`` (and the removed/changed ones of ``before``).

    ``anchors`` are (input line, output line) pairs known to correspond, increasing on both sides
    (the same JSON pointer); the texts are diffed segment by segment between them, which keeps a
    large manifest's diff quick where one SequenceMatcher over the whole texts is slow.
    ``memo`` keeps each differing segment's opcodes by content: one decision changes one module,
    so the next diff of the same document finds almost every segment there.
    """
    a = text_lines(before) if isinstance(before, str) else before
    b = text_lines(after) if isinstance(after, str) else after
    changes = Changes()
    bounds = [(0, 0)] + [(left - 1, right - 1) for left, right in anchors or ()] + [(len(a), len(b))]
    diff_into(changes, a, b, bounds, memo)
    return changes


Memo = dict[tuple[tuple[str, ...], tuple[str, ...]], Opcodes]


def diff_into(changes: Changes, a: list[str], b: list[str], bounds: list[tuple[int, int]], memo: Memo | None) -> None:
    """Add to ``changes`` the differing lines of ``a`` and ``b`` between consecutive ``bounds`` (0-based line
    indexes of each side, increasing), in line order."""
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        if i1 < i0 or j1 < j0:
            continue
        left, right = a[i0:i1], b[j0:j1]
        if left == right:
            continue
        for tag, k1, k2, m1, m2 in _opcodes(left, right, memo):
            for line in range(i0 + k1, i0 + k2):
                changes.input[line + 1] = "-" if tag == "delete" else "~"
            for line in range(j0 + m1, j0 + m2):
                changes.output[line + 1] = "+" if tag == "insert" else "~"
            if tag == "replace":  # line by line, as far as both sides go: what changed inside each pair shows
                for offset in range(min(k2 - k1, m2 - m1)):
                    changes.pairs[j0 + m1 + offset + 1] = i0 + k1 + offset + 1


INTRALINE_LIMIT = 4096  # characters: longer lines are compared whole (a character diff grows with the square)


_TOKEN = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9]")  # words, and every other character alone


@lru_cache(maxsize=8192)
def differing(mine: str, theirs: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) character range of ``mine`` that differs from ``theirs``: between the words both lines
    begin and end with (so "Binds" and "Mounts" differ as words, not in a few letters). A changed line of a
    manifest differs in one place; where it differs in several, the range spans them. None when the lines share
    too little for a range to say more than the line's mark."""
    if mine == theirs or len(mine) > INTRALINE_LIMIT or len(theirs) > INTRALINE_LIMIT:
        return ()
    ours, other = _TOKEN.findall(mine), _TOKEN.findall(theirs)
    head = 0
    while head < min(len(ours), len(other)) and ours[head] == other[head]:
        head += 1
    tail = 0
    while tail < min(len(ours), len(other)) - head and ours[-1 - tail] == other[-1 - tail]:
        tail += 1
    start = sum(len(token) for token in ours[:head])
    end = len(mine) - sum(len(token) for token in ours[len(ours) - tail:])
    kept = len(mine) - (end - start)
    if end <= start or kept < 3 or kept < len(mine.strip()) // 3:
        return ()
    return ((start, end),)


def text_lines(text: str) -> list[str]:
    """The lines as the panes count them: split at "\n" only. str.splitlines() also splits at U+2028, U+2029
    and U+0085, which JSON strings may hold as they are, and every mark after one would land a line late."""
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def _opcodes(left: list[str], right: list[str], memo: Memo | None) -> Opcodes:
    """The differing opcodes of two segments, from ``memo`` when it has seen them."""
    key = (tuple(left), tuple(right))
    if memo is not None and key in memo:
        return memo[key]
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    found: Opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if memo is not None:
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        memo[key] = found
    return found
