"""Naming rules: each with a before manifest and the after it must produce (or the finding it raises)."""

from __future__ import annotations

import json

from tests.helpers import findings, manifest, module, out_create_options, out_module, output, run

IN = 'BrokeredEndpoint("/modules/{}/inputs/in")'


def _desired(result, section: str = "$edgeAgent"):
    return output(result)["modulesContent"][section]["properties.desired"]


# --- NAM001 ----------------------------------------------------------------------------------------------------

def test_nam001_renames_module_key_twin_section_and_every_route():
    data = manifest(
        {"first": module(), "my.mod": module(), "Other.Mod": module(), "last": module()},
        routes={"both": "FROM /messages/modules/my.mod/outputs/out INTO " + IN.format("Other.Mod"),
                "object": {"route": "FROM /messages/modules/my.mod/* INTO $upstream", "priority": 1},
                "untouched": "FROM /messages/modules/first/* INTO " + IN.format("last")},
        twins={"my.mod": {"properties.desired": {"rate": 5}}, "last": {"properties.desired": {}}})
    result = run(data)
    assert [(f.module, f.severity, f.values["name"]) for f in findings(result, "NAM001")] == \
        [("my.mod", "error", "my-mod"), ("Other.Mod", "error", "other-mod")]
    assert [f.message for f in findings(result, "NAM001")] == [
        'Module "my.mod" would run on the device as Kubernetes objects named "my.mod", which the API server refuses '
        '(\'.\', which a container\'s name cannot have); rename it to "my-mod" (module key, twin section, 2 route(s))',
        'Module "Other.Mod" would run on the device as Kubernetes objects named "other.mod", which the API server '
        'refuses (\'.\', which a container\'s name cannot have); rename it to "other-mod" (module key, 1 route(s))']
    assert list(_desired(result)["modules"]) == ["first", "my-mod", "other-mod", "last"]
    assert _desired(result, "$edgeHub")["routes"] == {
        "both": 'FROM /messages/modules/my-mod/outputs/out INTO BrokeredEndpoint("/modules/other-mod/inputs/in")',
        "object": {"route": "FROM /messages/modules/my-mod/* INTO $upstream", "priority": 1},
        "untouched": 'FROM /messages/modules/first/* INTO BrokeredEndpoint("/modules/last/inputs/in")'}
    content = output(result)["modulesContent"]
    assert list(content) == ["$edgeAgent", "$edgeHub", "my-mod", "last"]
    assert content["my-mod"] == {"properties.desired": {"rate": 5}}
    assert not result.conflicts


def test_nam001_renamed_module_keeps_deployable_create_options():
    data = manifest({"my.mod": module({"Env": ["A=1"]})})
    result = run(data)
    settings = out_module(result, "my-mod")["settings"]
    assert settings == {"image": "contoso.azurecr.io/app:1.0", "createOptions": '{"Env": ["A=1"]}'}


def test_nam001_case_only_is_not_renamed():
    # The runtime lowercases the id for the objects and maps them back through an annotation; a rename would give
    # the module a new IoT Hub identity (runtime audit §6.10), so only an info finding says what the objects are.
    result = run(manifest({"GPUModule": module()}, routes={"r": "FROM /messages/modules/GPUModule/* INTO $upstream"}))
    [finding] = findings(result, "NAM001")
    assert (finding.severity, finding.params, finding.status) == ("info", (), "info")
    assert '"gpumodule"' in finding.message and "new IoT Hub identity" in finding.message
    assert list(_desired(result)["modules"]) == ["GPUModule"]
    assert _desired(result, "$edgeHub")["routes"] == {"r": "FROM /messages/modules/GPUModule/* INTO $upstream"}


def test_nam001_default_names_are_valid_labels_for_any_input():
    # Each is refused on the device (§6.10): a '.', a digit first with a Service, over 63 characters, nothing left.
    names = ["<script>.x</script>", "__AML.MODULE_NAME", "2camera", "a" * 70 + "B", "Café.Module", "___"]
    result = run(manifest({n: module({"ExposedPorts": {"80/tcp": {}}} if n == "2camera" else None) for n in names}))
    proposed = {f.module: f.values["name"] for f in findings(result, "NAM001")}
    assert proposed == {"<script>.x</script>": "script-x-script", "__AML.MODULE_NAME": "aml-module-name",
                        "2camera": "camera", "a" * 70 + "B": "a" * 63, "Café.Module": "caf-module",
                        "___": "module"}
    assert all(f.severity == "error" for f in findings(result, "NAM001"))
    assert sorted(_desired(result)["modules"]) == sorted(proposed.values())


