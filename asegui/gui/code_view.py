"""A read-only code pane: JSON (or YAML) highlighting (the colours of pygments' JsonLexer, and its YamlLexer's tokens
in the same colours), line numbers, change markers and a highlighted range."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from ..core import i18n
from ..review.diff import differing
from . import theme

Span = tuple[int, int, str]  # start, length, kind ("tag", "string", "number", "keyword" or "punctuation")

_STRING = r'"(?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"'
# One line as json.dumps(indent=…) writes it: indent, an optional key, an optional value, an optional comma.
_PRETTY_LINE = re.compile(
    rf"[ \t]*(?:(?P<tag>{_STRING})(?P<colon>:)[ \t]*)?"
    rf"(?:(?P<string>{_STRING})|(?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"
    rf"|(?P<keyword>true|false|null)|(?P<punctuation>[\[\]{{}}]+))?(?P<comma>,?)")
_KIND = {"tag": "tag", "colon": "punctuation", "string": "string", "number": "number", "keyword": "keyword",
         "punctuation": "punctuation", "comma": "punctuation"}


@lru_cache(maxsize=8192)  # a manifest repeats most of its lines ("},", "restartPolicy"…) module after module
def line_spans(text: str) -> tuple[Span, ...]:
    """Where pygments' JsonLexer puts each coloured token of one line.

    Lines of pretty-printed JSON are matched by one expression (what the lexer yields for them is
    exactly these spans); anything else goes to the lexer itself, imported on first need.
    """
    match = _PRETTY_LINE.fullmatch(text)
    if match is None:
        return _lexer_spans(text)
    spans: list[Span] = []
    for group, kind in _KIND.items():
        start, end = match.span(group)
        if end > start:
            spans.append((start, end - start, kind))
    return tuple(spans)


def _lexer_spans(text: str, language: str = "json") -> tuple[Span, ...]:
    from pygments.lexers.data import JsonLexer, YamlLexer
    from pygments.token import Comment, Keyword, Literal, Name, Number, Punctuation, String, Token

    kinds = {Name.Tag: "tag", String: "string", Number: "number", Keyword: "keyword", Punctuation: "punctuation",
             Literal.Scalar.Plain: "string", Name.Namespace: "keyword", Comment: "punctuation"}
    lexer = YamlLexer() if language == "yaml" else JsonLexer()
    spans: list[Span] = []
    position = 0
    for token, value in lexer.get_tokens(text):
        if position >= len(text):
            break
        while token is not None and token is not Token and token not in kinds:
            token = token.parent
        if token in kinds:
            spans.append((position, len(value), kinds[token]))
        position += len(value)
    return tuple(spans)


# One line as yaml.safe_dump(default_flow_style=False) writes most: indent, "- " items, an optional key, a value.
_YAML_KEY = r"""(?:[^\s\-?:,\[\]{}#&*!|>'"%@`][^:#]*?|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')"""
_YAML_LINE = re.compile(rf"(?P<indent> *)(?P<dashes>(?:- )*)(?:(?P<tag>{_YAML_KEY}):(?= |$))? ?(?P<value>.*)")
_YAML_NUMBER = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.inf|\.nan)")
_YAML_KEYWORDS = frozenset(("true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL", "~"))


@lru_cache(maxsize=8192)  # the objects of every module repeat most lines (labels, the proxy container…)
def yaml_line_spans(text: str) -> tuple[Span, ...]:
    """The coloured tokens of one line of YAML, as pygments' YamlLexer splits them, in the JSON pane's kinds.

    The lines PyYAML writes for the device's objects are matched by one expression; the rest (``---``, the
    continuation of a long string) go to the lexer itself."""
    match = _YAML_LINE.fullmatch(text)
    value = match.group("value") if match else ""
    if match is None or text.startswith(("---", "...")) or value.startswith(("#", "&", "*", "!", "|", ">")) \
            or " #" in value:
        return _lexer_spans(text, "yaml")
    spans: list[Span] = []
    position = len(match.group("indent"))
    for _dash in range(len(match.group("dashes")) // 2):
        spans.append((position, 1, "punctuation"))
        position += 2
    start, end = match.span("tag")
    if end > start:
        spans.append((start, end - start, "tag"))
        spans.append((end, 1, "punctuation"))
    if value:
        start = match.start("value")
        if value in ("{}", "[]"):
            kind = "punctuation"
        elif value in _YAML_KEYWORDS:
            kind = "keyword"
        elif _YAML_NUMBER.fullmatch(value):
            kind = "number"
        else:
            kind = "string"
        spans.append((start, len(value), kind))
    return tuple(spans)


# Characters JSON keeps as they are inside strings but a text document breaks lines at (U+2029 starts a block,
# U+2028 a line within one): shown as their escapes, so a pane has exactly one block per line of the text.
_LINE_BREAKING = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def shown(text: str) -> str:
    """``text`` as a pane shows it (the text written out is never changed)."""
    return text.translate(_LINE_BREAKING) if "\u2028" in text or "\u2029" in text else text


class JsonHighlighter(QSyntaxHighlighter):
    """Colours JSON tokens line by line (pretty-printed JSON never breaks a token across lines)."""

    spans: Callable[[str], tuple[Span, ...]] = staticmethod(line_spans)

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.refresh_colours()

    def refresh_colours(self, pal: QPalette | None = None) -> None:
        def fmt(colour: QColor, bold: bool = False) -> QTextCharFormat:
            result = QTextCharFormat()
            result.setForeground(colour)
            if bold:
                result.setFontWeight(QFont.Weight.Bold)
            return result

        pal = pal or theme.palette()
        text = pal.color(QPalette.ColorRole.Text)

        def colour(tone: QColor) -> QColor:  # read on the base and on every mark behind the text
            return theme.code_colour(tone, pal)

        self._formats = {
            "tag": fmt(colour(theme.tone(215, pal))),
            "string": fmt(colour(theme.tone(125, pal, 140))),
            "number": fmt(colour(theme.tone(28, pal, 190))),
            "keyword": fmt(colour(theme.tone(290, pal, 120)), bold=True),
            "punctuation": fmt(colour(theme.blend(text, pal.color(QPalette.ColorRole.Base), 0.35))),
        }
        self.rehighlight()

    def colours(self) -> dict[str, QColor]:
        """Each token kind's colour."""
        return {kind: fmt.foreground().color() for kind, fmt in self._formats.items()}

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        formats = self._formats
        for start, length, kind in self.spans(text):
            self.setFormat(start, length, formats[kind])


class YamlHighlighter(JsonHighlighter):
    """The device's objects as YAML, in the JSON panes' colours (a line at a time: PyYAML's block style keeps
    almost every token on one line)."""

    spans = staticmethod(yaml_line_spans)


class _Margin(QWidget):
    def __init__(self, view: CodeView) -> None:
        super().__init__(view)
        self.view = view
        # it paints every pixel of what it is asked to: without this Qt paints each widget under it first, up to
        # the window, on every repaint of the margin (every decision)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.view.margin_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.view.paint_margin(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """A click on a line's number or change mark asks for the finding behind the line."""
        if event.button() == Qt.MouseButton.LeftButton:
            y = int(event.position().y())
            self.view.lineActivated.emit(self.view.cursorForPosition(QPoint(0, y)).blockNumber() + 1)


def _runs(changes: dict[int, str], lines: int, height: int, mark: int) -> list[tuple[int, int, str]]:
    """The change map's marks as (top, bottom, kind) pixel runs, as one mark per changed line painted in line order
    would leave them: each pixel row shows the kind of the last line whose mark covers it. A manifest with thousands
    of changed lines paints a few dozen rectangles, not one per line (nor more than one per pixel row)."""
    rows: dict[int, str] = {}
    for line in sorted(changes):
        kind = changes[line]
        top = (line - 1) * height // lines
        for row in range(top, top + mark):
            rows[row] = kind
    runs: list[list[Any]] = []
    for row in sorted(rows):
        kind = rows[row]
        if runs and runs[-1][2] == kind and runs[-1][1] == row:
            runs[-1][1] = row + 1
        else:
            runs.append([row, row + 1, kind])
    return [(top, bottom, kind) for top, bottom, kind in runs]


class _ChangeMap(QWidget):
    """The whole text's changes at a glance, beside the scroll bar (as Meld and VS Code show them), with the part
    in view framed; a click or a drag scrolls there. From the keyboard: Alt+Down / Alt+Up go change to change."""

    WIDTH = 10

    def __init__(self, view: CodeView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName(view.objectName() + "-change-map")
        self.setAccessibleName(self.tr("Change map: where the changed lines are"))
        self.setToolTip(self.tr("Where the changes are; click to go there"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it fills itself (see _Margin)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        view = self.view
        pal = view.palette()
        painter = QPainter(self)
        theme.fill(painter, self.rect(), theme.blend(pal.color(QPalette.ColorRole.Base),
                                                     pal.color(QPalette.ColorRole.Text), 0.04))
        lines = max(1, view.blockCount())
        height = self.height()
        mark = max(2, height // lines)
        colours: dict[str, QColor] = {}
        width = self.width() - 2
        for top, bottom, kind in _runs(view.changes, lines, height, mark):
            if kind not in colours:
                colours[kind] = theme.change_colour(kind, pal)
            theme.fill(painter, QRect(1, top, width, bottom - top), colours[kind])
        first = view.top_line()  # the part in view, from its line count (no walk over the blocks on each scroll)
        shown = view.viewport().height() // max(1, view.fontMetrics().lineSpacing())
        frame = QRect(0, (first - 1) * height // lines, self.width() - 1, max(3, shown * height // lines))
        painter.setPen(theme.blend(pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base), 0.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
        painter.end()

    def line_at(self, y: int) -> int:
        return min(self.view.blockCount(), max(1, y * max(1, self.view.blockCount()) // max(1, self.height()) + 1))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._scroll_to(int(event.position().y()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._scroll_to(int(event.position().y()))

    def _scroll_to(self, y: int) -> None:
        line = self.line_at(y)
        self.view.verticalScrollBar().setValue(max(0, self.view.scroll_target(line, line)))


class CodeView(QPlainTextEdit):
    """The text of one manifest side; ``set_changes`` marks lines, ``show_range`` highlights and scrolls."""

    GLYPH_WIDTH = 2  # characters kept for the change glyph
    lineActivated = Signal(int)  # a line clicked or entered (1-based): the window selects the finding behind it

    def __init__(self, name: str, parent: QWidget | None = None, language: str = "json") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if i18n.language() == "zh_CN":  # Chinese in strings and comments: name fonts that have it
            from .language import CJK_MONO, with_fallbacks

            font.setFamilies(with_fallbacks(font.family(), CJK_MONO))
        font.setPointSizeF(max(font.pointSizeF(), 9.5))
        self.setFont(font)
        self.changes: dict[int, str] = {}
        self.ranges: list[tuple[int, int]] = []
        self.coloured = True  # False for a text too long to highlight (see PLAIN_LINES)
        self.partners: dict[int, int] = {}  # a changed line -> its counterpart's line in the other pane
        self._other: CodeView | None = None
        self.search = ""  # the find bar's text, case-insensitive
        self.matches: list[tuple[int, int]] = []  # (document position, length) of each match, in order
        self._text: str | None = None
        self._painted_intraline: dict[int, tuple[tuple[int, int], ...]] | None = None  # lines in view, their marks
        self.highlighter = (YamlHighlighter if language == "yaml" else JsonHighlighter)(self.document())
        self.margin = _Margin(self)
        self.change_map = _ChangeMap(self)
        self.blockCountChanged.connect(self._update_margin_width)
        self.updateRequest.connect(self._update_margin)
        theme.room_for_focus(self)
        self._update_margin_width()

    def event(self, event: QEvent) -> bool:
        """The frame shows the keyboard focus (a scroll area paints its own frame here, its viewport in
        paintEvent)."""
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint:
            theme.paint_focus_frame(self)
        return handled

    # -- content ---------------------------------------------------------------------------------------------
    def set_content(self, text: str, changes: dict[int, str] | None = None) -> None:
        """Show ``text``, keeping the scroll position (the panes re-render on every decision).

        Only the lines between the common head and tail of the old and new text are replaced, so a
        decision that changes one module re-highlights that module, not the whole manifest; a side
        whose text and marks stay the same is not repainted at all.
        """
        changes = dict(changes or {})
        text = shown(text)
        if text != self._text:
            vertical = self.verticalScrollBar().value()
            horizontal = self.horizontalScrollBar().value()
            coloured = self.coloured
            self._colour_for(text)
            if self._text is None or coloured != self.coloured or not self._replace_middle(
                    self._text.split("\n"), text.split("\n")):
                self.setPlainText(text)
            self._text = text
            self.verticalScrollBar().setValue(vertical)
            self.horizontalScrollBar().setValue(horizontal)
        elif changes == self.changes:
            return
        self.changes = changes
        if self.search:
            self._find_matches()
        self._apply_selections()
        self.margin.update()
        self.change_map.update()

    PLAIN_LINES = 40000  # longer texts are shown without colours: highlighting them would hold the window seconds

    def _colour_for(self, text: str) -> None:
        """Colours for a text of ordinary length; none for a very long one (as editors do with large files)."""
        coloured = text.count("\n") < self.PLAIN_LINES
        if coloured != self.coloured:
            self.coloured = coloured
            self.highlighter.setDocument(self.document() if coloured else None)

    REPLACED_AT_MOST = 5000  # lines: a larger middle is faster laid out afresh than edited in place

    def _replace_middle(self, old: list[str], new: list[str]) -> bool:
        """Replace the lines between the common head and tail of ``old`` (shown) and ``new``; False, changing
        nothing, when that middle is so long that the whole text is better set afresh (accept all on a large file)."""
        head = 0
        limit = min(len(old), len(new))
        while head < limit and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        if max(len(old), len(new)) - tail - head > self.REPLACED_AT_MOST:
            return False
        document = self.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        first = document.findBlockByNumber(head)
        end_line = len(old) - tail  # old lines head..end_line-1 are replaced by new[head:len(new)-tail]
        middle = "\n".join(new[head:len(new) - tail])
        if end_line > head:
            last = document.findBlockByNumber(end_line - 1)
            cursor.setPosition(first.position())
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            if len(new) - tail > head:
                cursor.insertText(middle)
            else:  # nothing replaces them: also drop one line break
                if head > 0:
                    cursor.setPosition(first.position() - 1)
                    cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
                else:
                    cursor.setPosition(last.position() + last.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
        elif len(new) - tail > head and not first.isValid():  # appended after the last line
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText("\n" + middle)
        elif len(new) - tail > head:  # pure insertion before line ``head``
            cursor.setPosition(first.position())
            cursor.insertText(middle + "\n")
        cursor.endEditBlock()
        return True

    def line_text(self, line: int) -> str:
        block = self.document().findBlockByNumber(line - 1)
        return block.text() if block.isValid() else ""

    # -- highlight and scrolling ----------------------------------------------------------------------------
    def show_range(self, ranges: list[tuple[int, int]], scroll: bool = True) -> None:
        """Highlight 1-based inclusive line ranges and bring the first into view, centred."""
        if scroll or list(ranges) != self.ranges:
            self.ranges = list(ranges)
            self._apply_selections()
            self.margin.update()
        if scroll and ranges:
            first, last = ranges[0]
            cursor = QTextCursor(self.document().findBlockByNumber(first - 1))
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(max(0, self.scroll_target(first, last)))

    def scroll_target(self, first: int, last: int) -> int:
        """Scroll value that centres lines first..last, or shows the start of a range taller than the view."""
        shown = max(1, self.viewport().height() // max(1, self.fontMetrics().lineSpacing()))
        span = last - first + 1
        if span <= shown - 2:
            return first - 1 - (shown - span) // 2
        return first - 2

    def clear_range(self) -> None:
        self.show_range([], scroll=False)

    # -- inside changed lines -------------------------------------------------------------------------------
    def set_partners(self, partners: dict[int, int], other: CodeView) -> None:
        """Changed lines and their counterparts in ``other``: what differs inside each is marked when painted.

        Repainted only when a line in view would be marked otherwise (called after every change of the other pane):
        a decision in one module moves the counterparts of every line after it in the other pane, and this pane's
        marks stay the same."""
        in_view = self._painted_intraline
        same = other is self._other and self.partners.keys() == partners.keys() and in_view is not None
        if partners != self.partners or other is not self._other:
            self.partners, self._other = dict(partners), other
        # the same pairs can mark otherwise too: the other pane's line changed (a value given for a parameter)
        if not same or any(self.intraline(line) != marked for line, marked in in_view.items()):  # type: ignore
            self.viewport().update()

    def intraline(self, line: int) -> tuple[tuple[int, int], ...]:
        """The character ranges of ``line`` that its counterpart does not have (none for an unpaired line)."""
        partner = self.partners.get(line)
        if partner is None or self._other is None:
            return ()
        return differing(self.line_text(line), self._other.line_text(partner))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """The characters that changed inside a changed line, under the text (the visible lines only)."""
        if self.partners:
            self._paint_intraline(event)
        else:
            self._painted_intraline = None
        super().paintEvent(event)

    def _paint_intraline(self, event: QPaintEvent) -> None:
        """Only the paired lines in view are looked at (a Qt call per line would cost more than the drawing)."""
        first = self.firstVisibleBlock().blockNumber() + 1
        shown = event.rect().bottom() // max(1, self.fontMetrics().lineSpacing()) + 2
        marked = {line: self.intraline(line) for line in range(first, first + shown) if line in self.partners}
        # what the whole view shows marked (a paint of part of it leaves the rest unknown: set_partners repaints)
        self._painted_intraline = marked if event.rect() == self.viewport().rect() else None
        lines = [line for line, ranges in marked.items() if ranges]
        if not lines:
            return
        painter = QPainter(self.viewport())
        colour = theme.intraline_background(self.palette())
        offset = self.contentOffset()
        document = self.document()
        for line in lines:
            block = document.findBlockByNumber(line - 1)
            layout = block.layout()
            if not block.isVisible() or layout is None or not layout.lineCount():
                continue
            top = self.blockBoundingGeometry(block).translated(offset).top()
            text_line = layout.lineAt(0)
            for start, end in self.intraline(line):
                left = text_line.cursorToX(start)[0] + offset.x()
                right = text_line.cursorToX(end)[0] + offset.x()
                theme.fill(painter, QRect(int(left), int(top), max(2, int(right - left)), int(text_line.height())),
                           colour)
        painter.end()

    # -- search --------------------------------------------------------------------------------------------
    MAX_MATCHES = 10000  # more than anyone steps through; the count says "10000+"

    def set_search(self, text: str) -> None:
        """Mark every match of ``text`` (case-insensitive); an empty text clears them."""
        self.search = text
        self._find_matches()
        self._apply_selections()

    def _find_matches(self) -> None:
        """Found by the document itself, so positions are its own (UTF-16, as the cursor counts)."""
        self.matches = []
        if not self.search:
            return
        document = self.document()
        cursor = document.find(self.search, 0)
        while not cursor.isNull() and len(self.matches) < self.MAX_MATCHES:
            self.matches.append((cursor.selectionStart(), cursor.selectionEnd() - cursor.selectionStart()))
            cursor = document.find(self.search, cursor)

    def go_to_match(self, delta: int) -> int | None:
        """Select the next (``delta`` 1) or previous (-1) match after the caret, wrapping around; its index, or
        None when there is no match."""
        if not self.matches:
            return None
        caret = self.textCursor()
        starts = [start for start, _length in self.matches]
        if delta > 0:  # after the caret, or after the match it selects
            here = caret.selectionStart() + (1 if caret.hasSelection() else 0)
            index = next((i for i, start in enumerate(starts) if start >= here), 0)
        else:
            here = caret.selectionStart()
            index = next((i for i in range(len(starts) - 1, -1, -1) if starts[i] < here), len(starts) - 1)
        start, length = self.matches[index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        line = cursor.blockNumber() + 1
        first, last = self.visible_lines()
        if not first < line < last:
            self.verticalScrollBar().setValue(max(0, self.scroll_target(line, line)))
        return index

    # -- changes -------------------------------------------------------------------------------------------
    def change_starts(self) -> list[int]:
        """The first line of each change: a run of marked lines is one change, as in a diff tool."""
        lines = sorted(self.changes)
        return [line for line in lines if line - 1 not in self.changes]

    def current_line(self) -> int:
        """Where "next change" counts from: the caret's line when this pane has the focus, else the top line."""
        return self.textCursor().blockNumber() + 1 if self.hasFocus() else self.top_line()

    def go_to_change(self, delta: int) -> int | None:
        """Put the caret on the next (``delta`` 1) or previous (-1) change and bring it into view; the line moved
        to, or None when there is none that way."""
        here = self.current_line()
        starts = self.change_starts()
        ahead = [line for line in starts if line > here] if delta > 0 else [line for line in starts if line < here]
        if not ahead:
            return None
        line = ahead[0] if delta > 0 else ahead[-1]
        last = line
        while last + 1 in self.changes:
            last += 1
        self.setTextCursor(QTextCursor(self.document().findBlockByNumber(line - 1)))
        self.verticalScrollBar().setValue(max(0, self.scroll_target(line, last)))
        return line

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """A click (not a drag that selects text) on a line asks for the finding behind it."""
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.lineActivated.emit(self.cursorForPosition(event.position().toPoint()).blockNumber() + 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter on a line asks for the finding behind it, as a click does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.lineActivated.emit(self.textCursor().blockNumber() + 1)
            return
        super().keyPressEvent(event)

    def visible_lines(self) -> tuple[int, int]:
        """First and last (1-based) lines whose blocks are at least partly in the viewport."""
        block = self.firstVisibleBlock()
        first = block.blockNumber() + 1
        last = first
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > height:
                break
            last = block.blockNumber() + 1
            block = block.next()
        return first, last

    def top_line(self) -> int:
        return self.firstVisibleBlock().blockNumber() + 1

    def scroll_to_line(self, line: int) -> None:
        self.verticalScrollBar().setValue(max(0, line - 1))

    def _apply_selections(self) -> None:
        selections = []
        background = theme.highlight_background(self.palette())
        for first, last in self.ranges:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(background)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            cursor = QTextCursor(self.document().findBlockByNumber(first - 1))
            end = self.document().findBlockByNumber(max(first, last) - 1)
            if end.isValid():  # to the end of the last line, so a full-width selection paints it too
                cursor.setPosition(end.position() + max(0, end.length() - 1), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        if self.matches:
            found = theme.find_background(self.palette())
            for start, length in self.matches:
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(found)
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selections.append(selection)
        self.setExtraSelections(selections)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_colours()

    def refresh_colours(self) -> None:
        self.highlighter.refresh_colours(self.palette())
        self._apply_selections()
        self.margin.update()

    # -- margin ---------------------------------------------------------------------------------------------
    def margin_width(self) -> int:
        digits = max(3, len(str(max(1, self.blockCount()))))
        return self.fontMetrics().horizontalAdvance("9") * (digits + self.GLYPH_WIDTH + 1) + 10

    def _update_margin_width(self, _count: int = 0) -> None:
        self.setViewportMargins(self.margin_width(), 0, _ChangeMap.WIDTH, 0)

    def _update_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self.margin.scroll(0, dy)
            self.change_map.update()  # the frame of the part in view moves
        else:
            self.margin.update(0, rect.y(), self.margin.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_margin_width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        area = self.contentsRect()
        self.margin.setGeometry(QRect(area.left(), area.top(), self.margin_width(), area.height()))
        viewport = self.viewport().geometry()
        self.change_map.setGeometry(QRect(viewport.right() + 1, area.top(), _ChangeMap.WIDTH, viewport.height()))

    def paint_margin(self, event: QPaintEvent) -> None:
        """Line numbers and change glyphs; font, pen and colours are set only when they change (every
        decision repaints the margin, and each Qt call from Python costs more than the drawing)."""
        pal = self.palette()
        painter = QPainter(self.margin)
        area = event.rect()
        area_top, area_bottom = area.top(), area.bottom()
        text = pal.color(QPalette.ColorRole.Text)
        theme.fill(painter, area, theme.margin_background(pal))
        number_colour = theme.line_number_colour(pal)
        metrics = self.fontMetrics()
        char = metrics.horizontalAdvance("9")
        width = self.margin.width()
        glyph_x = width - char * self.GLYPH_WIDTH - 4
        highlighted = {line for first, last in self.ranges for line in range(first, last + 1)}
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        line_height = metrics.height()
        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        colours: dict[str, QColor] = {}
        emphasised: bool | None = None  # what the painter's font and pen are set for
        while block.isValid() and top <= area_bottom:
            height = round(self.blockBoundingRect(block).height())
            line = block.blockNumber() + 1
            if block.isVisible() and top + height >= area_top:
                kind = self.changes.get(line)
                if kind:
                    if kind not in colours:
                        colours[kind] = theme.change_colour(kind, pal)
                    theme.fill(painter, QRect(width - 4, top, 4, height), colours[kind])
                    painter.setFont(bold)
                    painter.setPen(colours[kind])
                    emphasised = None
                    painter.drawText(glyph_x, top, char * self.GLYPH_WIDTH, line_height,
                                     Qt.AlignmentFlag.AlignCenter, {"-": "\u2212"}.get(kind, kind))
                if emphasised is not (line in highlighted):
                    emphasised = line in highlighted
                    painter.setFont(bold if emphasised else font)
                    painter.setPen(text if emphasised else number_colour)
                painter.drawText(0, top, glyph_x - 4, line_height, Qt.AlignmentFlag.AlignRight, str(line))
            block = block.next()
            top += height
        painter.end()
