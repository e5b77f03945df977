"""Views: lookups that ignore case the way Docker and edgeAgent read createOptions keys."""

from __future__ import annotations

from asegui.core.model import Section


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