def test_nam001_defaults_are_distinct_from_each_other_and_from_other_modules():
    result = run(manifest({"my-mod": module(), "my.mod": module(), "MY.MOD": module(), "Proxy": module()}))
    assert {f.module: f.values["name"] for f in findings(result, "NAM001")} == \
        {"my.mod": "my-mod-2", "MY.MOD": "my-mod-3"}
    # "Proxy" differs from the reserved "proxy" only in case: NAM002's collision, not a NAM001 rename (§6.10).
    assert {f.module: f.values["name"] for f in findings(result, "NAM002")} == {"Proxy": "proxy-2"}
    assert list(_desired(result)["modules"]) == ["my-mod", "my-mod-2", "my-mod-3", "proxy-2"]


def test_nam001_never_renames_system_modules_or_placeholder_names():
    result = run(manifest({"${MODULE_NAME}": module(), "good-name": module()}))
    assert findings(result, "NAM001") == []


def test_nam001_user_given_name_reaches_every_place():
    data = manifest({"my.mod": module()}, routes={"r": "FROM /messages/modules/my.mod/* INTO $upstream"},
                    twins={"my.mod": {"properties.desired": {}}})
    fid = findings(run(data), "NAM001")[0].id
    result = run(data, {fid: {"accepted": True, "params": {"name": "camera"}}})
    assert findings(result, "NAM001")[0].status == "applied"
    assert list(_desired(result)["modules"]) == ["camera"]
    assert _desired(result, "$edgeHub")["routes"] == {"r": "FROM /messages/modules/camera/* INTO $upstream"}
    assert "camera" in output(result)["modulesContent"]


def test_nam001_invalid_reserved_or_taken_names_are_refused_with_the_reason():
    data = manifest({"my.mod": module(), "other": module()})
    fid = findings(run(data), "NAM001")[0].id
    for name, reason in (("Bad_Name", "DNS label"), ("edgehub", "reserved"), ("proxy", "reserved"),
                         ("other", "already has")):
        result = run(data, {fid: {"params": {"name": name}}})
        finding = findings(result, "NAM001")[0]
        assert finding.status == "needs input" and reason in finding.problems["name"], name
        assert list(_desired(result)["modules"]) == ["my.mod", "other"]
        assert result.exit_code == 1


def test_nam001_rejected_keeps_the_name_everywhere():
    data = manifest({"cam.one": module()}, routes={"r": "FROM /messages/modules/cam.one/* INTO $upstream"})
    fid = findings(run(data), "NAM001")[0].id
    result = run(data, {fid: {"accepted": False}})
    assert list(_desired(result)["modules"]) == ["cam.one"]
    assert _desired(result, "$edgeHub")["routes"] == {"r": "FROM /messages/modules/cam.one/* INTO $upstream"}
    assert "NAM007" in [f.code for f in result.findings]  # the device refuses it
    assert result.exit_code == 1


def test_nam001_layered_deployment_renames_the_dotted_key_routes_and_twin():
    layered = {"content": {"modulesContent": {
        "$edgeAgent": {"properties.desired.modules.my.mod": {
            "type": "docker", "status": "running", "restartPolicy": "always",
            "settings": {"image": "contoso.azurecr.io/app:1.0"}}},
        "$edgeHub": {"properties.desired.routes.up": "FROM /messages/modules/my.mod/* INTO $upstream"},
        "my.mod": {"properties.desired.settings": {"rate": 1}}}}}
    result = run(json.dumps(layered, indent=2).encode())
    content = output(result)["content"]["modulesContent"]
    assert list(content["$edgeAgent"]) == ["properties.desired.modules.my-mod"]
    assert content["$edgeHub"] == {"properties.desired.routes.up": "FROM /messages/modules/my-mod/* INTO $upstream"}
    assert list(content) == ["$edgeAgent", "$edgeHub", "my-mod"]
    assert content["my-mod"] == {"properties.desired.settings": {"rate": 1}}


# --- NAM002 ----------------------------------------------------------------------------------------------------

