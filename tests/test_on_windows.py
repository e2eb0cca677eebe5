"""What only a Windows machine proves: the real registry, the Run value, the named pipe,
and the OS certificate verifier behind truststore.

Run by the ``windows-latest`` job of .github/workflows/tests.yml; skipped elsewhere (the
``windows_only`` marker). Every key is written under a fresh ``HKCU\\Software\\Traymon-test-*``
and removed again, except the Run value, which is put back as it was.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.windows_only

if sys.platform == "win32":  # pragma: no cover - the module is collected everywhere
    import winreg


def _delete_tree(root: Any, key: str) -> None:
    with winreg.OpenKey(root, key, 0, winreg.KEY_ALL_ACCESS) as handle:
        while True:
            try:
                child = winreg.EnumKey(handle, 0)
            except OSError:
                break
            _delete_tree(root, f"{key}\\{child}")
    winreg.DeleteKey(root, key)


@pytest.fixture
def test_key() -> Iterator[str]:
    key = rf"Software\Traymon-test-{uuid.uuid4().hex}"
    winreg.CreateKey(winreg.HKEY_CURRENT_USER, key).Close()
    try:
        yield key
    finally:
        _delete_tree(winreg.HKEY_CURRENT_USER, key)


class _Under:
    """The real registry with every key moved under ``prefix`` (HKCU), for RegistryReader."""

    def __init__(self, prefix: str) -> None:
        from traymon.platform.windows import WinregRegistry

        self._real = WinregRegistry()
        self._prefix = prefix

    def values(self, hive: object, key: str) -> dict[str, object] | None:
        from traymon.platform.windows import Hive

        return self._real.values(Hive.HKCU, f"{self._prefix}\\{key}")


def test_policy_is_read_from_real_registry_values(test_key: str) -> None:
    from traymon.platform.windows import POLICY_KEY, RegistryReader

    policy = f"{test_key}\\{POLICY_KEY}"
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, policy) as handle:
        winreg.SetValueEx(handle, "level", 0, winreg.REG_SZ, "debug")  # not a setting: ignored
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, f"{policy}\\notifications") as handle:
        winreg.SetValueEx(handle, "enabled", 0, winreg.REG_DWORD, 0)
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, f"{policy}\\logging") as handle:
        winreg.SetValueEx(handle, "level", 0, winreg.REG_SZ, "debug")
    layer = RegistryReader(_Under(test_key)).policy()  # type: ignore[arg-type]
    assert layer.values["notifications.enabled"].value is False  # a DWORD 0 is "false"
    assert layer.values["logging.level"].value == "debug"
    assert layer.problems == ()


def test_the_run_value_is_written_read_and_removed_for_real() -> None:
    from traymon.platform.autostart import RUN_KEY, RUN_VALUE, WindowsRunKey

    run = WindowsRunKey()
    before = None
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as handle:
            before = winreg.QueryValueEx(handle, RUN_VALUE)[0]
    except OSError:
        pass
    try:
        run.enable([r"C:\Program Files\Traymon\traymon.exe", "run"])
        assert run.is_enabled()
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as handle:
            value = winreg.QueryValueEx(handle, RUN_VALUE)[0]
        assert value == r'"C:\Program Files\Traymon\traymon.exe" run'  # quoted: a space
        run.disable()
        assert not run.is_enabled()
        run.disable()  # twice is fine
    finally:
        if before is not None:
            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as handle:
                winreg.SetValueEx(handle, RUN_VALUE, 0, winreg.REG_SZ, before)


def test_the_outlook_adapter_switches_and_restores_real_registry_keys(
    test_key: str, tmp_path: Any
) -> None:
    from traymon.continuity.journal import Journal
    from traymon.continuity.outlook import (
        OPTIONS_KEY,
        OUTLOOK_KEY,
        PROFILES_KEY,
        OutlookAdapter,
        WindowsRegistry,
    )

    class Prefixed(WindowsRegistry):
        def get(self, key: str, name: str) -> str | None:
            return super().get(f"{test_key}\\{key}", name)

        def set(self, key: str, name: str, value: str) -> None:
            super().set(f"{test_key}\\{key}", name, value)

        def delete(self, key: str, name: str) -> None:
            super().delete(f"{test_key}\\{key}", name)

        def subkeys(self, key: str) -> list[str]:
            return super().subkeys(f"{test_key}\\{key}")

    registry = Prefixed()
    accounts = r"\9375CFF0413111d3B88A00104B2A6676\00000001"
    registry.set(OUTLOOK_KEY, "DefaultProfile", "Outlook")
    registry.set(PROFILES_KEY + r"\Outlook" + accounts, "Account Name", "ana@example.com")
    registry.set(PROFILES_KEY + r"\Backup" + accounts, "Account Name", "ana@backup.example")
    registry.set(OPTIONS_KEY, "PickLogonProfile", "1")
    outlook = OutlookAdapter(Journal(tmp_path / "j"), registry, frozenset)

    outlook.switch("Backup")
    assert registry.get(OUTLOOK_KEY, "DefaultProfile") == "Backup"
    assert registry.get(OPTIONS_KEY, "PickLogonProfile") == "0"
    outlook.restore()
    assert registry.get(OUTLOOK_KEY, "DefaultProfile") == "Outlook"
    assert registry.get(OPTIONS_KEY, "PickLogonProfile") == "1"


def test_the_single_instance_guard_is_a_named_pipe_only_one_claims() -> None:
    pytest.importorskip("PySide6")
    from traymon.gui.single_instance import SingleInstance

    name = f"traymon-test-{uuid.uuid4().hex[:12]}"
    first = SingleInstance(name)
    assert first.address == rf"\\.\pipe\{name}"
    assert first.claim()
    try:
        second = SingleInstance(name)
        assert not second.claim()  # it asked the first (over the pipe) instead
    finally:
        first.release()
    third = SingleInstance(name)
    assert third.claim()  # the pipe went with the first
    third.release()


def test_truststore_verifies_with_the_windows_verifier() -> None:
    from tests.os_trust import check_the_os_verifier_decides

    check_the_os_verifier_decides("www.microsoft.com")
