"""The Windows and macOS readers, run on Linux through their interfaces.

Windows: a dictionary stands in for the registry (``winreg`` exists only on Windows);
only a Windows run proves the ``winreg`` adapter, the 64-bit view and what Group Policy
really writes. macOS: real plist files in a temporary root; only a Mac proves the paths
macOS writes managed preferences to and a profile installing.
"""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from traymon.config.layers import Layer, builtin_services, resolve
from traymon.config.values import LayerValues
from traymon.platform.macos import PlistReader
from traymon.platform.windows import (
    INTERNET_SETTINGS,
    POLICY_KEY,
    Hive,
    RegistryReader,
    proxy_script_note,
)


class FakeRegistry:
    """A dictionary standing in for winreg (which only exists on Windows)."""

    def __init__(self, data: dict[tuple[Hive, str], dict[str, object]]) -> None:
        self.data = data

    def values(self, hive: Hive, key: str) -> dict[str, object] | None:
        return self.data.get((hive, key))


def test_windows_policy_hklm_wins_over_hkcu_and_types_convert(
    caplog: pytest.LogCaptureFixture,
) -> None:
    registry = FakeRegistry(
        {
            (Hive.HKCU, POLICY_KEY + r"\continuity"): {"mode": "ask"},
            (Hive.HKLM, POLICY_KEY + r"\continuity"): {
                "mode": "automatic",
                "backup": ['outlook = "Backup"'],
                "instructions": ["[[instructions]]", 'service = "*"', 'text = "Call 555"'],
            },
            (Hive.HKCU, POLICY_KEY + r"\checks"): {"min_interval": 90, "allow_user_services": 0},
            (Hive.HKLM, POLICY_KEY + r"\network"): {
                "reference_urls": ["https://a.example/", "https://b.example/"],
                "allow_plain_http": 7,
            },
            (Hive.HKLM, POLICY_KEY): {
                "services": [
                    "[[services]]",
                    'id = "corp"',
                    'name = "Corp"',
                    'kind = "statuspage"',
                    'url = "https://status.corp.example"',
                ]
            },
            (Hive.HKLM, r"Software\Traymon\notifications"): {"enabled": 0},
        }
    )
    reader = RegistryReader(registry)
    effective = resolve(
        builtin_services(), reader.machine_defaults(), LayerValues.empty("u"), reader.policy()
    )
    assert effective.value("continuity.mode") == "automatic"
    assert effective.value("checks.min_interval") == 90
    assert dict(effective.value("continuity.backup")) == {"outlook": "Backup"}
    assert effective.value("continuity.instructions") == ({"service": "*", "text": "Call 555"},)
    assert effective.value("checks.allow_user_services") is False
    assert effective.value("network.reference_urls") == ("https://a.example/", "https://b.example/")
    assert [s.id for s in effective.services()] == ["corp"]
    assert effective.resolved["notifications.enabled"].source is Layer.MACHINE
    assert effective.value("notifications.enabled") is False
    # DWORD 7 is not a boolean: logged with the registry location, the default stands.
    assert effective.value("network.allow_plain_http") is False
    assert r"HKLM\Software\Policies\Traymon\network\allow_plain_http" in caplog.text


def test_macos_machine_defaults_and_user_policy(tmp_path: Path) -> None:
    reader = PlistReader(root=tmp_path, user="alice")
    reader.machine_file.parent.mkdir(parents=True)
    reader.machine_file.write_bytes(plistlib.dumps({"logging.level": "debug"}))
    user_managed, computer_managed = reader.policy_files
    user_managed.parent.mkdir(parents=True)
    user_managed.write_bytes(plistlib.dumps({"continuity.mode": "ask", "checks.min_interval": 45}))
    computer_managed.write_bytes(plistlib.dumps({"continuity.mode": "off", "bogus": 1}))
    policy = reader.policy()
    assert [str(p) for p in policy.problems] == [f"{computer_managed}: bogus: unknown setting"]
    effective = resolve(
        builtin_services(), reader.machine_defaults(), LayerValues.empty("u"), policy
    )
    assert effective.value("continuity.mode") == "off"  # the computer's profile wins
    assert effective.value("checks.min_interval") == 45
    assert effective.resolved["logging.level"].source is Layer.MACHINE


def test_a_windows_proxy_script_is_named_because_traymon_cannot_read_it() -> None:
    pac = "http://wpad.corp.example/proxy.pac"
    with_script = FakeRegistry({(Hive.HKCU, INTERNET_SETTINGS): {"AutoConfigURL": pac}})
    note = proxy_script_note(with_script)
    assert note is not None and pac in note and "network.proxy" in note
    manual = {"ProxyEnable": 1, "ProxyServer": "proxy.corp:8080"}
    assert proxy_script_note(FakeRegistry({(Hive.HKCU, INTERNET_SETTINGS): manual})) is None
