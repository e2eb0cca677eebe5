"""Switch and restore as transactions over files and settings.

The order is what makes a crash harmless:

1. record the old values and the digests of the old and new file bytes (journal ``preparing``);
2. copy every file to a backup and check the copy (journal ``backed_up``);
3. replace each file atomically, then write each setting;
4. read everything back and compare (journal ``switched``).

A process killed before step 4 finishes leaves a journal that is not ``switched``;
the next command rolls it back (each file is then either its old bytes, left alone,
or its new bytes, replaced by the backup). ``restore`` gives back the backup byte for
byte when the file is as the switch left it; when the mail client has since rewritten
the file, it puts back only the values the switch changed and keeps the rest.

A restore first records ``restoring``; one killed half-way is finished by the next
command. Undoing runs in the reverse order of the switch (settings, then files), so
an adapter that orders its plan "what the default needs first, the default last"
never shows a default pointing at something not yet (or no longer) there.

What the person chose after the switch is theirs: ``keep`` names the values a restore
leaves as they are (the adapter tells which, see ``changed_since_switch``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from traymon.continuity.adapter import Outcome
from traymon.continuity.atomic import (
    Checkpoint,
    atomic_write,
    no_checkpoint,
    remove_stale_temp_files,
    sha256,
)
from traymon.continuity.errors import (
    ConflictError,
    ContinuityError,
    JournalError,
    file_problem,
)
from traymon.continuity.journal import (
    FileRecord,
    Journal,
    Stage,
    Transaction,
    ValueRecord,
    now_text,
)


@dataclass(frozen=True, slots=True)
class FileChange:
    path: Path
    new: bytes


class ValueStore(Protocol):
    """Settings that are not files: registry values, GSettings keys, Apple Mail flags."""

    def read(self, key: str) -> str | None: ...

    def write(self, key: str, value: str | None) -> None: ...


Reapply = Callable[[Path, bytes], bytes]
"""Given a file's current bytes (changed since the switch), the bytes with the old values back."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What one switch will change; built by an adapter, carried out here."""

    client: str
    target: str
    summary: str
    files: tuple[FileChange, ...] = ()
    values: tuple[ValueRecord, ...] = ()
    details: Mapping[str, str] | None = None


def run_switch(
    journal: Journal,
    plan: Plan,
    store: ValueStore | None = None,
    verify: Callable[[], None] = lambda: None,
    checkpoint: Checkpoint = no_checkpoint,
) -> Transaction:
    """Carry out ``plan``; on any failure roll back and raise ``ContinuityError``."""
    originals = [_read_or_none(change.path) for change in plan.files]
    tx = Transaction(
        client=plan.client,
        target=plan.target,
        stage=Stage.PREPARING,
        summary=plan.summary,
        started_at=now_text(),
        files=tuple(
            FileRecord(
                path=str(change.path),
                before=None if original is None else sha256(original),
                after=sha256(change.new),
                backup=str(journal.backup_path(plan.client, plan.target, index)),
            )
            for index, (change, original) in enumerate(zip(plan.files, originals, strict=True))
        ),
        values=plan.values,
        details=dict(plan.details or {}),
    )
    try:
        journal.save(tx)
    except OSError as exc:
        problem, fix = file_problem(exc)
        raise JournalError(
            f"The switch journal cannot be written: {problem}; nothing was changed. "
            f"{fix}, then try again."
        ) from None
    checkpoint("journal:preparing")
    try:
        for record, original in zip(tx.files, originals, strict=True):
            if original is not None:
                backup = Path(record.backup)
                atomic_write(backup, original)
                if sha256(backup.read_bytes()) != record.before:
                    raise ContinuityError(f"The backup {backup} does not match the original.")
        checkpoint("backups:written")
        tx = tx.at(Stage.BACKED_UP)
        journal.save(tx)
        checkpoint("journal:backed_up")
        for change in plan.files:
            atomic_write(change.path, change.new, checkpoint)
            checkpoint(f"file:{change.path.name}")
        for value in plan.values:
            _require_store(store).write(value.key, value.new)
            checkpoint(f"value:{value.key}")
        _verify_switched(tx, store)
        verify()
        checkpoint("verified")
        journal.save(tx.at(Stage.SWITCHED))
    except (OSError, ContinuityError) as exc:
        rollback(journal, tx, store)
        if isinstance(exc, ContinuityError):
            raise
        problem, fix = file_problem(exc)
        raise ContinuityError(
            f"The switch could not be completed: {problem}; everything was put back as it "
            f"was. {fix}, then try again."
        ) from None
    checkpoint("journal:switched")
    return tx.at(Stage.SWITCHED)


