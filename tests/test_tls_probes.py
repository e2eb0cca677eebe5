"""TLS and STARTTLS on ``tcp`` probes, against real loopback servers with real certificates.

The CA is made here (trustme); "IT's extra CA" is its PEM file, loaded the way
``network.extra_ca_certificates`` is. Nothing is mocked: the handshakes are real.
"""

from __future__ import annotations

import asyncio
import datetime
import ssl
import time
from collections.abc import Iterator

import pytest
import trustme

from tests.tls_servers import (
    ThreadedServer,
    hang_up,
    imap_server,
    says,
    send_garbage,
    smtp_server,
    until_closed,
)
from traymon.model import ProbeOutcome
from traymon.probes import StartTls, TcpProbe
from traymon.probes.run import run_probe
from traymon.sources.http import FetchLimits, NetworkOptions, make_client, tls_context

HOST = "127.0.0.1"


@pytest.fixture(scope="module")
def company_ca() -> trustme.CA:
    return trustme.CA(organization_name="Example Proxy Inc")


@pytest.fixture(scope="module")
def it_trust(company_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    """The OS trust store plus IT's extra CA file, as the status checks build it."""
    pem = tmp_path_factory.mktemp("ca") / "corp-root.pem"
    company_ca.cert_pem.write_to_path(str(pem))
    return tls_context(NetworkOptions(extra_ca_files=(str(pem),)))


def _server_context(ca: trustme.CA, *names: str, **dates: datetime.datetime) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(*names, **dates).configure_cert(context)  # type: ignore[arg-type]
    return context


@pytest.fixture(scope="module")
def good_tls(company_ca: trustme.CA) -> ssl.SSLContext:
    return _server_context(company_ca, HOST)


@pytest.fixture
def tls_port(good_tls: ssl.SSLContext) -> Iterator[int]:
    with ThreadedServer(until_closed, good_tls) as port:
        yield port


def _probe(
    spec: TcpProbe, trust: ssl.SSLContext | None = None, timeout_s: float = 5.0
) -> ProbeOutcome:
    async def go() -> ProbeOutcome:
        async with make_client(FetchLimits()) as client:
            return await run_probe(spec, client, timeout_s, trust)

    return asyncio.run(go())


def test_a_good_certificate_from_its_extra_ca_passes(
    tls_port: int, it_trust: ssl.SSLContext
) -> None:
    outcome = _probe(TcpProbe(HOST, tls_port, tls=True), it_trust)
    assert outcome.ok, outcome.detail
    assert outcome.detail.startswith("TLS verified in ")
    assert outcome.reached and outcome.latency_ms is not None


def test_a_certificate_from_an_unknown_ca_is_not_trusted_and_names_its_issuer(
    tls_port: int,
) -> None:
    # The OS trust store alone: what a TLS-intercepting proxy's certificate looks like.
    outcome = _probe(TcpProbe(HOST, tls_port, tls=True), tls_context(NetworkOptions()))
    assert (outcome.ok, outcome.reached) == (False, True)
    assert outcome.detail == (
        "TLS handshake failed: certificate not trusted (issued by Example Proxy Inc): "
        "a company proxy or security software may be in the way"
    )
    # Without a context the probe uses the OS trust store too, never no verification.
    assert _probe(TcpProbe(HOST, tls_port, tls=True)).detail == outcome.detail


def test_an_expired_certificate_says_when(company_ca: trustme.CA, it_trust: ssl.SSLContext) -> None:
    now = datetime.datetime.now(datetime.UTC)
    expired = _server_context(
        company_ca,
        HOST,
        not_before=now - datetime.timedelta(days=400),
        not_after=datetime.datetime(2026, 1, 3, 12, 0, tzinfo=datetime.UTC),
    )
    with ThreadedServer(until_closed, expired) as port:
        outcome = _probe(TcpProbe(HOST, port, tls=True), it_trust)
    assert outcome.detail == "TLS handshake failed: certificate expired on 2026-01-03"
    assert (outcome.ok, outcome.reached) == (False, True)


def test_a_certificate_for_another_name_lists_the_names_it_is_for(
    company_ca: trustme.CA, it_trust: ssl.SSLContext
) -> None:
    elsewhere = _server_context(company_ca, "mail.example.net", "*.example.net")
    with ThreadedServer(until_closed, elsewhere) as port:
        outcome = _probe(TcpProbe(HOST, port, tls=True), it_trust)
    assert outcome.detail == (
        "TLS handshake failed: certificate is for another name (mail.example.net, *.example.net)"
    )
    assert outcome.reached


def test_a_middlebox_answering_with_something_else_breaks_the_handshake(
    it_trust: ssl.SSLContext,
) -> None:
    with ThreadedServer(send_garbage) as port:
        garbage = _probe(TcpProbe(HOST, port, tls=True), it_trust)
    assert garbage.detail == (
        "TLS handshake failed: the server's answer is not TLS: "
        "a company proxy or security software may be in the way"
    )
    assert (garbage.ok, garbage.reached) == (False, True)
    with ThreadedServer(hang_up) as port:
        closed = _probe(TcpProbe(HOST, port, tls=True), it_trust)
    assert closed.detail == (
        "TLS handshake failed: the server closed the connection during the handshake"
    )
    assert (closed.ok, closed.reached) == (False, True)


def test_a_server_that_never_answers_times_out_within_the_probe_timeout(
    it_trust: ssl.SSLContext,
) -> None:
    with ThreadedServer(until_closed) as port:  # accepts, then says nothing
        started = time.monotonic()
        outcome = _probe(TcpProbe(HOST, port, tls=True), it_trust, timeout_s=0.5)
        took = time.monotonic() - started
    assert outcome.detail == "connected, but the TLS handshake did not finish within 0.5 s"
    assert (outcome.ok, outcome.reached) == (False, True)
    assert took < 1.5


def test_implicit_tls_ports_do_the_handshake_unless_told_not_to() -> None:
    assert TcpProbe("imap.example.com", 993).handshake
    assert TcpProbe("pop.example.com", 995).handshake
    assert TcpProbe("smtp.example.com", 465).handshake
    assert not TcpProbe("imap.example.com", 993, tls=False).handshake
    assert not TcpProbe("smtp.example.com", 587).handshake
    assert not TcpProbe("www.example.com", 443).handshake
    assert TcpProbe("smtp.example.com", 587, starttls=StartTls.SMTP).handshake
    assert TcpProbe("imap.example.com", 993).name == "tcp imap.example.com:993 (TLS)"


def test_a_plain_tcp_probe_still_only_connects(it_trust: ssl.SSLContext) -> None:
    with ThreadedServer(send_garbage) as port:  # anything but TLS: a connect does not mind
        outcome = _probe(TcpProbe(HOST, port), it_trust)
    assert outcome.ok and outcome.detail.startswith("connected in ")


def test_smtp_starttls_then_a_verified_handshake(
    good_tls: ssl.SSLContext, it_trust: ssl.SSLContext
) -> None:
    with ThreadedServer(smtp_server(good_tls)) as port:
        outcome = _probe(TcpProbe(HOST, port, starttls=StartTls.SMTP), it_trust)
        untrusted = _probe(TcpProbe(HOST, port, starttls=StartTls.SMTP))
    assert outcome.ok, outcome.detail
    assert outcome.name == f"tcp {HOST}:{port} (STARTTLS smtp)"
    assert untrusted.detail.startswith("TLS handshake failed: certificate not trusted")


def test_imap_starttls_then_a_verified_handshake(
    good_tls: ssl.SSLContext, it_trust: ssl.SSLContext
) -> None:
    with ThreadedServer(imap_server(good_tls)) as port:
        outcome = _probe(TcpProbe(HOST, port, starttls=StartTls.IMAP), it_trust)
    assert outcome.ok, outcome.detail


@pytest.mark.parametrize(
    ("server", "kind"),
    [(smtp_server, StartTls.SMTP), (imap_server, StartTls.IMAP)],
)
def test_a_server_without_starttls_says_so(
    server: object, kind: StartTls, good_tls: ssl.SSLContext, it_trust: ssl.SSLContext
) -> None:
    handler = server(good_tls, offer_starttls=False)  # type: ignore[operator]
    with ThreadedServer(handler) as port:
        outcome = _probe(TcpProbe(HOST, port, starttls=kind), it_trust)
    assert outcome.detail == "the server does not offer STARTTLS"
    assert (outcome.ok, outcome.reached) == (False, True)


@pytest.mark.parametrize(
    ("flood", "words"),
    [
        (b"250-" + b"x" * 60 + b"\r\n", "the server's answer is longer than 16 KiB"),
        (b"y" * 1024, "the server sent a line longer than 4 KiB"),
    ],
)
def test_a_flooding_server_is_cut_off(
    flood: bytes, words: str, good_tls: ssl.SSLContext, it_trust: ssl.SSLContext
) -> None:
    with ThreadedServer(smtp_server(good_tls, flood=flood)) as port:
        outcome = _probe(TcpProbe(HOST, port, starttls=StartTls.SMTP), it_trust)
    assert outcome.detail == words
    assert (outcome.ok, outcome.reached) == (False, True)


def test_a_stalled_starttls_dialogue_times_out(it_trust: ssl.SSLContext) -> None:
    with ThreadedServer(until_closed) as port:  # no greeting ever comes
        outcome = _probe(TcpProbe(HOST, port, starttls=StartTls.SMTP), it_trust, timeout_s=0.5)
    assert outcome.detail == "connected, but the server did not answer STARTTLS within 0.5 s"
    assert outcome.reached


@pytest.mark.parametrize(
    ("kind", "greeting", "words"),
    [
        (
            StartTls.SMTP,
            b"554 5.7.1 No service here\r\n",
            "the mail server turned us away (554 5.7.1 No service here)",
        ),
        (
            StartTls.SMTP,
            b"SSH-2.0-OpenSSH_9.6\r\n",
            "the server does not speak SMTP (it said 'SSH-2.0-OpenSSH_9.6')",
        ),
        (
            StartTls.IMAP,
            b"* BYE too many connections\r\n",
            "the IMAP server turned us away (* BYE too many connections)",
        ),
        (
            StartTls.IMAP,
            b"220 mail.test ESMTP\r\n",
            "the server does not greet as an IMAP server (220 mail.test ESMTP)",
        ),
        (
            StartTls.SMTP,
            b"220 half a greeting",
            "connected, but the server did not answer STARTTLS within 0.5 s",
        ),
    ],
)
def test_a_server_that_is_not_the_expected_mail_server_is_named(
    kind: StartTls, greeting: bytes, words: str, it_trust: ssl.SSLContext
) -> None:
    with ThreadedServer(says(greeting)) as port:
        outcome = _probe(TcpProbe(HOST, port, starttls=kind), it_trust, timeout_s=0.5)
    assert outcome.detail == words
    assert (outcome.ok, outcome.reached) == (False, True)
