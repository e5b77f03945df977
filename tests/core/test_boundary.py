"""The files that cross the boundary: every decisions file and JSON report the tool writes satisfies its model and its
published JSON Schema; a hand-edited decisions file that is wrong is refused naming the finding and the field; and
pydantic is loaded only when such a file is read, never by importing the core, the command line or the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import typing
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from asegui.core import DeviceSettings, ManifestError, Result, analyze, apply, convert, decisions, load
from asegui.core.boundary import DecisionsFile, DeviceSettingsModel, Report, json_schema
from asegui.core.device import settings as device_settings
from asegui.core.report import render_report, report_data
from tests.conftest import ROOT, SAMPLE, corpus_files
from tests.helpers import manifest

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
FILES = [SAMPLE, *corpus_files()]
REPORT_SCHEMA = Draft202012Validator(json_schema("report"))
DECISIONS_SCHEMA = Draft202012Validator(json_schema("decisions"))


def _converted(path: Path, settings: DeviceSettings | None = None) -> Result | None:
    try:
        return convert(path.read_bytes(), source=path.name, settings=settings)
    except ManifestError:
        return None  # the corpus's known invalid files: no report is written for them


def _schema_errors(validator: Draft202012Validator, value: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)]


def test_the_published_schemas_are_valid_json_schemas() -> None:
    for name in ("decisions", "report"):
        schema = json_schema(name)
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_json_report_and_decisions_file_the_tool_writes_satisfies_its_model_and_schema(path: Path) -> None:
    result = _converted(path)
    if result is None:
        pytest.skip("rejected input")
    text = render_report(result, ".json", input_name=path.name, output_name="out.json", now=NOW)
    written = json.loads(text)
    assert _schema_errors(REPORT_SCHEMA, written) == []
    Report.model_validate(written)
    saved = json.loads(decisions.dumps(result.findings, result.input_sha256, result.settings))
    assert _schema_errors(DECISIONS_SCHEMA, saved) == []
    DecisionsFile.model_validate(saved)


@pytest.mark.parametrize("settings", [DeviceSettings(gpus=2), DeviceSettings(service_type="ClusterIP")],
                         ids=["two-gpus", "cluster-ip"])
def test_other_device_settings_are_written_within_the_schemas(settings: DeviceSettings) -> None:
    result = _converted(SAMPLE, settings)
    assert result is not None
    assert _schema_errors(REPORT_SCHEMA, report_data(result, "in.json", "out.json", NOW)) == []
    data = decisions.dumps(result.findings, result.input_sha256, result.settings).encode("utf-8")
    assert _schema_errors(DECISIONS_SCHEMA, json.loads(data)) == []
    assert decisions.loads_settings(data) == settings


def test_a_report_without_modules_or_device_preview_and_a_decisions_file_without_findings_satisfy_the_schemas() -> None:
    result = convert(manifest({}))
    assert _schema_errors(REPORT_SCHEMA, report_data(result, "in.json", "out.json", NOW)) == []
    doc = load(SAMPLE.read_bytes())
    before_device = apply(doc, analyze(doc), device=False)  # the window's state until the device phase has run
    data = report_data(before_device, "in.json", "out.json", NOW)
    assert data["device"] == {"summary": {}, "modules": []}
    assert _schema_errors(REPORT_SCHEMA, data) == []
    Report.model_validate(data)
    assert _schema_errors(DECISIONS_SCHEMA, json.loads(decisions.dumps([], ""))) == []


def test_the_report_model_is_its_whole_shape() -> None:
    """An unknown key fails: a key added to report_data must be added to the model, so the schema stays complete."""
    result = _converted(SAMPLE)
    assert result is not None
    data = report_data(result, "in.json", "out.json", NOW)
    Report.model_validate(data)
    with pytest.raises(ValidationError):
        Report.model_validate({**data, "extra": 1})
    with pytest.raises(ValidationError):
        Report.model_validate({**data, "findings": [{**data["findings"][0], "severity": "fatal"}]})
    assert not REPORT_SCHEMA.is_valid({**data, "extra": 1})


def test_the_device_model_takes_exactly_the_settings_the_device_takes() -> None:
    def options(field: str) -> tuple[Any, ...]:
        annotation = DeviceSettingsModel.model_fields[field].annotation
        while typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        return typing.get_args(annotation)

    assert options("gpus") == device_settings.GPU_COUNTS
    assert options("service_type") == device_settings.SERVICE_TYPES
    assert options("kubernetes_version") == device_settings.KUBERNETES_VERSIONS
    assert DeviceSettingsModel().model_dump() == DeviceSettings().to_json()


def test_a_saved_file_reads_back_as_it_was_written() -> None:
    result = convert(SAMPLE.read_bytes(), settings=DeviceSettings(gpus=2))
    data = decisions.dumps(result.findings, result.input_sha256, result.settings).encode("utf-8")
    chosen = decisions.loads(data, "d.json")
    assert list(chosen) == [f.id for f in result.findings]
    for finding in result.findings:
        assert chosen[finding.id].accepted == finding.accepted
        assert chosen[finding.id].params == dict(finding.values)
        assert chosen[finding.id].note == finding.note
    assert decisions.loads_settings(data) == DeviceSettings(gpus=2)


def test_files_written_before_the_format_had_every_key_still_read() -> None:
    old = b'{"decisions": {"X:a:/b": {"accepted": false, "params": null, "note": null}}}'
    assert decisions.loads(old)["X:a:/b"].accepted is False
    assert decisions.loads(old)["X:a:/b"].params == {} and decisions.loads(old)["X:a:/b"].note == ""
    assert decisions.loads_settings(old) is None
    assert decisions.loads_settings(b'{"decisions": {}, "device": null}') is None
    assert decisions.loads_settings(b'{"decisions": {}, "device": {}}') == DeviceSettings()
    jsonc = b'{\n  // reviewed by A.\n  "decisions": {"X:a:/b": {"accepted": true,},},\n}'
    assert decisions.loads(jsonc)["X:a:/b"].accepted is True


ID = "STO001:app:/modulesContent/$edgeAgent/properties.desired/modules/app/settings/createOptions/HostConfig/Binds/0"


def _file(entry: Any = None, **top: Any) -> bytes:
    value: dict[str, Any] = {"format": "asegui-decisions", "version": 1, "input_sha256": "", **top}
    value.setdefault("decisions", {ID: entry if entry is not None else {"accepted": True}})
    return json.dumps(value, indent=2).encode("utf-8")


def _refused(data: bytes) -> ManifestError:
    with pytest.raises(ManifestError) as caught:
        decisions.loads(data, "decisions.json")
    with pytest.raises(ManifestError) as again:
        decisions.loads_settings(data, "decisions.json")
    assert str(again.value) == str(caught.value)  # one file, one verdict, whichever half is read
    return caught.value


def test_accepted_yes_names_the_finding_the_field_and_the_place() -> None:
    error = _refused(_file({"code": "STO001", "accepted": "yes"}))
    assert error.message == f'The decision for {ID}: "accepted" must be true or false, not "yes".'
    assert (error.source, error.line, error.column) == ("decisions.json", 8, 7)
    assert str(error).startswith("decisions.json:8:7: The decision for STO001:app:")


@pytest.mark.parametrize(("data", "words"), [
    (_file({"accepted": 1}), ['"accepted" must be true or false, not 1']),
    (_file({"params": ["gpu-input"]}), ['"params" must be an object, not ["gpu-input"]']),
    (_file({"params": {"share": ["a"]}}), ['parameter "share" must be text, a whole number or null, not ["a"]']),
    (_file({"params": {"port": 80.5}}), ['parameter "port"', "not 80.5"]),
    (_file({"note": 5}), ['"note" must be text, not 5']),
    (_file({"acepted": False}), ['unknown field "acepted"', "accepted, params, note"]),
    (_file("accept"), [f"The decision for {ID} must be an object, not \"accept\"."]),
], ids=["accepted-1", "params-list", "param-list", "param-float", "note-number", "typo", "not-an-object"])
def test_a_wrong_decision_names_the_finding_and_the_field(data: bytes, words: list[str]) -> None:
    error = _refused(data)
    assert ID in error.message and error.line is not None
    for word in words:
        assert word in error.message


@pytest.mark.parametrize(("device", "words", "line"), [
    ({"gpus": 3}, '"device": "gpus" must be 1 or 2, not 3.', 6),
    ({"gpus": True}, '"device": "gpus" must be 1 or 2, not true.', 6),
    ({"gpus": 1.0}, '"device": "gpus" must be 1 or 2, not 1.0.', 6),
    ({"service_type": "NodePort"}, '"service_type" must be "LoadBalancer" or "ClusterIP", not "NodePort".', 6),
    ({"kubernetes_version": "1.29"}, '"kubernetes_version" must be "1.25", not "1.29".', 6),
    ({"gpu": 2}, 'unknown setting "gpu" (the settings are gpus, service_type, kubernetes_version)', 6),
    ("two", '"device" must be an object of device settings, not "two".', 5),
], ids=["gpus-3", "gpus-true", "gpus-float", "service-type", "kubernetes", "typo", "not-an-object"])
def test_wrong_device_settings_name_the_setting(device: Any, words: str, line: int) -> None:
    error = _refused(_file(device=device))
    assert words in error.message and error.line == line


@pytest.mark.parametrize(("top", "words"), [
    ({"devices": {"gpus": 2}}, 'Unknown top-level field "devices" (a decisions file has format, version, '
                               'input_sha256, device, decisions).'),
    ({"version": 2}, "This is version 2 of the decisions file; this version of asegui reads version 1."),
    ({"version": "1"}, '"version" must be 1, not "1".'),
    ({"format": "asegui-report"}, '"format" must be "asegui-decisions", not "asegui-report"'),
    ({"input_sha256": None}, '"input_sha256" must be text, not null.'),
    ({"decisions": []}, 'This is not a decisions file: it needs an object "decisions"'),
], ids=["unknown-key", "newer-version", "version-text", "format", "sha-null", "decisions-list"])
def test_a_wrong_file_says_what_is_wrong(top: dict[str, Any], words: str) -> None:
    assert words in _refused(_file(**top)).message


def test_every_problem_is_counted_but_the_first_is_told() -> None:
    error = _refused(_file({"accepted": "yes", "note": 5}, device={"gpus": 3}))
    assert error.message.startswith('"device": "gpus" must be 1 or 2')  # the file's keys in the format's order
    assert "(2 more problem(s) in this file.)" in error.message


def test_importing_the_core_the_command_line_or_the_window_does_not_load_pydantic() -> None:
    code = ("import sys, asegui.core, asegui.cli, asegui.core.report, asegui.gui.main_window\n"
            "print('pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_reading_a_decisions_file_loads_it() -> None:
    code = ("import sys, asegui.core as c\n"
            "c.decisions.loads(b'{\"decisions\": {}}')\n"
            "print('pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stdout.strip() == "True", done.stderr
