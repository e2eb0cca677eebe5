"""Tray icons drawn in code: one colour *and* one shape per state.

Drawn as vectors at every common tray size, so they stay crisp on HiDPI
screens; colour is never the only signal (a check, a wrench, a triangle, a
diamond, an octagon and a question mark tell the states apart without it).
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from traymon.model import Status

#: The fill of each state's shape. Tests read these to check what the tray shows.
STATE_COLOURS: dict[Status, str] = {
    Status.OPERATIONAL: "#2e9d4b",
    Status.MAINTENANCE: "#2f6fdc",
    Status.DEGRADED: "#f2c200",
    Status.PARTIAL_OUTAGE: "#f07c12",
    Status.MAJOR_OUTAGE: "#d92b2b",
    Status.UNKNOWN: "#8a8a8a",
}

ICON_SIZES = (16, 20, 22, 24, 32, 40, 48, 64, 128)
_UNITS = 64.0  # every shape is drawn on a 64 × 64 grid and scaled


@functools.cache
def state_icon(status: Status) -> QIcon:
    """The icon for ``status``, drawn once per process (needs a QGuiApplication)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(state_pixmap(status, size))
    return icon


def state_pixmap(status: Status, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / _UNITS, size / _UNITS)
        _draw(painter, status)
    finally:
        painter.end()
    return pixmap


def _draw(painter: QPainter, status: Status) -> None:
    fill = QColor(STATE_COLOURS[status])
    # A thin dark rim keeps light shapes visible on light panels; the white
    # glyph keeps dark shapes readable on dark ones.
    painter.setPen(QPen(fill.darker(160), 2.5))
    painter.setBrush(fill)
    painter.drawPath(_SHAPES[status]())
    glyph_colour = QColor("#1f1f1f") if status is Status.DEGRADED else QColor("white")
    pen = QPen(glyph_colour, 7.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _GLYPHS[status](painter)


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


def _cross(painter: QPainter) -> None:
    painter.drawLine(QPointF(22, 22), QPointF(42, 42))
    painter.drawLine(QPointF(42, 22), QPointF(22, 42))


def _question(painter: QPainter) -> None:
    path = QPainterPath(QPointF(23, 25))
    path.cubicTo(QPointF(23, 14), QPointF(41, 14), QPointF(41, 25))
    path.cubicTo(QPointF(41, 32), QPointF(32, 32), QPointF(32, 39))
    painter.drawPath(path)
    painter.drawPoint(QPointF(32, 49))


_SHAPES = {
    Status.OPERATIONAL: _circle,
    Status.MAINTENANCE: _rounded_square,
    Status.DEGRADED: _triangle,
    Status.PARTIAL_OUTAGE: _diamond,
    Status.MAJOR_OUTAGE: _octagon,
    Status.UNKNOWN: _circle,
}

_GLYPHS = {
    Status.OPERATIONAL: _check,
    Status.MAINTENANCE: _wrench,
    Status.DEGRADED: _exclamation_low,
    Status.PARTIAL_OUTAGE: _exclamation,
    Status.MAJOR_OUTAGE: _cross,
    Status.UNKNOWN: _question,
}
