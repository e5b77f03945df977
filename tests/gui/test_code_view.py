"""The code view replaces only the lines that changed; whatever the change, it shows exactly the new text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject

from asegui.gui.code_view import CodeView, _lexer_spans, line_spans

LINES = st.lists(st.sampled_from(["{", "}", '  "a": 1,', '  "b": [', "  ]", "", "x"]), max_size=12)


@pytest.mark.parametrize("replaced_at_most", [CodeView.REPLACED_AT_MOST, 1],
                         ids=["lines-replaced-in-place", "long-middle-set-afresh"])
@settings(max_examples=100, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(first=LINES, second=LINES, third=LINES)
def test_partial_updates_always_show_the_new_text(qtbot, replaced_at_most, first, second, third):
    """Whether the changed lines are replaced in place or (a middle too long, as accept all on a large file) the
    whole text is set afresh, the pane shows exactly the new text."""
    view = CodeView("test-view")
    qtbot.addWidget(view)
    view.REPLACED_AT_MOST = replaced_at_most
    _show_each(view, first, second, third)


def _show_each(view, first, second, third):
    for lines in (first, second, third, first):
        text = "\n".join(lines)
        view.set_content(text)
        assert view.toPlainText() == text
        assert view.document().blockCount() == len(text.split("\n"))


def test_characters_that_break_lines_in_a_document_are_shown_escaped_one_block_per_line(qtbot):
    """JSON strings keep U+2028 and U+2029 as they are; a text document would break a line (U+2029: a new
    numbered block) at them, moving every line number, change mark and highlight after it."""
    view = CodeView("test-view")
    qtbot.addWidget(view)
    text = '{\n  "a": "x\u2029y",\n  "b": "x\u2028y\x85z"\n}\n'
    for content in (text, text.replace("a", "A")):  # the first set and a partial update
        view.set_content(content)
        assert view.document().blockCount() == len(content.split("\n"))
        assert view.document().findBlockByNumber(1).text() == '  "' + content[5] + '": "x\\u2029y",'
        assert "\\u2028" in view.document().findBlockByNumber(2).text()


# ------------------------------------------------------------------------------------------------ highlighting
def _kinds(text: str, spans: tuple[tuple[int, int, str], ...]) -> list[str | None]:
    """The colour kind of every character (token boundaries between equal kinds do not show)."""
    kinds: list[str | None] = [None] * len(text)
    for start, length, kind in spans:
        for position in range(start, min(start + length, len(text))):
            kinds[position] = kind
    return kinds


def _assert_as_pygments(lines: list[str]) -> None:
    for line in lines:
        assert _kinds(line, line_spans(line)) == _kinds(line, _lexer_spans(line)), line


def test_pretty_lines_coloured_exactly_as_the_lexer_colours_them() -> None:
    from asegui.review.session import Session
    from tests.benchmarks.manifests import fpga_manifest
    from tests.conftest import SAMPLE

    for data in (SAMPLE.read_bytes(), fpga_manifest(12)):
        session = Session(data, "manifest.json")
        for side in ("input", "output"):
            for form in ("expanded", "deployable"):
                text = session.rendered(side, form)[0]
                _assert_as_pygments(text.splitlines() + session.masked(text).splitlines())


ODD_LINES = ['', '   ', '\t"a": 1', '"a" : 1', '"a":1', '"a": tru', '"a": truee', '"a": -', '"a": 1.', '"a": 01',
             '"a": 1e5,', '"a": -0.5E+3', '"\\u12"', '"\\u12G": 1', '"\\u"', '"\\x": 2', '"unterminated',
             '"a\\"b": "c"', '// comment', '"a": 1 // c', '/* c */ "a": 1', '"a" /* c */ : 1', '\ufeff{', '{}', '[],',
             '],', '} ,', '"a": NaN', '"a": Infinity', '"a": -Infinity', '"x" "y": 1', 'null,', '"a": null null',
             '"é\u2028": "ü"']


def test_odd_lines_coloured_exactly_as_the_lexer_colours_them() -> None:
    _assert_as_pygments(ODD_LINES)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(value=JSON_VALUES, indent=st.sampled_from([2, 4, "\t"]))
def test_dumped_json_coloured_exactly_as_the_lexer_colours_it(value: object, indent: int | str) -> None:
    import json

    for ascii_only in (True, False):
        _assert_as_pygments(json.dumps(value, indent=indent, ensure_ascii=ascii_only).splitlines())


@settings(max_examples=120, derandomize=True, deadline=None)
@given(changes=st.dictionaries(st.integers(1, 3000), st.sampled_from(["+", "~", "-"]), max_size=400),
       lines=st.integers(1, 3000), height=st.integers(20, 900))
def test_the_change_map_paints_its_runs_as_one_mark_per_line_would(changes, lines, height):
    """The map paints runs of marks (a few dozen rectangles for thousands of changed lines); the pixels are those of
    one mark per changed line, painted in line order."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter

    from asegui.gui.code_view import _runs

    colours = {"+": QColor("#2a2"), "~": QColor("#22a"), "-": QColor("#a22")}
    changes = {line: kind for line, kind in changes.items() if line <= lines}
    mark = max(2, height // lines)
    images = []
    for marks in ([((line - 1) * height // lines, (line - 1) * height // lines + mark, changes[line])
                   for line in sorted(changes)], _runs(changes, lines, height, mark)):
        image = QImage(6, height + mark, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        for top, bottom, kind in marks:
            painter.fillRect(QRect(0, top, 6, bottom - top), colours[kind])
        painter.end()
        images.append(image)
    assert images[0] == images[1]
    assert len(_runs(changes, lines, height, mark)) <= len(changes)


class _Paints(QObject):
    """Counts the paint events of the widget it watches."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _two_panes(qtbot):
    panes = CodeView("left"), CodeView("right")
    for view in panes:
        qtbot.addWidget(view)
        view.resize(400, 200)
    return panes


def test_a_pane_repaints_for_its_counterparts_only_when_a_mark_in_view_changes(qtbot):
    """A decision in one module moves the counterparts of every later line in the other pane: this pane's marks in
    view stay the same, so it is not repainted; when a counterpart in view changes, it is."""
    left, right = _two_panes(qtbot)
    left.set_content("\n".join(f'  "key{n}": "value {n}",' for n in range(300)))
    right.set_content("\n".join(f'  "key{n}": "valve {n}",' for n in range(300)))
    left.set_partners({n: n for n in range(1, 301)}, right)
    left.show()
    qtbot.waitExposed(left)
    qtbot.wait(50)  # the first paint, which sees the marks in view
    paints = _Paints()
    left.viewport().installEventFilter(paints)
    # three lines inserted at line 200 of the other pane: the counterparts from there on move, none in view changes
    right.set_content("\n".join([f'  "key{n}": "valve {n}",' for n in range(199)] + ["  x", "  y", "  z"]
                                + [f'  "key{n}": "valve {n}",' for n in range(199, 300)]))
    left.set_partners({n: n if n < 200 else n + 3 for n in range(1, 301)}, right)
    qtbot.wait(50)
    assert paints.count == 0
    assert left.intraline(250) and left.intraline(1)  # marked, as before the move
    # the counterpart of line 2, in view, is another line now: its mark changes, and the pane is repainted
    before = left.intraline(2)
    left.set_partners({**{n: n if n < 200 else n + 3 for n in range(1, 301)}, 2: 3}, right)
    assert left.intraline(2) != before
    qtbot.waitUntil(lambda: paints.count > 0)


def test_a_pane_repaints_when_the_line_its_line_is_paired_with_changes(qtbot):
    """The pairs stay, the other pane's line changes (a value given for a parameter): what differs inside this
    pane's line changes too, and it is repainted with the new mark."""
    left, right = _two_panes(qtbot)
    left.set_content('  "Source": "localin",\n  "Target": "/in"')
    right.set_content('  "Source": "localin-share",\n  "Target": "/in"')
    left.set_partners({1: 1}, right)
    left.show()
    qtbot.waitExposed(left)
    qtbot.wait(50)
    before = left.intraline(1)
    paints = _Paints()
    left.viewport().installEventFilter(paints)
    right.set_content('  "Source": "other",\n  "Target": "/in"')
    left.set_partners({1: 1}, right)
    assert left.intraline(1) != before
    qtbot.waitUntil(lambda: paints.count > 0)
    paints.count = 0
    left.set_partners({1: 1}, right)  # nothing changed since: no repaint
    qtbot.wait(50)
    assert paints.count == 0
