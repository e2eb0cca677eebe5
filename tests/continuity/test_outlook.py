"""Classic Outlook through the registry interface (a real registry only on Windows)."""

from __future__ import annotations

import json
import os
import signal
import uuid
from pathlib import Path

import pytest

from traymon.continuity.atomic import atomic_write
from traymon.continuity.errors import ClientRunningError, NotFoundError, NotSwitchableError
from traymon.continuity.journal import Journal
from traymon.continuity.outlook import (
    OPTIONS_KEY,
    OUTLOOK_KEY,
    PROFILES_KEY,
    MemoryRegistry,
    OutlookAdapter,
    WindowsRegistry,
)

PROFILE_ACCOUNTS = r"\9375CFF0413111d3B88A00104B2A6676\00000001"


def outlook_hkcu() -> dict[str, dict[str, str]]:
    """The values a classic Outlook 365 with a work and a backup profile has under HKCU."""
    return {
        OUTLOOK_KEY: {"DefaultProfile": "Outlook"},
        PROFILES_KEY + r"\Outlook" + PROFILE_ACCOUNTS: {"Account Name": "ana@example.com"},
        PROFILES_KEY + r"\Backup" + PROFILE_ACCOUNTS: {"Account Name": "ana@backup.example.net"},
        OPTIONS_KEY: {"PickLogonProfile": "1"},
    }


