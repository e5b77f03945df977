"""Speed, measured side by side: ``python tests/benchmarks/bench.py`` prints one line of JSON.

core    convert() and its output text on FPGA manifests of 5, 50 and 500 modules against json.loads +
        json.dumps(indent=2) of the same bytes (the floor any JSON tool pays), medians of runs taken round
        by round in alternation in one process; the ratio at each size, the growth from 50 to 500
        modules (10.0 would be exactly linear in user modules) and the time per module at each size.
window  process start to the first painted frame of the window with the sample open, against a bare
        PySide6 window showing the same two texts in two QPlainTextEdits, each in fresh subprocesses;
        and, on the 50-module manifest, toggling the selected finding to the repainted GPU pane, back to back
        (selecting it first, as a person clicks the row, is timed apart: select_to_repaint_ms).

Targets (issue 5): core <= 20x the JSON floor at 50 modules and no worse than linear growth to 500;
window start <= 2x the bare window; a toggle repaints in <= 50 ms at 50 modules.
Options: --quick (fewer repeats), --no-window, --no-core, --platform NAME (Qt platform; default offscreen),
--sweep (also the time per module from 25 to 1000 modules, in rounds of their own),
--instructions (also the core and window-start ratios by instruction count, with valgrind: minutes, not seconds).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from manifests import fpga_manifest  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"
SIZES = (5, 50, 500)
# The open issues' targets: start 1.5x the bare window (the architecture step; the window issue asks 1.3x), a toggle
# in one frame at 50 modules (median 10 ms, slowest 16 ms), the core at 50 modules half its ratio when the window
# issue was filed (31.8x), and linear growth.
TARGETS = {"core_ratio_at_50": 16.0, "core_growth_50_to_500": 10.0, "window_start_ratio": 1.5, "toggle_ms": 10.0,
           "toggle_max_ms": 16.0}


def _timed(run: Callable[[], Any]) -> float:
    """The time of one run, including freeing what it made: as the floor's JSON tree, a conversion's result is
    dropped inside the clock, so no run pays for another's and both sides are timed on the same terms."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench_core(quick: bool) -> dict[str, Any]:
    """Every size and its floor are measured round by round, in alternation, so a machine that slows down or
    speeds up mid-run moves all figures alike: the ratios and the growth compare runs taken side by side.

    Each size's turn in a round starts from a collected heap (``gc.collect()``, not timed), so no run pays for
    garbage another size left behind; collecting before every run would instead time each run with cold caches."""
    from asegui.core import convert

    rounds = 3 if quick else 9
    per_round = {5: 4, 50: 2, 500: 1}  # conversions per round; the floor runs four times as often
    data = {size: fpga_manifest(size) for size in SIZES}
    last: dict[int, Any] = {}

    def core(size: int) -> Callable[[], Any]:
        return _conversion(convert, data[size])

    def floor(size: int) -> Callable[[], Any]:
        return lambda: json.dumps(json.loads(data[size]), indent=2)

    times: dict[tuple[int, str], list[float]] = {(size, kind): [] for size in SIZES for kind in ("core", "floor")}
    for size in SIZES:  # warm up: caches, compiled patterns, imports
        last[size] = core(size)()
        floor(size)()
    for _round in range(rounds):
        for size in SIZES:
            gc.collect()
            for _ in range(per_round[size]):
                times[(size, "core")].append(_timed(core(size)))
                for _ in range(4):
                    times[(size, "floor")].append(_timed(floor(size)))
    figures: dict[str, Any] = {}
    for size in SIZES:
        core_s, floor_s = statistics.median(times[(size, "core")]), statistics.median(times[(size, "floor")])
        figures[str(size)] = {"bytes": len(data[size]), "findings": len(last[size].findings),
                              "convert_ms": round(core_s * 1000, 2), "json_floor_ms": round(floor_s * 1000, 3),
                              "ratio": round(core_s / floor_s, 1), "runs": len(times[(size, "core")])}
    growth = figures["500"]["convert_ms"] / figures["50"]["convert_ms"]
    calls = {size: _function_calls(core(size)) for size in (50, 500)}
    modules = {size: len(last[size].document.modules) for size in SIZES}
    for size in SIZES:  # cost per module (system modules included): flat is linear
        figures[str(size)]["ms_per_module"] = round(figures[str(size)]["convert_ms"] / modules[size], 4)
    return {"sizes": figures, "ratio_at_50": figures["50"]["ratio"], "growth_50_to_500": round(growth, 2),
            "modules_growth_50_to_500": round(modules[500] / modules[50], 2),
            "ms_per_module_500_vs_50": round(figures["500"]["ms_per_module"] / figures["50"]["ms_per_module"], 3),
            "function_calls": calls, "calls_growth_50_to_500": round(calls[500] / calls[50], 2),
            "meets_ratio_target": figures["50"]["ratio"] <= TARGETS["core_ratio_at_50"],
            "meets_growth_target": growth <= TARGETS["core_growth_50_to_500"]}


