"""Starting a mail client for the person: a real child process that outlives the call."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from traymon.platform.launch import LaunchError, start_detached

RECORDER = """
import json, os, sys
with open(sys.argv[1] + ".tmp", "w") as out:
    json.dump({"argv": sys.argv[2:], "sid": os.getsid(0), "pid": os.getpid()}, out)
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
"""


def _wait_for(path: Path, timeout_s: float = 10.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout_s
    while not path.exists():  # a condition, not a guess at how long a start takes
        assert time.monotonic() < deadline, "the started program never ran"
        time.sleep(0.02)
    data: dict[str, object] = json.loads(path.read_text())
    return data


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX session check")
def test_the_program_runs_with_its_arguments_in_a_session_of_its_own(tmp_path: Path) -> None:
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER)
    out = tmp_path / "ran.json"
    start_detached([sys.executable, str(script), str(out), "/profile", "Backup profile"])
    ran = _wait_for(out)
    assert ran["argv"] == ["/profile", "Backup profile"]  # a space survives as one argument
    # Its own session: it neither dies with Traymon nor receives Traymon's Ctrl-C.
    assert ran["sid"] == ran["pid"] and ran["sid"] != os.getsid(0)


def test_a_missing_program_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(LaunchError) as raised:
        start_detached([str(tmp_path / "outlook.exe"), "/profile", "Backup"])
    assert str(raised.value).startswith(f"{tmp_path / 'outlook.exe'} could not be started (")
    with pytest.raises(LaunchError, match="no program"):
        start_detached([])


def test_mail_switch_start_launches_what_the_adapter_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from traymon.commands.mail_command import EXIT_OK, _run
    from traymon.continuity.adapter import Outcome

    script = tmp_path / "recorder.py"
    script.write_text(RECORDER)
    out = tmp_path / "ran.json"
    launch = (sys.executable, str(script), str(out), "/profile", "Backup")
    switched = Outcome(True, "Switched Outlook.", next_step="Start Outlook again.", launch=launch)
    assert _run(lambda: switched, start=True) == EXIT_OK
    assert _wait_for(out)["argv"] == ["/profile", "Backup"]
    assert capsys.readouterr().out.splitlines()[-1].startswith("Started: ")
    # Without --start the command only says how.
    assert _run(lambda: switched) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[-1] == "Start Outlook again."
    # A start that fails leaves the switch standing and says both what failed and what to do.
    missing = Outcome(True, "Switched.", next_step="Start Outlook again.", launch=("/nope/x",))
    assert _run(lambda: missing, start=True) == EXIT_OK
    assert capsys.readouterr().err.startswith("/nope/x could not be started (")