class FileRegistry(MemoryRegistry):
    """A registry kept in a JSON file, written atomically, so it survives a killed process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(json.loads(path.read_text()) if path.exists() else outlook_hkcu())
        self._save()

    def set(self, key: str, name: str, value: str) -> None:
        super().set(key, name, value)
        self._save()

    def delete(self, key: str, name: str) -> None:
        super().delete(key, name)
        self._save()

    def _save(self) -> None:
        atomic_write(self.path, json.dumps(self.values, sort_keys=True).encode())


def nothing_running() -> frozenset[str]:
    return frozenset()


def test_switch_sets_the_default_profile_and_turns_off_the_prompt(tmp_path: Path) -> None:
    registry = MemoryRegistry(outlook_hkcu())
    outlook = OutlookAdapter(Journal(tmp_path / "j"), registry, nothing_running)

    outcome = outlook.switch("backup")  # profile names are case-insensitive, like Outlook's

    assert registry.get(OUTLOOK_KEY, "DefaultProfile") == "Backup"
    assert registry.get(OPTIONS_KEY, "PickLogonProfile") == "0"
    assert outcome.next_step == 'Start Outlook again (outlook.exe /profile "Backup").'
    assert outcome.launch == ("outlook.exe", "/profile", "Backup")
    assert outlook.status().switched_to == "default profile 'Outlook' → 'Backup'"

    restored = outlook.restore()
    assert registry.values == MemoryRegistry(outlook_hkcu()).values
    assert restored.launch == ("outlook.exe", "/profile", "Outlook")  # back on the work profile


def test_restore_deletes_values_that_did_not_exist_before(tmp_path: Path) -> None:
    hkcu = outlook_hkcu()
    del hkcu[OPTIONS_KEY]
    registry = MemoryRegistry(hkcu)
    outlook = OutlookAdapter(Journal(tmp_path / "j"), registry, nothing_running)
    outlook.switch("Backup")
    outlook.restore()
    assert registry.get(OPTIONS_KEY, "PickLogonProfile") is None


def test_a_running_outlook_is_never_touched(tmp_path: Path) -> None:
    registry = MemoryRegistry(outlook_hkcu())
    outlook = OutlookAdapter(Journal(tmp_path / "j"), registry, lambda: frozenset({"outlook.exe"}))
    with pytest.raises(ClientRunningError, match="Close Outlook first; Traymon never closes it"):
        outlook.switch("Backup")
    assert registry.values == MemoryRegistry(outlook_hkcu()).values


def test_new_outlook_cannot_be_switched_and_the_webmail_is_offered(tmp_path: Path) -> None:
    outlook = OutlookAdapter(
        Journal(tmp_path / "j"),
        MemoryRegistry(outlook_hkcu()),
        lambda: frozenset({"olk.exe"}),
        webmail_url="https://webmail.backup.example.net",
    )
    assert outlook.detect().display_name == "New Outlook"
    with pytest.raises(NotSwitchableError, match=r"cannot be switched.*https://webmail\.backup"):
        outlook.switch("Backup")


def test_an_unknown_profile_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    outlook = OutlookAdapter(
        Journal(tmp_path / "j"), MemoryRegistry(outlook_hkcu()), nothing_running
    )
    with pytest.raises(NotFoundError, match="profiles are: Backup, Outlook"):
        outlook.switch("Spare")


def test_restore_keeps_a_default_profile_the_person_chose_after_the_switch(
    tmp_path: Path,
) -> None:
    hkcu = outlook_hkcu()
    hkcu[PROFILES_KEY + r"\Spare" + PROFILE_ACCOUNTS] = {"Account Name": "ana@spare.example"}
    registry = MemoryRegistry(hkcu)
    journal = Journal(tmp_path / "j")
    OutlookAdapter(journal, registry, nothing_running).switch("Backup")
    registry.set(OUTLOOK_KEY, "DefaultProfile", "Spare")  # the Mail control panel, by hand

    outcome = OutlookAdapter(journal, registry, nothing_running).restore()

    assert outcome.message == (
        "You chose the profile 'Spare' yourself after the switch; Traymon left it as it is."
    )
    assert registry.get(OUTLOOK_KEY, "DefaultProfile") == "Spare"
    assert registry.get(OPTIONS_KEY, "PickLogonProfile") == "1"  # still Traymon's: put back
    assert outcome.launch == ("outlook.exe", "/profile", "Spare")
    assert journal.all() == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
def test_a_kill_at_every_step_leaves_old_or_new_values_and_restore_completes(
    tmp_path: Path,
) -> None:
    steps: list[str] = []
    reference = FileRegistry(tmp_path / "reference.json")
    OutlookAdapter(Journal(tmp_path / "rj"), reference, nothing_running).switch(
        "Backup", checkpoint=steps.append
    )
    switched = reference.values
    original = MemoryRegistry(outlook_hkcu()).values
    seen = []
    for index in range(len(steps)):
        path, journal = tmp_path / f"hkcu-{index}.json", Journal(tmp_path / f"j-{index}")
        FileRegistry(path)
        pid = os.fork()
        if pid == 0:
            try:
                calls = [0]

                def die_at(step: str, index: int = index, calls: list[int] = calls) -> None:
                    calls[0] += 1
                    if calls[0] - 1 == index:
                        os.kill(os.getpid(), signal.SIGKILL)

                OutlookAdapter(journal, FileRegistry(path), nothing_running).switch(
                    "Backup", checkpoint=die_at
                )
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status)
        after_crash = FileRegistry(path).values
        seen.append(after_crash == original)
        # between two registry writes the values may be mixed; the journal knows, and the
        # next command puts the old ones back before anything else
        OutlookAdapter(journal, FileRegistry(path), nothing_running).restore()
        assert FileRegistry(path).values == original
        assert journal.all() == []
    assert switched != original and any(seen)


@pytest.mark.windows_only  # the real registry
def test_the_windows_registry_reads_back_what_it_writes() -> None:  # pragma: no cover
    key = rf"Software\Traymon-test-{uuid.uuid4().hex}"
    registry = WindowsRegistry()
    registry.set(key + r"\Profiles\Backup", "x", "1")
    registry.set(key, "DefaultProfile", "Backup")
    assert registry.get(key, "DefaultProfile") == "Backup"
    assert registry.subkeys(key + r"\Profiles") == ["Backup"]
    registry.delete(key, "DefaultProfile")
    assert registry.get(key, "DefaultProfile") is None
