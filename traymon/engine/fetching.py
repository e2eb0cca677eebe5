"""The engine's fetch: conditional requests, ``Retry-After``, and whether anything answered.

It keeps the shared safety rules of ``traymon.sources.fetch`` (deadline for the
whole fetch, body cap, redirect rules) and adds what a scheduler needs to know:
``ETag`` / ``Last-Modified`` to send next time, whether the answer was ``304 Not
Modified``, how long the server asked us to wait, and whether the network
answered at all (evidence that this desktop is online).
"""

from __future__ import annotations

import asyncio
import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from traymon.sources.http import (
    FetchError,
    FetchLimits,
    describe_status,
    describe_transport_error,
)

#: Statuses whose ``Retry-After`` is honoured.
RETRY_AFTER_STATUSES = (429, 503)
MAX_RETRY_AFTER_S = 3600.0


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said to identify its answer, sent back to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        sent = {}
        if self.etag:
            sent["If-None-Match"] = self.etag
        if self.last_modified:
            sent["If-Modified-Since"] = self.last_modified
        return sent

    @property
    def empty(self) -> bool:
        return not (self.etag or self.last_modified)


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """One fetch. Exactly one of ``body``, ``not_modified`` and ``error`` says how it went."""

    body: bytes | None = None
    not_modified: bool = False
    error: str | None = None
    validators: Validators = Validators()
    status_code: int | None = None
    retry_after_s: float | None = None
    #: A server answered (any status): the network from here works.
    reached: bool = False


async def conditional_fetch(
    client: httpx.AsyncClient,
    url: str,
    limits: FetchLimits,
    validators: Validators | None = None,
    now: datetime | None = None,
) -> FetchOutcome:
    """GET ``url``, asking only for a changed answer when ``validators`` are known. Never raises."""
    headers = validators.headers() if validators else {}
    try:
        async with asyncio.timeout(limits.timeout_s):
            return await _get(client, url, limits.max_body_bytes, headers, now)
    except (TimeoutError, httpx.TimeoutException):
        return FetchOutcome(error=f"timed out after {limits.timeout_s:g} s")
    except httpx.TooManyRedirects:
        reason = f"too many redirects (more than {limits.max_redirects})"
        return FetchOutcome(error=reason, reached=True)
    except httpx.TransportError as exc:
        return FetchOutcome(error=describe_transport_error(exc))
    except httpx.InvalidURL as exc:
        return FetchOutcome(error=f"the URL is not valid ({exc})")
    except FetchError as exc:  # the redirect-target refusal
        return FetchOutcome(error=str(exc), reached=True)


async def _get(
    client: httpx.AsyncClient,
    url: str,
    cap: int,
    headers: dict[str, str],
    now: datetime | None,
) -> FetchOutcome:
    async with client.stream("GET", url, headers=headers) as response:
        code = response.status_code
        if code == 304:
            return FetchOutcome(not_modified=True, status_code=code, reached=True)
        if code >= 400:
            retry = None
            if code in RETRY_AFTER_STATUSES:
                retry = parse_retry_after(response.headers.get("retry-after"), now)
            return FetchOutcome(
                error=describe_status(code), status_code=code, retry_after_s=retry, reached=True
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            reason = f"the answer is too large ({_mb(int(declared))}, limit {_mb(cap)})"
            return FetchOutcome(error=reason, status_code=code, reached=True)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                reason = f"the answer is too large (more than {_mb(cap)})"
                return FetchOutcome(error=reason, status_code=code, reached=True)
            chunks.append(chunk)
        validators = Validators(
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        return FetchOutcome(
            body=b"".join(chunks), validators=validators, status_code=code, reached=True
        )


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), capped.

    A value that is neither is ignored (``None``): a broken header must not stop checking.
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(delta, 0.0), MAX_RETRY_AFTER_S)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
