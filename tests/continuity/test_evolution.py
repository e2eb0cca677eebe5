"""Evolution with the real ``gsettings`` command (keyfile backend) and real .source files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.continuity.evolution_accounts import (
    BACKUP_ACCOUNT,
    BACKUP_UID,
    WORK_UID,
    make_sources,
)
from traymon.continuity.errors import NotFoundError
from traymon.continuity.evolution import SCHEMA, EvolutionAdapter, GSettings, sources_dir
from traymon.continuity.journal import Journal

pytestmark = pytest.mark.linux_only  # needs Evolution's GSettings schema


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        GSETTINGS_BACKEND="keyfile",  # a real GSettings backend that lives in XDG_CONFIG_HOME
    )
    if not GSettings(env=env).available():
        pytest.skip(f"gsettings or the {SCHEMA} schema is missing (evolution-data-server-common)")
    make_sources(sources_dir(env))
    gsettings(env, "set", "default-mail-account", f"'{WORK_UID}'")
    return env


def gsettings(env: dict[str, str], *args: str) -> str:
    command = ["gsettings", args[0], SCHEMA, *args[1:]]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def adapter(env: dict[str, str], tmp_path: Path) -> EvolutionAdapter:
    return EvolutionAdapter(Journal(tmp_path / "j"), GSettings(env=env), sources_dir(env))


def test_switch_sets_the_default_account_and_identity_and_enables_the_backup(
    env: dict[str, str], tmp_path: Path
) -> None:
    evolution = adapter(env, tmp_path)
    assert evolution.status().current == f"ana@example.com ({WORK_UID})"

    outcome = evolution.switch(BACKUP_UID)

    assert outcome.changed
    assert gsettings(env, "get", "default-mail-account").strip() == f"'{BACKUP_UID}'"
    assert gsettings(env, "get", "default-mail-identity").strip() == f"'{BACKUP_UID}-identity'"
    backup_file = sources_dir(env) / f"{BACKUP_UID}.source"
    assert backup_file.read_text(encoding="utf-8") == BACKUP_ACCOUNT.replace(
        "Enabled=false", "Enabled=true"
    )


def test_restore_puts_the_settings_and_the_file_back_exactly(
    env: dict[str, str], tmp_path: Path
) -> None:
    evolution = adapter(env, tmp_path)
    before_identity = gsettings(env, "get", "default-mail-identity")
    evolution.switch(BACKUP_UID)

    evolution.restore()

    assert gsettings(env, "get", "default-mail-account").strip() == f"'{WORK_UID}'"
    assert gsettings(env, "get", "default-mail-identity") == before_identity
    backup_file = sources_dir(env) / f"{BACKUP_UID}.source"
    assert backup_file.read_bytes() == BACKUP_ACCOUNT.encode("utf-8")


def test_an_unknown_account_or_an_identity_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    evolution = adapter(env, tmp_path)
    for uid in ("no-such-uid", f"{BACKUP_UID}-identity"):
        with pytest.raises(NotFoundError, match="no Evolution mail account"):
            evolution.switch(uid)
    assert gsettings(env, "get", "default-mail-account").strip() == f"'{WORK_UID}'"


def test_a_failure_after_the_file_write_rolls_everything_back(
    env: dict[str, str], tmp_path: Path
) -> None:
    evolution = adapter(env, tmp_path)

    def fail_after_first_setting(step: str) -> None:
        if step == "value:default-mail-account":
            raise OSError("injected: the disk filled up")

    with pytest.raises(Exception, match="put back as it was"):
        evolution.switch(BACKUP_UID, checkpoint=fail_after_first_setting)
    assert gsettings(env, "get", "default-mail-account").strip() == f"'{WORK_UID}'"
    backup_file = sources_dir(env) / f"{BACKUP_UID}.source"
    assert backup_file.read_bytes() == BACKUP_ACCOUNT.encode("utf-8")
    assert Journal(tmp_path / "j").all() == []


def test_status_shows_the_default_and_the_switch_in_force(
    env: dict[str, str], tmp_path: Path
) -> None:
    evolution = EvolutionAdapter(
        Journal(tmp_path / "j"), GSettings(env=env), sources_dir(env), lambda: frozenset()
    )
    assert evolution.detect().detail == "2 Evolution mail accounts"
    evolution.switch(BACKUP_UID)
    status = evolution.status()
    assert status.current == f"Backup mail ({BACKUP_UID})"
    assert status.switched_to == (
        f"default account ana@example.com ({WORK_UID}) → Backup mail ({BACKUP_UID})"
    )
