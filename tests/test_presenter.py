"""The presenter (traymon/app): what the first screen shows, for every situation, without Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.gui_data import NOW, result
from traymon.app.presenter import (
    MAX_CARDS,
    UPDATE_CHARS,
    ActionKind,
    CardKind,
    Situation,
    one_line,
    present,
)
from traymon.continuity.instructions import Link, LinkKind
from traymon.model import CheckResult, Incident, ProbeOutcome, Status, Triage, Where
from traymon.reasons import Code, Reason
from traymon.sources.relay import ANNOUNCEMENT_STATUS, DECLARED_STATUS
from traymon.viewmodel import (
    IconState,
    ServiceView,
    affected_count,
    not_checked_view,
    tray_state,
    view_from_result,
)

WEBMAIL = "https://webmail.backup.example.net"
STARTED = NOW - timedelta(minutes=78)


def _fine(service_id: str) -> ServiceView:
    return view_from_result(replace(result(service_id, Status.OPERATIONAL), triage=Triage.OK))


def _outage(status: Status = Status.MAJOR_OUTAGE, **help_: object) -> ServiceView:
    checked = replace(result("outlook", status), triage=Triage.VENDOR, vendor="Microsoft")
    started = tuple(replace(i, started_at=STARTED) for i in checked.incidents)
    checked = replace(checked, incidents=started)
    return replace(view_from_result(checked), **help_)  # type: ignore[arg-type]


def _suspected(where: Where | None = None) -> ServiceView:
    probe = ProbeOutcome(
        "tcp outlook.office365.com:993",
        ok=False,
        detail="the certificate is not trusted",
        reason=Reason(Code.TLS_UNTRUSTED, host="outlook.office365.com"),
    )
    checked = replace(
        result("teams", Status.OPERATIONAL),
        triage=Triage.SUSPECTED,
        vendor="Microsoft",
        where=where,
        probes=(ProbeOutcome("dns", ok=True, detail="answered in 3 ms"), probe),
    )
    return view_from_result(checked)


def _with_webmail(view: ServiceView) -> ServiceView:
    links = (
        Link("helpdesk", "tel:+4930123", LinkKind.PHONE),
        Link("backup webmail", WEBMAIL, LinkKind.WEB),
    )
    return replace(
        view,
        fallback_links=links,
        webmail_url=WEBMAIL,
        fallback_html="<p>Use webmail</p>",
        fallback_instructions="Use webmail",
    )


def test_nothing_checked_yet_is_checking() -> None:
    screen = present([not_checked_view("outlook", "Outlook", "not checked yet")])
    assert screen.situation is Situation.CHECKING
    assert (screen.cards, screen.working, screen.waiting) == ((), (), 1)


def test_all_fine_counts_every_service_as_working() -> None:
    views = [_fine("outlook"), _fine("teams"), not_checked_view("github", "GitHub", "")]
    screen = present(views)
    assert screen.situation is Situation.ALL_FINE
    assert screen.lead is None and screen.headline_actions == ()
    assert screen.working == ("Outlook", "Teams") and screen.waiting == 1


def test_a_vendor_outage_leads_with_its_vendor_since_and_it_s_help() -> None:
    outage = _with_webmail(_outage())
    screen = present([_fine("teams"), outage, _fine("github")], switchable=frozenset({"outlook"}))
    assert screen.situation is Situation.VENDOR
    lead = screen.lead
    assert lead is not None
    assert (lead.service_id, lead.kind, lead.status, lead.vendor) == (
        "outlook",
        CardKind.VENDOR,
        Status.MAJOR_OUTAGE,
        "Microsoft",
    )
    assert lead.since == STARTED  # the vendor's incident start
    assert lead.latest_update == "We are looking into it."
    assert lead.instructions_html == "<p>Use webmail</p>"
    kinds = [a.kind for a in lead.actions]
    assert kinds == [
        ActionKind.OPEN_WEBMAIL,
        ActionKind.IT_LINK,
        ActionKind.SWITCH_MAIL,
        ActionKind.STATUS_PAGE,
        ActionKind.DETAILS,
    ]
    assert lead.actions[0].url == WEBMAIL
    assert lead.actions[1].link is not None and lead.actions[1].link.kind is LinkKind.PHONE
    # The headline offers what helps; the status page and details stay on the card.
    assert [a.kind for a in screen.headline_actions] == kinds[:3]
    assert screen.working == ("Teams", "GitHub")


def test_no_switch_offered_without_a_client_or_for_a_service_that_is_not_a_trigger() -> None:
    screen = present([_outage()])
    assert ActionKind.SWITCH_MAIL not in {a.kind for a in screen.cards[0].actions}
    screen = present([_outage()], switchable=frozenset({"teams"}))
    assert ActionKind.SWITCH_MAIL not in {a.kind for a in screen.cards[0].actions}


def test_a_degraded_service_is_a_card_but_a_worse_outage_leads() -> None:
    degraded = view_from_result(
        replace(result("github", Status.DEGRADED), triage=Triage.VENDOR, vendor="GitHub")
    )
    screen = present([degraded, _outage(Status.PARTIAL_OUTAGE)])
    assert [c.service_id for c in screen.cards] == ["outlook", "github"]
    assert screen.working == ()


def test_a_failure_from_this_pc_is_never_fine_and_names_the_failed_probe() -> None:
    screen = present([_fine("outlook"), _suspected()])
    assert screen.situation is Situation.SUSPECTED
    card = screen.lead
    assert card is not None and card.kind is CardKind.SUSPECTED
    assert card.status is Status.OPERATIONAL  # the vendor's word is kept, not shown as fine
    assert card.failure is not None and card.failure.probe is not None
    assert card.failure.probe.reason == Reason(Code.TLS_UNTRUSTED, host="outlook.office365.com")
    assert screen.working == ("Outlook",)


def test_a_suspected_service_s_place_comes_from_the_fleet() -> None:
    card = present([_suspected(Where.COMPANY_PATH)]).lead
    assert card is not None and card.where is Where.COMPANY_PATH


def test_a_vendor_outage_outranks_a_failure_from_this_pc_and_it_s_declaration_both() -> None:
    assert present([_suspected(), _outage()]).situation is Situation.VENDOR
    assert present([_suspected(), _outage(Status.DEGRADED)]).situation is Situation.SUSPECTED
    screen = present([_suspected(), _outage(), _declared()])
    assert screen.situation is Situation.DECLARED
    assert [c.kind for c in screen.cards] == [
        CardKind.DECLARED,
        CardKind.VENDOR,
        CardKind.SUSPECTED,
    ]


def test_offline_is_the_answer_whatever_the_services_show() -> None:
    screen = present([_outage(), _fine("teams")], offline=True)
    assert screen.situation is Situation.OFFLINE and screen.cards == ()
    local = [replace(_fine("teams"), triage=Triage.LOCAL), replace(_outage(), triage=Triage.LOCAL)]
    assert present(local).situation is Situation.OFFLINE


def _declared() -> ServiceView:
    until = NOW + timedelta(hours=2)
    declaration = Incident(
        "IT: continuity for exchange-online until 12:00",
        Status.PARTIAL_OUTAGE,
        DECLARED_STATUS,
        started_at=NOW - timedelta(minutes=5),
        latest_update="Use webmail",
        ends_at=until,
    )
    announced = Incident("IT: VPN tonight", Status.OPERATIONAL, ANNOUNCEMENT_STATUS)
    checked = CheckResult(
        "exchange",
        "Exchange Online",
        "relay",
        Status.PARTIAL_OUTAGE,
        "declared",
        NOW,
        incidents=(announced, declaration),
        triage=Triage.VENDOR,
        page_url="https://relay.example.com/tenant.jws",
    )
    return view_from_result(checked)


def test_it_s_continuity_declaration_leads_with_its_message_and_end() -> None:
    screen = present([_fine("teams"), _declared()], switchable=frozenset({"exchange"}))
    assert screen.situation is Situation.DECLARED
    card = screen.lead
    assert card is not None and card.kind is CardKind.DECLARED
    assert card.latest_update == "Use webmail"
    assert card.declared_until == NOW + timedelta(hours=2)
    assert card.since == NOW - timedelta(minutes=5)
    assert [a.kind for a in screen.headline_actions] == [ActionKind.SWITCH_MAIL]
    # The relay's address is a signed document, not a page for people: no "status page".
    assert [a.kind for a in card.actions] == [ActionKind.SWITCH_MAIL, ActionKind.DETAILS]


def test_a_vendor_incident_called_declared_is_not_it_s_declaration() -> None:
    forged = replace(_declared(), result=replace(_declared().result, kind="statuspage"))  # type: ignore[type-var]
    card = present([forged]).lead
    assert card is not None and card.kind is CardKind.VENDOR


def test_stale_last_known_problems_show_as_such_and_fine_ones_count_as_working() -> None:
    stale_outage = replace(_outage(), triage=Triage.STALE)
    stale_fine = replace(_fine("teams"), triage=Triage.STALE)
    screen = present([stale_outage, stale_fine])
    assert screen.situation is Situation.STALE
    assert [c.kind for c in screen.cards] == [CardKind.STALE]
    assert screen.working == ("Teams",)


def test_an_unreadable_page_and_a_maintenance() -> None:
    unknown = view_from_result(replace(result("github", Status.UNKNOWN), error="HTTP 404"))
    assert present([unknown]).situation is Situation.STALE
    assert present([unknown]).cards[0].kind is CardKind.UNKNOWN
    maintenance = view_from_result(
        replace(result("github", Status.MAINTENANCE), triage=Triage.VENDOR)
    )
    screen = present([maintenance, _fine("teams")])
    assert screen.situation is Situation.MAINTENANCE
    assert screen.headline_actions == ()


def test_since_falls_back_to_the_engine_s_last_change() -> None:
    changed = NOW - timedelta(minutes=12)
    card = present([_suspected()], changed_at={"teams": changed}).lead
    assert card is not None and card.since == changed
    # The vendor's own incident start wins over the change Traymon saw.
    card = present([_outage()], changed_at={"outlook": changed}).lead
    assert card is not None and card.since == STARTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We are\n  looking into it.", "We are looking into it."),
        ("word " * 100, ("word " * 100)[:UPDATE_CHARS].rsplit(" ", 1)[0] + "…"),
    ],
)
def test_the_latest_update_is_one_line(text: str, expected: str) -> None:
    assert one_line(text) == expected
    assert len(one_line(text)) <= UPDATE_CHARS + 1


def test_the_tray_icon_for_a_failure_from_this_pc_is_neither_green_nor_the_vendor_s() -> None:
    assert tray_state([_fine("outlook"), _suspected()]) is IconState.SUSPECTED
    degraded = _outage(Status.DEGRADED)
    assert tray_state([degraded, _suspected()]) is IconState.SUSPECTED
    assert tray_state([_outage(), _suspected()]) is IconState.MAJOR_OUTAGE
    assert tray_state([_fine("outlook")]) is IconState.OPERATIONAL
    assert affected_count([_outage(), _suspected(), _fine("github")]) == 2


def test_many_affected_services_show_a_few_cards_and_count_the_rest() -> None:
    unknown = [
        view_from_result(
            CheckResult(f"s{i}", f"Service {i:02}", "statuspage", Status.UNKNOWN, "?", NOW)
        )
        for i in range(30)
    ]
    screen = present([*unknown, _outage()])
    assert len(screen.cards) == MAX_CARDS
    assert screen.cards[0].service_id == "outlook"  # the worst is never the one left out
    assert screen.more_affected == 31 - MAX_CARDS
