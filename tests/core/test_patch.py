"""Mapping input pointers to the output after key renames."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from asegui.core.pointers import join
from asegui.core.renames import Renames, map_pointer

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


def _finding_with(code: str, module: str, *edits):
    from asegui.core.findings import Decided, Decisions, Finding, Outcome, Rule

    rule = Rule(code=code, slug="s", area="storage", severity="warning", applicability="auto", title="t",
                explanation="e", source="s")
    return Decided(Finding(rule, module, f"/m/{module}", "m"), Outcome(accepted=True, edits=tuple(edits)),
                   Decisions())


def test_two_findings_asking_for_the_same_change_apply_it_once_without_a_conflict():
    from asegui.core.findings import Edit
    from asegui.core.patch import apply_edits

    root = {"m": {"a": {"x": 1, "gone": 2}}}
    first = _finding_with("STO001", "a", Edit("replace", "/m/a/x", 5), Edit("remove", "/m/a/gone"))
    second = _finding_with("STO002", "a", Edit("replace", "/m/a/x", 5), Edit("remove", "/m/a/gone"))
    out, conflicts, _renames = apply_edits(root, [first, second])
    assert conflicts == [] and out == {"m": {"a": {"x": 5}}}
    assert root == {"m": {"a": {"x": 1, "gone": 2}}}  # the input is never changed


def test_two_findings_asking_for_different_values_at_one_place_are_a_conflict_and_the_first_wins():
    from asegui.core.findings import Edit
    from asegui.core.patch import apply_edits

    first = _finding_with("STO001", "a", Edit("replace", "/m/a/x", 5))
    second = _finding_with("STO002", "a", Edit("replace", "/m/a/x", 6))
    out, conflicts, _renames = apply_edits({"m": {"a": {"x": 1}}}, [first, second])
    assert out == {"m": {"a": {"x": 5}}}
    assert [(c.pointer, c.first, c.second) for c in conflicts] == [("/m/a/x", "STO001:a:/m/a", "STO002:a:/m/a")]


def test_one_finding_changing_a_place_twice_is_not_a_conflict_with_itself():
    from asegui.core.findings import Edit
    from asegui.core.patch import apply_edits

    only = _finding_with("STO001", "a", Edit("add", "/m/a/x", 5), Edit("replace", "/m/a/x", 7))
    out, conflicts, _renames = apply_edits({"m": {"a": {"x": 1}}}, [only])
    assert conflicts == [] and out == {"m": {"a": {"x": 7}}}


def test_two_renames_to_one_name_are_a_conflict_naming_both_findings():
    from asegui.core.findings import Edit
    from asegui.core.patch import apply_edits

    first = _finding_with("NAM001", "A", Edit("rename", "/m/A", "a"))
    second = _finding_with("NAM001", "B_", Edit("rename", "/m/B_", "a"))
    out, conflicts, renames = apply_edits({"m": {"A": 1, "B_": 2}}, [first, second])
    assert list(out["m"].items()) == [("a", 1), ("B_", 2)] and renames == {"/m/A": "/m/a"}
    assert [(c.first, c.second) for c in conflicts] == [("NAM001:A:/m/A", "NAM001:B_:/m/B_")]


def test_a_rename_to_a_key_the_input_holds_is_a_conflict_held_by_no_finding():
    from asegui.core.findings import Edit
    from asegui.core.patch import apply_edits

    both = _finding_with("NAM001", "A", Edit("rename", "/m/A", "a"), Edit("rename", "/t/A", "a"))
    out, conflicts, renames = apply_edits({"m": {"A": 1}, "t": {"A": 2, "a": 3}}, [both])
    assert out == {"m": {"a": 1}, "t": {"A": 2, "a": 3}} and renames == {"/m/A": "/m/a"}
    assert [(c.pointer, c.first, c.second) for c in conflicts] == [("/t/A", "", "NAM001:A:/m/A")]


def test_two_renames_to_a_key_the_input_holds_name_no_finding_as_applied():
    from asegui.core.findings import Edit
    from asegui.core.patch import apply_edits

    first = _finding_with("NAM001", "A", Edit("rename", "/m/A", "a"))
    second = _finding_with("NAM001", "B_", Edit("rename", "/m/B_", "a"))
    out, conflicts, _renames = apply_edits({"m": {"A": 1, "B_": 2, "a": 3}}, [first, second])
    assert out == {"m": {"A": 1, "B_": 2, "a": 3}}
    assert [(c.first, c.second) for c in conflicts] == [("", "NAM001:A:/m/A"), ("", "NAM001:B_:/m/B_")]


def _literal_rename(route: str, old: str, new: str) -> str:
    """The plain reading, one pattern per name: ``old`` right after /messages/modules/ (ended by /, a space, "
    or the end; a ``*`` belongs to the id, and a lone ``*`` there is the wildcard, nobody's id), right after
    /modules/ and before /inputs/, or quoted whole on either side of a comparison with ``$connectionModuleId``
    (or ``{$connectionModuleId}``, in any case) by =, != or <>, in quotes it does not hold itself."""
    import re

    if not old:
        return route
    escaped = re.escape(old)

    def put(match: re.Match[str]) -> str:
        return match.group(1) + new

    if old != "*":
        route = re.sub(rf"(/messages/modules/){escaped}(?=/|\s|$|\")", put, route)
    route = re.sub(rf"(/modules/){escaped}(?=/inputs/)", put, route)
    sender, compare = r"\{?\$connectionModuleId\}?", r"\s*(?:=|!=|<>)\s*"
    for quote in ("'", '"'):
        if quote not in old:
            route = re.sub(rf"({sender}{compare}{quote}){escaped}(?={quote})", put, route, flags=re.IGNORECASE)
    for quote in ("'", '"'):
        if quote not in old:
            route = re.sub(rf"({quote}){escaped}(?={quote}{compare}{sender})", put, route, flags=re.IGNORECASE)
    return route


_ROUTE_PIECE = st.sampled_from(["FROM ", "/messages/modules/", "/modules/", "/outputs/", "/inputs/", "/*", " INTO ",
                                "$upstream", "BrokeredEndpoint(\"", "\")", "\n", " ", "*", "\"", "/", "a", "ab",
                                "a b", "a*", "b", "app", "app2", "x\u2028", " WHERE $connectionModuleId = '",
                                "$connectionmoduleid<>'", "'", "{$connectionModuleId} != \"", " = $connectionModuleId",
                                "a'b"])
_ROUTE_NAME = st.sampled_from(["a", "ab", "a b", "a*", "app", "b", "x\u2028", "*", "/", "a/b", "", "a'b"])


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(_ROUTE_PIECE, max_size=14).map("".join), _ROUTE_NAME, st.sampled_from(["new", "n-1", "\\1"]))
@example("FROM /messages/modules/a b/* INTO $upstream", "a b", "new")
@example("FROM /messages/modules/a*/* INTO BrokeredEndpoint(\"/modules/a*/inputs/i\")", "a*", "new")
@example("FROM /messages/modules/a/b INTO $upstream", "a/b", "new")
@example("FROM /messages/modules/a*1/outputs/* INTO BrokeredEndpoint(\"/modules/a*/inputs/i\")", "a", "new")
@example("FROM /messages/modules/* INTO BrokeredEndpoint(\"/modules/*/inputs/i\")", "*", "new")
@example("FROM /messages/* WHERE 'a' = {$connectionModuleId} OR $connectionModuleId != \"a\" INTO $upstream", "a", "n")
def test_route_rewrites_match_the_one_pattern_per_name_reading(route, old, new):
    from asegui.core.routes import rename_in_route, route_names

    # The plain reading knows no string literals: where quotes nest, a comparison inside a string is text to the
    # runtime (and to rename_in_route) but a condition to it. Generated routes hold one quoted string at most.
    assume(sum(route.count(quote) for quote in "'\"") <= 2)
    assert rename_in_route(route, old, new) == _literal_rename(route, old, new)
    assert route_names(route, old) == (_literal_rename(route, old, old + "\0") != route)


def test_route_rewrites_touch_only_the_named_module_among_many():
    from asegui.core.routes import rename_in_route

    route = ('FROM /messages/modules/app/outputs/* INTO BrokeredEndpoint("/modules/app2/inputs/in"); '
             'FROM /messages/modules/app2/* INTO BrokeredEndpoint("/modules/app/inputs/x")')
    assert rename_in_route(route, "app", "my-app") == (
        'FROM /messages/modules/my-app/outputs/* INTO BrokeredEndpoint("/modules/app2/inputs/in"); '
        'FROM /messages/modules/app2/* INTO BrokeredEndpoint("/modules/my-app/inputs/x")')


def test_remembered_pointer_parts_share_one_string_per_key():
    from asegui.core.pointers import parts

    first = parts("/modulesContent/$edgeAgent/modules/" + "app" + "x/settings")
    second = parts("/modulesContent/other/" + "app" + "x/a~1b")
    assert first[0] is second[0] and first[3] is second[2] and second[3] == "a/b"
