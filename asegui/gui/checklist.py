"""The checklist: findings grouped by area with counts, a check box to accept, and a "needs me" filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QPalette,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QWidget

from ..core import Decided
from ..review.session import Session, needs_me
from ..review.wording import severity_word, status_word
from . import theme

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
AREA_ROLE = Qt.ItemDataRole.UserRole + 2


def _row_state(finding: Decided) -> tuple[Any, ...]:
    """What a checklist row shows of a finding; a row is rewritten only when this changes (dicts compare
    without regard to order, so copies do: sorting them would cost more than the rest of a refresh). The message
    too: a few findings name what other findings' decisions make (STO005 the shares)."""
    return (finding.accepted, finding.status, dict(finding.values), dict(finding.problems), finding.note,
            finding.message)


BATCH_ROWS = 64  # rows changed by one decision beyond which the list is rewritten as one layout change
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHECKABLE = _SELECTABLE | Qt.ItemFlag.ItemIsUserCheckable


class ChecklistModel(QStandardItemModel):
    """Areas (top level) and their findings, written into Qt's own item model from the session.

    The view asks a model for every role of every cell on each paint, and the proxy asks for every index when it
    maps rows: thousands of calls at the first frame that, answered by Python, cost more than drawing the rows. Here
    they stay in C++; Python writes a row when its finding changes (:meth:`refresh`)."""

    COLUMNS = ("accept", "severity", "module", "message", "status")
    acceptRequested = Signal(str, bool)  # finding id, accepted

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr("Accept"), self.tr("Severity"), self.tr("Module"), self.tr("Finding"),
                                        self.tr("Status")])
        self.session: Session | None = None
        self.groups: list[tuple[str, list[str]]] = []
        self._shown: dict[str, tuple[Any, ...]] = {}  # what each row showed when it was last written
        self._ids: list[str] = []  # the findings shown, in the session's order
        self._places: dict[str, tuple[int, int]] = {}  # finding id -> (area row, row in the area)
        self._revision = 0  # the session's revision the rows show (they follow the findings revised since)
        self._bold = QFont()
        self._bold.setBold(True)

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
        blocked = self.blockSignals(True)  # one reset for the whole list, not a signal per row written
        try:
            self.removeRows(0, self.rowCount())
            self.session = session
            self.groups = []
            self._shown = {}
            self._places = {}
            self._ids = session.ids() if session is not None else []
            self._revision = session.revision if session is not None else 0
            if session is not None:
                for area in session.areas():
                    self.groups.append((area, [f.id for f in session.findings if f.area == area]))
                muted = theme.muted_text(theme.palette(), QPalette.ColorRole.Base)
                for row, (area, ids) in enumerate(self.groups):
                    head = QStandardItem(self.area_summary(area))
                    head.setFlags(_SELECTABLE)
                    head.setFont(self._bold)
                    head.setData(area, AREA_ROLE)
                    for child, finding_id in enumerate(ids):
                        finding = session.finding(finding_id)
                        self._places[finding_id] = (row, child)
                        self._shown[finding_id] = _row_state(finding)
                        head.appendRow(self._row(finding, muted))
                    self.appendRow(head)
        finally:
            self.blockSignals(blocked)
            self.endResetModel()

    def _row(self, finding: Decided, muted: QColor) -> list[QStandardItem]:
        """A finding's cells, written once; :meth:`_write` keeps the parts that follow decisions up to date."""
        cells = [QStandardItem(finding.code), QStandardItem(self.severity_word(finding.severity)),
                 QStandardItem(finding.module or "—"), QStandardItem(finding.message), QStandardItem()]
        for cell in cells:
            cell.setFlags(_SELECTABLE)
            cell.setData(finding.id, ID_ROLE)
            cell.setData(finding.area, AREA_ROLE)
        accept, severity, _module, message, _status = cells
        if finding.status != "info":
            accept.setFlags(_CHECKABLE)
        accept.setToolTip(self.tr("Check when you have done this manual step") if finding.applicability == "manual"
                          else self.tr("Check to apply this change to the GPU manifest"))
        severity.setIcon(theme.icon(finding.severity))  # beside the word, never instead of it
        severity.setData(self.tr("{severity} · {code}: {title}").format(
            severity=self.severity_word(finding.severity), code=finding.code, title=finding.rule.title),
            Qt.ItemDataRole.AccessibleDescriptionRole)
        message.setToolTip(finding.message)
        self._write(cells, finding, muted)
        return cells

    def _write(self, cells: list[QStandardItem], finding: Decided, muted: QColor) -> None:
        """The parts of a row that follow decisions: the check box, the message, the status and how it reads."""
        accept, _severity, _module, message, status = cells
        if finding.status != "info":
            accept.setData(Qt.CheckState.Checked if finding.accepted else Qt.CheckState.Unchecked,
                           Qt.ItemDataRole.CheckStateRole)  # held as Qt's enum (setCheckState holds an int)
        if message.text() != finding.message:  # most findings say the same whatever was decided
            message.setText(finding.message)
            message.setToolTip(finding.message)
        status.setText(self.status_word(finding.status))
        status.setData(theme.icon("needs-input") if finding.status == "needs input" else None,
                       Qt.ItemDataRole.DecorationRole)
        status.setToolTip("\n".join(finding.problems.values()) if finding.problems else "")
        status.setData(" — ".join([self.tr("Status: {status}").format(status=status_word(finding.status, long=True)),
                                   *finding.problems.values()]), Qt.ItemDataRole.AccessibleDescriptionRole)
        status.setData(self._bold if needs_me(finding) else None, Qt.ItemDataRole.FontRole)
        status.setData(muted if finding.status in ("off", "rejected") else None, Qt.ItemDataRole.ForegroundRole)

    def same_findings(self) -> bool:
        """The session still has the findings shown (those on the device's objects come and go with decisions)."""
        return self.session is None or self.session.ids() == self._ids

    def refresh(self, recolour: bool = False) -> None:
        """The decisions changed: rewrite the area headers (counts) and the rows whose finding changed (every row
        with ``recolour``, after a palette change)."""
        if not self.same_findings():
            self.set_session(self.session)
            return
        if not self.groups or self.session is None:
            return
        muted = theme.muted_text(theme.palette(), QPalette.ColorRole.Base)
        changed: list[tuple[QStandardItem, int, Decided]] = []
        revised = None if recolour else self.session.revised_since(self._revision)
        self._revision = self.session.revision
        places = self._places.items() if revised is None else \
            [(finding_id, self._places[finding_id]) for finding_id in revised if finding_id in self._places]
        for finding_id, (row, child) in places:
            finding = self.session.finding(finding_id)
            shown = _row_state(finding)
            if recolour or self._shown.get(finding_id) != shown:
                self._shown[finding_id] = shown
                changed.append((self.item(row, 0), child, finding))
        changed.sort(key=lambda change: self._places[change[2].id])  # in the list's order, as the rows are
        # Many rows at once (accept all, a palette change): one layout change instead of a signal per cell, or a
        # filter would take the rows out one by one, each time through every row (a minute at 28 000 findings).
        batch = len(changed) > BATCH_ROWS
        if batch:
            self.layoutAboutToBeChanged.emit()
            blocked = self.blockSignals(True)
        try:
            for head, child, finding in changed:
                self._write([head.child(child, column) for column in range(len(self.COLUMNS))], finding, muted)
            for row, (area, _ids) in enumerate(self.groups):
                head = self.item(row, 0)
                summary = self.area_summary(area)
                if head.text() != summary:
                    head.setText(summary)
        finally:
            if batch:
                self.blockSignals(blocked)
                self.layoutChanged.emit()

    def finding_at(self, index: Index) -> Decided | None:
        if not index.isValid() or self.session is None:
            return None
        parent = index.parent()
        if not parent.isValid():
            return None
        finding_id = self.groups[parent.row()][1][index.row()]
        return self.session.finding(finding_id) if self.session.has_finding(finding_id) else None

    def index_of(self, finding_id: str) -> QModelIndex:
        place = self._places.get(finding_id)
        if place is None:
            return QModelIndex()
        return self.index(place[1], 0, self.index(place[0], 0))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A check box the user clicks asks the window to decide; the row is rewritten when the session has."""
        finding = self.finding_at(index)
        if finding is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.acceptRequested.emit(finding.id, checked)  # the window changes the session; refresh() follows
        return True


_SEVERITY_WEIGHT = {"error": 0, "warning": 1, "info": 2}
# what needs a person first, then what is settled, then what is only known
_STATUS_WEIGHT = {"needs input": 0, "rejected, reason needed": 1, "open": 2, "review": 3, "applied": 4,
                  "acknowledged": 5, "rejected": 6, "off": 7, "info": 8}


def _sort_key(finding: Decided, column: int) -> Any:
    name = ChecklistModel.COLUMNS[column]
    if name == "accept":
        return finding.code
    if name == "severity":
        return _SEVERITY_WEIGHT.get(finding.severity, 9)
    if name == "module":
        return (finding.module or "").casefold()
    if name == "message":
        return finding.message.casefold()
    return _STATUS_WEIGHT.get(str(finding.status), 9)


class NeedsMeFilter(QSortFilterProxyModel):
    """Shows every finding, or with ``needs_me_only`` only those waiting for a person (and their areas)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.needs_me_only = False
        self.text = ""  # casefolded
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)

    def set_needs_me_only(self, value: bool) -> None:
        self._refilter(lambda: setattr(self, "needs_me_only", value))

    def set_text(self, text: str) -> None:
        """Show only findings whose code, module, message or status holds ``text`` (any case); "" shows all."""
        self._refilter(lambda: setattr(self, "text", text.casefold()))

    def _refilter(self, change: Callable[[], object]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter() is deprecated there
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        """Findings sort within their area by the column's value (severity and status by weight, not by word);
        the areas keep the catalogue's order either way. Asked only once the user sorts."""
        model = self.sourceModel()
        assert isinstance(model, ChecklistModel)
        if not left.parent().isValid():  # areas
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return left.row() < right.row() if ascending else left.row() > right.row()
        a, b = model.finding_at(left), model.finding_at(right)
        if a is None or b is None:
            return False
        column = left.column()
        return (_sort_key(a, column), left.row()) < (_sort_key(b, column), right.row())

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not self.needs_me_only and not self.text:
            return True
        model = self.sourceModel()
        assert isinstance(model, ChecklistModel)
        finding = model.finding_at(model.index(row, 0, parent))
        if finding is None:  # an area: shown when a finding of it is (recursive filtering)
            return False
        if self.needs_me_only and not needs_me(finding):
            return False
        if self.text:
            shown = f"{finding.code} {finding.module or ''} {finding.message} {status_word(finding.status)}"
            return self.text in shown.casefold()
        return True


class ChecklistView(QTreeView):
    """Tree of areas and findings; area rows span the whole width."""

    menuRequested = Signal(str, QPoint)  # finding id, global position: a right click or the menu key on a finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self._filter_text = ""  # the find bar's text, as typed
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
        theme.indicators(self, "QTreeView")
        theme.room_for_focus(self)
        header = self.header()
        header.setAccessibleName(self.tr("Checklist columns"))
        header.setAccessibleDescription(self.tr("Click a column's title to sort each area's findings by it; click "
                                                "again for the other way"))
        self._description = self.tr(
            "Findings grouped by area. Up and Down select a finding, Space accepts or rejects it, F8 and Shift+F8 go "
            "to the next and the previous one, the menu key opens its actions; Ctrl+4 goes to its decision.")
        self.setAccessibleDescription(self._description)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 118), (1, 96), (2, 140), (4, 130)):
            self.setColumnWidth(column, width)
        # A header click sorts each area's findings (again: the other way); unsorted, they are in catalogue order.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if hasattr(header, "setSortIndicatorClearable"):  # Qt 6.1+: a third click goes back to the catalogue
            header.setSortIndicatorClearable(True)
        self.setSortingEnabled(True)
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

    def event(self, event: QEvent) -> bool:
        """The frame shows the keyboard focus (the style draws none round a list)."""
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint:
            theme.paint_focus_frame(self)
        return handled

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        """The finding under the mouse (or, from the keyboard, the current one) asks for its menu."""
        if event.reason() == QContextMenuEvent.Reason.Mouse:  # comes from the viewport, in its coordinates
            index = self.indexAt(event.pos())
            if index.isValid():
                self.setCurrentIndex(index)
        else:
            index = self.currentIndex()
        finding = self.source.finding_at(self.proxy.mapToSource(index)) if index.isValid() else None
        if finding is None:
            return
        rect = self.visualRect(index)
        where = event.globalPos() if event.reason() == QContextMenuEvent.Reason.Mouse else \
            self.viewport().mapToGlobal(rect.bottomLeft())
        self.menuRequested.emit(finding.id, where)
        event.accept()

    def _update_empty(self, *args: object) -> None:
        filtered = self.proxy.needs_me_only or bool(self.proxy.text)
        empty = filtered and self.source.session is not None and self.proxy.rowCount() == 0
        if empty:
            self.empty_label.setText(self.tr("No finding matches “{text}”").format(text=self._filter_text)
                                     if self.proxy.text else self.tr("Nothing needs you — export when ready"))
            self.empty_label.setAccessibleName(self.empty_label.text())
        self.empty_label.setGeometry(self.viewport().rect())
        self.empty_label.setVisible(empty)
        self.setAccessibleDescription(f"{self.empty_label.text()}. {self._description}" if empty
                                      else self._description)

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
        self._refilter(lambda: self.proxy.set_needs_me_only(value))

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort each area's findings by a column; -1: the catalogue's order."""
        current = self.current_id()
        self.sortByColumn(column, order)
        if column < 0:
            self.header().setSortIndicator(-1, order)
            self.proxy.sort(-1)
        self._span_areas()
        if current:
            self.select(current)

    def set_text_filter(self, text: str) -> None:
        self._filter_text = text
        self._refilter(lambda: self.proxy.set_text(text))

    def _refilter(self, change: Callable[[], object]) -> None:
        current = self.current_id()
        change()
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
        """After a palette change: the style sheet takes up the new palette, and the greyed statuses are derived
        from it again."""
        theme.indicators(self, "QTreeView")
        self.source.refresh(recolour=True)
        self.header().viewport().update()
        self.viewport().update()
