"""IT's announcements in force, at the top of the detail window, until they end or expire.

The text comes from a signed document, but it is still text someone typed: it is shown
as plain text only (a QLabel in PlainText format), never as rich text, so markup in a
message shows as the characters it is and no link or image can ride along.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from traymon.model import Incident

_log = logging.getLogger(__name__)
#: A calm information colour (not a state colour: an announcement is not an outage).
BANNER_STYLE = (
    "#announcementBanner { background: #e3effb; border: 1px solid #5b8fd0; border-radius: 4px; }"
    " #announcementBanner QLabel { color: #102a43; }"
)
MAX_SHOWN = 5  # a banner, not a feed: the rest are counted


def _when(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(now.tzinfo)
    return local.strftime("%H:%M") if local.date() == now.date() else local.strftime("%d.%m. %H:%M")


class AnnouncementBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("announcementBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAccessibleName(self.tr("Announcements from IT"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self.lines: list[QLabel] = []
        self._logged: tuple[str, ...] = ()
        self.hide()

    def show_announcements(self, said: Sequence[Incident], now: datetime) -> None:
        texts = [self._line(i, now) for i in said[:MAX_SHOWN]]
        if len(said) > MAX_SHOWN:
            texts.append(self.tr("and {count} more").format(count=len(said) - MAX_SHOWN))
        for label in self.lines[len(texts) :]:
            label.deleteLater()
        del self.lines[len(texts) :]
        while len(self.lines) < len(texts):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)  # never rich text from a document
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(label)
            self.lines.append(label)
        for label, text in zip(self.lines, texts, strict=True):
            label.setText(text)
        self.setVisible(bool(texts))
        if tuple(texts) != self._logged:  # what the window showed, for the helpdesk
            _log.info("window's banner shows %s", " | ".join(texts) or "nothing")
            self._logged = tuple(texts)

    def texts(self) -> list[str]:
        return [label.text() for label in self.lines]

    def _line(self, said: Incident, now: datetime) -> str:
        message = self.tr("IT: {message}").format(
            message=said.latest_update or said.title.removeprefix("IT: ")
        )
        about = []
        if said.posted_by:
            about.append(self.tr("from {who}").format(who=said.posted_by))
        if said.started_at is not None:
            about.append(self.tr("since {time}").format(time=_when(said.started_at, now)))
        if said.ends_at is not None:
            about.append(self.tr("until {time}").format(time=_when(said.ends_at, now)))
        return f"{message} ({', '.join(about)})" if about else message
