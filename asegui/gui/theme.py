"""Colours derived from the active palette, so light, dark and high-contrast palettes stay readable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from ..resources_path import resource


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(pal: QPalette | None = None) -> bool:
    pal = pal or palette()
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def tone(hue: int, pal: QPalette | None = None, saturation: int = 170) -> QColor:
    """A readable foreground of ``hue`` on the palette's base: light on dark, dark on light."""
    return QColor.fromHsl(hue, saturation, 175 if is_dark(pal) else 85)


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) towards ``b``."""
    return QColor(round(a.red() + (b.red() - a.red()) * amount),
                  round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21; text wants 4.5 or more)."""
    def luminance(colour: QColor) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: QColor, backgrounds: list[QColor], towards: QColor, minimum: float = 4.6) -> QColor:
    """``colour`` moved towards ``towards`` (the palette's text colour, say) only as far as it takes to reach
    ``minimum`` contrast on every one of ``backgrounds``: its hue kept as far as it can be."""
    for step in range(21):
        moved = blend(colour, towards, step * 0.05)
        if all(contrast(moved, background) >= minimum for background in backgrounds):
            return moved
    return QColor(towards)


def muted_text(pal: QPalette | None = None, on: QPalette.ColorRole = QPalette.ColorRole.Base,
               minimum: float = 4.6) -> QColor:
    """Quieter text (a status that is off, a label's details) that still reads: the text colour for background
    ``on`` (Base: Text, Window: WindowText) moved towards it only as far as keeps ``minimum`` contrast (on Base,
    on AlternateBase too: the checklist's rows alternate)."""
    pal = pal or palette()
    role = QPalette.ColorRole.WindowText if on == QPalette.ColorRole.Window else QPalette.ColorRole.Text
    text, base = pal.color(role), pal.color(on)
    backgrounds = [base, pal.color(QPalette.ColorRole.AlternateBase)] if on == QPalette.ColorRole.Base else [base]
    for step in range(10, 0, -1):
        colour = blend(text, base, step * 0.05)
        if all(contrast(colour, background) >= minimum for background in backgrounds):
            return colour
    return text


def highlight_background(pal: QPalette | None = None) -> QColor:
    pal = pal or palette()
    return blend(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Highlight), 0.28)


def intraline_background(pal: QPalette | None = None) -> QColor:
    """Under the characters that changed inside a changed line: the change mark's orange, lighter."""
    pal = pal or palette()
    return blend(pal.color(QPalette.ColorRole.Base), change_colour("~", pal), 0.22 if is_dark(pal) else 0.3)


def find_background(pal: QPalette | None = None) -> QColor:
    """Where the find bar's text matches: amber, apart from the selection's blue and the change marks."""
    pal = pal or palette()  # on a dark base, less of the amber: the text's colours read on it
    return blend(pal.color(QPalette.ColorRole.Base), QColor.fromHsl(45, 230, 120), 0.28 if is_dark(pal) else 0.45)


def code_backgrounds(pal: QPalette | None = None) -> list[QColor]:
    """What a code pane paints behind its text: the base, the selected finding's lines, the characters that
    changed inside a changed line, the find bar's matches."""
    pal = pal or palette()
    return [pal.color(QPalette.ColorRole.Base), highlight_background(pal), intraline_background(pal),
            find_background(pal)]


_readable_cache: dict[tuple[str, int, int], QColor] = {}


def _per_palette(name: str, colour: QColor, pal: QPalette, make: Callable[[], QColor]) -> QColor:
    """``make()`` once per colour and palette: the panes ask at every paint and rehighlight, and finding a
    readable shade takes dozens of contrast sums (a palette's ``cacheKey`` changes whenever it does)."""
    key = (name, colour.rgba(), pal.cacheKey())
    found = _readable_cache.get(key)
    if found is None:
        if len(_readable_cache) > 256:
            _readable_cache.clear()
        found = _readable_cache[key] = make()
    return QColor(found)


def code_colour(colour: QColor, pal: QPalette | None = None) -> QColor:
    """A token's colour that reads on every background of a code pane (4.5:1, WCAG AA)."""
    pal = pal or palette()
    return _per_palette("code", colour, pal, lambda: readable(colour, code_backgrounds(pal),
                                                                pal.color(QPalette.ColorRole.Text), 4.5))


