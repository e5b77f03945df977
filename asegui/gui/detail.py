"""The selected finding: what it is, why (the rule's explanation), and a form for its parameters."""

from __future__ import annotations

import html
import itertools
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core import Decided, Param
from ..core.i18n import _
from ..review.wording import severity_word, status_word
from . import theme


class _Explanation(QTextBrowser):
    """The rule's explanation; its frame shows the keyboard focus (the style draws none round a text pane)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.room_for_focus(self)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint:
            theme.paint_focus_frame(self)
        return handled


class ParamField(QWidget):
    """One parameter: an editor and, under it, the reason a value is refused."""

    committed = Signal(str, object)  # name, value

    def __init__(self, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.param = param
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.editor: QLineEdit | QComboBox
        if param.kind == "enum":
            combo = QComboBox(self)
            combo.addItems(list(param.options))
            combo.activated.connect(lambda _i: self._commit())
            self.editor = combo
        else:
            line = QLineEdit(self)
            line.textEdited.connect(self._validate)
            line.editingFinished.connect(self._commit)
            if param.kind == "int":
                hint = []
                if param.minimum is not None:
                    hint.append(self.tr("at least {minimum}").format(minimum=param.minimum))
                if param.maximum is not None:
                    hint.append(self.tr("at most {maximum}").format(maximum=param.maximum))
                line.setPlaceholderText(self.tr("a whole number") + (f" ({', '.join(hint)})" if hint else ""))
            else:
                line.setPlaceholderText(param.pattern_hint or self.tr("required"))
            self.editor = line
        self.editor.setObjectName(f"param-{param.name}")
        self.editor.setAccessibleName(param.label)
        self.editor.setToolTip(param.label)
        if isinstance(self.editor, QComboBox):
            self._description = self.tr("The value of {label} in the GPU manifest, one of: {options}").format(
                label=param.label, options=", ".join(param.options))
        else:
            self._description = self.tr("The value of {label} in the GPU manifest ({hint}); Enter applies it").format(
                label=param.label, hint=self.editor.placeholderText())
        self.editor.setAccessibleDescription(self._description)
        self.reason = QLabel(self)
        self.reason.setObjectName(f"problem-{param.name}")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setAccessibleName(self.tr("Why {label} is refused").format(label=param.label))
        self.reason.hide()
        layout.addWidget(self.editor)
        layout.addWidget(self.reason)
        self.last_value: Any = None

    def text(self) -> str:
        return self.editor.currentText() if isinstance(self.editor, QComboBox) else self.editor.text()

    def set_value(self, value: Any, problem: str | None) -> None:
        """Show the session's value, unless the user is typing into this field."""
        if self.editor.hasFocus() and self.reason.isVisible():
            return
        self.last_value = value
        text = "" if value is None else str(value)
        if isinstance(self.editor, QComboBox):
            self.editor.setCurrentText(text)
        elif self.editor.text() != text:
            self.editor.setText(text)
        self.show_problem(problem)

    def show_problem(self, problem: str | None) -> None:
        if problem:
            self.refresh_colours()
            self.reason.setText("\u26a0 " + problem)  # a sign as well as a colour
            self.reason.show()
        else:
            self.reason.clear()
            self.reason.hide()
        self.editor.setProperty("invalid", bool(problem))
        self.editor.setAccessibleDescription(self.tr("Refused: {problem}. {description}").format(
            problem=problem, description=self._description) if problem else self._description)

    def refresh_colours(self) -> None:
        palette = self.reason.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.tone(0, self.palette(), 200))
        self.reason.setPalette(palette)

    def pending(self) -> bool:
        """Typed but not committed yet: the text differs from the value the session has."""
        if isinstance(self.editor, QComboBox):  # a choice is committed when it is made
            return False
        return self.editor.text() != ("" if self.last_value is None else str(self.last_value))

    def commit_pending(self) -> str | None:
        """Commit a value typed but not yet entered; returns the reason it is refused (it stays in the field)."""
        if not self.pending():
            return None
        problem = self._validate(self.text())
        if problem is None:
            self._commit()
        return problem

    def _validate(self, text: str) -> str | None:
        problem = self.param.problem(text)
        self.show_problem(problem)
        return problem

    def _commit(self) -> None:
        text = self.text()
        if self._validate(text):
            return
        value = self.param.coerce(text)
        if value != self.last_value:
            self.last_value = value
            self.committed.emit(self.param.name, value)


