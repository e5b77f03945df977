"""The scroll anchors and the changed lines of a result whose output differs from the one before it in one module's
lines (:attr:`Result.splice`): the earlier ones before and after the module (those after moved by the lines the
module gained or lost), and the module's own found again. What :meth:`Session.anchors` and :meth:`Session.changes`
find over the whole text, at the cost of one module; None where the lines are not where this expects them (the
caller finds them over the whole text then)."""

from __future__ import annotations

from collections.abc import Iterable

from .diff import Changes, Memo, diff_into

Anchor = tuple[int, int]  # (input line, output line), 1-based


class Spliced:
    """New anchors, and where the module's own lie among them (``anchors[start:end]``)."""

    __slots__ = ("anchors", "start", "end")

    def __init__(self, anchors: list[Anchor], start: int, end: int) -> None:
        self.anchors, self.start, self.end = anchors, start, end


def spliced_anchors(previous: list[Anchor], module_lines: tuple[int, int], output_lines: tuple[int, int],
                    shift: int, inside: Iterable[Anchor]) -> Spliced | None:
    """``previous`` anchors with the module's (input ``module_lines``; output ``output_lines``, before the change)
    made again from ``inside`` (each place of the module on both sides, in the new output), and those after it
    moved by ``shift``. The module's places map to its own lines on both sides, so the anchors before and after it
    are kept or dropped as before."""
    top, bottom = module_lines
    first, last = output_lines
    before = [anchor for anchor in previous if anchor[1] < first]
    after = [anchor for anchor in previous if anchor[1] > last]
    if any(left >= top for left, _right in before) or any(left <= bottom for left, _right in after):
        return None
    kept = list(before)
    for left, right in sorted(inside):  # increasing on both sides, as Session.anchors keeps them
        if not top <= left <= bottom:
            return None
        if not kept or (left > kept[-1][0] and right > kept[-1][1]):
            kept.append((left, right))
    end = len(kept)
    kept.extend((left, right + shift) for left, right in after)
    return Spliced(kept, len(before), end)


def spliced_changes(previous: Changes, before: list[str], after: list[str], spliced: Spliced, shift: int,
                    memo: Memo | None) -> Changes:
    """``previous`` changes with the lines between the anchors around the module diffed again over ``before`` and
    ``after`` (the input's lines and the new output's), and the changed lines after them moved by ``shift``: the
    segments outside lie between the same anchors and hold the same lines as before."""
    anchors, start, end = spliced.anchors, spliced.start, spliced.end
    top = anchors[start - 1] if start else (1, 1)
    bottom = anchors[end] if end < len(anchors) else (len(before) + 1, len(after) + 1)
    region = Changes()
    bounds = [(left - 1, right - 1) for left, right in [top, *anchors[start:end], bottom]]
    diff_into(region, before, after, bounds, memo)
    moved = bottom[1] - shift  # the first output line after the region, in the earlier text
    spliced_changes = Changes()
    spliced_changes.input = {**{line: kind for line, kind in previous.input.items() if line < top[0]},
                             **region.input,
                             **{line: kind for line, kind in previous.input.items() if line >= bottom[0]}}
    spliced_changes.output = {**{line: kind for line, kind in previous.output.items() if line < top[1]},
                              **region.output,
                              **{line + shift: kind for line, kind in previous.output.items() if line >= moved}}
    spliced_changes.pairs = {**{line: other for line, other in previous.pairs.items() if line < top[1]},
                             **region.pairs,
                             **{line + shift: other for line, other in previous.pairs.items() if line >= moved}}
    return spliced_changes
