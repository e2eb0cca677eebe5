"""The explicit table of mail-client adapters (no folder scanning), and how to build one."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from traymon.continuity.adapter import MailAdapter
from traymon.continuity.apple_mail import AppleMailAdapter
from traymon.continuity.client_names import BACKUP_CONFIG_KEY as BACKUP_CONFIG_KEY
from traymon.continuity.client_names import CLIENTS as CLIENTS
from traymon.continuity.evolution import EvolutionAdapter
from traymon.continuity.journal import Journal
from traymon.continuity.other_client import OtherClientAdapter
from traymon.continuity.outlook import OutlookAdapter
from traymon.continuity.thunderbird import ThunderbirdAdapter


@dataclass(frozen=True, slots=True)
class AdapterOptions:
    journal: Journal
    thunderbird_profile: Path | None = None
    backup_smtp: str | None = None
    apple_mail_primary: str | None = None
    webmail_url: str | None = None


def make_adapter(name: str, options: AdapterOptions) -> MailAdapter:
    if name == "thunderbird":
        return ThunderbirdAdapter(
            options.journal, options.thunderbird_profile, backup_smtp=options.backup_smtp
        )
    if name == "outlook":
        return OutlookAdapter(options.journal, webmail_url=options.webmail_url)
    if name == "evolution":
        return EvolutionAdapter(options.journal)
    if name == "apple-mail":
        return AppleMailAdapter(options.journal, options.apple_mail_primary)
    if name == "other":
        return OtherClientAdapter(options.webmail_url)
    raise ValueError(f"unknown mail client {name!r}; known: {', '.join(CLIENTS)}")


def clients_for_this_platform() -> tuple[str, ...]:
    """The clients worth looking for here (status lists these)."""
    platform: str = sys.platform
    if platform == "win32":
        return ("outlook", "thunderbird", "other")
    if platform == "darwin":
        return ("apple-mail", "thunderbird", "other")
    return ("thunderbird", "evolution", "other")