def change_colour(kind: str, pal: QPalette | None = None) -> QColor:
    """Margin colour of a change; blue/orange, which colour-blind readers tell apart (and a glyph goes with it)."""
    return {"+": tone(210, pal, 200), "~": tone(30, pal, 200), "-": tone(0, pal, 60)}.get(kind, tone(0, pal, 0))


def margin_background(pal: QPalette | None = None) -> QColor:
    """Behind a code pane's line numbers: the base, a shade towards the text."""
    pal = pal or palette()
    return blend(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text), 0.06)


def line_number_colour(pal: QPalette | None = None) -> QColor:
    """Line numbers quieter than the text, and still read on the margin (4.5:1)."""
    pal = pal or palette()
    text = pal.color(QPalette.ColorRole.Text)
    return _per_palette("line-number", text, pal, lambda: readable(
        blend(text, pal.color(QPalette.ColorRole.Base), 0.45), [margin_background(pal)], text, 4.6))


def focus_colour(pal: QPalette | None = None) -> QColor:
    """The frame of the pane with the keyboard focus: the selection's colour, made to stand out (3:1, WCAG's
    non-text contrast) from the window and the pane's base."""
    pal = pal or palette()
    return readable(pal.color(QPalette.ColorRole.Highlight),
                    [pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.Base)],
                    pal.color(QPalette.ColorRole.Text), 3.2)


def room_for_focus(widget: QWidget) -> None:
    """A pixel inside a pane's frame (Fusion's is one pixel) for :func:`paint_focus_frame` to draw two on."""
    widget.setContentsMargins(1, 1, 1, 1)


def paint_focus_frame(widget: QWidget) -> None:
    """With the keyboard focus, two pixels of :func:`focus_colour` round ``widget``, over its frame and the pixel
    :func:`room_for_focus` made inside it; without, that pixel in the pane's base. Fusion shows no focus on a text
    pane or a list. Called after the widget's own frame is painted (its ``event`` on a paint)."""
    painter = QPainter(widget)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pal = widget.palette()
    if widget.hasFocus():
        pen = QPen(focus_colour(pal), 2)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.drawRect(QRectF(widget.rect()).adjusted(1, 1, -1, -1))
    else:
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1))
        painter.drawRect(QRectF(widget.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
    painter.end()


def light_palette() -> QPalette:
    """The style's light palette (what View > Dark palette goes back to), with the selection and the placeholder
    text a little darker: the style's white on its blue and its grey on white read below 4.5:1."""
    pal = QApplication.style().standardPalette()
    black = QColor(0, 0, 0)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Highlight,
                     readable(pal.color(group, QPalette.ColorRole.Highlight),
                              [pal.color(group, QPalette.ColorRole.HighlightedText)], black))
        base = pal.color(group, QPalette.ColorRole.Base)
        placeholder = pal.color(group, QPalette.ColorRole.PlaceholderText)  # translucent in Fusion: as it is seen
        seen = blend(base, QColor(placeholder.red(), placeholder.green(), placeholder.blue()), placeholder.alphaF())
        pal.setColor(group, QPalette.ColorRole.PlaceholderText,
                     readable(seen, [base], pal.color(group, QPalette.ColorRole.Text)))
    return pal


def dark_palette() -> QPalette:
    pal = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(225, 225, 225)
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor(38, 38, 41),
        QPalette.ColorRole.ToolTipBase: QColor(60, 60, 64), QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: QColor(55, 55, 58),
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.BrightText: QColor(255, 110, 110),
        QPalette.ColorRole.Link: QColor(110, 170, 255), QPalette.ColorRole.Highlight: QColor(45, 110, 190),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(140, 140, 140), QPalette.ColorRole.Mid: QColor(70, 70, 74),
        QPalette.ColorRole.Dark: QColor(25, 25, 27), QPalette.ColorRole.Light: QColor(80, 80, 84),
        QPalette.ColorRole.Midlight: QColor(65, 65, 68), QPalette.ColorRole.Shadow: QColor(10, 10, 10),
    }
    for role, colour in roles.items():
        pal.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return pal


_icons: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """An icon from resources/icons (SVG), cached."""
    if name not in _icons:
        _icons[name] = QIcon(str(resource("icons", f"{name}.svg")))
    return _icons[name]


