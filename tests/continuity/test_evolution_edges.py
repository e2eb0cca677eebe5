"""Evolution through the real ``traymon mail`` command: the person's own choice, account ids
that try to leave ``sources/``, and a switch or restore killed at every step.

GSettings is real (the keyfile backend in the test's XDG_CONFIG_HOME), so is every
.source file, and every process: the killed one is a real subprocess that SIGKILLs
itself at checkpoint N, and the next command is the installed ``traymon``.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_traymon
from tests.continuity.evolution_accounts import (
    BACKUP_ACCOUNT,
    BACKUP_UID,
    PERSONAL_ACCOUNT,
    PERSONAL_UID,
    WORK_UID,
    gsettings,
    make_sources,
)
from traymon.continuity.evolution import (
    SCHEMA,
    EvolutionAdapter,
    GSettings,
    is_source_uid,
    sources_dir,
)
from traymon.continuity.journal import Journal, Stage

pytestmark = pytest.mark.linux_only  # needs Evolution's GSettings schema

OLD_IDENTITY = f"'{WORK_UID}-identity'"


@pytest.fixture
def evo_env(isolated_env: dict[str, str]) -> dict[str, str]:
    env = {**isolated_env, "GSETTINGS_BACKEND": "keyfile"}
    if not GSettings(env=env).available():
        pytest.skip(f"gsettings or the {SCHEMA} schema is missing (evolution-data-server-common)")
    make_sources(sources_dir(env))
    gsettings(env, "set", "default-mail-account", f"'{WORK_UID}'")
    gsettings(env, "set", "default-mail-identity", OLD_IDENTITY)
    return env


def evolution(action: str, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    args = ["mail", action, "--client", "evolution", *extra]
    if action == "switch" and not extra:
        args += ["--account", BACKUP_UID]
    return run_traymon(*args, env=env)


def state(env: dict[str, str]) -> tuple[str, str, bytes]:
    """Everything a switch touches: the default account, its identity, the backup's file."""
    return (
        gsettings(env, "get", "default-mail-account"),
        gsettings(env, "get", "default-mail-identity"),
        (sources_dir(env) / f"{BACKUP_UID}.source").read_bytes(),
    )


OLD = (f"'{WORK_UID}'", OLD_IDENTITY, BACKUP_ACCOUNT.encode())
NEW = (
    f"'{BACKUP_UID}'",
    f"'{BACKUP_UID}-identity'",
    BACKUP_ACCOUNT.replace("Enabled=false", "Enabled=true").encode(),
)


def journal_of(env: dict[str, str]) -> Journal:
    return Journal(Path(env["XDG_DATA_HOME"]) / "traymon" / "continuity")


# --- the person's own choice ----------------------------------------------------------


def test_restore_keeps_a_default_account_the_person_chose_in_evolution(
    evo_env: dict[str, str],
) -> None:
    (sources_dir(evo_env) / f"{PERSONAL_UID}.source").write_text(PERSONAL_ACCOUNT, "utf-8")
    assert evolution("switch", evo_env).returncode == 0
    # Evolution's "Default" button sets both keys (EMailAccountStore)
    gsettings(evo_env, "set", "default-mail-account", f"'{PERSONAL_UID}'")
    gsettings(evo_env, "set", "default-mail-identity", f"'{PERSONAL_UID}-identity'")

    result = evolution("restore", evo_env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"You chose ana@personal.example.org ({PERSONAL_UID}) yourself after the switch; "
        "Traymon left it as it is."
    )
    assert state(evo_env) == (f"'{PERSONAL_UID}'", f"'{PERSONAL_UID}-identity'", OLD[2])
    assert journal_of(evo_env).all() == []


