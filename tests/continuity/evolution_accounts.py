"""Realistic Evolution ESource files (a work account, a disabled backup, a personal one).

The key files follow what Evolution's registry writes; the UIDs are 40 hex digits,
as ``e_util_generate_uid`` makes them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from traymon.continuity.evolution import SCHEMA

WORK_UID = "0e1a6b2c5d4f3e2a1b0c9d8e7f6a5b4c3d2e1f00"
BACKUP_UID = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432"
PERSONAL_UID = "5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29"

WORK_ACCOUNT = f"""\
[Data Source]
DisplayName=ana@example.com
Enabled=true
Parent=

[Mail Account]
BackendName=ews
IdentityUid={WORK_UID}-identity
ArchiveFolder=
NeedsInitialSetup=false
MarkSeen=inconsistent
MarkSeenTimeout=1500
BuiltInJunkFilter=false

[Offline]
StaySynchronized=true
"""

BACKUP_ACCOUNT = f"""\
[Data Source]
DisplayName=Backup mail
Enabled=false
Parent=

[Mail Account]
BackendName=imapx
IdentityUid={BACKUP_UID}-identity
NeedsInitialSetup=false

[Offline]
StaySynchronized=false
"""

BACKUP_IDENTITY = f"""\
[Data Source]
DisplayName=ana@backup.example.net
Enabled=true
Parent={BACKUP_UID}

[Mail Identity]
Address=ana@backup.example.net
Name=Ana Müller

[Mail Submission]
TransportUid={BACKUP_UID}-transport
"""

PERSONAL_ACCOUNT = f"""\
[Data Source]
DisplayName=ana@personal.example.org
Enabled=true
Parent=

[Mail Account]
BackendName=imapx
IdentityUid={PERSONAL_UID}-identity
NeedsInitialSetup=false
"""


def make_sources(sources: Path) -> None:
    sources.mkdir(parents=True)
    (sources / f"{WORK_UID}.source").write_text(WORK_ACCOUNT, encoding="utf-8")
    (sources / f"{BACKUP_UID}.source").write_text(BACKUP_ACCOUNT, encoding="utf-8")
    (sources / f"{BACKUP_UID}-identity.source").write_text(BACKUP_IDENTITY, encoding="utf-8")


def gsettings(env: Mapping[str, str], *args: str) -> str:
    command = ["gsettings", args[0], SCHEMA, *args[1:]]
    done = subprocess.run(command, env=dict(env), capture_output=True, text=True, check=True)
    return done.stdout.strip()