def _arrow(path: QPainterPath) -> None:
    """An arrow pointing up (rotated for the other directions): the shaft, then the head."""
    path.moveTo(0, 6)
    path.lineTo(0, -5.5)
    path.moveTo(-5, -0.5)
    path.lineTo(0, -5.5)
    path.lineTo(5, -0.5)


def _folder(path: QPainterPath) -> None:
    """An open folder: its outline and the front flap."""
    path.moveTo(-6.5, 5)
    path.lineTo(-6.5, -5)
    path.lineTo(-2.5, -5)
    path.lineTo(-1, -3.5)
    path.lineTo(6.5, -3.5)
    path.lineTo(6.5, 5)
    path.closeSubpath()
    path.moveTo(-6.5, -0.5)
    path.lineTo(6.5, -0.5)


def _export(path: QPainterPath) -> None:
    """An arrow rising out of a tray: what leaves the app."""
    path.moveTo(-6.5, 1.5)
    path.lineTo(-6.5, 6)
    path.lineTo(6.5, 6)
    path.lineTo(6.5, 1.5)
    path.moveTo(0, 3)
    path.lineTo(0, -6.5)
    path.moveTo(-3.5, -3)
    path.lineTo(0, -6.5)
    path.lineTo(3.5, -3)


# name -> (how to draw it in a 16x16 box centred on 0, turned by so many degrees, pen width)
_GLYPHS: dict[str, tuple[Callable[[QPainterPath], None], int, float]] = {
    "up": (_arrow, 0, 2.0), "right": (_arrow, 90, 2.0), "down": (_arrow, 180, 2.0), "left": (_arrow, 270, 2.0),
    "open": (_folder, 0, 1.5), "export": (_export, 0, 1.5),
}


def _glyph_sizes() -> tuple[int, ...]:
    """Menus' (16) and tool bars' (24) sizes at the screens' pixel ratio: the icon is drawn only as it is shown."""
    ratio = max((screen.devicePixelRatio() for screen in QGuiApplication.screens()), default=1.0)
    return tuple(sorted({round(size * scale) for size in (16, 24) for scale in {1.0, ratio}}))


def glyph_icon(name: str, pal: QPalette | None = None) -> QIcon:
    """A line icon (an arrow up, down, left or right; open; export) in the palette's button text colour: the
    style's own arrows are black whatever the palette, and vanish on a dark tool bar; drawing these also spares
    the start-up the style's hundreds of enum members that asking it for standard icons creates in Python."""
    draw, angle, width = _GLYPHS[name]
    colour = (pal or palette()).color(QPalette.ColorRole.ButtonText)
    result = QIcon()
    for size in _glyph_sizes():
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(size / 2, size / 2)
        painter.rotate(angle)
        painter.scale(size / 16, size / 16)
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        path = QPainterPath()
        draw(path)
        painter.drawPath(path)
        painter.end()
        result.addPixmap(pixmap)
    return result


def fill(painter: QPainter, rect: QRect, colour: QColor) -> None:
    """``painter.fillRect(rect, colour)``, leaving the painter with no pen: resolving ``fillRect``'s overloads makes
    PySide6 build the 169 members of ``QGradient.Preset`` as a Python enum (15 M instructions of the first frame)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRect(rect)


def indicators(widget: QWidget, selector: str) -> None:
    """Our check box images on a dark palette, where the style's outline vanishes; the style's own on a light one.
    Called again on a palette change. (A style sheet also makes every paint of the widget go through Qt's style
    sheet style: the first frame on a light palette is the lighter without it.)"""
    sheet = indicator_style(selector) if is_dark(widget.palette()) else ""
    widget.setStyleSheet("")  # a sheet set again is applied anew, with the new palette
    widget.setStyleSheet(sheet)


def indicator_style(widget: str) -> str:
    """Check box images that read on light and dark palettes alike (Fusion's outline vanishes on dark bases)."""
    off = resource("icons", "checkbox-off.svg").as_posix()
    on = resource("icons", "checkbox-on.svg").as_posix()
    return (f"{widget}::indicator {{ width: 15px; height: 15px; }}"
            f"{widget}::indicator:unchecked {{ image: url({off}); }}"
            f"{widget}::indicator:checked {{ image: url({on}); }}")
