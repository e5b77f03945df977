"""asegui-cli with a decisions file that rejects an error's fix: exit 1 and the error named, until a note says why."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from asegui.core import convert
from tests.helpers import findings, manifest, module

DATA = manifest({"app": module(env={"https_proxy": "http://proxy.contoso.com:3128"})})  # PRX001, an error


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asegui.cli", *args], capture_output=True, text=True, timeout=120)


def _files(tmp_path: Path, note: str | None) -> tuple[Path, Path]:
    source = tmp_path / "in.json"
    source.write_bytes(DATA)
    decision: dict[str, object] = {"accepted": False}
    if note is not None:
        decision["note"] = note
    chosen = tmp_path / "decisions.json"
    chosen.write_text(json.dumps({"format": "asegui-decisions", "version": 1,
                                  "decisions": {findings(convert(DATA), "PRX001")[0].id: decision}}))
    return source, chosen


def test_convert_without_rejections_exits_zero(tmp_path: Path):
    source, _chosen = _files(tmp_path, None)
    done = cli("convert", str(source), "-o", str(tmp_path / "out.json"))
    assert done.returncode == 0, done.stderr


def test_convert_rejecting_an_error_fix_without_a_note_exits_1_and_names_it(tmp_path: Path):
    source, chosen = _files(tmp_path, None)
    out = tmp_path / "out.json"
    done = cli("convert", str(source), "-o", str(out), "--decisions", str(chosen))
    assert done.returncode == 1, done.stderr
    assert out.exists()  # the output is still written
    assert "1 error(s) need a person" in done.stderr
    line = next(line for line in done.stderr.splitlines() if "PRX001" in line)
    assert line.startswith("  app: PRX001") and "reject with a note to say why" in line


def test_check_lists_it_with_its_status_and_the_hint(tmp_path: Path):
    source, chosen = _files(tmp_path, None)
    done = cli("check", str(source), "--decisions", str(chosen))
    assert done.returncode == 1, done.stderr
    line = next(line for line in done.stdout.splitlines() if "PRX001" in line)
    assert "[rejected, reason needed]" in line and "reject with a note to say why" in line
    assert "1 error(s) need a person" in done.stdout


def test_check_json_keeps_its_fields_and_says_the_status(tmp_path: Path):
    source, chosen = _files(tmp_path, None)
    done = cli("check", str(source), "--decisions", str(chosen), "--format", "json")
    assert done.returncode == 1, done.stderr
    entry = next(f for f in json.loads(done.stdout)["findings"] if f["code"] == "PRX001")
    assert entry["status"] == "rejected, reason needed" and entry["accepted"] is False and entry["note"] == ""


def test_convert_with_a_note_exits_as_the_rest_says(tmp_path: Path):
    source, chosen = _files(tmp_path, "handled outside the manifest")
    saved = tmp_path / "saved.json"
    done = cli("convert", str(source), "-o", str(tmp_path / "out.json"), "--decisions", str(chosen),
               "--save-decisions", str(saved))
    assert done.returncode == 0, done.stderr
    assert "PRX001" not in done.stderr and "0 error(s) need a person" in done.stderr
    # the note is saved with the decision, and a replay of the saved file resolves it again
    again = cli("check", str(source), "--decisions", str(saved))
    assert again.returncode == 0, again.stdout
    assert "[rejected]" in next(line for line in again.stdout.splitlines() if "PRX001" in line)
