"""Manifest rules: each with a before manifest and the after it must produce (or the finding it raises)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asegui.core.placeholders import may_hold_placeholders, placeholder_tokens
from asegui.core.rules.manifest import twin_size
from tests.helpers import findings, manifest, module, out_create_options, out_module, output, run


def _edit(data: bytes, change) -> bytes:
    root = json.loads(data)
    change(root)
    return json.dumps(root, indent=2).encode()


def _settings(data: bytes, name: str, settings: dict[str, Any]) -> bytes:
    def change(root):
        root["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"][name]["settings"] = settings
    return _edit(data, change)


# --- MAN001 ----------------------------------------------------------------------------------------------------

def test_man001_create_options_over_4096_compact_characters():
    # {"Env":["<n x>"]} is n + 12 characters of compact JSON.
    fits = run(manifest({"app": module({"Env": ["x" * 4084]})}))
    assert findings(fits, "MAN001") == []
    long = run(manifest({"app": module({"Env": ["x" * 4085]})}))
    [finding] = findings(long, "MAN001")
    # The device's runtime reads up to 100 pieces: over 8 only the IoT Edge tools fail, so a warning (audit §6.15).
    assert (finding.severity, finding.applicability, finding.status) == ("warning", "manual", "open")
    assert "4097 characters" in finding.message and "9 pieces" in finding.message
    assert long.exit_code == 0


# --- MAN002 ----------------------------------------------------------------------------------------------------

def _near_the_limit(room: int) -> dict[str, Any]:
    """createOptions whose compact JSON is ``room`` characters short of 4096, with a port binding (PLT001 adds a
    Recreate strategy to it)."""
    options: dict[str, Any] = {"Env": [""], "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    options["Env"] = ["x" * (4096 - room - len(json.dumps(options, separators=(",", ":"))))]
    assert len(json.dumps(options, separators=(",", ":"))) == 4096 - room
    return options


def test_man001_output_pushed_over_the_limit_by_fixes_is_a_warning_about_the_output():
    data = manifest({"app": module(_near_the_limit(room=10))})
    result = run(data)
    assert findings(result, "MAN001") == []  # the input fits
    [warning] = result.output_warnings
    assert "module \"app\"" in warning and "4096" in warning
    length = len(json.dumps(out_create_options(result, "app"), separators=(",", ":"), ensure_ascii=False))
    assert length > 4096 and f"is {length} characters" in warning
    strategy = [f.id for f in findings(result, "PLT001")]
    assert run(data, {fid: {"accepted": False} for fid in strategy}).output_warnings == []


def test_man001_no_output_warning_while_the_fixed_output_fits_or_the_input_was_already_reported():
    assert run(manifest({"app": module(_near_the_limit(room=400))})).output_warnings == []
    already = run(manifest({"app": module({"Env": ["x" * 4085]})}))
    assert findings(already, "MAN001") and already.output_warnings == []


def test_twin_size_counts_as_iot_hub_does():
    # keys + strings in UTF-8 bytes, numbers 8, booleans 4: 1+2 + 1+8 + 1+4 + 1+(1+0) + 1+2("é" is 2 bytes)
    assert twin_size({"a": "xy", "n": 1, "b": True, "o": {"k": None}, "u": "é"}) == 22
    # createOptions objects count as their compact pieces: "createOptions" (13) + '{"A":1}' (7)
    assert twin_size({"createOptions": {"A": 1}}) == 20


def test_man002_edgeagent_desired_over_32_kb():
    small = run(manifest({f"m{i}": module(env={"V": "x" * 500}) for i in range(20)}))
    assert findings(small, "MAN002") == []
    large = run(manifest({f"m{i}": module(env={"V": "x" * 1000}) for i in range(35)}))
    [finding] = findings(large, "MAN002")
    assert finding.severity == "error" and finding.pointer == "/modulesContent/$edgeAgent/properties.desired"
    assert "32768" in finding.message


# --- MAN003 ----------------------------------------------------------------------------------------------------

def test_man003_unsupported_schema_version_becomes_1_1():
    result = run(manifest({"app": module()}, schema_version="1.2"))
    found = findings(result, "MAN003")
    assert [(f.pointer, f.severity, f.status) for f in found] == [
        ("/modulesContent/$edgeAgent/properties.desired/schemaVersion", "error", "review"),
        ("/modulesContent/$edgeHub/properties.desired/schemaVersion", "error", "review")]
    content = output(result)["modulesContent"]
    assert content["$edgeAgent"]["properties.desired"]["schemaVersion"] == "1.1"
    assert content["$edgeHub"]["properties.desired"]["schemaVersion"] == "1.1"


def test_man003_user_picks_1_0_and_other_values_are_refused():
    data = manifest({"app": module()}, schema_version="2.0")
    agent = findings(run(data), "MAN003")[0].id
    result = run(data, {agent: {"params": {"version": "1.0"}}})
    assert output(result)["modulesContent"]["$edgeAgent"]["properties.desired"]["schemaVersion"] == "1.0"
    refused = findings(run(data, {agent: {"params": {"version": "1.2"}}}), "MAN003")[0]
    assert refused.status == "needs input" and "1.0, 1.1" in refused.problems["version"]


def test_man003_number_and_missing_schema_versions():
    def change(root):
        root["modulesContent"]["$edgeAgent"]["properties.desired"]["schemaVersion"] = 1.1
        del root["modulesContent"]["$edgeHub"]["properties.desired"]["schemaVersion"]
    result = run(_edit(manifest({"app": module()}), change))
    assert len(findings(result, "MAN003")) == 2
    content = output(result)["modulesContent"]
    assert content["$edgeAgent"]["properties.desired"]["schemaVersion"] == "1.1"
    assert content["$edgeHub"]["properties.desired"]["schemaVersion"] == "1.1"


def test_man003_quiet_for_supported_versions_and_placeholders():
    for version in ("1.0", "1.1", "${EDGEAGENT_SCHEMA_VERSION}"):
        assert findings(run(manifest({"app": module()}, schema_version=version)), "MAN003") == []


# --- MAN004 ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("settings,problem", [
    ({"createOptions": '{"Env":', "createOptions02": '["A=1"]}'}, "createOptions01 is missing"),
    ({"createOptions": '{"Env":', "createOptions01": {"x": 1}}, "createOptions01 is an object"),
    ({"createOptions": '{"Env": ["A=1"'}, "not valid JSON"),
    ({"createOptions": "[1, 2]"}, "an array, not a JSON object"),
])
def test_man004_unreadable_create_options_are_manual_errors_and_left_as_they_are(settings, problem):
    data = _settings(manifest({"app": module()}), "app", {"image": "img", **settings})
    result = run(data)
    [finding] = findings(result, "MAN004")
    assert (finding.severity, finding.applicability) == ("error", "manual")
    assert '"app"' in finding.message and problem in finding.message
    assert out_module(result, "app")["settings"] == {"image": "img", **settings}


def test_man004_lenient_create_options_reported_as_rewritten():
    data = _settings(manifest({"app": module()}), "app", {"image": "img", "createOptions": '{"Tty": true,}'})
    [finding] = findings(run(data), "MAN004")
    assert (finding.severity, finding.applicability, finding.status) == ("warning", "auto", "applied")


def test_man004_lenient_create_options_written_back_as_strict_json():
    data = _settings(manifest({"app": module()}), "app", {"image": "img", "createOptions": '{"Tty": true,}'})
    assert out_module(run(data), "app")["settings"] == {"image": "img", "createOptions": '{"Tty":true}'}


def test_man004_pieces_renumbered_to_the_standard_names():
    data = _settings(manifest({"app": module()}), "app",
                     {"image": "img", "createOptions1": '{"Env":', "createOptions2": '["A=1"]}'})
    result = run(data)
    [finding] = findings(result, "MAN004")
    assert (finding.severity, finding.applicability) == ("info", "auto")
    assert out_module(result, "app")["settings"] == {"image": "img", "createOptions": '{"Env":["A=1"]}'}


def test_man004_pieces_over_512_characters_are_split_again():
    long_text = json.dumps({"Env": ["V=" + "x" * 600]}, separators=(",", ":"))
    data = _settings(manifest({"app": module()}), "app", {"image": "img", "createOptions": long_text})
    result = run(data)
    [finding] = findings(result, "MAN004")
    assert (finding.severity, finding.applicability) == ("info", "auto") and "longer than 512" in finding.message
    assert out_module(result, "app")["settings"] == {"image": "img", "createOptions": long_text[:512],
                                                    "createOptions01": long_text[512:]}


# --- MAN005 ----------------------------------------------------------------------------------------------------

def test_man005_one_finding_listing_distinct_placeholders():
    data = manifest({"app": module({"Env": ["KEY=${API_KEY}", "LOG=$LOG_LEVEL", "AGAIN=${API_KEY}",
                                            "Logging__LogLevel=Debug"]},
                                   image="${MODULES.app}")},
                    routes={"r": "FROM /messages/* WHERE $connectionModuleId = 'x' INTO $upstream"})
    [finding] = findings(run(data), "MAN005")
    assert finding.severity == "info" and finding.status == "info"
    assert finding.message == "3 template placeholder(s) are left for the build step: " \
                              "${MODULES.app}, ${API_KEY}, $LOG_LEVEL"
    assert finding.pointer == "/modulesContent/$edgeAgent/properties.desired/modules/app/settings/image"


def test_man005_quiet_without_placeholders():
    assert findings(run(manifest({"app": module({"Env": ["A__B=1"]})})), "MAN005") == []


# --- MAN006 ----------------------------------------------------------------------------------------------------

def _old_root(data: bytes) -> bytes:
    root = json.loads(data)
    return json.dumps({"moduleContent": root["modulesContent"]}, indent=2).encode()


def test_man006_module_content_root_becomes_modules_content():
    result = run(_old_root(manifest({"app": module({"Env": ["A=1"]})})))
    [finding] = findings(result, "MAN006")
    assert (finding.severity, finding.status) == ("warning", "applied")
    out = output(result)
    assert list(out) == ["modulesContent"]
    assert out["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"] == \
        {"image": "contoso.azurecr.io/app:1.0", "createOptions": '{"Env": ["A=1"]}'}


def test_man006_with_a_renamed_module_keeps_create_options_deployable():
    result = run(_old_root(manifest({"my.mod": module({"Env": ["A=1"]})})))
    settings = output(result)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["my-mod"]["settings"]
    assert settings == {"image": "contoso.azurecr.io/app:1.0", "createOptions": '{"Env": ["A=1"]}'}


def test_manual_and_info_rules_quiet_on_a_manifest_already_right_for_the_gpu_device():
    data = manifest({"app": module({"Env": ["A=1"], "k8s-experimental": {"strategy": {"type": "Recreate"}}})})
    result = run(data)
    assert not [f for f in result.findings if f.area in ("manifest", "naming")]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('$<>#_{}."\\\n aZ9éx')), max_size=30))
def test_man005_quick_scan_never_misses_a_placeholder(text):
    """The one-pass scan that lets MAN005 skip the walk must see every token the strict reading finds,
    including texts JSON has to escape (quotes, backslashes, control characters)."""
    if placeholder_tokens(text):
        assert may_hold_placeholders(json.dumps({"k": [text]}, ensure_ascii=False))
        assert may_hold_placeholders(json.dumps({text: 1}, ensure_ascii=False))


@pytest.mark.parametrize("env", [
    '"A=\\u0024{API_KEY}"',                                     # an escape spells the '$'
    '"A=${API_KEY}"',
], ids=["escaped", "plain"])
def test_man005_finds_placeholders_the_file_text_spells_with_escapes(env):
    text = manifest({"app": module({"Env": ["X=1"]})}).decode().replace('\\"X=1\\"', env.replace('"', '\\"'))
    [finding] = findings(run(text.encode()), "MAN005")
    assert "${API_KEY}" in finding.message


def test_man005_finds_a_placeholder_cut_between_create_options_pieces():
    data = json.loads(manifest({"app": module({"Env": ["KEY=${API_KEY}"]})}))
    settings = data["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    whole = settings.pop("createOptions")
    cut = whole.index("${") + 1  # "…KEY=$" and "{API_KEY}…": neither piece spells a token
    settings["createOptions"], settings["createOptions01"] = whole[:cut], whole[cut:]
    [finding] = findings(run(json.dumps(data).encode()), "MAN005")
    assert "${API_KEY}" in finding.message


# --- MAN007 ----------------------------------------------------------------------------------------------------

def test_man007_comments_of_the_manifest_are_listed_by_line_and_are_not_in_the_output():
    text = manifest({"app": module({"Env": ["A=1"]})}).decode()
    text = text.replace('"modulesContent": {', '"modulesContent": { // the loading dock\n/* a\nblock */', 1)
    text = text.replace('"image": "contoso.azurecr.io/app:1.0"', '"image": "contoso.azurecr.io/app:1.0", // see "x"', 1)
    result = run(text.encode())
    [finding] = findings(result, "MAN007")
    lines = [number for number, line in enumerate(text.splitlines(), 1)
             if any(comment in line for comment in ("// the loading dock", "/* a", '// see "x"'))]
    assert len(lines) == 3
    assert (finding.severity, finding.status, finding.pointer) == ("info", "info", "")
    assert finding.message == ("The file has 3 comment(s), at lines {}, {}, {}; the GPU manifest is strict JSON and "
                               "does not keep them").format(*lines)
    assert "loading dock" not in result.text and "block" not in result.text
    assert output(result)  # strict JSON


def test_man007_trailing_commas_alone_are_said_and_plain_json_is_quiet():
    plain = manifest({"app": module()})
    assert findings(run(plain), "MAN007") == []
    commas = plain.decode().replace('"timeToLiveSecs": 7200', '"timeToLiveSecs": 7200,', 1).encode()  # the last
    [finding] = findings(run(commas), "MAN007")
    assert finding.message == "The manifest has trailing commas; the GPU manifest is strict JSON without them"


def test_man007_a_url_in_a_string_is_not_a_comment():
    data = manifest({"app": module({"Env": ["URL=http://x/y"]})}, routes={"r": "FROM /messages/* INTO $upstream"})
    assert findings(run(data), "MAN007") == []


# --- MAN008 ----------------------------------------------------------------------------------------------------

def _desired_modules(result):
    return output(result)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]


def test_man008_a_module_written_twice_is_said_and_only_the_last_is_written():
    text = manifest({"cam": module(image="cam:1"), "zz": module(image="cam:2")}).decode()
    result = run(text.replace('"zz"', '"cam"').encode())
    [finding] = findings(result, "MAN008")
    assert (finding.module, finding.severity, finding.status) == ("cam", "warning", "open")
    assert finding.pointer == "/modulesContent/$edgeAgent/properties.desired/modules/cam"
    assert finding.message == ('Key "cam" is written 2 times in one object; only the last is read, and only the last '
                               "is in the GPU manifest")
    assert {name: m["settings"]["image"] for name, m in _desired_modules(result).items()} == {"cam": "cam:2"}


def test_man008_inside_create_options_the_string_is_kept_until_a_fix_rewrites_it():
    options = '{"Labels": {"a": "1"}, "HostConfig": {"Privileged": false, "Privileged": true}, "Labels": {"b": "2"}}'
    data = json.loads(manifest({"app": module({})}))
    settings = data["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    settings["createOptions"] = options
    result = run(json.dumps(data).encode())
    assert [(f.module, f.pointer.rsplit("createOptions", 1)[1], f.message[:33]) for f in findings(result, "MAN008")] \
        == [("app", "/Labels", 'Key "Labels" is written 2 times i'), ("app", "/HostConfig/Privileged",
                                                                       'Key "Privileged" is written 2 tim')]
    assert _desired_modules(result)["app"]["settings"]["createOptions"] == options

    settings["createOptions"] = options.replace('{"Labels"', '{"Env": ["A:B=1"], "Labels"', 1)  # NAM003 rewrites it
    rewritten = json.loads(_desired_modules(run(json.dumps(data).encode()))["app"]["settings"]["createOptions"])
    assert rewritten["Labels"] == {"b": "2"} and rewritten["HostConfig"] == {"Privileged": True}


def test_man008_quiet_when_every_key_is_written_once():
    assert findings(run(manifest({"app": module({"Labels": {"a": "1"}})})), "MAN008") == []


def test_man007_one_comment_says_line():
    text = manifest({"app": module()}).decode().replace('"modulesContent": {', '"modulesContent": { // one', 1)
    [finding] = findings(run(text.encode()), "MAN007")
    assert finding.message.startswith("The file has 1 comment(s), at line 2;")
