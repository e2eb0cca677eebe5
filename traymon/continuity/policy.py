"""When to switch the mail client, and when to switch back: one pure function.

Rules (issue 7): switch only after the primary's outage has been seen for N minutes
(default 10) without a break, back only after it has been healthy for M minutes
(default 15); never because of the engine's ``local`` verdict (an offline PC is not
a mail outage) and never on a ``stale`` one (no fresh answer is no evidence). Modes:
``off`` (never on its own; a switched client is still offered the way back), ``ask``
(offer once per outage, "Not now" is respected until the outage ends) and
``automatic``. IT's continuity declaration (through the company relay) is its own
confirmation: the switch comes at once, and when the declaration ends and nothing else
reports trouble, the way back comes at once too. The clock is passed in, so tests drive it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TypeAlias

from traymon.model import Triage

DEFAULT_SWITCH_AFTER = timedelta(minutes=10)
DEFAULT_SWITCH_BACK_AFTER = timedelta(minutes=15)


class Mode(enum.Enum):
    OFF = "off"
    ASK = "ask"
    AUTOMATIC = "automatic"


class Declared(enum.Enum):
    """IT declared continuity for this service (a signed declaration through the company
    relay): IT's word is the confirmation, so there is no waiting for N minutes."""

    BY_IT = "declared"


DECLARED = Declared.BY_IT
#: What the policy knows of one trigger service: the engine's triage, or IT's declaration.
Verdict: TypeAlias = Triage | Declared
#: The verdicts that count as the primary being down.
_DOWN = (Triage.VENDOR, Triage.SUSPECTED, DECLARED)


class Action(enum.Enum):
    NONE = "none"
    OFFER_SWITCH = "offer_switch"  # show "Switch / Not now"
    SWITCH = "switch"
    OFFER_SWITCH_BACK = "offer_switch_back"
    SWITCH_BACK = "switch_back"


@dataclass(frozen=True, slots=True)
class PolicySettings:
    mode: Mode = Mode.OFF  # as ``continuity.mode``: nothing happens unless IT asks for it
    switch_after: timedelta = DEFAULT_SWITCH_AFTER
    switch_back_after: timedelta = DEFAULT_SWITCH_BACK_AFTER


@dataclass(frozen=True, slots=True)
class PolicyState:
    switched: bool = False
    outage_since: datetime | None = None
    healthy_since: datetime | None = None
    offered: bool = False  # the current offer was shown; do not show it again
    declined: bool = False  # "Not now": no more offers until the situation changes
    #: The latest trouble seen was IT's continuity declaration. When it ends (IT ended it,
    #: or it expired) and the vendor reports no problem, that is IT's all-clear: back at
    #: once, as the declaration switched at once. Kept through a stale answer or two.
    it_declared: bool = False

    def after_switch(self) -> PolicyState:
        return PolicyState(switched=True, it_declared=self.it_declared)

    def after_restore(self) -> PolicyState:
        return PolicyState(switched=False)

    def after_decline(self) -> PolicyState:
        return replace(self, declined=True)


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    state: PolicyState
    reason: str


def decide(
    state: PolicyState,
    verdicts: Mapping[str, Verdict],
    now: datetime,
    settings: PolicySettings,
) -> Decision:
    """What to do now, given the trigger services' verdicts; returns the next state too."""
    bad = sorted(s for s, v in verdicts.items() if v in _DOWN)
    declared = any(v is DECLARED for v in verdicts.values())
    if not verdicts:
        return Decision(Action.NONE, _reset(state), "no trigger service is configured")
    if any(v is Triage.LOCAL for v in verdicts.values()):
        return Decision(
            Action.NONE, _reset(state), "this computer seems offline; that is not a mail outage"
        )
    if bad:
        since = state.outage_since or now
        fresh_outage = state.outage_since is None
        state = replace(
            state,
            outage_since=since,
            healthy_since=None,
            offered=state.offered and not fresh_outage,
            declined=state.declined and not fresh_outage,
            it_declared=declared,
        )
        if state.switched:
            return Decision(Action.NONE, state, "already switched; the outage goes on")
        if declared:
            return _act(state, settings, Action.SWITCH, Action.OFFER_SWITCH, "IT declared it")
        if now - since < settings.switch_after:
            return Decision(Action.NONE, state, f"outage of {', '.join(bad)} not confirmed yet")
        return _act(state, settings, Action.SWITCH, Action.OFFER_SWITCH, "outage confirmed")
    if all(v is Triage.OK for v in verdicts.values()):
        since = state.healthy_since or now
        fresh_recovery = state.healthy_since is None
        state = replace(
            state,
            healthy_since=since,
            outage_since=None,
            offered=state.offered and not fresh_recovery,
            declined=state.declined and not fresh_recovery,
        )
        if not state.switched:
            return Decision(Action.NONE, state, "healthy")
        if now - since < settings.switch_back_after and not state.it_declared:
            return Decision(Action.NONE, state, "recovering; not healthy for long enough yet")
        back_mode = settings.mode if settings.mode is not Mode.OFF else Mode.ASK
        return _act(
            state,
            replace(settings, mode=back_mode),
            Action.SWITCH_BACK,
            Action.OFFER_SWITCH_BACK,
            "IT's declaration ended" if state.it_declared else "healthy again",
        )
    return Decision(Action.NONE, _reset(state), "no fresh answer; waiting")


def _act(
    state: PolicyState, settings: PolicySettings, act: Action, offer: Action, why: str
) -> Decision:
    if settings.mode is Mode.AUTOMATIC:
        return Decision(act, state, why)
    if settings.mode is Mode.OFF:
        return Decision(Action.NONE, state, f"{why}; switching is off")
    if state.declined:
        return Decision(Action.NONE, state, f"{why}; the person said not now")
    if state.offered:
        return Decision(Action.NONE, state, f"{why}; already offered")
    return Decision(offer, replace(state, offered=True), why)


def _reset(state: PolicyState) -> PolicyState:
    return replace(state, outage_since=None, healthy_since=None)
