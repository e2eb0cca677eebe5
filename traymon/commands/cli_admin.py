"""The IT and helpdesk commands: ``config show|validate``, ``secret set|delete``, ``diagnose``.

They read the settings as every command does (``traymon.app.startup.load_layered``).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from traymon.app.startup import load_layered
from traymon.commands import report

# Each command imports what it uses when it runs (``traymon --help`` loads none of it;
# ``config`` no keyring, no HTTP client): tests/test_startup_imports.py holds them to it.
EXIT_FAILED = 1


def add_admin_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> None:
    config = commands.add_parser("config", help="show or validate the configuration")
    config_commands = config.add_subparsers(title="config commands", metavar="COMMAND")
    config.set_defaults(handler=lambda _args: _usage(config))
    show = config_commands.add_parser(
        "show",
        help="every setting, its value, where it came from and whether policy locks it",
    )
    show.add_argument("--config", type=Path, metavar="FILE", help="the user's file to use")
    show.add_argument(
        "--effective", action="store_true", help="only the winning value of each setting"
    )
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_config_show)
    validate = config_commands.add_parser(
        "validate",
        help="check a settings file: user file, defaults.toml, policy.toml, "
        "a .plist or a .mobileconfig profile",
    )
    validate.add_argument("file", type=Path, metavar="FILE")
    validate.set_defaults(handler=_config_validate)

    secret = commands.add_parser("secret", help="store or delete a secret in the OS keyring")
    secret_commands = secret.add_subparsers(title="secret commands", metavar="COMMAND")
    secret.set_defaults(handler=lambda _args: _usage(secret))
    set_ = secret_commands.add_parser(
        "set", help="store a secret (asked for without echo; or one line on standard input)"
    )
    set_.add_argument("name", metavar="NAME")
    set_.set_defaults(handler=_secret_set)
    delete = secret_commands.add_parser("delete", help="delete a stored secret")
    delete.add_argument("name", metavar="NAME")
    delete.set_defaults(handler=_secret_delete)

    diag = commands.add_parser(
        "diagnose", help="proxy, trust store and reachability in plain words, for the helpdesk"
    )
    diag.add_argument("--config", type=Path, metavar="FILE", help="the user's file to use")
    diag.add_argument(
        "--bundle", type=Path, metavar="FILE.zip", help="also pack a zip for the helpdesk"
    )
    diag.set_defaults(handler=_diagnose)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return report.EXIT_UNKNOWN


def _config_show(args: argparse.Namespace) -> int:
    from traymon.config.show import effective_json, effective_table, layers_json, layers_table

    effective = load_layered(args.config, console=True).effective
    if args.json:
        print(effective_json(effective) if args.effective else layers_json(effective))
    else:
        print(effective_table(effective) if args.effective else layers_table(effective))
    return 0


def _config_validate(args: argparse.Namespace) -> int:
    from traymon.config.layers import check_layer, check_layer_file
    from traymon.platform.macos import read_profile_or_plist

    path: Path = args.file
    if path.suffix.lower() in (".plist", ".mobileconfig"):
        problems = check_layer(read_profile_or_plist(path))
    else:
        problems = check_layer_file(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return report.EXIT_UNKNOWN
    print(f"{args.file}: no problems found.")
    return 0


def _secret_set(args: argparse.Namespace) -> int:
    from traymon.secrets import SecretStoreError, check_name, set_secret

    try:
        check_name(args.name)
        value = _read_secret(args.name)
        set_secret(args.name, value)
    except SecretStoreError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    print(f"Stored the secret {args.name!r} in the keyring.")
    return 0


def _read_secret(name: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"Secret for {name!r} (typing is not shown): ")
    # Scripts pipe it in (``printf '%s\n' "$TOKEN" | traymon secret set graph``): one line.
    return sys.stdin.readline().rstrip("\r\n")


def _secret_delete(args: argparse.Namespace) -> int:
    from traymon.secrets import SecretStoreError, delete_secret

    try:
        deleted = delete_secret(args.name)
    except SecretStoreError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    if not deleted:
        print(f"No secret named {args.name!r} is stored.", file=sys.stderr)
        return EXIT_FAILED
    print(f"Deleted the secret {args.name!r}.")
    return 0


def _diagnose(args: argparse.Namespace) -> int:
    from traymon.commands.diagnose import diagnose, to_text, write_bundle
    from traymon.sources.limits import FetchLimits

    loaded = load_layered(args.config, console=True)
    plan = loaded.network()
    result = diagnose(loaded.effective, plan, loaded.log_file.parent, FetchLimits())
    print(to_text(result))
    if args.bundle:
        auth = plan.options.proxy_auth
        names = write_bundle(args.bundle, result, loaded.effective, [auth[1]] if auth else [])
        print(f"\nWrote {args.bundle} for the helpdesk ({', '.join(names)}).")
    return 0
