"""What only a Mac proves: plists written by ``defaults`` (as a profile or IT's script
leaves them), the LaunchAgent as launchd reads it, the AppleScript compiled by
``osacompile`` against Mail's own dictionary, and the OS certificate verifier behind
truststore.

Run by the ``macos-latest`` job of .github/workflows/tests.yml; skipped elsewhere (the
``macos_only`` marker). Nothing outside a temporary folder is written; Mail is never
started (``osacompile`` only compiles).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from traymon.identity import BUNDLE_ID

pytestmark = pytest.mark.macos_only


def _run(*command: str) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_machine_defaults_written_by_defaults_are_read(tmp_path: Path) -> None:
    from traymon.platform.macos import PlistReader

    reader = PlistReader(root=tmp_path, user="ana")
    reader.machine_file.parent.mkdir(parents=True)
    domain = str(reader.machine_file.with_suffix(""))  # `defaults` adds .plist itself
    _run("defaults", "write", domain, "notifications.enabled", "-bool", "false")
    _run("defaults", "write", domain, "logging.level", "-string", "debug")
    _run("plutil", "-convert", "binary1", str(reader.machine_file))  # as cfprefsd keeps it
    layer = reader.machine_defaults()
    assert layer.values["notifications.enabled"].value is False
    assert layer.values["logging.level"].value == "debug"
    assert layer.problems == ()


def test_policy_from_a_managed_preferences_plist(tmp_path: Path) -> None:
    from traymon.platform.macos import PlistReader

    reader = PlistReader(root=tmp_path, user="ana")
    user_file, machine_file = reader.policy_files
    for path, level in ((user_file, "warning"), (machine_file, "error")):
        path.parent.mkdir(parents=True, exist_ok=True)
        _run("defaults", "write", str(path.with_suffix("")), "logging.level", "-string", level)
    assert reader.policy().values["logging.level"].value == "error"  # the computer's wins
    assert BUNDLE_ID in str(machine_file)


def test_the_launch_agent_is_a_plist_launchd_accepts(tmp_path: Path) -> None:
    from traymon.platform.autostart import MacLaunchAgent

    agent = MacLaunchAgent(home=tmp_path)
    agent.enable(["/Applications/Traymon.app/Contents/MacOS/traymon", "run"])
    assert agent.is_enabled()
    _run("plutil", "-lint", str(agent.path))
    assert "RunAtLoad" in _run("plutil", "-p", str(agent.path))
    agent.disable()
    assert not agent.is_enabled() and not agent.path.exists()


@pytest.mark.parametrize("account", ["Work", 'Ana "backup" account', "back\\slash", "Ünïcode ✉"])
def test_the_apple_mail_scripts_compile(tmp_path: Path, account: str) -> None:
    from traymon.continuity.apple_mail import (
        get_enabled_script,
        list_accounts_script,
        set_enabled_script,
    )

    for index, script in enumerate(
        [list_accounts_script(), get_enabled_script(account), set_enabled_script(account, True)]
    ):
        source = tmp_path / f"s{index}.applescript"
        source.write_text(script, encoding="utf-8")
        _run("osacompile", "-o", str(tmp_path / f"s{index}.scpt"), str(source))


def test_truststore_verifies_with_the_macos_verifier() -> None:
    from tests.os_trust import check_the_os_verifier_decides

    check_the_os_verifier_decides("www.apple.com")
