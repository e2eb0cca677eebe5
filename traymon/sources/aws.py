"""AWS Health Dashboard public ``currentevents`` (research/providers.md §5.1).

The body arrives as UTF-16 with a byte-order mark (UTF-8 is accepted too). Each
open event (no ``end_time``, status other than "0") counts by its status string:
"1" degraded, "2" partial outage, "3" major outage. AWS nearly always has an open
event somewhere (two Middle East regions stayed open for months in 2026), so a
region filter is what makes this useful; without one the summary says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json
from traymon.sources.options import Option, get_texts, options_table, text_list
from traymon.sources.summary import sentence

EVENT_STATUS: Mapping[str, Status] = {
    "1": Status.DEGRADED,
    "2": Status.PARTIAL_OUTAGE,
    "3": Status.MAJOR_OUTAGE,
}
NO_REGION_NOTE = "no region filter: AWS nearly always has an open event somewhere"


class AwsSource(Source):
    kind = "aws"
    vendor = "AWS"
    default_url = "https://health.aws.amazon.com/public/currentevents"
    options = options_table(
        Option("regions", text_list, 'only events in these regions (e.g. "us-east-1")'),
        Option("services", text_list, 'only events touching these services (e.g. "ec2")'),
    )

    @property
    def request_url(self) -> str:
        return self.url

    @property
    def page_url(self) -> str:
        return (
            "https://health.aws.amazon.com/health/status"
            if self.url == self.default_url
            else self.url
        )

    def parse(self, body: bytes) -> ParseResult:
        return parse_currentevents(
            body, get_texts(self.settings, "regions"), get_texts(self.settings, "services")
        )


def parse_currentevents(
    body: bytes, regions: Iterable[str] = (), services: Iterable[str] = ()
) -> ParseResult:
    try:
        data = load_json(body)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    if not isinstance(data, list):
        return ParseResult.unknown(
            "the answer is not the AWS current events list (not a JSON array)"
        )
    rows = [r for r in data if isinstance(r, dict)]
    if data and not any("arn" in r or "service" in r for r in rows):
        return ParseResult.unknown(
            "the answer is not the AWS current events list (no events in it)"
        )
    wanted_regions = {r.lower() for r in regions}
    wanted_services = {s.lower() for s in services}
    chosen = [
        r
        for r in rows
        if _is_open(r)
        and (not wanted_regions or _region(r) in wanted_regions)
        and (not wanted_services or wanted_services & _services(r))
    ]
    note = "" if wanted_regions else f" ({NO_REGION_NOTE})"
    if not chosen:
        return ParseResult(Status.OPERATIONAL, "No open events" + _scope(regions, services) + note)
    incidents = [_incident(r) for r in chosen]
    status = worst(i.impact for i in incidents)
    by_region: dict[str, list[Status]] = {}
    for row, incident in zip(chosen, incidents, strict=True):
        by_region.setdefault(as_str(row.get("region_name")) or _region(row) or "global", []).append(
            incident.impact
        )
    components = tuple(Component(name, worst(states)) for name, states in by_region.items())
    return ParseResult(status, sentence(status, incidents) + note, components, tuple(incidents))


def _is_open(row: Mapping[str, Any]) -> bool:
    status = str(row.get("status", "")).strip()
    return status != "0" and not as_str(str(row.get("end_time") or ""))


def _region(row: Mapping[str, Any]) -> str:
    arn = as_str(row.get("arn")) or ""
    parts = arn.split(":")
    return parts[3].lower() if len(parts) > 3 else ""


def _services(row: Mapping[str, Any]) -> set[str]:
    """Service codes (``ec2``) of the event and of every service it impacts."""
    region = _region(row)
    keys = [as_str(row.get("service")) or ""]
    impacted = row.get("impacted_services")
    if isinstance(impacted, dict):
        keys += [k for k in impacted if isinstance(k, str)]
    codes = set()
    for key in keys:
        key = key.lower()
        codes.add(key.removesuffix(f"-{region}") if region else key)
    return {c for c in codes if c}


def _incident(row: Mapping[str, Any]) -> Incident:
    status = str(row.get("status", "")).strip()
    logs = [e for e in as_list(row.get("event_log")) if isinstance(e, dict)]
    latest = max(logs, key=lambda e: _number(e.get("timestamp")), default=None)
    service = as_str(row.get("service_name")) or as_str(row.get("service")) or "AWS"
    place = as_str(row.get("region_name")) or _region(row)
    summary = as_str(row.get("summary")) or "(no summary)"
    return Incident(
        title=f"{service} ({place}): {summary}" if place else f"{service}: {summary}",
        # An open event with a status this app does not know is still shown.
        impact=EVENT_STATUS.get(status, Status.DEGRADED),
        status="open",
        started_at=_epoch(row.get("date")),
        latest_update=as_str(latest.get("message")) if latest else None,
    )


def _number(value: object) -> float:
    try:
        return float(str(value))
    except ValueError:
        return 0.0


def _epoch(value: object) -> datetime | None:
    seconds = _number(value)
    if not 0 < seconds < 32_503_680_000:  # before the year 3000
        return None
    return datetime.fromtimestamp(seconds, UTC)


def _scope(regions: Iterable[str], services: Iterable[str]) -> str:
    parts = [", ".join(services), ", ".join(regions)]
    said = " in ".join(p for p in parts if p)
    return f" for {said}" if said else ""
