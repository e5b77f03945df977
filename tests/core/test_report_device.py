"""The report's "On the device" section: per module its objects, and what the device must give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asegui.core import convert
from asegui.core.report import render_report

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "fpga-sample.json"


@pytest.mark.parametrize("suffix", [".md", ".html", ".json"])
def test_every_format_has_the_device_section(suffix):
    result = convert(SAMPLE.read_bytes())
    text = render_report(result, suffix, input_name="in.json", output_name="out.json")
    assert "s3cr3t" not in text
    if suffix == ".json":
        device = json.loads(text)["device"]
        hub = next(m for m in device["modules"] if m["module"] == "edgeHub")
        assert hub["service_type"] == "LoadBalancer"
        assert {p["port"] for p in hub["ports"]} == {443, 5671, 8883}
        assert device["summary"]["external_ips"] == sum(1 for m in device["modules"]
                                                        if m["service_type"] == "LoadBalancer")
        assert device["summary"]["device_gpus"] == 1
        assert len(device["secrets"]) == 1  # the sample's one registry credential
    else:
        assert "On the device" in text
        assert "Service/edgehub" in text and "Deployment/edgehub" in text
        assert "external IP address(es) to reserve" in text
