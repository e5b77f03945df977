"""Loading: every form a field engineer has, and a clear ManifestError for everything else."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asegui.core import ManifestError, convert, load
from asegui.core.jsonc import nested_deeper_than
from tests.helpers import manifest, module, out_create_options

PLAIN = manifest({"app": module({"HostConfig": {"Privileged": True}})})


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf"])
def test_encodings_give_the_same_utf8_lf_output(encode):
    expected = convert(PLAIN).text
    result = convert(encode(PLAIN.decode("utf-8")))
    assert result.text == expected
    assert "\r" not in result.text and result.text.endswith("}\n")


def test_encoding_is_named():
    assert load(codecs.BOM_UTF16_LE + PLAIN.decode().encode("utf-16-le")).encoding == "UTF-16 LE with BOM"


def test_wrappers_are_recognised_and_kept():
    inner = json.loads(PLAIN)["modulesContent"]
    for wrapped, wrapper in [({"content": {"modulesContent": inner}, "id": "x"}, "content"),
                             (inner, "bare"), ({"modulesContent": inner}, "modulesContent")]:
        doc = load(json.dumps(wrapped).encode())
        assert doc.wrapper == wrapper
        assert [m.name for m in doc.modules] == ["edgeAgent", "edgeHub", "app"]
    out = json.loads(convert(json.dumps({"content": {"modulesContent": inner}, "id": "x"}).encode()).text)
    assert list(out) == ["content", "id"]


def test_jsonc_comments_and_trailing_commas_are_read():
    text = PLAIN.decode().replace('"modulesContent": {', '"modulesContent": { // the manifest\n/* block */', 1)
    text = text.replace('"restartPolicy": "always"\n', '"restartPolicy": "always",\n', 1)
    doc = load(text.encode())
    assert doc.jsonc and doc.module("app") is not None


@pytest.mark.parametrize("data, line, column, words", [
    (b"", 1, 1, "empty"),
    (b"   \n  ", 1, 1, "empty"),
    (b'{\n  "a": 1\n  "b": 2\n}', 3, 3, "delimiter"),
    (b"<<<<<<< HEAD\n{}\n", 1, 1, "merge-conflict"),
    (b"[1, 2]", 1, 1, "not a deployment manifest"),
    (b'{"hello": "world"}', 1, 1, "modulesContent"),
    (b'{"a": /* never closed', 1, 7, "never closed"),
    (b"\xff\xfe\x00", None, None, "UTF-16"),
    (b'{"a": "\xc3\x28"}', 1, 8, "UTF-8"),
])
def test_bad_input_is_one_manifest_error_with_a_place(data, line, column, words):
    with pytest.raises(ManifestError) as caught:
        load(data, source="m.json")
    error = caught.value
    assert words.lower() in error.message.lower()
    if line is not None:
        assert (error.line, error.column) == (line, column)
    assert str(error).startswith("m.json:")


def test_limits_are_errors_not_crashes():
    with pytest.raises(ManifestError, match="nested more than 64"):
        load(b"[" * 100000 + b"]" * 100000)
    with pytest.raises(ManifestError, match="16 MiB"):
        load(b" " * (17 * 1024 * 1024))


def test_chunked_create_options_in_any_order_and_unpadded_are_joined():
    options = json.dumps({"HostConfig": {"Binds": ["/var/x:/x"], "Privileged": True}})
    pieces = [options[i:i + 20] for i in range(0, len(options), 20)]
    settings = {"image": "x"}
    settings.update({f"createOptions{i}" if i else "createOptions": p for i, p in reversed(list(enumerate(pieces)))})
    data = manifest({"app": {"type": "docker", "status": "running", "restartPolicy": "always", "settings": settings}})
    doc = load(data)
    ref = doc.module("app")
    assert ref.co_form == "chunks" and ref.co_renumber
    assert doc.root["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"][
        "createOptions"] == json.loads(options)


@pytest.mark.parametrize("settings, problem", [
    ({"createOptions": "{\"a\":", "createOptions02": "1}"}, "gap"),
    ({"createOptions": "{\"a\":", "createOptions01": {"b": 1}}, "not a string"),
    ({"createOptions": "[1,2,3]"}, "not a JSON object"),
    ({"createOptions": "{nope"}, "not valid JSON"),
])
def test_unreadable_create_options_are_kept_and_explained_not_fatal(settings, problem):
    settings = {"image": "x", **settings}
    data = manifest({"app": {"type": "docker", "status": "running", "restartPolicy": "always", "settings": settings}})
    result = convert(data)
    ref = result.document.module("app")
    assert ref.co_form == "invalid" and problem in ref.co_problem
    out = json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    assert out == settings


def test_template_objects_stay_objects_and_strings_stay_strings():
    data = manifest({"obj": module({"HostConfig": {"Privileged": True}}, as_string=False),
                     "str": module({"HostConfig": {"Privileged": True}})})
    result = convert(data)
    modules = json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]
    assert modules["obj"]["settings"]["createOptions"] == {"HostConfig": {"Privileged": True}}
    assert modules["str"]["settings"]["createOptions"] == '{"HostConfig": {"Privileged": true}}'
    expanded = json.loads(convert(data, form="expanded").text)["modulesContent"]["$edgeAgent"]["properties.desired"]
    assert expanded["modules"]["str"]["settings"]["createOptions"] == {"HostConfig": {"Privileged": True}}
    deployable = json.loads(convert(data, form="deployable").text)["modulesContent"]["$edgeAgent"]["properties.desired"]
    assert deployable["modules"]["obj"]["settings"]["createOptions"] == '{"HostConfig":{"Privileged":true}}'
    assert out_create_options(result, "str") == {"HostConfig": {"Privileged": True}}


def test_long_create_options_are_split_into_512_character_pieces():
    env = [f"VARIABLE_NUMBER_{i}=value-{i:04d}" for i in range(60)]
    data = manifest({"app": module({"Env": env})})
    result = convert(data, form="deployable")
    desired = json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]
    settings = desired["modules"]["app"]["settings"]
    keys = [k for k in settings if k.startswith("createOptions")]
    assert keys == ["createOptions"] + [f"createOptions{i:02d}" for i in range(1, len(keys))]
    assert len(keys) > 1 and all(len(settings[k]) <= 512 for k in keys)
    assert json.loads("".join(settings[k] for k in keys)) == {"Env": env}


def test_core_does_not_import_qt_or_the_gui():
    code = ("import sys, asegui.core, asegui.core.report, asegui.cli; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'asegui.gui'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_layered_key_with_a_trailing_newline_is_not_taken_for_another_module():
    # Found by tests/fuzz.py: "$" also matches before a final newline, so "…modules.0\n" was read as module "0".
    module_body = {"type": "docker", "settings": {"image": "x", "createOptions": {}}}
    data = json.dumps({"modulesContent": {"$edgeAgent": {"properties.desired.modules.0": module_body,
                                                         "properties.desired.modules.0\n": module_body}}})
    doc = load(data.encode())
    assert [m.name for m in doc.modules] == ["0", "0\n"]
    result = convert(data.encode())
    assert convert(result.text.encode()).text == result.text


def test_writing_the_output_leaves_the_document_and_the_result_as_they_were():
    """Shaping createOptions into pieces copies only what it changes; the expanded trees stay objects."""
    env = [f"VARIABLE_NUMBER_{i}=value-{i:04d}" for i in range(60)]
    data = manifest({"app": module({"Env": env}), "obj": module({"HostConfig": {"Privileged": True}}, as_string=False),
                     "My_Mod": module({"HostConfig": {"Binds": ["/data:/data"]}})})
    result = convert(data, form="deployable")
    root_before, input_before = json.dumps(result.root), json.dumps(result.document.root)
    first = result.text
    for form in ("deployable", "expanded", "auto"):
        result.render("output", form)
        result.render("input", form)
    assert json.dumps(result.root) == root_before and json.dumps(result.document.root) == input_before
    assert convert(data, form="deployable").text == first
    desired = json.loads(first)["modulesContent"]["$edgeAgent"]["properties.desired"]
    assert all(isinstance(m["settings"]["createOptions"], str) for m in desired["modules"].values())
    assert isinstance(result.root["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]
                      ["settings"]["createOptions"], dict)


def _nesting(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_nesting, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_nesting, value), default=0)
    return 0


_TRICKY_TEXT = st.text(alphabet=st.sampled_from(list('[]{}"\\/:, ab\n\u00e9\u2028')), max_size=12)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | _TRICKY_TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TRICKY_TEXT, inner, max_size=4),
                    max_leaves=30),
       st.integers(min_value=0, max_value=6))
def test_depth_check_agrees_with_the_nesting_of_the_value(value, limit):
    """The load's fast depth check (containers only, no recursion) says what a plain recursive count says."""
    assert nested_deeper_than(value, limit) == (_nesting(value) > limit)


