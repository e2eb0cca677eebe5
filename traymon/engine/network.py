"""Reference checks: can this desktop reach the internet at all?

They use their own small client: connectivity-test URLs are plain HTTP by
design (that is how captive portals are detected), their bodies are never read
as data, and redirects are not followed. Any HTTP answer means "online".
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Sequence

import httpx
import truststore

from traymon.sources.http import ACCEPT_ENCODING, USER_AGENT, NetworkOptions, answered_garbage


def make_reference_client(
    timeout_s: float, options: NetworkOptions | None = None
) -> httpx.AsyncClient:
    # The same proxy and trust as the status checks: where a proxy is required,
    # asking directly would fail and make an online PC look offline.
    options = options or NetworkOptions()
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    for ca_file in options.extra_ca_files:
        context.load_verify_locations(cafile=ca_file)
    proxy = httpx.Proxy(options.proxy, auth=options.proxy_auth) if options.proxy else None
    return httpx.AsyncClient(
        verify=context,
        proxy=proxy,
        timeout=httpx.Timeout(timeout_s),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
        limits=httpx.Limits(max_connections=4, max_keepalive_connections=0),
    )


async def reference_reached(client: httpx.AsyncClient, url: str, timeout_s: float) -> bool:
    """Whether ``url`` gave any answer within ``timeout_s``. Never raises.

    The body is never read (it is not data, and a compressed one could be a bomb);
    an answer that is not valid HTTP still came from somewhere beyond this machine.
    """
    try:
        async with asyncio.timeout(timeout_s), client.stream("GET", url) as response:
            return response.status_code > 0
    except httpx.TransportError as exc:
        return answered_garbage(exc)
    except (TimeoutError, httpx.HTTPError, OSError):
        return False


async def check_references(
    urls: Sequence[str], timeout_s: float, options: NetworkOptions | None = None
) -> list[bool]:
    """Ask every reference URL at once; one bool per URL."""
    if not urls:
        return []
    async with make_reference_client(timeout_s, options) as client:
        return list(await asyncio.gather(*(reference_reached(client, u, timeout_s) for u in urls)))
