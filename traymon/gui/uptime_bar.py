"""The 90-day bar status pages show: one thin bar per day, coloured by that day's worst state."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from traymon.gui.icons import STATE_COLOURS
from traymon.gui.wording import state_label
from traymon.model import Status
from traymon.viewmodel import DayState, IconState

DAYS = 90
NO_DATA_COLOUR = "#d0d0d0"


def day_slots(history: Sequence[DayState], today: date) -> list[Status | None]:
    """90 slots, oldest first, ending today; ``None`` where there is no data for the day."""
    by_day = {d.day: d.worst for d in history}
    first = today - timedelta(days=DAYS - 1)
    return [by_day.get(first + timedelta(days=i)) for i in range(DAYS)]


class UptimeBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("90-day history"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # screen-reader users can reach the summary
        self._slots: list[Status | None] = [None] * DAYS

    def set_history(self, history: Sequence[DayState], today: date) -> None:
        self._slots = day_slots(history, today)
        description = self.describe()
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.update()

    def slots(self) -> list[Status | None]:
        return list(self._slots)

    def describe(self) -> str:
        known = [s for s in self._slots if s is not None]
        if not known:
            return self.tr("No history yet: the last 90 days fill in as Traymon runs.")
        counts = Counter(known)
        parts = [
            self.tr("{state}: {n} days").format(state=state_label(status), n=n)
            for status, n in sorted(counts.items(), key=lambda kv: kv[0].severity)
        ]
        return self.tr("Last 90 days, worst state per day — {parts}").format(parts=", ".join(parts))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(DAYS * 4, 28)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(DAYS, 20)  # one pixel per day still reads

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            width = self.width() / DAYS
            for i, status in enumerate(self._slots):
                colour = (
                    QColor(STATE_COLOURS[IconState.of(status)])
                    if status is not None
                    else QColor(NO_DATA_COLOUR)
                )
                painter.fillRect(
                    QRectF(i * width + 0.5, 2, max(1.0, width - 1.0), self.height() - 4), colour
                )
        finally:
            painter.end()
