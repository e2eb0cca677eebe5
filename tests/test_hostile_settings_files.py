"""Settings files that would stop or hang Traymon: deep nesting, pipes, broken plists, huge files.

A bad machine-default or policy layer is logged with its location and ignored; a bad
user file is a clear error naming it. Nothing blocks: only regular files are read, and
only up to a size cap. The commands run as a person runs them, with a timeout, so a
hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_traymon
from traymon.platform.macos import BUNDLE_ID, PlistReader

pytestmark = pytest.mark.linux_only  # needs policy from $TRAYMON_POLICY_DIR (the Linux reader)

MAX_SETTINGS_BYTES = 1 << 20  # the cap traymon.settings_files states
PROMPT_S = 30  # a hang blocks forever; a working command answers in a few seconds
DEEP = 1000
SERVICE = (
    '[[services]]\nid = "gone"\nname = "Gone"\nkind = "statuspage"\nurl = "http://127.0.0.1:9"\n'
)


def _deep_toml(depth: int = DEEP) -> str:
    return "[checks]\nmin_interval = " + "[" * depth + "]" * depth + "\n"


@pytest.fixture
def policy_dir(tmp_path: Path, isolated_env: dict[str, str]) -> Path:
    folder = tmp_path / "etc-traymon"
    folder.mkdir()
    isolated_env["TRAYMON_POLICY_DIR"] = str(folder)
    return folder


def _show(env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return run_traymon("config", "show", "--effective", "--json", *extra, env=env, timeout=PROMPT_S)


def _clean(stderr: str) -> None:
    assert "unexpected problem" not in stderr
    assert "Traceback" not in stderr
    assert "RecursionError" not in stderr


@pytest.mark.parametrize("depth", [DEEP, 100])
@pytest.mark.parametrize("name", ["policy.toml", "defaults.toml"])
def test_deep_nesting_in_a_machine_layer_is_logged_and_ignored(
    policy_dir: Path, isolated_env: dict[str, str], name: str, depth: int
) -> None:
    (policy_dir / name).write_text(_deep_toml(depth), encoding="utf-8")
    done = _show(isolated_env)
    _clean(done.stderr)
    assert done.returncode == 0
    assert json.loads(done.stdout)["checks.min_interval"]["source"] == "default"
    assert f"{policy_dir / name}" in done.stderr
    assert "nested too deeply" in done.stderr
    assert "ignored" in done.stderr


def test_deep_nesting_in_the_users_file_is_an_error_naming_the_file(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    user = tmp_path / "user.toml"
    user.write_text(SERVICE + _deep_toml(), encoding="utf-8")
    done = _show(isolated_env, "--config", str(user))
    _clean(done.stderr)
    assert done.returncode == 3
    assert f"{user}: the file is nested too deeply" in done.stderr

    done = run_traymon("config", "validate", str(user), env=isolated_env, timeout=PROMPT_S)
    _clean(done.stderr)
    assert done.returncode == 3
    assert f"{user}: the file is nested too deeply" in done.stderr


def test_deep_nesting_found_after_parsing_names_the_key_and_line(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    user = tmp_path / "user.toml"
    user.write_text(SERVICE + _deep_toml(100), encoding="utf-8")
    done = run_traymon("config", "validate", str(user), env=isolated_env, timeout=PROMPT_S)
    _clean(done.stderr)
    assert done.returncode == 3
    assert f"{user}:7: checks.min_interval: is nested too deeply" in done.stderr


def test_a_named_pipe_as_policy_does_not_hang_any_command(
    policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    os.mkfifo(policy_dir / "policy.toml")
    os.mkfifo(policy_dir / "defaults.toml")
    done = _show(isolated_env)
    _clean(done.stderr)
    assert done.returncode == 0
    assert json.loads(done.stdout)["checks.min_interval"]["source"] == "default"
    assert f"{policy_dir / 'policy.toml'}: cannot be read (it is a named pipe" in done.stderr
    assert f"{policy_dir / 'defaults.toml'}: cannot be read (it is a named pipe" in done.stderr

    done = run_traymon("check", "--json", env=isolated_env, timeout=PROMPT_S)
    _clean(done.stderr)
    assert json.loads(done.stdout)["services"]


def test_a_named_pipe_as_the_users_file_or_to_validate_is_refused(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    pipe = tmp_path / "user.toml"
    os.mkfifo(pipe)
    done = _show(isolated_env, "--config", str(pipe))
    _clean(done.stderr)
    assert done.returncode == 3
    assert f"{pipe}: cannot be read (it is a named pipe" in done.stderr

    for suffix in (".toml", ".plist", ".mobileconfig"):
        other = tmp_path / f"pipe{suffix}"
        os.mkfifo(other)
        done = run_traymon("config", "validate", str(other), env=isolated_env, timeout=PROMPT_S)
        _clean(done.stderr)
        assert done.returncode == 3
        assert f"{other}: cannot be read (it is a named pipe" in done.stderr


def test_a_folder_is_refused_in_words(tmp_path: Path, isolated_env: dict[str, str]) -> None:
    folder = tmp_path / "policy.toml"
    folder.mkdir()
    done = run_traymon("config", "validate", str(folder), env=isolated_env, timeout=PROMPT_S)
    assert done.returncode == 3
    assert f"{folder}: cannot be read (it is a folder, not a file)" in done.stderr


def test_a_named_pipe_as_extra_ca_file_does_not_hang_the_checks(
    tmp_path: Path, policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    pipe = tmp_path / "corp-root.pem"
    os.mkfifo(pipe)
    (policy_dir / "policy.toml").write_text(
        f'[network]\nextra_ca_certificates = ["{pipe}"]\n\n{SERVICE}', encoding="utf-8"
    )
    done = run_traymon("check", "--json", env=isolated_env, timeout=PROMPT_S)
    _clean(done.stderr)
    assert json.loads(done.stdout)["services"][0]["id"] == "gone"


def test_a_named_pipe_as_the_instruction_cache_is_ignored(tmp_path: Path) -> None:
    pipe = tmp_path / "instructions.json"
    os.mkfifo(pipe)
    code = (
        "import sys; from pathlib import Path\n"
        "from traymon.continuity.instruction_cache import InstructionCache\n"
        "print(InstructionCache(Path(sys.argv[1])).recall())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(pipe)],
        capture_output=True,
        text=True,
        timeout=PROMPT_S,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "()")


def test_deep_nesting_in_the_instruction_cache_is_ignored(tmp_path: Path) -> None:
    from traymon.continuity.instruction_cache import InstructionCache

    cache = tmp_path / "instructions.json"
    cache.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert InstructionCache(cache).recall() == ()


def test_an_oversized_policy_is_logged_and_ignored(
    policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    padding = "# " + "x" * 1000 + "\n"
    text = "[checks]\nmin_interval = 120\n" + padding * (MAX_SETTINGS_BYTES // len(padding) + 1)
    (policy_dir / "policy.toml").write_text(text, encoding="utf-8")
    done = _show(isolated_env)
    _clean(done.stderr)
    assert done.returncode == 0
    assert json.loads(done.stdout)["checks.min_interval"]["source"] == "default"
    assert f"{policy_dir / 'policy.toml'}: cannot be read (it is larger than 1 MiB" in done.stderr

    done = run_traymon(
        "config", "validate", str(policy_dir / "policy.toml"), env=isolated_env, timeout=PROMPT_S
    )
    assert done.returncode == 3
    assert "larger than 1 MiB" in done.stderr


_TRUNCATED = b'<?xml version="1.0"?>\n<plist version="1.0"><dict><key>checks.min_interval</key>'
_BROKEN_PLISTS = {
    "truncated XML": _TRUNCATED,
    "garbage": b"\x00\xff garbage \x80 not a plist",
    "broken binary": b"bplist00" + b"\xd1\x01\x02" + b"\x00" * 40,
    "deep XML": (
        b'<?xml version="1.0"?><plist version="1.0"><dict><key>checks.min_interval</key>'
        + b"<array>" * DEEP
        + b"</array>" * DEEP
        + b"</dict></plist>"
    ),
}


@pytest.mark.parametrize("content", _BROKEN_PLISTS.values(), ids=list(_BROKEN_PLISTS))
@pytest.mark.parametrize("suffix", [".plist", ".mobileconfig"])
def test_config_validate_explains_a_broken_plist(
    tmp_path: Path, isolated_env: dict[str, str], content: bytes, suffix: str
) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(content)
    done = run_traymon("config", "validate", str(path), env=isolated_env, timeout=PROMPT_S)
    _clean(done.stderr)
    assert done.returncode == 3
    assert done.stderr.startswith(f"{path}: ")
    assert "ExpatError" not in done.stderr


@pytest.mark.parametrize("content", _BROKEN_PLISTS.values(), ids=list(_BROKEN_PLISTS))
def test_the_macos_reader_ignores_a_broken_managed_preferences_file(
    tmp_path: Path, content: bytes
) -> None:
    reader = PlistReader(root=tmp_path, user="alice")
    user_file, computer_file = reader.policy_files
    user_file.parent.mkdir(parents=True)
    user_file.write_bytes(plistlib.dumps({"checks.min_interval": 90}))
    computer_file.write_bytes(content)
    reader.machine_file.parent.mkdir(parents=True)
    os.mkfifo(reader.machine_file)

    policy = reader.policy()
    assert policy.values["checks.min_interval"].value == 90  # the good file still counts
    (problem,) = policy.problems
    assert str(problem).startswith(f"{computer_file}: ")
    (pipe_problem,) = reader.machine_defaults().problems
    assert "named pipe" in str(pipe_problem)


def test_the_macos_reader_refuses_an_oversized_plist(tmp_path: Path) -> None:
    reader = PlistReader(root=tmp_path, user="alice")
    reader.machine_file.parent.mkdir(parents=True)
    reader.machine_file.write_bytes(
        plistlib.dumps({"checks.min_interval": 90, "padding": "x" * MAX_SETTINGS_BYTES})
    )
    layer = reader.machine_defaults()
    assert layer.values == {}
    assert "larger than 1 MiB" in str(layer.problems[0])
    assert BUNDLE_ID in str(layer.problems[0])


def test_the_autostart_entries_survive_damage(tmp_path: Path) -> None:
    from traymon.platform.autostart import MacLaunchAgent, XdgAutostart

    agent = MacLaunchAgent(home=tmp_path)
    agent.path.parent.mkdir(parents=True)
    agent.path.write_bytes(_TRUNCATED)
    assert agent.is_enabled() is False
    xdg = XdgAutostart(tmp_path / "cfg")
    xdg.path.parent.mkdir(parents=True)
    xdg.path.write_bytes(b"[Desktop Entry]\nName=Tr\xffymon\n")
    assert xdg.is_enabled() is False

    for path in (agent.path, xdg.path):
        path.unlink()
        os.mkfifo(path)
    code = (
        "import sys; from pathlib import Path\n"
        "from traymon.platform.autostart import MacLaunchAgent, XdgAutostart\n"
        "print(MacLaunchAgent(Path(sys.argv[1])).is_enabled(),"
        " XdgAutostart(Path(sys.argv[1]) / 'cfg').is_enabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=PROMPT_S,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "False False")
