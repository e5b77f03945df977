"""The release workflow is one GitHub accepts (its published schema, vendored by check-jsonschema: no network) and
does what issue 15 asks: builds the bundle on the three systems, smoke-tests each, and releases only for a tag.

Not marked `bundle`: it builds nothing and runs in the normal suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / ("check-jsonschema.exe" if sys.platform == "win32"
                                                   else "check-jsonschema")


def check(path: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is not beside this Python: pip install -e '.[test]'"
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def build_job(workflow: dict) -> dict:
    return next(job for job in workflow["jobs"].values() if "matrix" in job.get("strategy", {}))


def test_the_workflow_matches_githubs_schema() -> None:
    done = check(WORKFLOW)

    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_does_reject_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")

    assert check(broken).returncode != 0


def test_it_runs_for_tags_pull_requests_on_packaging_and_by_hand(workflow: dict) -> None:
    on = workflow["on"]
    assert on["push"]["tags"] == ["v*"]
    assert "branches" not in on["push"]
    assert any(p.startswith("packaging/") for p in on["pull_request"]["paths"])
    assert "workflow_dispatch" in on


def test_the_matrix_holds_the_three_systems(workflow: dict) -> None:
    job = build_job(workflow)
    systems = {entry["os"] for entry in job["strategy"]["matrix"]["include"]}

    assert systems == {"ubuntu-latest", "windows-latest", "macos-latest"}
    assert job["runs-on"] == "${{ matrix.os }}"
    assert job["strategy"]["fail-fast"] is False  # one system's failure still shows the others' results


def test_each_system_builds_with_build_py_smoke_tests_and_zips(workflow: dict) -> None:
    steps = build_job(workflow)["steps"]
    runs = [step.get("run", "") for step in steps]
    names = [step.get("name", "") for step in steps]
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))

    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    build = next(i for i, run in enumerate(runs) if "python packaging/build.py" in run)
    smoke = next(i for i, name in enumerate(names) if "smoke" in name.lower())
    zipped = next(i for i, name in enumerate(names) if name == "Zip")
    assert build < smoke < zipped
    assert "--version" in runs[smoke] and "convert" in runs[smoke] and "--screenshot" in runs[smoke]
    assert "tests/bundle/test_bundle.py" in runs[smoke]
    assert not any(step.get("if") for step in (steps[build], steps[smoke], steps[zipped]))  # every system
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)


def test_linux_gets_every_library_qts_xcb_plugin_needs(workflow: dict) -> None:
    from asegui.gui.platform_check import XCB_LIBRARIES

    steps = build_job(workflow)["steps"]
    apt = next(step for step in steps if "apt-get install" in step.get("run", ""))
    packages = set(apt["run"].replace("\\\n", " ").split())

    assert apt["if"] == "runner.os == 'Linux'"
    # glib and the C++ runtime come with every runner image (Ubuntu 24.04 renamed glib's package: ...t64)
    assert set(XCB_LIBRARIES.values()) - {"libglib2.0-0", "libstdc++6", "libgcc-s1"} <= packages


def test_only_a_tag_releases(workflow: dict) -> None:
    jobs = workflow["jobs"]
    releasing = {name: job for name, job in jobs.items()
                 if any("action-gh-release" in step.get("uses", "") or "gh release" in step.get("run", "")
                        for step in job.get("steps", []))}

    assert len(releasing) == 1
    (name, job), = releasing.items()
    assert "startsWith(github.ref, 'refs/tags/v')" in job["if"]
    assert job["needs"] == build_job_name(jobs)
    assert job["permissions"] == {"contents": "write"}
    assert workflow["permissions"] == {"contents": "read"}  # the build jobs cannot write
    for step in job["steps"]:
        if "action-gh-release" in step.get("uses", ""):
            assert "refs/tags/v" in step.get("if", job["if"])
            assert step["with"]["files"].endswith(".zip")


def build_job_name(jobs: dict) -> str:
    return next(name for name, job in jobs.items() if "matrix" in job.get("strategy", {}))
