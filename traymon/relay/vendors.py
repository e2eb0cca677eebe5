"""Vendors' public status pages, read once for everybody by the relay.

The relay reads the same ``[[services]]`` tables a desktop would (any kind but
``relay`` itself), with the engine's own checker, so a thousand desktops ask the
relay instead of GitHub or Slack each. A failed read is published as ``unknown``
with its sentence, never as the last good state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from traymon.config import ConfigError, load_config
from traymon.config.schema import ServiceConfig
from traymon.config.vendor import vendor_for
from traymon.engine.checker import check_all
from traymon.model import CheckResult, Status
from traymon.relay.config import RelayConfigError
from traymon.relay.document import ServiceState
from traymon.sources.http import FetchLimits, make_client


def load_vendors(path: Path) -> tuple[ServiceConfig, ...]:
    try:
        config = load_config(path)
    except ConfigError as exc:
        lines = "; ".join(str(p) for p in exc.problems)
        raise RelayConfigError(f"the vendors file cannot be used: {lines}") from exc
    services = tuple(s for s in config.services if s.kind != "relay")
    if len(services) != len(config.services):
        raise RelayConfigError(f"{path}: the relay does not read relay documents (kind = relay)")
    return services


class VendorReader:
    def __init__(
        self,
        services: tuple[ServiceConfig, ...],
        every_s: float,
        monotonic: Callable[[], float],
        limits: FetchLimits | None = None,
    ) -> None:
        self.services = services
        self.every_s = every_s
        self._monotonic = monotonic
        self._limits = limits or FetchLimits()
        self._next = 0.0

    def due(self) -> bool:
        return bool(self.services) and self._monotonic() >= self._next

    def read(self) -> tuple[ServiceState, ...]:
        self._next = self._monotonic() + self.every_s
        results = asyncio.run(self._check())
        return tuple(_state(s, r) for s, r in zip(self.services, results, strict=True))

    async def _check(self) -> list[CheckResult]:
        async with make_client(self._limits) as client:
            return await check_all(self.services, client, self._limits)


def _state(service: ServiceConfig, result: CheckResult) -> ServiceState:
    problems = [i for i in result.incidents if i.impact is not Status.OPERATIONAL]
    first = problems[0] if problems else None
    title = first.title if first else (result.summary if result.status is Status.UNKNOWN else "")
    return ServiceState(
        id=service.id,
        name=service.name,
        state=result.status,
        title=title,
        impact=first.status if first else "",
        latest_update=(first.latest_update or "")[:1000] if first else "",
        vendor=vendor_for(service),
    )
