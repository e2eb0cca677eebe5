"""Thunderbird switching on realistic profile folders, with a real lock and a real process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.continuity.conftest import no_processes
from tests.thunderbird_profile import PREFS_JS
from traymon.continuity.errors import ClientRunningError, ContinuityError, NotFoundError
from traymon.continuity.journal import Journal
from traymon.continuity.prefsjs import PrefsFile
from traymon.continuity.processes import running_process_names
from traymon.continuity.thunderbird import ThunderbirdAdapter
from traymon.continuity.thunderbird_profiles import (
    default_profile,
    find_profiles,
    symlink_lock_holder,
)

pytestmark = pytest.mark.linux_only  # needs Gecko's Unix lock, /proc and POSIX modes


def adapter(profile: Path, journal: Journal) -> ThunderbirdAdapter:
    return ThunderbirdAdapter(journal, profile, processes=no_processes)


def prefs_of(profile: Path) -> PrefsFile:
    return PrefsFile((profile / "prefs.js").read_bytes())


def test_the_dedicated_install_default_wins_over_the_old_default(tb_root: Path) -> None:
    profiles = {p.name: p for p in find_profiles(tb_root)}
    assert profiles["default-release"].is_default
    assert not profiles["old"].is_default  # Default=1, but installs.ini names another
    assert default_profile([tb_root / "missing", tb_root]) == tb_root / "k3j9x2qa.default-release"


def test_switch_changes_only_the_default_account_and_outgoing_server(
    profile: Path, journal: Journal
) -> None:
    outcome = adapter(profile, journal).switch("account3")

    assert outcome.changed
    assert "account1 (ana@example.com)" in outcome.message
    assert "account3 (ana@backup-mail.example.net)" in outcome.message
    prefs = prefs_of(profile)
    assert prefs.get("mail.accountmanager.defaultaccount") == "account3"
    assert prefs.get("mail.smtp.defaultserver") == "smtp2"
    before = PREFS_JS.splitlines()
    after = (profile / "prefs.js").read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            'user_pref("mail.accountmanager.defaultaccount", "account1");',
            'user_pref("mail.accountmanager.defaultaccount", "account3");',
        ),
        (
            'user_pref("mail.smtp.defaultserver", "smtp1");',
            'user_pref("mail.smtp.defaultserver", "smtp2");',
        ),
    ]
    # the alias identity pinned to the work server keeps it, and the person is told
    assert prefs.get("mail.identity.id2.smtpServer") == "smtp1"
    assert any("sales@example.com" in note for note in outcome.notes)


def test_restore_gives_back_the_original_bytes(profile: Path, journal: Journal) -> None:
    original = (profile / "prefs.js").read_bytes()
    tb = adapter(profile, journal)
    tb.switch("account3")
    assert tb.status().switched_to is not None

    outcome = tb.restore()

    assert outcome.changed
    assert (profile / "prefs.js").read_bytes() == original
    assert journal.all() == []
    assert tb.restore().changed is False  # a second restore has nothing to do


def test_restore_after_thunderbird_saved_its_own_changes_keeps_them(
    profile: Path, journal: Journal
) -> None:
    tb = adapter(profile, journal)
    tb.switch("account3")
    # Thunderbird ran on the backup account and saved prefs.js with a new pref of its own
    prefs = prefs_of(profile)
    prefs.set("mail.server.server3.check_new_mail", True)
    (profile / "prefs.js").write_bytes(prefs.to_bytes())

    outcome = tb.restore()

    restored = prefs_of(profile)
    assert restored.get("mail.accountmanager.defaultaccount") == "account1"
    assert restored.get("mail.smtp.defaultserver") == "smtp1"
    assert restored.get("mail.server.server3.check_new_mail") is True
    assert any("only the values Traymon changed" in note for note in outcome.notes)


def test_a_missing_default_smtp_is_removed_again_on_restore(tmp_path: Path) -> None:
    from tests.thunderbird_profile import make_profile_root

    text = PREFS_JS.replace('user_pref("mail.smtp.defaultserver", "smtp1");\n', "")
    profile = make_profile_root(tmp_path / "tb", text)
    journal = Journal(tmp_path / "j")
    tb = adapter(profile, journal)
    tb.switch("account3")
    assert prefs_of(profile).get("mail.smtp.defaultserver") == "smtp2"
    prefs = prefs_of(profile)
    prefs.set("browser.cache.disk.capacity", 1)  # force the value-by-value restore path
    (profile / "prefs.js").write_bytes(prefs.to_bytes())
    tb.restore()
    assert prefs_of(profile).get("mail.smtp.defaultserver") is None


@pytest.mark.parametrize(
    ("account", "error", "words"),
    [
        ("account9", NotFoundError, "has no account 'account9'"),
        ("account2", ContinuityError, "Local Folders"),
    ],
)
def test_refusals_leave_every_file_untouched(
    profile: Path, journal: Journal, account: str, error: type[Exception], words: str
) -> None:
    original = (profile / "prefs.js").read_bytes()
    with pytest.raises(error, match=words):
        adapter(profile, journal).switch(account)
    assert (profile / "prefs.js").read_bytes() == original
    # no record and no backup: only Traymon's own (empty) switch lock was taken
    assert [p.suffix for p in journal.folder.iterdir()] == [".lock"]


def test_a_live_profile_lock_held_by_another_process_is_refused(
    profile: Path, journal: Journal, lock_holder: Callable[[Path], None]
) -> None:
    original = (profile / "prefs.js").read_bytes()
    lock_holder(profile)
    tb = adapter(profile, journal)

    assert tb.detect().running
    with pytest.raises(ClientRunningError, match="Close Thunderbird first; Traymon never closes"):
        tb.switch("account3")
    assert (profile / "prefs.js").read_bytes() == original
    assert not journal.folder.exists()


def test_a_leftover_lock_file_without_a_lock_does_not_block(
    profile: Path, journal: Journal
) -> None:
    (profile / ".parentlock").write_bytes(b"")  # Thunderbird leaves it behind when it quits
    tb = adapter(profile, journal)
    assert not tb.detect().running
    assert tb.switch("account3").changed


@pytest.mark.skipif(sys.platform == "win32", reason="Gecko's lock symlink is Unix-only")
def test_the_lock_symlink_of_an_nfs_home_is_read_as_gecko_reads_it(
    profile: Path, journal: Journal
) -> None:
    """Without fcntl (NFS) the symlink is Thunderbird's only lock: ``address:pid``."""
    original = (profile / "prefs.js").read_bytes()
    link = profile / "lock"
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                            stdin=subprocess.PIPE)  # fmt: skip
    try:
        link.symlink_to(f"127.0.0.1:{live.pid}")  # this computer, a live process
        assert symlink_lock_holder(profile) == f"Thunderbird (process {live.pid})"
        assert adapter(profile, journal).detect().running
        with pytest.raises(ClientRunningError, match="Close it there first"):
            adapter(profile, journal).switch("account3")
        assert (profile / "prefs.js").read_bytes() == original
    finally:
        live.communicate(b"", timeout=10)
    # The same process gone: a crash left the link behind, and Gecko calls it stale.
    assert symlink_lock_holder(profile) is None
    link.unlink()
    link.symlink_to("10.9.8.7:4242")  # a Thunderbird on another computer, same home folder
    assert symlink_lock_holder(profile) == "Thunderbird on another computer (10.9.8.7)"
    with pytest.raises(ClientRunningError, match="another computer"):
        adapter(profile, journal).switch("account3")
    assert (profile / "prefs.js").read_bytes() == original
    link.unlink()
    link.symlink_to("10.9.8.7:+4242")  # "+": the fcntl lock is the truth, and it is free
    assert symlink_lock_holder(profile) is None
    assert adapter(profile, journal).switch("account3").changed


