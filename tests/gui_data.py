"""Services and answers for the GUI tests, built from the real model types."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from traymon.config import Config, ServiceConfig
from traymon.config.layers import EffectiveSettings, load_effective
from traymon.config.person import PersonFile
from traymon.config.values import LayerValues
from traymon.model import CheckResult, Component, Incident, Status
from traymon.viewmodel import ServiceView, Triage

SERVICES = (
    ServiceConfig("outlook", "Outlook", "statuspage", "https://a.example"),
    ServiceConfig("teams", "Teams", "statuspage", "https://b.example"),
    ServiceConfig("github", "GitHub", "statuspage", "https://c.example"),
)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def result(
    service_id: str, status: Status, summary: str = "", checked_at: datetime = NOW
) -> CheckResult:
    name = next(s.name for s in SERVICES if s.id == service_id)
    return CheckResult(
        service_id,
        name,
        "statuspage",
        status,
        summary or status.label,
        checked_at,
        components=(Component("Mail flow", status),),
        incidents=(
            (
                Incident(
                    "Mail delayed",
                    status,
                    "investigating",
                    "https://x.example/i/1",
                    None,
                    "We are looking into it.",
                ),
            )
            if status.is_outage
            else ()
        ),
        latency_ms=120,
        page_url=f"https://{service_id}.example",
    )


def view(
    service_id: str,
    status: Status,
    triage: Triage,
    vendor: str = "",
    checked_at: datetime | None = NOW,
) -> ServiceView:
    name = next(s.name for s in SERVICES if s.id == service_id)
    return ServiceView(service_id, name, status, triage, status.label, checked_at, vendor=vendor)


def minutes_ago(minutes: int) -> datetime:
    return NOW - timedelta(minutes=minutes)


class NoIT:
    """A machine where IT set nothing (no machine defaults, no policy)."""

    def machine_defaults(self) -> LayerValues:
        return LayerValues.empty("(no machine defaults)")

    def policy(self) -> LayerValues:
        return LayerValues.empty("(no policy)")

    def describe(self) -> str:
        return "no machine defaults or policy"


def layered(config: Path | Config | None, tmp_path: Path) -> EffectiveSettings:
    """Every layer as ``traymon run`` resolves them: ``config`` as the user's file, the
    person's choices in ``tmp_path/choices.toml``, no machine defaults or policy."""
    path = config.path if isinstance(config, Config) else config
    return load_effective(NoIT(), path, PersonFile(tmp_path / "choices.toml"))
