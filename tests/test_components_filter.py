"""The ``components`` key, and a built-in list that does not cry wolf (issue 14).

Parsers on real payloads and on a page in the shape of Cloudflare's (tests/cloudflare_like.py);
the default list's own entries through the real loader; `traymon check` against a real
server on 127.0.0.1.
"""

from __future__ import annotations

import json
import plistlib
from pathlib import Path
from typing import Any

import pytest

from tests import cloudflare_like as cf
from tests.conftest import fixture_bytes, run_traymon
from tests.servers import LoopbackServer, Reply
from traymon.catalogue import load_catalogue
from traymon.config import parse_config
from traymon.config.loader import parse_services
from traymon.config.schema import ServiceConfig
from traymon.engine.checker import source_for
from traymon.model import ParseResult, Status
from traymon.paths import default_services_file
from traymon.sources.instatus import parse_instatus
from traymon.sources.slack import parse_slack
from traymon.sources.statusio import parse_statusio
from traymon.sources.statuspage import parse_summary

ROOT = Path(__file__).resolve().parent.parent
CONFLUENCE = "statuspage/confluence_summary_2025-05-26_groups_major_incident_maintenance.json"
GITHUB_OUTAGE = "statuspage/github_summary_2026-08-17_major_outage.json"


def _default_service(service_id: str) -> ServiceConfig:
    path = default_services_file()
    config = parse_config(path.read_text(encoding="utf-8"), path)
    service = config.service(service_id)
    assert service is not None
    return service


def _as_default_cloudflare(body: bytes) -> ParseResult:
    """The page parsed as the default list's Cloudflare entry parses it."""
    return source_for(_default_service("cloudflare")).parse(body)


# --- Watch what matters on big pages ----------------------------------------------------


def test_a_normal_cloudflare_day_cries_wolf_unless_only_the_cdn_is_watched() -> None:
    body = cf.page(rerouted=36, maintenance=22)
    assert parse_summary(body).status is Status.PARTIAL_OUTAGE  # what it was before
    result = parse_summary(body, ("CDN/Cache",))
    assert result.status is Status.OPERATIONAL
    assert result.summary == "Operational"  # not the page's "Minor Service Outage"
    assert result.unmatched == ()
    shown = {c.name: c for c in result.components}
    assert shown[cf.PRODUCTS_GROUP].watched
    assert not shown["Europe"].watched
    watched_children = [c.name for c in shown[cf.PRODUCTS_GROUP].children if c.watched]
    assert watched_children == ["CDN/Cache"]
    # The re-routed data centres are still shown for what they are.
    assert shown["Europe"].status is Status.PARTIAL_OUTAGE


def test_a_watched_part_that_breaks_is_reported() -> None:
    body = cf.page(products={"CDN/Cache": "partial_outage"})
    result = parse_summary(body, ("cdn/cache", "Authoritative DNS"))
    assert result.status is Status.PARTIAL_OUTAGE
    assert result.summary == "CDN/Cache: partial outage"


def test_a_group_name_takes_its_children_and_names_are_any_case() -> None:
    body = cf.page(products={"Workers": "major_outage"})
    assert parse_summary(body, ("cloudflare sites and services",)).status is Status.MAJOR_OUTAGE
    assert parse_summary(body, ("CLOUDFLARE SITES AND SERVICES - workers",)).status is (
        Status.MAJOR_OUTAGE
    )
    assert parse_summary(body, ("Cloudflare Sites and Services / CDN/Cache",)).status is (
        Status.OPERATIONAL
    )


def test_ids_work_as_well_as_names() -> None:
    body = cf.page(products={"Workers": "major_outage"})
    assert parse_summary(body, (cf.PRODUCTS_ID,)).status is Status.MAJOR_OUTAGE
    assert parse_summary(body, (cf.product_id("Workers"),)).status is Status.MAJOR_OUTAGE
    assert parse_summary(body, (cf.product_id("Pages"),)).status is Status.OPERATIONAL


def test_a_name_the_page_does_not_have_is_said_not_swallowed() -> None:
    body = cf.page()
    some = parse_summary(body, ("CDN/Cache", "CDN Chache"))
    assert some.status is Status.OPERATIONAL
    assert some.unmatched == ("CDN Chache",)
    none = parse_summary(body, ("CDN Chache",))
    assert none.status is Status.UNKNOWN  # watching nothing is not "all is well"
    assert none.summary == "none of the components to watch is on this page ('CDN Chache')"
    assert none.unmatched == ("CDN Chache",)


