"""A desktop's fleet report: what it may say, and nothing more (shared by desktop and ingest).

    {"v": 1, "id": "q3V…", "site": "berlin", "services": {"exchange-online": "tls", "teams": "ok"}}

Per service only whether its probes passed (``ok``) or the coarse class of the first
failure (``FAILURE_CLASSES``); ``user`` is a person's own "It's not working for me".
No user name, host name, address, URL or error text has a field here, and the
ingest refuses anything else: the shape is the privacy. ``id`` is a random value the
desktop draws again every day, so a desktop cannot be followed from one day to the
next. Pure: no I/O; reading never raises anything but ``ReportError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

VERSION = 1
OK = "ok"
#: The coarse failure classes: DNS, connect, TLS, an HTTP status, too slow, the person's
#: own button, or anything else. Words of the error itself never leave the desktop.
FAILURE_CLASSES = ("dns", "connect", "tls", "http", "slow", "user", "other")
OUTCOMES = (OK, *FAILURE_CLASSES)
#: A report for 64 services is well under 4 KB; anything larger is refused unread.
MAX_REPORT_BYTES = 4096
MAX_SERVICES = 64
#: Site labels and service ids: lower-case letters, digits, - and _ (no braces, so they
#: are safe in Redis keys and hash tags), at most 64 characters.
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_DESKTOP_ID = re.compile(r"[A-Za-z0-9_-]{16,43}")


class ReportError(ValueError):
    """Not a fleet report; the message is a short reason (counted, never echoed back)."""


@dataclass(frozen=True, slots=True)
class Report:
    desktop_id: str
    site: str
    #: (service id, outcome) pairs, outcome one of ``OUTCOMES``.
    services: tuple[tuple[str, str], ...]


def valid_name(value: str) -> bool:
    return _NAME.fullmatch(value) is not None


def to_json(report: Report) -> bytes:
    data = {
        "v": VERSION,
        "id": report.desktop_id,
        "site": report.site,
        "services": dict(report.services),
    }
    return json.dumps(data, separators=(",", ":"), sort_keys=True).encode()


def from_json(body: bytes) -> Report:
    if len(body) > MAX_REPORT_BYTES:
        raise ReportError("too large")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise ReportError("not JSON") from exc
    if not isinstance(data, dict) or set(data) != {"v", "id", "site", "services"}:
        raise ReportError("wrong fields")
    if data["v"] != VERSION or isinstance(data["v"], bool):
        raise ReportError("wrong version")
    desktop, site, services = data["id"], data["site"], data["services"]
    if not isinstance(desktop, str) or _DESKTOP_ID.fullmatch(desktop) is None:
        raise ReportError("bad id")
    if not isinstance(site, str) or not valid_name(site):
        raise ReportError("bad site")
    if not isinstance(services, dict) or not 0 < len(services) <= MAX_SERVICES:
        raise ReportError("bad services")
    pairs: list[tuple[str, str]] = []
    for name, outcome in services.items():
        if not valid_name(name) or not isinstance(outcome, str) or outcome not in OUTCOMES:
            raise ReportError("bad service entry")
        pairs.append((name, outcome))
    return Report(desktop, site, tuple(pairs))
