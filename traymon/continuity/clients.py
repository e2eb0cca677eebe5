"""The mail-client adapters: an explicit list of classes (no folder scanning).

Each adapter declares itself (its name, backup keys, whether it must be closed, its
platforms); this module only lists them and builds one.
"""

from __future__ import annotations

from collections.abc import Mapping

from traymon.continuity.adapter import AdapterOptions as AdapterOptions
from traymon.continuity.adapter import MailAdapter, Platform
from traymon.continuity.apple_mail import AppleMailAdapter
from traymon.continuity.client_names import CLIENTS
from traymon.continuity.evolution import EvolutionAdapter
from traymon.continuity.other_client import OtherClientAdapter
from traymon.continuity.outlook import OutlookAdapter
from traymon.continuity.thunderbird import ThunderbirdAdapter

#: Every client, in the command line's order; "other" last (it switches nothing).
ADAPTERS: tuple[type[MailAdapter], ...] = (
    ThunderbirdAdapter,
    OutlookAdapter,
    EvolutionAdapter,
    AppleMailAdapter,
    OtherClientAdapter,
)
_BY_NAME = {adapter.name: adapter for adapter in ADAPTERS}


def adapter_class(name: str) -> type[MailAdapter]:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown mail client {name!r}; known: {', '.join(CLIENTS)}") from None


def make_adapter(name: str, options: AdapterOptions) -> MailAdapter:
    return adapter_class(name).from_options(options)


def clients_for_this_platform(platform: Platform | None = None) -> tuple[str, ...]:
    """The clients worth looking for here, the system's own first (status lists these)."""
    here = platform or Platform.this()
    found = [a for a in ADAPTERS if here in a.platforms]
    found.sort(key=lambda a: here not in a.native_on)  # stable: the list's order otherwise
    return tuple(a.name for a in found)


def backup_for(name: str, backup: Mapping[str, str] | None) -> str | None:
    """The backup account ``[continuity.backup]`` names for this client, if any."""
    keys = adapter_class(name).backup_keys
    return backup.get(keys[0]) if backup and keys else None


def backup_keys() -> tuple[str, ...]:
    """Every ``[continuity.backup]`` key some client reads, in the list's order."""
    return tuple(key for adapter in ADAPTERS for key in adapter.backup_keys)
