"""Check services once, concurrently and bounded, with one shared HTTP client."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from traymon.config import ServiceConfig
from traymon.config.vendor import vendor_for
from traymon.engine.fetching import FetchOutcome, Validators, conditional_fetch
from traymon.engine.parsing import internal_error, parse_off_loop
from traymon.model import CheckResult, ParseResult, Status
from traymon.reason_english import english
from traymon.reasons import Code, Reason
from traymon.redact import redact_reason, redact_text
from traymon.sources import SOURCES, Source
from traymon.sources.http import FetchError, FetchLimits
from traymon.sources.tokens import TokenCache

DEFAULT_CONCURRENCY = 16
_log = logging.getLogger(__name__)


def source_for(service: ServiceConfig, tokens: TokenCache | None = None) -> Source:
    source = SOURCES[service.kind](service.url, service.options)
    if tokens is not None:
        source.use_tokens(tokens)
    return source


@dataclass
class ResponseCache:
    """Per URL, the validators of the last good answer and what it parsed to.

    A ``304 Not Modified`` reuses the parse instead of downloading and parsing
    again. One entry per URL, replaced on every change, so it never grows past
    the number of services.
    """

    entries: dict[str, tuple[Validators, ParseResult]] = field(default_factory=dict)
    #: The body too, only for sources that parse it again on a 304 (small signed documents).
    bodies: dict[str, bytes] = field(default_factory=dict)

    def validators(self, url: str) -> Validators | None:
        entry = self.entries.get(url)
        return entry[0] if entry else None

    def remember(self, url: str, validators: Validators, parsed: ParseResult) -> None:
        if validators.empty or parsed.status is Status.UNKNOWN:
            self.entries.pop(url, None)
        else:
            self.entries[url] = (validators, parsed)

    def last_parse(self, url: str) -> ParseResult | None:
        entry = self.entries.get(url)
        return entry[1] if entry else None


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """One status-source check and what the scheduler needs to know about the asking."""

    result: CheckResult
    outcome: FetchOutcome

    @property
    def reached(self) -> bool:
        return self.outcome.reached

    @property
    def fetch_failed(self) -> bool:
        return self.outcome.error is not None


async def check_source(
    service: ServiceConfig,
    client: httpx.AsyncClient,
    limits: FetchLimits,
    cache: ResponseCache | None = None,
    tokens: TokenCache | None = None,
) -> SourceCheck:
    """Fetch (conditionally, with a ``cache``) and parse one service. Never raises.

    ``tokens`` keeps sign-in tokens between checks for sources that sign in.
    Anything below that raises (a parser bug on untrusted data, a source's own
    fetch) costs this service's answer only: it is ``unknown`` with a sentence,
    the traceback goes to the log, and every other service is checked as usual.
    """
    started = time.monotonic()
    try:
        source = source_for(service, tokens)
    except Exception as exc:
        _log.exception("setting up the check of %s failed", service.id)
        failed = _failed(service, exc, started)
        return SourceCheck(failed, FetchOutcome(reason=failed.reason))
    try:
        return await _check_source(service, source, client, limits, cache, started)
    except Exception as exc:
        _log.exception("checking %s failed unexpectedly", service.id)
        parsed = internal_error(exc)
        outcome = FetchOutcome(reason=parsed.reason)
        return SourceCheck(_result(service, source, parsed, parsed.reason, started), outcome)


async def _check_source(
    service: ServiceConfig,
    source: Source,
    client: httpx.AsyncClient,
    limits: FetchLimits,
    cache: ResponseCache | None,
    started: float,
) -> SourceCheck:
    url = source.request_url
    # The kept parse is of this service's settings (its ``components``): two services on
    # one page that watch different parts must not reuse each other's on a 304.
    key = _cache_key(url, service)
    # Each kind's own body cap, sized from its feed's history (``Source.max_body_bytes``).
    limits = limits.for_kind(source.max_body_bytes)
    error: Reason | None = None
    if _asks_more_than_one_url(source):
        outcome, parsed = await _custom_fetch(source, client, limits)
        error = outcome.reason or _unknown_reason(parsed)
        return SourceCheck(_result(service, source, parsed, error, started), outcome)
    validators = cache.validators(key) if cache else None
    outcome = await conditional_fetch(client, url, limits, validators)
    if outcome.reason is not None:
        error = outcome.reason
        parsed = ParseResult.failed(error)
    elif outcome.not_modified and cache is not None and (last := cache.last_parse(key)):
        parsed = last
        if source.reparse_on_not_modified and (kept := cache.bodies.get(key)) is not None:
            parsed = source.parse(kept)
            error = _unknown_reason(parsed)
    elif outcome.body is not None:
        # Off the loop, within the fetch's own budget: a slow parse holds up nobody.
        parsed = await parse_off_loop(source.parse, outcome.body, limits.timeout_s, service.id)
        error = _unknown_reason(parsed)
        if cache is not None:
            cache.remember(key, outcome.validators, parsed)
            if source.reparse_on_not_modified and key in cache.entries:
                cache.bodies[key] = outcome.body
            else:
                cache.bodies.pop(key, None)
    else:  # a 304 to a request we did not make conditional: the server is confused
        error = Reason(Code.UNEXPECTED_304)
        parsed = ParseResult.failed(error)
    return SourceCheck(_result(service, source, parsed, error, started), outcome)


def _cache_key(url: str, service: ServiceConfig) -> str:
    """The URL, and the settings the parse depends on when there are any."""
    if not service.options:
        return url
    return url + "\n" + repr(sorted(service.options.items()))


def _asks_more_than_one_url(source: Source) -> bool:
    """Sources that sign in or read two endpoints bring their own ``fetch_and_parse``.

    They get the shared fetch rules but not conditional requests, which only
    make sense for one URL with one body.
    """
    return type(source).fetch_and_parse is not Source.fetch_and_parse


def _unknown_reason(parsed: ParseResult) -> Reason | None:
    """Why a parse has no state: the parser's reason, else (a vendor's own "unknown")
    that no state could be read from the answer."""
    if parsed.status is not Status.UNKNOWN:
        return None
    return parsed.reason or Reason(Code.UNREADABLE, detail=parsed.summary)


async def _custom_fetch(
    source: Source, client: httpx.AsyncClient, limits: FetchLimits
) -> tuple[FetchOutcome, ParseResult]:
    try:
        parsed = await source.fetch_and_parse(client, limits)
    except FetchError as exc:
        return FetchOutcome(reason=exc.reason, reached=exc.reached), ParseResult.failed(exc.reason)
    return FetchOutcome(reached=True), parsed


def _result(
    service: ServiceConfig,
    source: Source,
    parsed: ParseResult,
    reason: Reason | None,
    started: float,
) -> CheckResult:
    now = datetime.now(UTC)
    summary = parsed.summary
    error: str | None = None
    if reason is not None:
        # A failure's words can quote a server (an echoed sign-in form, a redirect's
        # ?token=): hidden here, so neither the GUI nor any later store ever has them.
        reason = redact_reason(reason)
        error = redact_text(english(reason))
        summary = redact_text(summary)
    return CheckResult(
        service_id=service.id,
        name=service.name,
        kind=service.kind,
        status=parsed.status,
        summary=summary,
        checked_at=now,
        components=parsed.components,
        incidents=parsed.incidents,
        error=error,
        reason=reason,
        latency_ms=round((time.monotonic() - started) * 1000),
        page_url=source.page_url,
        fresh_at=now if parsed.status is not Status.UNKNOWN else None,
        vendor=vendor_for(service),
        fleet_document=parsed.fleet,
        unmatched=parsed.unmatched,
    )


def _failed(service: ServiceConfig, exc: BaseException, started: float) -> CheckResult:
    """A check that could not even start (a source that would not build)."""
    parsed = internal_error(exc)
    return CheckResult(
        service_id=service.id,
        name=service.name,
        kind=service.kind,
        status=Status.UNKNOWN,
        summary=parsed.summary,
        checked_at=datetime.now(UTC),
        error=parsed.summary,
        reason=parsed.reason,
        latency_ms=round((time.monotonic() - started) * 1000),
        page_url=service.url,
        vendor=vendor_for(service),
    )


async def check_service(
    service: ServiceConfig, client: httpx.AsyncClient, limits: FetchLimits
) -> CheckResult:
    """Fetch and parse one service. Never raises: a failure is an ``unknown`` result."""
    return (await check_source(service, client, limits)).result


async def check_all(
    services: Iterable[ServiceConfig],
    client: httpx.AsyncClient,
    limits: FetchLimits,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> list[CheckResult]:
    """Check every service once, at most ``concurrency`` at a time, results in input order."""
    return [c.result for c in await check_all_sources(services, client, limits, concurrency)]


async def check_all_sources(
    services: Iterable[ServiceConfig],
    client: httpx.AsyncClient,
    limits: FetchLimits,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> list[SourceCheck]:
    """Like ``check_all``, keeping how each asking went (for triage)."""
    gate = asyncio.Semaphore(concurrency)

    async def bounded(service: ServiceConfig) -> SourceCheck:
        async with gate:
            return await check_source(service, client, limits)

    return list(await asyncio.gather(*(bounded(s) for s in services)))
