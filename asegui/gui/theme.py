"""Colours derived from the active palette, so light, dark and high-contrast palettes stay readable."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

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


def highlight_background(pal: QPalette | None = None) -> QColor:
    pal = pal or palette()
    return blend(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Highlight), 0.28)


def change_colour(kind: str, pal: QPalette | None = None) -> QColor:
    """Margin colour of a change; blue/orange, which colour-blind readers tell apart (and a glyph goes with it)."""
    return {"+": tone(210, pal, 200), "~": tone(30, pal, 200), "-": tone(0, pal, 60)}.get(kind, tone(0, pal, 0))


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


def indicator_style(widget: str) -> str:
    """Check box images that read on light and dark palettes alike (Fusion's outline vanishes on dark bases)."""
    off = resource("icons", "checkbox-off.svg").as_posix()
    on = resource("icons", "checkbox-on.svg").as_posix()
    return (f"{widget}::indicator {{ width: 15px; height: 15px; }}"
            f"{widget}::indicator:unchecked {{ image: url({off}); }}"
            f"{widget}::indicator:checked {{ image: url({on}); }}")
