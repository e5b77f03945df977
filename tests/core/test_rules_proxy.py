"""Proxy rules: each with a before manifest and the after it must produce (or the finding it raises)."""

from __future__ import annotations

from tests.helpers import findings, manifest, module, out_create_options, out_module, run

PROXY = "http://proxy.contoso.com:3128"


def env_values(result, name, system=False):
    return {k: v.get("value") for k, v in out_module(result, name, system).get("env", {}).items()}


def test_no_proxy_finding_and_no_error_for_a_manifest_already_right():
    data = manifest({"app": module(env={"https_proxy": PROXY, "no_proxy": "localhost,edgehub"})},
                    hub_env={"https_proxy": PROXY, "NO_PROXY": "localhost", "UpstreamProtocol": "AmqpWs"},
                    agent_env={"https_proxy": PROXY, "no_proxy": "127.0.0.1, localhost"})
    result = run(data)
    assert [f.code for f in result.findings if f.code.startswith("PRX")] == []


# PRX001 ---------------------------------------------------------------------------------------------------------

def test_prx001_adds_no_proxy_localhost_to_the_env_section_of_every_module_with_a_proxy():
    data = manifest({"app": module(env={"https_proxy": PROXY}), "plain": module(env={"A": "1"})},
                    hub_env={"https_proxy": PROXY}, agent_env={"https_proxy": PROXY})
    result = run(data)
    found = findings(result, "PRX001")
    assert sorted(f.module for f in found) == ["app", "edgeAgent", "edgeHub"]
    assert all(f.status == "applied" and f.severity == "error" for f in found)
    assert env_values(result, "app") == {"https_proxy": PROXY, "no_proxy": "localhost"}
    assert env_values(result, "edgeHub", system=True)["no_proxy"] == "localhost"
    assert env_values(result, "edgeAgent", system=True)["no_proxy"] == "localhost"
    assert env_values(result, "plain") == {"A": "1"}


def test_prx001_appends_to_the_createoptions_env_list_when_the_proxy_is_there():
    data = manifest({"app": module({"Env": ["HTTPS_PROXY=" + PROXY, "A=1"]})})
    result = run(data)
    assert len(findings(result, "PRX001", "app")) == 1
    assert out_create_options(result, "app")["Env"] == ["HTTPS_PROXY=" + PROXY, "A=1", "no_proxy=localhost"]


def test_prx001_extends_an_existing_no_proxy_without_localhost():
    data = manifest({"a": module(env={"https_proxy": PROXY, "NO_PROXY": "10.0.0.0/8,"}),
                     "b": module({"Env": ["https_proxy=" + PROXY, "no_proxy=.contoso.com"]})})
    result = run(data)
    assert env_values(result, "a") == {"https_proxy": PROXY, "NO_PROXY": "10.0.0.0/8,localhost"}
    assert out_create_options(result, "b")["Env"] == ["https_proxy=" + PROXY, "no_proxy=.contoso.com,localhost"]


def test_prx001_rejected_keeps_the_env():
    data = manifest({"app": module(env={"https_proxy": PROXY})})
    fid = findings(run(data), "PRX001")[0].id
    result = run(data, {fid: {"accepted": False}})
    assert env_values(result, "app") == {"https_proxy": PROXY}
    assert findings(result, "PRX001")[0].status == "rejected, reason needed"  # an error: no note given


def test_prx001_skips_empty_proxies_and_placeholder_no_proxy():
    data = manifest({"a": module(env={"https_proxy": ""}),
                     "b": module(env={"https_proxy": PROXY, "no_proxy": "${NO_PROXY}"})})
    assert not findings(run(data), "PRX001")


# PRX002 ---------------------------------------------------------------------------------------------------------

def test_prx002_edgehub_behind_a_proxy_gets_upstream_protocol_amqpws():
    data = manifest({}, hub_env={"https_proxy": PROXY, "no_proxy": "localhost"})
    result = run(data)
    found = findings(result, "PRX002", "edgeHub")
    assert len(found) == 1 and found[0].severity == "warning" and found[0].values["protocol"] == "AmqpWs"
    assert env_values(result, "edgeHub", system=True) == {"https_proxy": PROXY, "no_proxy": "localhost",
                                                          "UpstreamProtocol": "AmqpWs"}


def test_prx002_protocol_choice_and_rejection_reach_the_output():
    data = manifest({}, hub_env={"https_proxy": PROXY, "no_proxy": "localhost"})
    fid = findings(run(data), "PRX002")[0].id
    mqtt = run(data, {fid: {"params": {"protocol": "MqttWs"}}})
    assert env_values(mqtt, "edgeHub", system=True)["UpstreamProtocol"] == "MqttWs"
    rejected = run(data, {fid: {"accepted": False}})
    assert "UpstreamProtocol" not in env_values(rejected, "edgeHub", system=True)
    refused = run(data, {fid: {"params": {"protocol": "Http"}}})
    assert findings(refused, "PRX002")[0].status == "needs input"


def test_prx002_creates_the_edgehub_env_section_when_only_edgeagent_has_the_proxy():
    data = manifest({}, agent_env={"https_proxy": PROXY, "no_proxy": "localhost"})
    result = run(data)
    assert len(findings(result, "PRX002")) == 1
    assert out_module(result, "edgeHub", system=True)["env"] == {"UpstreamProtocol": {"value": "AmqpWs"}}


def test_prx002_not_raised_with_upstream_protocol_set_or_without_a_proxy():
    set_already = manifest({}, hub_env={"https_proxy": PROXY, "no_proxy": "localhost", "upstreamprotocol": "Amqp"})
    no_proxy = manifest({"app": module(env={"A": "1"})})
    user_only = manifest({"app": module(env={"https_proxy": PROXY, "no_proxy": "localhost"})})
    for data in (set_already, no_proxy, user_only):
        assert not findings(run(data), "PRX002")


# PRX003 ---------------------------------------------------------------------------------------------------------

def test_prx003_ntlm_https_and_pac_proxies_are_manual_warnings():
    data = manifest({"a": module(env={"https_proxy": "http://CONTOSO\\jdoe:pw@proxy:8080", "no_proxy": "localhost"}),
                     "b": module(env={"https_proxy": "https://proxy.contoso.com:443", "no_proxy": "localhost"}),
                     "c": module({"Env": ["HTTP_PROXY=http://wpad.contoso.com/proxy.pac", "no_proxy=localhost"]}),
                     "d": module(env={"https_proxy": "http://proxy:8080/?auth=NTLM", "no_proxy": "localhost"})})
    result = run(data)
    found = {f.module: f for f in findings(result, "PRX003")}
    assert sorted(found) == ["a", "b", "c", "d"]
    assert all(f.applicability == "manual" and f.severity == "warning" for f in found.values())
    assert "NTLM" in found["a"].message and "NTLM" in found["d"].message
    assert "https://" in found["b"].message and "PAC" in found["c"].message
    assert all("http:// proxy with basic authentication" in f.message for f in found.values())
    assert env_values(result, "b")["https_proxy"] == "https://proxy.contoso.com:443"


def test_prx003_plain_http_proxy_with_basic_auth_is_fine():
    data = manifest({"a": module(env={"https_proxy": "http://user:pw@proxy:3128", "no_proxy": "localhost"}),
                     "b": module(env={"https_proxy": "${PROXY_URL}", "no_proxy": "localhost"})})
    assert not findings(run(data), "PRX003")
