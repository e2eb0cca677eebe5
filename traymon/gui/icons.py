"""Tray icons drawn in code: one colour *and* one shape per state.

Drawn as vectors at every common tray size, so they stay crisp on HiDPI
screens; colour is never the only signal (a check, a wrench, a triangle, a
diamond, an octagon, a question mark and a slashed ring tell the states apart
without it).
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QStyleOption

from traymon.model import Status
from traymon.viewmodel import IconState

#: The fill of each state's shape. Tests read these to check what the tray shows.
STATE_COLOURS: dict[IconState, str] = {
    IconState.OPERATIONAL: "#2e9d4b",
    IconState.MAINTENANCE: "#2f6fdc",
    IconState.DEGRADED: "#f2c200",
    IconState.PARTIAL_OUTAGE: "#f07c12",
    IconState.MAJOR_OUTAGE: "#d92b2b",
    IconState.UNKNOWN: "#8a8a8a",
    IconState.OFFLINE: "#5f6b75",
    IconState.SUSPECTED: "#8447d1",
}
BADGE_COLOUR = "#262626"
#: Below this size a number cannot be read and would only hide the shape.
BADGE_MIN_SIZE = 20

# Up to 256 px so a 200 % or 300 % screen still gets a drawn, not scaled, pixmap.
ICON_SIZES = (16, 20, 22, 24, 32, 40, 44, 48, 64, 96, 128, 256)
_UNITS = 64.0  # every shape is drawn on a 64 × 64 grid and scaled


def status_icon(status: Status) -> QIcon:
    """The icon of one service's state (menus, table rows)."""
    return state_icon(IconState.of(status))


#: Icons kept drawn: each state, and the badge counts lately shown (bounded: over a day
#: the count on the tray icon can take any value up to the number of services).
_KEPT_ICONS = 32


@functools.lru_cache(maxsize=_KEPT_ICONS)
def state_icon(state: IconState, count: int = 0) -> QIcon:
    """The icon for ``state``, with ``count`` in a badge when above zero.

    Each size is drawn when first asked for (``_StateIconEngine``): a tray or a menu asks
    for one or two of the twelve, and every size drawn ahead held 0.4 MB per icon, with
    a new icon for every count the badge showed (5 MiB for the seven states alone).
    """
    return QIcon(_StateIconEngine(state, count))


