"""Test-only kinds whose parser breaks its promise (raises, or takes forever).

Registered in the real ``SOURCES`` table, so the real loader, engine and ``check``
command run them exactly as they run a shipped kind. Import ``register`` in a child
process before ``traymon.commands.cli.main``, or ``monkeypatch.setitem`` in-process.
"""

from __future__ import annotations

import time

from traymon.model import ParseResult
from traymon.sources import SOURCES
from traymon.sources.statuspage import StatuspageSource


class RaisingSource(StatuspageSource):
    kind = "test-raising"

    def parse(self, body: bytes) -> ParseResult:
        del body
        raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")


class SleepingSource(StatuspageSource):
    kind = "test-sleeping"

    def parse(self, body: bytes) -> ParseResult:
        time.sleep(30)
        return super().parse(body)


MISBEHAVING: dict[str, type[StatuspageSource]] = {
    RaisingSource.kind: RaisingSource,
    SleepingSource.kind: SleepingSource,
}


def register() -> None:
    SOURCES.update(MISBEHAVING)
