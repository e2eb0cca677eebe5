"""Typed continuity errors. Each message is a whole sentence a person can act on."""

from __future__ import annotations

import errno


class ContinuityError(Exception):
    """A switch or restore could not be done; nothing was left half-changed."""


class ClientRunningError(ContinuityError):
    """The mail client is open and must be closed by the person (never by Traymon)."""


class NotFoundError(ContinuityError):
    """The profile, account or setting named does not exist."""


class NotSwitchableError(ContinuityError):
    """This client cannot be switched from outside; the fallback instructions apply."""


class ConflictError(ContinuityError):
    """A file changed in a way Traymon did not expect; it was left alone."""


class JournalError(ContinuityError):
    """The switch journal cannot be read or written."""


class BusyError(ContinuityError):
    """Another Traymon is switching or restoring the same client right now."""


def file_problem(exc: OSError) -> tuple[str, str]:
    """An ``OSError`` from reading or writing a file as (what is wrong, what to do), in words."""
    where = str(exc.filename) if exc.filename else "a file"
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"there is no space left on the disk that holds {where}", "Free some space"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{where} is read-only ({reason})", "Make it writable again (or ask IT)"
    return f"{where} cannot be written ({reason})", "Check that disk"
