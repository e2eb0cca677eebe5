"""``traymon mail`` run as a command, as an IT script would, on real profile folders."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_traymon
from tests.thunderbird_profile import PREFS_JS

pytestmark = pytest.mark.linux_only  # needs XDG folders and $TRAYMON_POLICY_DIR


def test_switch_then_restore_round_trips_the_profile_byte_for_byte(
    profile: Path, isolated_env: dict[str, str]
) -> None:
    switched = run_traymon(
        "mail", "switch", "--client", "thunderbird", "--profile", str(profile),
        "--backup-account", "account3", env=isolated_env,
    )  # fmt: skip
    assert switched.returncode == 0, switched.stderr
    assert "Switched Thunderbird: default account account1 (ana@example.com)" in switched.stdout
    assert "Start Thunderbird again" in switched.stdout
    assert (
        b'"mail.accountmanager.defaultaccount", "account3"' in (profile / "prefs.js").read_bytes()
    )

    status = run_traymon(
        "mail", "status", "--json", "--client", "thunderbird", "--profile", str(profile),
        env=isolated_env,
    )  # fmt: skip
    client = json.loads(status.stdout)["clients"][0]
    assert client["found"] and not client["running"]
    assert client["current"] == "account3 (ana@backup-mail.example.net)"
    assert client["switched_to"].startswith("default account account1")
    assert client["switch_in_progress"] is None

    restored = run_traymon(
        "mail", "restore", "--client", "thunderbird", "--profile", str(profile), env=isolated_env
    )
    assert restored.returncode == 0, restored.stderr
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


def test_a_running_thunderbird_is_refused_with_exit_1_and_nothing_changes(
    profile: Path, isolated_env: dict[str, str], lock_holder: Callable[[Path], None]
) -> None:
    lock_holder(profile)
    result = run_traymon(
        "mail", "switch", "--client", "thunderbird", "--profile", str(profile),
        "--backup-account", "account3", env=isolated_env,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Close Thunderbird first; Traymon never closes it for you" in result.stderr
    assert "Traceback" not in result.stderr
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()
    assert not (Path(isolated_env["XDG_DATA_HOME"]) / "traymon").exists()


def test_an_unknown_account_is_refused_with_the_accounts_it_has(
    profile: Path, isolated_env: dict[str, str]
) -> None:
    result = run_traymon(
        "mail", "switch", "--client", "thunderbird", "--profile", str(profile),
        "--backup-account", "account7", env=isolated_env,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "This profile has no account 'account7'; its accounts are: account1 (ana@example.com), "
        "account3 (ana@backup-mail.example.net), account2 (Local Folders)."
    )
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


def test_the_backup_account_can_come_from_the_configuration(
    profile: Path, isolated_env: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "traymon.toml"
    config.write_text(
        '[[services]]\nid = "exchange-online"\nname = "Exchange Online"\nkind = "statuspage"\n'
        'url = "https://status.example.com"\n\n[continuity]\nmode = "ask"\n'
        'trigger_services = ["exchange-online"]\n\n[continuity.backup]\nthunderbird = "account3"\n',
        encoding="utf-8",
    )
    result = run_traymon(
        "mail", "switch", "--client", "thunderbird", "--profile", str(profile),
        "--config", str(config), env=isolated_env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "account3" in result.stdout


def test_the_backup_account_can_come_from_it_policy(
    profile: Path, isolated_env: dict[str, str], tmp_path: Path
) -> None:
    policy_dir = tmp_path / "etc-traymon"
    policy_dir.mkdir()
    (policy_dir / "policy.toml").write_text(
        '[continuity]\nmode = "ask"\ntrigger_services = ["github"]\n\n'
        '[continuity.backup]\nthunderbird = "account3"\n',
        encoding="utf-8",
    )
    env = {**isolated_env, "TRAYMON_POLICY_DIR": str(policy_dir)}
    result = run_traymon(
        "mail", "switch", "--client", "thunderbird", "--profile", str(profile), env=env
    )
    assert result.returncode == 0, result.stderr
    assert "account3" in result.stdout


def test_the_other_client_is_told_to_use_webmail(isolated_env: dict[str, str]) -> None:
    result = run_traymon("mail", "switch", "--client", "other", env=isolated_env)
    assert result.returncode == 1
    assert "Traymon cannot switch your mail program" in result.stderr


def test_restore_finds_the_switch_however_the_profile_path_is_written(
    profile: Path, isolated_env: dict[str, str]
) -> None:
    relative = os.path.relpath(profile, Path.cwd())
    switched = run_traymon(
        "mail", "switch", "--client", "thunderbird", "--profile", relative,
        "--backup-account", "account3", env=isolated_env,
    )  # fmt: skip
    assert switched.returncode == 0, switched.stderr
    restored = run_traymon(
        "mail", "restore", "--client", "thunderbird", "--profile", f"{profile}/", env=isolated_env
    )
    assert "Restored Thunderbird" in restored.stdout
    assert (profile / "prefs.js").read_bytes() == PREFS_JS.encode()


def test_status_in_words_names_the_profile_the_default_and_the_switch(
    profile: Path, isolated_env: dict[str, str]
) -> None:
    args = ("--client", "thunderbird", "--profile", str(profile))
    before = run_traymon("mail", "status", *args, env=isolated_env)
    assert before.returncode == 0
    assert before.stdout.strip() == (
        f"Thunderbird: Thunderbird profile {profile}; default account1 (ana@example.com)."
    )
    run_traymon("mail", "switch", *args, "--backup-account", "account3", env=isolated_env)
    after = run_traymon("mail", "status", *args, env=isolated_env)
    assert "default account3 (ana@backup-mail.example.net)" in after.stdout
    assert (
        "switched by Traymon (default account account1 (ana@example.com) → account3" in after.stdout
    )
