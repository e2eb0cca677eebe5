"""``make fleet-demo``'s core, small and fast: a simulated outage at one site of four, on a
real Redis and the real ingest; the verdict in the signed document names only that site,
and a desktop there says "it's not just you" while one elsewhere says "this PC"."""

from __future__ import annotations

from pathlib import Path

from tools.fleet_demo import OUTAGE, desktop_says, play
from traymon.model import Where

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
    assert [(e.site, e.service) for e in outcome.document.fleet] == [OUTAGE]  # verdicts only
    assert outcome.site_fleet["oslo"] == ()  # 3 desktops: never published, nor its failing PC
    assert {e.service for e in outcome.site_fleet["madrid"]} == {"exchange-online",
                                                                 "microsoft-teams"}  # fmt: skip
    assert outcome.line().startswith('{"verdicts": [{"site": "berlin"')

    # A desktop in Berlin whose own Exchange probe fails, and one in Madrid.
    placed, words = desktop_says(outcome, "berlin", tmp_path)
    assert placed is Where.COMPANY_PATH and "it's not just you" in words
    placed, words = desktop_says(outcome, "madrid", tmp_path)
    assert placed is Where.THIS_PC and "fails from this PC only" in words
