"""Writing the output: the fast indenting writer must give exactly what json.dumps gives."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from asegui.core.emit import dumps

_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12))
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=40)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_JSON, st.sampled_from(["  ", "    ", "\t", " "]))
def test_output_text_is_byte_for_byte_what_json_dumps_writes(value: Any, indent: str) -> None:
    assert dumps(value, indent) == json.dumps(value, indent=indent, ensure_ascii=False) + "\n"


def test_values_the_fast_writer_does_not_know_are_written_by_json_dumps() -> None:
    class Count(int):
        pass

    odd = {"tuple": (1, 2), "int subclass": Count(3), "nested": [{"a": (None,)}]}
    assert dumps(odd) == json.dumps(odd, indent="  ", ensure_ascii=False) + "\n"
    keys = {1: "a", None: "b", 2.5: "c"}
    assert dumps(keys) == json.dumps(keys, indent="  ", ensure_ascii=False) + "\n"


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON, max_size=5), st.sampled_from(["  ", "\t"]))
def test_line_spans_point_at_the_lines_json_dumps_wrote(value: dict[str, Any], indent: str) -> None:
    from asegui.core.emit import line_map
    from asegui.core.pointers import parts

    lines = dumps(value, indent).split("\n")[:-1]  # not splitlines(): strings may hold U+0085 or U+2028
    spans = line_map(value, indent)
    assert spans[""] == (1, len(lines))
    for pointer, (first, last) in spans.items():
        if not pointer:
            continue
        *path, key = parts(pointer)
        container: Any = value
        for part in path:
            container = container[int(part)] if isinstance(container, list) else container[part]
        member = container[int(key)] if isinstance(container, list) else container[key]
        written = lines[first - 1].lstrip(indent)
        if isinstance(container, dict):
            assert written.startswith(json.dumps(key, ensure_ascii=False) + ": "), (pointer, written)
        if isinstance(member, (dict, list)) and member:
            assert lines[last - 1].strip().rstrip(",") in ("}", "]") and last > first
        else:
            assert first == last
