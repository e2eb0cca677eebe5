"""The packaging files that are not built here are still checked here, with the real tools.

desktop-file-validate for the Linux entries, plistlib for the macOS property lists,
shellcheck for the scripts, actionlint for the release workflow. What only a Mac or a
Windows machine can prove (signing, notarization, Gatekeeper, an installed login item)
is listed in docs/deploy-macos.md and docs/deploy-windows.md.
"""

from __future__ import annotations

import configparser
import plistlib
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from traymon import identity

pytestmark = pytest.mark.linux_only  # needs shellcheck, desktop-file-utils and the Linux entries

INSTALLER = ROOT / "installer"
SCRIPTS = [
    INSTALLER / "linux" / "build_deb.sh",
    INSTALLER / "linux" / "selftest-headless.sh",
    INSTALLER / "macos" / "sign_and_notarize.sh",
]


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"needs {tool} (make test installs it)")
    return found


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("name", ["traymon.desktop", "traymon-autostart.desktop"])
def test_linux_desktop_entries_are_valid(name: str) -> None:
    path = INSTALLER / "linux" / name
    done = subprocess.run(
        [_need("desktop-file-validate"), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    entry = _desktop_entry(path)
    assert entry["Exec"] == "traymon run"
    assert entry["Terminal"] == "false"


def test_the_autostart_entry_starts_at_login_without_a_menu_entry() -> None:
    entry = _desktop_entry(INSTALLER / "linux" / "traymon-autostart.desktop")
    assert entry["NoDisplay"] == "true"
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert "Hidden" not in entry  # Hidden=true would switch it off


def test_the_launch_agent_starts_the_installed_app_at_login() -> None:
    with (INSTALLER / "macos" / f"{identity.BUNDLE_ID}.plist").open("rb") as handle:
        agent = plistlib.load(handle)
    assert agent["Label"] == identity.BUNDLE_ID
    assert agent["AssociatedBundleIdentifiers"] == [identity.BUNDLE_ID]
    assert agent["ProgramArguments"] == ["/Applications/Traymon.app/Contents/MacOS/traymon", "run"]
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] is False  # Quit means quit
    assert agent["LimitLoadToSessionType"] == "Aqua"


def test_entitlements_allow_apple_events_and_nothing_broad() -> None:
    with (INSTALLER / "macos" / "entitlements.plist").open("rb") as handle:
        entitlements = plistlib.load(handle)
    assert entitlements == {
        "com.apple.security.cs.allow-unsigned-executable-memory": True,
        "com.apple.security.automation.apple-events": True,
    }


def test_dmg_settings_put_the_app_beside_an_applications_link() -> None:
    settings = runpy.run_path(
        str(INSTALLER / "macos" / "dmg_settings.py"),
        init_globals={"defines": {"app": "dist/Traymon.app"}},
    )
    assert settings["files"] == ["dist/Traymon.app"]
    assert settings["symlinks"] == {"Applications": "/Applications"}
    assert set(settings["icon_locations"]) == {"Traymon.app", "Applications"}
    assert settings["format"] == "UDZO"


def test_the_spec_makes_a_menu_bar_app_with_the_fixed_bundle_id() -> None:
    spec = (INSTALLER / "traymon.spec").read_text(encoding="utf-8")
    assert "bundle_identifier=identity.BUNDLE_ID" in spec
    assert '"LSUIElement": True' in spec
    assert '"NSAppleEventsUsageDescription"' in spec
    assert 'copy_metadata("keyring")' in spec  # keyring finds backends via entry points
    compile(spec, "traymon.spec", "exec")  # at least valid Python


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_shell_scripts_pass_shellcheck(script: Path) -> None:
    done = subprocess.run(
        [_need("shellcheck"), str(script)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("workflow", ["release.yml", "tests.yml"])
def test_the_workflows_pass_actionlint(workflow: str) -> None:
    actionlint = Path(sys.executable).parent / "actionlint"
    assert actionlint.exists(), "actionlint comes with the lint dependencies (uv.lock)"
    _need("shellcheck")  # actionlint checks each `run:` script with it when it is there
    done = subprocess.run(
        [str(actionlint), str(ROOT / ".github" / "workflows" / workflow)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_tests_workflow_runs_the_suite_on_windows_and_macos() -> None:
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    assert "- os: windows-latest" in workflow and "- os: macos-latest" in workflow
    assert 'pytest -m "not linux_only and not ${{ matrix.marker }}"' in workflow
    assert 'pytest ${{ matrix.own }} -m "${{ matrix.marker }}"' in workflow
    for marker in ("linux_only", "windows_only", "macos_only"):  # registered: --strict-markers
        assert f'"{marker}: ' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    platform_tests = (ROOT / "tests" / "test_on_windows.py", ROOT / "tests" / "test_on_macos.py")
    assert all(path.exists() for path in platform_tests)


def test_the_release_workflow_self_tests_every_frozen_build() -> None:
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "make dist" in workflow  # Linux: make dist runs the self-test itself
    assert "traymon-cli.exe --self-test" in workflow
    assert "Contents/MacOS/traymon --self-test" in workflow
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "selftest-headless.sh dist/traymon/traymon" in makefile


def test_the_deb_installs_the_app_the_entries_and_the_icon(tmp_path: Path) -> None:
    dpkg_deb = _need("dpkg-deb")
    stage = tmp_path / "traymon"
    (stage / "_internal").mkdir(parents=True)
    (stage / "traymon").write_text("#!/bin/sh\n")
    icons = tmp_path / "icons" / "hicolor" / "48x48" / "apps"
    icons.mkdir(parents=True)
    (icons / "traymon.png").write_bytes(b"png")
    deb = tmp_path / "traymon_1.2.3_amd64.deb"
    subprocess.run(
        [str(INSTALLER / "linux" / "build_deb.sh"), str(stage), "1.2.3",
         str(tmp_path / "icons"), str(deb)],
        check=True, capture_output=True,
    )  # fmt: skip
    info = subprocess.run([dpkg_deb, "-I", str(deb)], capture_output=True, text=True).stdout
    assert "Package: traymon" in info and "Version: 1.2.3" in info
    # No ELF file in the stand-in, so the floor is PySide6's own: glibc 2.34.
    depends = "Depends: libc6 (>= 2.34), libgl1, libegl1, libxcb1, libdbus-1-3, fontconfig-config"
    assert depends in info
    conffiles = subprocess.run(
        [dpkg_deb, "-I", str(deb), "conffiles"], capture_output=True, text=True
    ).stdout
    assert conffiles.split() == ["/etc/xdg/autostart/traymon.desktop"]  # local edits survive
    listing = subprocess.run([dpkg_deb, "-c", str(deb)], capture_output=True, text=True).stdout
    for path in (
        "./opt/traymon/traymon",
        "./usr/bin/traymon -> /opt/traymon/traymon",
        "./usr/share/applications/traymon.desktop",
        "./etc/xdg/autostart/traymon.desktop",
        "./usr/share/icons/hicolor/48x48/apps/traymon.png",
    ):
        assert path in listing
    assert "drwxr-xr-x root/root         0" in listing.splitlines()[0]  # "./" itself


def test_the_app_icons_render_from_the_tray_drawing(tmp_path: Path) -> None:
    from installer.render_icons import render

    written = render(tmp_path)
    assert (tmp_path / "hicolor" / "256x256" / "apps" / "traymon.png") in written
    assert (tmp_path / "traymon.ico") in written
    assert all(p.stat().st_size > 0 for p in written)
