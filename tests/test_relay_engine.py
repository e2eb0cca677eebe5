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
            told = [n for n in h.notifications if n.body.startswith("IT: ")]
            assert [(n.title, n.body) for n in told] == [
                ("Exchange Online", "IT: VPN maintenance at 18:00")
            ]
            await h.advance(400)  # checked again: the same announcement is not news
            assert len([n for n in h.notifications if n.body.startswith("IT: ")]) == 1

    run(scenario())


def test_a_muted_service_tells_its_announcement_once_unmuted(server: LoopbackServer) -> None:
    async def scenario() -> None:
        async with Harness([_service(server, muted=True)]) as h:
            assert not [n for n in h.notifications if n.body.startswith("IT: ")]
            h.monitor.mute("exo", False)
            await h.advance(400)
            told = [n.body for n in h.notifications if n.body.startswith("IT: ")]
            assert told == ["IT: VPN maintenance at 18:00"]

    run(scenario())