def test_an_incident_naming_only_unwatched_parts_does_not_paint_the_service() -> None:
    billing = cf.incident("PayPal Billing Issues", "major", ["Billing"])
    rerouting = cf.incident("Re-routing in Europe", "critical", ["dc2", "dc8"])
    body = cf.page(incidents=[billing, rerouting])
    result = parse_summary(body, ("CDN/Cache",))
    assert result.status is Status.OPERATIONAL
    assert result.incidents == ()
    watching_billing = parse_summary(body, ("Billing",))
    assert watching_billing.status is Status.PARTIAL_OUTAGE
    assert [i.title for i in watching_billing.incidents] == ["PayPal Billing Issues"]


def test_an_incident_naming_no_component_still_counts() -> None:
    anything = cf.incident("Cloudflare is investigating elevated errors", "critical", [])
    result = parse_summary(cf.page(incidents=[anything]), ("CDN/Cache",))
    assert result.status is Status.MAJOR_OUTAGE


def test_a_real_page_with_groups_narrows_the_same_way() -> None:
    body = fixture_bytes(CONFLUENCE)
    assert parse_summary(body).status is Status.MAJOR_OUTAGE
    # The critical incident names "Authentication and User Management"; the maintenance
    # names nothing, so it still counts.
    mobile = parse_summary(body, ("Mobile",))
    assert mobile.status is Status.MAINTENANCE
    assert [i.title for i in mobile.incidents] == [
        "Maintenance Notification for Jira and Confluence Platforms "
        "(Singapore and Northern California Only)"
    ]
    auth = parse_summary(body, ("authentication and user management",))
    assert auth.status is Status.MAJOR_OUTAGE


def test_statusio_watches_components_and_their_containers() -> None:
    body = fixture_bytes("other/statusio_incident_DOC_DERIVED.json")
    assert parse_statusio(body).status is Status.DEGRADED
    # The authentication incident names Mobile App only; Website sees its maintenance.
    assert parse_statusio(body, ("Website",)).status is Status.MAINTENANCE
    assert parse_statusio(body, ("mobile app - ireland",)).status is Status.DEGRADED
    missing = parse_statusio(body, ("Web site",))
    assert missing.status is Status.UNKNOWN
    assert missing.unmatched == ("Web site",)


def test_instatus_watches_components() -> None:
    body = fixture_bytes("other/instatus_perplexity_page_plus_components_MAYBE_MERGED.json")
    whole = parse_instatus(body)
    names = [c.name for c in whole.components]
    assert len(names) >= 2
    narrowed = parse_instatus(body, options={"components": (names[0].upper(), "nope")})
    assert narrowed.status is not Status.UNKNOWN
    assert narrowed.unmatched == ("nope",)
    assert [c.watched for c in narrowed.components][:2] == [True, False]


# --- Slack: what the vendor calls it, and what it names -----------------------------------


def _slack(*incidents: dict[str, Any]) -> bytes:
    return json.dumps({"status": "active", "active_incidents": list(incidents)}).encode()


def _item(kind: str, services: list[str], title: str = "Trouble") -> dict[str, Any]:
    return {"title": title, "type": kind, "status": "active", "services": services}


def test_a_slack_incident_is_degraded_not_an_outage() -> None:
    # Real: "Close button for right pane not appearing for some users" (Messaging).
    result = parse_slack(fixture_bytes("other/slack_current_2024-02-27_incident.json"))
    assert result.status is Status.DEGRADED
    assert parse_slack(_slack(_item("incident", ["Workflows"]))).status is Status.DEGRADED


def test_a_slack_outage_weighs_by_the_service_it_names() -> None:
    assert parse_slack(_slack(_item("outage", ["Messaging"]))).status is Status.MAJOR_OUTAGE
    assert parse_slack(_slack(_item("outage", []))).status is Status.MAJOR_OUTAGE
    minor = parse_slack(_slack(_item("outage", ["Workflows", "Search"])))
    assert minor.status is Status.PARTIAL_OUTAGE
    # A service this app does not know might be a new core one: not made smaller.
    assert parse_slack(_slack(_item("outage", ["Hyperdrive"]))).status is Status.MAJOR_OUTAGE


