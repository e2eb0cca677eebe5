"""Only traymon/gui may import Qt: the core must run on a machine with no display at all."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, fixture_bytes, write_config
from tests.servers import LoopbackServer

QT_MODULES = ("PySide6", "shiboken6")


def test_no_module_outside_gui_imports_qt() -> None:
    offenders = []
    for path in (ROOT / "traymon").rglob("*.py"):
        if path.relative_to(ROOT / "traymon").parts[0] == "gui":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in QT_MODULES]
    assert offenders == []


def test_check_runs_with_qt_unimportable(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
    )
    config = write_config(
        tmp_path / "t.toml", [{"id": "gh", "name": "GitHub", "kind": "statuspage", "url": url}]
    )
    # A None entry in sys.modules makes any import of that name fail.
    probe = (
        "import sys\n"
        f"for name in {QT_MODULES!r}: sys.modules[name] = None\n"
        "from traymon.commands.cli import main\n"
        f"sys.exit(main(['check', '--config', {str(config)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Operational" in done.stdout


@pytest.mark.linux_only  # Windows and macOS always have a desktop: Qt would start
@pytest.mark.parametrize("display", [None, ":4711"], ids=["no DISPLAY", "DISPLAY without X"])
def test_run_without_a_display_says_so_and_suggests_check(
    tmp_path: Path, display: str | None
) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    if display:
        env["DISPLAY"] = display
    done = subprocess.run(
        [sys.executable, "-m", "traymon", "run"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode != 0
    assert "no display" in done.stderr or "none was found" in done.stderr
    assert "traymon check" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
