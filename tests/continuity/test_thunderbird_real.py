"""The real Thunderbird (Debian's package, headless) on a profile Traymon switched.

Proves three things only a real Thunderbird can: Traymon sees the lock it really
holds; Thunderbird accepts the edited prefs.js (keeps the backup as default and drops
no account); and restore works after Thunderbird rewrote the file.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.thunderbird_profile import make_profile_root
from traymon.continuity.errors import ClientRunningError
from traymon.continuity.journal import Journal
from traymon.continuity.prefsjs import PrefsFile
from traymon.continuity.thunderbird import ThunderbirdAdapter
from traymon.continuity.thunderbird_profiles import lock_is_held

pytestmark = pytest.mark.skipif(
    shutil.which("thunderbird") is None, reason="Debian's thunderbird package is not installed"
)
pytestmark = [pytestmark, pytest.mark.linux_only]  # needs a real Thunderbird from Debian


def wait_for(condition: Callable[[], bool], what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.05)  # polling a condition, not waiting for time


def no_processes() -> frozenset[str]:
    return frozenset()


def test_thunderbird_starts_on_the_switched_profile_and_keeps_the_backup_default(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    profile = make_profile_root(home / ".thunderbird")
    journal = Journal(tmp_path / "journal")
    ThunderbirdAdapter(journal, profile, processes=no_processes).switch("account3")
    switched = (profile / "prefs.js").read_bytes()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DISPLAY"))}
    env.update(HOME=str(home), MOZ_HEADLESS="1", XDG_CONFIG_HOME=str(home / ".config"))
    thunderbird = subprocess.Popen(
        ["thunderbird", "--headless", "--no-remote", "--profile", str(profile)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: lock_is_held(profile), "Thunderbird holds its profile lock")
        # Gecko's symlink beside the fcntl lock: "<address>:+<pid>", as the adapter reads it.
        wait_for(lambda: (profile / "lock").is_symlink(), "Thunderbird makes its lock symlink")
        assert re.fullmatch(r"[0-9.]+:\+[0-9]+", str((profile / "lock").readlink()))
        wait_for(lambda: (profile / "prefs.js").read_bytes() != switched, "prefs.js is saved")
        with pytest.raises(ClientRunningError, match="Close Thunderbird first"):
            ThunderbirdAdapter(journal, profile, processes=no_processes).restore()
    finally:
        thunderbird.send_signal(signal.SIGTERM)  # the test's own instance: a clean quit
        thunderbird.wait(timeout=60)

    saved = PrefsFile((profile / "prefs.js").read_bytes())
    assert saved.get("mail.accountmanager.defaultaccount") == "account3"
    assert saved.get("mail.smtp.defaultserver") == "smtp2"
    assert saved.get("mail.accountmanager.accounts") == "account1,account3,account2"
    assert not lock_is_held(profile)

    outcome = ThunderbirdAdapter(journal, profile, processes=no_processes).restore()

    restored = PrefsFile((profile / "prefs.js").read_bytes())
    assert restored.get("mail.accountmanager.defaultaccount") == "account1"
    assert restored.get("mail.smtp.defaultserver") == "smtp1"
    assert any("changed by the mail client" in note for note in outcome.notes)
