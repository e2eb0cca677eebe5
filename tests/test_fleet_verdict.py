"""The fleet verdict against a real Redis: the 5-desktop threshold, the baseline, since when."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.fleet_helpers import RedisServer, redis_server
from traymon.model import FleetSignal
from traymon.relay.fleet_counts import Count, FleetStore, add_report, minute_of
from traymon.relay.fleet_schema import Report
from traymon.relay.fleet_verdict import FleetWatch, Rules, fold, is_outage, usual_share

pytestmark = pytest.mark.linux_only  # needs redis-server from Debian

T = 1_800_003_600.0


@pytest.fixture(scope="module")
def server() -> Iterator[RedisServer]:
    with redis_server() as s:
        yield s


@pytest.fixture
def store(server: RedisServer) -> FleetStore:
    client = server.client()
    client.flushall()
    return FleetStore(client)


class Site:
    """Desktops at one site with fixed ids (a day's), reporting one service."""

    def __init__(self, name: str, n: int) -> None:
        self.name = name
        self.ids = [secrets.token_urlsafe(16) for _ in range(n)]

    def report(self, store: FleetStore, t: float, failing: int, service: str = "exchange") -> None:
        pipe = store.client.pipeline(transaction=False)
        for i, d in enumerate(self.ids):
            outcome = "connect" if i < failing else "ok"
            add_report(pipe, Report(d, self.name, ((service, outcome),)), minute_of(t))
        pipe.execute()


def watch(store: FleetStore, t: float, admits: bool = False) -> dict[str, FleetSignal]:
    now = datetime.fromtimestamp(t, UTC)
    got = FleetWatch(store, Rules()).read(now, lambda _: admits, t)
    return {e.site: e for e in got}


def test_nothing_is_published_below_five_desktops(store: FleetStore) -> None:
    four, five = Site("small", 4), Site("five", 5)
    four.report(store, T, failing=4)
    five.report(store, T, failing=5)
    got = watch(store, T + 30)
    assert "small" not in got  # four desktops all failing: not even a share
    assert got["five"].desktops == 5 and got["five"].failing_share == 1.0
    assert got["five"].outage and got["five"].since is not None


def test_one_failing_desktop_is_no_verdict_at_a_quiet_or_a_big_site(store: FleetStore) -> None:
    quiet, big = Site("quiet", 3), Site("big", 200)
    for minute in range(3):
        quiet.report(store, T + 60 * minute, failing=1)
        big.report(store, T + 60 * minute, failing=1)
        got = watch(store, T + 60 * minute + 30)
    assert "quiet" not in got
    assert not got["big"].outage and got["big"].failing_share <= 0.01  # 1 of ~200


def test_a_big_office_with_a_bad_wifi_corner_is_not_an_outage_until_clearly_above_usual(
    store: FleetStore,
) -> None:
    office = Site("hq", 200)
    t = T
    for _ in range(15):  # the usual: 12 of 200 (6 %) always fail
        office.report(store, t, failing=12)
        got = watch(store, t + 30)
        t += 60
    assert not got["hq"].outage
    fields = store.baselines([("hq", "exchange")])[0]
    assert usual_share(fields, datetime.fromtimestamp(t, UTC).hour) == pytest.approx(0.06, abs=0.01)
    # 30 of 200 (15 %): above a zero baseline's margin, but not clearly above this usual.
    for _ in range(2):
        office.report(store, t, failing=30)
        got = watch(store, t + 30)
        t += 60
    assert not got["hq"].outage
    # 90 of 200 (45 %): an outage, with its start.
    office.report(store, t, failing=90)
    got = watch(store, t + 30)
    assert got["hq"].outage and got["hq"].since == datetime.fromtimestamp(t + 30, UTC)
    started = got["hq"].since
    office.report(store, t + 60, failing=90)
    got = watch(store, t + 90, admits=True)
    assert got["hq"].since == started and got["hq"].vendor_admits
    # The outage did not become the usual.
    fields = store.baselines([("hq", "exchange")])[0]
    assert usual_share(fields, datetime.fromtimestamp(t, UTC).hour) < 0.10
    # Back to usual: the verdict ends once the window holds only usual minutes.
    for k in (2, 3, 4):
        office.report(store, t + 60 * k, failing=12)
    got = watch(store, t + 60 * 4 + 30)
    assert not got["hq"].outage and got["hq"].since is None


def test_the_rules_alone() -> None:
    rules = Rules()
    assert not is_outage(Count("s", "x", 4, 4), 0.0, False, rules)
    assert is_outage(Count("s", "x", 10, 5), 0.0, False, rules)
    assert not is_outage(Count("s", "x", 1000, 4), 0.0, False, rules)  # 4 failing: too few
    assert not is_outage(Count("s", "x", 100, 12), 0.05, False, rules)  # 12 % vs 5 % usual
    assert is_outage(Count("s", "x", 100, 12), 0.05, True, rules)  # staying on: half margin
    fields: dict[str, str] = {}
    for _ in range(20):
        fields |= fold(fields, 9, 0.05)
    assert usual_share(fields, 9) == pytest.approx(0.05)
    assert usual_share(fields, 3) == pytest.approx(0.05)  # an hour not yet seen: all hours
