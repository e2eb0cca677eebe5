"""The one interface every mail-client adapter keeps: detect, status, switch, restore.

Adapters return plain frozen data, so the CLI prints it and the GUI shows it
without knowing which client it is.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol, Self

from traymon.continuity.atomic import Checkpoint, no_checkpoint

if TYPE_CHECKING:
    from traymon.continuity.journal import Journal


class Platform(enum.Enum):
    WINDOWS = "windows"
    MACOS = "macos"
    LINUX = "linux"  # and any other Unix desktop

    @classmethod
    def this(cls) -> Platform:
        return {"win32": cls.WINDOWS, "darwin": cls.MACOS}.get(sys.platform, cls.LINUX)


@dataclass(frozen=True, slots=True)
class AdapterOptions:
    """What the command line or the configuration gives every adapter; each takes its part."""

    journal: Journal
    thunderbird_profile: Path | None = None
    backup_smtp: str | None = None
    apple_mail_primary: str | None = None
    webmail_url: str | None = None


@dataclass(frozen=True, slots=True)
class Detection:
    """Whether the client is on this computer, where, and whether it is open."""

    client: str  # the adapter's name: thunderbird, outlook, evolution, apple-mail, other
    display_name: str  # "Thunderbird"
    found: bool
    target: str | None = None  # the profile folder, Outlook profile store, … that would change
    running: bool = False
    detail: str = ""  # one sentence for people


@dataclass(frozen=True, slots=True)
class ClientStatus:
    """What the client is set to now and whether Traymon has switched it."""

    detection: Detection
    current: str | None = None  # the default account, described for people
    switched_to: str | None = None  # set while a Traymon switch is in force
    pending: str | None = None  # an unfinished switch that the next command rolls back
    restoring: str | None = None  # an unfinished restore that the next command finishes
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a switch or restore did, in words; ``changed`` is False for "nothing to do"."""

    changed: bool
    message: str
    notes: tuple[str, ...] = field(default=())
    next_step: str | None = None  # e.g. "Start Thunderbird again." or the command to launch
    #: The command that starts the client on what was just set (Outlook's ``/profile``);
    #: empty when the person starts it the usual way.
    launch: tuple[str, ...] = ()


class MailAdapter(Protocol):
    """A mail client, declared by its class: adding one is its module and one line in
    ``clients.ADAPTERS`` (and its name in ``client_names.CLIENTS``, for the command line)."""

    name: ClassVar[str]  # the command line's word: thunderbird, apple-mail, …
    display_name: ClassVar[str]
    #: The ``[continuity.backup]`` keys it reads; the first names the backup account.
    backup_keys: ClassVar[tuple[str, ...]]
    #: Switched only while closed: the question to switch says "Close … first".
    close_first: ClassVar[bool]
    #: Where it is worth looking for, and where it is the system's own client (asked first).
    platforms: ClassVar[frozenset[Platform]]
    native_on: ClassVar[frozenset[Platform]]

    @classmethod
    def from_options(cls, options: AdapterOptions) -> Self: ...

    def detect(self) -> Detection: ...

    def status(self) -> ClientStatus: ...

    def switch(self, backup: str, checkpoint: Checkpoint = no_checkpoint) -> Outcome: ...

    def restore(self, checkpoint: Checkpoint = no_checkpoint) -> Outcome: ...


def close_first_message(display_name: str) -> str:
    return (
        f"Close {display_name} first; Traymon never closes it for you, so nothing you are "
        "writing is lost. Then try again."
    )
