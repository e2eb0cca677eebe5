"""The layers: defaults < machine defaults < user < (the person) < policy, and policy locks.

Linux layers are real files in ``$TRAYMON_POLICY_DIR``; the commands run as a person
(or IT's script) runs them.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from tests.conftest import run_traymon
from traymon.config import ConfigError
from traymon.config.layers import Layer, load_effective
from traymon.platform.linux import PolicyDirReader

pytestmark = pytest.mark.linux_only  # needs policy from $TRAYMON_POLICY_DIR (the Linux reader)

USER = """\
[[services]]
id = "mine"
name = "Mine"
kind = "statuspage"
url = "https://mine.example"
interval = 60

[continuity]
mode = "ask"

[notifications]
enabled = false
quiet_hours = "22:00-07:00"
"""

POLICY = """\
[checks]
min_interval = 120

[continuity]
mode = "automatic"
"""

POLICY_SERVICES = """\
[[services]]
id = "corp"
name = "Corp mail"
kind = "statuspage"
url = "https://status.corp.example"

[[services]]
id = "mine"
name = "IT's entry for the same id"
kind = "statuspage"
url = "https://it.example"
"""


@pytest.fixture
def policy_dir(tmp_path: Path, isolated_env: dict[str, str]) -> Path:
    folder = tmp_path / "etc-traymon"
    folder.mkdir()
    isolated_env["TRAYMON_POLICY_DIR"] = str(folder)
    return folder


def _user_file(tmp_path: Path, text: str = USER) -> Path:
    path = tmp_path / "user.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _effective(folder: Path, user: Path) -> dict[str, dict[str, object]]:
    return _show(folder, user)


def _show(folder: Path, user: Path) -> dict[str, dict[str, object]]:
    effective = load_effective(PolicyDirReader(folder), user)
    return {
        name: {"value": r.value, "source": r.source.value, "locked": r.locked}
        for name, r in effective.resolved.items()
    }


def test_policy_overrides_and_locks_user_values_as_config_show_reports(
    tmp_path: Path, policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    (policy_dir / "policy.toml").write_text(POLICY, encoding="utf-8")
    user = _user_file(tmp_path)
    done = run_traymon(
        "config", "show", "--effective", "--json", "--config", str(user), env=isolated_env
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["continuity.mode"] == {"value": "automatic", "source": "policy", "locked": True}
    assert shown["checks.min_interval"] == {"value": 120, "source": "policy", "locked": True}
    assert shown["notifications.enabled"] == {"value": False, "source": "user", "locked": False}
    assert shown["logging.level"] == {"value": "info", "source": "default", "locked": False}
    # The user's service is kept (policy sets no list) but checked no more often than policy allows.
    (service,) = shown["services"]["value"]
    assert (service["id"], service["interval"]) == ("mine", 120)
    assert set(shown) >= {"services", "network.proxy", "network.reference_urls"}

    log = (Path(isolated_env["XDG_STATE_HOME"]) / "traymon" / "log" / "traymon.log").read_text()
    assert f"{user}:9: continuity.mode is set by policy; the user's value is ignored" in log


def test_machine_defaults_sit_between_built_in_and_user(tmp_path: Path, policy_dir: Path) -> None:
    (policy_dir / "defaults.toml").write_text(
        '[notifications]\nenabled = false\nup_after = 3\n[logging]\nlevel = "debug"\n',
        encoding="utf-8",
    )
    user = _user_file(tmp_path, '[logging]\nlevel = "warning"\n')
    shown = _show(policy_dir, user)
    assert shown["notifications.up_after"] == {
        "value": 3,
        "source": "machine",
        "locked": False,
    }
    assert shown["logging.level"] == {"value": "warning", "source": "user", "locked": False}
    assert shown["notifications.quiet_hours"]["source"] == "default"


def test_invalid_policy_value_is_logged_with_location_and_only_that_key_is_ignored(
    tmp_path: Path, policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (policy_dir / "defaults.toml").write_text("[checks]\nmin_interval = 90\n", encoding="utf-8")
    (policy_dir / "policy.toml").write_text(
        '[checks]\nmin_interval = 5\n\n[continuity]\nmode = "automatic"\n'
        "[network]\nreference_urls = ['ftp://files.example/']\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.INFO, logger="traymon"):
        shown = _show(policy_dir, _user_file(tmp_path, "[checks]\nmin_interval = 60\n"))
    # The user's value stands (the invalid policy value locks nothing), IT's valid key applies.
    assert shown["checks.min_interval"] == {"value": 60, "source": "user", "locked": False}
    assert shown["continuity.mode"]["locked"] is True
    assert shown["network.reference_urls"]["source"] == "default"
    text = caplog.text
    assert f"{policy_dir / 'policy.toml'}:2: checks.min_interval: must be at least 30" in text
    assert (
        f"{policy_dir / 'policy.toml'}:7: network.reference_urls: entry 1 must start with https://"
        in text
    )


def test_broken_policy_file_never_stops_the_app(
    tmp_path: Path, policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    (policy_dir / "policy.toml").write_text("[checks\nmin_interval = ", encoding="utf-8")
    (policy_dir / "defaults.toml").write_text("[checkz]\nmin_interval = 60\n", encoding="utf-8")
    done = run_traymon("config", "show", "--effective", "--json", env=isolated_env)
    assert done.returncode == 0
    assert json.loads(done.stdout)["checks.min_interval"]["source"] == "default"
    assert "policy.toml:1: not valid TOML" in done.stderr
    assert "defaults.toml:1: checkz: unknown setting; did you mean 'checks'?" in done.stderr
    assert "Traceback" not in done.stderr


def test_policy_service_list_with_user_additions(tmp_path: Path, policy_dir: Path) -> None:
    (policy_dir / "policy.toml").write_text(POLICY_SERVICES, encoding="utf-8")
    user = _user_file(
        tmp_path,
        USER
        + '\n[[services]]\nid = "extra"\nname = "Extra"\nkind = "statuspage"\n'
        + 'url = "https://extra.example"\n',
    )
    effective = load_effective(PolicyDirReader(policy_dir), user)
    services = effective.services()
    assert [(s.id, s.name) for s in services] == [
        ("corp", "Corp mail"),
        ("mine", "IT's entry for the same id"),
        ("extra", "Extra"),
    ]
    assert effective.resolved["services"].source is Layer.POLICY
    assert effective.resolved["services"].locked

    (policy_dir / "policy.toml").write_text(
        POLICY_SERVICES + "\n[checks]\nallow_user_services = false\n", encoding="utf-8"
    )
    effective = load_effective(PolicyDirReader(policy_dir), user)
    assert [s.id for s in effective.services()] == ["corp", "mine"]


def test_policy_can_forbid_user_services_without_setting_a_list(
    tmp_path: Path, policy_dir: Path
) -> None:
    (policy_dir / "policy.toml").write_text(
        "[checks]\nallow_user_services = false\n", encoding="utf-8"
    )
    (policy_dir / "defaults.toml").write_text(POLICY_SERVICES, encoding="utf-8")
    effective = load_effective(PolicyDirReader(policy_dir), _user_file(tmp_path))
    assert [s.id for s in effective.services()] == ["corp", "mine"]
    assert effective.resolved["services"].source is Layer.MACHINE


def test_invalid_policy_service_list_keeps_the_lower_list(
    tmp_path: Path, policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (policy_dir / "policy.toml").write_text(
        POLICY_SERVICES.replace('kind = "statuspage"', 'kind = "statuspag"', 1), encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING, logger="traymon"):
        effective = load_effective(PolicyDirReader(policy_dir), _user_file(tmp_path))
    assert [s.id for s in effective.services()] == ["mine"]
    assert "policy.toml:4: services[0].kind: unknown kind 'statuspag'" in caplog.text


def test_mistakes_in_the_users_own_file_are_reported_to_them(
    tmp_path: Path, policy_dir: Path
) -> None:
    user = _user_file(tmp_path, '[continuity]\nmode = "sometimes"\n[notificatons]\nenabled = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_effective(PolicyDirReader(policy_dir), user)
    problems = [str(p) for p in caught.value.problems]
    assert f"{user}:2: continuity.mode: must be one of off, ask, automatic (got 'sometimes')" in (
        problems
    )
    assert any(
        "notificatons: unknown setting; did you mean 'notifications'?" in p for p in problems
    )


def test_config_validate_names_file_line_and_key(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_text(
        '[notifications]\nquiet_hours = "25:00-07:00"\nenabled = "yes"\n'
        '[network]\nproxy_password_secret = "hunter2 with spaces"\n',
        encoding="utf-8",
    )
    done = run_traymon("config", "validate", str(bad), env=isolated_env)
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        f'{bad}:2: notifications.quiet_hours: must be times like "22:00-07:00" (24-hour clock), '
        "or empty (got '25:00-07:00')",
        f"{bad}:3: notifications.enabled: must be true or false (got 'yes')",
        f"{bad}:5: network.proxy_password_secret: must be a secret's name "
        "(letters, digits, '.', '_' and '-'), not the secret",
    ]
    good = tmp_path / "good.toml"
    good.write_text(POLICY + POLICY_SERVICES, encoding="utf-8")
    done = run_traymon("config", "validate", str(good), env=isolated_env)
    assert (done.returncode, done.stderr) == (0, "")


def test_check_uses_the_policy_service_list(
    tmp_path: Path, policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    (policy_dir / "policy.toml").write_text(
        '[[services]]\nid = "gone"\nname = "Gone"\nkind = "statuspage"\n'
        'url = "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
    done = run_traymon("check", "--json", env=isolated_env)
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["services"]] == ["gone"]
    assert report["services"][0]["error"] == "the connection was refused"


def test_a_password_in_the_proxy_address_is_refused_without_repeating_it(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(
        '[network]\nproxy = "http://bob:Hunter2-secret@proxy.corp:3128"\n', encoding="utf-8"
    )
    done = run_traymon("config", "validate", str(path), env=isolated_env)
    assert done.returncode == 3
    assert f"{path}:2: network.proxy: must not contain a password" in done.stderr
    assert "Hunter2-secret" not in done.stderr


def test_tables_and_lists_of_tables_from_policy(
    tmp_path: Path, policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    (policy_dir / "policy.toml").write_text(
        '[continuity]\nmode = "ask"\ntrigger_services = ["mine"]\n\n'
        '[continuity.backup]\nthunderbird = "account3"\n\n'
        '[[continuity.instructions]]\nservice = "*"\ntext = "Call the helpdesk on 555"\n',
        encoding="utf-8",
    )
    (policy_dir / "defaults.toml").write_text(
        "[continuity.backup]\noutlook = 3\n", encoding="utf-8"
    )
    done = run_traymon(
        "config",
        "show",
        "--effective",
        "--json",
        "--config",
        str(_user_file(tmp_path)),
        env=isolated_env,
    )
    shown = json.loads(done.stdout)
    assert shown["continuity.backup"] == {
        "value": {"thunderbird": "account3"},
        "source": "policy",
        "locked": True,
    }
    assert shown["continuity.instructions"]["value"] == [
        {"service": "*", "text": "Call the helpdesk on 555"}
    ]
    assert shown["continuity.trigger_services"]["value"] == ["mine"]
    assert "defaults.toml:1: continuity.backup: must be a table of text values" in done.stderr


def test_config_show_lists_every_layers_value_for_people_and_scripts(
    tmp_path: Path, policy_dir: Path, isolated_env: dict[str, str]
) -> None:
    (policy_dir / "policy.toml").write_text(POLICY, encoding="utf-8")
    (policy_dir / "defaults.toml").write_text('[continuity]\nmode = "ask"\n', encoding="utf-8")
    user = _user_file(tmp_path, '[continuity]\nmode = "off"\n[logging]\nlevel = "debug"\n')
    done = run_traymon("config", "show", "--json", "--config", str(user), env=isolated_env)
    layers = json.loads(done.stdout)
    assert layers["continuity.mode"] == {
        "default": "off",
        "machine": "ask",
        "user": "off",
        "policy": "automatic",
        "locked": True,
    }
    assert layers["logging.level"] == {"default": "info", "user": "debug", "locked": False}

    table = run_traymon("config", "show", "--effective", "--config", str(user), env=isolated_env)
    row = next(line for line in table.stdout.splitlines() if line.startswith("continuity.mode"))
    assert row.split() == ["continuity.mode", "automatic", "policy", "locked"]
    assert f"policy from {policy_dir / 'policy.toml'}" in table.stdout


def test_a_policy_file_others_can_write_is_flagged(
    tmp_path: Path, policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    policy = policy_dir / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    policy.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="traymon"):
        load_effective(PolicyDirReader(policy_dir), _user_file(tmp_path))
    assert "can be changed by other users" not in caplog.text
    policy.chmod(0o666)
    with caplog.at_level(logging.WARNING, logger="traymon"):
        effective = load_effective(PolicyDirReader(policy_dir), _user_file(tmp_path))
    assert f"{policy} can be changed by other users (mode -rw-rw-rw-)" in caplog.text
    assert effective.resolved["continuity.mode"].locked  # still applied


def test_continuity_from_policy_reaches_the_continuity_config(
    tmp_path: Path, policy_dir: Path
) -> None:
    (policy_dir / "policy.toml").write_text(
        '[continuity]\nmode = "automatic"\ntrigger_services = ["mine"]\n'
        'switch_after_minutes = 5\nwebmail_url = "https://webmail.example"\n'
        '[continuity.backup]\nthunderbird = "account3"\n',
        encoding="utf-8",
    )
    continuity = load_effective(PolicyDirReader(policy_dir), _user_file(tmp_path)).config()
    settings = continuity.continuity
    assert settings.mode.value == "automatic"
    assert settings.trigger_services == ("mine",)
    assert settings.switch_after.total_seconds() == 5 * 60
    assert settings.webmail_url == "https://webmail.example"
    assert dict(settings.backup) == {"thunderbird": "account3"}


def test_continuity_that_does_not_fit_together_stays_off_with_a_log_line(
    tmp_path: Path, policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The user's file asks for "ask" but names no trigger service.
    with caplog.at_level(logging.WARNING, logger="traymon.config"):
        config = load_effective(PolicyDirReader(policy_dir), _user_file(tmp_path)).config()
    assert config.continuity.mode.value == "off"
    assert "continuity.trigger_services" in caplog.text


def test_a_link_that_cannot_be_opened_keeps_continuity_on_and_is_logged(
    tmp_path: Path, policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A refused link is shown as plain text: worth a log line and a `config validate`
    # report, never a reason to switch everybody's continuity and instructions off.
    (policy_dir / "policy.toml").write_text(
        '[continuity]\nmode = "automatic"\ntrigger_services = ["mine"]\n'
        '[[continuity.instructions]]\nservice = "mine"\n'
        'text = "Use [the portal](javascript:alert(1)) or call 1234."\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="traymon.config"):
        config = load_effective(PolicyDirReader(policy_dir), _user_file(tmp_path)).config()
    assert config.continuity.mode.value == "automatic"
    assert [i.service for i in config.continuity.instructions] == ["mine"]
    assert "cannot be opened" in caplog.text
    assert "stays off" not in caplog.text
