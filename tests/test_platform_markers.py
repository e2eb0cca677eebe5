"""The marks that decide what runs on Windows and macOS, kept true from here.

.github/workflows/tests.yml runs every test not marked ``linux_only`` on windows-latest and
macos-latest, and the ``windows_only`` / ``macos_only`` files it names on each. Nobody runs
those jobs before a merge, so a test that starts a Linux-only part (Redis, nginx, Xvfb,
gnome-keyring from Debian) without the mark would fail there, found only after the fact.
These read the test files (their syntax, not a run) and fail first, here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).parent
WORKFLOW = TESTS.parent / ".github" / "workflows" / "tests.yml"

#: A name a test or fixture uses, and the Linux-only part it starts.
LINUX_PARTS = {
    "redis_server": "redis-server from Debian",
    "start_nginx": "nginx from Debian",
    "x_desktop": "Xvfb and trayer",
    "XDesktop": "Xvfb and trayer",
    "secret_service": "gnome-keyring on D-Bus",
    "/proc/": "the /proc file system",
}


def _test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if p.name != Path(__file__).name)


def _marked(node: ast.AST, source: str, marker: str) -> bool:
    text = ast.get_source_segment(source, node) or ""
    return f"mark.{marker}" in text


def _module_marked(tree: ast.Module, source: str, marker: str) -> bool:
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
        and _marked(node, source, marker)
        for node in tree.body
    )


def unmarked_linux_parts(path: Path) -> list[str]:
    """Each top-level test, fixture or class that starts a Linux-only part unmarked."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    if _module_marked(tree, source, "linux_only"):
        return []
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if any(_marked(d, source, "linux_only") for d in node.decorator_list):
            continue
        body = ast.get_source_segment(source, node) or ""
        for name, part in LINUX_PARTS.items():
            if name in body:
                found.append(f"{path.relative_to(TESTS)}::{node.name} uses {name} ({part})")
    return found


def test_every_test_that_starts_a_linux_only_part_is_marked_linux_only() -> None:
    problems = [problem for path in _test_files() for problem in unmarked_linux_parts(path)]
    assert problems == []


def test_the_check_finds_an_unmarked_test(tmp_path: Path) -> None:
    """It can fail: a test starting Redis without the mark is named; with it, it is not."""
    body = "from tests.fleet_helpers import redis_server\n\n\ndef test_x():\n"
    body += "    with redis_server():\n        pass\n"
    unmarked = tmp_path / "test_unmarked.py"
    unmarked.write_text(body, encoding="utf-8")
    assert [p.split(" uses ")[1] for p in _relative(unmarked)] == [
        "redis_server (redis-server from Debian)"
    ]
    marked = tmp_path / "test_marked.py"
    marked.write_text("import pytest\n\npytestmark = pytest.mark.linux_only\n" + body)
    assert _relative(marked) == []


def _relative(path: Path) -> list[str]:
    # unmarked_linux_parts names files relative to tests/; a temporary one is moved in
    moved = TESTS / f"_probe_{path.name}"
    moved.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        return unmarked_linux_parts(moved)
    finally:
        moved.unlink()


def _workflow_job(os_name: str) -> str:
    """The workflow's matrix entry for ``os_name`` (``os:`` up to the next entry)."""
    text = WORKFLOW.read_text(encoding="utf-8")
    found = re.search(rf"- os: {os_name}\n(.*?)(?=\n\s*- os: |\n\s*runs-on:)", text, re.S)
    assert found is not None, f"no matrix entry for {os_name} in {WORKFLOW.name}"
    return found.group(1)


def test_the_workflow_names_each_systems_own_tests() -> None:
    """Every file with a windows_only / macos_only test is named for its runner, and run."""
    for marker, os_name in (("windows_only", "windows-latest"), ("macos_only", "macos-latest")):
        job = _workflow_job(os_name)
        assert f"marker: {marker}" in job
        for path in _test_files():
            source = path.read_text(encoding="utf-8")
            if f"mark.{marker}" in source:
                assert path.relative_to(TESTS.parent).as_posix() in job, (marker, path.name)