def rollback(
    journal: Journal,
    tx: Transaction,
    store: ValueStore | None = None,
    checkpoint: Checkpoint = no_checkpoint,
) -> None:
    """Undo an unfinished switch. Safe to repeat: each step checks before it writes."""
    for value in reversed(tx.values):
        if _require_store(store).read(value.key) != value.old:
            _require_store(store).write(value.key, value.old)
            checkpoint(f"rollback:value:{value.key}")
    for record in reversed(tx.files):
        path = Path(record.path)
        remove_stale_temp_files(path.parent)
        current = _read_or_none(path)
        digest = None if current is None else sha256(current)
        if digest == record.before:
            continue  # never written, or already put back
        if digest == record.after:
            _put_back(record, path, checkpoint)
            continue
        raise ConflictError(
            f"{path} changed while a switch was unfinished; it was left alone and the "
            f"original is kept in {record.backup}."
        )
    journal.forget(tx)


def settle(
    journal: Journal,
    tx: Transaction,
    store: ValueStore | None = None,
    reapply: Reapply | None = None,
) -> tuple[Transaction | None, list[str]]:
    """Bring a journal left by a killed process to a consistent state.

    An unfinished switch is rolled back, an unfinished restore finished; returns the
    switch still in force (or ``None``) and what was done, in words.
    """
    if tx.stage in (Stage.PREPARING, Stage.BACKED_UP):
        rollback(journal, tx, store)
        return None, ["An unfinished switch was rolled back."]
    if tx.stage is Stage.RESTORING:
        notes = restore(journal, tx, store, reapply)
        return None, ["An unfinished restore was finished.", *notes]
    return tx, []


def settle_earlier_switch(
    journal: Journal,
    client: str,
    target: str,
    backup: str,
    what: str,
    store: ValueStore | None = None,
    reapply: Reapply | None = None,
) -> Outcome | None:
    """Before a new switch: roll back one left half done; ``None`` means "go ahead".

    A finished switch to ``backup`` already is an ``Outcome`` (nothing to do); one to
    another account is refused, naming ``what`` is switched ("Outlook", "This profile").
    An unfinished restore is finished first (``reapply`` as for ``restore``).
    """
    tx = journal.load(client, target)
    if tx is None:
        return None
    tx, _ = settle(journal, tx, store, reapply)
    if tx is None:
        return None
    if tx.details.get("backup") == backup:
        return Outcome(False, f"Already switched: {tx.summary}.")
    raise ContinuityError(f"{what} is already switched ({tx.summary}); restore it first.")


def changed_since_switch(tx: Transaction, store: ValueStore | None) -> list[ValueRecord]:
    """The values the person has set since the switch: neither what Traymon found nor wrote."""
    found = []
    for value in tx.values:
        current = _require_store(store).read(value.key)
        if current not in (value.new, value.old):
            found.append(value)
    return found


def restore(
    journal: Journal,
    tx: Transaction,
    store: ValueStore | None = None,
    reapply: Reapply | None = None,
    checkpoint: Checkpoint = no_checkpoint,
    keep: Collection[str] = (),
) -> list[str]:
    """Undo a finished switch, or finish a restore a killed process began.

    ``keep`` names what the person chose after the switch (value keys, or names the
    adapter's ``reapply`` knows): left as it is. It is recorded with the ``restoring``
    stage, so finishing a killed restore keeps the same. Returns notes for the person
    (what could not be byte-exact). A failing disk is a ``ContinuityError`` that keeps
    the journal, so running the restore again finishes it.
    """
    if tx.stage in (Stage.PREPARING, Stage.BACKED_UP):
        rollback(journal, tx, store, checkpoint)
        return ["An unfinished switch was rolled back."]
    try:
        return _restore(journal, tx, store, reapply, checkpoint, keep)
    except OSError as exc:
        problem, fix = file_problem(exc)
        raise ContinuityError(
            f"The restore could not finish: {problem}. Nothing is lost: the switch journal "
            f"was kept. {fix}, then run the restore again."
        ) from None


