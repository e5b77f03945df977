"""``asegui-cli schema decisions|report``: the schemas the files ``convert`` writes satisfy, and the command line's
answer to a decisions file that breaks them (exit 2, the finding and the field named, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.cli.test_cli import cli
from tests.conftest import SAMPLE


def _schema(name: str) -> dict[str, Any]:
    done = cli("schema", name)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('{\n  "$schema": ')  # indented by 2
    schema: dict[str, Any] = json.loads(done.stdout)
    Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def schemas() -> dict[str, Draft202012Validator]:
    return {name: Draft202012Validator(_schema(name)) for name in ("decisions", "report")}


def _errors(validator: Draft202012Validator, path: Path) -> list[str]:
    value = json.loads(path.read_text(encoding="utf-8"))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)]


@pytest.mark.parametrize("device", [[], ["--gpus", "2", "--service-type", "ClusterIP"]], ids=["default", "two-gpus"])
def test_the_files_convert_writes_satisfy_the_printed_schemas(tmp_path: Path, schemas: dict[str, Any],
                                                              device: list[str]) -> None:
    saved, report = tmp_path / "decisions.json", tmp_path / "report.json"
    done = cli("convert", str(SAMPLE), "-o", str(tmp_path / "out.json"), "--save-decisions", str(saved),
               "--report", str(report), *device)
    assert done.returncode in (0, 1), done.stderr
    assert _errors(schemas["decisions"], saved) == []
    assert _errors(schemas["report"], report) == []
    replayed = tmp_path / "again.json"
    done = cli("convert", str(SAMPLE), "-o", str(tmp_path / "out2.json"), "--decisions", str(saved),
               "--save-decisions", str(replayed))
    assert done.returncode in (0, 1), done.stderr
    assert replayed.read_bytes() == saved.read_bytes()  # the file read back writes itself again


def test_the_printed_schemas_refuse_what_the_tool_refuses(schemas: dict[str, Any]) -> None:
    entry = {"accepted": True}
    assert schemas["decisions"].is_valid({"decisions": {"X": entry}})
    assert not schemas["decisions"].is_valid({"decisions": {"X": {"accepted": "yes"}}})
    assert not schemas["decisions"].is_valid({"decisions": {"X": {"acepted": True}}})
    assert not schemas["decisions"].is_valid({"decisions": {}, "device": {"gpus": 3}})
    assert not schemas["decisions"].is_valid({"decisions": {}, "devices": {}})
    assert not schemas["decisions"].is_valid({"decisions": {}, "version": 2})


def _bad_decisions(tmp_path: Path, edit: Any) -> tuple[Any, str, Path]:
    """Decisions saved from the sample, edited by ``edit``, replayed: (the run, the first STO001 id, the output)."""
    saved = tmp_path / "decisions.json"
    assert cli("convert", str(SAMPLE), "-o", str(tmp_path / "first.json"), "--save-decisions", str(saved)
               ).returncode in (0, 1)
    data = json.loads(saved.read_text(encoding="utf-8"))
    finding_id = next(k for k, v in data["decisions"].items() if v["code"] == "STO001")
    edit(data, finding_id)
    saved.write_text(json.dumps(data, indent=2), encoding="utf-8")
    output = tmp_path / "out.json"
    return cli("convert", str(SAMPLE), "-o", str(output), "--decisions", str(saved)), finding_id, output


def test_accepted_yes_exits_2_naming_the_finding_and_the_field(tmp_path: Path) -> None:
    def edit(data: dict[str, Any], finding_id: str) -> None:
        data["decisions"][finding_id]["accepted"] = "yes"

    done, finding_id, output = _bad_decisions(tmp_path, edit)
    assert done.returncode == 2 and not output.exists()
    line = [text for text in done.stderr.splitlines() if text.startswith("asegui-cli: ")][0]
    assert f"decisions.json:15:7: The decision for {finding_id}: \"accepted\" must be true or false, not \"yes\"." \
        in line


def test_three_gpus_exits_2_naming_the_setting(tmp_path: Path) -> None:
    def edit(data: dict[str, Any], finding_id: str) -> None:
        data["device"]["gpus"] = 3

    done, _id, output = _bad_decisions(tmp_path, edit)
    assert done.returncode == 2 and not output.exists()
    assert 'decisions.json:6:5: "device": "gpus" must be 1 or 2, not 3.' in done.stderr


@pytest.mark.parametrize(("edit", "words"), [
    (lambda data, fid: data.update(devices=data.pop("device")), 'Unknown top-level field "devices"'),
    (lambda data, fid: data["decisions"][fid].update(acepted=False), 'unknown field "acepted"'),
    (lambda data, fid: data["decisions"][fid].update(params={"share": ["a", "b"]}),
     'the parameter "share" must be text, a whole number or null, not ["a", "b"]'),
    (lambda data, fid: data.update(version=2), "This is version 2 of the decisions file"),
], ids=["top-level-typo", "entry-typo", "param-list", "newer-version"])
def test_a_key_or_value_the_format_does_not_have_exits_2(tmp_path: Path, edit: Any, words: str) -> None:
    done, _id, output = _bad_decisions(tmp_path, edit)
    assert done.returncode == 2 and not output.exists()
    assert words in done.stderr


def test_schema_needs_a_known_name() -> None:
    done = cli("schema", "manifest")
    assert done.returncode == 2 and "decisions" in done.stderr and "report" in done.stderr
