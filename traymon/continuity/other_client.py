"""Any other mail client: nothing to switch, so the fallback instructions and webmail apply."""

from __future__ import annotations

from typing import ClassVar

from traymon.continuity.adapter import AdapterOptions, ClientStatus, Detection, Outcome, Platform
from traymon.continuity.atomic import Checkpoint, no_checkpoint
from traymon.continuity.errors import NotSwitchableError

NAME = "other"
DISPLAY = "Other mail programs"
_THEM = "your mail program"


class OtherClientAdapter:
    name: ClassVar[str] = NAME
    display_name: ClassVar[str] = DISPLAY
    backup_keys: ClassVar[tuple[str, ...]] = ()
    close_first: ClassVar[bool] = False
    platforms: ClassVar[frozenset[Platform]] = frozenset(Platform)
    native_on: ClassVar[frozenset[Platform]] = frozenset()

    @classmethod
    def from_options(cls, options: AdapterOptions) -> OtherClientAdapter:
        return cls(options.webmail_url)

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
