"""The engine's fetch: conditional requests, ``Retry-After``, and whether anything answered.

It keeps the shared safety rules of ``traymon.sources.fetch`` (deadline for the
whole fetch, body cap, redirect rules) and adds what a scheduler needs to know:
``ETag`` / ``Last-Modified`` to send next time, whether the answer was ``304 Not
Modified``, how long the server asked us to wait, and whether the network
answered at all (evidence that this desktop is online).
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from traymon.reason_english import english
from traymon.reasons import Code, Reason
from traymon.sources.http import (
    FetchError,
    FetchLimits,
    fetch_errors,
    read_capped,
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
    """One fetch. Exactly one of ``body``, ``not_modified`` and ``reason`` says how it went."""

    body: bytes | None = None
    not_modified: bool = False
    #: Why the fetch failed (``error`` is the same in English, for the log).
    reason: Reason | None = None
    validators: Validators = Validators()
    status_code: int | None = None
    retry_after_s: float | None = None
    #: A server answered (any status): the network from here works.
    reached: bool = False

    @property
    def error(self) -> str | None:
        return english(self.reason) if self.reason is not None else None


async def conditional_fetch(
    client: httpx.AsyncClient,
    url: str,
    limits: FetchLimits,
    validators: Validators | None = None,
    now: datetime | None = None,
) -> FetchOutcome:
    """GET ``url``, asking only for a changed answer when ``validators`` are known. Never raises.

    The deadline, the body cap and the words for each failure are the shared ones
    of ``traymon.sources.http``; this adds 304 handling, ``Retry-After`` and validators.
    """
    headers = validators.headers() if validators else {}
    code: int | None = None
    retry: float | None = None
    try:
        async with (
            fetch_errors(limits),
            client.stream("GET", url, headers=headers) as response,
        ):
            code = response.status_code
            if code == 304:
                return FetchOutcome(not_modified=True, status_code=code, reached=True)
            if code >= 400:
                if code in RETRY_AFTER_STATUSES:
                    retry = parse_retry_after(response.headers.get("retry-after"), now)
                failed = Reason(Code.HTTP_STATUS, host=response.url.host, status=code)
                raise FetchError(failed, reached=True)
            body = await read_capped(response, limits.body_cap)
            found = Validators(
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
    except FetchError as exc:
        return FetchOutcome(
            reason=exc.reason, status_code=code, retry_after_s=retry, reached=exc.reached
        )
    return FetchOutcome(body=body, validators=found, status_code=code, reached=True)


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
