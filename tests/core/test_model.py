"""Views: lookups that ignore case the way Docker and edgeAgent read createOptions keys."""

from __future__ import annotations

from asegui.core.model import Section, find_key, member


def test_keys_are_found_ignoring_case_with_the_exact_spelling_preferred():
    section = Section("/h", {"Binds": [1], "BINDS": [2], "Privileged": True})
    assert section.key("binds") == "Binds" and section.key("BINDS") == "BINDS"
    assert section.variants("binds") == ["Binds", "BINDS"]
    assert section.variants("privileged") == ["Privileged"] and section.variants("Mounts") == []
    assert section.get("PRIVILEGED") is True and section.get("Mounts", "none") == "none"
    assert section.at("binds") == "/h/Binds" and section.at("Mounts") == "/h/Mounts"


def test_a_section_without_twins_reports_each_key_once():
    section = Section("/h", {"Binds": [1], "Mounts": []})
    assert section.variants("BINDS") == ["Binds"] and section.key("mounts") == "Mounts"


def test_one_lookup_with_two_readings_of_case_twins():
    twins = {"binds": 1, "Binds": 2, "BINDS": 3}
    assert find_key(twins, "Binds") == "Binds"                   # a rule: the exact spelling first
    assert find_key(twins, "bInDs") == "binds"                   # … else the first in the input's order
    assert find_key(twins, "Binds", last_wins=True) == "BINDS"   # the runtime's JSON readers: the last one set
    assert member(twins, "binds") == 3
    assert find_key(twins, "Mounts") is None and find_key(twins, "Mounts", last_wins=True) is None
    assert find_key(["Binds"], "Binds") is None and member({}, "x", "none") == "none"
    assert Section("/h", twins).key("bInDs") == find_key(twins, "bInDs")
