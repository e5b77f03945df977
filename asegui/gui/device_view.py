""""On the device": the Kubernetes objects the GPU device's runtime creates from the converted manifest, as YAML,
with a line saying what the device must give (Services and their external IPs, share claims, GPUs) and the
device's own settings (GPUs, service type), which change the objects.

A decision's objects are compiled and checked on a worker: until they come, the view keeps the objects it shows,
and a "checking…" note at the end of the summary line says so if they are slow to come.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..core import Decided
from ..core.device.settings import GPU_COUNTS, SERVICE_TYPES
from ..review.session import Session
from . import theme
from .code_view import CodeView

if TYPE_CHECKING:
    from ..core.device.compile import DevicePreview

YAML_KEPT = 4096  # objects' YAML kept by content; a decision changes one module's objects, the rest are found here
CLAIMS_SHOWN = 6  # share names written out in the summary line (all of them in its tooltip)
CHECKING_DELAY_MS = 150  # the "checking…" note waits this long: a check done sooner changes nothing on screen


class DevicePane(QWidget):
    """The device's objects of the session's current result; re-rendered only while shown, and only what changed."""

    settingsRequested = Signal(int, str)  # GPUs, service type

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("device-pane")
        self.setAccessibleName(self.tr("On the device"))
        self.setAccessibleDescription(self.tr("The Kubernetes objects the GPU device creates from the GPU manifest, "
                                              "what the device must give, and the device's settings"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.summary = QLabel(self)
        self.summary.setObjectName("device-summary")
        self.summary.setAccessibleName(self.tr("What the device must give"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        # wraps to the pane's width instead of widening the pane (the split stays the user's)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # While the worker checks a decision's objects the view shows the previous ones: a quiet note says so. Its
        # place is kept while it is hidden, so the summary never reflows when it comes and goes.
        self.checking = QLabel(self.tr("checking…"), self)
        self.checking.setObjectName("device-checking")
        self.checking.setAccessibleName(self.tr("Checking the objects of the last decision"))
        self.checking.setToolTip(self.tr("The objects of the last decision are being compiled and checked; the "
                                         "view shows the previous ones until then"))
        self._colour_checking()
        font = self.checking.font()
        font.setItalic(True)
        self.checking.setFont(font)
        self.checking.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        policy = self.checking.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.checking.setSizePolicy(policy)
        self.checking.hide()
        self._checking_timer = QTimer(self)
        self._checking_timer.setSingleShot(True)
        self._checking_timer.setInterval(CHECKING_DELAY_MS)
        self._checking_timer.timeout.connect(self._show_checking)
        summary_row = QHBoxLayout()
        summary_row.setContentsMargins(0, 0, 0, 0)
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.checking, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(summary_row)
        # The device's settings change the GPU manifest too (GPU limits, Service types): the window shows this bar
        # beside both views, in the corner of their tabs.
        self.settings_bar = QWidget(self)
        self.settings_bar.setObjectName("device-settings")
        bar = QHBoxLayout(self.settings_bar)
        bar.setContentsMargins(4, 0, 0, 2)
        self.gpus = QComboBox(self.settings_bar)
        self.gpus.setObjectName("device-gpus")
        for count in GPU_COUNTS:
            self.gpus.addItem(self.tr("%n GPU(s)", "", count), count)
        self.gpus.setAccessibleName(self.tr("GPUs the device has"))
        self.gpus.setToolTip(self.tr("GPUs the device has: Azure Stack Edge Pro GPU comes with one or two"))
        self.service_type = QComboBox(self.settings_bar)
        self.service_type.setObjectName("device-service-type")
        for kind in SERVICE_TYPES:
            self.service_type.addItem(kind, kind)
        self.service_type.setAccessibleName(self.tr("Service type of modules with ports"))
        self.service_type.setToolTip(self.tr("LoadBalancer: each module with port bindings gets an external IP of "
                                             "the device's pool; ClusterIP: reachable inside the device only"))
        device_label = QLabel(self.tr("&Device:"), self.settings_bar)
        device_label.setBuddy(self.gpus)
        bar.addWidget(device_label)
        bar.addWidget(self.gpus)
        bar.addWidget(self.service_type)
        for combo in (self.gpus, self.service_type):
            combo.activated.connect(self._settings_chosen)
        self.view = CodeView("device-view", self, language="yaml")
        self.view.setAccessibleName(self.tr("Kubernetes objects on the device (YAML)"))
        self.view.setAccessibleDescription(self.tr(
            "The objects the GPU device's runtime creates from the GPU manifest, as YAML, read-only; the selected "
            "finding's object is highlighted."))
        layout.addWidget(self.view)
        self.session: Session | None = None
        self.masking = True
        self.dirty = True
        self._device: DevicePreview | None = None  # the objects shown (or to show when the pane is shown)
        self.places: dict[str, dict[str, list[tuple[int, int]]]] = {}  # module -> kind -> line ranges
        self.named: dict[tuple[str, str], tuple[int, int]] = {}  # (kind, name) -> line range: claims, Secrets
        self._yaml: dict[str, str] = {}

    # -- content ---------------------------------------------------------------------------------------------
    def set_session(self, session: Session | None, mask: bool = True) -> None:
        """Show the session's last objects: the summary at once, the objects when the pane is (or gets) shown;
        the text is made again only for other objects (a decision whose check is pending keeps the last ones)."""
        device = session.device if session is not None else None
        if session is not self.session or mask != self.masking or device is not self._device:
            self.dirty = True
        self.session, self.masking, self._device = session, mask, device
        self._show_summary()
        if session is None:
            self.view.set_content("")
            self.view.clear_range()
            self.places = {}
        elif self.dirty and self.isVisible():
            self.render_objects()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self.dirty and self.session is not None:
            self.render_objects()

    def render_objects(self) -> None:
        """The objects as YAML; the text is replaced only where it changed (CodeView keeps the rest)."""
        session = self.session
        self.dirty = False
        device = self._device
        if session is None or device is None:
            return
        parts: list[str] = []
        where: dict[int, tuple[int, int]] = {}
        named: dict[tuple[str, str], tuple[int, int]] = {}
        line = 1
        for obj in device.objects:
            text = self._dump(obj)
            count = text.count("\n")
            start = line + 1 if text.startswith("---") else line  # the object's own lines, after its "---"
            where[id(obj)] = (start, max(start, line + count - 1))
            metadata = obj.get("metadata")
            if isinstance(metadata, dict):
                named.setdefault((str(obj.get("kind")), str(metadata.get("name"))), where[id(obj)])
            parts.append(text)
            line += count
        self.named = named
        places: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for module in device.modules:
            kinds: dict[str, list[tuple[int, int]]] = {}
            for obj in module.objects:
                if id(obj) in where:
                    kinds.setdefault(str(obj.get("kind")), []).append(where[id(obj)])
            places[module.name] = kinds
        self.places = places
        text = "".join(parts)
        self.view.set_content(session.masked(text) if self.masking else text)

    def _dump(self, obj: dict[str, Any]) -> str:
        """One object's YAML document, kept by content: writing YAML is slow, in pure Python most of all."""
        key = json.dumps(obj, ensure_ascii=False, default=str)
        found = self._yaml.get(key)
        if found is None:
            found = _dump_all([obj])
            if len(self._yaml) >= YAML_KEPT:
                self._yaml.clear()
            self._yaml[key] = found
        return found

    def _show_summary(self) -> None:
        session = self.session
        device = self._device
        self._note_pending()
        if session is None or device is None:
            self.summary.clear()
            return
        for combo, value in ((self.gpus, session.settings.gpus), (self.service_type, session.settings.service_type)):
            index = combo.findData(value)
            if index >= 0 and combo.currentIndex() != index:
                combo.setCurrentIndex(index)
        self.summary.setText(self.summary_text(device.summary()))
        self.summary.setToolTip(self.summary_tooltip(device.summary()))

    def summary_text(self, summary: dict[str, Any]) -> str:
        """One line: Deployments · Services by type (and the external IPs they take) · share claims · GPUs."""
        parts = [self.tr("%n Deployment(s)", "", summary["deployments"])]
        services = summary.get("services") or {}
        if services:
            kinds = []
            for kind, count in services.items():
                shown = f"{count} {kind}"
                if kind == "LoadBalancer":
                    shown += " " + self.tr("(%n external IP(s))", "", summary.get("external_ips", count))
                kinds.append(shown)
            parts.append(self.tr("Services: {kinds}").format(kinds=", ".join(kinds)))
        else:
            parts.append(self.tr("no Services"))
        claims = list(summary.get("claims") or [])
        if claims:
            names = ", ".join(claims[:CLAIMS_SHOWN])
            if len(claims) > CLAIMS_SHOWN:
                names += " " + self.tr("and %n more", "", len(claims) - CLAIMS_SHOWN)
            parts.append(self.tr("share claims: {names}").format(names=names))
        else:
            parts.append(self.tr("no share claims"))
        text = " · ".join(html.escape(part) for part in parts)
        asked, has = summary.get("gpus", 0), summary.get("device_gpus", 1)
        gpus = html.escape(self.tr("GPUs: {asked} of {has}").format(asked=asked, has=has))
        if asked > has:  # said in words and a sign, not by colour alone
            mark = theme.tone(0, None, 200).name()
            gpus = (f'<span style="color:{mark}">⚠</span> <b>{gpus} — '
                    + html.escape(self.tr("more than the device has")) + "</b>")
        return f"{text} · {gpus}"

    def summary_tooltip(self, summary: dict[str, Any]) -> str:
        claims = list(summary.get("claims") or [])
        lines = [self.tr("Each LoadBalancer Service takes one of the device's Kubernetes external service IPs.")]
        if claims:
            lines.append(self.tr("Shares to create with \"Use the share with Edge compute\": {names}").format(
                names=", ".join(claims)))
        return "\n".join(lines)

    def _note_pending(self) -> None:
        """The note comes when a check has been pending for a moment, and goes as soon as none is."""
        if self.session is not None and self.session.device_pending:
            if not self.checking.isVisibleTo(self) and not self._checking_timer.isActive():
                self._checking_timer.start()
        else:
            self._checking_timer.stop()
            self.checking.hide()

    def _show_checking(self) -> None:
        if self.session is not None and self.session.device_pending:
            self.checking.show()

    def checking_shown(self) -> bool:
        """The "checking…" note is up (whether or not the pane is on screen)."""
        return self.checking.isVisibleTo(self)

    def _settings_chosen(self, _index: int) -> None:
        self.settingsRequested.emit(int(self.gpus.currentData()), str(self.service_type.currentData()))

    # -- findings --------------------------------------------------------------------------------------------
    def ranges_for(self, finding: Decided) -> list[tuple[int, int]]:
        """Lines of the object a finding is about: a share's claim, a networking finding's Service, otherwise its
        module's Deployment."""
        share = finding.values.get("share") if finding.values else None
        if isinstance(share, str) and ("PersistentVolumeClaim", share) in self.named:
            return [self.named[("PersistentVolumeClaim", share)]]
        kinds = self.places.get(finding.module or "")
        if not kinds:
            return []
        preferred = "Service" if finding.area == "networking" else "Deployment"
        return list(kinds.get(preferred) or kinds.get("Deployment") or [])

    def show_finding(self, finding: Decided | None, scroll: bool = True) -> None:
        if self.dirty and self.session is not None and self.isVisible():
            self.render_objects()
        ranges = self.ranges_for(finding) if finding is not None else []
        if ranges:
            self.view.show_range(ranges, scroll)
        else:
            self.view.clear_range()

    def refresh_colours(self) -> None:
        self.view.refresh_colours()
        self._colour_checking()
        self._show_summary()

    def _colour_checking(self) -> None:
        """The note is quieter than the summary, and still readable (placeholder grey is not on every palette)."""
        palette = self.checking.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted_text(self.palette(), QPalette.ColorRole.Window))
        self.checking.setPalette(palette)


def _dump_all(objects: list[dict[str, Any]]) -> str:
    """The core's YAML stream (``---`` before each object)."""
    from ..core.device.yaml_text import dump_all  # PyYAML on first use: the first frame does not need it

    return dump_all(objects)
