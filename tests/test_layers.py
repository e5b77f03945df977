"""The layers hold: the import-linter contracts in pyproject.toml (core, review, gui/cli; independent rule areas),
and no import cycle anywhere in the core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")  # the venv's, beside this interpreter
    done = subprocess.run([str(lint_imports), "--no-cache", "--no-logo"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_module_of_the_core_imports_itself_back() -> None:
    """Stricter than the acyclic_siblings contract: a package's __init__ and its modules count too, and imports made
    inside functions or only for type checking."""
    graph = grimp.build_graph("asegui", cache_dir=None)
    core = {m for m in graph.modules if m == "asegui.core" or m.startswith("asegui.core.")}
    cycles = [(importer, imported) for importer in sorted(core)
              for imported in sorted(graph.find_modules_directly_imported_by(importer) & core)
              if graph.find_shortest_chain(importer=imported, imported=importer)]
    assert not cycles, cycles


def test_the_review_contract_names_the_package_once_it_exists() -> None:
    """While asegui/review/ does not exist, the review contract names "asegui.review.**" (a wildcard matching nothing
    is no error); that misses the package's own __init__, so once it exists the contract must name it."""
    if not (ROOT / "asegui" / "review").is_dir():
        return
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    review = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "review-no-qt")
    assert "asegui.review" in review["source_modules"], "write \"asegui.review\" in the review-no-qt contract"
