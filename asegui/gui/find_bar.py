"""The find bar (Ctrl+F): one text for both manifests and the checklist, as a diff tool searches both sides.

It holds no search logic: the window highlights the matches in each pane, filters the checklist and moves from
match to match when the bar asks (Enter, Shift+Enter, F3, Shift+F3).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class _Field(QLineEdit):
    """The search text: Enter goes to the next match, Shift+Enter to the previous, Escape closes the bar."""

    step = Signal(int)
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    changed = Signal(str)  # the text, as typed (empty: no search)
    step = Signal(int)     # 1: the next match, -1: the previous one
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.setAccessibleName(self.tr("Find"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        label = QLabel(self.tr("F&ind:"), self)
        self.field = _Field(self)
        self.field.setObjectName("find-field")
        self.field.setPlaceholderText(self.tr("text in both manifests and in the checklist's findings"))
        self.field.setAccessibleName(self.tr("Find text"))
        self.field.setAccessibleDescription(self.tr(
            "Text to find in both manifests and in the checklist's findings: Enter goes to the next match, "
            "Shift+Enter to the previous one, Escape closes the bar"))
        self.field.setClearButtonEnabled(True)
        for clear in self.field.findChildren(QToolButton):  # Qt's own button, with an icon and no text
            clear.setAccessibleName(self.tr("Clear the find text"))
        label.setBuddy(self.field)
        self.count = QLabel(self)
        self.count.setObjectName("find-count")
        self.count.setAccessibleName(self.tr("Matches"))
        buttons = []
        for text, tip, delta in ((self.tr("Previous"), self.tr("Previous match (Shift+F3, Shift+Enter)"), -1),
                                 (self.tr("Next"), self.tr("Next match (F3, Enter)"), 1)):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _checked=False, d=delta: self.step.emit(d))
            buttons.append(button)
        close = QToolButton(self)
        close.setText(self.tr("Close"))
        close.setToolTip(self.tr("Close the find bar (Escape)"))
        close.setAccessibleName(self.tr("Close the find bar"))
        close.clicked.connect(self.close_bar)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (*buttons, close):
            layout.addWidget(button)
        self.field.textChanged.connect(self.changed)
        self.field.step.connect(self.step)
        self.field.escaped.connect(self.close_bar)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def text(self) -> str:
        return self.field.text() if self.isVisible() else ""
