"""Thunderbird: make the backup account (and its outgoing server) the default, and back.

What changes (research/mailclients.md §2.5): ``mail.accountmanager.defaultaccount``
and ``mail.smtp.defaultserver`` in ``prefs.js``, nothing else. Identities that name
their own ``smtpServer`` keep it (Thunderbird uses that before the default), so the
backup account sends through its own server, and other accounts are not re-routed.
Only while Thunderbird is closed: its lock is held by Traymon for the whole edit
(after Traymon's own lock, so a second Traymon is not mistaken for Thunderbird).

A restore leaves what the person chose after the switch: a default account or
outgoing server that is neither the old one nor Traymon's stays, and is named.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import ClassVar

from traymon.continuity.adapter import AdapterOptions, ClientStatus, Detection, Outcome, Platform
from traymon.continuity.atomic import Checkpoint, no_checkpoint, sha256
from traymon.continuity.errors import (
    BusyError,
    ClientRunningError,
    ContinuityError,
    NotFoundError,
)
from traymon.continuity.journal import Journal, Stage, Transaction, busy_message
from traymon.continuity.prefsjs import PrefsError, PrefsFile, PrefValue
from traymon.continuity.processes import ProcessLister, running_process_names
from traymon.continuity.thunderbird_profiles import (
    default_profile,
    holding_profile_lock,
    lock_is_held,
    profile_roots,
)
from traymon.continuity.transaction import (
    FileChange,
    Plan,
    Reapply,
    restore,
    run_switch,
    settle_earlier_switch,
)

NAME = "thunderbird"
DISPLAY = "Thunderbird"
DEFAULT_ACCOUNT = "mail.accountmanager.defaultaccount"
DEFAULT_SMTP = "mail.smtp.defaultserver"
_PROCESS_NAMES = frozenset({"thunderbird", "thunderbird-bin", "thunderbird.exe"})
_UNFINISHED = (Stage.PREPARING, Stage.BACKED_UP)


class ThunderbirdAdapter:
    name: ClassVar[str] = NAME
    display_name: ClassVar[str] = DISPLAY
    backup_keys: ClassVar[tuple[str, ...]] = ("thunderbird",)
    close_first: ClassVar[bool] = True
    platforms: ClassVar[frozenset[Platform]] = frozenset(Platform)
    native_on: ClassVar[frozenset[Platform]] = frozenset()

    @classmethod
    def from_options(cls, options: AdapterOptions) -> ThunderbirdAdapter:
        return cls(options.journal, options.thunderbird_profile, backup_smtp=options.backup_smtp)

    def __init__(
        self,
        journal: Journal,
        profile: Path | None = None,
        processes: ProcessLister = running_process_names,
        roots: list[Path] | None = None,
        backup_smtp: str | None = None,
    ) -> None:
        self._backup_smtp = backup_smtp  # only for a backup identity without its own server
        self._journal = journal
        self._profile = profile
        self._processes = processes
        self._roots = roots

    @property
    def profile(self) -> Path | None:
        # Resolved, so the journal finds the same profile however the path was written.
        if self._profile is not None:
            return self._profile.resolve()
        found = default_profile(self._roots if self._roots is not None else profile_roots())
        return found.resolve() if found else None

    def detect(self) -> Detection:
        profile = self.profile
        if profile is None or not (profile / "prefs.js").is_file():
            where = f"at {profile}" if profile else "in the usual folders"
            return Detection(
                NAME, DISPLAY, False, detail=f"No Thunderbird profile was found {where}."
            )
        # While another Traymon switches, it holds Thunderbird's lock too: not "open".
        busy = self._journal.busy(NAME, str(profile))
        running = not busy and (lock_is_held(profile) or self._process_running())
        state = (
            " (another Traymon is switching it right now)"
            if busy
            else " (Thunderbird is open)"
            if running
            else ""
        )
        return Detection(
            NAME, DISPLAY, True, str(profile), running, f"Thunderbird profile {profile}{state}"
        )

    def status(self) -> ClientStatus:
        detection = self.detect()
        if not detection.found or detection.target is None:
            return ClientStatus(detection)
        tx = self._journal.load(NAME, detection.target)
        try:
            prefs = _read_prefs(Path(detection.target))
            current = _describe_account(prefs, _text(prefs.get(DEFAULT_ACCOUNT)))
        except ContinuityError as exc:
            return ClientStatus(detection, notes=(str(exc),))
        return ClientStatus(
            detection,
            current=current,
            switched_to=tx.summary if tx and tx.stage is Stage.SWITCHED else None,
            pending=tx.summary if tx and tx.stage in _UNFINISHED else None,
            restoring=tx.summary if tx and tx.stage is Stage.RESTORING else None,
        )

    def switch(self, backup: str, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        profile = self._require_profile()
        self._refuse_if_open(profile)
        with self._exclusive(profile), holding_profile_lock(profile):
            left = self._journal.load(NAME, str(profile))  # a killed restore is finished first
            reapply = self._keeping(profile, left)[1] if left else None
            earlier = settle_earlier_switch(
                self._journal, NAME, str(profile), backup, "This profile", reapply=reapply
            )
            if earlier is not None:
                return earlier
            prefs_path = profile / "prefs.js"
            prefs = _read_prefs(profile)
            new_values, warnings = _plan_values(prefs, backup, self._backup_smtp)
            old_values = {key: prefs.get(key) for key in new_values}
            if all(old_values[k] == v for k, v in new_values.items()):
                return Outcome(False, f"{_describe_account(prefs, backup)} is already the default.")
            _refuse_user_js_overrides(profile, new_values)
            for key, value in new_values.items():
                prefs.set(key, value)
            summary = (
                f"default account {_describe_account(prefs, _text(old_values[DEFAULT_ACCOUNT]))}"
                f" → {_describe_account(prefs, backup)}"
            )
            plan = Plan(
                NAME,
                str(profile),
                summary,
                files=(FileChange(prefs_path, prefs.to_bytes()),),
                details={
                    "backup": backup,
                    "old": json.dumps(old_values),
                    "new": json.dumps(new_values),
                },
            )
            run_switch(
                self._journal,
                plan,
                verify=lambda: _verify(prefs_path, new_values),
                checkpoint=checkpoint,
            )
        return Outcome(
            True,
            f"Switched Thunderbird: {summary}.",
            tuple(warnings),
            "Start Thunderbird again; new messages go out from the backup account.",
        )

    def restore(self, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        profile = self._require_profile()
        tx = self._journal.load(NAME, str(profile))
        if tx is None:
            return Outcome(False, f"Nothing to restore: Traymon has not switched {profile}.")
        self._refuse_if_open(profile)
        with self._exclusive(profile), holding_profile_lock(profile):
            tx = self._journal.load(NAME, str(profile))  # again: under the locks
            if tx is None:
                return Outcome(False, f"Nothing to restore: Traymon has not switched {profile}.")
            chosen, reapply = self._keeping(profile, tx)
            notes = restore(self._journal, tx, reapply=reapply, checkpoint=checkpoint, keep=chosen)
        if not chosen:
            return Outcome(True, f"Restored Thunderbird: {tx.summary} was undone.", tuple(notes))
        return Outcome(True, " ".join(chosen.values()), tuple(notes))

    def _keeping(self, profile: Path, tx: Transaction) -> tuple[dict[str, str], Reapply]:
        """What the person chose in prefs.js since the switch (pref → the sentence saying
        so), and how to put back the rest."""
        old: dict[str, PrefValue | None] = json.loads(tx.details.get("old", "{}"))
        new: dict[str, PrefValue | None] = json.loads(tx.details.get("new", "{}"))
        path = profile / "prefs.js"
        try:
            current = path.read_bytes()
        except OSError:
            return {}, _reapplier(old)  # restore itself says what is wrong with the file
        if not tx.files or sha256(current) in (tx.files[0].before, tx.files[0].after):
            return {}, _reapplier(old)  # byte for byte as Traymon found or left it
        try:
            prefs = PrefsFile(current)
        except PrefsError as exc:
            raise ContinuityError(
                f"{path} is not a preferences file Traymon can read ({exc}), so it was left "
                f"alone. The original from before the switch is kept in {tx.files[0].backup}: "
                f"with Thunderbird closed, copy it over {path} to go back by hand."
            ) from None
        chosen: dict[str, str] = {}
        for key in new:
            value = prefs.get(key)
            if value in (new[key], old.get(key)):
                continue
            if key == DEFAULT_ACCOUNT:
                what = _describe_account(prefs, _text(value))
            else:
                what = f"the outgoing server {_text(value) or '(none)'}"
            chosen[key] = f"You chose {what} yourself after the switch; Traymon left it as it is."
        return chosen, _reapplier({k: v for k, v in old.items() if k not in chosen})

    def _exclusive(self, profile: Path) -> contextlib.AbstractContextManager[None]:
        return self._journal.exclusive(NAME, str(profile), f"the Thunderbird profile {profile}")

    def _refuse_if_open(self, profile: Path) -> None:
        """Refuse, writing nothing anywhere, while Thunderbird or another Traymon has it.

        A Traymon takes its own lock before Thunderbird's and lets go of it after, so a
        profile lock held while Traymon's is held is another Traymon's, never Thunderbird's.
        """
        self._refuse_if_process_running()
        if lock_is_held(profile):
            if self._journal.busy(NAME, str(profile)):
                raise BusyError(busy_message(f"the Thunderbird profile {profile}"))
            with holding_profile_lock(profile):  # says who holds it, in Thunderbird's words
                pass

    def _require_profile(self) -> Path:
        profile = self.profile
        if profile is None:
            raise NotFoundError("No Thunderbird profile was found; name one with --profile.")
        if not (profile / "prefs.js").is_file():
            raise NotFoundError(f"{profile} is not a Thunderbird profile (it has no prefs.js).")
        return profile

    def _process_running(self) -> bool:
        return bool(self._processes() & _PROCESS_NAMES)

    def _refuse_if_process_running(self) -> None:
        if self._process_running():
            raise ClientRunningError(
                "Thunderbird is running. Close Thunderbird first; Traymon never closes it for "
                "you, so nothing you are writing is lost."
            )


def _read_prefs(profile: Path) -> PrefsFile:
    path = profile / "prefs.js"
    try:
        return PrefsFile(path.read_bytes())
    except OSError as exc:
        raise ContinuityError(f"{path} cannot be read ({exc.strerror}).") from None
    except PrefsError as exc:
        raise ContinuityError(
            f"{path} cannot be edited safely: {exc}. Traymon left it alone; put back a good "
            "copy (from a backup, or ask IT), then try again."
        ) from None


def _plan_values(
    prefs: PrefsFile, backup: str, backup_smtp: str | None
) -> tuple[dict[str, PrefValue], list[str]]:
    accounts = _keys(prefs.get("mail.accountmanager.accounts"))
    if backup not in accounts:
        known = ", ".join(_describe_account(prefs, a) for a in accounts) or "none"
        raise NotFoundError(f"This profile has no account {backup!r}; its accounts are: {known}.")
    server = _text(prefs.get(f"mail.account.{backup}.server"))
    if not server:
        raise NotFoundError(
            f"Account {backup!r} has no incoming server, so it cannot be the default."
        )
    if prefs.get(f"mail.server.{server}.type") == "none":
        raise ContinuityError(f"{backup!r} is Local Folders, which cannot be the default account.")
    identities = _keys(prefs.get(f"mail.account.{backup}.identities"))
    if not identities:
        raise ContinuityError(f"Account {backup!r} has no identity, so it cannot send mail.")
    own_smtp = _text(prefs.get(f"mail.identity.{identities[0]}.smtpServer"))
    smtp = own_smtp or backup_smtp
    if not smtp:
        raise ContinuityError(
            f"The backup account {backup!r} has no outgoing server of its own; set one in "
            "Thunderbird's account settings (or name it with --backup-smtp)."
        )
    if smtp not in _keys(prefs.get("mail.smtpservers")):
        raise NotFoundError(f"The outgoing server {smtp!r} does not exist in this profile.")
    old_smtp = _text(prefs.get(DEFAULT_SMTP))
    warnings = [
        f"Identity {_text(prefs.get(f'mail.identity.{ident}.useremail')) or ident} names its own "
        f"outgoing server {old_smtp!r} and will keep using it."
        for ident in _all_identities(prefs, exclude=backup)
        if old_smtp and _text(prefs.get(f"mail.identity.{ident}.smtpServer")) == old_smtp
    ]
    return {DEFAULT_ACCOUNT: backup, DEFAULT_SMTP: smtp}, warnings


def _refuse_user_js_overrides(profile: Path, values: dict[str, PrefValue]) -> None:
    user_js = profile / "user.js"
    if not user_js.is_file():
        return
    try:
        overrides = set(PrefsFile(user_js.read_bytes()).names()) & set(values)
    except (OSError, PrefsError):
        overrides = set()
    if overrides:
        raise ContinuityError(
            f"{user_js} sets {', '.join(sorted(overrides))}, which would undo the switch at the "
            "next start; ask IT to remove it there first."
        )


def _verify(path: Path, values: dict[str, PrefValue]) -> None:
    prefs = PrefsFile(path.read_bytes())
    for key, value in values.items():
        if prefs.get(key) != value:
            raise ContinuityError(f"{path} does not read back {key} = {value!r}.")


def _reapplier(old: dict[str, PrefValue | None]) -> Reapply:
    def reapply(path: Path, current: bytes) -> bytes:
        prefs = PrefsFile(current)
        for key, value in old.items():
            prefs.put(key, value)
        return prefs.to_bytes()

    return reapply


def _describe_account(prefs: PrefsFile, key: str | None) -> str:
    if not key:
        return "(none)"
    identities = _keys(prefs.get(f"mail.account.{key}.identities"))
    email = _text(prefs.get(f"mail.identity.{identities[0]}.useremail")) if identities else None
    if email:
        return f"{key} ({email})"
    server = _text(prefs.get(f"mail.account.{key}.server"))
    name = _text(prefs.get(f"mail.server.{server}.name")) if server else None
    return f"{key} ({name})" if name else key


def _all_identities(prefs: PrefsFile, exclude: str) -> list[str]:
    found: list[str] = []
    for account in _keys(prefs.get("mail.accountmanager.accounts")):
        if account != exclude:
            found += _keys(prefs.get(f"mail.account.{account}.identities"))
    return found


def _keys(value: PrefValue | None) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()] if isinstance(value, str) else []


def _text(value: PrefValue | None) -> str | None:
    return value if isinstance(value, str) and value else None
