"""Mail continuity on screen: the driver's question as a non-modal dialog, its news told.

The decisions are ``traymon.app.mail_switch``'s; this widget shows the question
(Switch / Not now) and forwards the answer, runs the driver's blocking steps on a
worker thread, and words what came of them. Nothing here decides.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from traymon.app.mail_switch import (
    Ask,
    Chooser,
    MailClient,
    MailSwitchDriver,
    Next,
    Run,
    SwitchOutcome,
    utc_now,
)
from traymon.clock import Now
from traymon.continuity.config import ContinuityConfig
from traymon.continuity.errors import ContinuityError
from traymon.continuity.offer import SwitchOffer
from traymon.continuity.policy import PolicyState
from traymon.model import CheckResult
from traymon.platform.launch import LaunchError, start_detached

log = logging.getLogger(__name__)
Launcher = Callable[[Sequence[str]], None]


class MailSwitch(QObject):
    """Shows what the driver decides; asks, and tells what a switch came to."""

    #: A question is on screen (tests and the diagnostics read it).
    offered = Signal(object)  # SwitchOffer
    #: A sentence for the person: what was done, or why it was refused.
    told = Signal(str)
    #: The mail client was looked for (found or not); decisions start from here.
    ready = Signal()
    _detected = Signal(object, bool)  # (MailClient or None, switched), worker → GUI
    _finished = Signal(object)  # SwitchOutcome, worker → GUI

    def __init__(
        self,
        config: ContinuityConfig,
        names: Mapping[str, str],
        choose: Chooser | None = None,
        clock: Now = utc_now,
        parent: QObject | None = None,
        launcher: Launcher = start_detached,
    ) -> None:
        super().__init__(parent)
        self._launch = launcher
        self.driver = MailSwitchDriver(config, names, choose, clock)
        self._started = False
        self.dialog: QMessageBox | None = None
        self._finished.connect(self._on_finished)
        self._detected.connect(self._on_detected)

    @property
    def active(self) -> bool:
        return self.driver.active

    @property
    def state(self) -> PolicyState:
        return self.driver.state

    def offerable(self) -> frozenset[str]:
        """The trigger services whose card may offer "Switch mail to backup" now."""
        return self.driver.offerable()

    def can_switch(self, service_id: str) -> bool:
        """Whether "Switch mail" for ``service_id`` would switch now (a notification's button)."""
        return self.driver.can_switch(service_id)

    def switch_now(self) -> None:
        """The person asked (a card's or a notification's "Switch mail"): the same switch as
        answering "Switch"."""
        step = self.driver.switch_now()
        if step is not None:
            if self.dialog is not None:
                self.dialog.close()  # the question is answered
            self._run(step)

    def start(self) -> None:
        """Look for the mail client off the GUI thread (it reads profiles and the journal)."""
        if self._started or not self.active:
            return
        self._started = True

        def work() -> None:
            try:
                client, switched = self.driver.detect()
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
        self._follow(self.driver.detected(client, switched))
        self.ready.emit()

    def on_result(self, result: CheckResult) -> None:
        self._follow(self.driver.on_result(result))

    def _follow(self, step: Next) -> None:
        if isinstance(step, Ask):
            self._ask(step.offer)
        elif isinstance(step, Run):
            self._run(step)

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
                self._run(self.driver.accepted(offer))
            else:
                self.driver.declined()

        dialog.finished.connect(answered)
        self.dialog = dialog
        dialog.show()
        self.offered.emit(offer)

    def _run(self, step: Run) -> None:
        if not self.driver.begin():
            return

        def work() -> None:
            self._finished.emit(self.driver.run(step))

        threading.Thread(target=work, name="traymon-mail-switch", daemon=True).start()

    def _on_finished(self, outcome: SwitchOutcome) -> None:
        self.driver.finished(outcome)
        next_step = outcome.next_step
        client = self.driver.client
        if outcome.launch and client is not None:
            try:
                self._launch(outcome.launch)
                next_step = self.tr("Starting {client} for you.").format(
                    client=client.adapter.display_name
                )
            except LaunchError as exc:
                next_step = f"{exc} {next_step or ''}".strip()
        self.told.emit(" ".join(p for p in (outcome.message, next_step or "") if p))
