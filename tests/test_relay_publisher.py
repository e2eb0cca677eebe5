"""The publisher against a loopback fake Graph (HTTPS, MSAL for real) over a simulated day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_graph import PER_HOUR, PER_MINUTE, FakeGraph
from tests.relay_helpers import TENANT, RelayFakeClock, relay_folder
from tests.servers import LoopbackServer
from traymon.model import Status
from traymon.relay.cli import _reader
from traymon.relay.document import Document
from traymon.relay.publisher import TENANT_FILE, Publisher
from traymon.relay.throttle import HOUR, MINUTE, Throttle
from traymon.relay.verify import verify

DAY = 24 * 3600


@pytest.fixture
def clock() -> RelayFakeClock:
    return RelayFakeClock()


@pytest.fixture
def graph(clock: RelayFakeClock) -> Iterator[FakeGraph]:
    fake = FakeGraph(clock=clock.monotonic).start()
    yield fake
    fake.stop()


def _publisher(
    tmp_path: Path, graph: FakeGraph, clock: RelayFakeClock, monkeypatch: pytest.MonkeyPatch
) -> Publisher:
    monkeypatch.setenv("TEST_RELAY_SECRET", "s3cret")
    ca = graph.write_ca(tmp_path / "ca.pem")
    cfg, key = relay_folder(tmp_path / "relay", graph_url=graph.base_url, ca=ca)
    return Publisher(cfg, key, clock, _reader(cfg, clock))


def _document(publisher: Publisher, clock: RelayFakeClock) -> Document:
    body = (publisher.cfg.output / TENANT_FILE).read_bytes()
    doc = verify(body, [publisher.key.public], tenant=TENANT, now=clock.now())
    assert isinstance(doc, Document), doc
    return doc


def test_one_cycle_reads_graph_through_msal_and_signs_the_tenant_document(
    tmp_path: Path, graph: FakeGraph, clock: RelayFakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    publisher = _publisher(tmp_path, graph, clock, monkeypatch)
    report = publisher.cycle(force=True)
    assert report.graph_read and not report.problems
    doc = _document(publisher, clock)
    states = {s.id: s for s in doc.services}
    assert states["exchange-online"].state is Status.DEGRADED
    assert states["exchange-online"].title == "EX999001: Users can't send mail from Outlook"
    assert states["exchange-online"].latest_update == "We're rolling back a change."
    assert states["microsoft-teams"].state is Status.OPERATIONAL
    assert graph.token_requests == 1 and len(graph.graph_times) == 2  # health + messages


def test_a_simulated_day_stays_inside_graphs_limits_and_recovers_from_throttling(
    tmp_path: Path, graph: FakeGraph, clock: RelayFakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = clock.monotonic()
    # Graph throttles everybody for half an hour at 10:00, asking for two minutes' patience.
    storm = (start + 10 * HOUR, start + 10.5 * HOUR, 120)
    graph.storms.append(storm)
    publisher = _publisher(tmp_path, graph, clock, monkeypatch)
    seen_stale: list[bool] = []

    def stop() -> bool:
        now = clock.monotonic()
        if storm[0] + 20 * MINUTE <= now < storm[0] + 20 * MINUTE + 1:
            doc = _document(publisher, clock)  # mid-storm: the services are honestly unknown
            seen_stale.append(all(s.state is Status.UNKNOWN for s in doc.services))
        return now - start >= DAY

    publisher.run(stop)
    assert graph.peak(HOUR) <= PER_HOUR and graph.peak(MINUTE) <= PER_MINUTE
    assert graph.peak(HOUR) <= 120  # the default budget, far inside Graph's 800
    assert 0 < graph.answered_429 <= 20  # only during the storm, each one waited out
    after = [t for t in graph.graph_times if t >= storm[1]]
    assert after and after[0] - storm[1] <= 120 + 60  # back within Retry-After and a poll
    assert seen_stale == [True]
    doc = _document(publisher, clock)
    assert {s.id: s.state for s in doc.services}["exchange-online"] is Status.DEGRADED
    print(
        f"simulated day: {len(graph.graph_times)} Graph requests, peak {graph.peak(HOUR)}/h "
        f"and {graph.peak(MINUTE)}/min, {graph.answered_429} answered 429, "
        f"{graph.token_requests} sign-ins"
    )


def test_the_throttle_never_lets_a_flood_past_its_budget() -> None:
    throttle = Throttle(per_minute=PER_MINUTE, per_hour=PER_HOUR)
    now, sent = 0.0, []
    while now < 3 * HOUR:
        if throttle.wait_s(now) == 0:
            throttle.sent(now)
            sent.append(now)
        now += 0.5
    for t in sent:
        assert sum(1 for s in sent if t - HOUR < s <= t) <= PER_HOUR
        assert sum(1 for s in sent if t - MINUTE < s <= t) <= PER_MINUTE
    assert len(sent) == 3 * PER_HOUR  # and it uses what it is allowed


def test_retry_after_and_back_off() -> None:
    throttle = Throttle()
    throttle.retry_after(100.0, 120)
    assert throttle.wait_s(100.0) == 120
    assert [throttle.failed(0.0) for _ in range(7)] == [30, 60, 120, 240, 480, 900, 900]
    throttle.succeeded()
    assert throttle.failed(10_000.0) == 30


def _certificate_pem(path: Path) -> Path:
    """An app registration's certificate: an RSA key and its self-signed certificate, one PEM."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "traymon-relay")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ) + cert.public_bytes(serialization.Encoding.PEM)
    path.write_bytes(pem)
    return path