def test_nam002_not_raised_when_nam001_already_separates_the_pair():
    # Both become "1mod"; only "1_mod" has a Service, whose name cannot start with a digit (§6.10).
    served = module({"ExposedPorts": {"80/tcp": {}}})
    for modules in ({"1_mod": served, "1mod": module()}, {"1mod": module(), "1_mod": served}):
        result = run(manifest(modules))
        assert findings(result, "NAM002") == []
        [rename] = [f for f in findings(result, "NAM001") if f.severity != "info"]
        assert (rename.module, rename.values["name"], rename.severity) == ("1_mod", "mod", "error")
        assert '"1mod", which 1mod already has' in rename.message  # rejecting the rename breaks the deployment
        assert sorted(_desired(result)["modules"]) == ["1mod", "mod"]
        assert not result.conflicts


def test_case_only_clash_is_a_nam002_error_with_a_distinct_default():
    # A case-only name is not NAM001's (§6.10); its clash with another module is NAM002's collision.
    result = run(manifest({"mymod": module(), "MyMod": module()}))
    [rename] = findings(result, "NAM002")
    assert (rename.module, rename.severity, rename.values["name"]) == ("MyMod", "error", "mymod-2")
    assert findings(result, "NAM001") == []
    assert list(_desired(result)["modules"]) == ["mymod", "mymod-2"]


def test_nam002_user_module_named_like_a_system_module_or_reserved():
    data = manifest({"edgehub": module(), "proxy": module(), "iotedged": module()},
                    routes={"r": "FROM /messages/modules/proxy/* INTO " + IN.format("edgehub")})
    result = run(data)
    assert [(f.module, f.severity, f.values["name"]) for f in findings(result, "NAM002")] == \
        [("edgehub", "error", "edgehub-2"), ("proxy", "error", "proxy-2"), ("iotedged", "warning", "iotedged-2")]
    assert findings(result, "NAM001") == []
    assert list(_desired(result)["modules"]) == ["edgehub-2", "proxy-2", "iotedged-2"]
    assert _desired(result, "$edgeHub")["routes"] == {
        "r": 'FROM /messages/modules/proxy-2/* INTO BrokeredEndpoint("/modules/edgehub-2/inputs/in")'}
    assert list(out_module(result, "edgeHub", system=True)) == ["type", "status", "restartPolicy", "settings"]


def test_nam002_user_name_decision():
    data = manifest({"proxy": module()})
    fid = findings(run(data), "NAM002")[0].id
    assert list(_desired(run(data, {fid: {"params": {"name": "web-proxy"}}}))["modules"]) == ["web-proxy"]
    refused = findings(run(data, {fid: {"params": {"name": "iotedged"}}}), "NAM002")[0]
    assert refused.status == "needs input" and "reserved" in refused.problems["name"]


# --- NAM003 / NAM004 / NAM005 ----------------------------------------------------------------------------------

def test_nam003_colons_become_double_underscores_in_env_and_Env():
    data = manifest({"app": module({"Env": ["Logging:LogLevel=Debug", "PLAIN=a:b", "Api:Key:Id=x=y"]},
                                   env={"first": "1", "inbound:serverAuth:tlsPolicy": "strict:1", "last": "2"})})
    result = run(data)
    assert len(findings(result, "NAM003")) == 3
    assert out_create_options(result, "app")["Env"] == ["Logging__LogLevel=Debug", "PLAIN=a:b", "Api__Key__Id=x=y"]
    assert out_module(result, "app")["env"] == {"first": {"value": "1"},
                                                "inbound__serverAuth__tlsPolicy": {"value": "strict:1"},
                                                "last": {"value": "2"}}
    assert findings(result, "NAM004") == []


def test_nam003_rejected_keeps_the_colon():
    data = manifest({"app": module({"Env": ["Logging:LogLevel=Debug"]})})
    fid = findings(run(data), "NAM003")[0].id
    assert out_create_options(run(data, {fid: {"accepted": False}}), "app")["Env"] == ["Logging:LogLevel=Debug"]


def test_nam003_target_name_already_set_is_manual():
    data = manifest({"app": module({"Env": ["A:B=1", "A__B=2"]})})
    result = run(data)
    [finding] = findings(result, "NAM003")
    assert finding.applicability == "manual" and finding.status == "open"
    assert out_create_options(result, "app")["Env"] == ["A:B=1", "A__B=2"]