def test_a_running_thunderbird_process_is_refused(
    profile: Path, journal: Journal, running_program: Callable[[str], None]
) -> None:
    running_program("thunderbird")
    assert "thunderbird" in running_process_names()
    tb = ThunderbirdAdapter(journal, profile)  # the real process list
    with pytest.raises(ClientRunningError, match="Thunderbird is running"):
        tb.switch("account3")
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


def test_user_js_that_would_undo_the_switch_is_refused(profile: Path, journal: Journal) -> None:
    (profile / "user.js").write_text(
        'user_pref("mail.accountmanager.defaultaccount", "account1");\n', encoding="utf-8"
    )
    with pytest.raises(ContinuityError, match=r"user\.js sets mail\.accountmanager"):
        adapter(profile, journal).switch("account3")
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


def test_switching_twice_to_the_same_account_changes_nothing(
    profile: Path, journal: Journal
) -> None:
    tb = adapter(profile, journal)
    tb.switch("account3")
    switched = (profile / "prefs.js").read_bytes()
    assert tb.switch("account3").changed is False
    assert (profile / "prefs.js").read_bytes() == switched


def test_windows_line_endings_and_file_mode_are_kept(tmp_path: Path) -> None:
    from tests.thunderbird_profile import make_profile_root

    profile = make_profile_root(tmp_path / "tb", PREFS_JS.replace("\n", "\r\n"))
    (profile / "prefs.js").chmod(0o600)
    journal = Journal(tmp_path / "j")
    adapter(profile, journal).switch("account3")
    data = (profile / "prefs.js").read_bytes()
    assert b'"account3");\r\n' in data
    assert data.count(b"\n") == data.count(b"\r\n")
    assert (profile / "prefs.js").stat().st_mode & 0o777 == 0o600
    adapter(profile, journal).restore()
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.replace("\n", "\r\n").encode()