def _conversion(convert: Callable[..., Any], data: bytes) -> Callable[[], Any]:
    def run() -> Any:
        result = convert(data)
        result.text  # noqa: B018 - the output text is made on first use; a conversion includes writing it
        return result
    return run


def bench_device(quick: bool) -> dict[str, Any]:
    """The device view at 50 modules, side by side with the conversion it follows (which includes it): compiling the
    objects, validating them all against Kubernetes' schemas from cold (what opening a file pays) and again with the
    per-object results remembered (what a decision pays: only changed objects are validated again)."""
    from asegui.core import convert
    from asegui.core.device import validate
    from asegui.core.device.compile import compile_device

    data = fpga_manifest(50)
    result = convert(data)
    device = compile_device(result.document, result.root, result.renames, result.settings)

    def compile_run() -> Any:
        return compile_device(result.document, result.root, result.renames, result.settings)

    def validate_cold() -> None:
        validate._seen.clear()
        for obj in device.objects:
            validate.kubernetes_violations(obj)

    def validate_warm() -> None:
        for obj in device.objects:
            validate.kubernetes_violations(obj)

    runs = {"convert": _conversion(convert, data), "compile": compile_run, "validate_cold": validate_cold,
            "validate_warm": validate_warm}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _round in range(3 if quick else 9):
        for name, run in runs.items():
            gc.collect()
            times[name].append(_timed(run))
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}
    return {"modules": 50, "objects": len(device.objects), "convert_ms": round(ms["convert"], 2),
            "compile_ms": round(ms["compile"], 2), "validate_cold_ms": round(ms["validate_cold"], 2),
            "validate_warm_ms": round(ms["validate_warm"], 2),
            "compile_vs_convert": round(ms["compile"] / ms["convert"], 3),
            "preview_and_cold_validation_vs_convert": round((ms["compile"] + ms["validate_cold"]) / ms["convert"], 2)}


SWEEP_SIZES = (25, 50, 100, 200, 500, 1000)


def bench_sweep(quick: bool) -> dict[str, Any]:
    """The time per module from 25 to 1000 modules, in rounds that take every size in turn: where it rises is
    where a conversion's objects outgrow the caches this machine gives the process. Kept out of the core
    figures, because a 1000-module heap in the same rounds slows the 500-module runs after it."""
    from asegui.core import convert

    runs = {size: _conversion(convert, fpga_manifest(size)) for size in SWEEP_SIZES}
    modules = {size: len(run().document.modules) for size, run in runs.items()}  # also the warm-up
    times: dict[int, list[float]] = {size: [] for size in SWEEP_SIZES}
    for _round in range(3 if quick else 9):
        for size, run in runs.items():
            gc.collect()
            times[size].append(_timed(run))
    per_module = {size: statistics.median(times[size]) * 1000 / modules[size] for size in SWEEP_SIZES}
    return {str(size): {"modules": modules[size], "convert_ms": round(statistics.median(times[size]) * 1000, 2),
                        "ms_per_module": round(per_module[size], 4),
                        "per_module_vs_50": round(per_module[size] / per_module[50], 3)} for size in SWEEP_SIZES}