def test_nam004_names_kubernetes_rejects_and_entries_the_runtime_drops():
    data = manifest({"app": module({"Env": ["2FA_MODE=on", "HOME", "=x", "OK.name-1=v", "${EXTRA_ENV}"]},
                                   env={"MY VAR": "1", "Logging__LogLevel": "Debug"})})
    result = run(data)
    found = [(f.pointer.rsplit("/", 1)[-1], f.severity, f.applicability) for f in findings(result, "NAM004")]
    assert found == [("MY VAR", "error", "manual"), ("0", "error", "manual"), ("1", "warning", "manual"),
                     ("2", "warning", "manual")]
    assert out_create_options(result, "app")["Env"] == ["2FA_MODE=on", "HOME", "=x", "OK.name-1=v", "${EXTRA_ENV}"]


def test_nam005_same_name_in_env_and_Env():
    data = manifest({"app": module({"Env": ["MODE=b", "LEVEL=1", "A__B=x"]},
                                   env={"MODE": "a", "LEVEL": "1", "A:B": "x"})})
    found = findings(run(data), "NAM005")
    assert [(f.pointer.rsplit("/", 1)[-1], f.severity) for f in found] == [("0", "warning"), ("1", "warning"),
                                                                         ("2", "warning")]
    assert "different values" in found[0].message and "same value" in found[1].message


def test_env_rules_quiet_on_a_clean_module():
    result = run(manifest({"app": module({"Env": ["A=1"]}, env={"B": "2"})}))
    assert not [f for f in result.findings if f.code in ("NAM003", "NAM004", "NAM005", "NAM006")]


# --- NAM006 ----------------------------------------------------------------------------------------------------

def test_nam006_values_naming_a_renamed_module_or_its_container_port():
    scorer = module({"HostConfig": {"PortBindings": {"5001/tcp": [{"HostPort": "5010"}]}}})
    data = manifest({
        "My.Model": scorer,
        "client": module({"Env": ["URL=http://My.Model:5001/score", "OTHER=http://mymodelx:5001"],
                          "Cmd": ["--model", "My.Model"]},
                         env={"ID": "My.Model"}),
        "plain": module({"Cmd": ["--peer", "scorer:5010"]})})
    found = {f.pointer.split("/modules/")[1]: f for f in findings(run(data), "NAM006")}
    assert sorted(found) == ["client/env/ID/value", "client/settings/createOptions/Cmd/1",
                             "client/settings/createOptions/Env/0"]
    message = found["client/settings/createOptions/Env/0"].message
    assert '"My.Model", renamed to "my-model"' in message and "My.Model:5010" in message
    assert all(f.applicability == "manual" and f.severity == "warning" for f in found.values())


def test_nam006_container_port_of_a_remapped_module_without_rename():
    data = manifest({"scorer": module({"HostConfig": {"PortBindings": {"5001/tcp": [{"HostPort": "5010"}]}}}),
                     "client": module({"Cmd": ["--peer", "Scorer:5001", "scorer:5010", "myscorer:5001"]})})
    [finding] = findings(run(data), "NAM006")
    assert finding.pointer.endswith("/client/settings/createOptions/Cmd/1")
    assert "scorer:5010 (its HostPort)" in finding.message


