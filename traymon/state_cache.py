"""The last known state of each service, kept in a small JSON file between runs.

At start the tray shows these within a second, marked stale, while the first
fresh answers are on their way. The engine's history replaces this file when it
lands; until then the GUI writes it on every result. Reading never raises: a
missing or damaged file is simply an empty cache.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from traymon.model import Component, Incident, Status
from traymon.paths import APP_NAME
from traymon.viewmodel import ServiceView, Triage

_FORMAT = 1


def default_cache_file() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "last_states.json"


def save_views(path: Path, views: Iterable[ServiceView]) -> None:
    """Write atomically (temp file + rename), so a crash never leaves half a file."""
    payload = {"format": _FORMAT, "services": [_encode(v) for v in views]}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".last_states.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle)
        Path(temp).replace(path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise


def load_stale_views(path: Path) -> list[ServiceView]:
    """The cached views, each marked ``stale``; ``[]`` when the file is missing or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return []
        return [_decode(item).as_stale() for item in data["services"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _encode(view: ServiceView) -> dict[str, Any]:
    return {
        "id": view.service_id,
        "name": view.name,
        "status": view.status.value,
        "triage": view.triage.value,
        "summary": view.summary,
        "checked_at": view.checked_at.isoformat() if view.checked_at else None,
        "latency_ms": view.latency_ms,
        "page_url": view.page_url,
        "components": [{"name": c.name, "status": c.status.value} for c in view.components],
        "incidents": [
            {
                "title": i.title,
                "impact": i.impact.value,
                "status": i.status,
                "url": i.url,
                "latest_update": i.latest_update,
            }
            for i in view.incidents
        ],
    }


def _decode(item: dict[str, Any]) -> ServiceView:
    checked = item["checked_at"]
    latency = item.get("latency_ms")
    return ServiceView(
        service_id=str(item["id"]),
        name=str(item["name"]),
        status=Status(item["status"]),
        triage=Triage(item["triage"]),
        summary=str(item["summary"]),
        checked_at=datetime.fromisoformat(checked) if isinstance(checked, str) else None,
        latency_ms=latency if isinstance(latency, int) else None,
        page_url=item.get("page_url") if isinstance(item.get("page_url"), str) else None,
        components=tuple(
            Component(str(c["name"]), Status(c["status"])) for c in item.get("components", [])
        ),
        incidents=tuple(
            Incident(
                title=str(i["title"]),
                impact=Status(i["impact"]),
                status=str(i["status"]),
                url=i.get("url") if isinstance(i.get("url"), str) else None,
                latest_update=(
                    i.get("latest_update") if isinstance(i.get("latest_update"), str) else None
                ),
            )
            for i in item.get("incidents", [])
        ),
    )
