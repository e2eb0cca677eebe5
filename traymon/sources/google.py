"""Google Workspace and Google Cloud: the same ``incidents.json`` engine, two hosts.

The body is a bare array of incidents, open and closed. Open means no ``end``
(missing in today's schema, ``null`` in the 2021 one, or empty). An open incident
counts by ``status_impact`` (the 2021 schema had only ``severity``, which pairs
1:1 with it), or as degraded when its latest update already says AVAILABLE
(recovering). Filters keep only incidents touching the listed products (ids or
titles) and, for Cloud, the listed locations. research/providers.md §4.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.options import Option, get_texts, options_table, text_list
from traymon.sources.summary import sentence, words

STATUS_IMPACT: Mapping[str, Status] = {
    "SERVICE_OUTAGE": Status.MAJOR_OUTAGE,
    "SERVICE_DISRUPTION": Status.PARTIAL_OUTAGE,
    "SERVICE_INFORMATION": Status.DEGRADED,
}

#: An update's ``status`` in words, for the incident's status line.
UPDATE_WORDS: Mapping[str, str] = {
    "SERVICE_OUTAGE": "outage",
    "SERVICE_DISRUPTION": "disruption",
    "SERVICE_INFORMATION": "information",
    "AVAILABLE": "recovering",
}

SEVERITY: Mapping[str, Status] = {
    "high": Status.MAJOR_OUTAGE,
    "medium": Status.PARTIAL_OUTAGE,
    "low": Status.DEGRADED,
}

_PRODUCTS = Option(
    "products", text_list, 'only incidents touching these products (ids or titles, e.g. "Gmail")'
)
_LOCATIONS = Option(
    "locations",
    text_list,
    'only incidents currently affecting one of these locations (e.g. "us-west1", "global")',
)


class GoogleWorkspaceSource(Source):
    kind = "google-workspace"
    vendor = "Google"
    default_url = "https://www.google.com/appsstatus/dashboard/incidents.json"
    options = options_table(_PRODUCTS)
    _page = "https://www.google.com/appsstatus/dashboard/"

    @property
    def request_url(self) -> str:
        return self.url

    @property
    def page_url(self) -> str:
        return self._page if self.url == self.default_url else self.url

    def parse(self, body: bytes) -> ParseResult:
        return parse_incidents(
            body,
            products=get_texts(self.settings, "products"),
            locations=get_texts(self.settings, "locations"),
            page=self._page if self.url == self.default_url else None,
        )


class GoogleCloudSource(GoogleWorkspaceSource):
    kind = "google-cloud"
    default_url = "https://status.cloud.google.com/incidents.json"
    #: incidents.json keeps years of incidents: it has been 2.9 MB and more in past years
    #: (issue 11, finding 10b; a 2025 copy in github.com/outages/gcp-outages is 1.3 MB
    #: pretty-printed), past the 2 MiB default. 16 MiB leaves room for several times
    #: that; memory stays bounded by it (one check of this kind holds at most 16 MiB).
    max_body_bytes = 16 * 1024 * 1024
    options = options_table(_PRODUCTS, _LOCATIONS)
    _page = "https://status.cloud.google.com/"


def parse_incidents(
    body: bytes,
    products: Iterable[str] = (),
    locations: Iterable[str] = (),
    page: str | None = None,
) -> ParseResult:
    """The state a Google ``incidents.json`` body stands for, for the chosen products/places."""
    try:
        data = load_json(body)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    if not isinstance(data, list):
        return ParseResult.unknown("the answer is not a Google incidents list (not a JSON array)")
    rows = [r for r in data if isinstance(r, dict)]
    if data and not any("begin" in r or "external_desc" in r for r in rows):
        return ParseResult.unknown("the answer is not a Google incidents list (no incidents in it)")

    wanted_products = {p.casefold() for p in products}
    wanted_places = {p.casefold() for p in locations}
    touching = [
        r
        for r in rows
        if _is_open(r)
        and (not wanted_products or _touches_product(r, wanted_products))
        and (not wanted_places or _touches_place(r, wanted_places))
    ]
    if not touching:
        return ParseResult(Status.OPERATIONAL, "No open incidents" + _scope(products, locations))
    incidents = [_incident(r, page) for r in touching]
    status = worst(i.impact for i in incidents)
    by_product: dict[str, list[Status]] = {}
    for row, incident in zip(touching, incidents, strict=True):
        for name in _product_names(row):
            by_product.setdefault(name, []).append(incident.impact)
    components = tuple(Component(name, worst(states)) for name, states in by_product.items())
    return ParseResult(
        status, sentence(status, incidents, components=components), components, tuple(incidents)
    )


def _is_open(row: Mapping[str, Any]) -> bool:
    end = row.get("end")
    return end is None or (isinstance(end, str) and not end.strip())


def _latest(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """The newest update: ``most_recent_update``, else the newest of ``updates``."""
    latest = row.get("most_recent_update") or row.get("most-recent-update")
    if isinstance(latest, dict):
        return latest
    updates = [u for u in as_list(row.get("updates")) if isinstance(u, dict)]
    # Newest first on the wire; ``when`` decides when it is there (ISO 8601, all UTC).
    return max(updates, key=lambda u: as_str(u.get("when")) or "", default={})


def _impact(row: Mapping[str, Any]) -> Status:
    """The incident's current state: its latest update's, where that update says one.

    ``status_impact`` is what the incident was opened (or escalated) as, and Google
    leaves it there: an outage later downgraded to a disruption keeps SERVICE_OUTAGE.
    """
    said = (as_str(_latest(row).get("status")) or "").upper()
    if said == "AVAILABLE":
        return Status.DEGRADED  # still open, but the product is back: recovering
    impact = STATUS_IMPACT.get(said) or STATUS_IMPACT.get(
        (as_str(row.get("status_impact")) or "").upper()
    )
    if impact is None:
        impact = SEVERITY.get((as_str(row.get("severity")) or "").lower(), Status.DEGRADED)
    return impact


def _product_names(row: Mapping[str, Any]) -> list[str]:
    names = [
        as_str(p.get("title")) or as_str(p.get("id")) or ""
        for p in as_list(row.get("affected_products"))
        if isinstance(p, dict)
    ]
    old = as_str(row.get("service_name"))
    return [n for n in names if n] or ([old] if old else [])


def _touches_product(row: Mapping[str, Any], wanted: set[str]) -> bool:
    keys: list[str] = []
    for product in as_list(row.get("affected_products")):
        if isinstance(product, dict):
            keys += [as_str(product.get(k)) or "" for k in ("id", "title", "current_title")]
    keys += [as_str(row.get("service_name")) or "", as_str(row.get("service_key")) or ""]
    return any(k.casefold() in wanted for k in keys if k)


def _touches_place(row: Mapping[str, Any], wanted: set[str]) -> bool:
    places = [p for p in as_list(row.get("currently_affected_locations")) if isinstance(p, dict)]
    if "currently_affected_locations" not in row:
        # The 2021 schema names no locations: an open incident there cannot be ruled out.
        return True
    ids = {(as_str(p.get("id")) or "").casefold() for p in places}
    titles = {(as_str(p.get("title")) or "").casefold() for p in places}
    return bool(wanted & (ids | titles))


def _incident(row: Mapping[str, Any], page: str | None) -> Incident:
    latest = _latest(row)
    uri = as_str(row.get("uri"))
    title = (as_str(row.get("external_desc")) or "(untitled incident)").strip()
    return Incident(
        title=title.splitlines()[0] if title else "(untitled incident)",
        impact=_impact(row),
        status=_update_words(as_str(latest.get("status")) or ""),
        url=f"{page}{uri}" if page and uri else None,
        started_at=parse_time(row.get("begin")),
        latest_update=as_str(latest.get("text")),
    )


def _update_words(said: str) -> str:
    return UPDATE_WORDS.get(said.upper()) or words(said) or "open"


def _scope(products: Iterable[str], locations: Iterable[str]) -> str:
    parts = [", ".join(products), ", ".join(locations)]
    said = " in ".join(p for p in parts if p)
    return f" for {said}" if said else ""