def _function_calls(run: Callable[[], Any]) -> int:
    """Python and built-in function calls of one run, counted by cProfile: the same on every machine, so it
    shows how the work grows apart from how the memory hierarchy of a busy machine makes it cost."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(run)
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- window (subprocesses)

_PAINT_WATCH = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer

class FirstPaint(QObject):
    def __init__(self, target, on_painted):
        super().__init__()
        self.target, self.on_painted, self.done = target, on_painted, False
    def eventFilter(self, obj, event):
        if not self.done and obj is self.target and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.on_painted)  # after the paint has finished
        return False

def report_and_exit():
    print("painted", flush=True)
    os._exit(0)
"""

APP_START = _PAINT_WATCH + r"""
import argparse
import gc
from PySide6.QtCore import QSettings
from asegui.gui.app import _application, build_window
app = _application(False, fusion=False)
settings = QSettings(os.path.join(sys.argv[2], "settings.ini"), QSettings.Format.IniFormat)
window = build_window(argparse.Namespace(file=sys.argv[1], dark=False, screenshot=None, select=None), settings)
watch = FirstPaint(window.output_view.viewport(), report_and_exit)
app.installEventFilter(watch)
window.output_view.viewport().update()
app.exec()
"""

BARE_START = _PAINT_WATCH + r"""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter
app = QApplication(sys.argv[:1])
window = QMainWindow()
splitter = QSplitter(Qt.Orientation.Horizontal)
left, right = QPlainTextEdit(), QPlainTextEdit()
for editor, path in ((left, sys.argv[1]), (right, sys.argv[2])):
    editor.setReadOnly(True)
    editor.setPlainText(open(path, encoding="utf-8").read())
    splitter.addWidget(editor)
window.setCentralWidget(splitter)
window.resize(1400, 900)
watch = FirstPaint(right.viewport(), report_and_exit)
app.installEventFilter(watch)
window.show()
app.exec()
"""

TOGGLE = _PAINT_WATCH + r"""
import argparse, json, statistics
from PySide6.QtCore import QEvent, QObject, QSettings
from asegui.gui.app import _application, build_window
app = _application(False, fusion=False)
settings = QSettings(os.path.join(sys.argv[2], "settings.ini"), QSettings.Format.IniFormat)
window = build_window(argparse.Namespace(file=sys.argv[1], dark=False, screenshot=None, select=None), settings)
for _ in range(20):
    app.processEvents()

class Painted(QObject):
    count = 0
    def eventFilter(self, obj, event):
        if obj is window.output_view.viewport() and event.type() == QEvent.Type.Paint:
            Painted.count += 1
        return False

painted = Painted()
app.installEventFilter(painted)
session = window.session
candidates = [f for f in session.findings if f.applicability == "auto" and f.edits and f.module]
finding = candidates[len(candidates) // 2] if candidates else session.findings[0]
# A person looks at the opened file, selects the row, then toggles it: the device phase of the file as opened is
# done by then, and the selection (both panes scroll to the module, the detail panel shows the finding) is timed
# apart, to its repaint: it is not a toggle.
settle = time.perf_counter() + 20
while session.device_pending and time.perf_counter() < settle:
    app.processEvents()
before = Painted.count
start = time.perf_counter()
window.checklist.select(finding.id)
while Painted.count == before and time.perf_counter() < start + 10:
    app.processEvents()
select_ms = round((time.perf_counter() - start) * 1000, 2)
times = []
for round_ in range(int(sys.argv[3])):
    accepted = not session.finding(finding.id).accepted
    before = Painted.count
    start = time.perf_counter()
    window.set_accepted(finding.id, accepted)
    deadline = start + 10
    while Painted.count == before and time.perf_counter() < deadline:
        app.processEvents()
    times.append(time.perf_counter() - start)
print(json.dumps({"finding": finding.code, "module": finding.module, "findings": len(session.findings),
                  "select_ms": select_ms, "times_ms": [round(t * 1000, 2) for t in times]}), flush=True)
os._exit(0)
"""


