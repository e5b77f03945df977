"""The layers hold: the import-linter contracts in pyproject.toml (core, review, gui/cli; independent rule areas),
and no import cycle anywhere in the core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

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
