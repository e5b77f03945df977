"""View › Language: follow the system, English or 简体中文; the choice is kept, and a restart applies it.

A window's texts are set as its widgets are made, and the open manifest's findings were worded by the analysis in
the language of that moment: switching means making both again. So the choice is saved at once and the window
offers to restart — closing first, which asks about unsaved decisions as closing always does — and opens the same
file again in the new language.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QMenu

from ..core import i18n
from . import dialogs, language
from .dialogs import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from .main_window import MainWindow

# The seam tests replace: start the new window's process, on its own (it outlives this one).
start_detached: Callable[[str, list[str]], object] = QProcess.startDetached



def restart_command(path: str | None) -> tuple[str, list[str]]:
    """How this app starts again with ``path``: the bundle's executable, or this Python running the window."""
    tail = [path] if path else []
    if getattr(sys, "frozen", False):
        return sys.executable, tail
    return sys.executable, ["-m", "asegui.gui.app", *tail]


class LanguageMenu(QMenu):
    """Its entries are made when it is first shown (start-up does not pay for them)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(tr("&Language"), window)
        self.setObjectName("language-menu")
        self.window_ = window
        self.entries: dict[str, QAction] = {}
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        if not self.entries:
            from PySide6.QtGui import QActionGroup

            group = QActionGroup(self)
            system = language.NAMES[language.system_language()]
            for code, text in (("", tr("Follow the system ({language})").format(language=system)),
                               ("en", language.NAMES["en"]), ("zh_CN", language.NAMES["zh_CN"])):
                action = self.addAction(text)
                action.setObjectName(f"language-{code or 'system'}")
                action.setCheckable(True)
                action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
                group.addAction(action)
                self.entries[code] = action
        self.entries[language.saved_choice(self.window_.settings)].setChecked(True)

    def choose(self, code: str) -> None:
        """Keep ``code`` ("" for the system's) and, if the window would speak another language, offer to restart."""
        window = self.window_
        window.settings.setValue(language.SETTING, code)
        window.settings.sync()
        wanted = code or language.system_language()
        if code in self.entries:
            self.entries[code].setChecked(True)
        name = language.NAMES[wanted]
        if wanted == i18n.language():
            window.statusBar().showMessage(tr("The window already speaks {language}").format(language=name), 6000)
            return
        if _holds_work(window):  # a restart reopens the file, not the decisions or a folder's devices
            window.statusBar().showMessage(tr("The window speaks {language} from its next start: save or export "
                                              "your decisions, then open the window again").format(language=name),
                                           12000)
            return
        if dialogs.confirm(window, tr("Change the language"),
                           tr("The window will speak {language} once it starts again. Restart now? It opens the "
                              "same file.").format(language=name),
                           yes=tr("&Restart now"), no=tr("&Later")):
            restart(window)
        else:
            window.statusBar().showMessage(tr("The window speaks {language} from its next start").format(
                language=name), 8000)


def _holds_work(window: MainWindow) -> bool:
    """Decisions taken, or a folder of devices open: what a restart on the same file would not bring back."""
    session = window.session
    return window.devices.active or (session is not None and (bool(session.decisions) or session.modified))


def restart(window: MainWindow) -> bool:
    """Close ``window`` (which may ask about unsaved decisions, and may be cancelled) and start the app again with
    its file; whether it closed."""
    path = window.session.path if window.session is not None else None
    if not window.close():
        return False
    program, arguments = restart_command(path)
    if not start_detached(program, arguments):
        print(f"asegui: could not start {program} again; open the window yourself", file=sys.stderr)
    return True
