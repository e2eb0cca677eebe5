"""Typed continuity errors. Each message is a whole sentence a person can act on."""

from __future__ import annotations


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
