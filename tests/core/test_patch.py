"""Mapping input pointers to the output after key renames."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from asegui.core.patch import Renames, map_pointer
from asegui.core.pointers import join

_PART = st.sampled_from(["modules", "a", "b", "a~1b", "env", "0", "x/y", "~"])


def _reference(pointer: str, renames: dict[str, str]) -> str:
    """The plain reading: walk from the root, and wherever the input path so far was renamed, take its new key."""
    parts = pointer.split("/")[1:]
    out, path = "", ""
    for part in parts:
        path += "/" + part
        out += renames[path][renames[path].rfind("/"):] if path in renames else "/" + part
    return out


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.lists(_PART, min_size=1, max_size=4), max_size=6),
       st.lists(_PART, max_size=5), st.sampled_from(["new", "n~1w", "a"]))
def test_pointers_follow_every_renamed_ancestor(renamed, path, new_key):
    renames = Renames()
    for parts in renamed:
        old = join("", *parts)
        renames[old] = join(join("", *parts[:-1]), new_key + str(len(parts)))
    pointer = join("", *path)
    expected = _reference(pointer, renames)
    assert map_pointer(pointer, renames) == expected
    assert map_pointer(pointer, renames) == expected  # again, from the remembered ancestors
    assert map_pointer(pointer, dict(renames)) == expected  # a plain dict maps the same


def test_a_renamed_module_and_its_renamed_env_key_both_show_in_the_output_pointer():
    modules = "/modulesContent/$edgeAgent/properties.desired/modules"
    renames = Renames({f"{modules}/My_Mod": f"{modules}/my-mod",
                       f"{modules}/My_Mod/env/a:b": f"{modules}/My_Mod/env/a__b"})
    assert map_pointer(f"{modules}/My_Mod/env/a:b/value", renames) == f"{modules}/my-mod/env/a__b/value"
    assert map_pointer(f"{modules}/Other/env", renames) == f"{modules}/Other/env"


def test_clone_shares_nothing_with_the_original_and_keeps_every_json_value():
    from asegui.core.pointers import clone

    inner = {"k": [1, 2.5, True, None, "é\u2028", 10**30, float("inf")]}
    original = {"a": inner, "b": inner, "order": {"z": 1, "a": 2}}
    copy = clone(original)
    assert copy == original and list(copy["order"]) == ["z", "a"]
    assert copy["a"] is not inner and copy["a"] is not copy["b"]  # no container shared, not even with itself
    copy["a"]["k"].append("x")
    assert inner["k"][-1] == float("inf") and copy["b"]["k"][-1] == float("inf")
