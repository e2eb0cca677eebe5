"""Any RSS or Atom feed: entries newer than a window (default 6 hours) mean degraded.

For vendors whose only machine-readable status is an incident feed. Entries
without a date cannot be placed in time, so they are left out (and the summary
counts them). The clock is passed in, so the parser stays a pure function.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from traymon.clock import Now
from traymon.model import Incident, ParseResult, Status
from traymon.sources.base import Source
from traymon.sources.options import (
    NO_OPTIONS,
    Option,
    OptionValue,
    get_number,
    number_up_to,
    options_table,
)
from traymon.sources.summary import sentence
from traymon.sources.xmlfeed import FeedError, parse_feed

DEFAULT_WINDOW_H = 6.0
#: 30 days. A feed entry older than a month is history, not a current incident; and the
#: bound keeps the window a real time span (``1e300`` hours overflowed every check).
MAX_WINDOW_H = 720.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


class FeedSource(Source):
    kind = "feed"
    own_page = True
    options = options_table(
        Option(
            "window_hours",
            number_up_to(MAX_WINDOW_H, "hours", "30 days; older entries are history"),
            f"how recent an entry must be to count, in hours (default {DEFAULT_WINDOW_H:g}, "
            f"at most {MAX_WINDOW_H:g})",
        ),
    )

    def __init__(
        self, url: str, options: Mapping[str, OptionValue] = NO_OPTIONS, clock: Now = _utc_now
    ) -> None:
        super().__init__(url, options)
        self._clock = clock

    @property
    def request_url(self) -> str:
        return self.url

    def parse(self, body: bytes) -> ParseResult:
        hours = get_number(self.settings, "window_hours", DEFAULT_WINDOW_H)
        # The config loader refuses other values; a source built in code is held to it too.
        if not 0 < hours <= MAX_WINDOW_H:
            hours = MAX_WINDOW_H if hours > MAX_WINDOW_H else DEFAULT_WINDOW_H  # nan: default
        return parse_recent_entries(body, self._clock(), timedelta(hours=hours))


def parse_recent_entries(body: bytes, now: datetime, window: timedelta) -> ParseResult:
    try:
        feed = parse_feed(body)
    except FeedError as exc:
        return ParseResult.unknown(str(exc))
    since = now - min(window, timedelta(hours=MAX_WINDOW_H))  # never a span that overflows
    recent = [
        e
        for e in feed.entries
        if e.published is not None and since <= e.published <= now + timedelta(minutes=5)
    ]
    undated = sum(1 for e in feed.entries if e.published is None)
    hours = f"{window.total_seconds() / 3600:g} h"
    note = f" ({undated} undated entries ignored)" if undated else ""
    if not recent:
        return ParseResult(Status.OPERATIONAL, f"No entries in the last {hours}{note}")
    incidents = tuple(
        Incident(
            title=e.title,
            impact=Status.DEGRADED,
            status="posted",
            url=e.link,
            started_at=e.published,
            latest_update=e.description or None,
        )
        for e in sorted(recent, key=lambda e: e.published or now, reverse=True)
    )
    return ParseResult(Status.DEGRADED, sentence(Status.DEGRADED, incidents) + note, (), incidents)
