"""Azure's public status feed (RSS).

Healthy is a channel with no ``<item>``; each item is an incident that disrupts
Microsoft's usual communication paths. Items carry no severity: an item is
degraded, raised to partial outage when its words say outage. Caveat, kept in the
summary: Microsoft uses this public page only for wide incidents; most incidents
appear only in the tenant's own Service Health (research/providers.md §3.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import plain_text
from traymon.sources.options import Option, get_texts, options_table, text_list
from traymon.sources.summary import sentence
from traymon.sources.xmlfeed import Entry, FeedError, parse_feed

CAVEAT = "Azure's public page lists only wide incidents; Service Health in the portal shows more"
_OUTAGE_WORDS = re.compile(r"\b(outage|unavailable|unable to access|down)\b", re.IGNORECASE)


class AzureSource(Source):
    kind = "azure"
    vendor = "Microsoft"
    default_url = "https://rssfeed.azure.status.microsoft/en-us/status/feed/"
    options = options_table(
        Option("regions", text_list, 'only items naming one of these regions (e.g. "West US")'),
        Option(
            "services",
            text_list,
            'only items naming one of these services (e.g. "Virtual Machines")',
        ),
    )

    @property
    def request_url(self) -> str:
        return self.url + "/" if self.url == self.default_url.rstrip("/") else self.url

    @property
    def page_url(self) -> str:
        return "https://azure.status.microsoft/en-us/status"

    def parse(self, body: bytes) -> ParseResult:
        return parse_azure(
            body, get_texts(self.settings, "regions"), get_texts(self.settings, "services")
        )


def parse_azure(
    body: bytes, regions: Iterable[str] = (), services: Iterable[str] = ()
) -> ParseResult:
    try:
        feed = parse_feed(body)
    except FeedError as exc:
        return ParseResult.unknown(str(exc))
    if feed.built_at is None and not feed.entries and "azure" not in feed.title.lower():
        return ParseResult.unknown("the answer is a feed, but not the Azure status feed")
    regions, services = tuple(regions), tuple(services)
    chosen = [e for e in feed.entries if _matches(e, regions) and _matches(e, services)]
    if not chosen:
        scope = " for the chosen regions and services" if regions or services else ""
        return ParseResult(Status.OPERATIONAL, f"No Azure incidents{scope}. {CAVEAT}.")
    incidents = [_incident(e) for e in chosen]
    status = worst(i.impact for i in incidents)
    # One pass over (item, category): matching every name against every item was quadratic.
    by_name: dict[str, list[Status]] = {}
    for entry, incident in zip(chosen, incidents, strict=True):
        for name in set(entry.categories):
            by_name.setdefault(name, []).append(incident.impact)
    components = tuple(Component(name, worst(by_name[name])) for name in sorted(by_name))
    return ParseResult(
        status, sentence(status, incidents, components=components), components, tuple(incidents)
    )


def _matches(entry: Entry, wanted: tuple[str, ...]) -> bool:
    """No filter matches everything; else a category or a word of the title names it."""
    if not wanted:
        return True
    categories = {c.casefold() for c in entry.categories}
    title = entry.title.casefold()
    return any(w.casefold() in categories or w.casefold() in title for w in wanted)


def _incident(entry: Entry) -> Incident:
    words = f"{entry.title} {entry.description}"
    impact = Status.PARTIAL_OUTAGE if _OUTAGE_WORDS.search(words) else Status.DEGRADED
    text = plain_text(entry.description)
    return Incident(
        title=entry.title.strip(),
        impact=impact,
        status="active",
        # Item links point at an internal host; the public page is the useful one.
        url=None,
        started_at=entry.published,
        latest_update=text or None,
    )
