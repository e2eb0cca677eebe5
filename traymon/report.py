"""How a round of checks is written for people (a table) and for scripts (JSON, exit status).

What servers said (summaries, errors, probe details) and the configured addresses are
redacted here (``traymon.redact``): the output lands in terminals, monitoring systems and
tickets, and a sign-in endpoint may echo the client secret it was sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from traymon.model import CheckResult, Incident, Status, Triage, Where, worst
from traymon.reason_english import english
from traymon.redact import redact_text, redact_url

# Nagios plugin convention, so IT's monitoring can run `traymon check` as a probe.
EXIT_OK = 0
EXIT_WARNING = 1
EXIT_CRITICAL = 2
EXIT_UNKNOWN = 3


def exit_status(results: Sequence[CheckResult], network: str | None = None) -> int:
    """Nagios exit status; ``3`` when this PC is offline (never "critical" for that)."""
    if network == "offline":
        return EXIT_UNKNOWN
    states = {r.status for r in results}
    if states & {Status.PARTIAL_OUTAGE, Status.MAJOR_OUTAGE}:
        return EXIT_CRITICAL
    if Status.DEGRADED in states:
        return EXIT_WARNING
    if Status.UNKNOWN in states:
        return EXIT_UNKNOWN
    return EXIT_OK


def to_json(
    results: Sequence[CheckResult], checked_at: datetime, network: str | None = None
) -> str:
    document: dict[str, Any] = {"checked_at": _iso(checked_at)}
    if network is not None:
        document["network"] = network
    document |= {
        "overall": worst(r.status for r in results).value,
        "services": [_service(r) for r in results],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _service(result: CheckResult) -> dict[str, Any]:
    return {
        "id": result.service_id,
        "name": result.name,
        "kind": result.kind,
        "vendor": result.vendor or None,
        "status": result.status.value,
        "summary": redact_text(result.summary),
        "error": redact_text(result.error) if result.error else result.error,
        # The failure's stable code (``traymon.reasons.Code``): scripts match on it, not words.
        "reason": result.reason.code.value if result.reason else None,
        "latency_ms": result.latency_ms,
        "checked_at": _iso(result.checked_at),
        "url": redact_url(result.page_url) if result.page_url else result.page_url,
        "components": [{"name": c.name, "status": c.status.value} for c in result.components],
        # The service's `components` entries its page does not have (typos, renames).
        "components_not_on_page": list(result.unmatched),
        "incidents": [_incident(i) for i in result.incidents],
        "triage": result.triage.value if result.triage else None,
        "where": result.where.value if result.where else None,
        "probes": [
            {
                "name": p.name,
                "ok": p.ok,
                "detail": redact_text(p.detail),
                "reason": p.reason.code.value if p.reason else None,
                "latency_ms": p.latency_ms,
            }
            for p in result.probes
        ],
    }


def _incident(incident: Incident) -> dict[str, Any]:
    return {
        "title": incident.title,
        "impact": incident.impact.value,
        "status": incident.status,
        "url": incident.url,
        "started_at": _iso(incident.started_at) if incident.started_at else None,
    }


def to_table(results: Sequence[CheckResult]) -> str:
    """A plain-text table that fits a terminal: service, state, latency, summary."""
    rows = [("SERVICE", "STATE", "TIME", "SUMMARY")]
    for r in results:
        latency = f"{r.latency_ms} ms" if r.latency_ms is not None else "-"
        state = r.status.label
        if r.where is not None:
            state += f" ({_WHERE_WORDS[r.where]})"
        elif r.triage in _TRIAGE_WORDS:
            state += f" ({_TRIAGE_WORDS[r.triage]})"
        elif r.status.severity > Status.OPERATIONAL.severity:  # the vendor's own word
            verb = "announced" if r.status is Status.MAINTENANCE else "reported"
            state += f" ({verb} by {r.vendor or 'the vendor'})"
        said = english(r.reason) if r.reason is not None else r.summary
        rows.append((r.name, state, latency, _one_line(redact_text(said), 70)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]
    notes = [_not_on_page(r) for r in results if r.unmatched]
    if notes:
        lines.append("")
        lines.extend(notes)
    overall = worst(r.status for r in results)
    lines.append("")
    lines.append(f"Overall: {overall.label}")
    return "\n".join(lines)


def _not_on_page(result: CheckResult) -> str:
    """The ``components`` entries that name nothing on the page, so none is lost unseen."""
    names = ", ".join(repr(n) for n in result.unmatched)
    what = "is not a component" if len(result.unmatched) == 1 else "are not components"
    return (
        f"{result.name}: {names} {what} of its status page; check the spelling "
        "in `components` (names or ids, as the page shows them)."
    )


# A suspected problem placed by the fleet (the relay's counts at this desktop's site).
_WHERE_WORDS = {
    Where.COMPANY_PATH: "not just you: many PCs at this site fail too",
    Where.THIS_PC: "only this PC: others at this site are fine",
}

# Whose problem it is, when it is not simply the vendor's word.
_TRIAGE_WORDS = {
    Triage.SUSPECTED: "not reachable from here",
    Triage.LOCAL: "offline",
    Triage.STALE: "no fresh answer",
}


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
