"""Networking rules: each with a before manifest and the after it must produce (or the finding it raises)."""

from __future__ import annotations

from tests.helpers import findings, manifest, module, out_create_options, run

NET = ("NET001", "NET002", "NET003", "NET004", "NET005", "NET006", "NET007", "NET008")


def net_errors(result):
    return [(f.code, f.module) for f in result.findings if f.code in NET and f.severity == "error"]


def test_a_manifest_already_right_for_the_gpu_device_has_no_networking_error():
    data = manifest({"web": module({"ExposedPorts": {"80/tcp": {}},
                                    "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}}),
                     "worker": module({"HostConfig": {"NetworkMode": "host"}})})
    result = run(data)
    assert net_errors(result) == []
    assert not findings(result, "NET001") and not findings(result, "NET002") and not findings(result, "NET006")


# NET001 ---------------------------------------------------------------------------------------------------------

def test_net001_exposed_port_gets_a_binding_with_the_same_host_port_where_that_changes_nothing():
    # A written Service type keeps the Service as it is: the binding 8080 -> 8080 only says what the article asks.
    cluster = {"serviceOptions": {"type": "ClusterIP"}}
    data = manifest({"api": module({"ExposedPorts": {"8080/tcp": {}}, "k8s-experimental": cluster})})
    result = run(data)
    found = findings(result, "NET001", "api")
    assert len(found) == 1 and found[0].severity == "warning" and found[0].values["host_port"] == 8080
    assert found[0].status == "review"
    options = out_create_options(result, "api")
    assert options["ExposedPorts"] == {"8080/tcp": {}}
    assert options["HostConfig"]["PortBindings"] == {"8080/tcp": [{"HostPort": "8080"}]}


def test_net001_adds_to_an_existing_port_bindings_section_and_keeps_its_entries():
    data = manifest({"api": module({"ExposedPorts": {"80/tcp": {}, "9000/tcp": {}},
                                    "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}})})
    result = run(data)
    assert [f.pointer.rsplit("/", 1)[-1] for f in findings(result, "NET001")] == ["9000~1tcp"]
    assert out_create_options(result, "api")["HostConfig"]["PortBindings"] == {
        "80/tcp": [{"HostPort": "8080"}], "9000/tcp": [{"HostPort": "9000"}]}


def test_net001_host_port_decision_reaches_output_and_reserved_or_used_ports_are_refused():
    data = manifest({"api": module({"ExposedPorts": {"8080/tcp": {}, "9000/tcp": {}},
                                    "HostConfig": {"PortBindings": {"9000/tcp": [{"HostPort": "9000"}]}}})})
    fid = findings(run(data), "NET001")[0].id
    chosen = run(data, {fid: {"accepted": True, "params": {"host_port": "18080"}}})
    assert out_create_options(chosen, "api")["HostConfig"]["PortBindings"]["8080/tcp"] == [{"HostPort": "18080"}]
    for bad in (35000, 35001, 31000, 31001, 9000, 0, 70000):
        refused = run(data, {fid: {"accepted": True, "params": {"host_port": bad}}})
        finding = findings(refused, "NET001")[0]
        assert finding.status == "needs input", bad
        assert "8080/tcp" not in out_create_options(refused, "api")["HostConfig"]["PortBindings"]


def test_net001_rejected_adds_nothing():
    options = {"ExposedPorts": {"8080/tcp": {}}, "HostConfig": {"PortBindings": {}}}
    data = manifest({"api": module(options)})
    fid = findings(run(data), "NET001")[0].id
    result = run(data, {fid: {"accepted": False}})
    assert findings(result, "NET001")[0].status == "rejected"
    assert out_create_options(result, "api") == options


def test_net001_default_host_port_is_never_reserved():
    data = manifest({"dash": module({"ExposedPorts": {"31000/tcp": {}}})})
    result = run(data)
    [finding] = findings(result, "NET001")
    assert finding.values["host_port"] == 31002 and finding.status == "off"  # clients would need a new number
    accepted = run(data, {finding.id: {"accepted": True}})
    assert out_create_options(accepted, "dash")["HostConfig"]["PortBindings"] == {
        "31000/tcp": [{"HostPort": "31002"}]}


def test_net001_ignores_unparsable_and_placeholder_keys_and_system_modules():
    data = manifest({"api": module({"ExposedPorts": {"${PORT}/tcp": {}, "http": {}, "80/quic": {}}})},
                    hub_create_options={"ExposedPorts": {"8883/tcp": {}}})
    assert not findings(run(data), "NET001")


# NET002 ---------------------------------------------------------------------------------------------------------

def test_net002_host_port_differs_is_a_manual_warning_naming_the_port_clients_use():
    data = manifest({"web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}})})
    result = run(data)
    found = findings(result, "NET002", "web")
    assert len(found) == 1 and found[0].severity == "warning" and found[0].applicability == "manual"
    assert "web:8080" in found[0].message and found[0].status == "open"
    assert out_create_options(result, "web")["HostConfig"]["PortBindings"] == {"80/tcp": [{"HostPort": "8080"}]}
    acknowledged = run(data, {found[0].id: {"accepted": True}})
    assert findings(acknowledged, "NET002")[0].status == "acknowledged"


def test_net002_edgehub_port_published_elsewhere_is_an_error():
    data = manifest({}, hub_create_options={"HostConfig": {"PortBindings": {
        "8883/tcp": [{"HostPort": "18883"}], "443/tcp": [{"HostPort": "443"}]}}})
    result = run(data)
    found = findings(result, "NET002", "edgeHub")
    assert len(found) == 1 and found[0].severity == "error" and "edgehub:8883" in found[0].message
    assert result.exit_code == 1


def test_net002_equal_host_port_and_placeholders_raise_nothing():
    data = manifest({"web": module({"HostConfig": {"PortBindings": {
        "80/tcp": [{"HostPort": "80"}], "81/tcp": [{"HostPort": "${WEB_PORT}"}]}}})})
    assert not findings(run(data), "NET002")


# NET003 ---------------------------------------------------------------------------------------------------------

def test_net003_tcp_and_udp_on_one_module_is_a_manual_error():
    data = manifest({"lora": module({"ExposedPorts": {"1680/udp": {}},
                                     "HostConfig": {"PortBindings": {"1680/udp": [{"HostPort": "1680"}],
                                                                     "5000/tcp": [{"HostPort": "5000"}]}}})})
    result = run(data)
    found = findings(result, "NET003", "lora")
    assert len(found) == 1 and found[0].severity == "error" and found[0].applicability == "manual"
    assert "UDP + TCP" in found[0].message
    assert result.exit_code == 1
    assert out_create_options(result, "lora")["HostConfig"]["PortBindings"] == {
        "1680/udp": [{"HostPort": "1680"}], "5000/tcp": [{"HostPort": "5000"}]}


def test_net003_one_protocol_is_fine_and_a_bare_number_is_tcp():
    data = manifest({"a": module({"ExposedPorts": {"80": {}, "81/TCP": {}},
                                  "HostConfig": {"PortBindings": {"80": [{"HostPort": "80"}]}}}),
                     "b": module({"HostConfig": {"PortBindings": {"1700/udp": [{"HostPort": "1700"}]}}})})
    assert not findings(run(data), "NET003")


# NET004 ---------------------------------------------------------------------------------------------------------

def test_net005_given_port_is_written_and_reserved_used_or_out_of_range_ports_are_refused():
    data = manifest({"api": module({"ExposedPorts": {"9000/tcp": {}}, "HostConfig": {"PortBindings": {
        "8080/tcp": [{"HostPort": "31001"}], "9000/tcp": [{"HostPort": "9000"}]}}})})
    fid = findings(run(data), "NET005")[0].id
    fixed = run(data, {fid: {"accepted": True, "params": {"host_port": "18080"}}})
    assert findings(fixed, "NET005")[0].status == "applied"
    assert out_create_options(fixed, "api")["HostConfig"]["PortBindings"]["8080/tcp"] == [{"HostPort": "18080"}]
    for bad in ("35000", "35001", "31000", "31001", "9000", "65536", "0", "eighty"):
        refused = run(data, {fid: {"accepted": True, "params": {"host_port": bad}}})
        assert findings(refused, "NET005")[0].problems, bad
        assert out_create_options(refused, "api")["HostConfig"]["PortBindings"]["8080/tcp"] == \
            [{"HostPort": "31001"}]


def test_net004_container_port_35000_is_manual_because_the_app_must_listen_elsewhere():
    data = manifest({"api": module({"ExposedPorts": {"35000/tcp": {}},
                                    "HostConfig": {"PortBindings": {"35000/tcp": [{"HostPort": "35000"}]}}}),
                     "other": module({"ExposedPorts": {"35001/tcp": {}}})})
    result = run(data)
    found = findings(result, "NET004")
    assert [(f.module, f.applicability, f.severity) for f in found] == [
        ("api", "manual", "error"), ("other", "manual", "error")]
    assert "listens on port 35000" in found[0].message and "HostPort change alone" in found[0].message
    assert not findings(result, "NET001")  # no binding is proposed for a port the proxy holds
    assert out_create_options(result, "api")["HostConfig"]["PortBindings"] == {
        "35000/tcp": [{"HostPort": "35000"}]}


# NET005 ---------------------------------------------------------------------------------------------------------

def test_net005_reserved_host_port_gets_the_container_port_by_default():
    data = manifest({"api": module({"HostConfig": {"PortBindings": {"8080/tcp": [{"HostPort": "31000"}]}}})})
    result = run(data)
    found = findings(result, "NET005", "api")
    assert len(found) == 1 and found[0].severity == "warning" and found[0].values["host_port"] == 8080
    assert found[0].status == "review"
    assert out_create_options(result, "api")["HostConfig"]["PortBindings"] == {"8080/tcp": [{"HostPort": "8080"}]}
    chosen = run(data, {found[0].id: {"params": {"host_port": 18080}}})
    assert out_create_options(chosen, "api")["HostConfig"]["PortBindings"] == {"8080/tcp": [{"HostPort": "18080"}]}
    rejected = run(data, {found[0].id: {"accepted": False}})
    assert out_create_options(rejected, "api")["HostConfig"]["PortBindings"] == {"8080/tcp": [{"HostPort": "31000"}]}


def test_net005_default_skips_reserved_and_used_ports():
    data = manifest({"reg": module({"HostConfig": {"PortBindings": {
        "31001/tcp": [{"HostPort": "31001"}], "5000/tcp": [{"HostPort": "31002"}]}}})})
    result = run(data)
    defaults = {f.pointer.split("/")[-3]: f.values["host_port"] for f in findings(result, "NET005")}
    assert defaults == {"31001~1tcp": 31003}
    assert out_create_options(result, "reg")["HostConfig"]["PortBindings"]["31001/tcp"] == [{"HostPort": "31003"}]


# NET006 ---------------------------------------------------------------------------------------------------------

def test_net006_networking_config_of_a_host_network_module_is_removed_and_the_mode_kept():
    data = manifest({"cam": module({"HostConfig": {"NetworkMode": "Host", "Privileged": True},
                                    "NetworkingConfig": {"EndpointsConfig": {"host": {}}}})})
    result = run(data)
    found = findings(result, "NET006", "cam")
    assert len(found) == 1 and found[0].status == "applied" and found[0].severity == "warning"
    options = out_create_options(result, "cam")
    assert options["HostConfig"]["NetworkMode"] == "Host"  # the runtime ignores case
    assert "NetworkingConfig" not in options
    assert not [f for f in findings(result, "PLT003") if "NetworkingConfig" in f.pointer]


def test_net006_blanks_around_host_are_removed_and_rejected_keeps_the_input():
    data = manifest({"cam": module({"HostConfig": {"NetworkMode": " HOST "}})})
    [finding] = findings(run(data), "NET006")
    assert out_create_options(run(data), "cam")["HostConfig"]["NetworkMode"] == "HOST"
    result = run(data, {finding.id: {"accepted": False}})
    assert out_create_options(result, "cam")["HostConfig"]["NetworkMode"] == " HOST "


def test_net006_second_host_network_module_is_a_manual_error():
    data = manifest({"a": module({"HostConfig": {"NetworkMode": "host"}}),
                     "b": module({"HostConfig": {"NetworkMode": "Host"}}),
                     "c": module({"HostConfig": {"NetworkMode": "bridge"}})})
    result = run(data)
    found = [(f.module, f.applicability, f.severity) for f in findings(result, "NET006")]
    assert found == [("b", "manual", "error")]
    error = [f for f in findings(result, "NET006") if f.severity == "error"][0]
    assert "a already does" in error.message and error.status == "open"
    assert result.exit_code == 1
    acknowledged = run(data, {error.id: {"accepted": True}})
    assert [f for f in findings(acknowledged, "NET006") if f.severity == "error"][0].status == "acknowledged"


# NET007 ---------------------------------------------------------------------------------------------------------

def test_net007_counts_edgehub_and_each_module_with_port_bindings_once_per_document():
    data = manifest({"noports": module({}),
                     "web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}}),
                     "api": module({"ExposedPorts": {"5000/tcp": {}}}),
                     "internal": module({"HostConfig": {"PortBindings": {"81/tcp": [{"HostPort": "81"}]}},
                                         "k8s-experimental": {"serviceOptions": {"type": "ClusterIP"}}})})
    result = run(data)
    found = findings(result, "NET007")
    assert len(found) == 1 and found[0].module is None and found[0].severity == "warning"
    assert found[0].pointer.endswith("/modules/web")
    # api has only ExposedPorts: ClusterIP in the runtime's code, so an IP only if NET001's binding is accepted
    assert "at least 2 (1 for edgeHub, 1 each for web;" in found[0].message and "internal" not in found[0].message
    assert "One more for each of api if you accept NET001" in found[0].message
    assert "at least 2 IPs" in found[0].todo and found[0].todo.endswith("edgeHub, web")


def test_net007_edgehub_alone_needs_one_ip():
    result = run(manifest({"noports": module({})}))
    found = findings(result, "NET007")
    assert len(found) == 1 and found[0].pointer.endswith("/systemModules/edgeHub") and "1" in found[0].todo


# NET008 ---------------------------------------------------------------------------------------------------------

def test_net008_load_balancer_by_default_changes_nothing():
    data = manifest({"web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}})})
    result = run(data)
    found = findings(result, "NET008", "web")
    assert len(found) == 1 and found[0].severity == "info" and found[0].values["service"] == "LoadBalancer"
    assert "serviceOptions" not in out_create_options(result, "web").get("k8s-experimental", {})


def test_net008_cluster_ip_adds_service_options():
    data = manifest({"web": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}}})})
    fid = findings(run(data), "NET008")[0].id
    result = run(data, {fid: {"params": {"service": "ClusterIP"}}})
    assert out_create_options(result, "web")["k8s-experimental"]["serviceOptions"] == {"type": "ClusterIP"}
    refused = run(data, {fid: {"params": {"service": "NodePort"}}})
    assert findings(refused, "NET008")[0].status == "needs input"


def test_net008_skips_modules_with_service_options_in_any_spelling():
    data = manifest({"a": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}},
                                  "k8s-experimental": {"serviceOptions": {"loadBalancerIP": "10.0.0.5"}}}),
                     "b": module({"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "80"}]}},
                                  "k8s-experimental": {"service-options": {"type": "ClusterIP"}}}),
                     "c": module({})})
    assert not findings(run(data), "NET008")


def test_net006_when_edgehub_is_first_on_the_host_network_the_error_says_it_need_not_be():
    data = manifest({"cam": module({"HostConfig": {"NetworkMode": "host"}})},
                    hub_create_options={"HostConfig": {"NetworkMode": "host",
                                                       "PortBindings": {"8883/tcp": [{"HostPort": "8883"}]}}})
    error = [f for f in findings(run(data), "NET006") if f.severity == "error"]
    assert [f.module for f in error] == ["cam"]
    assert "edgeHub already does" in error[0].message and "does not need the host network" in error[0].message


def test_two_spellings_of_one_key_are_left_for_a_person_not_half_converted():
    # Docker and edgeAgent read keys ignoring case: with NetworkingConfig and NETWORKINGCONFIG one would win
    # silently, so the module's createOptions is left as it is and MAN004 asks a person to keep one.
    options = {"HostConfig": {"NetworkMode": "Host"}, "NetworkingConfig": {"EndpointsConfig": {"host": {}}},
               "NETWORKINGCONFIG": {}}
    data = manifest({"app": module(options)})
    result = run(data)
    assert not findings(result, "NET006")
    [man004] = findings(result, "MAN004", "app")
    assert man004.status == "open" and "NetworkingConfig and NETWORKINGCONFIG" in man004.message
    assert out_create_options(result, "app") == options
    assert result.exit_code == 1
    assert run(result.text.encode()).text == result.text
