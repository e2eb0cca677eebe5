"""The desktop's ``relay`` kind refuses every document it cannot believe, with a sentence.

Real loopback HTTP, real signatures (a relay's key made here), the engine's own
check (``check_service``) and, for what must outlive a restart, the real command.
"""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

import pytest

from tests.conftest import run_traymon
from tests.servers import LoopbackServer, Reply
from traymon.config.schema import ServiceConfig
from traymon.engine.checker import ResponseCache, check_source
from traymon.model import CheckResult, Status
from traymon.reasons import Code
from traymon.relay import keys
from traymon.relay.document import Declaration, Document, ServiceState
from traymon.relay.verify import Refusal, sign, verify
from traymon.sources import relay as relay_source
from traymon.sources.http import FetchLimits, make_client
from traymon.sources.options import OptionValue

pytestmark = pytest.mark.linux_only  # needs policy from $TRAYMON_POLICY_DIR (the Linux reader)

TENANT = "contoso.onmicrosoft.com"
KEY = keys.generate()
NEW_KEY = keys.generate()
STRANGER = keys.generate()


def document(
    serial: int = 100,
    *,
    tenant: str = TENANT,
    expires_in: timedelta = timedelta(minutes=10),
    declarations: tuple[Declaration, ...] = (),
) -> Document:
    now = datetime.now(UTC)
    return Document(
        tenant=tenant,
        issued_at=now,
        expires_at=now + expires_in,
        serial=serial,
        services=(
            ServiceState(
                "exchange-online",
                "Exchange Online",
                Status.DEGRADED,
                "EX999001: Users can't send mail",
                "Some users",
                "Rolling back",
            ),
            ServiceState("microsoft-teams", "Microsoft Teams", Status.OPERATIONAL),
        ),
        declarations=declarations,
    )


def signed(doc: Document | None = None, key: keys.SigningKey = KEY) -> bytes:
    return sign(doc or document(), key)


def options(*pinned: keys.SigningKey, service: str = "exchange-online") -> dict[str, OptionValue]:
    chosen = pinned or (KEY,)
    return {
        "tenant_id": TENANT,
        "keys": tuple(k.public.text for k in chosen),
        "service": service,
    }


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The highest serial seen lives in the user data folder: never the real one.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def check(
    server: LoopbackServer,
    body: bytes,
    opts: dict[str, OptionValue] | None = None,
    *,
    cache: ResponseCache | None = None,
    etag: str | None = None,
) -> CheckResult:
    url = server.serve(
        "/relay/tenant.jws", Reply(body=body, content_type="application/jose", etag=etag)
    )
    service = ServiceConfig(
        id="exchange-online",
        name="Exchange Online",
        kind="relay",
        url=url,
        options=MappingProxyType(opts or options()),
    )
    limits = FetchLimits(timeout_s=5.0)

    async def go() -> CheckResult:
        async with make_client(limits) as client:
            return (await check_source(service, client, limits, cache=cache)).result

    return asyncio.run(go())


def refused(result: CheckResult, words: str) -> None:
    assert result.status is Status.UNKNOWN
    assert words in result.summary, result.summary
    assert result.reason is not None and result.reason.code is Code.RELAY_REFUSED
    assert "Traceback" not in result.summary


def test_a_good_document_is_believed(server: LoopbackServer) -> None:
    result = check(server, signed())
    assert result.status is Status.DEGRADED
    assert result.summary == "EX999001: Users can't send mail — Some users"
    assert [c.name for c in result.components] == ["Exchange Online"]


def test_a_tampered_body_is_refused(server: LoopbackServer) -> None:
    head, payload, signature = signed().split(b".")
    data = json.loads(relay_source_b64(payload))
    data["services"][0]["state"] = "operational"  # "all is well", says the attacker
    forged = b".".join([head, b64(json.dumps(data).encode()), signature])
    refused(check(server, forged), "the company's status document is not signed by IT's key")


def test_another_key_is_refused(server: LoopbackServer) -> None:
    refused(check(server, signed(key=STRANGER)), "is not signed by IT's key")


def test_an_expired_document_is_refused(server: LoopbackServer) -> None:
    old = document(expires_in=timedelta(minutes=-5))
    result = check(server, signed(old))
    local = old.expires_at.astimezone()
    refused(result, f"the company's status document expired at {local:%H:%M}")


def test_an_older_serial_is_refused_after_a_newer_one(server: LoopbackServer) -> None:
    assert check(server, signed(document(serial=101))).status is Status.DEGRADED
    refused(check(server, signed(document(serial=100))), "is older than one already seen")
    assert check(server, signed(document(serial=101))).status is Status.DEGRADED  # same: fine


@pytest.mark.parametrize("cut", [1, 10, 40, 200])
def test_a_truncated_file_is_refused(server: LoopbackServer, cut: int) -> None:
    refused(check(server, signed()[:-cut]), "the company's status document is damaged")


