"""Who reports a problem, in every sentence that says so: "GitHub: outage reported by GitHub"."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes, run_traymon
from tests.engine_harness import Harness, run
from tests.gui_data import NOW, layered, result
from tests.servers import LoopbackServer, Reply
from traymon.catalogue import catalogue_json, load_catalogue
from traymon.commands.report import to_json, to_table
from traymon.config import ConfigError, ServiceConfig, parse_config
from traymon.config.layers import load_effective
from traymon.config.vendor import kind_vendor, vendor_for
from traymon.continuity.instruction_cache import InstructionCache
from traymon.engine.checker import check_source
from traymon.engine.events import TransitionEvent
from traymon.engine.noise import summarise
from traymon.engine.scheduler import CONFIRM_DELAY_S
from traymon.gui.notices import message_for
from traymon.gui.session import Session
from traymon.gui.translations import install_translator
from traymon.gui.wording import triage_label, triage_sentence
from traymon.model import Status
from traymon.platform.autostart import XdgAutostart
from traymon.platform.linux import PolicyDirReader
from traymon.sources import SOURCES
from traymon.sources.http import FetchLimits, make_client
from traymon.viewmodel import ServiceView, Triage, view_from_result

pytestmark = pytest.mark.linux_only  # needs Qt widgets offscreen with XDG folders

OUTAGE = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
SUMMARY = "/api/v2/summary.json"


def _service(name: str, kind: str, url: str, vendor: str = "") -> ServiceConfig:
    return ServiceConfig("s", name, kind, url, vendor=vendor)


# -- who is named ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "named"),
    [
        # The service's own key wins over everything.
        (
            _service("Jira", "statuspage", "https://jira.status.atlassian.com", "Atlassian"),
            "Atlassian",
        ),
        (
            _service("Outlook", "m365-graph", "https://graph.microsoft.com", "Contoso IT"),
            "Contoso IT",
        ),
        # A kind only one vendor publishes.
        (_service("Outlook", "m365-public", "https://status.cloud.microsoft"), "Microsoft"),
        (_service("Gmail", "google-workspace", "https://www.google.com"), "Google"),
        # A page whose address carries the service's name is that service's own word.
        (_service("GitHub", "statuspage", "https://www.githubstatus.com"), "GitHub"),
        (_service("Datadog (EU)", "statuspage", "https://status.datadoghq.eu"), "Datadog"),
        (
            _service("Plausible Analytics", "feed", "https://status.plausible.io/feed.rss"),
            "Plausible Analytics",
        ),
        (_service("Buildkite", "instatus", "https://www.buildkitestatus.com"), "Buildkite"),
        # A page that could be anyone's is not given a name.
        (_service("Our CRM", "statuspage", "https://status.salesforce.com"), ""),
        (_service("GitHub", "statuspage", "http://127.0.0.1:8080/relay"), ""),
        (_service("GitLab", "statusio", "https://api.status.io/1.0/status/5b36dc65"), ""),
        (_service("Box", "statuspage", "https://status.dropbox.com"), ""),  # a name inside another
        (_service("Box", "statuspage", "https://status.box.com"), "Box"),
        (_service("Intranet", "json", "https://intranet.corp.example/health"), ""),  # IT's own test
    ],
)
def test_who_is_named(service: ServiceConfig, named: str) -> None:
    assert vendor_for(service) == named


def test_a_kind_is_one_vendors_or_a_vendors_own_page_never_both() -> None:
    assert kind_vendor("m365-graph") == "Microsoft"
    assert kind_vendor("google-cloud") == "Google"  # declared once, on the Workspace kind
    assert not any(kind.vendor and kind.own_page for kind in SOURCES.values())
    assert not SOURCES["json"].own_page and not SOURCES["relay"].own_page
    assert {k for k, kind in SOURCES.items() if kind.own_page} == {
        "statuspage", "statusio", "instatus", "feed",
    }  # fmt: skip


# -- the config key -------------------------------------------------------------------------


def test_vendor_is_read_from_a_services_table(tmp_path: Path) -> None:
    text = '[[services]]\nid = "jira"\nname = "Jira"\nkind = "statuspage"\n'
    text += 'url = "https://jira.example"\nvendor = "  Atlassian "\n'
    (service,) = parse_config(text, tmp_path / "c.toml").services
    assert service.vendor == "Atlassian"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('""', "must be a non-empty string"),
        ("5", "must be a non-empty string (got int 5)"),
        ('"' + "A" * 61 + '"', "must be at most 60 characters"),
        ('"Atlassian\\nInc"', "must be one line of text"),
    ],
)
def test_a_bad_vendor_is_one_clear_sentence(tmp_path: Path, value: str, message: str) -> None:
    text = '[[services]]\nid = "jira"\nname = "Jira"\nkind = "statuspage"\n'
    text += f'url = "https://jira.example"\nvendor = {value}\n'
    with pytest.raises(ConfigError) as caught:
        parse_config(text, tmp_path / "c.toml")
    (problem,) = caught.value.problems
    assert problem.key == "services[0].vendor"
    assert problem.line == 6
    assert message in problem.message


def test_config_validate_accepts_and_explains_vendor(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    good = tmp_path / "policy.toml"
    good.write_text(
        '[[services]]\nid = "jira"\nname = "Jira"\nkind = "statuspage"\n'
        'url = "https://jira.example"\nvendor = "Atlassian"\n',
        encoding="utf-8",
    )
    ok = run_traymon("config", "validate", str(good), env=isolated_env)
    assert ok.returncode == 0, ok.stderr
    assert "no problems found" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace('"Atlassian"', "[1]"), encoding="utf-8")
    refused = run_traymon("config", "validate", str(bad), env=isolated_env)
    assert refused.returncode == 3
    assert "services[0].vendor" in refused.stderr
    assert "must be a non-empty string" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_policy_layer_sets_vendor(tmp_path: Path, isolated_env: dict[str, str]) -> None:
    folder = tmp_path / "etc-traymon"
    folder.mkdir()
    (folder / "policy.toml").write_text(
        '[[services]]\nid = "corp"\nname = "Corp mail"\nkind = "statuspage"\n'
        'url = "https://status.corp.example"\nvendor = "Corp IT"\n',
        encoding="utf-8",
    )
    service = load_effective(PolicyDirReader(folder)).config().service("corp")
    assert service is not None
    assert vendor_for(service) == "Corp IT"


# -- the catalogue --------------------------------------------------------------------------


def test_every_catalogued_page_names_who_publishes_it() -> None:
    for entry in load_catalogue():
        if kind_vendor(entry.kind):
            assert not entry.vendor or entry.vendor == kind_vendor(entry.kind), entry.id
        else:
            assert entry.vendor.strip(), f"{entry.id}: a {entry.kind} entry needs vendor"
            assert len(entry.vendor) <= 60 and "\n" not in entry.vendor


def test_atlassian_products_are_reported_by_atlassian(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    for entry_id in ("jira-software", "confluence", "trello", "bitbucket", "opsgenie"):
        entry = catalogue.get(entry_id)
        assert entry is not None and entry.vendor == "Atlassian"
    assert "jira-software" in {e.id for e in catalogue.search("atlassian")}
    listed = json.loads(catalogue_json(catalogue.search("jira software")))
    assert listed["services"][0]["vendor"] == "Atlassian"


def test_use_brings_the_vendor_and_a_renamed_entry_keeps_it(tmp_path: Path) -> None:
    text = (
        '[[services]]\nuse = "github"\nname = "Code hosting"\n\n'
        '[[services]]\nuse = "jira-software"\nvendor = "Atlassian (via our reseller)"\n\n'
        '[[services]]\nuse = "gitlab"\n'
    )
    hosting, jira, gitlab = parse_config(text, tmp_path / "c.toml").services
    assert vendor_for(hosting) == "GitHub"  # the page's owner, not the new name
    assert vendor_for(jira) == "Atlassian (via our reseller)"  # the table's own key wins
    assert vendor_for(gitlab) == "GitLab"  # a status.io page: its API host names no one


# -- every sentence that names the vendor ---------------------------------------------------


def test_the_engine_stamps_the_vendor_on_every_result(server: LoopbackServer) -> None:
    server.serve(f"/gh{SUMMARY}", Reply(body=OUTAGE))
    limits = FetchLimits(timeout_s=5)
    named = ServiceConfig("gh", "GitHub", "statuspage", server.base_url + "/gh", vendor="GitHub")
    unnamed = ServiceConfig("gh2", "GitHub", "statuspage", server.base_url + "/gh")

    async def go() -> tuple[str, str]:
        async with make_client(limits) as client:
            first = await check_source(named, client, limits)
            second = await check_source(unnamed, client, limits)
            return first.result.vendor, second.result.vendor

    assert asyncio.run(go()) == ("GitHub", "")  # a loopback relay is nobody's word


def test_tooltip_sentences_name_the_vendor_or_say_the_vendor(qapp: QApplication) -> None:
    def sentence(status: Status, triage: Triage, vendor: str) -> str:
        return triage_sentence(ServiceView("gh", "GitHub", status, triage, "", NOW, vendor=vendor))

    assert (
        sentence(Status.MAJOR_OUTAGE, Triage.VENDOR, "GitHub")
        == "GitHub: outage reported by GitHub"
    )
    assert (
        sentence(Status.MAJOR_OUTAGE, Triage.VENDOR, "") == "GitHub: outage reported by the vendor"
    )
    assert (
        sentence(Status.DEGRADED, Triage.VENDOR, "") == "GitHub: Degraded (reported by the vendor)"
    )
    assert (
        sentence(Status.MAINTENANCE, Triage.VENDOR, "Atlassian")
        == "GitHub: maintenance announced by Atlassian"
    )
    assert (
        sentence(Status.OPERATIONAL, Triage.SUSPECTED, "")
        == "GitHub: fails from this PC, the vendor reports no problem"
    )
    assert triage_label(Triage.VENDOR, "GitHub") == "Reported by GitHub"
    assert triage_label(Triage.VENDOR) == "Reported by the vendor"
    assert triage_label(Triage.SUSPECTED, "GitHub") == "Fails from this PC only"


@pytest.fixture
def german(qapp: QApplication) -> Iterator[QTranslator]:
    translator = install_translator(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert translator is not None
    yield translator
    qapp.removeTranslator(translator)


def test_german_says_the_vendor_in_the_right_case(german: QTranslator) -> None:
    def sentence(triage: Triage, status: Status, vendor: str) -> str:
        return triage_sentence(ServiceView("gh", "GitHub", status, triage, "", NOW, vendor=vendor))

    assert (
        sentence(Triage.VENDOR, Status.MAJOR_OUTAGE, "") == "GitHub: Ausfall vom Anbieter gemeldet"
    )
    assert (
        sentence(Triage.SUSPECTED, Status.OPERATIONAL, "")
        == "GitHub: gestört von diesem PC aus, der Anbieter meldet kein Problem"
    )
    assert (
        sentence(Triage.SUSPECTED, Status.OPERATIONAL, "GitHub")
        == "GitHub: gestört von diesem PC aus, GitHub meldet kein Problem"
    )
    assert triage_label(Triage.VENDOR, "GitHub") == "Gemeldet von GitHub"


def test_a_view_takes_the_results_vendor_before_the_kinds() -> None:
    plain = result("github", Status.MAJOR_OUTAGE)
    assert view_from_result(plain).vendor == ""
    assert view_from_result(replace(plain, vendor="GitHub")).vendor == "GitHub"
    assert view_from_result(replace(plain, kind="azure")).vendor == "Microsoft"


def test_the_sessions_notification_names_each_services_vendor(qtbot: QtBot, tmp_path: Path) -> None:
    text = (
        '[[services]]\nuse = "jira-software"\nname = "Jira"\n\n'
        '[[services]]\nid = "relay"\nname = "Mail"\nkind = "statuspage"\n'
        'url = "https://status.relay.example"\n'
    )
    (tmp_path / "c.toml").write_text(text, encoding="utf-8")
    session = Session(
        layered(tmp_path / "c.toml", tmp_path),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        autostart=XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )
    events = [
        TransitionEvent(sid, name, Status.OPERATIONAL, Status.MAJOR_OUTAGE, Triage.VENDOR, NOW)
        for sid, name in (("jira-software", "Jira"), ("relay", "Mail"))
    ]
    with qtbot.waitSignal(session.tray.notified, timeout=5000) as shown:
        session.on_notification(summarise(events))
    assert shown.args[0].body.splitlines() == [
        "Jira: outage reported by Atlassian",
        "Mail: outage reported by the vendor",  # the relay's host does not carry its name
    ]


def test_check_output_names_the_vendor(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    server.serve(f"/gh{SUMMARY}", Reply(body=OUTAGE))
    config = tmp_path / "c.toml"
    config.write_text(
        f'[[services]]\nid = "gh"\nname = "GitHub"\nkind = "statuspage"\n'
        f'url = "{server.base_url}/gh"\nvendor = "GitHub"\n\n'
        f'[[services]]\nid = "relay"\nname = "Relay"\nkind = "statuspage"\n'
        f'url = "{server.base_url}/gh"\n',
        encoding="utf-8",
    )
    table = run_traymon("check", "--config", str(config), env=isolated_env)
    assert "Major outage (reported by GitHub)" in table.stdout
    assert "Major outage (reported by the vendor)" in table.stdout
    as_json = run_traymon("check", "--config", str(config), "--json", env=isolated_env)
    vendors = {s["id"]: s["vendor"] for s in json.loads(as_json.stdout)["services"]}
    assert vendors == {"gh": "GitHub", "relay": None}


def test_report_wording_for_maintenance_and_problems_of_our_own() -> None:
    maintenance = replace(
        result("github", Status.MAINTENANCE), triage=Triage.VENDOR, vendor="GitHub"
    )
    suspected = replace(result("teams", Status.OPERATIONAL), triage=Triage.SUSPECTED)
    table = to_table([maintenance, suspected])
    assert "Maintenance (announced by GitHub)" in table
    assert "Operational (not reachable from here)" in table
    assert json.loads(to_json([maintenance], NOW))["services"][0]["vendor"] == "GitHub"


def test_the_engines_own_notification_names_the_vendor(server: LoopbackServer) -> None:
    server.serve(f"/jira{SUMMARY}", Reply(body=OUTAGE))
    service = ServiceConfig(
        "jira", "Jira", "statuspage", server.base_url + "/jira", vendor="Atlassian"
    )

    async def scenario() -> None:
        async with Harness([service]) as h:
            await h.advance(CONFIRM_DELAY_S * 1.2)  # the second bad answer confirms it
            (notification,) = h.notifications
            (event,) = notification.events
            assert event.vendor == "Atlassian"
            # The GUI's words need no table of vendors: the event carries the name.
            assert message_for(notification).body == "Jira: outage reported by Atlassian"

    run(scenario())
