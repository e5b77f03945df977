"""A folder (or several dropped files) opened as a site: one :class:`Session` per device kept in memory, so a
device's decisions and its undo survive switching to another; a decision copied to every device with the same
finding; every device exported as ``asegui-cli fleet`` writes it.

The window shows one device at a time exactly as it shows a file opened alone; this object only says which, and
asks before the decisions of the devices not shown would be lost.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from ..core import Decided, DeviceSettings, ManifestError
from ..review.session import Session, needs_me
from . import dialogs
from .errors import guarded

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..review import fleet
    from .device_list import DeviceList, DeviceRow
    from .main_window import MainWindow

FORM = "auto"  # as asegui-cli convert and fleet write by default: the input's own form


class Device:
    """One input of the site: its session, or why it cannot be read."""

    def __init__(self, path: Path, session: Session | None = None, error: str = "") -> None:
        self.path, self.session, self.error = path, session, error

    @property
    def name(self) -> str:
        return self.path.name

    def row(self) -> DeviceRow:
        """Its status in the fleet summary's words, from the session's current findings."""
        from .device_list import DeviceRow

        session = self.session
        if session is None:
            return DeviceRow(self.name, "unreadable", detail=self.error)
        waiting = {f.id for f in session.findings if needs_me(f)} | {f.id for f in session.unresolved_errors()}
        return DeviceRow(self.name, "needs-person" if waiting else "clean", len(waiting), session.modified,
                         str(self.path))


def load_device(path: Path) -> Device:
    """Read and check one input (on a worker); an unreadable one says why, as the fleet summary does."""
    try:
        session = Session(path.read_bytes(), str(path.resolve()), defer_device=True)
        session.complete()  # its device findings count in its status and for "apply to all" before it is shown
    except ManifestError as exc:
        return Device(path, error=str(exc.with_source(str(path))))
    except OSError as exc:
        return Device(path, error=f"{path}: {exc.strerror or exc}")
    return Device(path, session)


class DeviceSet(QObject):
    """The site open in the window (empty: a file opened alone), its device list and its actions."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.devices: list[Device] = []
        self.current: int | None = None
        self._switching = False  # the window shows another device of the set: not a document of its own
        self._panel: DeviceList | None = None  # made when a folder is first opened: start-up does not pay for it
        self._apply_button: QWidget | None = None  # the same, in the detail panel
        a = window._action  # noqa: SLF001 - the window's way of making an action with its shortcut and tips
        self.open_action = a(self.tr("Open &folder…"), "Ctrl+Shift+F",
                             self.tr("Open every manifest (*.json) of a folder, one device each"), self.open_dialog,
                             name="open-folder")
        self.export_action = a(self.tr("Export &every device…"), "Ctrl+Shift+E",
                               self.tr("Write every device's GPU manifest into a folder, with fleet-summary.json and "
                                       "the deployments, exactly as asegui-cli fleet would"), self.export_all,
                               name="export-all")
        self.apply_action = a(self.tr("Apply this decision to all &devices"), "Ctrl+Shift+Y",
                              self.tr("Give every other device with the selected finding the same decision (accepted, "
                                      "values, note)"), lambda: self.apply_to_all(), name="apply-to-all")
        self._update_actions()

    @property
    def panel(self) -> DeviceList:
        """The device list, docked beside the panes (hidden until a folder is open)."""
        if self._panel is None:
            from .device_list import DeviceList

            panel = DeviceList(self.window)
            panel.chosen.connect(self.choose)
            self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
            panel.hide()
            self._panel = panel
        return self._panel

    @property
    def active(self) -> bool:
        return bool(self.devices)

    # ------------------------------------------------------------------------------------------------ opening
    @guarded
    def open_dialog(self) -> None:
        directory = str(self.window.settings.value("last_dir", "") or "")
        folder = dialogs.open_folder(self.window, self.tr("Open a folder of FPGA deployment manifests"), directory)
        if folder:
            self.open_paths([folder])

    @guarded
    def open_paths(self, paths: list[str]) -> bool:
        """Open folders' ``*.json`` and files as one site (the CLI's fleet reads the same inputs); a Cancel, or a
        "Cancel" to unsaved decisions, keeps what was open."""
        from ..review import fleet
        from .batch import Batch

        window = self.window
        files = fleet.inputs(paths)
        if not files:
            dialogs.error(window, self.tr("No manifests"), self.tr("{paths} holds no manifest (*.json).").format(
                paths=", ".join(paths)))
            return False
        if window._opening:  # noqa: SLF001 - a large file is opening: one thing at a time
            return False
        window._opening = True  # noqa: SLF001
        try:
            loaded = Batch(window).run(files, load_device, self.tr("Opening {count} manifests").format(
                count=len(files)), lambda done, path: self.tr("Checking {name} ({done} of {total})").format(
                name=path.name, done=done + 1, total=len(files)))
        finally:
            window._opening = False  # noqa: SLF001
        if loaded is None:
            window.statusBar().showMessage(self.tr("Opening the folder cancelled"), 6000)
            window.show_start_page_if_empty()
            return False
        first = next((number for number, device in enumerate(loaded) if device.session is not None), None)
        if first is None:
            dialogs.error(window, self.tr("Cannot open the folder"),
                          self.tr("None of the {count} files is a manifest this tool can read:").format(
                              count=len(loaded)) + "\n\n" + "\n".join(device.error for device in loaded))
            window.show_start_page_if_empty()
            return False
        if not window.may_leave(self.tr("opening {count} devices").format(count=len(loaded))):
            return False
        self.devices, self.current = loaded, None
        self._show(first)
        self.panel.show()
        window.settings.setValue("last_dir", str(files[0].resolve().parent))
        window.statusBar().showMessage(self.tr("Opened {name} and %n more device(s); choose another in the list", "",
                                               len(loaded) - 1).format(name=loaded[first].name), 8000)
        return True

    def clear(self) -> None:
        """Back to one document (or none): the list goes."""
        self.devices, self.current = [], None
        if self._panel is not None:
            self._panel.hide()
            self._panel.set_rows([], None)
        self._update_actions()

    def shown(self, session: Session) -> None:
        """The window shows ``session``: a device of the set (a switch, or the file read again after a change on
        disk), else a document opened alone, which ends the set."""
        if not self._switching:
            same = next((n for n, d in enumerate(self.devices) if d.session is not None and session.path
                         and d.session.path == session.path), None)
            if same is None:
                self.clear()
                return
            self.devices[same].session, self.current = session, same
        session.listeners.append(self.refresh)
        session.device_listeners.append(self.refresh)
        self.refresh()

    # ---------------------------------------------------------------------------------------------- switching
    @guarded
    def choose(self, row: int) -> None:
        """Show another device, as opening its file alone shows it; the one left keeps its decisions in memory."""
        if row == self.current or not 0 <= row < len(self.devices):
            return
        device = self.devices[row]
        if device.session is None:
            self._keep_selection()
            dialogs.error(self.window, self.tr("Cannot open {name}").format(name=device.name),
                          self.tr("{name} is not a deployment manifest this tool can read.").format(name=device.name)
                          + "\n\n" + device.error)
            return
        if not self.window.commit_pending():  # a refused value stays in its field, on the device it belongs to
            self._keep_selection()
            return
        self._show(row)

    def _show(self, row: int) -> None:
        session = self.devices[row].session
        assert session is not None
        self.current = row
        self._switching = True
        try:
            self.window.set_session(session)
        finally:
            self._switching = False
        self.window._watch(session.path)  # noqa: SLF001 - the shown device's file is followed on disk

    def _keep_selection(self) -> None:
        if self.current is not None:
            self.panel.select(self.current)

    def refresh(self) -> None:
        """Every row's status again (a decision on one device can change another's: apply to all)."""
        if not self.devices and self._panel is None:
            self._update_actions()
            return
        self.panel.set_rows([device.row() for device in self.devices], self.current)
        self._update_actions()

    def _update_actions(self) -> None:
        self.export_action.setEnabled(self.active)
        self.apply_action.setEnabled(self.active)
        if self.active and self._apply_button is None:
            self._apply_button = self._make_apply_button()
        if self._apply_button is not None:
            self._apply_button.setVisible(self.active)

    def _make_apply_button(self) -> QWidget:
        """Under the finding's decision in the detail panel, while a folder is open: "apply to all devices" where
        the decision is taken (the menus and Ctrl+Shift+Y have it too)."""
        from PySide6.QtWidgets import QToolButton

        detail = self.window.detail
        button = QToolButton(detail)
        button.setObjectName("detail-apply-to-all")
        button.setDefaultAction(self.apply_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = detail.layout()
        layout.insertWidget(layout.indexOf(detail.note) + 1, button)  # type: ignore[attr-defined]
        return button

    # ----------------------------------------------------------------------------------------- apply to all
    def add_to_menu(self, menu: object, finding_id: str) -> None:
        """A finding's right-click menu offers to give its decision to every device, while a set is open."""
        from PySide6.QtWidgets import QMenu

        if self.active and isinstance(menu, QMenu):
            menu.addSeparator()
            action = menu.addAction(self.tr("Apply this decision to all devices with this finding"))
            action.setObjectName("apply-to-all")
            action.triggered.connect(lambda: self.apply_to_all(finding_id))

    @guarded
    def apply_to_all(self, finding_id: str | None = None) -> int:
        """Copy the shown device's decision on a finding (accepted, values, note) to every other device with a
        finding of the same id: one undoable step on each; returns how many devices changed."""
        window, session = self.window, self.window.session
        if not self.active or session is None or not window.commit_pending():
            return 0
        finding_id = finding_id or window.checklist.current_id()
        if not finding_id or not session.has_finding(finding_id):
            window.statusBar().showMessage(self.tr("Select a finding first."), 5000)
            return 0
        decision = session.current(finding_id)
        code = session.finding(finding_id).code
        changed = 0
        for device in self.devices:
            other = device.session
            if other is None or other is session or not other.has_finding(finding_id):
                continue
            if other.decisions.get(finding_id) == decision:
                continue
            chosen = {**other.decisions, finding_id: copy.deepcopy(decision)}
            other.replace_decisions(chosen, self.tr("{code} as on {name}").format(code=code, name=device.name))
            changed += 1
        self.refresh()
        window.statusBar().showMessage(self.tr("The decision on {code} applied to %n other device(s)", "",
                                               changed).format(code=code), 8000)
        return changed

    # --------------------------------------------------------------------------------------------- export all
    @guarded
    def export_all(self) -> bool:
        """Every device's GPU manifest into a folder, with fleet-summary.json, the deployments and the site's
        report: what ``asegui-cli fleet`` writes, each device with its own decisions; never over an input."""
        window = self.window
        if not self.active or not window.commit_pending():
            return False
        for device in self.devices:
            if device.session is not None:
                device.session.complete()  # the device phase: its errors count too
        unresolved = [(device, finding) for device in self.devices if device.session is not None
                      for finding in device.session.unresolved_errors()]
        if unresolved and not self._export_anyway(unresolved):
            return False
        folder = dialogs.open_folder(window, self.tr("Export every device into a folder"),
                                     str(self.devices[0].path.resolve().parent.parent))
        if not folder:
            return False
        outdir = Path(folder)
        problem = self._refused(outdir)
        if problem:
            dialogs.error(window, self.tr("Export every device"), problem)
            return False
        outdir.mkdir(parents=True, exist_ok=True)
        from ..review import fleet
        from .batch import Batch

        def convert(device: Device) -> fleet.Device:  # on the worker: the CLI's own conversion of one device
            session = device.session
            chosen = session.decisions if session is not None else None
            settings = session.settings if session is not None else DeviceSettings()
            data = session.document.data if session is not None else None  # what was reviewed, not the disk's
            return fleet.convert_one(device.path, chosen, FORM, settings, outdir, data)

        try:
            done = Batch(window).run(self.devices, convert, self.tr("Exporting {count} devices").format(
                count=len(self.devices)), lambda number, device: self.tr("Converting {name} ({done} of {total})")
                .format(name=device.name, done=number + 1, total=len(self.devices)))
            if done is None:
                window.statusBar().showMessage(self.tr("Export cancelled: fleet-summary.json was not written"), 8000)
                return False
            summary = fleet.write(outdir, done, fleet.group(done))
        except OSError as exc:
            dialogs.error(window, self.tr("Export failed"), self.tr("{path} could not be written: {reason}").format(
                path=exc.filename or outdir, reason=exc.strerror or exc))
            return False
        counts = summary["counts"]
        message = self.tr("Exported {count} device(s) to {path}: {clean} clean, {needs} need a person, {unreadable} "
                          "unreadable; {groups} deployment group(s)").format(
            count=len(done), path=outdir, clean=counts["clean"], needs=counts["needs-person"],
            unreadable=counts["unreadable"], groups=len(summary["groups"]))
        if any(device.session is not None and device.session.modified for device in self.devices):
            message += self.tr(" — the decisions are not saved yet (a * in the list)")
        window.statusBar().showMessage(message, 12000)
        return True

    def _export_anyway(self, unresolved: list[tuple[Device, Decided]]) -> bool:
        """Unresolved errors first, as a single export lists them; "Go to the first error" shows it."""
        listing = "\n".join(f"• {device.name}: {f.code} {f.module or '—'}: {f.message}"
                            for device, f in unresolved)
        if dialogs.confirm(self.window, self.tr("Errors are not resolved"),
                           self.tr("%n error finding(s) still need you. Those GPU manifests may not deploy until "
                                   "they are resolved:", "", len(unresolved)) + "\n\n" + listing,
                           self.tr("Export anyway"), self.tr("Go to the first error")):
            return True
        device, finding = unresolved[0]
        row = self.devices.index(device)
        if row != self.current:
            self._show(row)
        self.window._go_to(finding.id)  # noqa: SLF001
        return False

    def _refused(self, outdir: Path) -> str:
        """Why the devices cannot be exported into ``outdir`` (an output would land on an input, or two devices
        share a name), else ""."""
        names = [device.name for device in self.devices]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            return self.tr("Two devices have the same name ({names}): their GPU manifests would overwrite each "
                           "other.").format(names=", ".join(twice))
        inputs = {device.path.resolve() for device in self.devices}
        if any((outdir / name).resolve() in inputs for name in names):
            return self.tr("{path} holds the FPGA manifests: choose another folder, the exports are never written "
                           "over an input.").format(path=outdir)
        return ""

    # ---------------------------------------------------------------------------------------------- leaving
    def may_leave(self, doing: str) -> bool:
        """Before the set goes (another file or folder, closing, quitting): the devices not shown whose decisions
        are not saved are saved into a folder, discarded or kept, as the user answers (the shown one is asked
        about by the window, as ever)."""
        others = [device for number, device in enumerate(self.devices) if number != self.current
                  and device.session is not None and device.session.modified]
        if not others:
            return True
        text = self.tr("The decisions on %n other device(s) are not saved: {names}. Save them to a folder before "
                       "{doing}? Undo cannot bring them back afterwards.", "", len(others)).format(
            names=", ".join(device.name for device in others), doing=doing)
        answer = dialogs.ask_save(self.window, self.tr("Save the decisions?"), text)
        if answer == "discard":
            return True
        if answer == "save":
            return self._save_decisions(others)
        return False

    def _save_decisions(self, devices: list[Device]) -> bool:
        """Each device's decisions as ``<name>.decisions.json`` in a chosen folder (what ``--decisions`` replays)."""
        from ..fileio import write_atomic

        folder = dialogs.open_folder(self.window, self.tr("Save the devices' decisions into a folder"),
                                     str(devices[0].path.resolve().parent.parent))
        if not folder:
            return False
        if Path(folder).resolve() in {device.path.resolve().parent for device in self.devices}:
            # there they would be read as devices the next time the folder is opened (and by asegui-cli fleet)
            dialogs.error(self.window, self.tr("Save decisions"), self.tr(
                "{path} holds the FPGA manifests: choose another folder for the decisions.").format(path=folder))
            return False
        stems = [device.path.stem for device in devices]
        for device in devices:
            session = device.session
            assert session is not None
            stem = device.path.stem  # same-named devices of different folders get their folder's name too
            name = f"{device.path.parent.name}-{stem}" if stems.count(stem) > 1 else stem
            target = Path(folder) / f"{name}.decisions.json"
            try:
                write_atomic(target, session.decisions_bytes())
            except OSError as exc:
                dialogs.error(self.window, self.tr("Saving failed"), self.tr(
                    "{path} could not be written: {reason}").format(path=target, reason=exc.strerror or exc))
                return False
            session.mark_saved()
        self.refresh()
        return True