class DetailPanel(QWidget):
    """Explanation and parameter form of one finding."""

    acceptToggled = Signal(str, bool)
    paramCommitted = Signal(str, str, object)  # finding id, name, value
    noteCommitted = Signal(str, str)  # finding id, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.setAccessibleName(self.tr("Selected finding"))
        self.setAccessibleDescription(self.tr("What the selected finding is, why it matters, and its decision: "
                                              "accept it, give its values, say why"))
        self.finding_id: str | None = None
        self.fields: dict[str, ParamField] = {}
        self._markdown: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.icon = QLabel(self)
        self.icon.setFixedSize(18, 18)
        self.title = QLabel(self)
        self.title.setObjectName("detail-title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setAccessibleName(self.tr("Rule"))
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        layout.addLayout(top)

        self.meta = QLabel(self)
        self.meta.setObjectName("detail-meta")
        self.meta.setAccessibleName(self.tr("Severity, module and status"))
        self.meta.setWordWrap(True)  # else its width is its text's, and a longer status would move the splitter
        layout.addWidget(self.meta)
        self.message = QLabel(self)
        self.message.setObjectName("detail-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Finding"))
        layout.addWidget(self.message)

        self.accept = QCheckBox(self)
        self.accept.setObjectName("detail-accept")
        self.accept.setAccessibleName(self.tr("Accept this finding"))
        self.accept.setAccessibleDescription(self.tr("Checked: the change is in the GPU manifest; unchecked: it is "
                                                     "left out"))
        self.accept.clicked.connect(self._accept_clicked)
        theme.indicators(self.accept, "QCheckBox")
        layout.addWidget(self.accept)

        # Why a person decided as they did: a rejected error's fix is settled only once this says why.
        self.note = QLineEdit(self)
        self.note.setObjectName("detail-note")
        self.note.setPlaceholderText(self.tr("Note: why (e.g. handled outside the manifest)"))
        self.note.setAccessibleName(self.tr("Note on this decision"))
        self.note.setAccessibleDescription(self.tr("Why you decided so, saved with the decisions; an error whose fix "
                                                   "is rejected counts as settled only once this says why"))
        self.note.editingFinished.connect(self._note_finished)
        layout.addWidget(self.note)

        self.form_frame = QFrame(self)
        self.form_frame.setObjectName("detail-form")
        self.form = QFormLayout(self.form_frame)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(self.form_frame)

        self.todo = QLabel(self)
        self.todo.setObjectName("detail-todo")
        self.todo.setWordWrap(True)
        self.todo.setAccessibleName(self.tr("On the device"))
        layout.addWidget(self.todo)

        self.explanation = _Explanation(self)
        self.explanation.setObjectName("detail-explanation")
        self.explanation.setAccessibleName(self.tr("Explanation"))
        self.explanation.setAccessibleDescription(self.tr("Why the selected finding matters: the rule, the FPGA and "
                                                          "the GPU form, its source and links (opened in the browser)"))
        self.explanation.setOpenExternalLinks(True)
        self.explanation.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.explanation, 1)
        self.refresh_colours()
        self.show_finding(None)

    # -- showing ---------------------------------------------------------------------------------------------
    def show_finding(self, finding: Decided | None) -> None:
        changed = finding is None or finding.id != self.finding_id
        self.finding_id = finding.id if finding else None
        if changed:
            self._build_form(finding)
        if finding is None:
            for widget in (self.meta, self.message, self.accept, self.form_frame, self.todo, self.note):
                widget.setVisible(False)
            self.icon.clear()
            self.title.setText(self.tr("Select a finding to see why it matters and what it changes."))
            self._set_explanation(self.tr(
                "Each row of the checklist is one thing that differs between the FPGA device and the GPU "
                "device. Check a row to apply its change; rows marked *needs input* wait for a value only you "
                "know.\n\nUse **F8** and **Shift+F8** to walk through the findings."))
            return
        rule = finding.rule
        self.icon.setPixmap(theme.icon(finding.severity).pixmap(18, 18))
        self.title.setText(f"<b>{html.escape(finding.code)}</b> · {html.escape(_(rule.title))}")
        self.meta.setText(self.tr("{severity} · module {module} · {status}").format(
            severity=self._severity_word(finding.severity), module=finding.module or "—",
            status=self._status_word(finding.status)))
        self.message.setText(finding.message)
        manual = finding.applicability == "manual"
        # each widget's visibility is set once: one shown and hidden again in a pass lays the panel out twice
        self.meta.setVisible(True)
        self.message.setVisible(True)
        self.accept.setVisible(finding.status != "info")
        self.accept.setText(self.tr("I have done this manual step") if manual
                            else self.tr("Apply this change to the GPU manifest"))
        self.accept.setAccessibleName(self.accept.text())  # what a screen reader says is what the eye reads
        self.accept.setAccessibleDescription(
            self.tr("Checked: you have done this step on the GPU device; the checklist counts it done") if manual
            else self.tr("Checked: the change is in the GPU manifest; unchecked: it is left out"))
        self.accept.setChecked(finding.accepted)
        self.note.setVisible(finding.status != "info")
        if changed or not self.note.hasFocus():
            self.note.setText(finding.note)
        reason_needed = finding.status == "rejected, reason needed"
        self.note.setProperty("needed", reason_needed)
        self.note.setToolTip(self.tr("The fix of this error is rejected: say why, so it counts as settled")
                             if reason_needed else "")
        for param in finding.params:
            field = self.fields[param.name]
            field.set_value(finding.values.get(param.name), finding.problems.get(param.name))
            field.setEnabled(finding.accepted)
        self.form_frame.setVisible(bool(finding.params))
        self.todo.setVisible(bool(finding.todo))
        self.todo.setText(self.tr("On the GPU device: {todo}").format(todo=finding.todo))
        if changed:
            self._set_explanation(self._explanation(finding))

    def _set_explanation(self, markdown: str) -> None:
        """Lay the text out only when it differs: opening a document shows the placeholder a second time."""
        if markdown != self._markdown:
            self._markdown = markdown
            self.explanation.setMarkdown(markdown)

    def _explanation(self, finding: Decided) -> str:
        rule = finding.rule
        parts = [_(rule.explanation)]  # the rule's own words, in the core's catalogue
        if rule.before:
            parts.append(self.tr("**FPGA device (before)**") + "\n\n```\n" + rule.before + "\n```")
        if rule.after:
            parts.append(self.tr("**GPU device (after)**") + "\n\n```\n" + rule.after + "\n```")
        if rule.source:
            parts.append(self.tr("*Source:* {source}").format(source=rule.source))
        links = rule.links
        if links:  # opened in the browser (setOpenExternalLinks)
            parts.append(self.tr("*Links:*") + "\n\n" + "\n".join(f"- <{link}>" for link in links))
        return "\n\n".join(parts)

    def _severity_word(self, severity: str) -> str:
        return severity_word(severity, title=True)

    def _status_word(self, status: str) -> str:
        return status_word(status, long=True)

    def _build_form(self, finding: Decided | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        if finding is None:
            return
        for param in finding.params:
            field = ParamField(param, self.form_frame)
            field.committed.connect(self._param_committed)
            label = QLabel(param.label, self.form_frame)
            label.setBuddy(field.editor)
            label.setWordWrap(True)
            self.form.addRow(label, field)
            label.show()  # a layout shows late-added children only on the next event loop pass
            field.show()
            self.fields[param.name] = field
        self.form_frame.setVisible(bool(finding.params))
        # Tab follows the screen: fields made now would otherwise come after everything made before them.
        chain: list[QWidget] = [self.accept, self.note, *(field.editor for field in self.fields.values()),
                                self.explanation]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def show_problem(self, name: str, problem: str | None) -> None:
        if name in self.fields:
            self.fields[name].show_problem(problem)

    def _note_finished(self) -> None:
        if self.finding_id is not None:
            self.noteCommitted.emit(self.finding_id, self.note.text().strip())

    def commit_pending(self) -> tuple[ParamField, str] | None:
        """Commit every value typed but not yet entered (Enter or leaving the field does it too), before the
        window moves on. A refused value stays in its field, with its reason: returned with the field."""
        if self.finding_id is not None and self.note.isModified():
            self.note.setModified(False)
            self._note_finished()
        for field in list(self.fields.values()):
            problem = field.commit_pending()
            if problem:
                return field, problem
        return None

    def refresh_colours(self) -> None:
        """After a palette change: the check box's style sheet and the refused values' reasons follow it."""
        palette = self.meta.palette()  # quieter than the message, still readable (placeholder grey is not always)
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted_text(self.palette(), QPalette.ColorRole.Window))
        self.meta.setPalette(palette)
        theme.indicators(self.accept, "QCheckBox")
        for field in self.fields.values():
            field.refresh_colours()

    # -- user ------------------------------------------------------------------------------------------------
    def _accept_clicked(self, checked: bool) -> None:
        if self.finding_id:
            self.acceptToggled.emit(self.finding_id, checked)

    def _param_committed(self, name: str, value: object) -> None:
        if self.finding_id:
            self.paramCommitted.emit(self.finding_id, name, value)
