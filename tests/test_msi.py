"""The Windows installer, built here with wixl from traymon.wxs and read back with msiinfo.

A tiny staged folder stands in for the frozen app (freezing takes a minute; `make dist`
builds the MSI from the real one). What is checked is what IT relies on: the fixed
UpgradeCode and major-upgrade rows, the public properties and their remembered registry
values, the Run value and the Start-menu shortcut with its AppUserModelID. Installing it
can only be proven on Windows (the release workflow does).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from installer.windows import build_msi
from traymon import identity

pytestmark = pytest.mark.skipif(
    shutil.which("wixl") is None or shutil.which("msiinfo") is None,
    reason="needs wixl and msiinfo (make test installs them)",
)
pytestmark = [pytestmark, pytest.mark.linux_only]  # needs msitools and wixl

Row = dict[str, str]


def export(msi: Path, table: str) -> list[Row]:
    """One MSI table as rows, from `msiinfo export` (.idt text: names, types, keys, rows)."""
    text = subprocess.run(
        ["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    names = lines[0].split("\t")
    return [dict(zip(names, line.split("\t"), strict=False)) for line in lines[3:]]


def _stage(root: Path) -> Path:
    stage = root / "traymon"
    (stage / "_internal" / "resources").mkdir(parents=True)
    (stage / "traymon.exe").write_bytes(b"MZ stand-in for the frozen app")
    (stage / "traymon-cli.exe").write_bytes(b"MZ stand-in for the console twin")
    (stage / "_internal" / "python311.dll").write_bytes(b"stand-in")
    (stage / "_internal" / "resources" / "default_services.toml").write_text("# list\n")
    return stage


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The same staged folder built twice, as two releases of the same version would be."""
    root = tmp_path_factory.mktemp("msi")
    stage = _stage(root)
    first, second = root / "first.msi", root / "second.msi"
    icon = root / "traymon.ico"
    icon.write_bytes(b"\0\0\1\0 stand-in icon")
    build_msi.build_with_wixl(stage, "1.2.3", first, icon)
    build_msi.build_with_wixl(stage, "1.2.3", second, icon)
    yield first, second


def _props(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in export(msi, "Property")}


def test_per_machine_with_a_fixed_upgrade_code_and_a_new_product_code(
    built: tuple[Path, Path],
) -> None:
    first, second = built
    props = _props(first)
    assert props["ALLUSERS"] == "1"  # perMachine: Program Files, HKLM, for every user
    assert props["UpgradeCode"] == "{" + identity.MSI_UPGRADE_CODE + "}"
    assert props["ProductVersion"] == "1.2.3"
    assert props["ProductCode"] != _props(second)["ProductCode"]
    summary = subprocess.run(
        ["msiinfo", "suminfo", str(first)], capture_output=True, text=True, check=True
    ).stdout
    assert "x64;1033" in summary


def test_major_upgrade_removes_older_versions_and_refuses_downgrades(
    built: tuple[Path, Path],
) -> None:
    rows = export(built[0], "Upgrade")
    assert {r["UpgradeCode"] for r in rows} == {"{" + identity.MSI_UPGRADE_CODE + "}"}
    upgrade = next(r for r in rows if r["ActionProperty"] == "WIX_UPGRADE_DETECTED")
    assert upgrade["VersionMax"] == "1.2.3" and upgrade["VersionMin"] == ""
    downgrade = next(r for r in rows if r["ActionProperty"] == "WIX_DOWNGRADE_DETECTED")
    assert downgrade["VersionMin"] == "1.2.3"
    sequence = {r["Action"] for r in export(built[0], "InstallExecuteSequence")}
    assert "RemoveExistingProducts" in sequence


def test_public_properties_have_their_defaults(built: tuple[Path, Path]) -> None:
    props = _props(built[0])
    assert props["AUTOSTART"] == "1"
    assert props["LAUNCH"] == "1"
    assert props["NO_SHORTCUTS"] == "0"
    assert "CONFIG" not in props  # no default: the built-in list applies


def test_properties_are_remembered_in_hklm_software_traymon(built: tuple[Path, Path]) -> None:
    registry = export(built[0], "Registry")
    machine = {r["Name"]: r for r in registry if r["Key"] == identity.WINDOWS_MACHINE_KEY}
    for name, value in {
        "Autostart": "[AUTOSTART]",
        "NoShortcuts": "[NO_SHORTCUTS]",
        "Config": "[CONFIG]",
        "Version": "[ProductVersion]",
        "ProductCode": "[ProductCode]",
    }.items():
        assert machine[name]["Value"] == value
        assert machine[name]["Root"] == "2"  # HKLM
    assert all(not r["Key"].endswith("\\") for r in registry)  # the wixl nested-key quirk

    # ... and read back before the next install, so repair and upgrade keep IT's choice.
    search = {r["Property"]: r["Signature_"] for r in export(built[0], "AppSearch")}
    locators = {r["Signature_"]: r for r in export(built[0], "RegLocator")}
    for prop, name in (("AUTOSTART", "Autostart"), ("NO_SHORTCUTS", "NoShortcuts"),
                       ("CONFIG", "Config")):  # fmt: skip
        locator = locators[search[prop]]
        assert (locator["Key"], locator["Name"]) == (identity.WINDOWS_MACHINE_KEY, name)
        assert int(locator["Type"]) & 16  # msidbLocatorType64bit: the 64-bit registry view

    # A value on the command line beats the remembered one (saved before AppSearch).
    actions = {r["Action"]: r for r in export(built[0], "CustomAction")}
    assert actions["Save_CONFIG"]["Target"] == "[CONFIG]"
    assert actions["Restore_CONFIG"]["Target"] == "[CMDLINE_CONFIG]"
    sequence = {r["Action"]: r for r in export(built[0], "InstallExecuteSequence")}
    assert int(sequence["Save_CONFIG"]["Sequence"]) < int(sequence["AppSearch"]["Sequence"])
    assert int(sequence["Restore_CONFIG"]["Sequence"]) > int(sequence["AppSearch"]["Sequence"])


