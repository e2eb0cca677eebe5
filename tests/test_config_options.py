"""Per-kind options in the config: checked with file, line and key, like the common keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from traymon.config import ConfigError, parse_config


def _problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, Path("t.toml"))
    return [str(p) for p in caught.value.problems]


def test_options_reach_the_service_as_immutable_values() -> None:
    config = parse_config(
        '[[services]]\nid = "gcp"\nname = "GCP"\nkind = "google-cloud"\n'
        'products = ["Google Compute Engine"]\nlocations = ["us-west1", "global"]\n',
        Path("t.toml"),
    )
    (service,) = config.services
    assert service.url == "https://status.cloud.google.com/incidents.json"
    assert service.options["locations"] == ("us-west1", "global")
    with pytest.raises(TypeError):
        service.options["products"] = ("x",)  # type: ignore[index]


def test_a_misspelt_option_gets_a_suggestion_with_its_line() -> None:
    problems = _problems(
        '[[services]]\nid = "a"\nname = "A"\nkind = "aws"\nregion = ["us-east-1"]\n'
    )
    assert problems == ["t.toml:5: services[0].region: unknown key; did you mean 'regions'?"]


def test_an_option_of_another_kind_is_unknown_here() -> None:
    problems = _problems(
        '[[services]]\nid = "a"\nname = "A"\nkind = "slack"\nproducts = ["Gmail"]\n'
    )
    assert problems[0].startswith("t.toml:5: services[0].products: unknown key")


def test_ill_typed_and_missing_options() -> None:
    problems = _problems(
        '[[services]]\nid = "a"\nname = "A"\nkind = "aws"\nregions = 3\n\n'
        '[[services]]\nid = "b"\nname = "B"\nkind = "json"\nurl = "https://x.example/health"\n'
        'conditions = ["[STATUS] is 200"]\n\n'
        '[[services]]\nid = "c"\nname = "C"\nkind = "m365-graph"\n\n'
        '[[services]]\nid = "d"\nname = "D"\nkind = "feed"\n'
        'url = "https://x.example/f.rss"\nwindow_hours = 0\n'
    )
    assert problems[0] == (
        't.toml:5: services[0].regions: must be a list of strings, e.g. ["a", "b"] (got int 3)'
    )
    assert problems[1].startswith(
        "t.toml:12: services[1].conditions: '[STATUS] is 200' is not a condition"
    )
    assert problems[2].startswith("t.toml:14: services[2].tenant_id: is missing")
    assert problems[3].startswith("t.toml:14: services[2].client_id: is missing")
    assert (
        problems[4] == "t.toml:24: services[3].window_hours: must be a number above 0 (got int 0)"
    )


def test_a_kind_without_a_default_url_still_needs_one() -> None:
    problems = _problems('[[services]]\nid = "f"\nname = "F"\nkind = "feed"\n')
    assert problems == ["t.toml:1: services[0].url: is missing"]


def test_use_with_nothing_close_points_at_the_catalogue_command() -> None:
    problems = _problems('[[services]]\nuse = "qqqqqqqqqq"\n')
    assert problems == [
        "t.toml:2: services[0].use: unknown catalogue entry 'qqqqqqqqqq'; "
        "run `traymon catalogue` to list them"
    ]
