"""GNOME Evolution: make the backup account the default mail account, and back.

Facts (research/mailclients.md §5): accounts are ESource key files in
``$XDG_CONFIG_HOME/evolution/sources/<UID>.source``; ``[Data Source] Enabled`` hides
or shows one; the default account and identity are the GSettings keys
``default-mail-account`` and ``default-mail-identity`` of
``org.gnome.Evolution.DefaultSources``. Evolution's registry watches both, so this
works while Evolution runs. GSettings is used through the ``gsettings`` command,
which goes through whatever backend the desktop uses (dconf, or a keyfile in tests).

What changes: the two GSettings keys, and ``Enabled=true`` on the backup account's
source file if it was disabled. The primary account is left as it is.

Evolution sees every step as it happens, so the order is "what the default needs
first, the default last": the backup's ``Enabled``, then the identity, then the
account; undoing runs backwards. A killed switch or restore is settled by the next
command, ``status`` included, so no mix outlives it. A default account the person
picked after the switch is theirs: restore leaves it, and its identity, as they are.

Account ids are ``.source`` file stems; one that is a path (``../x``) is refused.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from traymon.continuity.adapter import AdapterOptions, ClientStatus, Detection, Outcome, Platform
from traymon.continuity.atomic import Checkpoint, no_checkpoint
from traymon.continuity.errors import ContinuityError, NotFoundError, NotSwitchableError
from traymon.continuity.journal import Journal, Stage, Transaction, ValueRecord
from traymon.continuity.processes import ProcessLister, running_process_names
from traymon.continuity.transaction import (
    FileChange,
    Plan,
    Reapply,
    changed_since_switch,
    kept_by_person,
    restore,
    run_switch,
    settle,
    settle_earlier_switch,
)

NAME = "evolution"
DISPLAY = "Evolution"
SCHEMA = "org.gnome.Evolution.DefaultSources"
ACCOUNT_KEY = "default-mail-account"
IDENTITY_KEY = "default-mail-identity"
_GROUP = re.compile(r"^\[(?P<name>[^\]]+)\]\s*$")


class GSettings:
    """One schema's keys through the ``gsettings`` command; values are GVariant text."""

    def __init__(self, schema: str = SCHEMA, env: Mapping[str, str] | None = None) -> None:
        self._schema = schema
        self._env = dict(env) if env is not None else None

    def available(self) -> bool:
        return shutil.which("gsettings") is not None and self._run("list-keys") is not None

    def read(self, key: str) -> str | None:
        return self._run("get", key)

    def write(self, key: str, value: str | None) -> None:
        result = self._run("reset", key) if value is None else self._run("set", key, value)
        if result is None:
            raise ContinuityError(f"gsettings could not change {self._schema} {key}.")

    def _run(self, *args: str) -> str | None:
        try:
            done = subprocess.run(
                ["gsettings", args[0], self._schema, *args[1:]],
                capture_output=True,
                text=True,
                timeout=20,
                env=self._env,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None


def gvariant_string(text: str) -> str:
    """``text`` as a GVariant string literal (what ``gsettings set`` parses)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def sources_dir(env: Mapping[str, str] | None = None) -> Path:
    env = env if env is not None else os.environ
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(config) / "evolution" / "sources"


class KeyFile:
    """A GKeyFile (.source) read for values and edited line by line, keeping every other byte."""

    def __init__(self, data: bytes) -> None:
        try:
            self._lines: list[str] = re.findall(r"[^\n]*\n|[^\n]+\Z", data.decode("utf-8"))
        except UnicodeDecodeError:
            raise ContinuityError("the account file is not UTF-8 text") from None

    def get(self, group: str, key: str) -> str | None:
        current = None
        for line in self._lines:
            header = _GROUP.match(line.strip())
            if header:
                current = header.group("name")
            elif current == group and line.split("=", 1)[0].strip() == key and "=" in line:
                return line.split("=", 1)[1].strip()
        return None

    def has_group(self, group: str) -> bool:
        return any(line.strip() == f"[{group}]" for line in self._lines)

    def set(self, group: str, key: str, value: str) -> None:
        current, header_at = None, None
        for index, line in enumerate(self._lines):
            header = _GROUP.match(line.strip())
            if header:
                current = header.group("name")
                if current == group:
                    header_at = index
            elif current == group and "=" in line and line.split("=", 1)[0].strip() == key:
                ending = line[len(line.rstrip("\r\n")) :] or "\n"
                self._lines[index] = f"{key}={value}{ending}"
                return
        if header_at is None:
            raise ContinuityError(f"the account file has no [{group}] group")
        self._lines.insert(header_at + 1, f"{key}={value}\n")

    def to_bytes(self) -> bytes:
        return "".join(self._lines).encode("utf-8")


class EvolutionAdapter:
    name: ClassVar[str] = NAME
    display_name: ClassVar[str] = DISPLAY
    backup_keys: ClassVar[tuple[str, ...]] = ("evolution",)
    close_first: ClassVar[bool] = False
    platforms: ClassVar[frozenset[Platform]] = frozenset({Platform.LINUX})
    native_on: ClassVar[frozenset[Platform]] = frozenset()

    @classmethod
    def from_options(cls, options: AdapterOptions) -> EvolutionAdapter:
        return cls(options.journal)

    def __init__(
        self,
        journal: Journal,
        settings: GSettings | None = None,
        sources: Path | None = None,
        processes: ProcessLister = running_process_names,
    ) -> None:
        self._processes = processes  # shown only: Evolution picks up changes while it runs
        self._journal = journal
        self._settings = settings or GSettings()
        self._sources = sources if sources is not None else sources_dir()

    def detect(self) -> Detection:
        if not self._sources.is_dir() or not self._settings.available():
            return Detection(NAME, DISPLAY, False, detail="Evolution is not set up for this user.")
        accounts = [p.stem for p in self._accounts()]
        return Detection(
            NAME,
            DISPLAY,
            True,
            str(self._sources),
            False,
            f"{len(accounts)} Evolution mail accounts",
        )

    def status(self) -> ClientStatus:
        detection = self.detect()
        if not detection.found:
            return ClientStatus(detection)
        target = str(self._sources)
        tx = self._journal.load(NAME, target)
        notes: list[str] = []
        if tx is not None and tx.stage is not Stage.SWITCHED:
            # Evolution shows the settings live: a killed switch or restore is settled
            # now, not at some later switch, so a half-switched default does not linger.
            try:
                with self._journal.exclusive(NAME, target, "Evolution"):
                    tx = self._journal.load(NAME, target)
                    if tx is not None:
                        tx, notes = settle(self._journal, tx, self._settings, _reapplier(tx))
            except ContinuityError as exc:
                notes = [str(exc)]
                tx = self._journal.load(NAME, target)
        return ClientStatus(
            detection,
            current=self._describe(_unquote(self._settings.read(ACCOUNT_KEY))),
            switched_to=tx.summary if tx and tx.stage is Stage.SWITCHED else None,
            pending=tx.summary if tx and tx.stage in (Stage.PREPARING, Stage.BACKED_UP) else None,
            restoring=tx.summary if tx and tx.stage is Stage.RESTORING else None,
            notes=tuple(notes),
        )

    def switch(self, backup: str, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        if not self._settings.available():
            raise NotSwitchableError(
                f"The GSettings schema {SCHEMA} is not installed, so Evolution cannot be switched."
            )
        self._check_uid(backup)
        with self._journal.exclusive(NAME, str(self._sources), "Evolution"):
            return self._switch(backup, checkpoint)

    def _switch(self, backup: str, checkpoint: Checkpoint) -> Outcome:
        target = str(self._sources)
        left = self._journal.load(NAME, target)
        earlier = settle_earlier_switch(
            self._journal,
            NAME,
            target,
            backup,
            "Evolution",
            self._settings,
            _reapplier(left) if left else None,
        )
        if earlier is not None:
            return earlier
        path = self._sources / f"{backup}.source"
        source = self._read(path)
        if not source.has_group("Mail Account"):
            known = ", ".join(self._describe(p.stem) for p in self._accounts()) or "none"
            raise NotFoundError(
                f"There is no Evolution mail account {backup!r}; accounts: {known}."
            )
        identity = source.get("Mail Account", "IdentityUid") or ""
        old_account = self._settings.read(ACCOUNT_KEY)
        # The default account last: Evolution never sees it point at an identity or an
        # account that is not switched yet (files are written before values).
        values = (
            ValueRecord(IDENTITY_KEY, self._settings.read(IDENTITY_KEY), gvariant_string(identity)),
            ValueRecord(ACCOUNT_KEY, old_account, gvariant_string(backup)),
        )
        files: tuple[FileChange, ...] = ()
        details = {"backup": backup}
        enabled = source.get("Data Source", "Enabled") or "true"
        if enabled.lower() != "true":
            source.set("Data Source", "Enabled", "true")
            files = (FileChange(path, source.to_bytes()),)
            details["enabled"] = enabled
        if not files and all(v.old == v.new for v in values):
            return Outcome(False, f"{self._describe(backup)} is already the default account.")
        summary = (
            f"default account {self._describe(_unquote(old_account))} → {self._describe(backup)}"
        )
        plan = Plan(NAME, target, summary, files=files, values=values, details=details)
        run_switch(self._journal, plan, self._settings, checkpoint=checkpoint)
        return Outcome(True, f"Switched Evolution: {summary}.")

    def restore(self, checkpoint: Checkpoint = no_checkpoint) -> Outcome:
        target = str(self._sources)
        if self._journal.load(NAME, target) is None:
            return Outcome(False, "Nothing to restore: Traymon has not switched Evolution.")
        with self._journal.exclusive(NAME, target, "Evolution"):
            tx = self._journal.load(NAME, target)  # again, under Traymon's lock
            if tx is None:
                return Outcome(False, "Nothing to restore: Traymon has not switched Evolution.")
            chosen = self._chosen(tx)
            notes = restore(
                self._journal,
                tx,
                self._settings,
                reapply=_reapplier(tx),
                checkpoint=checkpoint,
                keep=chosen,
            )
        if ACCOUNT_KEY in chosen:
            mine = self._describe(_unquote(self._settings.read(ACCOUNT_KEY)))
        elif IDENTITY_KEY in chosen:
            mine = f"the identity {self._describe(_unquote(self._settings.read(IDENTITY_KEY)))}"
        else:
            return Outcome(True, f"Restored Evolution: {tx.summary} was undone.", tuple(notes))
        return Outcome(
            True,
            f"You chose {mine} yourself after the switch; Traymon left it as it is.",
            tuple(notes),
        )

    def _chosen(self, tx: Transaction) -> frozenset[str]:
        """The keys the person set since the switch; the identity goes with its account
        (Evolution's "Default" button sets both), so a chosen account keeps both."""
        if tx.stage is Stage.RESTORING:
            return kept_by_person(tx)
        chosen = {value.key for value in changed_since_switch(tx, self._settings)}
        if ACCOUNT_KEY in chosen:
            chosen.add(IDENTITY_KEY)
        return frozenset(chosen)

    def _check_uid(self, uid: str) -> None:
        if not is_source_uid(uid):
            known = ", ".join(self._describe(p.stem) for p in self._accounts()) or "none"
            raise NotFoundError(
                f"{uid!r} is not an Evolution account id: an id is the name of a .source file "
                f"in {self._sources}, without '/', '\\', '..', NUL or a leading dot. "
                f"Accounts: {known}."
            )

    def _accounts(self) -> list[Path]:
        found = []
        for path in sorted(self._sources.glob("*.source")):
            try:
                if KeyFile(path.read_bytes()).has_group("Mail Account"):
                    found.append(path)
            except (OSError, ContinuityError):
                continue
        return found

    def _describe(self, uid: str | None) -> str:
        if not uid:
            return "(none)"
        if not is_source_uid(uid):
            return repr(uid)  # never a path: a GSettings value may be anything
        try:
            name = KeyFile((self._sources / f"{uid}.source").read_bytes()).get(
                "Data Source", "DisplayName"
            )
        except (OSError, ContinuityError):
            name = None
        return f"{name} ({uid})" if name else uid

    @staticmethod
    def _read(path: Path) -> KeyFile:
        try:
            return KeyFile(path.read_bytes())
        except FileNotFoundError:
            return KeyFile(b"")
        except OSError as exc:
            raise ContinuityError(f"{path} cannot be read ({exc.strerror}).") from None


def is_source_uid(uid: str) -> bool:
    """Whether ``uid`` can only name a file directly inside ``sources/``."""
    return bool(uid) and not (uid.startswith(".") or ".." in uid or any(c in uid for c in "/\\\0"))


def _reapplier(tx: Transaction) -> Reapply | None:
    """For a .source file Evolution rewrote since the switch: only ``Enabled`` goes back,
    and only while it is still as Traymon left it (the person may have turned it off)."""
    old = tx.details.get("enabled")
    if old is None:
        return None

    def reapply(path: Path, current: bytes) -> bytes:
        source = KeyFile(current)
        if (source.get("Data Source", "Enabled") or "true").lower() == "true":
            source.set("Data Source", "Enabled", old)
        return source.to_bytes()

    return reapply


def _unquote(value: str | None) -> str | None:
    if value and len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("\\'", "'").replace("\\\\", "\\")
    return value
