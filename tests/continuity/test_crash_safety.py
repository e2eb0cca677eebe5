"""Kill the switching process at every step, and at random moments, and check the profile.

Each run forks a child that switches (or restores) a fresh copy of a realistic
profile and is killed with SIGKILL at step N (or by SIGALRM at a random moment).
Afterwards prefs.js must be exactly the old bytes or exactly the new ones, and a
restore in a new process must give back the original bytes.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from tests.continuity.conftest import no_processes
from tests.thunderbird_profile import PREFS_JS, make_profile_root
from traymon.continuity.journal import Journal
from traymon.continuity.thunderbird import ThunderbirdAdapter

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")

ORIGINAL = PREFS_JS.encode("utf-8")


def fresh(tmp_path: Path, name: str) -> tuple[Path, Journal]:
    return make_profile_root(tmp_path / name / "tb"), Journal(tmp_path / name / "journal")


def switched_bytes(tmp_path: Path) -> bytes:
    profile, journal = fresh(tmp_path, "reference")
    ThunderbirdAdapter(journal, profile, processes=no_processes).switch("account3")
    return (profile / "prefs.js").read_bytes()


def record_steps(tmp_path: Path, restore: bool) -> list[str]:
    profile, journal = fresh(tmp_path, f"steps-{restore}")
    tb = ThunderbirdAdapter(journal, profile, processes=no_processes)
    steps: list[str] = []
    if restore:
        tb.switch("account3")
        tb.restore(checkpoint=steps.append)
    else:
        tb.switch("account3", checkpoint=steps.append)
    return steps


def run_and_die(
    profile: Path, journal: Journal, restore: bool, kill_at: int | None, alarm_s: float | None
) -> int:
    """Fork a child that switches or restores and dies; the signal that ended it, or 0."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)  # pytest-timeout's handler must not run
            calls = 0

            def checkpoint(step: str) -> None:
                nonlocal calls
                if calls == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                calls += 1

            tb = ThunderbirdAdapter(journal, profile, processes=no_processes)
            if alarm_s is not None:
                signal.setitimer(signal.ITIMER_REAL, alarm_s)
            if restore:
                tb.restore(checkpoint=checkpoint)
            else:
                tb.switch("account3", checkpoint=checkpoint)
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0


def assert_old_or_new_then_restorable(profile: Path, journal: Journal, new: bytes) -> bytes:
    after_crash = (profile / "prefs.js").read_bytes()
    assert after_crash in (ORIGINAL, new), "prefs.js is neither the old nor the new file"
    ThunderbirdAdapter(journal, profile, processes=no_processes).restore()
    assert (profile / "prefs.js").read_bytes() == ORIGINAL
    assert journal.all() == []
    assert not list(profile.glob(".*.traymon-tmp")), "a killed write's temp file was left behind"
    return after_crash


def test_a_kill_at_every_step_of_a_switch_leaves_old_or_new_and_restore_completes(
    tmp_path: Path,
) -> None:
    new = switched_bytes(tmp_path)
    steps = record_steps(tmp_path, restore=False)
    assert len(steps) >= 8  # journal, backups, temp written, synced, replaced, verified, …
    outcomes = set()
    for index, step in enumerate(steps):
        profile, journal = fresh(tmp_path, f"switch-{index}")
        assert run_and_die(profile, journal, False, index, None) == signal.SIGKILL, step
        outcomes.add(assert_old_or_new_then_restorable(profile, journal, new))
    assert outcomes == {ORIGINAL, new}  # both sides of the atomic replace were reached


def test_a_kill_at_every_step_of_a_restore_leaves_new_or_old_and_restore_completes(
    tmp_path: Path,
) -> None:
    new = switched_bytes(tmp_path)
    steps = record_steps(tmp_path, restore=True)
    assert steps
    for index, step in enumerate(steps):
        profile, journal = fresh(tmp_path, f"restore-{index}")
        ThunderbirdAdapter(journal, profile, processes=no_processes).switch("account3")
        assert run_and_die(profile, journal, True, index, None) == signal.SIGKILL, step
        assert_old_or_new_then_restorable(profile, journal, new)


def test_a_switch_after_a_killed_switch_starts_clean(tmp_path: Path) -> None:
    steps = record_steps(tmp_path, restore=False)
    kill_at = steps.index("journal:backed_up")
    profile, journal = fresh(tmp_path, "again")
    assert run_and_die(profile, journal, False, kill_at, None) == signal.SIGKILL
    tb = ThunderbirdAdapter(journal, profile, processes=no_processes)
    assert tb.status().pending is not None  # the unfinished switch is visible
    assert tb.switch("account3").changed
    tb.restore()
    assert (profile / "prefs.js").read_bytes() == ORIGINAL


def test_kills_at_random_moments_never_leave_a_mixed_profile(tmp_path: Path) -> None:
    new = switched_bytes(tmp_path)
    profile, journal = fresh(tmp_path, "timing")
    started = time.perf_counter()
    ThunderbirdAdapter(journal, profile, processes=no_processes).switch("account3")
    duration = time.perf_counter() - started
    rng = random.Random(7)  # fixed seed: a failure can be replayed
    killed = 0
    for run in range(40):
        profile, journal = fresh(tmp_path, f"random-{run}")
        restore = run % 4 == 3
        if restore:
            ThunderbirdAdapter(journal, profile, processes=no_processes).switch("account3")
        alarm = max(1e-6, rng.uniform(0, duration * 1.2))
        if run_and_die(profile, journal, restore, None, alarm) == signal.SIGALRM:
            killed += 1
        assert_old_or_new_then_restorable(profile, journal, new)
    assert killed >= 10  # most runs really were cut short somewhere inside the switch
