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
    return subprocess.run(
        [str(Path(sys.executable).parent / "traymon"), *args],
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
