"""The first screen's words: the headline, each card's lines, the buttons.

Made here, from the presenter's typed data, through Qt's translate, so a German desktop
reads German. Every sentence is whole with named placeholders; the two halves of a
headline ("Outlook is down for everyone" — "Microsoft is working on it") are each whole.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from traymon.app.presenter import Action, ActionKind, Card, CardKind, Screen, Situation
from traymon.continuity.instructions import LinkKind
from traymon.gui.reason_words import advice, failure_sentence, probe_sentence
from traymon.gui.wording import state_label
from traymon.model import Status, Where

translate = QCoreApplication.translate

#: IT's steps longer than this stay on the card; the headline then points to it.
HEADLINE_STEPS_CHARS = 120


def when(moment: datetime, now: datetime) -> str:
    """'10:42' today, '26 Nov 10:42' on another day, in the desktop's time zone."""
    local = moment.astimezone(now.astimezone().tzinfo)
    if local.date() == now.astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%d %b %H:%M")


def headline(screen: Screen, now: datetime) -> str:
    """The one sentence at the top: what is going on and what to do."""
    lead = screen.lead
    if screen.situation is Situation.CHECKING:
        return translate("Answer", "Checking your services…")
    if screen.situation is Situation.OFFLINE:
        return translate("Answer", "You are offline")
    if screen.situation is Situation.ALL_FINE or lead is None:
        return translate("Answer", "Everything is working")
    parts = [_problem(lead, now)]
    advice = _advice(lead)
    if advice:
        parts.append(advice)
    return " ".join(parts)


def subline(screen: Screen) -> str:
    """A second, smaller line under the headline, where the situation needs one."""
    if screen.situation is Situation.OFFLINE:
        return translate(
            "Answer",
            "This PC reaches none of the services, so nobody else is to blame. "
            "Check the network cable, Wi-Fi or VPN; Traymon checks again by itself.",
        )
    if screen.situation is Situation.CHECKING:
        return translate("Answer", "The first answers usually take a few seconds.")
    return ""


def _problem(card: Card, now: datetime) -> str:
    """The headline's first sentence, for the worst affected service."""
    name, vendor = card.name, card.vendor
    if card.kind is CardKind.DECLARED:
        if card.declared_until is not None:
            return translate(
                "Answer", "Your IT department has declared an outage of {name} until {time}."
            ).format(name=name, time=when(card.declared_until, now))
        return translate("Answer", "Your IT department has declared an outage of {name}.").format(
            name=name
        )
    if card.kind is CardKind.VENDOR:
        return translate("Answer", "{problem} — {progress}.").format(
            problem=_vendor_problem(card), progress=_progress(card, now)
        )
    if card.kind is CardKind.SUSPECTED:
        if card.where is Where.COMPANY_PATH:
            text = translate(
                "Answer",
                "{name} fails for many PCs at your site — probably our company's network, "
                "not the vendor.",
            )
        elif card.where is Where.THIS_PC:
            text = translate(
                "Answer", "{name} fails from this PC only — other PCs at your site are fine."
            )
        elif vendor:
            text = translate(
                "Answer", "{name} fails from this PC only — {vendor} reports no problem."
            )
        else:
            text = translate(
                "Answer", "{name} fails from this PC only — the vendor reports no problem."
            )
        return text.format(name=name, vendor=vendor)
    if card.kind is CardKind.LOCAL:
        return translate("Answer", "{name} cannot be reached from this PC.").format(name=name)
    if card.kind is CardKind.STALE:
        # At start (the last run's states) and after answers stopped coming: not a verdict.
        return translate("Answer", "Showing what Traymon last knew — checking again…")
    if card.kind is CardKind.UNKNOWN:
        return translate("Answer", "Traymon cannot tell how {name} is doing right now.").format(
            name=name
        )
    # Maintenance: planned, and nothing the person has to do.
    return translate("Answer", "Everything is working — {name} has planned maintenance.").format(
        name=name
    )


def _vendor_problem(card: Card) -> str:
    if card.status is Status.MAJOR_OUTAGE:
        return translate("Answer", "{name} is down for everyone").format(name=card.name)
    if card.status is Status.PARTIAL_OUTAGE:
        return translate("Answer", "{name} is partly down for everyone").format(name=card.name)
    return translate("Answer", "{name} has problems for everyone").format(name=card.name)


def _progress(card: Card, now: datetime) -> str:
    if card.vendor and card.since is not None:
        text = translate("Answer", "{vendor} is working on it (since {time})")
    elif card.vendor:
        text = translate("Answer", "{vendor} is working on it")
    elif card.since is not None:
        text = translate("Answer", "the vendor is working on it (since {time})")
    else:
        text = translate("Answer", "the vendor is working on it")
    since = when(card.since, now) if card.since is not None else ""
    return text.format(vendor=card.vendor, time=since)