def kept_by_person(tx: Transaction) -> frozenset[str]:
    """What a restore under way leaves as the person chose it (see ``restore``)."""
    try:
        kept = json.loads(tx.details.get("kept", "[]"))
    except ValueError:
        kept = []
    return frozenset(str(k) for k in kept) if isinstance(kept, list) else frozenset()


def _restore(
    journal: Journal,
    tx: Transaction,
    store: ValueStore | None,
    reapply: Reapply | None,
    checkpoint: Checkpoint,
    keep: Collection[str],
) -> list[str]:
    if tx.stage is Stage.SWITCHED:
        details = {**tx.details, "kept": json.dumps(sorted(keep))}
        tx = replace(tx, stage=Stage.RESTORING, details=details)
        journal.save(tx)
        checkpoint("journal:restoring")
    kept = kept_by_person(tx)
    notes: list[str] = []
    # The reverse of the switch's order: the default goes back before what it needed.
    for value in reversed(tx.values):
        if value.key in kept:
            continue
        if _require_store(store).read(value.key) != value.old:
            _require_store(store).write(value.key, value.old)
        checkpoint(f"restored:value:{value.key}")
    for record in reversed(tx.files):
        path = Path(record.path)
        remove_stale_temp_files(path.parent)
        current = _read_or_none(path)
        digest = None if current is None else sha256(current)
        if digest == record.before:
            continue
        if digest == record.after and _backup_intact(record):
            _put_back(record, path, checkpoint)
        elif current is not None and reapply is not None:
            # The client ran on the switched profile and saved its own changes; giving
            # back the old bytes would throw those away, so only the switched values go back.
            merged = reapply(path, current)
            if merged == current:
                continue  # nothing of Traymon's is left in it (the person changed it all)
            atomic_write(path, merged, checkpoint)
            notes.append(
                f"{path.name} was changed by the mail client after the switch, so only the "
                "values Traymon changed were put back; the rest of its changes were kept."
                if digest != record.after
                else f"The backup of {path.name} was missing or damaged, so the values Traymon "
                "changed were put back one by one."
            )
        else:
            raise ConflictError(
                f"{path} was changed after the switch and cannot be merged; it was left "
                f"alone. The original is kept in {record.backup}."
            )
        checkpoint(f"restored:{path.name}")
    for value in tx.values:
        if value.key in kept:
            continue
        seen = _require_store(store).read(value.key)
        if seen != value.old:
            raise ContinuityError(
                f"{value.key} still reads {seen!r} after the restore (expected "
                f"{value.old!r}); the journal was kept, run restore again."
            )
    journal.forget(tx)
    return notes


def _backup_intact(record: FileRecord) -> bool:
    if record.before is None:
        return True  # nothing to copy back: the file is removed
    original = _read_or_none(Path(record.backup))
    return original is not None and sha256(original) == record.before


def _put_back(record: FileRecord, path: Path, checkpoint: Checkpoint) -> None:
    if record.before is None:
        path.unlink(missing_ok=True)
        return
    original = Path(record.backup).read_bytes()
    if sha256(original) != record.before:
        raise ConflictError(f"The backup {record.backup} is damaged; {path} was left alone.")
    atomic_write(path, original, checkpoint)
    if sha256(path.read_bytes()) != record.before:
        raise ContinuityError(f"{path} did not read back as the original after restoring it.")


def _verify_switched(tx: Transaction, store: ValueStore | None) -> None:
    for record in tx.files:
        current = _read_or_none(Path(record.path))
        if current is None or sha256(current) != record.after:
            raise ContinuityError(f"{record.path} did not read back as written.")
    for value in tx.values:
        seen = _require_store(store).read(value.key)
        if seen != value.new:
            raise ContinuityError(
                f"{value.key} reads {seen!r} after writing {value.new!r}; the switch was undone."
            )


def _require_store(store: ValueStore | None) -> ValueStore:
    if store is None:
        raise ContinuityError("This switch changes settings but no settings store was given.")
    return store


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
