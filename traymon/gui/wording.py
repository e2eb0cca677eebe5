"""Words for people: states, verdicts and ages, all through Qt's translation machinery.

Every sentence is a whole translatable string with named placeholders, so a
translator can reorder it; nothing is glued together from fragments.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from traymon.model import Status
from traymon.viewmodel import IconState, ServiceView, Triage


def _tr(text: str) -> str:
    return QCoreApplication.translate("Wording", text)


def state_label(state: IconState | Status) -> str:
    value = state.value
    labels = {
        "operational": _tr("Operational"),
        "maintenance": _tr("Maintenance"),
        "degraded": _tr("Degraded"),
        "partial_outage": _tr("Partial outage"),
        "major_outage": _tr("Major outage"),
        "unknown": _tr("Unknown"),
        "offline": _tr("Offline"),
    }
    return labels[value]


def triage_label(triage: Triage) -> str:
    labels = {
        Triage.OK: _tr("No problem known"),
        Triage.VENDOR: _tr("Reported by the vendor"),
        Triage.SUSPECTED: _tr("Fails from this PC only"),
        Triage.LOCAL: _tr("This PC is offline"),
        Triage.STALE: _tr("Last known, checking again"),
    }
    return labels[triage]


def _vendor(view: ServiceView) -> str:
    return view.vendor or _tr("the vendor")


def triage_sentence(view: ServiceView) -> str:
    """One tooltip line: the service, what is wrong, and whose problem it is."""
    state = state_label(view.status).lower()
    if view.triage is Triage.VENDOR:
        if view.status is Status.MAINTENANCE:
            text = _tr("{name}: maintenance announced by {vendor}")
        elif view.status.is_outage:
            text = _tr("{name}: outage reported by {vendor}")
        else:
            text = _tr("{name}: {state}, reported by {vendor}")
    elif view.triage is Triage.SUSPECTED:
        text = _tr("{name}: fails from this PC, {vendor} reports no problem")
    elif view.triage is Triage.LOCAL:
        text = _tr("{name}: cannot be reached, this PC seems to be offline")
    elif view.triage is Triage.STALE:
        text = _tr("{name}: {state} when last checked, checking again")
    elif view.status is Status.UNKNOWN:
        text = _tr("{name}: state unknown ({reason})")
    else:
        text = _tr("{name}: {state}")
    return text.format(name=view.name, vendor=_vendor(view), state=state, reason=view.summary)


def age_words(seconds: float | None) -> str:
    """'just now', '3 min ago', '2 h ago', 'never'."""
    if seconds is None:
        return _tr("never")
    if seconds < 60:
        return _tr("just now")
    if seconds < 3600:
        return _tr("{n} min ago").format(n=int(seconds // 60))
    if seconds < 2 * 86_400:
        return _tr("{n} h ago").format(n=int(seconds // 3600))
    return _tr("{n} days ago").format(n=int(seconds // 86_400))


def clock_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M:%S") if moment is not None else "—"


def latency_words(latency_ms: int | None) -> str:
    return _tr("{ms} ms").format(ms=latency_ms) if latency_ms is not None else "—"
