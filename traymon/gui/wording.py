"""Words for people: states, verdicts and ages, all through Qt's translation machinery.

Every sentence is a whole translatable string with named placeholders, so a
translator can reorder it; nothing is glued together from fragments.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from traymon.model import Status, Where
from traymon.viewmodel import IconState, ServiceView, Triage

# Each call passes its literal text to translate(), because
# pyside6-lupdate finds strings only in calls named translate() or tr().
translate = QCoreApplication.translate


def state_label(state: IconState | Status) -> str:
    value = state.value
    labels = {
        "operational": translate("Wording", "Operational"),
        "maintenance": translate("Wording", "Maintenance"),
        "degraded": translate("Wording", "Degraded"),
        "partial_outage": translate("Wording", "Partial outage"),
        "major_outage": translate("Wording", "Major outage"),
        "unknown": translate("Wording", "Unknown"),
        "offline": translate("Wording", "Offline"),
        "suspected": translate("Wording", "Fails from this PC"),
    }
    return labels[value]


def triage_label(triage: Triage, vendor: str = "", where: Where | None = None) -> str:
    """The verdict in a few words; ``vendor`` names who reports it when known, ``where``
    is the fleet's word on a suspected problem (our company's path, or this PC)."""
    if triage is Triage.SUSPECTED and where is Where.COMPANY_PATH:
        return translate("Wording", "It's not just you: many PCs here fail too")
    if triage is Triage.SUSPECTED and where is Where.THIS_PC:
        return translate("Wording", "Only this PC: others here are fine")
    if triage is Triage.VENDOR and vendor:
        return translate("Wording", "Reported by {vendor}").format(vendor=vendor)
    labels = {
        Triage.OK: translate("Wording", "No problem known"),
        Triage.VENDOR: translate("Wording", "Reported by the vendor"),
        Triage.SUSPECTED: translate("Wording", "Fails from this PC only"),
        Triage.LOCAL: translate("Wording", "This PC is offline"),
        Triage.STALE: translate("Wording", "Last known, checking again"),
    }
    return labels[triage]


def triage_sentence(view: ServiceView) -> str:
    """One tooltip line: the service, what is wrong, and whose problem it is.

    A named vendor ("reported by GitHub") and the unnamed one ("reported by the
    vendor") are separate whole sentences: in German "the vendor" changes its case
    with the sentence, which a name glued into one sentence cannot do.
    """
    state = state_label(view.status)
    named = bool(view.vendor)
    if view.is_stale and view.triage is not Triage.LOCAL:
        text = translate("Wording", "{name}: {state} when last checked; checking again")
    elif view.triage is Triage.VENDOR:
        if view.status is Status.MAINTENANCE and named:
            text = translate("Wording", "{name}: maintenance announced by {vendor}")
        elif view.status is Status.MAINTENANCE:
            text = translate("Wording", "{name}: maintenance announced by the vendor")
        elif view.status.is_outage and named:
            text = translate("Wording", "{name}: outage reported by {vendor}")
        elif view.status.is_outage:
            text = translate("Wording", "{name}: outage reported by the vendor")
        elif named:
            text = translate("Wording", "{name}: {state} (reported by {vendor})")
        else:
            text = translate("Wording", "{name}: {state} (reported by the vendor)")
    elif view.triage is Triage.SUSPECTED and view.where is Where.COMPANY_PATH:
        # The fleet: many desktops at this site fail too and the vendor is silent.
        text = translate(
            "Wording",
            "{name}: it's not just you; many PCs at your site fail too, "
            "probably our company's network",
        )
    elif view.triage is Triage.SUSPECTED and view.where is Where.THIS_PC:
        text = translate(
            "Wording", "{name}: fails from this PC only; other PCs at your site are fine"
        )
    elif view.triage is Triage.SUSPECTED and named:
        text = translate("Wording", "{name}: fails from this PC, {vendor} reports no problem")
    elif view.triage is Triage.SUSPECTED:
        text = translate("Wording", "{name}: fails from this PC, the vendor reports no problem")
    elif view.triage is Triage.LOCAL:
        text = translate("Wording", "{name}: cannot be reached, this PC seems to be offline")
    elif view.status is Status.UNKNOWN:
        text = translate("Wording", "{name}: state unknown. {reason}")
    else:
        text = translate("Wording", "{name}: {state}")
    reason = _why(view) if view.status is Status.UNKNOWN else ""
    return text.format(name=view.name, vendor=view.vendor, state=state, reason=reason)


def _why(view: ServiceView) -> str:
    # Imported here: reason_words words states with this module's state_label.
    from traymon.gui.reason_words import view_summary

    return view_summary(view)


def age_words(seconds: float | None) -> str:
    """'just now', '3 min ago', '2 h ago', 'never'."""
    if seconds is None:
        return translate("Wording", "never")
    if seconds < 60:
        return translate("Wording", "just now")
    if seconds < 3600:
        return translate("Wording", "{n} min ago").format(n=int(seconds // 60))
    if seconds < 2 * 86_400:
        return translate("Wording", "{n} h ago").format(n=int(seconds // 3600))
    return translate("Wording", "{n} days ago").format(n=int(seconds // 86_400))


def clock_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M:%S") if moment is not None else "—"


def latency_words(latency_ms: int | None) -> str:
    return translate("Wording", "{ms} ms").format(ms=latency_ms) if latency_ms is not None else "—"