def test_depth_limit_counts_containers_not_brackets_in_strings():
    deep = "[" * 65 + "]" * 65
    assert "nested more than 64" in str(pytest.raises(ManifestError, load, deep.encode()).value)
    shallow = json.dumps({"modulesContent": {"$edgeAgent": {"x": "[" * 200, "y": [[[[]]]]}}})
    assert load(shallow.encode()).root["modulesContent"]["$edgeAgent"]["x"] == "[" * 200


def test_unchanged_create_options_pieces_go_back_where_the_input_had_them():
    """Pieces need not be next to each other; written back unchanged, each keeps its place among the settings (a
    review found them gathered at createOptions' place, the only change in the module, with no finding)."""
    options = json.dumps({"Env": ["A=1"], "Labels": {"team": "vision"}})
    settings = {"createOptions": options[:20], "image": "contoso.azurecr.io/app:1.0", "createOptions01": options[20:],
                "note": "kept"}
    data = manifest({"app": {"type": "docker", "status": "running", "restartPolicy": "always", "settings": settings}})
    result = convert(data)
    out = json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    assert list(out.items()) == list(settings.items())
    assert not [f.code for f in result.findings if f.module == "app" and f.edits]  # nothing else changes it

    settings["createOptions"] = settings["createOptions"].replace("A=1", "A:B=1")  # NAM003 rewrites it
    changed = convert(manifest({"app": {"type": "docker", "status": "running", "restartPolicy": "always",
                                        "settings": settings}}))
    out = json.loads(changed.text)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    assert list(out) == ["createOptions", "image", "note"]
    assert "NAM003" in [f.code for f in changed.findings if f.module == "app" and f.edits]


def test_repeated_keys_are_found_with_their_place_escaped_as_a_pointer():
    from asegui.core.jsonc import Duplicate

    text = manifest({"app": module()}).decode().replace('"modulesContent": {', '"modulesContent": {"a/b~c": '
                                                        '{"x": 1, "y": [{"z": 1, "z": 2, "z": 3}], "x": 2},', 1)
    doc = load(text.encode())
    assert doc.duplicates == [Duplicate("/modulesContent/a~1b~0c", "x", 2), Duplicate("/modulesContent/a~1b~0c/y/0",
                                                                                      "z", 3)]