def test_slack_lists_its_services_and_watches_only_the_chosen_ones() -> None:
    body = fixture_bytes("other/slack_current_2024-02-22_two_incidents.json")
    whole = parse_slack(body)
    assert {"Messaging", "Huddles", "Workflows"} <= {c.name for c in whole.components}
    # "Trouble with password resets" names Login/SSO only.
    messaging_only = parse_slack(body, ("Huddles",))
    assert messaging_only.status is Status.OPERATIONAL
    assert messaging_only.incidents == ()
    login = parse_slack(body, ("login/sso",))
    assert [i.title for i in login.incidents] == ["Trouble with password resets"]
    ok = parse_slack(fixture_bytes("other/slack_current_2024-02-27_ok.json"), ("Mesaging",))
    assert ok.status is Status.UNKNOWN
    assert ok.unmatched == ("Mesaging",)


# --- The built-in list must not cry wolf -------------------------------------------------


def test_the_default_cloudflare_entry_is_green_on_an_ordinary_day() -> None:
    assert _default_service("cloudflare").options["components"] == (cf.PRODUCTS_GROUP,)
    ordinary = cf.page(rerouted=36, maintenance=22, offline=3)
    assert _as_default_cloudflare(ordinary).status is Status.OPERATIONAL
    # A bad day for the data centres (a quarter of them re-routed) is still theirs.
    assert _as_default_cloudflare(cf.page(rerouted=110, offline=10)).status is (Status.OPERATIONAL)


def test_the_default_cloudflare_entry_shows_a_real_outage_of_products_or_network() -> None:
    products = cf.page(
        products={"CDN/Cache": "major_outage", "Access": "partial_outage", "WARP": "major_outage"},
        incidents=[
            cf.incident(
                "Cloudflare Global Network experiencing issues",
                "critical",
                ["CDN/Cache", "Access", "WARP"],
            )
        ],
        indicator="critical",
    )
    assert _as_default_cloudflare(products).status is Status.MAJOR_OUTAGE
    # A network-wide incident that names no product, with data centres offline.
    network = cf.page(
        offline=200,
        incidents=[cf.incident("Widespread connectivity issues", "major", [])],
        indicator="major",
    )
    assert _as_default_cloudflare(network).status is Status.PARTIAL_OUTAGE
    # The network failing everywhere before the products or an incident say so: most of
    # the page at an outage is a partial outage whatever is watched.
    everywhere = _as_default_cloudflare(cf.page(rerouted=100, offline=200))
    assert everywhere.status is Status.PARTIAL_OUTAGE
    assert everywhere.summary == (
        "300 of the page's 470 components report an outage, beyond the ones watched"
    )
    # A product-wide problem named on the products alone.
    dns = cf.page(products={"Authoritative DNS": "degraded_performance"})
    assert _as_default_cloudflare(dns).status is Status.DEGRADED


def test_catalogue_and_default_list_agree_on_cloudflare() -> None:
    entry = load_catalogue().get("cloudflare")
    assert entry is not None
    assert entry.options["components"] == (cf.PRODUCTS_GROUP,)
    (from_use,), problems = parse_services([{"use": "cloudflare"}], "test")
    assert problems == []
    assert from_use.options == _default_service("cloudflare").options


def test_default_list_on_real_payloads_before_and_after() -> None:
    """How often the default list's Slack entry is painted an outage over the real
    captures (tests/fixtures/other): before, every `incident` was a partial outage."""
    slack = source_for(_default_service("slack"))
    names = [
        "slack_current_2024-02-27_ok.json",
        "slack_current_2026-07-02_ok.json",
        "slack_current_2022-02-17_notice.json",
        "slack_current_2024-02-27_incident.json",
        "slack_current_2024-02-22_two_incidents.json",
    ]
    states = [slack.parse(fixture_bytes(f"other/{n}")).status for n in names]
    assert [s.is_outage for s in states] == [False] * 5
    assert states.count(Status.OPERATIONAL) == 2


def test_the_filter_is_in_the_generated_policy_templates() -> None:
    adml = (ROOT / "installer/windows/en-US/traymon.adml").read_text(encoding="utf-8")
    assert "components = [...]" in adml
    docs = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    assert "components = [...]" in docs
    profile = plistlib.loads((ROOT / "installer/macos/traymon.mobileconfig").read_bytes())
    forced = profile["PayloadContent"][0]["PayloadContent"]["com.traymon.Traymon"]
    services = forced["Forced"][0]["mcx_preference_settings"]["services"]
    cloudflare = next(s for s in services if s.get("id") == "cloudflare")
    assert cloudflare["components"] == [cf.PRODUCTS_GROUP]


