"""The runtime's sanitizers, case by case as the runtime's own KubeUtilsTest pins them (Azure/iotedge
release/1.1-k8s-preview, edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/KubeUtilsTest.cs)."""

from __future__ import annotations

import pytest

from asegui.core.device import names

LONG = "ABCDEFGHIJ" * 6


@pytest.mark.parametrize("expected, raw", [
    ("edgeAgent", "$edgeAgent"), ("iothub.azure-device.net/edgeAgent", "iothub.azure-device.net/$edgeAgent"),
    ("k8s.io/a-0", "K8S.IO/---a-0--")])
def test_sanitize_annotation_key_test(expected, raw):
    assert names.annotation_key(raw) == expected


@pytest.mark.parametrize("raw", [
    LONG + "ABCDEFGHIJ", "abcdefghij" * 6 + "ab-------j.com/a", "iothub.azure-device.net/" + "abcdefghij" * 7,
    "", "!!!", "!!!!/abc", "123.com/!!!!"])
def test_sanitize_annotation_key_fail_test(raw):
    with pytest.raises(names.InvalidName):
        names.annotation_key(raw)


@pytest.mark.parametrize("expected, raw", [
    ("edgeagent", "$edgeAgent"), ("a-0.org", "---a-0---.org"), ("a-0---b.org", "---a-0---b.org"),
    ("abcdefghij" * 5 + "ab----------c.com", LONG[:52] + "----------C.com")])
def test_sanitize_dns_domain_test(expected, raw):
    assert names.dns_domain(raw) == expected


@pytest.mark.parametrize("raw", [LONG[:62] + "-------J.com", "", "     ", "$$$$.com", "a.&&&&.org"])
def test_sanitize_dns_domain_fail_test(raw):
    with pytest.raises(names.InvalidName):
        names.dns_domain(raw)


@pytest.mark.parametrize("expected, raw", [
    ("edgeagent", "$edgeAgent"), ("12device", "12device"), ("345hub-name.org", "345hub-name.org"),
    ("a-b_c.d", "a$?/-b#@_c=+.d"), ("zz", "$-._/zz$-._/"), ("z9", "$-._/z9$-._/")])
def test_sanitize_label_value_test(expected, raw):
    assert names.label_value(raw) == expected


@pytest.mark.parametrize("raw", [LONG + "ABCD", LONG[:62] + "-------J", "", "    ", "$%^&"])
def test_sanitize_label_value_fail_test(raw):
    with pytest.raises(names.InvalidName):
        names.label_value(raw)


@pytest.mark.parametrize("expected, raw", [
    ("edgeagent", "$edgeAgent"), ("a-0", "---A-0---"), ("a-z---1", "---a-z-/--1"), ("111111111", "111111111")])
def test_sanitize_dns_label_test(expected, raw):
    assert names.dns_label(raw) == expected


@pytest.mark.parametrize("username, address, expected", [
    ("Contoso", "https://Contoso.azurecr.io/v2", "contoso-contoso.azurecr.io"),
    ("user", "registry.local:5000", "user-registry.local-5000"),
    ("dockeruser", "https://index.docker.io/v1/", "dockeruser-index.docker.io")])
def test_image_pull_secret_names(username, address, expected):
    """ImagePullSecretName.Create: scheme and path dropped, ':' -> '-', then SanitizeDNSDomain."""
    assert names.pull_secret_name(username, address) == expected
