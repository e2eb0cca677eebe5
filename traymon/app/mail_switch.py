"""Mail continuity in the tray app, decided without Qt: the policy's decisions become
a question to ask or a switch to run, and each switch's result a typed outcome.

On every result of a trigger service the engine's triage verdict (or IT's declaration
through the relay) goes into ``continuity.policy.decide``. An ``ask`` decision is an
``Ask`` (the widget shows Switch / Not now and forwards the click); an ``automatic``
one is a ``Run`` (switch, then tell). The adapter's switch and restore touch files:
``detect`` and ``run`` block, so the widget calls them on a worker thread and hands
what they return back on the GUI thread (``detected``, ``finished``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from traymon.clock import Now
from traymon.continuity.adapter import MailAdapter
from traymon.continuity.config import ContinuityConfig
from traymon.continuity.errors import ContinuityError
from traymon.continuity.offer import SwitchOffer, switch_offer
from traymon.continuity.policy import (
    DECLARED,
    Action,
    Mode,
    PolicyState,
    Verdict,
    decide,
)
from traymon.model import CheckResult, Triage
from traymon.sources.relay import it_declared

log = logging.getLogger(__name__)
_DOWN = (Triage.VENDOR, Triage.SUSPECTED, DECLARED)
_BACK = (Action.SWITCH_BACK, Action.OFFER_SWITCH_BACK)


@dataclass(frozen=True, slots=True)
class MailClient:
    """The client Traymon may switch, and the backup it switches to."""

    adapter: MailAdapter
    backup: str


@dataclass(frozen=True, slots=True)
class Ask:
    """Show this question; the person's answer comes back as ``accepted`` or ``declined``."""

    offer: SwitchOffer


@dataclass(frozen=True, slots=True)
class Run:
    """Switch (or switch back) now; ``news`` is what to tell when done ("" when asked for)."""

    action: Action
    news: str = ""


@dataclass(frozen=True, slots=True)
class SwitchOutcome:
    """What a switch or restore came to."""

    action: Action
    done: bool  # False: refused or failed, every file as it was (``message`` says why)
    message: str
    next_step: str | None = None
    #: Start the client on the new settings (its command): the person pressed the
    #: button with the client closed, so they are here and want to mail. Never after an
    #: automatic switch: nobody may be at the desk, and a window popping up is noise.
    launch: tuple[str, ...] = ()


Next = Ask | Run | None
Chooser = Callable[[], "MailClient | None"]


def find_client(config: ContinuityConfig) -> MailClient | None:
    """The first client on this computer that has a backup in ``[continuity.backup]``."""
    # The adapters (and their journal) load only where continuity is configured: the
    # tray of everybody else does not hold them (bench/memory_parts.py).
    from traymon.continuity.clients import (
        AdapterOptions,
        backup_for,
        clients_for_this_platform,
        make_adapter,
    )
    from traymon.continuity.journal import Journal

    options = AdapterOptions(
        journal=Journal(),
        apple_mail_primary=config.backup.get("apple_mail_primary"),
        webmail_url=config.webmail_url,
    )
    for name in clients_for_this_platform():
        backup = backup_for(name, config.backup)
        if not backup:
            continue
        adapter = make_adapter(name, options)
        if adapter.detect().found:
            return MailClient(adapter, backup)
    return None


def utc_now() -> datetime:
    return datetime.now(UTC)


class MailSwitchDriver:
    """Keeps the policy state and says what to do next; no Qt, no threads of its own."""

    def __init__(
        self,
        config: ContinuityConfig,
        names: Mapping[str, str],
        choose: Chooser | None = None,
        clock: Now = utc_now,
    ) -> None:
        self._config = config
        self._names = dict(names)
        self._choose = choose or (lambda: find_client(config))
        self._clock = clock
        self.client: MailClient | None = None
        self.state = PolicyState()
        self._verdicts: dict[str, Verdict] = {}
        self.busy = False

    @property
    def active(self) -> bool:
        return bool(self._config.trigger_services)

    def detect(self) -> tuple[MailClient | None, bool]:
        """Blocking: the client to switch, and whether its journal says it is switched.

        A restart during an outage still switches back: the journal knows. Raises
        ``ContinuityError`` or ``OSError`` (a damaged journal, an unreadable profile).
        """
        client = self._choose()
        return client, client is not None and client.adapter.status().switched_to is not None

    def detected(self, client: MailClient | None, switched: bool) -> Next:
        self.client = client
        if client is None:
            return None
        self.state = PolicyState(switched=switched)
        return self._decide() if self._verdicts else None

    def on_result(self, result: CheckResult) -> Next:
        if result.service_id not in self._config.trigger_services:
            return None
        verdict: Verdict = result.triage or Triage.STALE
        if it_declared(result):  # IT's signed word through the company relay: no waiting
            verdict = DECLARED
        self._verdicts[result.service_id] = verdict
        return self._decide() if self.client is not None else None

    def offerable(self) -> frozenset[str]:
        """The trigger services whose card may offer "Switch mail to backup" now: a client
        was found, it is not switched already, and IT has not turned switching off."""
        if self.client is None or self.state.switched or self.busy:
            return frozenset()
        if self._config.mode is Mode.OFF:
            return frozenset()
        return frozenset(self._config.trigger_services)

    def can_switch(self, service_id: str) -> bool:
        """Whether "Switch mail" for ``service_id`` would switch now (a notification's button)."""
        return service_id in self.offerable()

    def switch_now(self) -> Run | None:
        """The person asked outside the question (a card's or a notification's "Switch mail")."""
        return Run(Action.SWITCH) if self.offerable() else None

    def accepted(self, offer: SwitchOffer) -> Run:
        return Run(offer.action)

    def declined(self) -> None:
        self.state = self.state.after_decline()

    def begin(self) -> bool:
        """Claim the one switch that may run at a time; False while another runs."""
        if self.client is None or self.busy:
            return False
        self.busy = True
        return True

    def run(self, step: Run) -> SwitchOutcome:
        """Blocking: switch or restore; a refusal or a disk problem is an outcome too."""
        client = self.client
        assert client is not None
        try:
            if step.action in _BACK:
                done = client.adapter.restore()
            else:
                done = client.adapter.switch(client.backup)
        except ContinuityError as exc:
            return SwitchOutcome(step.action, False, str(exc))
        except OSError as exc:  # never a crash
            return SwitchOutcome(step.action, False, f"The mail client could not be changed: {exc}")
        if step.news:
            return SwitchOutcome(step.action, True, step.news, done.next_step)
        return SwitchOutcome(step.action, True, done.message, done.next_step, done.launch)

    def finished(self, outcome: SwitchOutcome) -> None:
        self.busy = False
        if outcome.done:
            back = outcome.action in _BACK
            self.state = self.state.after_restore() if back else self.state.after_switch()

    def _decide(self) -> Next:
        client = self.client
        assert client is not None
        decision = decide(self.state, self._verdicts, self._clock(), self._config.policy)
        self.state = decision.state
        if decision.action is Action.NONE or self.busy:
            return None
        down = [self._names.get(s, s) for s, v in self._verdicts.items() if v in _DOWN]
        shown = down or [self._names.get(s, s) for s in self._verdicts]
        adapter = client.adapter
        offer = switch_offer(
            decision,
            adapter.name,
            adapter.display_name,
            client.backup,
            shown,
            adapter.close_first,
        )
        if offer is None:
            return None
        if offer.accept_label is None:
            return Run(offer.action, news=offer.message)  # automatic: switch, then say so
        return Ask(offer)
