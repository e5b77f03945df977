"""PySide6's per-import source scan, answered from the file's bytes: the same answers, and features still work."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from asegui.gui import feature_scan

ROOT = Path(__file__).resolve().parents[2]


def _child(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env,
                          cwd=str(tmp_path), timeout=120, check=False)


def test_the_byte_scan_answers_as_pysides_source_scan_for_every_loaded_module(qapp):
    import asegui.gui.main_window  # noqa: F401  (what the window imports is what the scan sees)

    def upstream(module):
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError, SyntaxError):
            return False

    scan = feature_scan.bytes_scan(upstream)
    modules = [module for module in list(sys.modules.values()) if isinstance(getattr(module, "__file__", None), str)]
    by_file = [module for module in modules if module.__file__.endswith(".py")]
    assert len(by_file) > 100
    assert any(upstream(module) for module in by_file) and not all(upstream(module) for module in by_file)
    assert [scan(module) for module in modules] == [upstream(module) for module in modules]


def test_a_module_without_a_source_file_is_left_to_pyside():
    asked = []
    scan = feature_scan.bytes_scan(lambda module: asked.append(module.__name__) or False)
    assert scan(sys) is False and asked == ["sys"]


def test_the_window_swaps_the_scan_in_as_soon_as_it_imports_qt(tmp_path):
    done = _child("""
        import sys
        from asegui.gui import app, feature_scan
        app._application(False, fusion=False)
        feature = sys.modules["shibokensupport.feature"]
        swapped = feature._mod_uses_pyside
        assert getattr(swapped, "_asegui_bytes_scan", False)
        assert feature_scan.quicken() and feature._mod_uses_pyside is swapped  # once only
        import asegui.gui.main_window
        print(feature.pyside_feature_dict["asegui.core"], feature.pyside_feature_dict["asegui.gui.checklist"])
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["-1", "0"]  # the core says nothing of PySide6; the window does


def test_a_module_that_asks_for_snake_case_still_gets_it(tmp_path):
    (tmp_path / "snaky.py").write_text(textwrap.dedent("""
        from __feature__ import snake_case  # noqa
        from PySide6.QtWidgets import QWidget

        def title():
            widget = QWidget()
            widget.set_window_title("snake")
            return widget.window_title()
    """), encoding="utf-8")
    (tmp_path / "camel.py").write_text(textwrap.dedent("""
        from PySide6.QtWidgets import QWidget

        def has_camel_case():
            return hasattr(QWidget, "setWindowTitle")
    """), encoding="utf-8")
    done = _child("""
        from asegui.gui import app
        app._application(False, fusion=False)
        import asegui.gui.main_window
        import snaky, camel
        print(snaky.title(), camel.has_camel_case())
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["snake", "True"]