def _child_env(qt_platform: str, bytecode: str) -> dict[str, str]:
    """The children's environment. Their bytecode goes to a cache of this run (``bytecode``), written by the
    warm-up children, as an installed app has it (pip and the bundle ship compiled modules; PySide6's are in
    site-packages already): with ``PYTHONDONTWRITEBYTECODE`` set, as on the CI machine, every start would
    otherwise compile the app's sources again while the bare window reads PySide6's compiled modules."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = bytecode
    env["QT_QPA_PLATFORM"] = qt_platform
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _time_to_paint(script: str, args: list[str], env: dict[str, str], timeout: float = 60) -> float:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, cwd=str(ROOT))
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        if line.strip() != b"painted":
            raise RuntimeError(f"the window child printed {line!r}")
        child.wait(timeout=timeout)
        return elapsed
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


def bench_window(quick: bool, qt_platform: str) -> dict[str, Any]:
    try:
        import PySide6  # noqa: F401
    except ImportError as exc:
        return {"skipped": f"PySide6 is not installed: {exc}"}
    from asegui.core import convert

    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="asegui-bench-") as folder:
        env = _child_env(qt_platform, os.path.join(folder, "bytecode"))
        output = Path(folder) / "gpu.json"
        output.write_text(convert(SAMPLE.read_bytes()).text, encoding="utf-8")
        app_times, bare_times = [], []
        _time_to_paint(BARE_START, [str(SAMPLE), str(output)], env)  # warm the file and bytecode caches for both
        _time_to_paint(APP_START, [str(SAMPLE), folder], env)
        for _ in range(repeats):  # interleaved, so both see the same machine load
            bare_times.append(_time_to_paint(BARE_START, [str(SAMPLE), str(output)], env))
            app_times.append(_time_to_paint(APP_START, [str(SAMPLE), folder], env))
        manifest50 = Path(folder) / "fpga-50.json"
        manifest50.write_bytes(fpga_manifest(50))
        toggles = 5 if quick else 15
        run = subprocess.run([sys.executable, "-c", TOGGLE, str(manifest50), folder, str(toggles)],
                             capture_output=True, env=env, cwd=str(ROOT), timeout=300, check=False)
        last = run.stdout.decode().strip().splitlines()[-1:] or [""]
        try:
            toggle = json.loads(last[0])
        except json.JSONDecodeError:
            toggle = {"error": (run.stderr.decode() or run.stdout.decode())[-500:]}
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    figures: dict[str, Any] = {
        "platform": qt_platform,
        "start_to_first_paint_ms": round(app_s * 1000, 1), "bare_window_ms": round(bare_s * 1000, 1),
        "start_ratio": round(app_s / bare_s, 2), "meets_start_target": app_s / bare_s <= TARGETS["window_start_ratio"],
    }
    if "times_ms" in toggle:
        times = toggle.pop("times_ms")
        figures["toggle_to_repaint_ms"] = round(statistics.median(times), 2)
        figures["toggle_max_ms"] = max(times)
        figures["toggle_finding"] = f"{toggle['finding']} ({toggle['module']}), {toggle['findings']} findings"
        figures["select_to_repaint_ms"] = toggle.get("select_ms")
        figures["meets_toggle_target"] = statistics.median(times) <= TARGETS["toggle_ms"]
        figures["meets_toggle_max_target"] = max(times) <= TARGETS["toggle_max_ms"]
    else:
        figures["toggle_to_repaint_ms"] = None
        figures["toggle_error"] = toggle.get("error", "no result")
    return figures


# ---------------------------------------------------------------- a site of devices (asegui-cli fleet)

_PEAK = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], capture_output=True, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB: the largest of the fleet and its workers
"""