def test_an_account_id_that_is_a_path_is_refused_and_nothing_outside_sources_is_written(
    evo_env: dict[str, str], tmp_path: Path
) -> None:
    outside = tmp_path / "x.source"  # a disabled "mail account" three folders up from sources/
    outside.write_text(BACKUP_ACCOUNT, encoding="utf-8")
    sources = sources_dir(evo_env)
    assert (sources / "../../../x.source").resolve() == outside.resolve()

    for account in ("../../../x", "/etc/passwd", ".hidden"):
        result = evolution("switch", evo_env, "--account", account)
        assert result.returncode == 1, (account, result.stdout, result.stderr)
        assert "is not an Evolution account id" in result.stderr, account
        assert "Traceback" not in result.stderr

    for account in ("a\\b", "a/../b", "..", "x\0y", ""):  # NUL: a config file, not argv
        assert not is_source_uid(account), account
    assert is_source_uid(BACKUP_UID)
    assert outside.read_text(encoding="utf-8") == BACKUP_ACCOUNT
    assert state(evo_env) == OLD
    assert journal_of(evo_env).all() == []


# --- killed at every step -------------------------------------------------------------

_DIE_AT = """
import os, signal, sys
from traymon.continuity.evolution import EvolutionAdapter
from traymon.continuity.journal import Journal

action, kill_at, backup = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = 0

def checkpoint(step: str) -> None:
    global calls
    print(step, flush=True)
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    calls += 1

adapter = EvolutionAdapter(Journal(), processes=frozenset)
if action == "switch":
    adapter.switch(backup, checkpoint=checkpoint)
else:
    adapter.restore(checkpoint=checkpoint)
"""


def run_and_die(env: dict[str, str], action: str, kill_at: int) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _DIE_AT, action, str(kill_at), BACKUP_UID],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout.split()


def reset(env: dict[str, str], switched: bool) -> None:
    """Back to the old state (in this process: only the command after a kill is under test)."""
    for record in journal_of(env).folder.glob("*"):
        record.unlink()
    (sources_dir(env) / f"{BACKUP_UID}.source").write_text(BACKUP_ACCOUNT, encoding="utf-8")
    gsettings(env, "set", "default-mail-account", OLD[0])
    gsettings(env, "set", "default-mail-identity", OLD[1])
    if switched:
        adapter = EvolutionAdapter(journal_of(env), GSettings(env=env), sources_dir(env))
        assert adapter.switch(BACKUP_UID).changed


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Evolution runs on Linux")
@pytest.mark.parametrize("action", ["switch", "restore"])
def test_a_kill_at_every_step_is_entirely_old_or_new_after_the_next_command(
    evo_env: dict[str, str], action: str
) -> None:
    start_switched = action == "restore"
    reset(evo_env, start_switched)
    before = state(evo_env)
    _, steps = run_and_die(evo_env, action, 10_000)  # no kill: the steps there are
    assert len(steps) >= (8 if action == "switch" else 3), steps

    seen = set()
    for index, step in enumerate(steps):
        reset(evo_env, start_switched)
        assert state(evo_env) == before
        code, _ = run_and_die(evo_env, action, index)
        assert code == -signal.SIGKILL, step

        after = evolution("status", evo_env)  # the next command, whatever it is

        assert after.returncode == 0, (step, after.stderr)
        now = state(evo_env)
        assert now in (OLD, NEW), f"killed at {step}: a mixed state survived `mail status`: {now}"
        records = journal_of(evo_env).all()
        assert (now == NEW) == bool(records), f"killed at {step}: the journal does not match"
        assert all(r.stage is Stage.SWITCHED for r in records), step
        seen.add(now)
    # A switch ends entirely old or entirely new (both were reached); a restore that
    # began is always finished by the next command.
    assert seen == ({OLD, NEW} if action == "switch" else {OLD})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Evolution runs on Linux")
def test_a_switch_after_a_killed_restore_finishes_the_restore_first(
    evo_env: dict[str, str],
) -> None:
    assert evolution("switch", evo_env).returncode == 0
    _, steps = run_and_die(evo_env, "restore", 10_000)
    evolution("switch", evo_env)
    mid = next(i for i, s in enumerate(steps) if s.startswith("restored:"))
    assert run_and_die(evo_env, "restore", mid)[0] == -signal.SIGKILL

    again = evolution("switch", evo_env)

    assert again.returncode == 0, again.stderr
    assert state(evo_env) == NEW
    assert evolution("restore", evo_env).returncode == 0
    assert state(evo_env) == OLD
