"""Rejecting a MAN004 rewrite keeps the input's pieces (issue 12: the rewrite happened in emit whatever the
decision)."""

from __future__ import annotations

import json

from asegui.core import convert
from tests.helpers import manifest, module


def _pieces_manifest(extra_options: dict | None = None) -> bytes:
    data = json.loads(manifest({"app": module(None)}))
    settings = data["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    text = json.dumps({"Env": ["A=1"], "Labels": {"a": "b"}, **(extra_options or {})}, separators=(",", ":"))
    settings["createOptions1"], settings["createOptions2"] = text[:15], text[15:]
    return json.dumps(data, indent=2).encode()


def _settings(result) -> dict:
    return json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]


def test_accepted_renumbering_writes_standard_pieces():
    result = convert(_pieces_manifest())
    [finding] = [f for f in result.findings if f.code == "MAN004"]
    assert finding.status == "applied"
    assert set(_settings(result)) == {"image", "createOptions"}


def test_rejected_renumbering_keeps_the_pieces_as_written():
    data = _pieces_manifest()
    [finding] = [f for f in convert(data).findings if f.code == "MAN004"]
    rejected = convert(data, {finding.id: {"accepted": False}})
    settings = _settings(rejected)
    original = json.loads(data)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    assert settings == original
    assert not rejected.output_warnings


def test_rejected_renumbering_with_other_fixes_in_the_module_says_it_had_to_rewrite():
    data = _pieces_manifest({"HostConfig": {"Binds": ["/home/hcsshares/in:/data"]}})
    [finding] = [f for f in convert(data).findings if f.code == "MAN004"]
    rejected = convert(data, {finding.id: {"accepted": False}})
    assert "createOptions" in _settings(rejected)  # STO001's fix changed the pieces: they are written anew
    assert any("MAN004 rewrite was rejected" in w for w in rejected.output_warnings)