def test_a_rename_onto_a_taken_key_is_a_reported_conflict_not_a_silent_skip():
    data = manifest({"my.mod": module({"Env": ["A=1"]}), "other": module({"Env": ["B=1"]})})
    fid = findings(run(data), "NAM001", "my.mod")[0].id
    from asegui.core import analyze, apply, load
    from asegui.core.findings import Edit
    doc = load(data)
    found = analyze(doc)
    import msgspec

    index = next(i for i, f in enumerate(found) if f.id == fid)
    found[index] = msgspec.structs.replace(found[index], build=lambda values: [
        Edit("rename", doc.module("my.mod").pointer, "other")])
    result = apply(doc, found)
    assert result.conflicts and "already taken" in result.conflicts[0].message
    assert "my.mod" in output(result)["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]


def test_a_user_module_called_edge_agent_is_renamed_and_the_system_module_never():
    data = manifest({"edgeAgent": module({"Env": ["A=1"]})})
    result = run(data)
    found = findings(result, "NAM002")  # case only: the collision with the system module's name (§6.10)
    assert [(f.module, f.pointer.split("/")[-2]) for f in found] == [("edgeAgent", "modules")]
    desired = output(result)["modulesContent"]["$edgeAgent"]["properties.desired"]
    assert list(desired["systemModules"]) == ["edgeAgent", "edgeHub"]
    assert list(desired["modules"]) == [found[0].values["name"]] and found[0].values["name"] != "edgeagent"


def test_nam001_renames_routes_of_a_module_id_with_a_star():
    """IoT Hub allows ``*`` in module ids; the routes naming such a module must follow its rename as any other's
    (the route index reads ids up to the first ``*`` and once missed them, leaving routes to a module that no
    longer exists)."""
    data = manifest({"cam.*1": module(), "sink": module()},
                    routes={"up": "FROM /messages/modules/cam.*1/outputs/* INTO " + IN.format("sink"),
                            "to": "FROM /messages/modules/sink/* INTO " + IN.format("cam.*1"),
                            "other": "FROM /messages/modules/cam/* INTO $upstream"})
    result = run(data)
    [finding] = findings(result, "NAM001")
    new = finding.values["name"]
    assert finding.message.endswith("(module key, 2 route(s))")
    assert list(_desired(result)["modules"]) == [new, "sink"]
    assert _desired(result, "$edgeHub")["routes"] == {
        "up": f"FROM /messages/modules/{new}/outputs/* INTO " + IN.format("sink"),
        "to": "FROM /messages/modules/sink/* INTO " + IN.format(new),
        "other": "FROM /messages/modules/cam/* INTO $upstream"}


def test_nam001_a_module_id_that_starts_another_leaves_the_longer_ids_routes_alone():
    """``*`` belongs to the id it is in: renaming ``Cam`` must not rewrite ``Cam*1``'s routes, which follow ``Cam*1``'s
    own rename; the wildcard ``/messages/modules/*`` names no module and is never rewritten."""
    data = manifest({"Cam.": module(), "Cam.*1": module(), "sink": module()},
                    routes={"r1": "FROM /messages/modules/Cam.*1/outputs/* INTO " + IN.format("sink"),
                            "all": "FROM /messages/modules/* INTO $upstream"})
    result = run(data)
    cam, star = findings(result, "NAM001")
    assert (cam.module, star.module) == ("Cam.", "Cam.*1")
    assert cam.message.endswith("(module key)") and star.message.endswith("(module key, 1 route(s))")
    new = star.values["name"]
    assert list(_desired(result)["modules"]) == [cam.values["name"], new, "sink"]
    assert _desired(result, "$edgeHub")["routes"] == {
        "r1": f"FROM /messages/modules/{new}/outputs/* INTO " + IN.format("sink"),
        "all": "FROM /messages/modules/* INTO $upstream"}


def test_nam001_default_name_avoids_a_twin_section_already_in_the_manifest():
    """A stray twin section called like the default would have been taken over by the renamed module, and the module's
    own twin left to nobody: the default steps aside, and the same name given by hand is refused with the reason."""
    twins = {"my.mod": {"properties.desired": {"a": 1}}, "my-mod": {"properties.desired": {"b": 2}}}
    data = manifest({"my.mod": module()}, twins=twins)
    result = run(data)
    [finding] = findings(result, "NAM001")
    assert finding.values["name"] == "my-mod-2" and not result.conflicts
    content = output(result)["modulesContent"]
    assert (content["my-mod-2"], content["my-mod"]) == (twins["my.mod"], twins["my-mod"])

    [chosen] = findings(run(data, {finding.id: {"params": {"name": "my-mod"}}}), "NAM001")
    assert chosen.status == "needs input"
    assert chosen.problems == {"name": 'modulesContent already has a section "my-mod"; the twin section of "my.mod" '
                                       'could not be renamed to it'}


def test_nam001_rewrites_the_module_id_in_connection_module_conditions():
    """A condition that tests the sending module names its id too, in any form edgeHub's grammar takes (either
    side, single or double quotes, braces); left alone, the route would silently stop matching after the rename
    (found by two reviews). Other quoted text is not an id and stays."""
    data = manifest({"my.mod": module(), "sink": module()}, routes={
        "eq": "FROM /messages/* WHERE $connectionModuleId = 'my.mod' INTO $upstream",
        "ne": "FROM /messages/* WHERE $connectionModuleId <> 'my.mod' AND $body.s = 'my.mod' INTO " + IN.format("sink"),
        "other": "FROM /messages/* WHERE $connectionModuleId = 'my.mod2' INTO $upstream",
        "forms": "FROM /messages/* WHERE 'my.mod' = {$connectionModuleId} OR $connectionModuleId != \"my.mod\" "
                 "INTO $upstream"})
    result = run(data)
    [finding] = findings(result, "NAM001")
    assert finding.message.endswith("(module key, 3 route(s))")
    assert _desired(result, "$edgeHub")["routes"] == {
        "eq": "FROM /messages/* WHERE $connectionModuleId = 'my-mod' INTO $upstream",
        "ne": "FROM /messages/* WHERE $connectionModuleId <> 'my-mod' AND $body.s = 'my.mod' INTO " + IN.format("sink"),
        "other": "FROM /messages/* WHERE $connectionModuleId = 'my.mod2' INTO $upstream",
        "forms": "FROM /messages/* WHERE 'my-mod' = {$connectionModuleId} OR $connectionModuleId != \"my-mod\" "
                 "INTO $upstream"}


def test_nam001_a_module_called_star_is_renamed_in_sinks_but_the_source_wildcard_stays():
    data = manifest({"*": module(), "src": module()}, routes={
        "r": "FROM /messages/modules/* INTO " + IN.format("*"), "s": "FROM /messages/modules/src/* INTO $upstream"})
    result = run(data)
    [finding] = findings(result, "NAM001")
    new = finding.values["name"]
    assert finding.message.endswith("(module key, 1 route(s))")
    assert _desired(result, "$edgeHub")["routes"]["r"] == "FROM /messages/modules/* INTO " + IN.format(new)


def test_nam001_a_name_given_by_hand_never_takes_over_a_stray_twin_section():
    """Without a twin of its own the module would silently take the stray section's desired properties."""
    data = manifest({"b.1": module()}, twins={"b-1": {"properties.desired": {"stale": 2}}})
    [finding] = findings(run(data), "NAM001")
    assert finding.values["name"] == "b-1-2"
    [chosen] = findings(run(data, {finding.id: {"params": {"name": "b-1"}}}), "NAM001")
    assert chosen.status == "needs input"
    assert chosen.problems == {"name": 'modulesContent already has a section "b-1"; module "b.1" would take it over '
                                       "as its twin section"}


def test_nam001_conditions_match_the_property_in_any_case_and_read_escaped_quotes():
    """edgeHub reads system property names ignoring case and strings with backslash escapes (found by a review)."""
    data = manifest({"Cam'.1": module(), "Cam.2": module()}, routes={
        "upper": "FROM /messages/* WHERE $ConnectionModuleId = 'Cam.2' INTO $upstream",
        "escaped": "FROM /messages/* WHERE $connectionModuleId = 'Cam\\'.1' INTO $upstream",
        "left": "FROM /messages/* WHERE \"Cam'.1\" = $connectionModuleId INTO $upstream"})
    result = run(data)
    new = {f.module: f.values["name"] for f in findings(result, "NAM001")}
    assert _desired(result, "$edgeHub")["routes"] == {
        "upper": f"FROM /messages/* WHERE $ConnectionModuleId = '{new['Cam.2']}' INTO $upstream",
        "escaped": f"FROM /messages/* WHERE $connectionModuleId = '{new[chr(39).join(['Cam', '.1'])]}' INTO $upstream",
        "left": f"FROM /messages/* WHERE \"{new['Cam' + chr(39) + '.1']}\" = $connectionModuleId INTO $upstream"}


def test_nam001_a_rename_refused_as_a_conflict_leaves_its_routes_and_twin_alone():
    """Two names typed by hand that are the same: the second rename is refused, and so are its route and twin edits
    (they used to go through, pointing the route at the other module; found by a review)."""
    data = manifest({"a.1": module(), "b.1": module()},
                    routes={"r": "FROM /messages/modules/a.1/* INTO " + IN.format("b.1")},
                    twins={"b.1": {"properties.desired": {"b": 1}}})
    ids = {f.module: f.id for f in findings(run(data), "NAM001")}
    result = run(data, {ids["a.1"]: {"params": {"name": "xx"}}, ids["b.1"]: {"params": {"name": "xx"}}})
    assert [(c.first, c.second) for c in result.conflicts] == [(ids["a.1"], ids["b.1"])]
    assert list(_desired(result)["modules"]) == ["xx", "b.1"]
    assert _desired(result, "$edgeHub")["routes"] == {"r": "FROM /messages/modules/xx/* INTO " + IN.format("b.1")}
    assert output(result)["modulesContent"]["b.1"] == {"properties.desired": {"b": 1}}