# --- Configuration ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["statuspage", "statusio", "instatus", "slack"])
def test_the_four_kinds_take_components(kind: str) -> None:
    raw = {"id": "x", "name": "X", "kind": kind, "url": "https://status.example.com"}
    (service,), problems = parse_services([{**raw, "components": ["A", " B ", "A"]}], "t")
    assert problems == []
    assert service.options["components"] == ("A", "B")
    (everything,), problems = parse_services([{**raw, "components": []}], "t")
    assert problems == []
    assert everything.options["components"] == ()


def test_components_elsewhere_or_ill_typed_is_a_problem_with_its_key() -> None:
    _services, problems = parse_services(
        [
            {"id": "g", "name": "G", "kind": "google-workspace", "components": ["Gmail"]},
            {"id": "s", "name": "S", "kind": "statuspage", "url": "https://s.example.com",
             "components": [""]},
            {"id": "t", "name": "T", "kind": "statuspage", "url": "https://t.example.com",
             "components": 3},
        ],
        "t",
    )  # fmt: skip
    assert [p.key.rsplit(".", 1)[-1] for p in problems] == ["components"] * 3
    assert "unknown key" in problems[0].message


def test_an_empty_list_over_the_catalogue_default_watches_the_whole_page() -> None:
    (service,), problems = parse_services([{"use": "cloudflare", "components": []}], "t")
    assert problems == []
    assert source_for(service).parse(cf.page()).status is Status.PARTIAL_OUTAGE


# --- `traymon check` end to end -------------------------------------------------------------


def test_check_reports_a_component_the_page_does_not_have(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    url = server.serve_statuspage("/cf", cf.page())
    config = tmp_path / "traymon.toml"
    config.write_text(
        f'[[services]]\nuse = "cloudflare"\nurl = "{url}"\n\n'
        f'[[services]]\nid = "cdn"\nname = "CDN"\nkind = "statuspage"\nurl = "{url}"\n'
        'components = ["CDN/Cache", "Cash"]\n',
        encoding="utf-8",
    )
    table = run_traymon("check", "--config", str(config), env=isolated_env)
    assert table.returncode == 0, table.stdout + table.stderr
    assert "CDN: 'Cash' is not a component of its status page" in table.stdout
    assert "Overall: Operational" in table.stdout
    result = run_traymon("check", "--config", str(config), "--json", env=isolated_env)
    services = {s["id"]: s for s in json.loads(result.stdout)["services"]}
    assert services["cloudflare"]["status"] == "operational"
    assert services["cloudflare"]["components_not_on_page"] == []
    assert services["cdn"]["components_not_on_page"] == ["Cash"]


def test_two_services_on_one_page_keep_their_own_parse_across_a_304(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    import asyncio

    import httpx

    from traymon.engine.checker import ResponseCache, check_source
    from traymon.sources.limits import FetchLimits

    body = cf.page(products={"Workers": "major_outage"})
    url = server.serve("/cf/api/v2/summary.json", Reply(body=body, etag='"v1"'))
    base = url.removesuffix("/api/v2/summary.json")
    (workers, cdn), problems = parse_services(
        [
            {"id": "w", "name": "W", "kind": "statuspage", "url": base,
             "components": ["Workers"]},
            {"id": "c", "name": "C", "kind": "statuspage", "url": base,
             "components": ["CDN/Cache"]},
        ],
        "t",
    )  # fmt: skip
    assert problems == []

    async def twice() -> list[Status]:
        cache = ResponseCache()
        async with httpx.AsyncClient() as client:
            states = []
            for service in (workers, cdn, workers, cdn):  # the second round: 304s
                checked = await check_source(service, client, FetchLimits(), cache)
                states.append(checked.result.status)
            return states

    assert asyncio.run(twice()) == [
        Status.MAJOR_OUTAGE,
        Status.OPERATIONAL,
        Status.MAJOR_OUTAGE,
        Status.OPERATIONAL,
    ]


def test_config_validate_names_the_line_of_a_bad_components_key(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    config = tmp_path / "traymon.toml"
    config.write_text(
        '[[services]]\nid = "cf"\nname = "Cloudflare"\nkind = "statuspage"\n'
        'url = "https://www.cloudflarestatus.com"\ncomponents = ["CDN/Cache", ""]\n\n'
        '[[services]]\nuse = "azure"\ncomponents = ["West Europe"]\n',
        encoding="utf-8",
    )
    checked = run_traymon("config", "validate", str(config), env=isolated_env)
    assert checked.returncode != 0
    assert f"{config}:6: services[0].components: must be a list of non-empty" in checked.stderr
    assert f"{config}:10: services[1].components: unknown key" in checked.stderr
