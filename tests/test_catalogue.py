"""The shipped catalogue: every entry valid, usable with `use =`, listed by `traymon catalogue`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import fixture_bytes, run_traymon
from tests.servers import LoopbackServer, Reply
from traymon.catalogue import Catalogue, CatalogueError, load_catalogue, load_entry
from traymon.config import parse_config
from traymon.sources import SOURCES

CATALOGUE = load_catalogue()


def test_the_catalogue_has_at_least_250_entries_with_unique_ids() -> None:
    ids = [e.id for e in CATALOGUE]
    assert len(ids) >= 250
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


@pytest.mark.parametrize("entry", CATALOGUE.entries, ids=lambda e: e.id)
def test_every_entry_is_well_formed(entry: object) -> None:
    from traymon.catalogue import CatalogueEntry

    assert isinstance(entry, CatalogueEntry)
    assert entry.kind in SOURCES
    for url in (entry.url, entry.homepage):
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.hostname, url
    assert entry.name.strip() and entry.source.strip()
    specs = SOURCES[entry.kind].options
    for name, value in entry.options.items():
        assert name in specs, f"{entry.id}: {name} is not an option of {entry.kind}"
        specs[name].check(list(value) if isinstance(value, tuple) else value)


def test_every_entry_loads_as_a_service_with_use(tmp_path: Path) -> None:
    # m365-graph entries need the tenant's own ids, which no catalogue can know.
    blocks = []
    for entry in CATALOGUE:
        extra = 'tenant_id = "contoso"\nclient_id = "app"\n' if entry.kind == "m365-graph" else ""
        blocks.append(f'[[services]]\nuse = "{entry.id}"\n{extra}')
    config = parse_config("\n".join(blocks), tmp_path / "all.toml")
    assert len(config.services) == len(CATALOGUE)
    gmail = config.service("gmail")
    assert gmail is not None
    assert gmail.kind == "google-workspace"
    assert gmail.options["products"] == ("prPt2Yra2CbGsbEm9cpC",)


def test_the_big_names_are_there() -> None:
    wanted = [
        "github", "gitlab", "jira-software", "confluence", "zoom", "slack", "dropbox", "box",
        "cloudflare", "datadog", "twilio", "microsoft-365", "azure", "google-workspace", "gmail",
        "google-drive", "google-meet", "google-cloud", "aws", "aws-us-east-1", "pardot",
    ]  # fmt: skip
    for wanted_id in wanted:
        assert CATALOGUE.get(wanted_id) is not None, wanted_id


def test_search_matches_every_word() -> None:
    found = CATALOGUE.search("google meet")
    assert [e.id for e in found] == ["google-meet"]
    assert len(CATALOGUE.search("atlassian")) >= 10
    assert CATALOGUE.search("no such thing") == ()


def test_one_entry_read_alone_equals_the_full_read() -> None:
    """``use = "<id>"`` reads only its own table; it must give what the full read gives."""
    catalogue = load_catalogue()
    assert [load_entry(entry.id) for entry in catalogue] == list(catalogue.entries)
    assert load_entry("no-such-entry") is None


def test_one_entry_is_read_from_its_own_table_only(tmp_path: Path) -> None:
    broken = tmp_path / "catalogue.toml"
    table = '[[services]]\nid = "{0}"\nname = "{0}"\nhomepage = "https://{0}.example"\n'
    table += 'kind = "statuspage"\nurl = "https://{0}.example"\nsource = "test"\n\n'
    broken.write_text(table.format("good") + '[[services]]\nid = "bad"\nname = \n')
    good = load_entry("good", broken)
    assert good is not None and good.url == "https://good.example"
    with pytest.raises(CatalogueError):
        load_entry("bad", broken)


def test_a_damaged_catalogue_is_one_sentence(tmp_path: Path) -> None:
    from traymon.catalogue import CatalogueError

    bad = tmp_path / "c.toml"
    bad.write_text('[[services]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="lacks 'name'"):
        load_catalogue(bad)
    assert isinstance(CATALOGUE, Catalogue)


def test_catalogue_command_lists_json(isolated_env: dict[str, str]) -> None:
    done = run_traymon("catalogue", "--json", env=isolated_env)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["count"] == len(document["services"]) >= 250
    github = next(s for s in document["services"] if s["id"] == "github")
    assert github["url"] == "https://www.githubstatus.com"
    assert "kctbh9vrtdwd" in github["source"]


def test_catalogue_command_searches(isolated_env: dict[str, str]) -> None:
    done = run_traymon("catalogue", "aws", "frankfurt", env=isolated_env)
    assert done.returncode == 0
    assert "aws-eu-central-1" in done.stdout
    missing = run_traymon("catalogue", "zzzz", env=isolated_env)
    assert missing.returncode == 1
    assert "No catalogue entry matches" in missing.stdout


def test_use_works_in_check_and_own_keys_override(
    server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    aws = server.serve(
        "/aws", Reply(body=fixture_bytes("aws/currentevents_raw_utf16be_2026-07-02.bin"))
    )
    slack = server.serve(
        "/slack", Reply(body=fixture_bytes("other/slack_current_2022-02-17_notice.json"))
    )
    config = tmp_path / "use.toml"
    config.write_text(
        f'[[services]]\nuse = "slack"\nurl = "{slack}"\n\n'
        f'[[services]]\nuse = "aws-us-east-1"\nurl = "{aws}"\n\n'
        f'[[services]]\nuse = "aws-us-east-1"\nid = "aws-uae"\n'
        f'regions = ["me-central-1"]\nurl = "{aws}"\n',
        encoding="utf-8",
    )
    done = run_traymon("check", "--json", "--config", str(config), env=isolated_env)
    services = {s["id"]: s for s in json.loads(done.stdout)["services"]}
    assert services["slack"]["name"] == "Slack"
    assert services["slack"]["status"] == "degraded"
    # The catalogue's region filter applies: the capture has events only in the Middle East.
    assert services["aws-us-east-1"]["status"] == "operational"
    assert services["aws-uae"]["status"] == "major_outage"
    assert done.returncode == 2


def test_an_unknown_use_is_reported_with_a_suggestion(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[[services]]\nuse = "githib"\n', encoding="utf-8")
    done = run_traymon("check", "--config", str(config), env=isolated_env)
    assert done.returncode == 3
    assert (
        f"{config}:2: services[0].use: unknown catalogue entry 'githib'; did you mean 'github'?"
        in done.stderr
    )


def test_the_built_in_defaults_include_the_non_statuspage_vendors() -> None:
    from traymon.config import load_config
    from traymon.paths import default_services_file

    config = load_config(default_services_file())
    kinds = {s.id: s.kind for s in config.services}
    assert kinds["microsoft-365"] == "m365-public"
    assert kinds["azure"] == "azure"
    assert kinds["google-workspace"] == "google-workspace"
    assert kinds["slack"] == "slack"