def test_autostart_is_an_hklm_run_value_in_a_feature_switched_by_autostart(
    built: tuple[Path, Path],
) -> None:
    run = next(r for r in export(built[0], "Registry") if r["Name"] == "Traymon")
    assert run["Key"] == r"Software\Microsoft\Windows\CurrentVersion\Run"
    assert run["Root"] == "2"
    assert run["Value"] == '"[#TraymonExe]"'
    components = {r["Component_"]: r["Feature_"] for r in export(built[0], "FeatureComponents")}
    assert components[run["Component_"]] == "Autostart"
    conditions = {r["Feature_"]: r for r in export(built[0], "Condition")}
    assert conditions["Autostart"]["Condition"] == 'AUTOSTART<>"1"'
    assert conditions["Autostart"]["Level"] == "0"


def test_start_menu_shortcut_carries_the_app_user_model_id(built: tuple[Path, Path]) -> None:
    (shortcut,) = export(built[0], "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Target"] == "[#TraymonExe]"
    (aumid,) = export(built[0], "MsiShortcutProperty")
    assert aumid["Shortcut_"] == shortcut["Shortcut"]
    assert aumid["PropertyKey"] == build_msi.PKEY_APP_USER_MODEL_ID
    assert aumid["PropVariantValue"] == identity.APP_USER_MODEL_ID
    conditions = {r["Feature_"]: r["Condition"] for r in export(built[0], "Condition")}
    components = {r["Component_"]: r["Feature_"] for r in export(built[0], "FeatureComponents")}
    assert conditions[components[shortcut["Component_"]]] == 'NO_SHORTCUTS="1"'
    # ICE43: the component of a non-advertised shortcut is kept by an HKCU value.
    key_path = next(
        r["KeyPath"]
        for r in export(built[0], "Component")
        if r["Component"] == shortcut["Component_"]
    )
    (value,) = [r for r in export(built[0], "Registry") if r["Registry"] == key_path]
    assert value["Root"] == "1"  # HKCU


def test_launch_after_install_never_happens_in_a_silent_install(built: tuple[Path, Path]) -> None:
    sequence = {r["Action"]: r for r in export(built[0], "InstallExecuteSequence")}
    condition = sequence["LaunchTraymon"]["Condition"]
    assert 'LAUNCH="1"' in condition
    assert "UILevel>3" in condition  # /qn is UILevel 2, /qb 3: neither launches
    assert int(sequence["LaunchTraymon"]["Sequence"]) > int(sequence["InstallFinalize"]["Sequence"])


def test_component_guids_are_the_same_in_every_build(built: tuple[Path, Path]) -> None:
    first, second = (
        {r["Component"]: r["ComponentId"] for r in export(msi, "Component")} for msi in built
    )
    assert first == second
    assert len(set(first.values())) == len(first)
    files = {r["FileName"].split("|")[-1] for r in export(built[0], "File")}
    assert {"traymon.exe", "traymon-cli.exe", "python311.dll", "default_services.toml"} <= files
    assert all(int(r["Attributes"]) & 256 for r in export(built[0], "Component"))  # 64-bit


def test_the_product_has_its_icon_in_apps_and_features(built: tuple[Path, Path]) -> None:
    assert _props(built[0])["ARPPRODUCTICON"] == "traymon.ico"
    assert [r["Name"] for r in export(built[0], "Icon")] == ["traymon.ico"]
    (shortcut,) = export(built[0], "Shortcut")
    assert shortcut["Icon_"] == "traymon.ico"


def test_a_folder_without_the_app_or_an_icon_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    icon = tmp_path / "traymon.ico"
    icon.write_bytes(b"ico")
    with pytest.raises(SystemExit, match=r"has no traymon\.exe or traymon"):
        build_msi.build_with_wixl(tmp_path / "empty", "1.2.3", tmp_path / "x.msi", icon)
    with pytest.raises(SystemExit, match=r"must be x\.y\.z"):
        build_msi.build_with_wixl(_stage(tmp_path), "1.2", tmp_path / "x.msi", icon)
    with pytest.raises(SystemExit, match="no icon at"):
        build_msi.build_with_wixl(
            _stage(tmp_path / "b"), "1.2.3", tmp_path / "x.msi", tmp_path / "none.ico"
        )