def _site(folder: Path, count: int, modules: int = 20) -> Path:
    """``count`` devices' manifests, alike but for one image tag (ten tags: ten deployment groups)."""
    site = folder / f"site-{count}"
    site.mkdir()
    text = fpga_manifest(modules).decode("utf-8")
    for index in range(count):
        (site / f"device-{index:04d}.json").write_text(
            text.replace("image-classifier:2.1\"", f"image-classifier:2.1-site{index % 10}\""), encoding="utf-8")
    return site


def bench_fleet(quick: bool) -> dict[str, Any]:
    """A thousand 20-module manifests through `asegui-cli fleet --jobs 2`, against one `asegui-cli convert` process
    per manifest (timed on a sample of them), and the peak memory at 100 and at 1000 devices."""
    cli = [sys.executable, "-m", "asegui.cli"]
    large = 200 if quick else 1000
    with tempfile.TemporaryDirectory(prefix="asegui-fleet-") as folder:
        base = Path(folder)
        sites = {count: _site(base, count) for count in (100, large)}
        sample = sorted(sites[100].glob("*.json"))[: 10 if quick else 30]
        start = time.perf_counter()
        for path in sample:
            subprocess.run([*cli, "convert", str(path), "-o", str(base / "single.json")], capture_output=True,
                           check=False)
        per_process = (time.perf_counter() - start) / len(sample)
        peaks, seconds = {}, {}
        for count, site in sites.items():
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _PEAK, *cli, "fleet", str(site), "-o",
                                   str(base / f"out-{count}"), "--jobs", "2"], capture_output=True, text=True,
                                  check=False)
            seconds[count] = time.perf_counter() - start
            peaks[count] = int(done.stdout.strip().splitlines()[-1]) // 1024
        groups = len(json.loads((base / f"out-{large}" / "fleet-summary.json").read_text())["groups"])
    fleet_rate = large / seconds[large]
    return {"devices": large, "modules_each": 20, "groups": groups,
            "fleet_jobs_2_s": round(seconds[large], 2), "fleet_devices_per_s": round(fleet_rate, 1),
            "one_process_per_manifest_s": round(per_process, 3),
            "throughput_vs_one_process_each": round(fleet_rate * per_process, 1),
            "peak_mib_at_100": peaks[100], f"peak_mib_at_{large}": peaks[large],
            "peak_growth": round(peaks[large] / max(1, peaks[100]), 2)}


# ---------------------------------------------------------------- instruction counts (optional, valgrind)

_CORE_LOOP = r"""
import json, sys
sys.path[:0] = [sys.argv[4], sys.argv[5]]
from manifests import fpga_manifest
from asegui.core import convert
data, what, runs = fpga_manifest(int(sys.argv[1])), sys.argv[2], int(sys.argv[3])
convert(data).text, json.dumps(json.loads(data), indent=2)  # imports, caches and patterns: in every count alike
for _ in range(runs):
    if what == "core":
        convert(data).text
    else:
        json.dumps(json.loads(data), indent=2)
"""


def _instructions(args: list[str], env: dict[str, str]) -> int:
    """Instructions a child executes from start to exit, counted by callgrind (the same on any machine)."""
    with tempfile.TemporaryDirectory(prefix="asegui-callgrind-") as folder:
        out = os.path.join(folder, "callgrind.out")
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *args],
                              capture_output=True, text=True, env=env, cwd=str(ROOT), timeout=900, check=False)
        found = [line for line in done.stderr.splitlines() if "Collected :" in line]
        if not found:
            raise RuntimeError(f"callgrind counted nothing: {done.stderr[-500:]}")
        return int(found[-1].rsplit(":", 1)[1].strip().replace(",", ""))


