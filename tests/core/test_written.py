"""Where values sit in the manifest as written (for the window's "File as written" view)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from asegui.core.pointers import join, resolve
from asegui.core.written import spans
from tests.conftest import SAMPLE, corpus_files


def test_comments_and_trailing_commas_keep_every_line_in_place() -> None:
    text = '{\n  // a comment\n  "a": [1,\n    2,],\n  /* more */ "b": {"c": "x"}\n}\n'
    assert spans(text) == {"": (1, 6), "/a": (3, 4), "/a/0": (3, 3), "/a/1": (4, 4), "/b": (5, 5), "/b/c": (5, 5)}


def test_every_value_of_the_sample_is_found_on_the_lines_that_hold_it() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    root = json.loads(text)
    found = spans(text)
    for pointer, (first, last) in found.items():
        value = resolve(root, pointer)
        if isinstance(value, str):
            assert json.dumps(value) in " ".join(lines[first - 1:last]), pointer


def test_text_that_is_not_json_gives_nothing() -> None:
    assert spans('{"a": ') == {}


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=12),
       st.integers(min_value=0, max_value=2))
def test_any_json_written_any_way_has_a_span_for_every_pointer(value: object, indent: int) -> None:
    text = json.dumps(value, indent=indent or None)
    found = spans(text)
    assert found[""] == (1, text.count("\n") + 1)

    def pointers(node: object, at: str) -> list[str]:
        if isinstance(node, dict):
            return [at] + [p for key, child in node.items() for p in pointers(child, join(at, key))]
        if isinstance(node, list):
            return [at] + [p for i, child in enumerate(node) for p in pointers(child, f"{at}/{i}")]
        return [at]

    assert set(found) == set(pointers(value, ""))


def test_the_corpus_as_written_is_mapped_whole() -> None:
    for path in corpus_files():
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        try:
            json.loads(text)
        except ValueError:
            continue  # JSONC and odd files: the strict ones are enough to hold the walk to every value
        assert "" in spans(text), path.name