def test_an_unreadable_journal_is_a_sentence_and_nothing_changes(
    profile: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the journal folder should be", encoding="utf-8")
    with pytest.raises(ContinuityError, match=r"switch journal .* cannot be (read|written)"):
        adapter(profile, Journal(blocker / "journal")).switch("account3")
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc (Linux)")
def test_an_unwritable_journal_folder_is_a_sentence_and_nothing_changes(profile: Path) -> None:
    # /proc accepts no new folders, not even from root
    with pytest.raises(ContinuityError, match=r"journal cannot be written .* nothing was changed"):
        adapter(profile, Journal(Path("/proc/traymon-journal"))).switch("account3")
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


def test_traymon_holds_the_profile_lock_while_it_edits(profile: Path, journal: Journal) -> None:
    seen: list[bool] = []

    def look_from_another_process(step: str) -> None:
        if step == "journal:backed_up":
            probe = (
                "import fcntl, os, sys\n"
                "fd = os.open(sys.argv[1], os.O_RDWR)\n"
                "try:\n    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n"
                "    sys.exit(7)\n"
            )
            lock = str(profile / ".parentlock")
            done = subprocess.run([sys.executable, "-c", probe, lock], check=False)
            seen.append(done.returncode == 7)

    adapter(profile, journal).switch("account3", checkpoint=look_from_another_process)
    assert seen == [True]  # a Thunderbird starting now would find the profile in use
    assert not ThunderbirdAdapter(journal, profile, processes=no_processes).detect().running


def test_restore_completes_even_when_the_backup_was_deleted(
    profile: Path, journal: Journal
) -> None:
    tb = adapter(profile, journal)
    tb.switch("account3")
    for backup in journal.folder.glob("*.backup"):
        backup.unlink()  # a cleaning tool, or a person, removed it

    outcome = tb.restore()

    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()  # same values, same bytes
    assert any("backup of prefs.js was missing" in note for note in outcome.notes)
