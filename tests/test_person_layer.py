"""The person's choices as a settings layer: above the user's file, below policy, under IT's floor.

Resolved by the settings code (``traymon.config.layers``), so the engine, ``traymon config
show`` and the dialog read one answer. Real files throughout: TOML layers in a policy
folder, the person's ``choices.toml``, the installed ``traymon`` command.
"""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

from tests.conftest import run_traymon, write_config
from traymon.config.layers import EffectiveSettings, Layer, builtin_services, resolve
from traymon.config.person import PersonFile, PersonLayer, person_file_path, render
from traymon.config.toml_layer import parse_toml_layer
from traymon.config.values import LayerValues

EMPTY = LayerValues.empty("(none)")


def _layer(tmp_path: Path, name: str, text: str) -> LayerValues:
    return parse_toml_layer(text, tmp_path / name)


def _person(tmp_path: Path, text: str) -> PersonLayer:
    path = tmp_path / "choices.toml"
    path.write_text(text, encoding="utf-8")
    return PersonFile(path).read()


def _resolve(
    tmp_path: Path,
    *,
    machine: str = "",
    user: str = "",
    person: str = "",
    policy: str = "",
) -> EffectiveSettings:
    return resolve(
        builtin_services(),
        _layer(tmp_path, "defaults.toml", machine),
        _layer(tmp_path, "config.toml", user),
        _layer(tmp_path, "policy.toml", policy),
        person=_person(tmp_path, person),
    )


def _intervals(effective: EffectiveSettings) -> set[int]:
    return {s.interval for s in effective.config().services}


def test_a_machine_floor_holds_against_the_persons_one_minute(tmp_path: Path) -> None:
    """The issue's second bug: IT's floor as a machine default, the person picks 1 min."""
    effective = _resolve(
        tmp_path, machine="[checks]\nmin_interval = 900\n", person="[checks]\ninterval = 60\n"
    )
    assert _intervals(effective) == {900}
    interval = effective.resolved["checks.interval"]
    assert (interval.value, interval.source) == (900, Layer.PERSON)  # chosen, and raised


def test_a_policy_floor_is_what_the_engine_and_the_settings_say(tmp_path: Path) -> None:
    """The issue's first bug: with policy's floor of 900 s, every layer says 900."""
    effective = _resolve(tmp_path, policy="[checks]\nmin_interval = 900\n")
    assert _intervals(effective) == {900}
    assert effective.value("checks.interval") == 900
    assert effective.locked() == frozenset({"checks.min_interval"})  # a floor, not a lock


def test_the_person_wins_over_the_user_file_and_policy_over_the_person(tmp_path: Path) -> None:
    effective = _resolve(
        tmp_path,
        user='[notifications]\nenabled = true\nquiet_hours = "22:00-07:00"\n',
        person='[notifications]\nenabled = false\nquiet_hours = ""\n[tray]\nshow_count = false\n',
        policy='[notifications]\nquiet_hours = "20:00-08:00"\n',
    )
    enabled = effective.resolved["notifications.enabled"]
    assert (enabled.value, enabled.source, enabled.locked) == (False, Layer.PERSON, False)
    quiet = effective.resolved["notifications.quiet_hours"]
    assert (quiet.value, quiet.source, quiet.locked) == ("20:00-08:00", Layer.POLICY, True)
    config = effective.config()
    assert config.notifications.enabled is False  # in the one Config, for the engine
    assert config.show_count is False
    assert effective.by_layer[Layer.PERSON]["notifications.quiet_hours"] == ""


def test_the_persons_services_come_from_the_list_and_the_catalogue(tmp_path: Path) -> None:
    effective = _resolve(tmp_path, person='[checks]\nwatch = ["slack", "github", "no-such"]\n')
    services = effective.config().services
    assert [s.id for s in services] == ["slack", "github"]  # slack: a catalogue entry
    assert effective.resolved["services"].source is Layer.PERSON
    # A list policy sets is IT's: the person's choice does not narrow or widen it.
    locked = _resolve(
        tmp_path,
        person='[checks]\nwatch = ["slack"]\n',
        policy='[[services]]\nuse = "github"\n',
    )
    assert [s.id for s in locked.config().services] == ["github"]


