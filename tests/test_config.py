"""Finding and validating the configuration: every mistake named by file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_traymon
from traymon.config import ConfigError, load_config
from traymon.config.layers import user_layer_file
from traymon.paths import default_services_file, user_config_file

GOOD = """\
[[services]]
id = "github"
name = "GitHub"
kind = "statuspage"
url = "https://www.githubstatus.com"
interval = 120
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "traymon.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return [str(p) for p in caught.value.problems]


def test_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    (service,) = config.services
    assert (service.id, service.name, service.kind, service.interval) == (
        "github",
        "GitHub",
        "statuspage",
        120,
    )
    assert service.url == "https://www.githubstatus.com"


def test_builtin_defaults_are_valid_and_cover_the_usual_vendors(
    isolated_env: dict[str, str],
) -> None:
    config = load_config(default_services_file())
    ids = {s.id for s in config.services}
    assert {"github", "jira", "confluence", "zoom", "dropbox"} <= ids
    assert all(s.url.startswith("https://") for s in config.services)


def test_lookup_order(
    tmp_path: Path, isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert user_layer_file() is None  # no user file: the defaults layer alone
    user = user_config_file()
    user.parent.mkdir(parents=True)
    user.write_text(GOOD, encoding="utf-8")
    assert user_layer_file() == user
    env_file = tmp_path / "env.toml"
    monkeypatch.setenv("TRAYMON_CONFIG", str(env_file))
    assert user_layer_file() == env_file
    explicit = tmp_path / "explicit.toml"
    assert user_layer_file(explicit) == explicit


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, GOOD + 'oops = "unclosed\n')
    assert "traymon.toml:7" in problem
    assert "not valid TOML" in problem


def test_unknown_kind_names_file_line_key_and_suggests(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, GOOD.replace('"statuspage"', '"statuspag"'))
    assert "traymon.toml:4: services[0].kind:" in problem
    assert "did you mean 'statuspage'" in problem


def test_missing_and_wrong_typed_fields(tmp_path: Path) -> None:
    text = GOOD.replace('name = "GitHub"\n', "").replace("interval = 120", 'interval = "5m"')
    problems = _problems(tmp_path, text)
    assert any("services[0].name: is missing" in p for p in problems)
    assert any(
        "traymon.toml:5: services[0].interval: must be a whole number" in p for p in problems
    )


def test_duplicate_id(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, GOOD + "\n" + GOOD)
    assert "traymon.toml:9: services[1].id: duplicate id 'github'" in problem


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://www.githubstatus.com", "must use https://"),
        ("ftp://example.com", "must start with https://"),
        ("https://", "has no host name"),
        ("https://example.com:99999", "not a valid URL"),
    ],
)
def test_bad_url(tmp_path: Path, url: str, words: str) -> None:
    (problem,) = _problems(tmp_path, GOOD.replace("https://www.githubstatus.com", url))
    assert "traymon.toml:5: services[0].url:" in problem
    assert words in problem


def test_plain_http_is_allowed_to_loopback(tmp_path: Path) -> None:
    path = tmp_path / "loop.toml"
    path.write_text(GOOD.replace("https://www.githubstatus.com", "http://127.0.0.1:8080"))
    assert load_config(path).services[0].url == "http://127.0.0.1:8080"


def test_bad_id_and_unknown_key(tmp_path: Path) -> None:
    text = GOOD.replace('id = "github"', 'id = "Git Hub"').replace("interval", "intervall")
    problems = _problems(tmp_path, text)
    assert any("services[0].id: must use only a-z, 0-9 and '-'" in p for p in problems)
    assert any(
        "services[0].intervall: unknown key; did you mean 'interval'?" in p for p in problems
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace('"statuspage"', '"nope"') + "\n" + GOOD.replace('"GitHub"', "42")
    problems = _problems(tmp_path, text)
    assert len(problems) == 2  # the kind of the first entry and the name of the second
    assert any("services[1].name: must be a non-empty string (got int 42)" in p for p in problems)


def test_empty_file_says_what_to_add(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, "")
    assert "no services are configured" in problem


def test_bad_config_exits_3_with_one_line_per_problem_and_no_traceback(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        GOOD.replace('"statuspage"', '"nope"').replace("interval = 120", "interval = 1")
    )
    result = run_traymon("check", "--config", str(path), env=isolated_env)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "bad.toml" in line]
    assert len(lines) == 2
    assert any(":4: services[0].kind:" in line for line in lines)
    assert any(":6: services[0].interval: must be between" in line for line in lines)


def test_missing_file_exits_3(tmp_path: Path, isolated_env: dict[str, str]) -> None:
    result = run_traymon("check", "--config", str(tmp_path / "nope.toml"), env=isolated_env)
    assert result.returncode == 3
    assert "nope.toml: the file does not exist" in result.stderr


def test_bad_config_via_environment_variable(tmp_path: Path, isolated_env: dict[str, str]) -> None:
    path = tmp_path / "env.toml"
    path.write_text("[[services]]\nid = 1\n")
    result = run_traymon("check", env={**isolated_env, "TRAYMON_CONFIG": str(path)})
    assert result.returncode == 3
    assert "env.toml:2: services[0].id: must be a non-empty string" in result.stderr
