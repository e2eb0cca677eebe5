"""The ``traymon`` command: ``run`` (the tray, the default) and ``check`` (once, in a terminal)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from traymon import __version__
from traymon.app.startup import load_layered
from traymon.commands import report
from traymon.commands.cli_admin import add_admin_commands
from traymon.config.errors import ConfigError
from traymon.identity import QT_PROBE_FLAG
from traymon.sources.limits import FetchLimits
from traymon.startup_gc import begin_work, held_while_starting

# A command imports what it uses when it runs: `--help` and `config` load no HTTP
# client, `check` no Qt (tests/test_startup_imports.py pins it; bench/startup.py times it).
if TYPE_CHECKING:
    from traymon.config.layers import EffectiveSettings

EXIT_NO_DESKTOP = 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser(_command_named(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    try:
        if args.self_test_qt:
            from traymon.gui.selftest import probe  # in its own process: Qt may abort it

            return probe()
        if args.self_test:
            from traymon.commands import selftest

            return selftest.main()
        return int(args.handler(args))
    except ConfigError as exc:
        print("The configuration cannot be used:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return report.EXIT_UNKNOWN
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the edge: a sentence for people, the traceback only on request
        if os.environ.get("TRAYMON_DEBUG"):
            raise
        print(
            f"Traymon stopped because of an unexpected problem: {type(exc).__name__}: {exc}. "
            "Run again with TRAYMON_DEBUG=1 to see the details for a bug report.",
            file=sys.stderr,
        )
        return report.EXIT_UNKNOWN


#: Command groups whose modules load only when their command (or the whole help) is asked.
_GROUPS = ("mail", "relay")


def _command_named(argv: Sequence[str]) -> str | None:
    """The command word (the top level has flags only, none with a value), if any."""
    return next((word for word in argv if not word.startswith("-")), None)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command; ``mail`` and ``relay`` only when asked for or when it may be them.

    ``traymon check`` need not import the mail clients' and the relay's parsers; an
    unknown word or no command at all builds everything, so help and errors list all.
    """
    parser = argparse.ArgumentParser(
        prog="traymon",
        description="Watch the health of your company's cloud services from the system tray.",
    )
    parser.add_argument("--version", action="version", version=f"traymon {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation can run here (Qt, tray, keyring, trust store, "
        "built-in services, writable folders); exit 0 if so, 1 with a line per problem",
    )
    parser.add_argument(QT_PROBE_FLAG, action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_run, config=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    run = commands.add_parser("run", help="show the tray icon (the default)")
    _add_config_option(run)
    run.set_defaults(handler=_run)

    check = commands.add_parser(
        "check",
        help="check the services once and print the result",
        description="Check every configured service once. Exit status: 0 all operational, "
        "1 degraded, 2 partial or major outage, 3 unknown, offline or configuration error.",
    )
    _add_config_option(check)
    check.add_argument("--json", action="store_true", help="print JSON instead of a table")
    check.add_argument(
        "--service",
        action="append",
        metavar="ID",
        dest="services",
        help="check only this service (repeat for several)",
    )
    check.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=FetchLimits().timeout_s,
        metavar="SECONDS",
        help="give up on a service after this long (default %(default)g)",
    )
    check.set_defaults(handler=_check)
    add_admin_commands(commands)

    catalogue = commands.add_parser(
        "catalogue",
        help="list or search the built-in catalogue of well-known services",
        description='List the services a config can take with `use = "<id>"`, '
        "or only those matching every word of SEARCH (id, name, kind, tags).",
    )
    catalogue.add_argument("--json", action="store_true", help="print JSON instead of a table")
    catalogue.add_argument("search", nargs="*", metavar="SEARCH", help="words to look for")
    catalogue.set_defaults(handler=_catalogue)
    known = {"run", "check", "catalogue", "config", "secret", "diagnose", *_GROUPS}
    if command in (None, "mail") or command not in known:
        from traymon.commands.mail_command import add_mail_command

        add_mail_command(commands)
    if command in (None, "relay") or command not in known:
        from traymon.relay.cli import add_relay_command

        add_relay_command(commands)
    return parser


def _catalogue(args: argparse.Namespace) -> int:
    from traymon.catalogue import catalogue_json, catalogue_table, load_catalogue

    entries = load_catalogue().search(" ".join(args.search))
    print(catalogue_json(entries) if args.json else catalogue_table(entries))
    return 0 if entries else 1


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="read this TOML file instead of $TRAYMON_CONFIG, the user's file or the defaults",
    )


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 600 seconds")
    return value


@held_while_starting
def _check(args: argparse.Namespace) -> int:
    import asyncio
    from datetime import UTC, datetime

    from traymon.engine.checker import DEFAULT_CONCURRENCY
    from traymon.engine.oneshot import check_round

    loaded = load_layered(args.config)
    config = loaded.effective.config()
    services = config.services
    if args.services:
        unknown = [s for s in args.services if config.service(s) is None]
        if unknown:
            known = ", ".join(s.id for s in config.services)
            print(
                f"No service with id {', '.join(map(repr, unknown))} in {config.path}; "
                f"configured: {known}.",
                file=sys.stderr,
            )
            return report.EXIT_UNKNOWN
        services = tuple(s for s in services if s.id in args.services)

    limits = FetchLimits(timeout_s=args.timeout)

    checked_at = datetime.now(UTC)
    options = loaded.network().options
    begin_work()
    checked = asyncio.run(
        check_round(
            services, config.network, limits, DEFAULT_CONCURRENCY, options, config.fleet.site
        )
    )
    results, network = checked.results, checked.network.value
    if args.json:
        print(report.to_json(results, checked_at, network))
    else:
        print(report.to_table(results))
        if network == "offline":
            print("This computer seems to be offline: no service could be reached.")
    return report.exit_status(results, network)


@held_while_starting
def _run(args: argparse.Namespace) -> int:
    loaded = load_layered(args.config)
    if not _has_display():
        print(
            "Traymon needs a desktop session with a display, and none was found; "
            "run `traymon check` to see the same information in a terminal.",
            file=sys.stderr,
        )
        return EXIT_NO_DESKTOP
    from traymon.gui.app import run_tray  # Qt is imported only when a desktop is wanted

    begin_work()
    return run_tray(loaded.effective, loaded.network().options)


def policy_locks(effective: EffectiveSettings) -> frozenset[str]:
    """The settings IT policy locked (dotted names); the GUI shows them read-only."""
    return effective.locked()


def _has_display() -> bool:
    """Whether a desktop session is reachable, asked before Qt, which aborts when there is none."""
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        return True
    if os.environ.get("WAYLAND_DISPLAY"):
        return True
    return _x_display_reachable(os.environ.get("DISPLAY", ""))


def _x_display_reachable(display: str) -> bool:
    """A local X display (``:0``) has a socket in /tmp/.X11-unix; a remote one we trust."""
    if not display:
        return False
    host, _, number = display.rpartition(":")
    if host and host != "unix":
        return True
    return Path(f"/tmp/.X11-unix/X{number.split('.')[0]}").exists()
