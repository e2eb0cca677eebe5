"""A Cloudflare-like Statuspage summary, built in the shape of the real page.

No whole capture of www.cloudflarestatus.com/api/v2/summary.json with its components is
in the shared fixtures (the outages/cloudflare-outages scraper keeps only status.json),
so this page is assembled from what is on record about the real one (see
tests/fixtures/SOURCES.md, "Cloudflare-like page"): the page id yh6f0r4529hb; eight
groups, "Cloudflare Sites and Services" (id 1km35smx8p41, 119 children) and seven
regions (Africa 35, Asia 99, Europe 59, Latin America & Caribbean 64, Middle East 21,
North America 59, Oceania 14 data centres); data centres named "City, Country - (IATA)";
the page's own words for their states (partial outage = "Re-routed", under maintenance =
"Partially Re-routed", major outage = "Offline"); on 2026-05-16, 36 re-routed, 22 in
maintenance and 4 degraded of 470 leaves, with indicator "minor" ("Minor Service Outage").
"""

from __future__ import annotations

import json
from typing import Any

PRODUCTS_GROUP = "Cloudflare Sites and Services"
PRODUCTS_ID = "1km35smx8p41"
REGIONS = {
    "Africa": 35,
    "Asia": 99,
    "Europe": 59,
    "Latin America & Caribbean": 64,
    "Middle East": 21,
    "North America": 59,
    "Oceania": 14,
}
#: Product components named in the record of the real group (its other children are
#: filled in as "Product n" up to the real 119).
PRODUCTS = (
    "CDN/Cache",
    "Authoritative DNS",
    "Recursive DNS",
    "DNS Firewall",
    "DNS Updates",
    "CDN Cache Purge",
    "Access",
    "WARP",
    "Workers",
    "Workers KV",
    "Pages",
    "R2",
    "API",
    "Dashboard",
    "Analytics",
    "Web Analytics",
    "Firewall",
    "Load Balancing and Monitoring",
    "Spectrum",
    "Stream",
    "SSL Certificate Provisioning",
    "Billing",
)
_PRODUCT_COUNT = 119
_REAL_DATA_CENTRES = ("Amsterdam, Netherlands - (AMS)", "Singapore, Singapore - (SIN)")


def product_id(name: str) -> str:
    return "p-" + "".join(c for c in name.lower() if c.isalnum())


def page(
    *,
    rerouted: int = 36,
    maintenance: int = 22,
    offline: int = 0,
    products: dict[str, str] | None = None,
    incidents: list[dict[str, Any]] | None = None,
    indicator: str = "minor",
) -> bytes:
    """The summary: ``rerouted``/``maintenance``/``offline`` data centres (spread over the
    regions), ``products`` names → their status (the rest operational), open ``incidents``."""
    components: list[dict[str, Any]] = []
    product_names = list(PRODUCTS) + [
        f"Product {n}" for n in range(len(PRODUCTS) + 1, _PRODUCT_COUNT + 1)
    ]
    children = [product_id(n) for n in product_names]
    states = products or {}
    components.append(_group(PRODUCTS_ID, PRODUCTS_GROUP, children))
    for name in product_names:
        components.append(
            _leaf(product_id(name), name, states.get(name, "operational"), PRODUCTS_ID)
        )
    leaves: list[dict[str, Any]] = []
    for region, count in REGIONS.items():
        group_id = "g-" + "".join(c for c in region.lower() if c.isalnum())
        ids = []
        for n in range(count):
            index = len(leaves)
            name = (
                _REAL_DATA_CENTRES[index]
                if index < len(_REAL_DATA_CENTRES)
                else f"{region} city {n + 1} - (X{index:02d})"
            )
            leaf = _leaf(f"dc{index}", name, "operational", group_id)
            leaves.append(leaf)
            ids.append(leaf["id"])
        components.append(_group(group_id, region, ids))
    # Spread the states over all regions, as on the real page (every 6th data centre…).
    order = leaves[::6] + [leaf for i, leaf in enumerate(leaves) if i % 6]
    for leaf in order[:rerouted]:
        leaf["status"] = "partial_outage"
    for leaf in order[rerouted : rerouted + maintenance]:
        leaf["status"] = "under_maintenance"
    for leaf in order[rerouted + maintenance : rerouted + maintenance + offline]:
        leaf["status"] = "major_outage"
    components.extend(leaves)
    document = {
        "page": {
            "id": "yh6f0r4529hb",
            "name": "Cloudflare",
            "url": "http://www.cloudflarestatus.com",
            "time_zone": "Etc/UTC",
            "updated_at": "2026-05-17T02:50:03.552Z",
        },
        "status": {"indicator": indicator, "description": _DESCRIPTIONS[indicator]},
        "components": components,
        "incidents": incidents or [],
        "scheduled_maintenances": [],
    }
    return json.dumps(document).encode()


def incident(
    name: str, impact: str, components: list[str], status: str = "investigating"
) -> dict[str, Any]:
    """An open incident naming product components (by name) or data centres (``dc<n>``)."""
    named = [
        {"id": c if c.startswith("dc") else product_id(c), "name": c, "group_id": PRODUCTS_ID}
        for c in components
    ]
    return {
        "id": "i-" + product_id(name),
        "name": name,
        "status": status,
        "impact": impact,
        "shortlink": "https://stspg.io/example",
        "started_at": "2026-05-16T17:54:09.665Z",
        "incident_updates": [{"status": status, "body": f"{name}: we are investigating."}],
        "components": named,
    }


_DESCRIPTIONS = {
    "none": "All Systems Operational",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
    "critical": "Major System Outage",
}


def _group(group_id: str, name: str, children: list[str]) -> dict[str, Any]:
    return {
        "id": group_id,
        "name": name,
        "status": "operational",
        "group": True,
        "group_id": None,
        "components": children,
    }


def _leaf(leaf_id: str, name: str, status: str, group_id: str) -> dict[str, Any]:
    return {"id": leaf_id, "name": name, "status": status, "group": False, "group_id": group_id}
