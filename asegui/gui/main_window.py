"""The main window: the two manifests side by side, the checklist, the selected finding, and export.

A view over :mod:`asegui.core` through :class:`Session`: it holds no migration logic.
"""

from __future__ import annotations

import bisect
import functools
import html
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import ManifestError, decisions
from ..resources_path import resource
from ..review.session import DefaultsApplied, DevicePhase, Session
from . import dialogs, errors, theme
from .checklist import ChecklistView
from .code_view import CodeView
from .detail import DetailPanel
from .device_set import DeviceSet
from .device_view import DevicePane
from .device_worker import DeviceWorker
from .errors import guarded
from .language_menu import LanguageMenu

if TYPE_CHECKING:
    from PySide6.QtCore import QFileSystemWatcher, QUrl
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from .find_bar import FindBar
    from .start_page import StartPage

log = logging.getLogger("asegui.gui")
MAX_RECENT = 8
RELOAD_DELAY_MS = 300  # after the last change on disk
Keys = QKeySequence | QKeySequence.StandardKey | str
SAMPLE_NAME = "fpga-sample.json"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, restore: bool = True, start_page: bool = True) -> None:
        """``start_page=False``: the first show leaves the start page unbuilt, for a caller that opens a
        document right after (a failure to open shows it then)."""
        super().__init__()
        self.settings = settings if settings is not None else QSettings("asegui", "asegui")
        self.session: Session | None = None
        self.form = "expanded"
        self.mask_secrets = True
        self._start_page: StartPage | None = None
        self._start_on_show = start_page
        self._syncing = False
        self._palette_refresh_pending = False
        self._anchors: list[tuple[int, int]] = []
        self._refreshing = False  # the checklist is rebuilt after a decision: its selection is kept, not re-made
        self._find_bar: FindBar | None = None  # made on the first Ctrl+F
        self._opening = False  # a large file is being read on a worker
        self._watcher: QFileSystemWatcher | None = None  # the open file, for a reload when it changes on disk
        self._reload_timer = QTimer(self)  # an editor's save comes as several changes: reload once they settle
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_from_disk)
        self._find_target: CodeView | None = None  # the manifest F3 steps through when no manifest has the focus
        # a decision repaints the GPU manifest at once; the device's objects are compiled and checked on a worker
        self._device_worker = DeviceWorker(self)
        self._device_worker.finished.connect(self._device_finished)
        self._device_worker.hold_until_painted(self)
        self.setObjectName("main-window")
        self.setWindowIcon(theme.icon("asegui"))
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("ASE Migration Assistant"))
        self._build_widgets()
        self._build_actions()
        self.devices = DeviceSet(self)  # a folder opened as a site: its device list and actions
        self._build_menus()
        errors.redactor = self._redact
        self.resize(1400, 900)
        if restore:
            self._restore_layout()
            self.devices.clear()  # a saved layout may show the device list: no folder is open yet
        self._update_actions()
        self._update_title()  # the start page comes with the first show, if no document is open by then

    # ================================================================================================ building
    def _build_widgets(self) -> None:
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")

        self.workspace = QWidget(self.stack)
        self.workspace.setObjectName("workspace")
        layout = QVBoxLayout(self.workspace)
        layout.setContentsMargins(4, 4, 4, 0)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, self.workspace)
        self.main_splitter.setObjectName("main-splitter")
        self.main_splitter.setChildrenCollapsible(False)

        self.panes_splitter = QSplitter(Qt.Orientation.Horizontal, self.main_splitter)
        self.panes_splitter.setObjectName("panes-splitter")
        self.input_view = CodeView("input-view")
        self.input_view.setAccessibleName(self.tr("FPGA manifest (input)"))
        self.input_view.setAccessibleDescription(self.tr(
            "The FPGA deployment manifest, read-only. A mark in the margin shows a changed line; Enter on a line "
            "selects its finding; Alt+Down and Alt+Up go from change to change."))
        self.output_view = CodeView("output-view")
        self.output_view.setAccessibleName(self.tr("GPU manifest (output)"))
        self.output_view.setAccessibleDescription(self.tr(
            "The GPU deployment manifest your decisions make, as it will be exported, read-only. A mark in the "
            "margin shows a changed line; Enter on a line selects its finding; Alt+Down and Alt+Up go from change "
            "to change."))
        self.input_title = QLabel(self)
        self.output_title = QLabel(self)
        # Conflicts between fixes and problems of the output itself: nothing the checklist's findings can say.
        self.output_problems = QLabel(self)
        self.output_problems.setObjectName("output-problems")
        self.output_problems.setAccessibleName(self.tr("Problems with the GPU manifest"))
        self.output_problems.setTextFormat(Qt.TextFormat.RichText)
        self.output_problems.setWordWrap(True)
        self.output_problems.hide()
        # The GPU manifest and what the device makes of it share the right side: the YAML is compared with the
        # manifest that produced it, and the FPGA side stays in view for both.
        self.output_tabs = QTabWidget()
        self.output_tabs.setObjectName("output-tabs")
        self.output_tabs.setDocumentMode(True)
        self.output_tabs.setAccessibleName(self.tr("GPU manifest or its objects on the device"))
        self.output_tabs.setAccessibleDescription(self.tr(
            "The GPU manifest, or the Kubernetes objects the GPU device creates from it (Ctrl+K switches)"))
        for title, view in ((self.input_title, self.input_view), (self.output_title, self.output_view)):
            box = QWidget(self.panes_splitter if view is self.input_view else self.output_tabs)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            title.setObjectName(view.objectName() + "-title")
            title.setAccessibleName(view.accessibleName())
            title.setTextFormat(Qt.TextFormat.RichText)
            title.setBuddy(view)
            box_layout.addWidget(title)
            if view is self.output_view:
                box_layout.addWidget(self.output_problems)
            box_layout.addWidget(view)
        self.panes_splitter.addWidget(self.output_tabs)
        self.output_box = box  # the GPU manifest's title, problems and pane
        self.output_tabs.addTab(self.output_box, self.tr("GPU manifest"))
        self.device_pane = DevicePane(self.output_tabs)
        self.device_view = self.device_pane.view
        self.device_pane.settingsRequested.connect(self.set_device_settings)
        self.output_tabs.addTab(self.device_pane, self.tr("On the device"))
        self.output_tabs.setCornerWidget(self.device_pane.settings_bar, Qt.Corner.TopRightCorner)
        self.output_tabs.setTabToolTip(0, self.tr("The converted deployment manifest, as it will be exported"))
        self.output_tabs.setTabToolTip(1, self.tr("The Kubernetes objects the GPU device's runtime creates from it"))
        self.output_tabs.currentChanged.connect(self._output_tab_changed)
        self.input_view.lineActivated.connect(lambda line: self._line_activated("input", line))
        self.output_view.lineActivated.connect(lambda line: self._line_activated("output", line))
        self.input_view.verticalScrollBar().valueChanged.connect(lambda _v: self._sync_scroll(self.input_view))
        self.output_view.verticalScrollBar().valueChanged.connect(lambda _v: self._sync_scroll(self.output_view))
        self.input_view.horizontalScrollBar().valueChanged.connect(
            lambda v: self._sync_horizontal(self.output_view, v))
        self.output_view.horizontalScrollBar().valueChanged.connect(
            lambda v: self._sync_horizontal(self.input_view, v))

        self.bottom_splitter = QSplitter(Qt.Orientation.Horizontal, self.main_splitter)
        self.bottom_splitter.setObjectName("bottom-splitter")
        self.bottom_splitter.setChildrenCollapsible(False)
        checklist_box = QWidget(self.bottom_splitter)
        box_layout = QVBoxLayout(checklist_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        bar = QHBoxLayout()
        self.checklist_title = QLabel(self)
        self.checklist_title.setObjectName("checklist-title")
        self.checklist_title.setAccessibleName(self.tr("Checklist summary"))
        bar.addWidget(self.checklist_title, 1)
        self.needs_me_button = QToolButton(self)
        self.accept_area_button = QToolButton(self)
        self.accept_all_button = QToolButton(self)
        for button in (self.needs_me_button, self.accept_area_button, self.accept_all_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
        box_layout.addLayout(bar)
        self.checklist = ChecklistView(checklist_box)
        self.checklist.setAccessibleName(self.tr("Checklist of findings"))
        self.checklist.source.acceptRequested.connect(self.set_accepted)
        self.checklist.menuRequested.connect(self._finding_menu_requested)
        self.checklist.selectionModel().currentChanged.connect(self._current_changed)
        box_layout.addWidget(self.checklist)
        self.detail = DetailPanel(self.bottom_splitter)
        self.detail.acceptToggled.connect(self.set_accepted)
        self.detail.paramCommitted.connect(self.set_param)
        self.detail.noteCommitted.connect(self.set_note)
        self.bottom_splitter.setStretchFactor(0, 3)
        self.bottom_splitter.setStretchFactor(1, 2)
        self.bottom_splitter.setSizes([820, 560])
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.main_splitter.setSizes([470, 330])
        layout.addWidget(self.main_splitter)

        # shown until the start page or a document takes its place, so the workspace is first laid out with
        # its texts (the panes split by their titles' widths) whether or not the start page came first
        self._blank = QWidget(self.stack)
        self.stack.addWidget(self._blank)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setAccessibleName(self.tr("Summary of findings"))
        self.statusBar().addPermanentWidget(self.summary)
        self.statusBar().setAccessibleName(self.tr("Status bar"))
        self.menuBar().setAccessibleName(self.tr("Menu bar"))

    def _action(self, text: str, shortcuts: Keys | list[Keys], tip: str,
                slot: Callable[..., object] | None = None, checkable: bool = False, name: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name or text)
        keys = shortcuts if isinstance(shortcuts, list) else [shortcuts]
        action.setShortcuts([QKeySequence(k) for k in keys])
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(self.tr("{tip} ({shortcut})").format(tip=tip, shortcut=shown) if shown else tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if slot is not None:
            if checkable:
                action.toggled.connect(slot)
            else:
                action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a(self.tr("&Open…"), "Ctrl+O",
                             self.tr("Open an FPGA deployment manifest"), self.open_dialog, name="open")
        self.sample_action = a(self.tr("Try the &sample"), "Ctrl+Shift+T",
                               self.tr("Open the FPGA sample manifest bundled with the app"), self.open_sample,
                               name="sample")
        self.export_action = a(self.tr("&Export GPU manifest…"), "Ctrl+E",
                               self.tr("Write the GPU manifest, exactly as asegui-cli convert would"), self.export,
                               name="export")
        self.report_action = a(self.tr("Export migration &report…"), "Ctrl+R",
                               self.tr("Write the migration record for the customer: findings, decisions, before and "
                                       "after, the device checklist (HTML, Markdown or JSON; secrets masked)"),
                               self.export_report, name="export-report")
        self.save_decisions_action = a(self.tr("&Save decisions…"), "Ctrl+S",
                                       self.tr("Save every decision to a file asegui-cli can replay"),
                                       self.save_decisions, name="save-decisions")
        self.load_decisions_action = a(self.tr("&Load decisions…"), "Ctrl+L",
                                       self.tr("Replay decisions saved earlier (by the window or asegui-cli)"),
                                       self.load_decisions, name="load-decisions")
        self.close_action = a(self.tr("&Close manifest"), "Ctrl+W",
                              self.tr("Close the manifest and go back to the start page"), self.close_document,
                              name="close-document")
        self.quit_action = a(self.tr("&Quit"), "Ctrl+Q", self.tr("Quit the application"),
                             self.close, name="quit")
        self.undo_action = a(self.tr("&Undo"), "Ctrl+Z", self.tr("Undo the last decision"), self.undo, name="undo")
        self.redo_action = a(self.tr("&Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.tr("Redo the decision undone"),
                             self.redo, name="redo")
        self.accept_all_action = a(self.tr("Accept &all defaults"), "Ctrl+Shift+A",
                                   self.tr("Accept every proposed change with its default values"),
                                   self.accept_all, name="accept-all")
        self.accept_area_action = a(self.tr("Accept defaults in this &area"), "Ctrl+Alt+A",
                                    self.tr("Accept every proposed change of the selected finding's area"),
                                    self.accept_area, name="accept-area")
        self.next_action = a(self.tr("&Next finding"), "F8", self.tr("Go to the next finding"), self.next_finding,
                             name="next")
        self.previous_action = a(self.tr("&Previous finding"), "Shift+F8", self.tr("Go to the previous finding"),
                                 self.previous_finding, name="previous")
        self.find_action = a(self.tr("&Find…"), QKeySequence.StandardKey.Find, self.tr("Find text in both manifests "
                             "and in the checklist"), self.open_find, name="find")
        self.find_next_action = a(self.tr("Find ne&xt"), "F3", self.tr("The next match in the manifest with the focus"),
                                  lambda: self._find_step(1), name="find-next")
        self.find_previous_action = a(self.tr("Find pre&vious"), "Shift+F3", self.tr("The previous match in the "
                                      "manifest with the focus"), lambda: self._find_step(-1), name="find-previous")
        self.next_change_action = a(self.tr("Next &change"), "Alt+Down", self.tr("Go to the next changed lines in "
                                    "the manifest with the focus (the GPU manifest otherwise)"),
                                    lambda: self._go_to_change(1), name="next-change")
        self.previous_change_action = a(self.tr("Previous c&hange"), "Alt+Up", self.tr("Go to the previous changed "
                                        "lines in the manifest with the focus (the GPU manifest otherwise)"),
                                        lambda: self._go_to_change(-1), name="previous-change")
        self.focus_checklist_action = a(self.tr("&Checklist"), "Ctrl+1", self.tr("Move the keyboard focus to the "
                                        "checklist"), lambda: self._focus(self.checklist), name="focus-checklist")
        self.focus_input_action = a(self.tr("&FPGA manifest"), "Ctrl+2", self.tr("Move the keyboard focus to the "
                                    "FPGA manifest"), lambda: self._focus(self.input_view), name="focus-input")
        self.focus_output_action = a(self.tr("&GPU manifest"), "Ctrl+3", self.tr("Move the keyboard focus to the GPU "
                                     "manifest (or the objects on the device)"), self._focus_output,
                                     name="focus-output")
        self.focus_detail_action = a(self.tr("Selected &finding"), "Ctrl+4", self.tr("Move the keyboard focus to the "
                                     "selected finding's decision"), self._focus_detail, name="focus-detail")
        self.needs_me_action = a(self.tr("Only what &needs me"), "Ctrl+Shift+M",
                                 self.tr("Show only findings that wait for a value or a manual step from you"),
                                 self.set_needs_me, checkable=True, name="needs-me")
        self.deployable_action = a(self.tr("&Deployable form"), "Ctrl+D",
                                   self.tr("Show createOptions as deployable strings (chunks of 512 characters) "
                                           "instead of expanded objects"), self.set_deployable, checkable=True,
                                   name="deployable")
        self.lock_action = a(self.tr("&Lock scrolling"), "Ctrl+Shift+L",
                             self.tr("Keep both manifests scrolled in step, module by module"), None,
                             checkable=True, name="lock-scrolling")
        self.lock_action.setChecked(True)
        self.device_action = a(self.tr("On the &device"), "Ctrl+K",
                               self.tr("Show the Kubernetes objects the GPU device creates from the manifest (YAML) "
                                       "instead of the GPU manifest"), self.set_device_view, checkable=True,
                               name="device-view")
        self.as_written_action = a(self.tr("FPGA file as &written"), "Ctrl+Shift+O",
                                   self.tr("Show the FPGA manifest's own text, with its comments and createOptions "
                                           "strings as written (the lines MAN007 and load errors name)"),
                                   self.set_as_written, checkable=True, name="as-written")
        self.secrets_action = a(self.tr("Show &secrets"), "Ctrl+Shift+P",
                                self.tr("Show registry passwords and secret values instead of ••••"),
                                self.set_show_secrets, checkable=True, name="show-secrets")
        self.dark_action = a(self.tr("Dar&k palette"), "Ctrl+Shift+D", self.tr("Switch between light and dark colours"),
                             self.set_dark, checkable=True, name="dark")
        self.shortcuts_action = a(self.tr("&Keyboard shortcuts"), "F1",
                                  self.tr("List every keyboard shortcut"), self.show_shortcuts, name="shortcuts")
        self.about_action = a(self.tr("&About"), "Ctrl+F1", self.tr("About ASE Migration Assistant"), self.show_about,
                              name="about")
        self.needs_me_button.setDefaultAction(self.needs_me_action)
        self.accept_area_button.setDefaultAction(self.accept_area_action)
        self.accept_all_button.setDefaultAction(self.accept_all_action)
        for button in (self.needs_me_button, self.accept_area_button, self.accept_all_button):
            button.setAccessibleName(button.defaultAction().text().replace("&", ""))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.open_action, self.devices.open_action, self.sample_action])
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self.recent_menu.setObjectName("recent-menu")
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.devices.export_action, self.report_action,
                              self.save_decisions_action, self.load_decisions_action])
        file_menu.addSeparator()
        file_menu.addActions([self.close_action, self.quit_action])
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.find_next_action, self.find_previous_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.accept_area_action, self.accept_all_action, self.devices.apply_action])
        go_menu = bar.addMenu(self.tr("&Go"))
        go_menu.addActions([self.next_action, self.previous_action])
        go_menu.addActions([self.next_change_action, self.previous_change_action])
        go_menu.addSeparator()
        go_menu.addAction(self.needs_me_action)
        go_menu.addSeparator()
        go_menu.addActions([self.focus_checklist_action, self.focus_input_action, self.focus_output_action,
                            self.focus_detail_action])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.device_action, self.deployable_action, self.as_written_action, self.lock_action,
                              self.secrets_action, self.dark_action])
        view_menu.addSeparator()
        self.sort_menu = view_menu.addMenu(self.tr("S&ort the checklist by"))
        self.sort_menu.setObjectName("sort-menu")
        self.sort_menu.aboutToShow.connect(lambda: self.sort_actions)  # its entries are made when first shown
        self._sort_actions: dict[int, QAction] = {}
        self.language_menu = LanguageMenu(self)
        view_menu.addMenu(self.language_menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.shortcuts_action, self.about_action])
        for menu in (file_menu, edit_menu, go_menu, view_menu, help_menu):
            menu.setToolTipsVisible(True)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._refresh_glyph_icons()
        toolbar.addActions([self.open_action, self.export_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.previous_action, self.next_action])
        toolbar.addSeparator()
        toolbar.addActions([self.deployable_action, self.lock_action])
        self.toolbar = toolbar
        self._update_recent_menu()

    @property
    def start_page(self) -> StartPage:
        """Built on first use: a window opened with a file never shows it, and building it delays the first frame."""
        if self._start_page is None:
            from .start_page import StartPage

            page = StartPage(self.stack)
            page.openRequested.connect(self.open_dialog)
            page.sampleRequested.connect(self.open_sample)
            page.recentRequested.connect(self.open_path)
            page.set_recent(self.recent_files())
            self.stack.insertWidget(0, page)
            self._start_page = page
        return self._start_page

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._start_on_show:
            self.show_start_page_if_empty()
        self._start_on_show = True
        super().showEvent(event)

    def show_start_page_if_empty(self) -> None:
        """With no document open, the window shows the start page."""
        if self.session is None and self.stack.currentWidget() is not self._start_page:
            self._show_start()

    # ================================================================================================= state
    def _show_start(self) -> None:
        self.start_page.set_recent(self.recent_files())
        self.stack.setCurrentWidget(self.start_page)
        self._update_actions()
        self._update_title()

    def _redact(self, text: str) -> str:
        return self.session.masked(text) if self.session is not None else text

    def set_session(self, session: Session) -> None:
        """Show a freshly opened document (the caller has loaded it without error)."""
        self._detach(self.session)
        self.session = session
        session.listeners.append(self._session_changed)
        session.device_listeners.append(self._device_checked)
        session.run_device = functools.partial(self._device_worker.submit, session)
        session.start_device()  # a session opened with its first device phase left for the worker
        self.checklist.set_session(session)
        self.detail.show_finding(None)
        self.input_view.clear_range()
        self.output_view.clear_range()
        self.device_view.clear_range()
        self._render(initial=True)
        self.stack.setCurrentWidget(self.workspace)
        self._update_actions()
        self._update_title()
        self._update_counts()
        self.devices.shown(session)  # a device of the open folder, or a document alone (which ends the folder)
        ids = self.checklist.visible_ids()
        if ids:
            self.checklist.select(ids[0])  # and both manifests scroll to it: the first screen shows what is selected
        else:
            self.input_view.scroll_to_line(1)
            self.output_view.scroll_to_line(1)

    @staticmethod
    def _detach(session: Session | None) -> None:
        """A session the window no longer shows: it tells the window nothing more, and a device phase of it that
        a worker still runs is dropped when it finishes (see _device_finished)."""
        if session is not None:
            session.listeners.clear()
            session.device_listeners.clear()
            session.run_device = None

    def _session_changed(self) -> None:
        """A decision changed: re-render the GPU side, the counts and the selection's highlight.

        The findings on the device's objects follow when the worker has checked them (_device_checked)."""
        self._render()
        self._refresh_findings()

    @guarded
    def _device_finished(self, session: Session, phase: DevicePhase) -> None:
        """A worker finished a device phase: the session takes it in if it is the current result's."""
        if session is self.session:
            session.device_ready(phase)

    def _device_checked(self) -> None:
        """The current result's device phase is done: its objects in the device view, and its findings in the
        checklist (rows come and go, the selection and the scroll position stay) and in the counts."""
        if self.session is None:
            return
        self.device_pane.set_session(self.session, self.mask_secrets)
        self._refresh_findings(device=True)

    def _refresh_findings(self, device: bool = False) -> None:
        """Findings on the device's objects come and go with the decisions: the checklist is rebuilt then, keeping
        the selected finding if it is still there.

        ``device``: only the device phase changed, which leaves the input's findings as they were: a selected one
        keeps its detail (a value being typed there stays) and its highlights but the device view's."""
        self._refreshing = True
        try:
            self.checklist.refresh()
        finally:
            self._refreshing = False
        self._update_counts()
        self._update_actions()
        self._update_title()
        current = self.checklist.current_id()
        if current and self.session is not None and self.session.has_finding(current):
            finding = self.session.finding(current)
            if not device or finding.rule.phase == "device":
                self.detail.show_finding(finding)
                self._highlight(current, scroll=False)
            elif self.device_pane.isVisible():
                self.device_pane.show_finding(finding, scroll=False)
        elif self.session is not None:
            self.detail.show_finding(None)
            for view in (self.input_view, self.output_view, self.device_view):
                view.clear_range()

    def _render(self, initial: bool = False) -> None:
        session = self.session
        if session is None:
            return
        self._syncing = True
        try:
            changes = session.changes(self.form)
            written = self.as_written_action.isChecked()
            for side, view in (("input", self.input_view), ("output", self.output_view)):
                text = session.written()[0] if side == "input" and written else session.rendered(side, self.form)[0]
                if self.mask_secrets:
                    text = session.masked(text)
                # as written, the FPGA side's lines are not those the differences are counted on: no marks there
                marks = {} if side == "input" and written else changes.input if side == "input" else changes.output
                view.set_content(text, marks)
            pairs = {} if written else changes.pairs
            self.output_view.set_partners(pairs, self.input_view)  # what changed inside a changed line
            self.input_view.set_partners({left: right for right, left in pairs.items()}, self.output_view)
            self._anchors = [] if written else session.anchors(self.form)
        finally:
            self._syncing = False
        self.device_pane.set_session(session, self.mask_secrets)  # the YAML only while it is shown
        self._update_find_count()  # the panes found their matches again in the new text
        form = self.tr("deployable form") if self.form == "deployable" else self.tr("expanded createOptions")
        if not self.input_view.coloured or not self.output_view.coloured:
            form += self.tr("; a large file, shown without colours")
        changed = len(session.changes(self.form).output)
        input_form = self.tr("as written: its own lines, no change marks") if self.as_written_action.isChecked() \
            else form
        self.input_title.setText(self.tr("<b>FPGA manifest</b> — {name} <i>({form})</i>").format(
            name=session.display_name, form=input_form))
        self.output_title.setText(self.tr("<b>GPU manifest</b> — generated, {count} changed line(s) marked "
                                          "<i>({form})</i>").format(count=changed, form=form))
        self._show_output_problems()

    def _show_output_problems(self) -> None:
        """Conflicting fixes and an output too long to deploy, above the GPU pane while there are any."""
        session = self.session
        problems = [c.message for c in session.result.conflicts] + session.result.output_warnings if session else []
        if not problems:
            self.output_problems.hide()
            return
        mark = theme.tone(30).name()
        more = self.tr(" (and %n more: hover to read them)", "", len(problems) - 1) if len(problems) > 1 else ""
        self.output_problems.setText(f'<span style="color:{mark}">⚠</span> '
                                     + self.tr("<b>Check before deploying:</b> {problem}{more}").format(
                                         problem=html.escape(problems[0]), more=html.escape(more)))
        self.output_problems.setToolTip("<br>".join(html.escape(problem) for problem in problems))
        self.output_problems.show()

    def _update_counts(self) -> None:
        session = self.session
        if session is None:
            self.summary.clear()
            self.checklist_title.clear()
            return
        counts = session.counts()
        unresolved = len(session.unresolved_errors())
        self.summary.setText(self.tr("{error} error(s) · {warning} warning(s) · {info} info — {accepted} of {total} "
                                     "accepted — {needs} need you — {unresolved} unresolved error(s)").format(
            error=counts["error"], warning=counts["warning"], info=counts["info"], accepted=counts["accepted"],
            total=counts["total"], needs=counts["needs_me"], unresolved=unresolved))
        self.checklist_title.setText(self.tr("<b>Checklist</b> — {total} finding(s), {needs} need you").format(
            total=counts["total"], needs=counts["needs_me"]))

    def _update_actions(self) -> None:
        has = self.session is not None
        for action in (self.export_action, self.report_action, self.save_decisions_action, self.load_decisions_action,
                       self.close_action, self.accept_all_action, self.accept_area_action, self.next_action,
                       self.previous_action, self.needs_me_action, self.deployable_action, self.lock_action,
                       self.secrets_action, self.device_action, self.next_change_action, self.previous_change_action,
                       self.find_action, self.find_next_action, self.find_previous_action, self.as_written_action,
                       self.focus_checklist_action, self.focus_input_action,
                       self.focus_output_action, self.focus_detail_action):
            action.setEnabled(has)
        self.undo_action.setEnabled(has and self.session.can_undo)  # type: ignore[union-attr]
        self.redo_action.setEnabled(has and self.session.can_redo)  # type: ignore[union-attr]

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(self.tr("ASE Migration Assistant"))
            self.setWindowModified(False)
            return
        self.setWindowTitle(self.tr("{name}[*] — ASE Migration Assistant").format(name=self.session.display_name))
        self.setWindowModified(self.session.modified)

    # ============================================================================================ selection
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._refreshing:  # the same finding, selected again after the rebuild: _session_changed shows it
            return
        finding_id = self.checklist.current_id()
        self.select_finding(finding_id)

    @guarded
    def select_finding(self, finding_id: str | None) -> None:
        session = self.session
        if session is None:
            return
        if finding_id is None or not session.has_finding(finding_id):
            self.detail.show_finding(None)
            self.input_view.clear_range()
            self.output_view.clear_range()
            self.device_view.clear_range()
            return
        self.detail.show_finding(session.finding(finding_id))
        self._highlight(finding_id, scroll=True)

    def _highlight(self, finding_id: str, scroll: bool) -> None:
        session = self.session
        if session is None:
            return
        finding = session.finding(finding_id)
        self._syncing = True
        try:
            self.input_view.show_range(session.lines(finding, self._input_side(), self.form), scroll)
            self.output_view.show_range(session.lines(finding, "output", self.form), scroll)
            if self.device_pane.isVisible():  # found again when the pane is shown
                self.device_pane.show_finding(finding, scroll)
        finally:
            self._syncing = False

    def _step(self, delta: int) -> None:
        ids = self.checklist.visible_ids()
        if not ids:
            return
        current = self.checklist.current_id()
        if current in ids:
            position = (ids.index(current) + delta) % len(ids)
        else:
            position = 0 if delta > 0 else len(ids) - 1
        self.checklist.select(ids[position])

    @guarded
    def next_finding(self) -> None:
        if self.commit_pending():
            self._step(1)

    @guarded
    def previous_finding(self) -> None:
        if self.commit_pending():
            self._step(-1)

    def commit_pending(self) -> bool:
        """A value typed in the detail panel but not entered yet is committed before the window moves on (next,
        previous, accept defaults, export, save, open, close, quit), as Enter or leaving the field would.

        A refused value is not dropped and not passed over: it stays in its field, which takes the focus and shows
        why, and the action stops (False) until the user corrects or clears it."""
        refused = self.detail.commit_pending()
        if refused is None:
            return True
        field, problem = refused
        field.editor.setFocus()
        self.statusBar().showMessage(self.tr("{label} is refused: {problem}").format(label=field.param.label,
                                                                                     problem=problem), 8000)
        return False

    def may_leave(self, doing: str) -> bool:
        """Every way out of the open document comes here (opening another, even the same file again; a drop; a
        recent file; Close manifest; Quit; closing the window): decisions not saved are saved, discarded or kept,
        as the user answers. ``doing`` says what happens next, for the question."""
        if not self.devices.may_leave(doing):  # the devices of an open folder that are not shown
            return False
        session = self.session
        if session is None:
            return True
        refused = self.detail.commit_pending()
        if not session.modified and refused is None:
            return True
        text = self.tr("The decisions on {name} are not saved. Save them to a file before {doing}? Undo cannot "
                       "bring them back afterwards.").format(name=session.display_name, doing=doing)
        if not session.modified:
            text = self.tr("The decisions on {name} are saved, but a value typed in the detail panel is "
                           "not.").format(name=session.display_name)
        if refused is not None:
            field, problem = refused
            text += "\n\n" + self.tr("{label} holds a value that is refused and cannot be saved: {problem}").format(
                label=field.param.label, problem=problem)
        answer = dialogs.ask_save(self, self.tr("Save the decisions?"), text)
        if answer == "save":
            return self._save_decisions()
        if answer == "discard":
            return True
        if refused is not None:
            refused[0].editor.setFocus()
        return False

    # ============================================================================================ decisions
    @guarded
    def set_accepted(self, finding_id: str, accepted: bool) -> None:
        if self.session is None:
            return
        finding = self.session.finding(finding_id)
        label = (self.tr("accept {code}") if accepted else self.tr("reject {code}")).format(code=finding.code)
        self.session.set_accepted(finding_id, accepted, label)
        if self.checklist.current_id() != finding_id:
            self.checklist.select(finding_id)

    @guarded
    def set_note(self, finding_id: str, note: str) -> None:
        if self.session is None or not self.session.has_finding(finding_id):
            return
        finding = self.session.finding(finding_id)
        if finding.note != note:
            self.session.set_note(finding_id, note, self.tr("note on {code}").format(code=finding.code))

    @guarded
    def set_param(self, finding_id: str, name: str, value: object) -> None:
        if self.session is None:
            return
        finding = self.session.finding(finding_id)
        problem = self.session.set_param(finding_id, name, value,
                                         self.tr("set {name} of {code}").format(name=name, code=finding.code))
        self.detail.show_problem(name, problem)
        if problem:
            self.statusBar().showMessage(problem, 6000)

    @guarded
    def accept_all(self) -> None:
        if self.session is not None and self.commit_pending():
            summary = self.session.use_defaults(None, self.tr("accept all defaults"))
            self._say_defaults(summary)

    @guarded
    def accept_area(self) -> None:
        if self.session is None or not self.commit_pending():
            return
        area = self.checklist.current_area()
        if not area:
            self.statusBar().showMessage(self.tr("Select a finding or an area first."), 5000)
            return
        summary = self.session.use_defaults(area, self.tr("accept defaults in {area}").format(area=area))
        self._say_defaults(summary)

    def _say_defaults(self, summary: DefaultsApplied) -> None:
        """What "accept defaults" changed, in words: fixes off by default stay off, and the message says so."""
        if summary.changed or summary.text():
            self.statusBar().showMessage(self.tr("Defaults: {what}.").format(what=summary.text()), 8000)
        else:
            self.statusBar().showMessage(self.tr("Every finding already has its default."), 5000)

    @guarded
    def undo(self) -> None:
        if self.session is not None and self.session.can_undo:
            label = self.session.undo()
            self.statusBar().showMessage(self.tr("Undone: {what}").format(what=label), 4000)

    @guarded
    def redo(self) -> None:
        if self.session is not None and self.session.can_redo:
            label = self.session.redo()
            self.statusBar().showMessage(self.tr("Redone: {what}").format(what=label), 4000)

    @guarded
    def set_device_settings(self, gpus: int, service_type: str) -> None:
        """Convert for a device with other settings; one undoable step, like a decision."""
        session = self.session
        if session is None:
            return
        settings = session.settings.replace(gpus=gpus, service_type=service_type)
        if settings == session.settings:
            return
        session.set_settings(settings, self.tr("device: {gpus} GPU(s), {kind}").format(gpus=gpus, kind=service_type))
        self.statusBar().showMessage(self.tr("Converted for a device with %n GPU(s) and {kind} Services.", "",
                                             gpus).format(kind=service_type), 5000)

    # =================================================================================================== view
    @guarded
    def set_device_view(self, on: bool) -> None:
        self.output_tabs.setCurrentWidget(self.device_pane if on else self.output_box)

    def _output_tab_changed(self, index: int) -> None:
        on = self.output_tabs.widget(index) is self.device_pane
        if self.device_action.isChecked() != on:
            self.device_action.setChecked(on)
        current = self.checklist.current_id()
        if on and current and self.session is not None and self.session.has_finding(current):
            self.device_pane.show_finding(self.session.finding(current))

    def device_view_shown(self) -> bool:
        return self.output_tabs.currentWidget() is self.device_pane

    @guarded
    def set_needs_me(self, on: bool) -> None:
        self.checklist.set_needs_me_only(on)
        if self.checklist.current_id() is None:
            ids = self.checklist.visible_ids()
            if ids:
                self.checklist.select(ids[0])

    @guarded
    def set_deployable(self, on: bool) -> None:
        self.form = "deployable" if on else "expanded"
        self._render()
        current = self.checklist.current_id()
        if current:
            self._highlight(current, scroll=True)

    @guarded
    def set_as_written(self, on: bool) -> None:
        """The FPGA side as the file is written (comments, spacing, createOptions strings) or as converted from."""
        self._render()
        current = self.checklist.current_id()
        if current:
            self._highlight(current, scroll=True)

    def _input_side(self) -> str:
        return "written" if self.as_written_action.isChecked() else "input"

    @guarded
    def set_show_secrets(self, on: bool) -> None:
        self.mask_secrets = not on
        self._render()

    @guarded
    def set_dark(self, on: bool) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setPalette(theme.dark_palette() if on else theme.light_palette())
        self.settings.setValue("dark", on)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # The window hears of a new palette before its children have it: they re-derive their colours once
            # it has reached them all (both events come for one change: one refresh).
            if not getattr(self, "_palette_refresh_pending", False):
                self._palette_refresh_pending = True
                QTimer.singleShot(0, self, self._refresh_colours)

    def _refresh_colours(self) -> None:
        """Every colour derived from the palette follows it (the OS theme, the View menu, setPalette)."""
        self._palette_refresh_pending = False
        for view in (self.input_view, self.output_view):
            view.refresh_colours()
        self.device_pane.refresh_colours()
        self.checklist.refresh_colours()
        self.detail.refresh_colours()
        self._refresh_glyph_icons()
        if self._start_page is not None:
            self._start_page.refresh_colours()
        self._show_output_problems()
        current = self.checklist.current_id()
        self.detail.show_finding(self.session.finding(current) if self.session is not None and current else None)

    def _refresh_glyph_icons(self) -> None:
        """The tool bar's icons are drawn in the palette's button text colour (the style's arrows stay black)."""
        pal = self.palette()
        for action, glyph in ((self.open_action, "open"), (self.export_action, "export"),
                              (self.undo_action, "left"), (self.redo_action, "right"),
                              (self.previous_action, "up"), (self.next_action, "down")):
            action.setIcon(theme.glyph_icon(glyph, pal))

    def _sync_scroll(self, source: CodeView) -> None:
        if self._syncing or not self.lock_action.isChecked() or not self._anchors:
            return
        if QGuiApplication.queryKeyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            return  # Shift decouples the panes while it is held, as in Meld
        target = self.output_view if source is self.input_view else self.input_view
        pairs = self._anchors if source is self.input_view else [(b, a) for a, b in self._anchors]
        line = source.top_line()
        keys = [p[0] for p in pairs]
        position = bisect.bisect_right(keys, line) - 1
        if position < 0:
            mapped = line
        else:
            here, there = pairs[position]
            mapped = there + (line - here)
            if position + 1 < len(pairs):
                mapped = min(mapped, pairs[position + 1][1] - 1)
        self._syncing = True
        try:
            target.scroll_to_line(mapped)
        finally:
            self._syncing = False

    def _sync_horizontal(self, target: CodeView, value: int) -> None:
        if self._syncing or not self.lock_action.isChecked():
            return
        self._syncing = True
        try:
            target.horizontalScrollBar().setValue(value)
        finally:
            self._syncing = False

    # ================================================================================================ files
    @guarded
    def open_dialog(self) -> None:
        directory = str(self.settings.value("last_dir", "") or "")
        path = dialogs.open_path(self, self.tr("Open an FPGA deployment manifest"), directory)
        if path:
            self.open_path(path)

    @guarded
    def open_sample(self) -> None:
        data = resource("samples", SAMPLE_NAME).read_bytes()
        self._open_bytes(data, None, self.tr("{name} (sample)").format(name=SAMPLE_NAME))

    @guarded
    def open_path(self, path: str) -> bool:
        """Open a manifest; on failure a dialog says why and the open document stays."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.show_start_page_if_empty()
            self._prune_recent(path)
            dialogs.error(self, self.tr("Cannot open the file"),
                          self.tr("{path} cannot be read: {reason}").format(path=path,
                                                                             reason=exc.strerror or exc))
            return False
        if self._open_bytes(data, str(Path(path).resolve()), None):
            self._add_recent(str(Path(path).resolve()))
            self.settings.setValue("last_dir", str(Path(path).resolve().parent))
            return True
        return False

    def _open_bytes(self, data: bytes, path: str | None, display: str | None) -> bool:
        name = display or (Path(path).name if path else "")
        if self._opening:  # a large file is opening behind its progress dialog: one at a time
            return False
        try:
            session = self._load(data, path, display, name)
        except ManifestError as exc:
            self.show_start_page_if_empty()
            text = self.tr("{name} is not a deployment manifest this tool can read.").format(name=name)
            reason = exc.message
            if exc.line is not None:  # the place once, in words
                reason = self.tr("Line {line}, column {column}: {reason}").format(
                    line=exc.line, column=exc.column or 1, reason=exc.message)
            dialogs.error(self, self.tr("Cannot open {name}").format(name=name), text + "\n\n" + reason)
            log.info("could not open %s: %s", name, reason)
            return False
        if session is None:
            self.statusBar().showMessage(self.tr("Opening {name} cancelled").format(name=name), 6000)
            self.show_start_page_if_empty()
            return False
        if not self.may_leave(self.tr("opening {name}").format(name=name)):
            return False
        self.set_session(session)
        self._watch(session.path)
        log.info("opened %s with %d finding(s)", name, len(session.findings))
        return True

    # ======================================================================================== changes on disk
    def _watch(self, path: str | None) -> None:
        """Follow the open file on disk (an editor, a script or a sync may change it while it is reviewed here)."""
        if self._watcher is None:
            if path is None:
                return
            from PySide6.QtCore import QFileSystemWatcher

            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(lambda _path: self._reload_timer.start())
        watched = self._watcher.files()
        if watched and watched != [path]:
            self._watcher.removePaths(watched)
        if path is not None and path not in self._watcher.files() and Path(path).is_file():
            self._watcher.addPath(path)

    @guarded
    def _reload_from_disk(self) -> None:
        """The open file changed on disk: read it again, keep every decision by finding id, say what happened.
        A file that is gone or cannot be read now leaves the window as it was (and says so)."""
        session = self.session
        if session is None or session.path is None or self._opening:
            return
        path, name = session.path, session.display_name
        self._watch(path)  # a save that replaced the file (write, then rename) ends the old watch
        try:
            data = Path(path).read_bytes()
        except OSError:
            self.statusBar().showMessage(self.tr("{name} is gone from disk; the window keeps what it shows").format(
                name=name), 10000)
            return
        if data == session.document.data:
            return  # touched, not changed
        try:
            fresh = self._load(data, path, None, name)
        except ManifestError as exc:
            where = self.tr("line {line}: ").format(line=exc.line) if exc.line is not None else ""
            self.statusBar().showMessage(self.tr("{name} changed on disk and cannot be read now ({where}{reason}); "
                                                 "the window keeps the last version").format(
                name=name, where=where, reason=exc.message), 15000)
            return
        if fresh is None:  # cancelled
            return
        current = self.checklist.current_id()
        was_modified = session.modified
        kept, stale = dict(session.decisions), []
        if kept or fresh.settings != session.settings:
            stale = fresh.replace_decisions(kept, self.tr("decisions kept through a reload"), session.settings)
            if not was_modified and not stale:
                fresh.mark_saved()  # the same decisions as saved: nothing new to save
        self.set_session(fresh)
        if current and fresh.has_finding(current):
            self.checklist.select(current)
        message = self.tr("Reloaded {name}: it changed on disk; %n decision(s) kept", "", len(kept) - len(stale))
        if stale:
            message += self.tr(", %n no longer match a finding", "", len(stale))
        self.statusBar().showMessage(message.format(name=name), 12000)
        log.info("reloaded %s after a change on disk", name)

    def _load(self, data: bytes, path: str | None, display: str | None, name: str) -> Session | None:
        """The session of a file to open: at once for a small one, else on a worker behind a progress dialog with
        Cancel (None when cancelled), so a large file never freezes the window."""
        from .loader import IN_BACKGROUND_BYTES, SessionLoader

        if len(data) < IN_BACKGROUND_BYTES:
            return Session(data, path, display, defer_device=True)
        self._opening = True
        try:
            return SessionLoader(self).load(data, path, display, name, self.form)
        finally:
            self._opening = False

    @guarded
    def close_document(self) -> bool:
        if not self.may_leave(self.tr("closing the manifest")):
            return False
        self._detach(self.session)
        self.session = None
        self.devices.clear()
        self._watch(None)
        self.checklist.set_session(None)
        self.detail.show_finding(None)
        self.device_pane.set_session(None)
        self._update_counts()
        self._show_start()
        return True

    def _proposed(self, suffix: str) -> str:
        assert self.session is not None
        if self.session.path:
            source = Path(self.session.path)
            return str(source.with_name(f"{source.stem}{suffix}"))
        folder = Path(str(self.settings.value("last_dir", "") or Path.home()))
        return str(folder / f"{Path(SAMPLE_NAME).stem}{suffix}")

    def _is_input(self, path: str) -> bool:
        if self.session is None or not self.session.path:
            return False
        try:
            return Path(path).resolve() == Path(self.session.path).resolve()
        except OSError:
            return False

    @guarded
    def export(self) -> bool:
        session = self.session
        if session is None or not self.commit_pending():
            return False
        session.complete()  # the device phase, if the worker has not finished it: its errors count too
        unresolved = session.unresolved_errors()
        if unresolved:
            listing = "\n".join(f"• {f.code} {f.module or '—'}: {f.message}" for f in unresolved)
            if not dialogs.confirm(self, self.tr("Errors are not resolved"),
                                   self.tr("%n error finding(s) still need you. The GPU manifest may not deploy "
                                           "until they are resolved:", "", len(unresolved)) + "\n\n" + listing,
                                   self.tr("Export anyway"), self.tr("Go to the first error")):
                self._go_to(unresolved[0].id)  # "go back" means to the error, not to wherever the selection was
                return False
        path = dialogs.save_path(self, self.tr("Export the GPU manifest"), self._proposed(".gpu.json"))
        if not path:
            return False
        if self._is_input(path) and not dialogs.confirm(
                self, self.tr("Overwrite the input?"),
                self.tr("{path} is the FPGA manifest you opened. Write the GPU manifest over it?").format(path=path),
                self.tr("Overwrite the input"), self.tr("Cancel")):
            return False
        from ..fileio import write_atomic  # file writing waits for the first export, not the first frame

        try:
            write_atomic(path, session.export_bytes())
        except OSError as exc:
            dialogs.error(self, self.tr("Export failed"),
                          self.tr("{path} could not be written: {reason}").format(path=path,
                                                                                  reason=exc.strerror or exc))
            return False
        message = self.tr("Exported the GPU manifest to {path}").format(path=path)
        if session.modified:  # the export is the manifest; the decisions that made it are a file of their own
            message += self.tr(" — the decisions are not saved yet (the * in the title): File › Save decisions "
                               "(Ctrl+S) keeps them for later or for asegui-cli")
        self.statusBar().showMessage(message, 12000)
        log.info("exported %s", path)
        return True

    @guarded
    def export_report(self) -> bool:
        """The same report as ``asegui-cli convert --report``, for the decisions taken here."""
        session = self.session
        if session is None or not self.commit_pending():
            return False
        path = dialogs.save_path(self, self.tr("Export the migration report"), self._proposed(".report.html"),
                                 dialogs.REPORT_FILTER)
        if not path:
            return False
        from ..core.report import SUFFIXES, render_report  # a large module the first frame does not need
        from ..fileio import write_atomic

        if Path(path).suffix.lower() not in SUFFIXES or self._is_input(path):
            dialogs.error(self, self.tr("Export the migration report"),
                          self.tr("A report is written as .html, .md or .json, and never over the manifest."))
            return False
        session.complete()  # the device's objects and their findings belong in the report
        text = render_report(session.result, Path(path).suffix, input_name=session.display_name,
                             output_name=Path(self._proposed(".gpu.json")).name)
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            dialogs.error(self, self.tr("Export failed"),
                          self.tr("{path} could not be written: {reason}").format(path=path,
                                                                                  reason=exc.strerror or exc))
            return False
        self.statusBar().showMessage(self.tr("Wrote the migration report to {path}").format(path=path), 8000)
        return True

    @guarded
    def save_decisions(self) -> bool:
        return self.commit_pending() and self._save_decisions()

    def _save_decisions(self) -> bool:
        """Save decisions as they stand (a refused value typed in the detail panel is not among them)."""
        session = self.session
        if session is None:
            return False
        path = dialogs.save_path(self, self.tr("Save decisions"), self._proposed(".decisions.json"))
        if not path:
            return False
        if self._is_input(path):
            dialogs.error(self, self.tr("Save decisions"), self.tr("Decisions cannot be saved over the manifest."))
            return False
        from ..fileio import write_atomic

        try:
            write_atomic(path, session.decisions_bytes())
        except OSError as exc:
            dialogs.error(self, self.tr("Saving failed"),
                          self.tr("{path} could not be written: {reason}").format(path=path,
                                                                                  reason=exc.strerror or exc))
            return False
        session.mark_saved()
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved the decisions to {path}").format(path=path), 8000)
        return True

    @guarded
    def load_decisions(self, path: str = "") -> bool:
        session = self.session
        if session is None or not self.commit_pending():
            return False
        path = path or dialogs.open_path(self, self.tr("Load decisions"), str(Path(self._proposed("")).parent))
        if not path:
            return False
        try:
            data = Path(path).read_bytes()
            chosen = decisions.loads(data, path)
            device = decisions.loads_settings(data, path)  # None in files saved before the device had settings
        except OSError as exc:
            dialogs.error(self, self.tr("Cannot load decisions"),
                          self.tr("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror or exc))
            return False
        except ManifestError as exc:
            dialogs.error(self, self.tr("Cannot load decisions"), str(exc))
            return False
        changed = device is not None and device != session.settings
        stale = session.replace_decisions(chosen, self.tr("load decisions"), device)
        notes = []
        if changed and device is not None:
            notes.append(self.tr("for a device with %n GPU(s) and {kind} Services", "", device.gpus).format(
                kind=device.service_type))
        try:
            saved_for = json.loads(data.decode("utf-8-sig")).get("input_sha256")
        except (ValueError, AttributeError):
            saved_for = None
        if saved_for and saved_for != session.input_sha256:
            notes.append(self.tr("they were saved for a different version of this manifest"))
        if stale:
            notes.append(self.tr("%n decision(s) match no finding here", "", len(stale)))
        message = self.tr("Loaded the decisions from {path}").format(path=path)
        self.statusBar().showMessage(message + (" — " + "; ".join(notes) if notes else ""), 10000)
        return True

    # ============================================================================================ recent files
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        paths = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
        return [p for p in paths if isinstance(p, str) and Path(p).is_file()][:MAX_RECENT]

    def _add_recent(self, path: str) -> None:
        paths = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent", paths[:MAX_RECENT])
        self._update_recent_menu()

    def _prune_recent(self, path: str) -> None:
        self.settings.setValue("recent", [p for p in self.recent_files() if p != path])
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent_files()
        for number, path in enumerate(paths, 1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(paths))
        if self._start_page is not None:
            self._start_page.set_recent(paths)

    # ============================================================================================= drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        try:
            files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
            if not files:
                event.ignore()
                return
            event.acceptProposedAction()
            # open after the drop returns, so the drag source is not left waiting on a dialog
            if len(files) > 1 or Path(files[0]).is_dir():  # a folder or several files: a site, one device each
                QTimer.singleShot(0, lambda: self.devices.open_paths(files))
            else:
                QTimer.singleShot(0, lambda: self.open_path(files[0]))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self, "dropEvent")

    def _code_view_with_focus(self) -> CodeView | None:
        focused = QApplication.focusWidget()
        for view in (self.input_view, self.output_view, self.device_view):
            if focused is view or (focused is not None and view.isAncestorOf(focused)):
                return view
        return None

    def _code_view_in_focus(self) -> CodeView:
        """The manifest with the focus, else the one shown on the right."""
        return self._code_view_with_focus() or (self.device_view if self.device_view_shown() else self.output_view)

    @guarded
    def _go_to_change(self, delta: int) -> None:
        """Alt+Down / Alt+Up: the next or previous run of changed lines, as Meld and VS Code go from change to
        change; the other manifest follows when scrolling is locked."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QComboBox) and delta > 0:  # Alt+Down opens a list, as everywhere else
            focused.showPopup()
            return
        if self.session is None:
            return
        view = self._code_view_in_focus()
        if view.go_to_change(delta) is None:
            self.statusBar().showMessage(self.tr("No more changes below") if delta > 0
                                         else self.tr("No more changes above"), 4000)

    @guarded
    def _line_activated(self, side: str, line: int) -> None:
        """A changed line clicked (or Enter on it): select the finding behind it, the one whose place there is the
        smallest that holds the line."""
        session = self.session
        view = self.input_view if side == "input" else self.output_view
        if session is None or line not in view.changes:
            return
        best: tuple[int, str] | None = None
        for finding in session.findings:
            for first, last in session.lines(finding, self._input_side() if side == "input" else side, self.form):
                if first <= line <= last and (best is None or last - first < best[0]):
                    best = (last - first, finding.id)
        if best is not None and best[1] != self.checklist.current_id():
            self._go_to(best[1], focus=False)

    def finding_menu(self, finding_id: str) -> QMenu:
        """A finding's right-click menu: decide it, copy what names it, read why."""
        assert self.session is not None
        finding = self.session.finding(finding_id)
        menu = QMenu(self)
        menu.setObjectName("finding-menu")
        if finding.status != "info":
            manual = finding.applicability == "manual"
            accept = menu.addAction(self.tr("Mark as &done") if manual else self.tr("&Accept the change"))
            accept.setEnabled(not finding.accepted)
            accept.triggered.connect(lambda: self.set_accepted(finding_id, True))
            reject = menu.addAction(self.tr("Mark as &not done") if manual else self.tr("&Reject the change"))
            reject.setEnabled(finding.accepted)
            reject.triggered.connect(lambda: self.set_accepted(finding_id, False))
            menu.addSeparator()
        explain = menu.addAction(self.tr("E&xplain {code}").format(code=finding.code))
        explain.triggered.connect(lambda: self._explain(finding_id))
        copy_id = menu.addAction(self.tr("Copy finding &id"))
        copy_id.triggered.connect(lambda: QGuiApplication.clipboard().setText(finding_id))
        copy_message = menu.addAction(self.tr("Copy &message"))
        copy_message.triggered.connect(lambda: QGuiApplication.clipboard().setText(
            self.session.masked(finding.message) if self.session is not None and self.mask_secrets
            else finding.message))
        menu.addSeparator()
        menu.addAction(self.accept_area_action)
        self.devices.add_to_menu(menu, finding_id)
        return menu

    @guarded
    def _finding_menu_requested(self, finding_id: str, position: QPoint) -> None:
        if self.session is not None and self.session.has_finding(finding_id):
            dialogs.popup(self.finding_menu(finding_id), position)

    def _explain(self, finding_id: str) -> None:
        """The rule's explanation, sources and examples are in the detail panel: there, from its top."""
        self._go_to(finding_id, focus=False)
        self.detail.explanation.verticalScrollBar().setValue(0)
        self._focus(self.detail.explanation)

    # ================================================================================================== find
    @property
    def find_bar(self) -> FindBar:
        """Made on first use, above the manifests (the first frame does not need it)."""
        if self._find_bar is None:
            from .find_bar import FindBar

            bar = FindBar(self.workspace)
            bar.hide()
            bar.changed.connect(self._search_changed)
            bar.step.connect(self._find_step)
            bar.closed.connect(self._find_closed)
            layout = self.workspace.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, bar)
            self._find_bar = bar
        return self._find_bar

    @guarded
    def open_find(self) -> None:
        """Ctrl+F: the find bar, its text selected; F3 then steps through the manifest that had the focus."""
        if self.session is None:
            return
        self._find_target = self._code_view_in_focus()
        self.find_bar.open_bar()
        self._search_changed(self.find_bar.field.text())

    def _search_changed(self, text: str) -> None:
        for view in (self.input_view, self.output_view, self.device_view):
            view.set_search(text)
        self.checklist.set_text_filter(text)
        self._update_find_count()

    def _update_find_count(self, current: tuple[CodeView, int] | None = None) -> None:
        if self._find_bar is None or not self._find_bar.isVisible():
            return
        bar = self._find_bar
        if not bar.field.text():
            bar.count.setText("")
            return

        def counted(view: CodeView) -> str:
            found = len(view.matches)
            return f"{found}+" if found >= view.MAX_MATCHES else str(found)

        findings = len(self.checklist.visible_ids())
        panes = [(self.input_view, self.tr("in the FPGA manifest")), (self.output_view, self.tr("in the GPU manifest"))]
        if current is not None and current[0] is self.device_view:
            panes.append((self.device_view, self.tr("in the objects on the device")))
        parts = []
        for view, where in panes:
            if current is not None and current[0] is view:  # where F3 is: "3 of 12"
                parts.append(self.tr("{index} of {count} {where}").format(index=current[1] + 1, count=counted(view),
                                                                          where=where))
            else:
                parts.append(f"{counted(view)} {where}")
        parts.append(self.tr("%n finding(s)", "", findings))
        bar.count.setText(" · ".join(parts))

    @guarded
    def _find_step(self, delta: int) -> None:
        """F3 / Shift+F3 (Enter / Shift+Enter in the bar): the next or previous match, in the manifest with the
        focus, else in the one that had it when the bar opened."""
        if self.session is None:
            return
        if self._find_bar is None or not self._find_bar.isVisible() or not self._find_bar.field.text():
            self.open_find()
            return
        view = self._code_view_with_focus() or self._find_target or self.output_view
        index = view.go_to_match(delta)
        if index is None:
            self.statusBar().showMessage(self.tr("“{text}” is not in this manifest").format(
                text=self._find_bar.field.text()), 4000)
        self._update_find_count((view, index) if index is not None else None)

    def _find_closed(self) -> None:
        for view in (self.input_view, self.output_view, self.device_view):
            view.set_search("")
        self.checklist.set_text_filter("")
        self._focus(self._find_target or self.output_view)

    @property
    def sort_actions(self) -> dict[int, QAction]:
        """View › Sort the checklist by: one entry per order, the current one checked (made on first use)."""
        if not self._sort_actions:
            from PySide6.QtGui import QActionGroup

            group = QActionGroup(self)
            for column, text in ((-1, self.tr("&Catalogue order")), (1, self.tr("&Severity")),
                                 (2, self.tr("&Module")), (3, self.tr("&Finding")), (4, self.tr("S&tatus")),
                                 (0, self.tr("Co&de"))):
                action = self.sort_menu.addAction(text)
                action.setCheckable(True)
                action.setObjectName(f"sort-{column}")
                action.triggered.connect(lambda _checked=False, c=column: self.checklist.sort_by(c))
                group.addAction(action)
                self._sort_actions[column] = action
            self._sort_changed(self.checklist.header().sortIndicatorSection())
            self.checklist.header().sortIndicatorChanged.connect(self._sort_changed)
        return self._sort_actions

    def _sort_changed(self, column: int, _order: Qt.SortOrder | None = None) -> None:
        """The checklist was sorted (a header click, the menu): the View menu says by what."""
        actions = self._sort_actions
        action = actions.get(column if column in actions else -1)
        if action is not None:
            action.setChecked(True)

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_output(self) -> None:
        self._focus(self.device_view if self.device_view_shown() else self.output_view)

    def _focus_detail(self) -> None:
        """The first control of the decision that is shown: the check box, else the note, else a field."""
        for widget in (self.detail.accept, self.detail.note, *(f.editor for f in self.detail.fields.values())):
            if widget.isVisible() and widget.isEnabled():
                self._focus(widget)
                return
        self._focus(self.detail.explanation)

    def _go_to(self, finding_id: str, focus: bool = True) -> None:
        """Select a finding even where the "needs me" filter hides it (and focus the checklist on it)."""
        if not self.checklist.select(finding_id, centre=True) and self.needs_me_action.isChecked():
            self.needs_me_action.setChecked(False)
            self.checklist.select(finding_id, centre=True)
        if focus:
            self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    # ================================================================================================= help
    @guarded
    def show_shortcuts(self) -> None:
        rows = []
        for action in self.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                rows.append(f"<tr><td><b>{keys}</b></td><td>{action.text().replace('&', '')}</td></tr>")
        dialogs.information(self, self.tr("Keyboard shortcuts"), "<table cellspacing='6'>" + "".join(rows)
                            + "</table>" + self.tr("<p>Hold Shift while scrolling to move one side alone.</p>"))

    @guarded
    def show_about(self) -> None:
        dialogs.information(self, self.tr("About ASE Migration Assistant"), self.tr(
            "<b>ASE Migration Assistant</b> {version}<br>Migrates Azure IoT Edge deployment manifests from Azure "
            "Stack Edge Pro FPGA to Pro GPU devices, and explains every change.").format(version=__version__))

    # ============================================================================================ layout
    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for splitter in (self.main_splitter, self.panes_splitter, self.bottom_splitter):
            value = self.settings.value(f"splitters/{splitter.objectName()}")
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        self.lock_action.setChecked(self.settings.value("lock_scrolling", True) not in (False, "false"))
        if self.settings.value("dark", False) in (True, "true"):
            self.dark_action.setChecked(True)
        if self.settings.value("device_view", False) in (True, "true"):
            self.device_action.setChecked(True)

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("state", self.saveState())
        for splitter in (self.main_splitter, self.panes_splitter, self.bottom_splitter):
            self.settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        self.settings.setValue("lock_scrolling", self.lock_action.isChecked())
        self.settings.setValue("device_view", self.device_view_shown())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        try:
            if not self.may_leave(self.tr("quitting")):
                event.ignore()
                return
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self, "closeEvent")
        try:
            self.save_layout()
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self, "closeEvent")
        self._device_worker.shutdown()  # no thread outlives the window (a phase left pending runs on export)
        if errors.redactor == self._redact:
            errors.redactor = lambda text: text
        event.accept()

    def palette_is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def open_url(self, url: QUrl) -> bool:
        return self.open_path(url.toLocalFile())
