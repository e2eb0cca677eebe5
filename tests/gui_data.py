"""Services and answers for the GUI tests, built from the real model types."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from traymon.config import ServiceConfig
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