class _StateIconEngine(QIconEngine):
    """Draws one state's icon at exactly the pixels asked for, once per size and mode:
    crisp at 125 %, 150 % or 300 % scaling too, where a fixed set of sizes would blur."""

    def __init__(self, state: IconState, count: int) -> None:
        super().__init__()
        self._state, self._count = state, count
        self._drawn: dict[tuple[int, QIcon.Mode], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._at(max(1, min(size.width(), size.height())), mode)

    def _at(self, side: int, mode: QIcon.Mode) -> QPixmap:
        key = (side, mode)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = state_pixmap(self._state, side, self._count)
            if mode not in (QIcon.Mode.Normal, QIcon.Mode.Active):
                drawn = _styled(mode, drawn)  # greyed when disabled, as Qt's own icons
            self._drawn[key] = drawn
        return drawn

    def scaledPixmap(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        side = max(1, round(min(size.width(), size.height()) * scale))
        pixmap = QPixmap(self._at(side, mode))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        side = min(rect.width(), rect.height())
        target = QRect(0, 0, side, side)
        target.moveCenter(rect.center())
        painter.drawPixmap(target, self._at(max(1, round(side * ratio)), mode))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(  # noqa: N802 (Qt's names)
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        # What a platform tray chooses from (macOS, Windows): every size it can be drawn at.
        return [QSize(size, size) for size in ICON_SIZES]

    def clone(self) -> QIconEngine:
        return _StateIconEngine(self._state, self._count)


def _styled(mode: QIcon.Mode, pixmap: QPixmap) -> QPixmap:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return pixmap
    option = QStyleOption()
    option.palette = app.palette()
    return app.style().generatedIconPixmap(mode, pixmap, option)


def state_pixmap(state: IconState, size: int, count: int = 0) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(size / _UNITS, size / _UNITS)
        _draw(painter, state)
        if count > 0 and size >= BADGE_MIN_SIZE:
            _badge(painter, count)
    finally:
        painter.end()
    return pixmap


def _draw(painter: QPainter, state: IconState) -> None:
    fill = QColor(STATE_COLOURS[state])
    # A thin dark rim keeps light shapes visible on light panels; the white
    # glyph keeps dark shapes readable on dark ones.
    painter.setPen(QPen(fill.darker(160), 2.5))
    painter.setBrush(fill)
    painter.drawPath(_SHAPES[state]())
    glyph_colour = QColor("#1f1f1f") if state is IconState.DEGRADED else QColor("white")
    pen = QPen(glyph_colour, 7.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _GLYPHS[state](painter)


def _badge(painter: QPainter, count: int) -> None:
    """The number of affected services in a dark disc at the lower right, white rimmed.

    The white rim separates it from the shape on any panel; the disc stays
    small enough that the shape and its colour remain the main signal.
    """
    text = str(count) if count < 10 else "9+"
    disc = QRectF(34, 34, 29, 29)
    painter.setPen(QPen(QColor("white"), 2.5))
    painter.setBrush(QColor(BADGE_COLOUR))
    painter.drawEllipse(disc)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(22 if count < 10 else 17)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)


def _circle() -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QRectF(3, 3, 58, 58))
    return path


def _rounded_square() -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(5, 5, 54, 54), 10, 10)
    return path


def _triangle() -> QPainterPath:
    return _polygon([(32, 3), (62, 58), (2, 58)])


def _diamond() -> QPainterPath:
    return _polygon([(32, 2), (62, 32), (32, 62), (2, 32)])


def _octagon() -> QPainterPath:
    points = [
        (
            32 + 30 * math.cos(math.radians(22.5 + 45 * i)),
            32 + 30 * math.sin(math.radians(22.5 + 45 * i)),
        )
        for i in range(8)
    ]
    return _polygon(points)


def _screen() -> QPainterPath:
    """This PC: a monitor on its stand (a problem seen only from here)."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(3, 6, 58, 40), 6, 6)
    path.addPolygon(QPolygonF([QPointF(24, 46), QPointF(40, 46), QPointF(46, 60), QPointF(18, 60)]))
    path.closeSubpath()
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


def _polygon(points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def _check(painter: QPainter) -> None:
    painter.drawPolyline(QPolygonF([QPointF(18, 33), QPointF(28, 43), QPointF(46, 22)]))


def _wrench(painter: QPainter) -> None:
    painter.drawLine(QPointF(21, 43), QPointF(36, 28))
    painter.drawArc(QRectF(32, 16, 16, 16), 135 * 16, 270 * 16)


def _exclamation_low(painter: QPainter) -> None:
    painter.drawLine(QPointF(32, 24), QPointF(32, 39))
    painter.drawPoint(QPointF(32, 49))


def _exclamation(painter: QPainter) -> None:
    painter.drawLine(QPointF(32, 17), QPointF(32, 34))
    painter.drawPoint(QPointF(32, 45))


def _exclamation_screen(painter: QPainter) -> None:
    painter.drawLine(QPointF(32, 14), QPointF(32, 28))
    painter.drawPoint(QPointF(32, 38))


def _cross(painter: QPainter) -> None:
    painter.drawLine(QPointF(22, 22), QPointF(42, 42))
    painter.drawLine(QPointF(42, 22), QPointF(22, 42))


def _slash(painter: QPainter) -> None:
    """Offline: a plug-less slash through an empty ring, unlike the question mark."""
    painter.drawEllipse(QRectF(19, 19, 26, 26))
    painter.drawLine(QPointF(16, 48), QPointF(48, 16))


def _question(painter: QPainter) -> None:
    path = QPainterPath(QPointF(23, 25))
    path.cubicTo(QPointF(23, 14), QPointF(41, 14), QPointF(41, 25))
    path.cubicTo(QPointF(41, 32), QPointF(32, 32), QPointF(32, 39))
    painter.drawPath(path)
    painter.drawPoint(QPointF(32, 49))


_SHAPES = {
    IconState.OPERATIONAL: _circle,
    IconState.MAINTENANCE: _rounded_square,
    IconState.DEGRADED: _triangle,
    IconState.PARTIAL_OUTAGE: _diamond,
    IconState.MAJOR_OUTAGE: _octagon,
    IconState.UNKNOWN: _circle,
    IconState.OFFLINE: _circle,
    IconState.SUSPECTED: _screen,
}

_GLYPHS = {
    IconState.OPERATIONAL: _check,
    IconState.MAINTENANCE: _wrench,
    IconState.DEGRADED: _exclamation_low,
    IconState.PARTIAL_OUTAGE: _exclamation,
    IconState.MAJOR_OUTAGE: _cross,
    IconState.UNKNOWN: _question,
    IconState.OFFLINE: _slash,
    IconState.SUSPECTED: _exclamation_screen,
}


@functools.cache
def lock_icon() -> QIcon:
    """A padlock for settings fixed by IT policy (drawn, so no font needs an emoji)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(size / _UNITS, size / _UNITS)
            painter.setPen(QPen(QColor("#555555"), 7.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawArc(QRectF(18, 6, 28, 32), 0, 180 * 16)
            painter.drawLine(QPointF(18, 22), QPointF(18, 30))
            painter.drawLine(QPointF(46, 22), QPointF(46, 30))
            painter.setPen(QPen(QColor("#333333"), 2.0))
            painter.setBrush(QColor("#555555"))
            painter.drawRoundedRect(QRectF(10, 28, 44, 32), 5, 5)
        finally:
            painter.end()
        icon.addPixmap(pixmap)
    return icon
