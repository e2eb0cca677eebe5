"""The "What happened" list: the watched services' state changes of the last 24 hours.

The engine records every transition in its history before it announces it, so the
list is read from the GUI's own history connection when the window opens and grows
with the bridge's live events while it is open. A line is worded from the event
alone ("10:42 Outlook: outage reported by Microsoft", "12:10 Outlook: back to
normal"); names and vendors come from the configured services, and a change of a
service no longer watched keeps its id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from traymon.engine.events import TransitionEvent
from traymon.engine.history import LATEST_TRANSITIONS_LIMIT
from traymon.gui.icons import state_icon
from traymon.gui.wording import state_label, triage_sentence
from traymon.model import Status
from traymon.viewmodel import IconState, ServiceView, Triage

SPAN = timedelta(hours=24)
#: One change, whether it came live or from history: history keeps times as float seconds,
#: so a live event and its stored copy are compared to the millisecond.
_Key = tuple[str, int, Status, Status, Triage]
_SERVICE_ID_ROLE = Qt.ItemDataRole.UserRole

translate = QCoreApplication.translate
_log = logging.getLogger(__name__)


def _local_now() -> datetime:
    return datetime.now().astimezone()


def change_sentence(event: TransitionEvent, name: str, vendor: str = "") -> str:
    """What changed, in the words the tray and the notifications use."""
    if event.new is Status.OPERATIONAL and event.triage in (Triage.OK, Triage.VENDOR):
        return translate("Timeline", "{name}: back to normal").format(name=name)
    if event.new is Status.UNKNOWN and event.triage is not Triage.LOCAL:
        return translate("Timeline", "{name}: no fresh answer, state unknown").format(name=name)
    view = ServiceView(event.service_id, name, event.new, event.triage, "", event.at, vendor=vendor)
    return triage_sentence(view)


def change_icon(event: TransitionEvent) -> QIcon:
    """The state's icon (colour and shape); a change because this PC went offline shows that."""
    if event.triage is Triage.LOCAL:
        return state_icon(IconState.OFFLINE)
    if event.triage is Triage.SUSPECTED and not event.new.is_outage:
        return state_icon(IconState.SUSPECTED)  # failing from here is never the green check
    return state_icon(IconState.of(event.new))


def when_words(moment: datetime, now: datetime) -> str:
    """'10:42' today, 'yesterday 15:03' before (the list spans 24 hours), in local time."""
    local = moment.astimezone(now.tzinfo)
    time = local.strftime("%H:%M")
    if local.date() == now.date():
        return time
    return translate("Timeline", "yesterday {time}").format(time=time)


def _key(event: TransitionEvent) -> _Key:
    millis = round(event.at.timestamp() * 1000)
    return (event.service_id, millis, event.old, event.new, event.triage)


class TimelineView(QWidget):
    """The list of changes, or one sentence when there were none."""

    #: A change was activated (Enter, double click): the service it is about.
    service_activated = Signal(str)
    #: The list was drawn anew (the detail pane shows the chosen service's part of it).
    redrawn = Signal()

    def __init__(
        self,
        clock: Callable[[], datetime] = _local_now,
        parent: QWidget | None = None,
        limit: int = LATEST_TRANSITIONS_LIMIT,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._limit = limit
        self._names: dict[str, str] = {}
        self._vendors: dict[str, str] = {}
        self._events: list[TransitionEvent] = []  # newest first
        self._logged = ""
        self.setAccessibleName(self.tr("What happened"))
        # Alt+W jumps to the list (the label's buddy).
        self.heading = QLabel(self.tr("&What happened in the last 24 hours"))
        self.heading.setAccessibleName(self.tr("What happened in the last 24 hours"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.empty = QLabel(self.tr("No changes in the last 24 hours."))
        self.empty.setAccessibleName(self.tr("No changes in the last 24 hours."))
        self.changes = QListWidget()
        self.changes.setAccessibleName(self.tr("State changes in the last 24 hours, newest first"))
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.changes.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; arrows read it
        self.changes.setWordWrap(True)
        small = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.changes.setIconSize(QSize(small, small))  # as in the services table
        self.changes.itemActivated.connect(self._activated)
        self.heading.setBuddy(self.changes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.changes, 1)
        self._render()

    # -- data ---------------------------------------------------------------------------------

    def set_services(self, names: Mapping[str, str], vendors: Mapping[str, str]) -> None:
        """Names and vendors of the watched services (a service not among them keeps its id)."""
        self._names, self._vendors = dict(names), dict(vendors)
        self._render()

    def set_events(self, events: Iterable[TransitionEvent]) -> None:
        """Replace the list, say with what history holds when the window opens."""
        self._events = []
        self._merge(events)

    def add_event(self, event: TransitionEvent) -> None:
        """One live change from the engine (already in history: it writes before it tells)."""
        self._merge([event])

    def refresh(self) -> None:
        """Drop what is now older than 24 hours and re-word the times ('yesterday').

        Only while shown: a hidden list costs nothing, and opening the window reads it afresh.
        """
        if self.isVisible():
            self._merge([])

    def events(self) -> list[TransitionEvent]:
        return list(self._events)

    def lines(self, service_id: str | None = None) -> list[str]:
        """The lines as shown, newest first; only ``service_id``'s when given."""
        items = (self.changes.item(row) for row in range(self.changes.count()))
        return [
            item.text()
            for item in items
            if service_id is None or item.data(_SERVICE_ID_ROLE) == service_id
        ]

    def _merge(self, events: Iterable[TransitionEvent]) -> None:
        since = self._clock() - SPAN
        known = {_key(e): e for e in self._events}
        for event in events:
            known.setdefault(_key(event), event)
        kept = [e for e in known.values() if e.at >= since]
        self._events = sorted(kept, key=lambda e: e.at, reverse=True)[: self._limit]
        self._render()

    def _activated(self, item: QListWidgetItem) -> None:
        self.service_activated.emit(str(item.data(_SERVICE_ID_ROLE)))

    # -- drawing ------------------------------------------------------------------------------

    def _render(self) -> None:
        now = self._clock()
        self.changes.clear()
        for event in self._events:
            name = self._names.get(event.service_id, event.service_id)
            sentence = change_sentence(event, name, self._vendors.get(event.service_id, ""))
            when = when_words(event.at, now)
            text = self.tr("{time} {change}").format(time=when, change=sentence)
            item = QListWidgetItem(change_icon(event), text)
            local = event.at.astimezone(now.tzinfo)
            item.setToolTip(
                self.tr("{when}: {old} → {new}").format(
                    when=local.strftime("%Y-%m-%d %H:%M:%S"),
                    old=state_label(event.old),
                    new=state_label(event.new),
                )
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setData(_SERVICE_ID_ROLE, event.service_id)
            self.changes.addItem(item)
        empty = not self._events
        self.empty.setVisible(empty)
        self.changes.setVisible(not empty)
        shown = f"{len(self._events)} change(s)"
        if not empty:
            shown += f"; newest: {self.changes.item(0).text()}"
        if shown != self._logged:  # what the list showed, for the helpdesk: on change only
            _log.info("what happened shows %s", shown)
            self._logged = shown
        self.redrawn.emit()
