"""The window follows the desktop's light or dark theme (Qt 6.5+ reports it), and leaves
a high-contrast desktop's own colours alone.

Where the platform's palette already matches its scheme (Windows 11, macOS, GNOME through
the portal) nothing is changed; where it does not (a dark scheme reported with a light
palette, as some X11 desktops do), Fusion's palette is set for the scheme. Asked again on
every change, so switching the desktop's theme while Traymon runs follows at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_DARK_LIGHTNESS = 128  # a window colour below this reads as dark


def follow_desktop(app: QApplication) -> None:
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme))
    apply_scheme(app, hints.colorScheme())


def high_contrast() -> bool:
    """The person asked the desktop for high contrast (Qt 6.10+ knows; older: no)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    preference = accessibility().contrastPreference()
    return bool(preference == Qt.ContrastPreference.HighContrast)


def apply_scheme(
    app: QApplication, scheme: Qt.ColorScheme, *, contrast: bool | None = None
) -> None:
    """The palette for ``scheme``; a high-contrast desktop keeps its own."""
    if high_contrast() if contrast is None else contrast:
        app.setPalette(QGuiApplication.palette())  # the platform's, unchanged
        return
    dark_now = app.palette().color(QPalette.ColorRole.Window).lightness() < _DARK_LIGHTNESS
    if scheme is Qt.ColorScheme.Dark and not dark_now:
        app.setPalette(dark_palette())
    elif scheme is Qt.ColorScheme.Light and dark_now:
        app.setPalette(app.style().standardPalette())


def dark_palette() -> QPalette:
    """Fusion's colours for a dark desktop: light text on dark grey, readable links."""
    palette = QPalette()
    window, base, text = QColor("#2b2d30"), QColor("#1f2023"), QColor("#e8e8e8")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#303236"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#3a3c40"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: QColor("#3a3c40"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9a9a9a"),
        QPalette.ColorRole.Highlight: QColor("#3d7bd9"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#8ab4f8"),
        QPalette.ColorRole.LinkVisited: QColor("#c58af9"),
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#4a4c50"),
        QPalette.ColorRole.Midlight: QColor("#404246"),
        QPalette.ColorRole.Mid: QColor("#35373a"),
        QPalette.ColorRole.Dark: QColor("#18191b"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    disabled = QColor("#7a7a7a")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette
