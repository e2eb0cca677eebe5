"""``traymon mail status|switch|restore``: mail continuity from a terminal or an IT script.

Exit status: 0 done (or nothing to do), 1 refused or failed with every file left as
it was (the client is running, the account does not exist, the disk is full, …) or,
for ``status``, a client whose state cannot be read (a damaged journal); 3
configuration error.

A ``restore`` after the person picked another default account themselves leaves their
choice, puts back the rest of what Traymon changed, clears the journal and says so:
exit 0, since nothing is left to do and nothing failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from traymon.app.startup import load_layered
from traymon.config.errors import ConfigError
from traymon.continuity.adapter import ClientStatus, MailAdapter, Outcome
from traymon.continuity.client_names import CLIENTS
from traymon.continuity.errors import ContinuityError

if TYPE_CHECKING:  # the config and the adapters load when a command runs, not for --help
    from traymon.config import Config
    from traymon.continuity.clients import AdapterOptions

EXIT_OK = 0
EXIT_REFUSED = 1


def add_mail_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``mail`` to the ``traymon`` command's subparsers."""
    mail = commands.add_parser(
        "mail",
        help="show, switch or restore the mail client's backup account",
        description="Move the mail client to its backup account during an outage, and back. "
        "Exit status: 0 done, 1 refused (nothing was changed) or a client's state cannot be "
        "read, 3 configuration error.",
    )
    actions = mail.add_subparsers(title="actions", metavar="ACTION", required=True)

    status = actions.add_parser("status", help="detected clients and any switch in force")
    status.add_argument("--json", action="store_true", help="print JSON")
    _common(status, client_required=False)
    status.set_defaults(handler=_status)

    switch = actions.add_parser("switch", help="switch a client to its backup account now")
    _common(switch, client_required=True)
    switch.add_argument("--backup-account", metavar="KEY", help="Thunderbird account key")
    switch.add_argument("--backup-smtp", metavar="KEY", help="Thunderbird outgoing server key")
    switch.add_argument("--outlook-profile", metavar="NAME", help="Outlook backup profile")
    switch.add_argument("--account", metavar="NAME", help="Evolution UID / Apple Mail account")
    switch.add_argument("--primary-account", metavar="NAME", help="Apple Mail account to disable")
    _start_option(switch)
    switch.set_defaults(handler=_switch)

    restore = actions.add_parser("restore", help="undo the switch exactly")
    _common(restore, client_required=True)
    _start_option(restore)
    restore.set_defaults(handler=_restore)


def _start_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--start",
        action="store_true",
        help="then start the client on the new settings (Outlook: with /profile)",
    )


def _common(parser: argparse.ArgumentParser, client_required: bool) -> None:
    parser.add_argument("--client", choices=CLIENTS, required=client_required)
    parser.add_argument("--profile", type=Path, metavar="DIR", help="Thunderbird profile folder")
    parser.add_argument("--config", type=Path, metavar="FILE", help="read this TOML file")


def _config(args: argparse.Namespace) -> Config | None:
    # Every layer, so IT's policy (backup accounts, mode) applies here as in the tray.
    try:
        return load_layered(args.config).effective.config()
    except ConfigError:
        if args.config is not None:
            raise
        return None  # switching by flags alone works without a usable config


def _options(args: argparse.Namespace, config: Config | None) -> AdapterOptions:
    from traymon.continuity.clients import AdapterOptions
    from traymon.continuity.journal import Journal

    backup = dict(config.continuity.backup) if config else {}
    return AdapterOptions(
        journal=Journal(),
        thunderbird_profile=args.profile,
        backup_smtp=getattr(args, "backup_smtp", None),
        apple_mail_primary=getattr(args, "primary_account", None)
        or backup.get("apple_mail_primary"),
        webmail_url=config.continuity.webmail_url if config else None,
    )


def _status(args: argparse.Namespace) -> int:
    from traymon.continuity.clients import clients_for_this_platform, make_adapter

    config = _config(args)
    options = _options(args, config)
    names = (args.client,) if args.client else clients_for_this_platform()
    statuses: list[ClientStatus | tuple[MailAdapter, ContinuityError]] = []
    for name in names:
        adapter = make_adapter(name, options)
        try:
            statuses.append(adapter.status())
        except ContinuityError as exc:  # one client's damaged journal hides no other client
            statuses.append((adapter, exc))
    failed = any(isinstance(s, tuple) for s in statuses)
    if args.json:
        print(json.dumps({"clients": [_status_json(s) for s in statuses]}, indent=2))
    else:
        for status in statuses:
            print(_status_line(status))
    return EXIT_REFUSED if failed else EXIT_OK


def _switch(args: argparse.Namespace) -> int:
    from traymon.continuity.clients import backup_for, make_adapter

    config = _config(args)
    backup = (
        args.backup_account
        or args.outlook_profile
        or args.account
        or (backup_for(args.client, config.continuity.backup) if config else None)
    )
    adapter = make_adapter(args.client, _options(args, config))
    if not backup and args.client != "other":
        print(
            f"Name the backup target for {adapter.display_name} (see `traymon mail switch --help`)"
            " or set it in [continuity.backup] in the configuration.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    return _run(lambda: adapter.switch(backup or ""), start=args.start)


def _restore(args: argparse.Namespace) -> int:
    from traymon.continuity.clients import make_adapter

    adapter = make_adapter(args.client, _options(args, _config(args)))
    return _run(adapter.restore, start=args.start)


def _run(action: Callable[[], Outcome], start: bool = False) -> int:
    from traymon.platform.launch import LaunchError, start_detached

    try:
        outcome = action()
    except ContinuityError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    print(outcome.message)
    for note in outcome.notes:
        print(f"Note: {note}")
    if start and outcome.launch:
        try:
            start_detached(outcome.launch)
        except LaunchError as exc:  # the switch stands; only the start failed
            print(f"{exc} {outcome.next_step or ''}".strip(), file=sys.stderr)
        else:
            print(f"Started: {' '.join(outcome.launch)}")
    elif outcome.next_step:
        print(outcome.next_step)
    return EXIT_OK


def _status_line(status: ClientStatus | tuple[MailAdapter, ContinuityError]) -> str:
    if isinstance(status, tuple):
        adapter, error = status
        return f"{adapter.display_name}: {error}"
    d = status.detection
    if not d.found:
        return f"{d.display_name}: not found. {d.detail}".strip()
    parts = [f"{d.display_name}: {d.detail.rstrip('.')}"]
    if status.current:
        parts.append(f"default {status.current}")
    if status.switched_to:
        parts.append(f"switched by Traymon ({status.switched_to})")
    if status.pending:
        parts.append(f"unfinished switch, rolled back at the next command ({status.pending})")
    if status.restoring:
        parts.append(f"unfinished restore, finished at the next command ({status.restoring})")
    parts += [note.rstrip(".") for note in status.notes]
    return "; ".join(parts) + "."


def _status_json(status: ClientStatus | tuple[MailAdapter, ContinuityError]) -> dict[str, Any]:
    if isinstance(status, tuple):
        adapter, error = status
        return {"client": adapter.name, "name": adapter.display_name, "error": str(error)}
    d = status.detection
    return {
        "client": d.client,
        "name": d.display_name,
        "found": d.found,
        "target": d.target,
        "running": d.running,
        "detail": d.detail,
        "current": status.current,
        "switched_to": status.switched_to,
        "switch_in_progress": status.pending,
        "restore_in_progress": status.restoring,
        "notes": list(status.notes),
    }
