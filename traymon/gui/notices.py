"""The engine's notification in the person's language: title, body, where a click leads.

The engine decides what deserves a pop-up and what goes together (noise control,
grouping, mute, pause, quiet hours); this module only words its events through
Qt's translator (the engine sends no words) and picks the service a click opens. The catch-up
after a pause or quiet hours (``Notification.catch_up``) is worded here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from traymon.engine.events import (
    CatchUp,
    CatchUpKind,
    CatchUpLine,
    Notification,
    Silence,
    TransitionEvent,
)
from traymon.gui.wording import state_label, triage_sentence
from traymon.model import Status, Triage
from traymon.viewmodel import ServiceView

# pyside6-lupdate finds strings only in calls named translate() or tr().
translate = QCoreApplication.translate

_MAX_LINES = 4  # a notification is a glance; the window has the rest


@dataclass(frozen=True, slots=True)
class GroupedMessage:
    title: str
    body: str
    #: The service the window opens at when the message is clicked.
    focus_service_id: str
    #: The worst state among the message's services (for the message's own icon).
    worst: Status = Status.UNKNOWN


def message_for(
    notification: Notification, vendors: dict[str, str] | None = None
) -> GroupedMessage:
    """The engine's events, worst first, in the desktop's language; a click opens the worst."""
    if notification.catch_up is not None:
        return catch_up_message(notification.catch_up, vendors or {})
    if notification.announcement is not None:  # IT's words, as IT wrote them
        said = notification.announcement
        return GroupedMessage(said.service_name, said.text, "")
    events = sorted(notification.events, key=lambda e: e.new.severity, reverse=True)
    vendors = vendors or {}
    lines = [_line(e, vendors.get(e.service_id) or e.vendor) for e in events[:_MAX_LINES]]
    if len(events) > _MAX_LINES:
        more = QCoreApplication.translate("Notices", "… and {n} more")
        lines.append(more.format(n=len(events) - _MAX_LINES))
    if len(events) == 1:
        title = QCoreApplication.translate("Notices", "Traymon: {name} — {state}").format(
            name=events[0].name, state=state_label(events[0].new)
        )
    else:
        title = QCoreApplication.translate("Notices", "Traymon: {n} services changed").format(
            n=len(events)
        )
    return GroupedMessage(title, "\n".join(lines), events[0].service_id, events[0].new)


def _line(event: TransitionEvent, vendor: str) -> str:
    if event.is_recovery:
        return QCoreApplication.translate("Notices", "{name}: working again").format(
            name=event.name
        )
    view = ServiceView(
        event.service_id, event.name, event.new, event.triage, "", event.at,
        vendor=vendor, where=event.where,
    )  # fmt: skip
    return triage_sentence(view)


# -- the catch-up after a pause or quiet hours ---------------------------------------------


def catch_up_message(catch_up: CatchUp, vendors: dict[str, str]) -> GroupedMessage:
    """What is different since the silence began, what still needs attention first
    (the engine's order); a click opens the first service named."""
    if catch_up.reason is Silence.QUIET_HOURS:
        title = translate("Notices", "Traymon: while your quiet hours lasted")
    elif catch_up.reason is Silence.FOCUS:
        title = translate("Notices", "Traymon: while you were busy")
    else:
        title = translate("Notices", "Traymon: while notifications were paused")
    shown = catch_up.lines[:_MAX_LINES]
    lines = [_catch_up_line(ln, vendors.get(ln.service_id, ""), catch_up.ended) for ln in shown]
    hidden = len(catch_up.lines) - len(shown) + catch_up.more
    if hidden > 0:
        lines.append(translate("Notices", "… and {n} more").format(n=hidden))
    troubled = [ln.status for ln in catch_up.lines if ln.kind is CatchUpKind.STILL]
    worst = max(troubled, key=lambda s: s.severity, default=Status.OPERATIONAL)
    focus = catch_up.lines[0].service_id if catch_up.lines else ""
    return GroupedMessage(title, "\n".join(lines), focus, worst)


def _catch_up_line(line: CatchUpLine, vendor: str, now: datetime) -> str:
    name = line.name
    if line.kind is CatchUpKind.STILL:
        trouble = _trouble(line, vendor)
        if line.since is None:  # its trouble began before the silence did
            text = translate("Notices", "{name}: still a problem ({trouble})")
            return text.format(name=name, trouble=trouble)
        text = translate("Notices", "{name}: still a problem since {time} ({trouble})")
        return text.format(name=name, time=_moment(line.since, now), trouble=trouble)
    if line.kind is CatchUpKind.UNKNOWN:
        return translate("Notices", "{name}: had a problem, state unknown now").format(name=name)
    if line.kind is CatchUpKind.BACK or line.first_since is None or line.back_at is None:
        if line.back_at is None:
            return translate("Notices", "{name}: working again").format(name=name)
        text = translate("Notices", "{name}: working again since {time}")
        return text.format(name=name, time=_moment(line.back_at, now))
    start, end = _moment(line.first_since, now), _moment(line.back_at, now)
    if line.spells > 1:
        text = translate(
            "Notices", "{name}: problems {n} times between {start} and {end}, working again now"
        )
        return text.format(name=name, n=line.spells, start=start, end=end)
    text = translate("Notices", "{name}: a problem from {start} to {end}, working again now")
    return text.format(name=name, start=start, end=end)


def _trouble(line: CatchUpLine, vendor: str) -> str:
    """Whose problem, in the words of the tooltip (without the name)."""
    if line.triage is Triage.SUSPECTED:
        if not vendor:
            return translate("Notices", "fails from this PC, the vendor reports no problem")
        text = translate("Notices", "fails from this PC, {vendor} reports no problem")
        return text.format(vendor=vendor)
    if line.triage is not Triage.VENDOR:
        return state_label(line.status)
    if line.status.is_outage:
        if not vendor:
            return translate("Notices", "outage reported by the vendor")
        return translate("Notices", "outage reported by {vendor}").format(vendor=vendor)
    if not vendor:
        text = translate("Notices", "reported by the vendor: {state}")
        return text.format(state=state_label(line.status))
    text = translate("Notices", "reported by {vendor}: {state}")
    return text.format(vendor=vendor, state=state_label(line.status))


def _moment(at: datetime, now: datetime) -> str:
    """A time of day, with "yesterday" or the date when it was not today (a night's pause)."""
    local, today = at.astimezone(), now.astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return clock
    if local.date() == today - timedelta(days=1):
        return translate("Notices", "yesterday {time}").format(time=clock)
    return local.strftime("%Y-%m-%d %H:%M")