def _advice(card: Card) -> str:
    """What to do, as the headline's second sentence: IT's way first."""
    kinds = {a.kind for a in card.actions}
    if ActionKind.OPEN_WEBMAIL in kinds:
        return translate("Answer", "Use the backup webmail.")
    if ActionKind.SWITCH_MAIL in kinds:
        return translate("Answer", "You can switch your mail to the backup account.")
    steps = " ".join(card.instructions_text.split())
    if card.kind is CardKind.DECLARED and not steps:
        steps = card.latest_update  # IT's own message with the declaration
    if steps and steps[-1] not in ".!?":
        steps += "."  # IT's note is a phrase; the headline is sentences
    if steps and len(steps) <= HEADLINE_STEPS_CHARS:
        if card.kind is CardKind.DECLARED:
            return translate("Answer", "IT says: {steps}").format(steps=steps)
        return translate("Answer", "Try: {steps}").format(steps=steps)
    if steps:
        return translate("Answer", "Your IT department says what to do below.")
    if card.kind in (CardKind.SUSPECTED, CardKind.LOCAL):
        return translate("Answer", "If it persists, call your helpdesk.")
    return ""


def cause(card: Card, now: datetime) -> str:
    """The card's first line: the cause in plain words."""
    if card.kind is CardKind.DECLARED:
        if card.declared_until is None:
            return ""
        return translate("Answer", "In force until {time}").format(
            time=when(card.declared_until, now)
        )
    if card.kind is CardKind.VENDOR:
        if card.vendor:
            text = translate("Answer", "{state} — reported by {vendor}")
        else:
            text = translate("Answer", "{state} — reported by the vendor")
        return text.format(state=state_label(card.status), vendor=card.vendor)
    if card.kind in (CardKind.SUSPECTED, CardKind.LOCAL):
        return failed(card)
    if card.kind is CardKind.STALE:
        return translate("Answer", "{state} when last checked; checking again").format(
            state=state_label(card.status)
        )
    if card.kind is CardKind.UNKNOWN:
        return failed(card) or translate("Answer", "Its status page could not be read")
    if card.vendor:
        return translate("Answer", "Planned maintenance announced by {vendor}").format(
            vendor=card.vendor
        )
    return translate("Answer", "Planned maintenance announced by the vendor")


def failed(card: Card) -> str:
    """What failed from this PC, from the typed reason (reason_words makes the sentence)."""
    failure = card.failure
    if failure is None:
        return ""
    if failure.probe is not None:
        sentence = probe_sentence(failure.probe)
        reason = failure.probe.reason
    elif failure.result is not None:
        sentence = failure_sentence(failure.result)
        reason = failure.result.reason
    else:
        return ""
    host = reason.host if reason is not None else None
    if host and host not in sentence:  # "127.0.0.1 refused the connection" names it already
        line = translate("Answer", "What failed (the connection to {host}): {sentence}")
        line = line.format(host=host, sentence=sentence)
    else:
        line = translate("Answer", "What failed: {sentence}").format(sentence=sentence)
    hint = advice(reason) if reason is not None else None
    return f"{line} {hint}" if hint else line


def since_line(card: Card, now: datetime) -> str:
    if card.since is None:
        return ""
    return translate("Answer", "Since {time}").format(time=when(card.since, now))


def update_line(card: Card) -> str:
    if not card.latest_update:
        return ""
    if card.kind is CardKind.DECLARED:
        return translate("Answer", "IT: {text}").format(text=card.latest_update)
    if card.vendor:
        return translate("Answer", "Latest from {vendor}: {text}").format(
            vendor=card.vendor, text=card.latest_update
        )
    return translate("Answer", "Latest update: {text}").format(text=card.latest_update)


def card_state(card: Card) -> str:
    """The short word beside the card's name."""
    if card.kind is CardKind.DECLARED:
        return translate("Answer", "Outage declared by IT")
    if card.kind is CardKind.SUSPECTED:
        return translate("Answer", "Fails from this PC")
    if card.kind is CardKind.LOCAL:
        return translate("Answer", "Not reachable from here")
    if card.kind is CardKind.STALE:
        return translate("Answer", "Last known")
    return state_label(card.status)


def button(action: Action) -> str:
    if action.kind is ActionKind.OPEN_WEBMAIL:
        return translate("Answer", "Open backup webmail")
    if action.kind is ActionKind.SWITCH_MAIL:
        return translate("Answer", "Switch mail to backup")
    if action.kind is ActionKind.STATUS_PAGE:
        return translate("Answer", "Open status page")
    if action.kind is ActionKind.DETAILS:
        return translate("Answer", "Details")
    link = action.link
    label = link.label if link is not None else action.url
    if link is not None and link.kind is LinkKind.MAIL:
        return translate("Answer", "Write to {label}").format(label=label)
    if link is not None and link.kind is LinkKind.PHONE:
        return translate("Answer", "Call {label}").format(label=label)
    return translate("Answer", "Open {label}").format(label=label)


def button_name(action: Action, card: Card) -> str:
    """For screen readers: the button's words and the service it is about."""
    return translate("Answer", "{button} ({name})").format(button=button(action), name=card.name)


def others_line(screen: Screen) -> str:
    """The collapsible line under the cards."""
    n = len(screen.working)
    if not screen.cards:
        text = (
            translate("Answer", "1 service working")
            if n == 1
            else translate("Answer", "{n} services working")
        )
    else:
        text = (
            translate("Answer", "1 other service working")
            if n == 1
            else translate("Answer", "{n} other services working")
        )
    line = text.format(n=n)
    if screen.more_affected:
        line = translate("Answer", "{n} more with problems (see the details), {line}").format(
            n=screen.more_affected, line=line
        )
    if screen.waiting:
        line = translate("Answer", "{line}, {n} not checked yet").format(
            line=line, n=screen.waiting
        )
    return line
