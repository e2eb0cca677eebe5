"""Ask every catalogue entry once and list those that do not answer (needs the internet).

Run with `make verify-catalogue`; not part of `make test`, which never leaves this machine.
Entries of kind m365-graph are skipped: they need a tenant's own app registration.
Exit status 0 when every entry gave a known state, 1 otherwise.
"""

from __future__ import annotations

import asyncio
import sys
from types import MappingProxyType

from traymon.catalogue import load_catalogue
from traymon.config import ServiceConfig
from traymon.engine.checker import check_all
from traymon.model import CheckResult, Status
from traymon.sources.http import FetchLimits, make_client


def main() -> int:
    words = " ".join(sys.argv[1:])
    entries = [e for e in load_catalogue().search(words) if e.kind != "m365-graph"]
    services = [
        ServiceConfig(e.id, e.name, e.kind, e.url, options=MappingProxyType(dict(e.options)))
        for e in entries
    ]
    limits = FetchLimits(timeout_s=20)

    async def run() -> list[CheckResult]:
        async with make_client(limits, 16) as client:
            return await check_all(services, client, limits, concurrency=16)

    results = asyncio.run(run())
    failed = [r for r in results if r.status is Status.UNKNOWN]
    for result in failed:
        print(f"{result.service_id:<32} {result.summary}")
    print(f"{len(results) - len(failed)} of {len(results)} entries answered with a known state.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
