"""Apple Mail: enable the backup account and disable the primary, through AppleScript.

Facts (research/mailclients.md §3): an ``account`` has a read/write ``enabled``
property (community scripts; the sdef wording itself is unconfirmed); Mail has no
documented default-account setting, so "switching" means the primary is disabled
and the backup enabled. AppleScript talks to the running Mail, so Mail need not be
closed. Since macOS 10.14 the first script asks the person whether Traymon may
control Mail (Privacy & Security › Automation); IT can pre-approve it with a PPPC
profile. A refusal (error -1743) is explained, not shown as a failure code.

The scripts are generated here and tested as text; only a Mac proves that Mail
obeys them.
"""

from __future__ import annotations

import subprocess
from typing import ClassVar, Protocol

from traymon.continuity.adapter import AdapterOptions, ClientStatus, Detection, Outcome, Platform
from traymon.continuity.atomic import Checkpoint, no_checkpoint
from traymon.continuity.errors import ContinuityError, NotFoundError
from traymon.continuity.journal import Journal, Stage, ValueRecord
from traymon.continuity.transaction import (
    Plan,
    restore,
    run_switch,
    settle_earlier_switch,
)

NAME = "apple-mail"
DISPLAY = "Apple Mail"
TARGET = "com.apple.mail"
_NOT_PERMITTED = "-1743"
PERMISSION_HELP = (
    "macOS did not allow Traymon to control Mail. Allow it in System Settings › Privacy & "
    "Security › Automation › Traymon › Mail (or ask IT to approve it with a profile), "
    "then try again."
)


class ScriptRunner(Protocol):
    """Runs one AppleScript and returns what it printed; raises ``ContinuityError``."""

    def __call__(self, script: str) -> str: ...


def osascript(script: str) -> str:  # pragma: no cover - macOS only
    try:
        done = subprocess.run(
            ["osascript", "-e", script], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ContinuityError(f"AppleScript could not be run ({exc}).") from None
    if done.returncode != 0:
        if _NOT_PERMITTED in done.stderr:
            raise ContinuityError(PERMISSION_HELP)
        raise ContinuityError(f"Mail refused the change: {done.stderr.strip()}")
    return done.stdout.strip()


def applescript_string(text: str) -> str:
    """``text`` as an AppleScript string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def list_accounts_script() -> str:
    return (
        'tell application "Mail" to set accountNames to name of every account\n'
        "set AppleScript's text item delimiters to linefeed\n"
        "return accountNames as text"
    )


def get_enabled_script(account: str) -> str:
    return f'tell application "Mail" to get enabled of account {applescript_string(account)}'


def set_enabled_script(account: str, enabled: bool) -> str:
    value = "true" if enabled else "false"
    return (
        f'tell application "Mail" to set enabled of account {applescript_string(account)} '
        f"to {value}"
    )


class _EnabledFlags:
    """The transaction's view: key "enabled:<account>" → "true" / "false"."""

    def __init__(self, run: ScriptRunner) -> None:
        self._run = run

    def read(self, key: str) -> str | None:
        answer = self._run(get_enabled_script(key.removeprefix("enabled:"))).strip().lower()
        return answer if answer in ("true", "false") else None

    def write(self, key: str, value: str | None) -> None:
        self._run(set_enabled_script(key.removeprefix("enabled:"), value == "true"))


class AppleMailAdapter:
    name: ClassVar[str] = NAME
    display_name: ClassVar[str] = DISPLAY
    backup_keys: ClassVar[tuple[str, ...]] = ("apple_mail", "apple_mail_primary")
    close_first: ClassVar[bool] = False
    platforms: ClassVar[frozenset[Platform]] = frozenset({Platform.MACOS})
    native_on: ClassVar[frozenset[Platform]] = frozenset({Platform.MACOS})

    @classmethod
    def from_options(cls, options: AdapterOptions) -> AppleMailAdapter:
        return cls(options.journal, options.apple_mail_primary)

    def __init__(
        self, journal: Journal, primary: str | None, run: ScriptRunner = osascript
    ) -> None:
        self._journal = journal
        self._primary = primary
        self._run = run

    def accounts(self) -> list[str]:
        return [line for line in self._run(list_accounts_script()).splitlines() if line]

    def detect(self) -> Detection:
        try:
            accounts = self.accounts()
        except ContinuityError as exc:
            return Detection(NAME, DISPLAY, False, detail=str(exc))
        return Detection(
            NAME, DISPLAY, True, TARGET, False, f"Mail accounts: {', '.join(accounts)}"
        )

    def status(self) -> ClientStatus:
        detection = self.detect()
        tx = self._journal.load(NAME, TARGET)
        return ClientStatus(
            detection,
            current=self._primary,
            switched_to=tx.summary if tx and tx.stage is Stage.SWITCHED else None,
            pending=tx.summary if tx and tx.stage in (Stage.PREPARING, Stage.BACKED_UP) else None,
            restoring=tx.summary if tx and tx.stage is Stage.RESTORING else None,
        )

    def switch(self, backup: str, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        with self._journal.exclusive(NAME, TARGET, "Apple Mail"):
            return self._switch(backup, checkpoint)

    def _switch(self, backup: str, checkpoint: Checkpoint) -> Outcome:
        flags = _EnabledFlags(self._run)
        earlier = settle_earlier_switch(self._journal, NAME, TARGET, backup, "Mail", flags)
        if earlier is not None:
            return earlier
        accounts = self.accounts()
        for account in (backup, self._primary):
            if account is not None and account not in accounts:
                raise NotFoundError(
                    f"Mail has no account {account!r}; its accounts are: {', '.join(accounts)}."
                )
        values = [ValueRecord(f"enabled:{backup}", flags.read(f"enabled:{backup}"), "true")]
        if self._primary is not None and self._primary != backup:
            key = f"enabled:{self._primary}"
            values.append(ValueRecord(key, flags.read(key), "false"))
        summary = f"backup account {backup!r} on" + (
            f", {self._primary!r} off" if len(values) > 1 else ""
        )
        plan = Plan(NAME, TARGET, summary, values=tuple(values), details={"backup": backup})
        run_switch(self._journal, plan, flags, checkpoint=checkpoint)
        return Outcome(True, f"Switched Apple Mail: {summary}.")

    def restore(self, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        if self._journal.load(NAME, TARGET) is None:
            return Outcome(False, "Nothing to restore: Traymon has not switched Apple Mail.")
        with self._journal.exclusive(NAME, TARGET, "Apple Mail"):
            tx = self._journal.load(NAME, TARGET)
            if tx is None:
                return Outcome(False, "Nothing to restore: Traymon has not switched Apple Mail.")
            # The flags are booleans: a person's own change reads like Traymon's, so there
            # is no choice of theirs to tell apart here. The restore runs in reverse: the
            # primary comes back on before the backup goes off (never both off).
            restore(self._journal, tx, _EnabledFlags(self._run), checkpoint=checkpoint)
        return Outcome(True, f"Restored Apple Mail: {tx.summary} was undone.")
