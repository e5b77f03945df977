"""Entry point of the desktop window:
``asegui [FILE] [--view gpu|device] [--screenshot OUT.png [--select CODE] [--dark]]``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2
SCREENSHOT_SIZE = (1400, 900)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asegui", description="ASE Migration Assistant: review the migration of an Azure IoT Edge manifest "
                                   "from Azure Stack Edge Pro FPGA to Pro GPU.")
    parser.add_argument("file", nargs="?", metavar="FILE", help="the FPGA deployment manifest to open")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="render the window at 1400x900 offscreen, save it as a PNG and exit")
    parser.add_argument("--select", metavar="CODE", help="with --screenshot: select the first finding with CODE")
    parser.add_argument("--view", choices=("gpu", "device"), default=None,
                        help="beside the FPGA manifest show the GPU manifest (gpu) or the Kubernetes objects the "
                             "device creates from it (device)")
    parser.add_argument("--dark", action="store_true", help="use the dark palette")
    parser.add_argument("--lang", choices=("zh_CN", "en"), metavar="zh_CN|en",
                        help="the window's language (default: the Language menu's choice, else the system's)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot:
        # with no display Qt could not start at all; with one, a window would flash only to be photographed
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return screenshot(args)
    return run(args)


def _application(dark: bool, fusion: bool, lang: str | None = None) -> QApplication:
    """The application, in ``lang`` (else the saved or the system's language: :mod:`.language`).

    The garbage collector rests from here until the first window's first frame (:func:`build_window` takes the
    pause over): the imports and declarations of start-up make what lives as long as the app, and the collections
    they would set off (some twenty) only scan it."""
    from .. import collector

    global _start_pause
    if not _start_pause:
        collector.pause()
        _start_pause = True
    from PySide6.QtWidgets import QApplication

    from . import feature_scan

    feature_scan.quicken()  # before the window's hundred modules are imported
    from . import theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("asegui")
    app.setApplicationName("asegui")
    app.setApplicationDisplayName("ASE Migration Assistant")
    app.setDesktopFileName("asegui")  # Wayland docks match the window to asegui.desktop and its icon
    app.setWindowIcon(theme.icon("asegui"))
    if fusion:
        app.setStyle("Fusion")
    if dark:
        app.setPalette(theme.dark_palette())
    from . import language

    language.install(app, language.for_window(lang))
    return app


def build_window(args: argparse.Namespace, settings: QSettings | None = None) -> MainWindow:
    """The window as ``asegui FILE`` opens it: shown, with FILE open (or the start page and a dialog).

    Until its first frame is painted the garbage collector rests: start-up makes what lives as long as the window
    (modules, rule declarations, widgets) and no garbage worth a collection, which would only rescan all of it."""
    from .. import collector

    collector.pause()
    try:
        from .first_frame import FirstFrame
        from .main_window import MainWindow

        window = MainWindow(settings, start_page=not args.file)  # FILE takes the start page's place at once
        FirstFrame(window, collector.resume, when_destroyed=True)
    except BaseException:
        collector.resume()
        end_start_pause()
        raise
    if _start_pause:
        FirstFrame(window, end_start_pause, when_destroyed=True)
    if args.dark:
        window.dark_action.setChecked(True)
    if getattr(args, "view", None):
        window.device_action.setChecked(args.view == "device")
    window.show()
    if args.file:
        window.open_path(args.file)
        window.show_start_page_if_empty()  # (after an unexpected error; a reported failure showed it already)
    return window


_start_pause = False  # _application paused the collector; the first window's first frame ends the pause


def end_start_pause() -> None:
    """End the collector's pause that :func:`_application` began (once)."""
    global _start_pause
    if _start_pause:
        from .. import collector

        _start_pause = False
        collector.resume()


def run(args: argparse.Namespace) -> int:
    from . import errors
    from .file_open import FileOpenFilter
    from .platform_check import xcb_problem

    if problem := xcb_problem():  # missing X11 libraries: name them, rather than let Qt abort without
        print(problem, file=sys.stderr)
        return EXIT_FAILED
    app = _application(args.dark, fusion=False, lang=args.lang)
    try:
        opener = FileOpenFilter(app)
        app.installEventFilter(opener)
        errors.setup_logging()
        errors.install_excepthook()
        window = build_window(args)
    except BaseException:
        end_start_pause()  # no window will paint a first frame to end it
        raise
    opener.attach(window)
    code = int(app.exec())
    del window
    return code


def _quiet_offscreen() -> None:
    """The offscreen platform warns about window hints it cannot honour; that is expected here."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def screenshot(args: argparse.Namespace) -> int:
    """Open FILE (or the start page), select CODE, render at 1400x900 and save the PNG."""
    from PySide6.QtCore import QSettings

    from ..core import ManifestError
    from ..core.i18n import choose, set_language
    from ..review.session import Session
    from .main_window import MainWindow

    chosen = choose(args.lang)  # the user's saved choice does not count here, as their other settings do not
    set_language(chosen)  # before the analysis: its messages are made in the language then set
    session = None
    if args.file:
        try:
            session = Session(Path(args.file).read_bytes(), str(Path(args.file).resolve()))
        except OSError as exc:
            print(f"asegui: {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_UNREADABLE
        except ManifestError as exc:
            print(f"asegui: {exc.with_source(args.file)}", file=sys.stderr)
            return EXIT_UNREADABLE
    import tempfile

    _quiet_offscreen()
    app = _application(args.dark, fusion=True, lang=chosen)
    with tempfile.TemporaryDirectory(prefix="asegui-shot-") as folder:  # the user's settings stay untouched
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, restore=False)
        end_start_pause()
        window.resize(*SCREENSHOT_SIZE)
        if args.view == "device":
            window.device_action.setChecked(True)
        if session is not None:
            window.set_session(session)
            if args.select:
                match = next((f for f in session.findings if f.code == args.select.upper()), None)
                if match is None:
                    print(f"asegui: no finding with code {args.select} in {args.file}", file=sys.stderr)
                else:
                    window.checklist.select(match.id)
        window.show()
        for _round in range(5):
            app.processEvents()
        if session is not None:  # scroll positions settle once the views have their final size
            current = window.checklist.current_id()
            if current:
                window.checklist.select(current, centre=True)
                window.select_finding(current)
            app.processEvents()
        image = window.grab().toImage()
        ok = _small(image).save(args.screenshot, "PNG", 9)  # type: ignore[call-overload]
        window.close()
    if not ok:
        print(f"asegui: cannot write {args.screenshot}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _small(image: QImage) -> QImage:
    """A palette image: a screen of text needs few colours, and the PNG stays small for the README."""
    from collections import Counter

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())
    counts = Counter(data[i:i + 4] for i in range(0, len(data), 4))
    buckets: dict[int, tuple[int, bytes]] = {}  # colours 4 bits per channel apart share a bucket
    weight: Counter[int] = Counter()
    for colour, count in counts.items():
        key = (colour[0] >> 4) | (colour[1] >> 4) << 4 | (colour[2] >> 4) << 8
        weight[key] += count
        if key not in buckets or buckets[key][0] < count:
            buckets[key] = (count, colour)
    table = [int.from_bytes(buckets[key][1], "little") | 0xFF000000 for key, _n in weight.most_common(256)]
    return image.convertToFormat(QImage.Format.Format_Indexed8, table,
                                 Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)


if __name__ == "__main__":
    sys.exit(main())
