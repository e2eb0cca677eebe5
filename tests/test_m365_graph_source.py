"""The Microsoft Graph source against a local server speaking the token and Graph endpoints."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterator
from types import MappingProxyType
from urllib.parse import parse_qs

import keyring
import pytest

from tests.conftest import fixture_bytes
from tests.engine_harness import Harness, run
from tests.memory_keyring import MemoryKeyring
from tests.servers import LoopbackServer, Reply
from traymon.config import NetworkConfig, ServiceConfig
from traymon.engine.clock import FakeClock
from traymon.engine.oneshot import check_round
from traymon.model import ParseResult, Status
from traymon.reasons import Code, Reason
from traymon.sources.http import FetchLimits, make_client
from traymon.sources.m365_graph import HEALTH_PATH, KEYRING_SERVICE, M365GraphSource, SecretGetter
from traymon.sources.tokens import (
    MAX_LIFETIME_S,
    SAFETY_MARGIN_S,
    UNKNOWN_LIFETIME_REUSE_S,
    TokenCache,
)

TOKEN = json.dumps({"token_type": "Bearer", "expires_in": 3599, "access_token": "t0k3n"}).encode()
HEALTH = HEALTH_PATH.split("?")[0]


def _source(
    server: LoopbackServer,
    getter: SecretGetter | None = None,
    tokens: TokenCache | None = None,
    **extra: object,
) -> M365GraphSource:
    options = {
        "tenant_id": "contoso.onmicrosoft.com",
        "client_id": "11111111-2222",
        "token_url": server.base_url + "/tenant/token",
        **extra,
    }
    if getter is None:
        return M365GraphSource(server.base_url + "/graph", MappingProxyType(options))  # type: ignore[arg-type]
    return M365GraphSource(server.base_url + "/graph", MappingProxyType(options), getter, tokens)  # type: ignore[arg-type]


def _run(source: M365GraphSource) -> ParseResult:
    limits = FetchLimits(timeout_s=5)

    async def go() -> ParseResult:
        async with make_client(limits) as client:
            return await source.fetch_and_parse(client, limits)

    return asyncio.run(go())


@pytest.fixture
def stored_secret() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    backend.set_password(KEYRING_SERVICE, "m365-graph", "s3cret")
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_signs_in_with_client_credentials_and_reads_health_with_the_token(
    server: LoopbackServer, stored_secret: MemoryKeyring
) -> None:
    server.serve("/tenant/token", Reply(body=TOKEN))
    server.serve(
        "/graph" + HEALTH,
        Reply(body=fixture_bytes("microsoft365/graph_v1_healthOverviews_DOCS_EXAMPLE.json")),
    )
    result = _run(_source(server))
    assert result.status is Status.OPERATIONAL
    (method, path, _, form), (get, graph_path, headers, _) = server.seen
    assert (method, path) == ("POST", "/tenant/token")
    sent = parse_qs(form.decode())
    assert sent["grant_type"] == ["client_credentials"]
    assert sent["client_id"] == ["11111111-2222"]
    assert sent["client_secret"] == ["s3cret"]  # from the keyring, not from the config
    assert sent["scope"] == ["https://graph.microsoft.com/.default"]
    assert get == "GET"
    assert graph_path.endswith("healthOverviews?$expand=issues")
    assert headers["Authorization"] == "Bearer t0k3n"


def test_follows_next_links_on_the_same_host_only(server: LoopbackServer) -> None:
    first = json.loads(fixture_bytes("microsoft365/graph_v1_healthOverviews_DOCS_EXAMPLE.json"))
    first["@odata.nextLink"] = server.base_url + "/graph/page2"
    second = json.loads(
        fixture_bytes("microsoft365/graph_v1_healthOverviews_expand_issues_DOCS_EXAMPLE.json")
    )
    second["value"][0]["service"] = "Microsoft Teams"
    second["value"][0]["status"] = "serviceInterruption"
    second["@odata.nextLink"] = "https://elsewhere.example/steal-the-token"
    server.serve("/tenant/token", Reply(body=TOKEN))
    server.serve("/graph" + HEALTH, Reply(body=json.dumps(first).encode()))
    server.serve("/graph/page2", Reply(body=json.dumps(second).encode()))
    result = _run(_source(server, lambda name: "s3cret"))
    assert result.status is Status.MAJOR_OUTAGE
    assert [c.name for c in result.components][-1] == "Microsoft Teams"
    assert len([s for s in server.seen if s[0] == "GET"]) == 2


@pytest.mark.parametrize("code", [401, 403])
def test_missing_permission_is_explained(server: LoopbackServer, code: int) -> None:
    server.serve("/tenant/token", Reply(body=TOKEN))
    server.serve("/graph" + HEALTH, Reply(status=code, body=b'{"error": {"code": "Forbidden"}}'))
    result = _run(_source(server, lambda name: "s3cret"))
    assert result.status is Status.UNKNOWN
    assert "ServiceHealth.Read.All" in result.summary
    assert "admin's consent" in result.summary
    assert f"HTTP {code}" in result.summary


def test_a_refused_sign_in_names_what_to_check(server: LoopbackServer) -> None:
    refusal = {
        "error": "invalid_client",
        "error_description": "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x",
    }
    server.serve("/tenant/token", Reply(status=401, body=json.dumps(refusal).encode()))
    result = _run(_source(server, lambda name: "wrong"))
    assert result.status is Status.UNKNOWN
    assert result.summary == (
        "Microsoft sign-in refused the app; check tenant_id, client_id and the stored secret: "
        "AADSTS7000215: Invalid client secret provided."
    )
    assert result.reason is not None and result.reason.code is Code.SIGN_IN
    assert result.reason.status == 401


def test_no_stored_secret_says_how_to_store_it(server: LoopbackServer) -> None:
    result = _run(_source(server, lambda name: None, secret="graph-prod"))
    assert result.status is Status.UNKNOWN
    assert "`traymon secret set graph-prod`" in result.summary
    assert result.reason is not None and result.reason.code is Code.SECRET_MISSING
    assert server.seen == []  # nothing is sent without a secret


def test_a_broken_keyring_is_a_sentence(server: LoopbackServer) -> None:
    def broken(name: str) -> str | None:
        raise RuntimeError("no D-Bus")

    result = _run(_source(server, broken))
    assert result.status is Status.UNKNOWN
    assert result.summary == "the OS keyring could not be read (RuntimeError)"
    assert result.reason == Reason(Code.KEYRING, detail="RuntimeError")


def test_the_default_token_endpoint_is_the_tenants() -> None:
    source = M365GraphSource(
        "https://graph.microsoft.com", MappingProxyType({"tenant_id": "contoso"})
    )
    assert source.token_url == "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"


# -- the token is kept between checks -------------------------------------------------


def _health(server: LoopbackServer, status: int = 200) -> None:
    body = fixture_bytes("microsoft365/graph_v1_healthOverviews_DOCS_EXAMPLE.json")
    server.serve("/graph" + HEALTH, Reply(status=status, body=body if status == 200 else b"{}"))


def _token(access: str, expires_in: object = 3599) -> Reply:
    answer: dict[str, object] = {"token_type": "Bearer", "access_token": access}
    if expires_in is not None:
        answer["expires_in"] = expires_in
    return Reply(body=json.dumps(answer).encode())


def _sign_ins(server: LoopbackServer) -> int:
    return len([s for s in server.seen if s[0] == "POST"])


def _bearers(server: LoopbackServer) -> list[str]:
    return [headers["Authorization"] for method, _, headers, _ in server.seen if method == "GET"]


def _checks(source: Callable[[], M365GraphSource], times: int) -> list[ParseResult]:
    limits = FetchLimits(timeout_s=5)

    async def go() -> list[ParseResult]:
        async with make_client(limits) as client:
            return [await source().fetch_and_parse(client, limits) for _ in range(times)]

    return asyncio.run(go())


def test_two_checks_sign_in_once(server: LoopbackServer) -> None:
    server.serve("/tenant/token", _token("t0k3n"))
    _health(server)
    tokens = TokenCache(FakeClock())
    results = _checks(lambda: _source(server, lambda name: "s3cret", tokens=tokens), 3)
    assert [r.status for r in results] == [Status.OPERATIONAL] * 3
    assert _sign_ins(server) == 1
    assert _bearers(server) == ["Bearer t0k3n"] * 3


def test_without_a_shared_cache_each_check_signs_in(server: LoopbackServer) -> None:
    server.serve("/tenant/token", _token("t0k3n"))
    _health(server)
    _checks(lambda: _source(server, lambda name: "s3cret"), 2)
    assert _sign_ins(server) == 2


def test_an_expiring_token_is_replaced_before_it_runs_out(server: LoopbackServer) -> None:
    server.serve("/tenant/token", _token("first"))
    _health(server)
    clock = FakeClock()
    tokens = TokenCache(clock)
    source = lambda: _source(server, lambda name: "s3cret", tokens=tokens)  # noqa: E731
    _checks(source, 1)
    clock.advance(3599 - SAFETY_MARGIN_S - 1)  # still inside the lifetime minus the margin
    _checks(source, 1)
    assert _sign_ins(server) == 1
    server.serve("/tenant/token", _token("second"))
    clock.advance(2)  # now inside the margin: sign in again before Graph would refuse it
    _checks(source, 2)
    assert _sign_ins(server) == 2
    assert _bearers(server) == ["Bearer first", "Bearer first", "Bearer second", "Bearer second"]


def test_a_sleeping_laptop_signs_in_again_on_waking(server: LoopbackServer) -> None:
    server.serve("/tenant/token", _token("t0k3n"))
    _health(server)
    clock = FakeClock()
    tokens = TokenCache(clock)
    source = lambda: _source(server, lambda name: "s3cret", tokens=tokens)  # noqa: E731
    _checks(source, 1)
    clock.suspend(8 * 3600)  # the monotonic clock stood still overnight; the wall clock did not
    _checks(source, 1)
    assert _sign_ins(server) == 2


def test_a_revoked_token_signs_in_again_and_the_retry_succeeds(server: LoopbackServer) -> None:
    server.serve("/tenant/token", _token("revoked"))
    _health(server)
    tokens = TokenCache(FakeClock())
    source = lambda: _source(server, lambda name: "s3cret", tokens=tokens)  # noqa: E731
    _checks(source, 1)
    # Graph now accepts only a new token (the old one was revoked); sign-in hands it out.
    server.serve("/tenant/token", _token("renewed"))
    server.routes["/graph" + HEALTH].authorization = "Bearer renewed"
    (result,) = _checks(source, 1)
    assert result.status is Status.OPERATIONAL
    assert _sign_ins(server) == 2
    assert _bearers(server) == ["Bearer revoked", "Bearer revoked", "Bearer renewed"]
    _checks(source, 1)  # the renewed token is kept
    assert _sign_ins(server) == 2


def test_a_fresh_token_refused_is_not_retried_and_not_kept(server: LoopbackServer) -> None:
    server.serve("/tenant/token", _token("t0k3n"))
    _health(server, status=403)
    tokens = TokenCache(FakeClock())
    source = lambda: _source(server, lambda name: "s3cret", tokens=tokens)  # noqa: E731
    first, _ = _checks(source, 2)
    assert "ServiceHealth.Read.All" in first.summary
    assert "HTTP 403" in first.summary
    # One GET per check, and a sign-in per check: an admin's new consent shows in a new token.
    assert len(_bearers(server)) == 2
    assert _sign_ins(server) == 2


def test_a_changed_secret_signs_in_again(server: LoopbackServer) -> None:
    server.serve("/tenant/token", _token("t0k3n"))
    _health(server)
    tokens = TokenCache(FakeClock())
    secret = ["old"]
    source = lambda: _source(server, lambda name: secret[0], tokens=tokens)  # noqa: E731
    _checks(source, 2)
    assert _sign_ins(server) == 1
    secret[0] = "rotated"
    _checks(source, 2)
    posts = [parse_qs(body.decode()) for method, _, _, body in server.seen if method == "POST"]
    assert [p["client_secret"] for p in posts] == [["old"], ["rotated"]]
    assert repr(tokens) == "TokenCache(1 token(s))"  # the old secret's token is gone


def test_services_sharing_an_app_registration_sign_in_once(server: LoopbackServer) -> None:
    server.serve("/tenant/token", Reply(body=TOKEN, delay_s=0.2))  # a slow sign-in
    _health(server)
    tokens = TokenCache(FakeClock())
    limits = FetchLimits(timeout_s=5)

    async def go() -> list[ParseResult]:
        async with make_client(limits) as client:
            sources = [_source(server, lambda name: "s3cret", tokens=tokens) for _ in range(4)]
            checks = [source.fetch_and_parse(client, limits) for source in sources]
            return list(await asyncio.gather(*checks))

    assert [r.status for r in asyncio.run(go())] == [Status.OPERATIONAL] * 4
    assert _sign_ins(server) == 1


@pytest.mark.parametrize(
    ("expires_in", "reused_for"),
    [
        (3599, 3599 - SAFETY_MARGIN_S),
        ("3599", 3599 - SAFETY_MARGIN_S),  # the v1.0 endpoint sends a string
        (120, 60),  # a short lifetime keeps half of itself as the margin
        (None, UNKNOWN_LIFETIME_REUSE_S),
        ("soon", UNKNOWN_LIFETIME_REUSE_S),
        ("nan", UNKNOWN_LIFETIME_REUSE_S),
        (-5, UNKNOWN_LIFETIME_REUSE_S),
        (True, UNKNOWN_LIFETIME_REUSE_S),
        (10**9, MAX_LIFETIME_S - SAFETY_MARGIN_S),
    ],
)
def test_the_token_lifetime_is_read_with_care(
    server: LoopbackServer, expires_in: object, reused_for: float
) -> None:
    server.serve("/tenant/token", _token("t0k3n", expires_in))
    _health(server)
    clock = FakeClock()
    tokens = TokenCache(clock)
    source = lambda: _source(server, lambda name: "s3cret", tokens=tokens)  # noqa: E731
    _checks(source, 1)
    clock.advance(reused_for - 1)
    _checks(source, 1)
    assert _sign_ins(server) == 1
    clock.advance(1)
    _checks(source, 1)
    assert _sign_ins(server) == 2


def test_the_token_and_secret_never_reach_logs_or_results(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.serve("/tenant/token", _token("t0k3n-SECRET-BEARER"))
    _health(server)
    tokens = TokenCache(FakeClock())
    caplog.set_level(logging.DEBUG)
    source = lambda: _source(server, lambda name: "cl1ent-s3cret", tokens=tokens)  # noqa: E731
    results = _checks(source, 2)
    server.routes["/graph" + HEALTH].authorization = "Bearer other"  # revoked: retry path
    results += _checks(source, 1)
    shown = "\n".join(
        [r.getMessage() for r in caplog.records]
        + [repr(r) for r in results]
        + [repr(tokens), repr(tokens._entries)]
    )
    assert caplog.records  # httpx logs every request at DEBUG: the check is not vacuous
    for secret in ("t0k3n-SECRET-BEARER", "cl1ent-s3cret"):
        assert secret not in shown


def test_the_running_engine_keeps_one_token_for_every_graph_service(
    server: LoopbackServer, stored_secret: MemoryKeyring
) -> None:
    server.serve("/tenant/token", _token("t0k3n", 3599))
    _health(server)

    def service(sid: str, product: str) -> ServiceConfig:
        options = {
            "tenant_id": "contoso.onmicrosoft.com",
            "client_id": "11111111-2222",
            "token_url": server.base_url + "/tenant/token",
            "services": (product,),
        }
        return ServiceConfig(
            sid, product, "m365-graph", server.base_url + "/graph", 300, MappingProxyType(options)
        )

    services = [service("exo", "Exchange Online"), service("teams", "Microsoft Teams")]

    async def scenario() -> None:
        async with Harness(services) as h:
            for _ in range(3):  # about 20 minutes of checks of two services
                await h.advance(400)
            assert len(_bearers(server)) >= 6
            assert _sign_ins(server) == 1
            await h.advance(3599)  # past the token's lifetime: one new sign-in for both
            assert _sign_ins(server) == 2

    run(scenario())


def test_one_check_round_signs_in_once_for_services_sharing_an_app(
    server: LoopbackServer, stored_secret: MemoryKeyring
) -> None:
    server.serve("/tenant/token", _token("t0k3n"))
    _health(server)
    options = {
        "tenant_id": "contoso.onmicrosoft.com",
        "client_id": "11111111-2222",
        "token_url": server.base_url + "/tenant/token",
    }
    services = [
        ServiceConfig(sid, sid, "m365-graph", server.base_url + "/graph", 300,
                      MappingProxyType(options))
        for sid in ("exo", "teams", "sharepoint")
    ]  # fmt: skip
    done = asyncio.run(check_round(services, NetworkConfig(reference_urls=()), FetchLimits(5)))
    assert [r.status for r in done.results] == [Status.OPERATIONAL] * 3
    assert _sign_ins(server) == 1