@pytest.mark.parametrize("credential", ["certificate", "managed-identity"])
def test_certificate_and_managed_identity_sign_in_through_msal(
    tmp_path: Path,
    graph: FakeGraph,
    clock: RelayFakeClock,
    monkeypatch: pytest.MonkeyPatch,
    credential: str,
) -> None:
    from tests.fake_graph import IDENTITY_HEADER

    ca = graph.write_ca(tmp_path / "ca.pem")
    if credential == "certificate":
        pem = _certificate_pem(tmp_path / "app.pem")
        extra = f'credential = "certificate"\ncertificate_file = "{pem}"'
    else:  # Azure App Service's endpoint, which MSAL finds through these two variables
        monkeypatch.setenv("IDENTITY_ENDPOINT", f"{graph.base_url}/msi/token")
        monkeypatch.setenv("IDENTITY_HEADER", IDENTITY_HEADER)
        extra = 'credential = "managed-identity"'
    cfg, key = relay_folder(tmp_path / "relay", graph_url=graph.base_url, ca=ca, graph_extra=extra)
    publisher = Publisher(cfg, key, clock, _reader(cfg, clock))
    report = publisher.cycle(force=True)
    assert report.graph_read and not report.problems, report.problems
    assert graph.token_requests == 1
    assert {s.id for s in _document(publisher, clock).services} == {
        "exchange-online",
        "microsoft-teams",
    }


@pytest.mark.parametrize("client_id", ["", "99999999-8888-7777-6666-555555555555"])
def test_managed_identity_on_an_azure_vm_signs_in_through_imds(
    tmp_path: Path,
    graph: FakeGraph,
    clock: RelayFakeClock,
    monkeypatch: pytest.MonkeyPatch,
    client_id: str,
) -> None:
    """No App Service variables: MSAL asks the VM's metadata endpoint (IMDS), here the fake
    (MSAL's own variable for another IMDS host); a user-assigned identity names its id."""
    for name in ("IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", graph.base_url)
    extra = 'credential = "managed-identity"'
    if client_id:
        extra += f'\nmanaged_identity_client_id = "{client_id}"'
    ca = graph.write_ca(tmp_path / "ca.pem")
    cfg, key = relay_folder(tmp_path / "relay", graph_url=graph.base_url, ca=ca, graph_extra=extra)
    publisher = Publisher(cfg, key, clock, _reader(cfg, clock))
    report = publisher.cycle(force=True)
    assert report.graph_read and not report.problems, report.problems
    (query,) = graph.imds_queries
    assert query["resource"] == ["https://graph.microsoft.com"]
    assert query.get("client_id", [""]) == [client_id]
    clock.sleep(120)
    assert publisher.cycle(force=True).graph_read
    assert graph.token_requests == 1  # MSAL's cache: one sign-in for a day's token


def test_vendor_pages_are_read_once_for_everybody(
    tmp_path: Path, clock: RelayFakeClock, server: LoopbackServer
) -> None:
    from tests.conftest import fixture_bytes
    from traymon.relay.vendors import VendorReader, load_vendors
    from traymon.sources.relay import document_result

    body = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    page = server.serve_statuspage("/github", body)
    vendors = tmp_path / "vendors.toml"
    vendors.write_text(
        f'[[services]]\nid = "github"\nname = "GitHub"\nkind = "statuspage"\nurl = "{page}"\n\n'
        '[[services]]\nid = "gone"\nname = "Gone"\nkind = "statuspage"\n'
        f'url = "{server.base_url}/missing"\n',
        encoding="utf-8",
    )
    cfg, key = relay_folder(tmp_path / "relay")
    reader = VendorReader(load_vendors(vendors), 120, clock.monotonic)
    publisher = Publisher(cfg, key, clock, vendors=reader)
    publisher.cycle(force=True)
    doc = _document(publisher, clock)
    github = document_result(doc, "github", clock.now())
    assert github.status is Status.MAJOR_OUTAGE, github.summary
    gone = document_result(doc, "gone", clock.now())
    assert gone.status is Status.UNKNOWN and "HTTP 404" in gone.summary
    asked = len(server.requests)
    clock.sleep(60)
    publisher.cycle()
    assert len(server.requests) == asked  # not due yet: desktops ask the relay, not GitHub
