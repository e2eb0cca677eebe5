"""One round of checks with triage, for ``traymon check``: sources, probes and the network."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ssl
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from traymon.config import NetworkConfig, ServiceConfig
from traymon.engine.checker import DEFAULT_CONCURRENCY, SourceCheck, check_source
from traymon.engine.network import check_references
from traymon.engine.triage import Network, network_state, triage, where
from traymon.model import CheckResult, ProbeOutcome
from traymon.sources.http import FetchLimits, NetworkOptions, make_client, tls_context
from traymon.sources.tokens import TokenCache


@dataclass(frozen=True, slots=True)
class Round:
    """Every service checked once, each with its triage, and whether this PC was online."""

    results: tuple[CheckResult, ...]
    network: Network


async def check_round(
    services: Sequence[ServiceConfig],
    network_config: NetworkConfig,
    limits: FetchLimits,
    concurrency: int = DEFAULT_CONCURRENCY,
    options: NetworkOptions | None = None,
    site: str = "",
) -> Round:
    """Check every service and its probes once; ask the reference URLs only if needed.

    The reference checks start at once, but when any service answered they are
    cancelled: a vendor answering already proves the network works.
    """
    references = asyncio.create_task(
        check_references(network_config.reference_urls, network_config.timeout_s, options)
    )
    gate = asyncio.Semaphore(concurrency)
    tokens = TokenCache()  # services sharing an app registration sign in once
    trust = tls_context(options or NetworkOptions())  # the TLS probes trust what the checks do
    async with make_client(limits, concurrency, options) as client:
        checked = await asyncio.gather(
            *(_check_with_probes(s, client, limits, gate, tokens, trust) for s in services)
        )
    reached = any(c.reached or any(p.reached for p in probes) for c, probes in checked)
    if reached:
        references.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await references
        network = Network.ONLINE
    else:
        network = network_state(await references, any_service_reached=False)
    results = tuple(
        dataclasses.replace(
            check.result, probes=probes, triage=triage(check.result.status, probes, network)
        )
        for check, probes in checked
    )
    return Round(_placed(results, site), network)


def _placed(results: tuple[CheckResult, ...], site: str) -> tuple[CheckResult, ...]:
    """The fleet's word at ``site`` (from the relay results' documents) on each result."""
    if not site:
        return results
    fleet = {e.service: e for r in results for e in r.fleet_document if e.site == site}
    out = []
    for r in results:
        mine = fleet.get(r.service_id)
        placed = where(r.triage, mine) if r.triage is not None else None
        out.append(dataclasses.replace(r, fleet=mine, where=placed))
    return tuple(out)


async def _check_with_probes(
    service: ServiceConfig,
    client: httpx.AsyncClient,
    limits: FetchLimits,
    gate: asyncio.Semaphore,
    tokens: TokenCache | None = None,
    trust: ssl.SSLContext | None = None,
) -> tuple[SourceCheck, tuple[ProbeOutcome, ...]]:
    async def source() -> SourceCheck:
        async with gate:
            return await check_source(service, client, limits, tokens=tokens)

    async def probe(index: int) -> ProbeOutcome:
        from traymon.probes.run import run_probe  # loaded only where a service has probes

        async with gate:
            return await run_probe(service.probes[index], client, limits.timeout_s, trust)

    async def all_probes() -> tuple[ProbeOutcome, ...]:
        return tuple(await asyncio.gather(*(probe(i) for i in range(len(service.probes)))))

    return await asyncio.gather(source(), all_probes())
