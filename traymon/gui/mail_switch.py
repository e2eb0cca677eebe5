"""Mail continuity in the tray app: the policy's decisions become a question or a switch.

On every result of a trigger service the engine's triage verdict goes into
``continuity.policy.decide``; an ``ask`` decision shows a non-modal question
(Switch / Not now), an ``automatic`` one switches and says so. The adapter's
switch and restore touch files, so they run on a worker thread; the outcome or
the ``ContinuityError``'s sentence comes back as a queued signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from traymon.continuity.adapter import MailAdapter
from traymon.continuity.client_names import BACKUP_CONFIG_KEY
from traymon.continuity.config import ContinuityConfig
from traymon.continuity.errors import ContinuityError
from traymon.continuity.offer import SwitchOffer, switch_offer
from traymon.continuity.policy import Action, Mode, PolicyState, Verdict, decide
from traymon.model import CheckResult
from traymon.platform.launch import LaunchError, start_detached
from traymon.sources.relay import it_declared

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MailClient:
    """The client Traymon may switch, and the backup it switches to."""

    adapter: MailAdapter
    backup: str


Chooser = Callable[[], "MailClient | None"]
Clock = Callable[[], datetime]
Launcher = Callable[[Sequence[str]], None]


def find_client(config: ContinuityConfig) -> MailClient | None:
    """The first client on this computer that has a backup in ``[continuity.backup]``."""
    # The adapters (and their journal) load only where continuity is configured: the
    # tray of everybody else does not hold them (bench/memory_parts.py).
    from traymon.continuity.clients import AdapterOptions, clients_for_this_platform, make_adapter
    from traymon.continuity.journal import Journal

    options = AdapterOptions(
        journal=Journal(),
        apple_mail_primary=config.backup.get("apple_mail_primary"),
        webmail_url=config.webmail_url,
    )
    for name in clients_for_this_platform():
        backup = config.backup.get(BACKUP_CONFIG_KEY.get(name, ""))
        if not backup:
            continue
        adapter = make_adapter(name, options)
        if adapter.detect().found:
            return MailClient(adapter, backup)
    return None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class MailSwitch(QObject):
    """Keeps the policy state; asks, switches and switches back as the policy says."""

    #: A question is on screen (tests and the diagnostics read it).
    offered = Signal(object)  # SwitchOffer
    #: A sentence for the person: what was done, or why it was refused.
    told = Signal(str)
    #: The mail client was looked for (found or not); decisions start from here.
    ready = Signal()
    _detected = Signal(object, bool)  # (MailClient or None, switched), worker → GUI
    _finished = Signal(object, object)  # (Action, Outcome or ContinuityError), worker → GUI

    def __init__(
        self,
        config: ContinuityConfig,
        names: Mapping[str, str],
        choose: Chooser | None = None,
        clock: Clock = _utc_now,
        parent: QObject | None = None,
        launcher: Launcher = start_detached,
    ) -> None:
        super().__init__(parent)
        self._launch = launcher
        self._config = config
        self._names = dict(names)
        self._choose = choose or (lambda: find_client(config))
        self._clock = clock
        self._client: MailClient | None = None
        self._started = False
        self.state = PolicyState()
        self._verdicts: dict[str, Verdict] = {}
        self._busy = False
        self._news = ""  # what an automatic switch tells once it is done
        self.dialog: QMessageBox | None = None
        self._finished.connect(self._on_finished)
        self._detected.connect(self._on_detected)

    @property
    def active(self) -> bool:
        return bool(self._config.trigger_services)

    def offerable(self) -> frozenset[str]:
        """The trigger services whose card may offer "Switch mail to backup" now: a client
        was found, it is not switched already, and IT has not turned switching off."""
        if self._client is None or self.state.switched or self._busy:
            return frozenset()
        if self._config.mode is Mode.OFF:
            return frozenset()
        return frozenset(self._config.trigger_services)

    def can_switch(self, service_id: str) -> bool:
        """Whether "Switch mail" for ``service_id`` would switch now (a notification's button)."""
        return service_id in self.offerable()

    def switch_now(self) -> None:
        """The person asked (a card's or a notification's "Switch mail"): the same switch as
        answering "Switch"."""
        if self.offerable():
            if self.dialog is not None:
                self.dialog.close()  # the question is answered
            self._run(Action.SWITCH)

    def start(self) -> None:
        """Look for the mail client off the GUI thread (it reads profiles and the journal)."""
        if self._started or not self.active:
            return
        self._started = True

        def work() -> None:
            try:
                client = self._choose()
                # A restart during an outage still switches back: the journal knows.
                switched = client is not None and client.adapter.status().switched_to is not None
            except (ContinuityError, OSError) as exc:
                # A damaged journal or an unreadable profile: no switching on a state we
                # cannot read, and the person is told why (never a silently dead thread).
                log.warning("mail switching is off: %s", exc)
                self._detected.emit(None, False)
                self.told.emit(str(exc))
                return
            self._detected.emit(client, switched)

        threading.Thread(target=work, name="traymon-mail-detect", daemon=True).start()

    def _on_detected(self, client: MailClient | None, switched: bool) -> None:
        self._client = client
        if client is not None:
            self.state = PolicyState(switched=switched)
            if self._verdicts:
                self._decide()
        self.ready.emit()

    def on_result(self, result: CheckResult) -> None:
        if result.service_id not in self._config.trigger_services:
            return
        verdict = Verdict(result.triage.value) if result.triage else Verdict.STALE
        if it_declared(result):  # IT's signed word through the company relay: no waiting
            verdict = Verdict.DECLARED
        self._verdicts[result.service_id] = verdict
        if self._client is not None:
            self._decide()

    def _decide(self) -> None:
        client = self._client
        assert client is not None
        decision = decide(self.state, self._verdicts, self._clock(), self._config.policy)
        self.state = decision.state
        if decision.action is Action.NONE or self._busy:
            return
        down = [
            self._names.get(s, s)
            for s, v in self._verdicts.items()
            if v in (Verdict.VENDOR, Verdict.SUSPECTED, Verdict.DECLARED)
        ]
        shown = down or [self._names.get(s, s) for s in self._verdicts]
        adapter = client.adapter
        offer = switch_offer(decision, adapter.name, adapter.display_name, client.backup, shown)
        if offer is None:
            return
        if offer.accept_label is None:
            self._run(offer.action, news=offer.message)  # automatic: switch, then say so
        else:
            self._ask(offer)

    def _ask(self, offer: SwitchOffer) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = QMessageBox(QMessageBox.Icon.Question, self.tr("Traymon"), offer.message)
        dialog.setAccessibleName(self.tr("Switch the mail client"))
        accept = dialog.addButton(str(offer.accept_label), QMessageBox.ButtonRole.AcceptRole)
        dialog.addButton(str(offer.decline_label), QMessageBox.ButtonRole.RejectRole)
        dialog.setModal(False)  # the person may look at the window first

        def answered() -> None:
            if dialog.clickedButton() is accept:
                self._run(offer.action)
            else:
                self.state = self.state.after_decline()

        dialog.finished.connect(answered)
        self.dialog = dialog
        dialog.show()
        self.offered.emit(offer)

    def _run(self, action: Action, news: str = "") -> None:
        client = self._client
        if client is None or self._busy:
            return
        self._busy = True
        self._news = news
        back = action in (Action.SWITCH_BACK, Action.OFFER_SWITCH_BACK)

        def work() -> None:
            try:
                outcome: object = (
                    client.adapter.restore() if back else client.adapter.switch(client.backup)
                )
            except ContinuityError as exc:
                outcome = exc
            except OSError as exc:  # a disk problem is a sentence too, never a crash
                outcome = ContinuityError(f"The mail client could not be changed: {exc}")
            self._finished.emit(action, outcome)

        threading.Thread(target=work, name="traymon-mail-switch", daemon=True).start()

    def _on_finished(self, action: Action, outcome: object) -> None:
        self._busy = False
        if isinstance(outcome, ContinuityError):
            self.told.emit(str(outcome))
            return
        back = action in (Action.SWITCH_BACK, Action.OFFER_SWITCH_BACK)
        self.state = self.state.after_restore() if back else self.state.after_switch()
        message = self._news or str(getattr(outcome, "message", ""))
        next_step = getattr(outcome, "next_step", None)
        launch: tuple[str, ...] = getattr(outcome, "launch", ())
        if launch and not self._news and self._client is not None:
            # The person pressed Switch (or Switch back) with the client closed: they are
            # here and want to mail, so start it on the new settings. An automatic switch
            # does not: nobody may be at the desk, and a window popping up unasked is noise.
            name = self._client.adapter.display_name
            try:
                self._launch(launch)
                next_step = self.tr("Starting {client} for you.").format(client=name)
            except LaunchError as exc:
                next_step = f"{exc} {next_step or ''}".strip()
        self.told.emit(" ".join(p for p in (message, next_step or "") if p))
