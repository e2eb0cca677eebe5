"""``traymon mail`` at its edges, through the real command on real folders.

A person who picked another account after the switch, a profile that cannot be
written, a disk that fills up half-way, a damaged journal, a garbage prefs.js and a
second Traymon switching the same profile: each ends in a sentence (what is wrong,
which file, what to do) with exit 1 or 0, never "unexpected problem" (exit 3).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import run_traymon
from tests.thunderbird_profile import PREFS_JS, make_profile_root
from traymon.continuity.journal import Journal
from traymon.continuity.prefsjs import PrefsFile

pytestmark = pytest.mark.linux_only  # needs Linux mounts and XDG folders

# The person's own third account, so "another account" is neither the old nor the backup one.
PERSONAL = """\
user_pref("mail.account.account4.identities", "id4");
user_pref("mail.account.account4.server", "server4");
user_pref("mail.identity.id4.useremail", "ana@personal.example.org");
user_pref("mail.server.server4.hostname", "imap.personal.example.org");
user_pref("mail.server.server4.type", "imap");
"""
PREFS_WITH_PERSONAL = (
    PREFS_JS.replace('"account1,account3,account2"', '"account1,account3,account2,account4"')
    + PERSONAL
)


def tb(
    action: str, profile: Path, env: dict[str, str], *extra: str
) -> subprocess.CompletedProcess[str]:
    args = ["mail", action, "--client", "thunderbird", "--profile", str(profile), *extra]
    if action == "switch":
        args += ["--backup-account", "account3"]
    return run_traymon(*args, env=env)


def refused_with_a_sentence(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "unexpected problem" not in result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.strip()


def set_prefs(profile: Path, **values: str) -> None:
    """Change prefs.js as Thunderbird does when the person picks something in its settings."""
    prefs = PrefsFile((profile / "prefs.js").read_bytes())
    for key, value in values.items():
        prefs.set(key.replace("_", "."), value)
    (profile / "prefs.js").write_bytes(prefs.to_bytes())


# --- the person's own choice after the switch -------------------------------------------


def test_restore_keeps_a_default_account_the_person_chose_after_the_switch(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    profile = make_profile_root(tmp_path / "tb", PREFS_WITH_PERSONAL)
    assert tb("switch", profile, isolated_env).returncode == 0
    # In Thunderbird: Account Settings › account4 › Set as Default (the outgoing server stays).
    set_prefs(profile, mail_accountmanager_defaultaccount="account4")

    result = tb("restore", profile, isolated_env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "You chose account4 (ana@personal.example.org) yourself after the switch; "
        "Traymon left it as it is."
    )
    prefs = PrefsFile((profile / "prefs.js").read_bytes())
    assert prefs.get("mail.accountmanager.defaultaccount") == "account4"
    # the outgoing server was still as Traymon left it, so it went back
    assert prefs.get("mail.smtp.defaultserver") == "smtp1"
    assert Journal(Path(isolated_env["XDG_DATA_HOME"]) / "traymon" / "continuity").all() == []
    status = tb("status", profile, isolated_env)
    assert "switched by Traymon" not in status.stdout


def test_restore_keeps_an_outgoing_server_the_person_chose_and_puts_the_account_back(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    prefs_text = PREFS_JS.replace('"smtp1,smtp2"', '"smtp1,smtp2,smtp3"')
    profile = make_profile_root(tmp_path / "tb", prefs_text)
    assert tb("switch", profile, isolated_env).returncode == 0
    set_prefs(profile, mail_smtp_defaultserver="smtp3")

    result = tb("restore", profile, isolated_env)

    assert result.returncode == 0, result.stderr
    assert "You chose the outgoing server smtp3 yourself after the switch" in result.stdout
    prefs = PrefsFile((profile / "prefs.js").read_bytes())
    assert prefs.get("mail.accountmanager.defaultaccount") == "account1"
    assert prefs.get("mail.smtp.defaultserver") == "smtp3"


# --- real files that cannot be written or read -----------------------------------------


@pytest.fixture
def mounts() -> Iterator[Callable[[list[str]], None]]:
    """Run ``mount`` with these arguments; unmount everything at the end."""
    done: list[str] = []

    def mount(args: list[str]) -> None:
        result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"this machine does not let the tests mount ({result.stderr.strip()})")
        done.append(args[-1])

    yield mount
    for target in reversed(done):
        subprocess.run(["umount", target], check=False)


def read_only(mount: Callable[[list[str]], None], folder: Path) -> None:
    """Make ``folder`` read-only for everyone, root included: a read-only bind mount on itself."""
    mount(["--bind", str(folder), str(folder)])
    mount(["-o", "remount,bind,ro", str(folder)])
    probe = folder / ".write-probe"
    with pytest.raises(OSError):
        probe.write_bytes(b"")


def unmount(folder: Path) -> None:
    for _ in range(2):  # the remount is the same mount: one umount per bind
        subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux mounts")
def test_a_read_only_profile_is_refused_with_a_sentence_and_nothing_changes(
    profile: Path, isolated_env: dict[str, str], mounts: Callable[[list[str]], None]
) -> None:
    read_only(mounts, profile)

    message = refused_with_a_sentence(tb("switch", profile, isolated_env))

    assert str(profile) in message
    assert "read-only" in message
    assert "make it writable" in message.lower()
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux mounts")
def test_a_profile_that_became_read_only_after_the_switch_keeps_the_journal_for_later(
    profile: Path, isolated_env: dict[str, str], mounts: Callable[[list[str]], None]
) -> None:
    assert tb("switch", profile, isolated_env).returncode == 0
    switched = (profile / "prefs.js").read_bytes()
    read_only(mounts, profile)

    message = refused_with_a_sentence(tb("restore", profile, isolated_env))

    assert str(profile) in message and "read-only" in message
    assert (profile / "prefs.js").read_bytes() == switched
    unmount(profile)
    again = tb("restore", profile, isolated_env)
    assert again.returncode == 0, again.stderr
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux mounts")
def test_a_full_disk_during_restore_is_a_sentence_and_the_restore_finishes_later(
    tmp_path: Path, isolated_env: dict[str, str], mounts: Callable[[list[str]], None]
) -> None:
    small = tmp_path / "small-disk"
    small.mkdir()
    mounts(["-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)])
    profile = make_profile_root(small / "tb")
    assert tb("switch", profile, isolated_env).returncode == 0
    switched = (profile / "prefs.js").read_bytes()
    filler = small / "filler"
    with filler.open("wb", buffering=0) as handle, pytest.raises(OSError, match="No space left"):
        while True:  # the disk is full once the kernel says so, not after a guessed size
            handle.write(b"\0" * 4096)

    message = refused_with_a_sentence(tb("restore", profile, isolated_env))

    assert "prefs.js" in message
    assert "no space left" in message.lower()
    assert "free some space" in message.lower()
    assert (profile / "prefs.js").read_bytes() == switched  # never half-written
    assert not list(profile.glob(".*.traymon-tmp"))
    filler.unlink()
    again = tb("restore", profile, isolated_env)
    assert again.returncode == 0, again.stderr
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


def test_a_damaged_journal_on_status_is_a_sentence_with_its_file(
    profile: Path, isolated_env: dict[str, str]
) -> None:
    assert tb("switch", profile, isolated_env).returncode == 0
    [record] = (Path(isolated_env["XDG_DATA_HOME"]) / "traymon" / "continuity").glob("*.json")
    record.write_bytes(b'{"version": 1, "client": "thunderbird", "stage": ')

    result = tb("status", profile, isolated_env)

    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "unexpected problem" not in result.stderr + result.stdout
    assert f"The switch journal {record} is damaged" in result.stdout
    assert "delete" in result.stdout  # what to do once the settings were checked
    as_json = tb("status", profile, isolated_env, "--json")
    assert as_json.returncode == 1
    [client] = json.loads(as_json.stdout)["clients"]
    assert str(record) in client["error"]
    assert record.read_bytes() == b'{"version": 1, "client": "thunderbird", "stage": '


def test_a_garbage_prefs_js_on_restore_is_a_sentence_naming_the_file_and_the_backup(
    profile: Path, isolated_env: dict[str, str]
) -> None:
    assert tb("switch", profile, isolated_env).returncode == 0
    garbage = bytes(range(256)) * 8
    (profile / "prefs.js").write_bytes(garbage)

    message = refused_with_a_sentence(tb("restore", profile, isolated_env))

    assert str(profile / "prefs.js") in message
    assert ".backup" in message  # where the original is
    assert (profile / "prefs.js").read_bytes() == garbage  # left alone
    status = tb("status", profile, isolated_env)
    assert "prefs.js" in status.stdout and "Traceback" not in status.stderr


# --- a second Traymon -----------------------------------------------------------------

_SWITCH_AND_HOLD = """
import sys
from pathlib import Path
from traymon.continuity.journal import Journal
from traymon.continuity.thunderbird import ThunderbirdAdapter

def hold(step: str) -> None:
    if step == "journal:backed_up":
        print("holding", flush=True)
        sys.stdin.read()   # hold the profile mid-switch until the test lets go

ThunderbirdAdapter(Journal(), Path(sys.argv[1]), processes=frozenset).switch(
    "account3", checkpoint=hold
)
print("switched", flush=True)
"""


def test_a_second_traymon_is_told_another_traymon_is_switching_not_that_thunderbird_is_open(
    profile: Path, isolated_env: dict[str, str]
) -> None:
    first = subprocess.Popen(
        [sys.executable, "-c", _SWITCH_AND_HOLD, str(profile)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=isolated_env,
    )
    try:
        assert first.stdout is not None
        assert first.stdout.readline().strip() == "holding"

        message = refused_with_a_sentence(tb("switch", profile, isolated_env))
        status = tb("status", profile, isolated_env)
    finally:
        out, _ = first.communicate(input="", timeout=30)

    assert "Another Traymon is already switching" in message
    assert "Thunderbird has the profile" not in message
    assert "another Traymon is switching it right now" in status.stdout
    assert "Thunderbird is open" not in status.stdout
    assert out.strip() == "switched"  # the first one finished undisturbed