def bench_instructions(qt_platform: str) -> dict[str, Any]:
    """Ratios by instruction count: core at 50 modules against the JSON floor (per run, the start-up subtracted),
    and the window's start to first paint against the bare window's. Slow (a few minutes), but no busy
    neighbour on a shared machine moves them; wall-clock time also pays for cache misses, which these do not."""
    import shutil

    if shutil.which("valgrind") is None:
        return {"skipped": "valgrind is not installed"}
    here = str(Path(__file__).resolve().parent)
    env = dict(os.environ)
    per_run: dict[str, float] = {}
    for what, size, runs in (("core", 50, 10), ("floor", 50, 100), ("core", 500, 3)):
        counts = [_instructions([sys.executable, "-c", _CORE_LOOP, str(size), what, str(n), str(ROOT), here], env)
                  for n in (0, runs)]
        per_run[f"{what}_{size}"] = (counts[1] - counts[0]) / runs
    figures: dict[str, Any] = {"core_per_run_at_50": round(per_run["core_50"]),
                               "floor_per_run_at_50": round(per_run["floor_50"]),
                               "core_ratio_at_50": round(per_run["core_50"] / per_run["floor_50"], 1),
                               "core_per_run_at_500": round(per_run["core_500"]),
                               "core_growth_50_to_500": round(per_run["core_500"] / per_run["core_50"], 2)}
    with tempfile.TemporaryDirectory(prefix="asegui-bench-") as folder:
        child = _child_env(qt_platform, os.path.join(folder, "bytecode"))
        output = Path(folder) / "gpu.json"
        from asegui.core import convert

        output.write_text(convert(SAMPLE.read_bytes()).text, encoding="utf-8")
        bare = [sys.executable, "-c", BARE_START, str(SAMPLE), str(output)]
        app = [sys.executable, "-c", APP_START, str(SAMPLE), folder]
        for warm in (bare, app):  # write the bytecode cache, as in bench_window
            subprocess.run(warm, capture_output=True, env=child, cwd=str(ROOT), timeout=120, check=False)
        start = {"bare": _instructions(bare, child), "app": _instructions(app, child)}
    figures.update({"window_start_app": start["app"], "window_start_bare": start["bare"],
                    "window_start_ratio": round(start["app"] / start["bare"], 2)})
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a rough figure, faster)")
    parser.add_argument("--no-window", action="store_true", help="measure the core only")
    parser.add_argument("--no-core", action="store_true", help="measure the window only")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with valgrind's callgrind (slow; immune to machine load)")
    parser.add_argument("--fleet", action="store_true",
                        help="also a site of 1000 manifests through asegui-cli fleet (throughput and peak memory)")
    parser.add_argument("--sweep", action="store_true",
                        help="also the time per module at 25 to 1000 modules (where it rises, the caches ran out)")
    parser.add_argument("--platform", default=os.environ.get("ASEGUI_BENCH_QT_PLATFORM", "offscreen"),
                        help="Qt platform plugin for the window figures (default offscreen)")
    args = parser.parse_args(argv)
    import asegui

    report: dict[str, Any] = {"tool": "asegui", "version": asegui.__version__, "python": platform.python_version(),
                              "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU(s)",
                              "statistic": "median", "targets": TARGETS,
                              "core": None if args.no_core else bench_core(args.quick),
                              "device": None if args.no_core else bench_device(args.quick)}
    report["window"] = None if args.no_window else bench_window(args.quick, args.platform)
    if args.no_window:
        report["window_skipped"] = "--no-window"
    if args.sweep:
        report["sweep"] = bench_sweep(args.quick)
    if args.fleet:
        report["fleet"] = bench_fleet(args.quick)
    if args.instructions:
        report["instructions"] = bench_instructions(args.platform)
    print(json.dumps(report, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