def test_a_per_service_choice_beats_the_common_one_and_still_meets_the_floor(
    tmp_path: Path,
) -> None:
    effective = _resolve(
        tmp_path,
        machine="[checks]\nmin_interval = 120\n",
        person=(
            '[checks]\ninterval = 600\nwatch = ["github", "slack"]\n\n'
            '[service."github"]\ninterval = 1200\n\n[service."slack"]\ninterval = 40\n'
        ),
    )
    assert {s.id: s.interval for s in effective.config().services} == {
        "github": 1200,
        "slack": 120,
    }


def test_a_bad_or_foreign_value_in_the_persons_file_is_ignored_not_fatal(tmp_path: Path) -> None:
    person = _person(
        tmp_path,
        '[checks]\ninterval = "soon"\n[network]\nproxy = "http://evil.example:1"\n'
        "[notifications]\nenabled = false\n",
    )
    assert any("not a choice" in str(p) for p in person.values.problems)
    effective = resolve(builtin_services(), EMPTY, EMPTY, EMPTY, person=person)
    assert effective.value("network.proxy") == ""
    assert effective.resolved["checks.interval"].source is Layer.DEFAULT
    assert effective.value("notifications.enabled") is False
    broken = _person(tmp_path, "[checks\n")  # not TOML at all: a problem, never a stop
    assert broken.values.problems and not broken.values.values


def test_saving_stores_only_the_changes_keeps_unknown_keys_and_is_private(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deep" / "choices.toml"
    store = PersonFile(path)
    store.save({"checks.interval": 600, "checks.watch": ("github", 'odd "id"\x7f')})
    store.save({"notifications.enabled": False}, {"github": {"interval": 900}})
    path.write_text(
        path.read_text(encoding="utf-8") + 'components = ["Git operations"]\n', encoding="utf-8"
    )  # a newer version's per-service key, inside [service."github"]
    store.save({"checks.interval": None})  # forgotten: the layers below count again
    read = store.read()
    assert read.values.problems == ()
    assert {n: r.value for n, r in read.values.values.items()} == {
        "checks.watch": ["github", 'odd "id"\x7f'],
        "notifications.enabled": False,
    }
    assert dict(read.per_service["github"]) == {"interval": 900, "components": ["Git operations"]}
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with pytest.raises(ValueError, match=r"network\.proxy"):
        store.save({"network.proxy": "http://p.example:8080"})
    assert render({}, {}).startswith("# Your choices")


def test_config_show_names_the_person_as_a_source(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    isolated_env["TRAYMON_POLICY_DIR"] = str(tmp_path / "etc")
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "defaults.toml").write_text("[checks]\nmin_interval = 900\n")
    choices = person_file_path()
    assert choices.is_relative_to(tmp_path)  # next to the user's config.toml
    PersonFile(choices).save({"checks.interval": 60, "notifications.enabled": False})
    config = write_config(
        tmp_path / "t.toml",
        [{"id": "gh", "name": "GitHub", "kind": "statuspage", "url": "https://x.test"}],
    )
    shown = run_traymon("config", "show", "--effective", "--json", "--config", str(config),
                        env=isolated_env)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["checks.interval"] == {"value": 900, "source": "person", "locked": False}
    assert data["notifications.enabled"]["source"] == "person"
    assert data["services"]["value"][0]["interval"] == 900  # what the tray checks by
    table = run_traymon("config", "show", "--config", str(config), env=isolated_env)
    assert table.stdout.splitlines()[0].split() == [
        "setting", "default", "machine", "user", "person", "policy", "locked",
    ]  # fmt: skip
    assert str(choices) in table.stdout  # where the person's choices were read
