"""Shared fixtures: real payloads, loopback servers, and a way to run the real command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import LoopbackServer, running_server

# Widget tests draw offscreen; the tray tests start the real app under Xvfb themselves.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def fixture_bytes(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


#: The marker that says which operating system a test proves (or needs), and its name there.
PLATFORM_MARKERS = {"linux_only": "linux", "windows_only": "win32", "macos_only": "darwin"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip what needs another OS; .github/workflows/tests.yml runs the rest on each."""
    here = "linux" if sys.platform.startswith("linux") else sys.platform
    for item in items:
        for marker, platform in PLATFORM_MARKERS.items():
            if item.get_closest_marker(marker) is not None and platform != here:
                item.add_marker(pytest.mark.skip(reason=f"{marker}: runs on {platform} only"))


@pytest.fixture(autouse=True)
def own_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows and macOS, every test gets empty user folders, as XDG_* give on Linux.

    platformdirs reads the Windows folders from the shell unless WIN_PD_OVERRIDE_* is set,
    and the macOS ones from HOME; a runner's real folders must not carry one test's
    history, journal or seen serials into the next. Linux is left as it always was.
    """
    if sys.platform == "win32":
        folder = tmp_path_factory.mktemp("user")
        monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(folder / "roaming"))
        monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(folder / "local"))
    elif sys.platform == "darwin":
        monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with running_server() as srv:
        yield srv


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An environment whose user folders are empty, so no real user config leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
    env["HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    # The single-instance socket and its key live here, not in a shared /tmp folder.
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    for key in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(key, env[key])
    monkeypatch.delenv("TRAYMON_CONFIG", raising=False)
    return env


def run_traymon(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``traymon`` console script as a person would."""
    script = "traymon.exe" if sys.platform == "win32" else "traymon"
    return subprocess.run(
        [str(Path(sys.executable).parent / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def write_config(path: Path, services: list[dict[str, object]]) -> Path:
    """Write ``[[services]]`` tables to ``path`` as TOML."""
    chunks = []
    for service in services:
        lines = ["[[services]]"]
        for key, value in service.items():
            rendered = f'"{value}"' if isinstance(value, str) else str(value).lower()
            lines.append(f"{key} = {rendered}")
        chunks.append("\n".join(lines))
    path.write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
    return path
