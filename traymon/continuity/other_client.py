"""Any other mail client: nothing to switch, so the fallback instructions and webmail apply."""

from __future__ import annotations

from traymon.continuity.adapter import ClientStatus, Detection, Outcome
from traymon.continuity.atomic import Checkpoint, no_checkpoint
from traymon.continuity.errors import NotSwitchableError

NAME = "other"
DISPLAY = "Other mail programs"
_THEM = "your mail program"


class OtherClientAdapter:
    name = NAME
    display_name = DISPLAY

    def __init__(self, webmail_url: str | None = None) -> None:
        self._webmail = webmail_url

    def advice(self) -> str:
        if self._webmail:
            return (
                f"Traymon cannot switch {_THEM}; open the backup webmail at {self._webmail} "
                "and follow your IT's instructions."
            )
        return f"Traymon cannot switch {_THEM}; follow your IT's instructions."

    def detect(self) -> Detection:
        return Detection(NAME, DISPLAY, True, None, False, self.advice())

    def status(self) -> ClientStatus:
        return ClientStatus(self.detect())

    def switch(self, backup: str, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        raise NotSwitchableError(self.advice())

    def restore(self, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        return Outcome(False, "Nothing to restore: Traymon never changes other mail programs.")
