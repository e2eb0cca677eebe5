"""IT's announcements reach the person once each, through the engine's notification gate."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.engine_harness import Harness, run
from tests.servers import LoopbackServer, Reply
from tests.test_relay_source import KEY, TENANT, document, signed
from traymon.config import ServiceConfig
from traymon.engine.events import Announcement
from traymon.relay.document import Declaration


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def _announced(message: str) -> bytes:
    now = datetime.now(UTC)
    said = Declaration(
        "a-1", "announcement", message, "it", now - timedelta(minutes=1), now + timedelta(hours=2)
    )
    return signed(document(declarations=(said,)))


def _service(server: LoopbackServer, *, muted: bool = False) -> ServiceConfig:
    url = server.serve("/tenant.jws", Reply(body=_announced("VPN maintenance at 18:00")))
    options = {"tenant_id": TENANT, "keys": (KEY.public.text,), "service": "exchange-online"}
    service = ServiceConfig("exo", "Exchange Online", "relay", url, 300, options=options)
    return replace(service, muted=muted)


def test_an_announcement_pops_up_once(server: LoopbackServer) -> None:
    async def scenario() -> None:
        async with Harness([_service(server)]) as h:
            told = [n.announcement for n in h.notifications if n.announcement]
            assert told == [Announcement("Exchange Online", "IT: VPN maintenance at 18:00")]
            await h.advance(400)  # checked again: the same announcement is not news
            assert len(_told(h)) == 1

    run(scenario())


def test_a_muted_service_tells_its_announcement_once_unmuted(server: LoopbackServer) -> None:
    async def scenario() -> None:
        async with Harness([_service(server, muted=True)]) as h:
            assert not _told(h)
            h.monitor.mute("exo", False)
            await h.advance(400)
            assert _told(h) == ["IT: VPN maintenance at 18:00"]

    run(scenario())


def _told(h: Harness) -> list[str]:
    return [n.announcement.text for n in h.notifications if n.announcement]


def test_a_restart_does_not_tell_an_announcement_in_force_again(server: LoopbackServer) -> None:
    """The told ids outlive the process (a small file in the user data folder)."""

    async def scenario() -> None:
        async with Harness([_service(server)]) as first:
            assert _told(first) == ["IT: VPN maintenance at 18:00"]
        async with Harness([_service(server)]) as again:  # a new engine: a restart
            await again.advance(400)
            assert _told(again) == []

    run(scenario())


def test_two_services_reading_one_document_tell_its_announcement_once(
    server: LoopbackServer,
) -> None:
    exo = _service(server)
    teams = replace(exo, id="teams", name="Microsoft Teams", options={**exo.options, "service": ""})

    async def scenario() -> None:
        async with Harness([exo, teams]) as h:
            await h.advance(400)
            assert len(_told(h)) == 1

    run(scenario())


def test_the_told_file_is_bounded_drops_ended_ones_and_survives_damage(tmp_path: Path) -> None:
    from traymon.relay.told import MAX_TOLD, ToldAnnouncements

    store = ToldAnnouncements(tmp_path / "told.json")
    now = datetime.now(UTC)
    store.add("ended-long-ago", now - timedelta(days=3), now)
    store.add("a-1", now + timedelta(hours=1), now)
    assert store.keys() == {"a-1"}  # an ended announcement cannot come back
    for i in range(MAX_TOLD + 10):
        store.add(f"n-{i}", now + timedelta(hours=1), now)
    kept = store.keys()
    assert len(kept) == MAX_TOLD and f"n-{MAX_TOLD + 9}" in kept and "a-1" not in kept
    store.path.write_bytes(b"\x00not json")
    assert store.keys() == set()  # damaged: told again at worst, never a crash
    store.add("b-1", None, now)
    assert store.keys() == {"b-1"}


def test_an_announcement_in_the_tenant_and_a_site_document_is_told_once_per_site(
    server: LoopbackServer,
) -> None:
    """The relay writes an announcement for everybody into every document; one for Berlin
    only into Berlin's. A desktop reading both tells each once (told state per id)."""
    now = datetime.now(UTC)
    start, end = now - timedelta(minutes=1), now + timedelta(hours=2)
    everybody = Declaration(
        "a-all", "announcement", "Phishing wave: do not click", "it", start, end
    )
    berlin = Declaration(
        "a-ber", "announcement", "Berlin printers down", "it", start, end, sites=("berlin",)
    )
    tenant_doc = document(declarations=(everybody,))
    site_doc = replace(document(declarations=(everybody, berlin)), site="berlin")
    base = {"tenant_id": TENANT, "keys": (KEY.public.text,)}
    exo = ServiceConfig(
        "exo",
        "Exchange Online",
        "relay",
        server.serve("/tenant.jws", Reply(body=signed(tenant_doc))),
        300,
        options={**base, "service": "exchange-online"},
    )
    office = ServiceConfig("berlin", "Berlin office", "relay",
                           server.serve("/sites/berlin.jws", Reply(body=signed(site_doc))), 300,
                           options={**base, "site": "berlin"})  # fmt: skip

    async def scenario() -> None:
        async with Harness([exo, office]) as h:
            await h.advance(400)
            assert sorted(_told(h)) == [
                "IT: Berlin printers down",
                "IT: Phishing wave: do not click",
            ]
            berlin_told = [
                n.announcement
                for n in h.notifications
                if n.announcement and n.announcement.text == "IT: Berlin printers down"
            ]
            assert [a.service_name for a in berlin_told] == ["Berlin office"]

    run(scenario())


def test_it_s_continuity_declaration_breaks_through_focus(server: LoopbackServer) -> None:
    """The person presents: a vendor's outage waits for the catch-up, IT's declaration
    that says "use the backup now" pops up at once (``engine/focus.py``)."""
    from tests.conftest import fixture_bytes
    from traymon.engine.events import Silence
    from traymon.engine.focus import FREE, Focus, FocusReading

    now = datetime.now(UTC)
    declared = Declaration("d-1", "continuity", "Exchange is down, use webmail", "it",
                           now - timedelta(minutes=1), now + timedelta(hours=2),
                           service="exchange-online")  # fmt: skip
    url = server.serve("/tenant.jws", Reply(body=signed(document(declarations=(declared,)))))
    options = {"tenant_id": TENANT, "keys": (KEY.public.text,), "service": "exchange-online"}
    relay = ServiceConfig("exo", "Exchange Online", "relay", url, 300, options=options)
    page = server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    )
    vendor = ServiceConfig("github", "GitHub", "statuspage", page, 300)

    async def scenario() -> None:
        harness = Harness([relay, vendor])
        harness.monitor.set_focus(FocusReading(frozenset({Focus.PRESENTING})))
        async with harness as h:
            await h.advance(31)  # the batch window
            assert {e.service_id: e.declared for e in h.events} == {"exo": True, "github": False}
            shown = [n for n in h.notifications if n.events]
            assert [[e.service_id for e in n.events] for n in shown] == [["exo"]]
            h.monitor.set_focus(FREE)
            await h.idle()
            summary = h.notifications[-1].catch_up
            assert summary is not None and summary.reason is Silence.FOCUS
            assert [ln.service_id for ln in summary.lines] == ["github"]

    run(scenario())
