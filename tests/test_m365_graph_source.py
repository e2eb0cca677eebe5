"""The Microsoft Graph source against a local server speaking the token and Graph endpoints."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from types import MappingProxyType
from urllib.parse import parse_qs

import keyring
import pytest

from tests.conftest import fixture_bytes
from tests.memory_keyring import MemoryKeyring
from tests.servers import LoopbackServer, Reply
from traymon.model import ParseResult, Status
from traymon.sources.http import FetchLimits, make_client
from traymon.sources.m365_graph import HEALTH_PATH, KEYRING_SERVICE, M365GraphSource, SecretGetter

TOKEN = json.dumps({"token_type": "Bearer", "expires_in": 3599, "access_token": "t0k3n"}).encode()
HEALTH = HEALTH_PATH.split("?")[0]


def _source(
    server: LoopbackServer, getter: SecretGetter | None = None, **extra: object
) -> M365GraphSource:
    options = {
        "tenant_id": "contoso.onmicrosoft.com",
        "client_id": "11111111-2222",
        "token_url": server.base_url + "/tenant/token",
        **extra,
    }
    if getter is None:
        return M365GraphSource(server.base_url + "/graph", MappingProxyType(options))  # type: ignore[arg-type]
    return M365GraphSource(server.base_url + "/graph", MappingProxyType(options), getter)  # type: ignore[arg-type]


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


def test_no_stored_secret_says_how_to_store_it(server: LoopbackServer) -> None:
    result = _run(_source(server, lambda name: None, secret="graph-prod"))
    assert result.status is Status.UNKNOWN
    assert "`traymon secret set graph-prod`" in result.summary
    assert server.seen == []  # nothing is sent without a secret


def test_a_broken_keyring_is_a_sentence(server: LoopbackServer) -> None:
    def broken(name: str) -> str | None:
        raise RuntimeError("no D-Bus")

    result = _run(_source(server, broken))
    assert result.status is Status.UNKNOWN
    assert result.summary == "the OS keyring could not be read (RuntimeError)"


def test_the_default_token_endpoint_is_the_tenants() -> None:
    source = M365GraphSource(
        "https://graph.microsoft.com", MappingProxyType({"tenant_id": "contoso"})
    )
    assert source.token_url == "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"
