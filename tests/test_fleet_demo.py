"""``make fleet-demo``'s core, small and fast: a simulated outage at one site of four, on a
real Redis and the real ingest; the verdict in the signed document names only that site,
and a desktop there says "it's not just you" while one elsewhere says "this PC"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tools.fleet_demo import OUTAGE, T0, TENANT, play
from traymon.engine.triage import where
from traymon.gui.wording import triage_sentence
from traymon.model import Status, Triage, Where
from traymon.relay.seen import SeenSerials
from traymon.sources.relay import RelaySource
from traymon.viewmodel import ServiceView

SITES = {"berlin": 120, "paris": 100, "madrid": 60, "oslo": 3}


def test_a_simulated_outage_at_one_site(tmp_path: Path) -> None:
    outcome = play(tmp_path, sites=SITES, failing=50, before_s=60, after_s=120)
    assert outcome.refused == 0
    assert outcome.false_verdicts == 0
    assert outcome.seconds_to_verdict is not None and 0 <= outcome.seconds_to_verdict <= 120
    (verdict,) = outcome.verdicts
    assert (verdict["site"], verdict["service"]) == OUTAGE
    assert 0.3 <= verdict["failing_share"] <= 0.5 and 110 <= verdict["desktops"] <= 130
    assert outcome.document is not None
    sites = {e.site for e in outcome.document.fleet}
    assert "oslo" not in sites  # 3 desktops: never published, its one failing PC included
    assert outcome.line().startswith('{"verdicts": [{"site": "berlin"')

    # A desktop in Berlin whose own Exchange probe fails, and one in Madrid.
    now = datetime.fromtimestamp(T0 + 120, UTC)
    assert outcome.public_key is not None
    for site, expected, words in [
        ("berlin", Where.COMPANY_PATH, "it's not just you"),
        ("madrid", Where.THIS_PC, "fails from this PC only"),
    ]:
        source = RelaySource(
            f"https://status.example.com/sites/{site}.jws",
            {"tenant_id": TENANT, "keys": (outcome.public_key.text,), "site": site},
            clock=lambda: now,
            seen=SeenSerials(tmp_path / f"seen-{site}.json"),
        )
        parsed = source.parse(outcome.site_documents[site])
        signal = next(f for f in parsed.fleet if f.service == "exchange-online")
        placed = where(Triage.SUSPECTED, signal)
        assert placed is expected
        view = ServiceView("exchange-online", "Exchange Online", Status.OPERATIONAL,
                           Triage.SUSPECTED, "", now, where=placed)  # fmt: skip
        assert words in triage_sentence(view)
