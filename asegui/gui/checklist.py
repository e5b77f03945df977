"""The checklist: findings grouped by area with counts, a check box to accept, and a "needs me" filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QWidget

from ..core import Decided
from ..review.session import Session, needs_me
from ..review.wording import severity_word, status_word
from . import theme

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
AREA_ROLE = Qt.ItemDataRole.UserRole + 2
ROOT = QModelIndex()  # the invisible root, as a default argument
NO_PARENT = 0xFFFFFFFF  # internal id of area rows; finding rows carry their area's row
_ROLES = frozenset(int(role) for role in (  # the roles data() answers; views ask for many more on every paint
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.CheckStateRole, ID_ROLE, AREA_ROLE))


def _row_state(finding: Decided) -> tuple[Any, ...]:
    """What a checklist row shows of a finding; a row is repainted only when this changes (dicts compare
    without regard to order, so copies do: sorting them would cost more than the rest of a refresh)."""
    return (finding.accepted, finding.status, dict(finding.values), dict(finding.problems), finding.note)


class ChecklistModel(QAbstractItemModel):
    """Areas (top level) and their findings; reads everything from the session."""

    COLUMNS = ("accept", "severity", "module", "message", "status")
    acceptRequested = Signal(str, bool)  # finding id, accepted

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.groups: list[tuple[str, list[str]]] = []
        self._shown: dict[str, tuple[Any, ...]] = {}  # what each row showed at the last refresh
        self._ids: list[str] = []  # the findings shown, in the session's order

    # -- text ------------------------------------------------------------------------------------------------
    def area_title(self, area: str) -> str:
        titles = {"storage": self.tr("Storage"), "networking": self.tr("Networking"),
                  "resources": self.tr("Resources"), "proxy": self.tr("Proxy"), "naming": self.tr("Naming"),
                  "platform": self.tr("Platform"), "manifest": self.tr("Manifest")}
        return titles.get(area, area.title())

    def severity_word(self, severity: str) -> str:
        return severity_word(severity)

    def status_word(self, status: str) -> str:
        return status_word(status)

    def area_summary(self, area: str) -> str:
        assert self.session is not None
        counts = self.session.counts(area)
        parts = [self.tr("%n finding(s)", "", counts["total"])]
        if counts["error"]:
            parts.append(self.tr("%n error(s)", "", counts["error"]))
        if counts["warning"]:
            parts.append(self.tr("%n warning(s)", "", counts["warning"]))
        parts.append(self.tr("%n accepted", "", counts["accepted"]))
        if counts["needs_me"]:
            parts.append(self.tr("%n need(s) you", "", counts["needs_me"]))
        return self.tr("{area} — {details}").format(area=self.area_title(area), details=" · ".join(parts))

    # -- structure -------------------------------------------------------------------------------------------
    def set_session(self, session: Session | None) -> None:
        self.beginResetModel()
        self.session = session
        self.groups = []
        self._shown = {f.id: _row_state(f) for f in session.findings} if session is not None else {}
        self._ids = session.ids() if session is not None else []
        if session is not None:
            for area in session.areas():
                self.groups.append((area, [f.id for f in session.findings if f.area == area]))
        self.endResetModel()

    def same_findings(self) -> bool:
        """The session still has the findings shown (those on the device's objects come and go with decisions)."""
        return self.session is None or self.session.ids() == self._ids

    def refresh(self) -> None:
        """The decisions changed: repaint the area headers (counts) and the rows whose finding changed."""
        if not self.same_findings():
            self.set_session(self.session)
            return
        if not self.groups or self.session is None:
            return
        last = self.columnCount() - 1
        for row, (_area, ids) in enumerate(self.groups):
            area_index = self.index(row, 0)
            self.dataChanged.emit(area_index, self.index(row, last))
            for child, finding_id in enumerate(ids):
                shown = _row_state(self.session.finding(finding_id))
                if self._shown.get(finding_id) != shown:
                    self._shown[finding_id] = shown
                    self.dataChanged.emit(self.index(child, 0, area_index), self.index(child, last, area_index))

    def finding_at(self, index: Index) -> Decided | None:
        if not index.isValid() or index.internalId() == NO_PARENT or self.session is None:
            return None
        finding_id = self.groups[index.internalId()][1][index.row()]
        return self.session.finding(finding_id) if self.session.has_finding(finding_id) else None

    def index_of(self, finding_id: str) -> QModelIndex:
        for row, (_area, ids) in enumerate(self.groups):
            if finding_id in ids:
                return self.index(ids.index(finding_id), 0, self.index(row, 0))
        return QModelIndex()

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        # hasIndex() would ask rowCount() and columnCount() through Python again: views call this thousands of times
        if row < 0 or not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self.groups):
                return QModelIndex()
            return self.createIndex(row, column, NO_PARENT)
        if parent.internalId() != NO_PARENT or parent.column() != 0 or row >= len(self.groups[parent.row()][1]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row())

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, NO_PARENT)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == NO_PARENT and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Accept"), self.tr("Severity"), self.tr("Module"), self.tr("Finding"),
                    self.tr("Status"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        finding = self.finding_at(index)
        if finding is not None and index.column() == 0 and finding.status != "info":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or self.session is None:
            return None
        if index.internalId() == NO_PARENT:
            return self._area_data(index, role)
        finding = self.finding_at(index)
        return None if finding is None else self._finding_data(finding, index.column(), role)

    def _area_data(self, index: Index, role: int) -> Any:
        area = self.groups[index.row()][0]
        if role == AREA_ROLE:
            return area
        if index.column() != 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.area_summary(area)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _finding_data(self, finding: Decided, column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        if role == ID_ROLE:
            return finding.id
        if role == AREA_ROLE:
            return finding.area
        if role == Qt.ItemDataRole.CheckStateRole and name == "accept" and finding.status != "info":
            return Qt.CheckState.Checked if finding.accepted else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if name == "accept":
                return finding.code
            if name == "severity":
                return self.severity_word(finding.severity)
            if name == "module":
                return finding.module or "—"
            if name == "message":
                return finding.message
            return self.status_word(finding.status)
        if role == Qt.ItemDataRole.DecorationRole:
            if name == "severity":
                return theme.icon(finding.severity)
            if name == "status" and finding.status == "needs input":
                return theme.icon("needs-input")
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "accept":
                if finding.applicability == "manual":
                    return self.tr("Check when you have done this manual step")
                return self.tr("Check to apply this change to the GPU manifest")
            if name == "status" and finding.problems:
                return "\n".join(finding.problems.values())
            if name == "message":
                return finding.message
        if role == Qt.ItemDataRole.FontRole and name == "status" and needs_me(finding):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and name == "status" and finding.status in ("off", "rejected"):
            return theme.muted_text(theme.palette(), QPalette.ColorRole.Base)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        finding = self.finding_at(index)
        if finding is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.acceptRequested.emit(finding.id, checked)  # the window changes the session; refresh() follows
        return True


class NeedsMeFilter(QSortFilterProxyModel):
    """Shows every finding, or with ``needs_me_only`` only those waiting for a person (and their areas)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.needs_me_only = False
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)

    def set_needs_me_only(self, value: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.needs_me_only = value
            self.endFilterChange()
        else:
            self.needs_me_only = value
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not self.needs_me_only:
            return True
        model = self.sourceModel()
        assert isinstance(model, ChecklistModel)
        finding = model.finding_at(model.index(row, 0, parent))
        return finding is not None and needs_me(finding)


class ChecklistView(QTreeView):
    """Tree of areas and findings; area rows span the whole width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.source = ChecklistModel(self)
        self.proxy = NeedsMeFilter(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAllColumnsShowFocus(True)
        self.setAcceptDrops(False)
        self.setStyleSheet(theme.indicator_style("QTreeView"))
        header = self.header()
        header.setAccessibleName(self.tr("Checklist columns"))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 118), (1, 96), (2, 140), (4, 130)):
            self.setColumnWidth(column, width)
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted):
            signal.connect(self._span_areas)
        # With "needs me" on and nothing left, the list says so (over the empty viewport, in the palette's text).
        self.empty_label = QLabel(self.tr("Nothing needs you — export when ready"), self.viewport())
        self.empty_label.setObjectName("checklist-empty")
        self.empty_label.setAccessibleName(self.empty_label.text())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.Text)  # drawn on the viewport's Base
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.hide()
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved):
            signal.connect(self._update_empty)

    def _update_empty(self, *args: object) -> None:
        empty = self.proxy.needs_me_only and self.source.session is not None and self.proxy.rowCount() == 0
        self.empty_label.setGeometry(self.viewport().rect())
        self.empty_label.setVisible(empty)
        self.setAccessibleDescription(self.empty_label.text() if empty else "")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.empty_label.setGeometry(self.viewport().rect())

    def _span_areas(self, *args: object) -> None:
        for row in range(self.proxy.rowCount()):
            self.setFirstColumnSpanned(row, QModelIndex(), True)
        self.expandAll()

    def set_session(self, session: Session | None) -> None:
        self.source.set_session(session)  # the proxy's modelReset spans and expands the areas

    def refresh(self) -> None:
        """Repaint what the decisions changed; when findings came or went, rebuild the rows and keep the
        selected finding (if it is still there) and the scroll position."""
        current = self.current_id()
        shown = self.visible_ids() if self.proxy.needs_me_only and current else []
        if self.source.same_findings():
            self.source.refresh()  # rows the filter adds or drops re-span through the proxy's signals
        else:
            scrolled = self.verticalScrollBar().value()
            self.source.refresh()
            if current:
                self.select(current)
            self.verticalScrollBar().setValue(scrolled)
        if shown and current not in self.visible_ids():
            self._select_instead(current, shown)

    def _select_instead(self, gone: str | None, shown: list[str]) -> None:
        """The selected finding ``gone`` left the filtered list: select the finding shown after it (in ``shown``,
        the order before), or the one before it at the end, so F8 and Shift+F8 go on from there skipping
        nothing; nothing left, nothing selected (the list says so)."""
        now = set(self.visible_ids())
        position = shown.index(gone) if gone in shown else len(shown)
        for finding_id in (*shown[position + 1:], *reversed(shown[:position])):
            if finding_id in now and self.select(finding_id):
                return
        self.selectionModel().clearSelection()
        self.setCurrentIndex(QModelIndex())

    def set_needs_me_only(self, value: bool) -> None:
        current = self.current_id()
        self.proxy.set_needs_me_only(value)
        self._span_areas()
        self._update_empty()
        if current:
            self.select(current)

    def current_id(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        finding = self.source.finding_at(self.proxy.mapToSource(index))
        return finding.id if finding else None

    def current_area(self) -> str | None:
        index = self.currentIndex()
        return index.data(AREA_ROLE) if index.isValid() else None

    def visible_ids(self) -> list[str]:
        """Finding ids in the order shown (the filter applies)."""
        ids = []
        for row in range(self.proxy.rowCount()):
            area = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(area)):
                ids.append(self.proxy.index(child, 0, area).data(ID_ROLE))
        return ids

    def select(self, finding_id: str, centre: bool = False) -> bool:
        index = self.proxy.mapFromSource(self.source.index_of(finding_id))
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        if index.row() == 0:
            self.scrollTo(index.parent())  # keep the area's title in view with its first finding
        if centre or not self.viewport().rect().contains(self.visualRect(index)):
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def refresh_colours(self) -> None:
        """After a palette change: the style sheet takes up the new palette, and the rows repaint (greyed statuses
        are derived from the palette each time they are painted)."""
        theme.restyle(self)
        self.header().viewport().update()
        self.viewport().update()