def test_garbage_is_damaged(server: LoopbackServer) -> None:
    refused(check(server, b"<html>502 Bad Gateway</html>"), "is damaged")


def test_another_tenants_document_is_refused(server: LoopbackServer) -> None:
    refused(check(server, signed(document(tenant="fabrikam.com"))), "is for another tenant")


def test_two_pinned_keys_rotate_without_a_gap(server: LoopbackServer) -> None:
    both = options(KEY, NEW_KEY)
    assert check(server, signed(document(serial=1)), both).status is Status.DEGRADED
    assert check(server, signed(document(serial=2), NEW_KEY), both).status is Status.DEGRADED
    refused(check(server, signed(document(serial=3), STRANGER), both), "not signed by IT's key")


def test_a_kept_document_is_checked_again_on_304(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ResponseCache()
    body = signed(document(expires_in=timedelta(minutes=2)))
    assert check(server, body, cache=cache, etag='"v1"').status is Status.DEGRADED
    later = datetime.now(UTC) + timedelta(minutes=10)
    monkeypatch.setattr(relay_source, "_utc_now", lambda: later)
    result = check(server, body, cache=cache, etag='"v1"')
    assert server.requests[-1] == "/relay/tenant.jws"
    refused(result, "expired at")


def test_a_continuity_declaration_makes_the_service_an_outage(server: LoopbackServer) -> None:
    now = datetime.now(UTC)
    declared = Declaration(
        "c-1",
        "continuity",
        "Use webmail",
        "it@contoso",
        now - timedelta(minutes=1),
        now + timedelta(hours=2),
        service="microsoft-teams",
    )
    result = check(
        server, signed(document(declarations=(declared,))), options(service="microsoft-teams")
    )
    assert result.status is Status.PARTIAL_OUTAGE
    assert result.summary.startswith("IT: continuity for microsoft-teams until")


def test_the_highest_serial_outlives_a_restart(
    server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    url = server.serve("/tenant.jws", Reply(body=signed(document(serial=500))))
    config = tmp_path / "desktop.toml"
    config.write_text(
        "[[services]]\n"
        'id = "exchange-online"\nname = "Exchange Online"\nkind = "relay"\n'
        f'url = "{url}"\ntenant_id = "{TENANT}"\nkeys = ["{KEY.public.text}"]\n'
        'service = "exchange-online"\n',
        encoding="utf-8",
    )
    first = run_traymon("check", "--json", "--config", str(config), env=isolated_env)
    assert json.loads(first.stdout)["services"][0]["status"] == "degraded", first.stderr
    server.serve("/tenant.jws", Reply(body=signed(document(serial=499))))  # an old copy
    second = run_traymon("check", "--json", "--config", str(config), env=isolated_env)
    row = json.loads(second.stdout)["services"][0]
    assert row["status"] == "unknown"
    assert "is older than one already seen" in row["summary"]
    assert "Traceback" not in second.stderr


def relay_source_b64(part: bytes) -> bytes:
    return base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))


def b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def test_changing_any_byte_of_a_document_is_refused() -> None:
    body = signed()
    now = datetime.now(UTC)
    assert not isinstance(verify(body, [KEY.public], tenant=TENANT, now=now), Refusal)
    believed = []
    for i in range(len(body)):
        for replacement in {body[i] ^ 1, ord("A") if body[i] != ord("A") else ord("B"), ord(".")}:
            if replacement == body[i]:
                continue
            changed = body[:i] + bytes([replacement]) + body[i + 1 :]
            if not isinstance(verify(changed, [KEY.public], tenant=TENANT, now=now), Refusal):
                believed.append((i, replacement))
    assert believed == []  # the last base64 character's spare bits included


def test_policy_pins_the_key_and_tenant_for_every_relay_service(
    server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    url = server.serve("/tenant.jws", Reply(body=signed(document(serial=7), NEW_KEY)))
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "policy.toml").write_text(
        f'[relay]\npublic_keys = ["{KEY.public.text}", "{NEW_KEY.public.text}"]\n'
        f'tenant_id = "{TENANT}"\n',
        encoding="utf-8",
    )
    config = tmp_path / "desktop.toml"
    config.write_text(
        '[[services]]\nid = "exchange-online"\nname = "Exchange Online"\nkind = "relay"\n'
        f'url = "{url}"\nservice = "exchange-online"\n',
        encoding="utf-8",
    )
    env = {**isolated_env, "TRAYMON_POLICY_DIR": str(policy)}
    done = run_traymon("check", "--json", "--config", str(config), env=env)
    assert json.loads(done.stdout)["services"][0]["status"] == "degraded", done.stdout
    (policy / "policy.toml").write_text("", encoding="utf-8")  # nothing pinned: never believed
    done = run_traymon("check", "--json", "--config", str(config), env=env)
    row = json.loads(done.stdout)["services"][0]
    assert row["status"] == "unknown" and "IT has not pinned its key" in row["summary"]
