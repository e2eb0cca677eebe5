"""Each command imports only what it uses: what a command loads is what a script waits for.

Every case runs the real ``traymon.commands.cli.main`` in a fresh interpreter and writes the
names in ``sys.modules`` at exit; a forbidden prefix present fails the case. The times
these rules buy are measured by ``bench/startup.py`` (``make bench``), not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import fixture_bytes, write_config
from tests.servers import LoopbackServer

QT = ("PySide6", "shiboken6")
#: httpx's own command-line client, pulled in by ``import httpx`` when click is installed.
HTTPX_CLI = ("httpx._main", "click", "rich", "pygments")
#: The relay's server side and its signing stack.
RELAY_SERVER = ("msal", "traymon.relay.graph", "traymon.relay.publisher")
SIGNING = ("joserfc", "cryptography")
NETWORK = ("httpx", "httpcore", "h11", "truststore", "anyio", "traymon.sources.http")
ENGINE = ("asyncio", "traymon.engine")
#: The parsers of the other command groups, built only for their command or the whole help.
OTHER_GROUPS = ("traymon.commands.mail_command", "traymon.relay.cli")
#: What no command but ``run`` (and the tray) loads.
ALWAYS_FORBIDDEN = QT + HTTPX_CLI + RELAY_SERVER

HELP = (
    ALWAYS_FORBIDDEN
    + SIGNING
    + NETWORK
    + ENGINE
    + ("keyring", "markdown_it", "defusedxml", "platformdirs")
    + ("traymon.config.loader", "traymon.sources.kinds", "traymon.catalogue")
    + ("traymon.continuity.clients", "traymon.commands.selftest", "traymon.commands.diagnose")
)
#: Reading settings needs neither the network nor the keyring (no proxy password here).
CONFIG = ALWAYS_FORBIDDEN + SIGNING + NETWORK + ENGINE + OTHER_GROUPS
CONFIG += (
    "keyring",
    "defusedxml",
    "difflib",
    "traymon.commands.diagnose",
    "traymon.platform.windows",
)
SECRET = ALWAYS_FORBIDDEN + SIGNING + NETWORK + ENGINE + ("traymon.config.loader",)
CATALOGUE = ALWAYS_FORBIDDEN + SIGNING + NETWORK + ENGINE + ("keyring", "traymon.config.loader")
#: ``check`` fetches, so httpx and asyncio are expected; Qt, keyring, signing are not.
CHECK = (
    ALWAYS_FORBIDDEN
    + SIGNING
    + OTHER_GROUPS
    + ("keyring", "markdown_it", "traymon.gui", "traymon.commands.selftest")
)
#: A check of Statuspage and Slack services with neither probes nor [continuity] loads
#: only the kinds it reads (its own and the built-in list's, which the defaults layer
#: always holds): not the relay's document model, the other parsers, the probes or the
#: mail continuity (each loads with a service or section that needs it). Two small pure
#: modules of continuity do load: policy.py, where the switch's defaults are declared once
#: (the settings table reads them), and atomic.py, which writes the person's choices.
CONTINUITY_PARTS = (
    "config", "instructions", "clients", "offer", "transaction", "journal", "thunderbird",
    "evolution", "outlook", "apple_mail", "prefsjs", "processes", "instruction_cache",
    "adapter", "other_client", "thunderbird_profiles",
)  # fmt: skip
CHECK_PLAIN = (*CHECK, "traymon.relay", "traymon.probes")
CHECK_PLAIN += tuple(f"traymon.continuity.{part}" for part in CONTINUITY_PARTS)
CHECK_PLAIN += tuple(
    f"traymon.sources.{kind}"
    for kind in ("aws", "feed", "instatus", "json_endpoint", "m365_graph", "relay", "statusio")
)

_PROBE = """
import atexit, json, sys
def _dump():
    # ``None`` entries are imports refused on purpose (httpx._main): not loaded.
    names = sorted(name for name, module in sys.modules.items() if module is not None)
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(names, out)
atexit.register(_dump)
from traymon.commands.cli import main
sys.exit(main(sys.argv[2:]))
"""


def loaded_modules(args: list[str], env: dict[str, str], out: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert out.exists(), done.stderr
    names: list[str] = json.loads(out.read_text(encoding="utf-8"))
    return names


def offenders(names: list[str], forbidden: tuple[str, ...]) -> list[str]:
    """The forbidden prefixes that are loaded (``asyncio``, not its 30 submodules)."""
    return [f for f in forbidden if any(n == f or n.startswith(f + ".") for n in names)]


@pytest.fixture
def env(isolated_env: dict[str, str]) -> dict[str, str]:
    # Never a real keyring: the null backend answers at once (and secrets refuses it).
    return {**isolated_env, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


@pytest.fixture
def config(tmp_path: Path, server: LoopbackServer) -> Path:
    url = server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
    )
    services = [
        {"id": "gh", "name": "GitHub", "kind": "statuspage", "url": url},
        {"use": "slack"},  # a catalogue entry, as the built-in list has
    ]
    return write_config(tmp_path / "services.toml", services)


def _cases(config: Path) -> list[tuple[list[str], tuple[str, ...]]]:
    return [
        (["--help"], HELP),
        (["--version"], HELP),
        (["check", "--help"], HELP),
        (["relay", "--help"], HELP),
        (["relay", "declare", "--help"], HELP),
        (["mail", "--help"], HELP),
        (["config", "show", "--config", str(config)], CONFIG),
        (["config", "show", "--effective", "--json", "--config", str(config)], CONFIG),
        (["config", "validate", str(config)], CONFIG),
        (["secret", "delete", "nothing-stored-here"], SECRET),
        (["catalogue"], CATALOGUE),
        (["catalogue", "--json", "microsoft"], CATALOGUE),
        (["check", "--config", str(config), "--service", "gh"], CHECK_PLAIN),
        (["check", "--config", str(config)], CHECK_PLAIN),
    ]


def test_each_command_imports_only_what_it_uses(
    tmp_path: Path, env: dict[str, str], config: Path
) -> None:
    problems = {}
    for index, (args, forbidden) in enumerate(_cases(config)):
        names = loaded_modules(args, env, tmp_path / f"modules-{index}.json")
        assert "traymon.commands.cli" in names, args  # the probe ran the real command
        found = offenders(names, forbidden)
        if found:
            problems[" ".join(args)] = found
    assert problems == {}


def test_check_does_load_the_network_it_needs(
    tmp_path: Path, env: dict[str, str], config: Path
) -> None:
    """The other side of the rules: a check fetches through httpx without its CLI."""
    names = loaded_modules(["check", "--config", str(config)], env, tmp_path / "m.json")
    assert {"httpx", "asyncio", "traymon.sources.http", "traymon.sources.kinds"} <= set(names)
    assert offenders(names, HTTPX_CLI) == []


def test_the_probe_sees_forbidden_modules(tmp_path: Path, env: dict[str, str]) -> None:
    """The probe can fail: the tray's own modules are seen when something imports them."""
    hook = tmp_path / "sitecustomize.py"
    hook.write_text("import httpx\nimport traymon.commands.selftest\n", encoding="utf-8")
    extended = {**env, "PYTHONPATH": os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")])}
    names = loaded_modules(["--help"], extended, tmp_path / "m.json")
    assert "httpx" in names and "traymon.commands.selftest" in names
    assert offenders(names, HELP) != []
