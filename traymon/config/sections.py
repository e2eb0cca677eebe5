"""Validate the engine's settings: a service's ``probes``, ``[network]`` and ``[notifications]``.

Kept apart from ``loader.py`` so the loader stays about files and services; each
function reports problems through a callback that already knows the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING, Any

from traymon.config.schema import (
    DEFAULT_DOWN_AFTER,
    DEFAULT_PROBE_INTERVAL_S,
    DEFAULT_UP_AFTER,
    MAX_INTERVAL_S,
    NetworkConfig,
    NotificationConfig,
)
from traymon.config.url_check import url_problem

if TYPE_CHECKING:  # the probe specs load only for a service that has probes
    from traymon.probes import ProbeSpec

#: Reports one problem: (key relative to the table, message).
Report = Callable[[str, str], None]

MIN_PROBE_INTERVAL_S = 15
NETWORK_KEYS = ("reference_urls", "timeout")
NOTIFICATION_KEYS = ("enabled", "down_after", "up_after", "quiet_hours")
_PROBE_KEYS: dict[str, tuple[str, ...]] = {
    "http": ("kind", "url", "method", "expect_status", "body_contains", "slow_ms"),
    "tcp": ("kind", "host", "port", "tls", "starttls"),
    "dns": ("kind", "host"),
}
_HOST_RE = re.compile(r"^[A-Za-z0-9.-]{1,253}$")
_QUIET_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class ServiceExtras:
    probes: tuple[ProbeSpec, ...] = ()
    probe_interval: int = DEFAULT_PROBE_INTERVAL_S
    muted: bool = False


def service_extras(raw: dict[str, Any], report: Report) -> ServiceExtras:
    probes: list[ProbeSpec] = []
    raw_probes = raw.get("probes", [])
    if not isinstance(raw_probes, list):
        report("probes", "must be a list of probe tables or built-in names")
    else:
        for index, entry in enumerate(raw_probes):
            probes.extend(_probe(entry, f"probes[{index}]", report))
    interval = raw.get("probe_interval", DEFAULT_PROBE_INTERVAL_S)
    if isinstance(interval, bool) or not isinstance(interval, int):
        report("probe_interval", "must be a whole number of seconds")
        interval = DEFAULT_PROBE_INTERVAL_S
    elif not MIN_PROBE_INTERVAL_S <= interval <= MAX_INTERVAL_S:
        report(
            "probe_interval", f"must be between {MIN_PROBE_INTERVAL_S} and {MAX_INTERVAL_S} seconds"
        )
    muted = raw.get("muted", False)
    if not isinstance(muted, bool):
        report("muted", "must be true or false")
        muted = False
    return ServiceExtras(tuple(probes), interval, muted)


def _probe(entry: object, key: str, report: Report) -> tuple[ProbeSpec, ...]:
    from traymon.probes import BUILTIN_PROBES, PROBE_KINDS, DnsProbe

    if isinstance(entry, str):
        if entry in BUILTIN_PROBES:
            return BUILTIN_PROBES[entry]
        report(key, f"no built-in probes named {entry!r}; known: {', '.join(BUILTIN_PROBES)}")
        return ()
    if not isinstance(entry, dict):
        report(key, 'must be a table like {kind = "tcp", host = "…", port = 993}')
        return ()
    kind = entry.get("kind")
    if kind not in PROBE_KINDS:
        report(f"{key}.kind", f"must be one of {', '.join(PROBE_KINDS)} (got {kind!r})")
        return ()
    unknown = [k for k in entry if k not in _PROBE_KEYS[kind]]
    for name in unknown:
        report(f"{key}.{name}", f"unknown key; {kind} probes know {', '.join(_PROBE_KEYS[kind])}")
    if unknown:
        return ()
    if kind == "http":
        return _http_probe(entry, key, report)
    host = entry.get("host")
    if not isinstance(host, str) or not _HOST_RE.match(host):
        report(f"{key}.host", "must be a host name like outlook.office365.com")
        return ()
    if kind == "dns":
        return (DnsProbe(host),)
    return _tcp_probe(entry, key, host, report)


def _tcp_probe(entry: dict[str, Any], key: str, host: str, report: Report) -> tuple[ProbeSpec, ...]:
    from traymon.probes import StartTls, TcpProbe

    before = _Counter(report)
    port = entry.get("port")
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        before(f"{key}.port", "must be a port number between 1 and 65535")
    tls = entry.get("tls")
    if tls is not None and not isinstance(tls, bool):
        before(f"{key}.tls", "must be true or false")
    raw_starttls = entry.get("starttls")
    starttls = next((s for s in StartTls if s.value == raw_starttls), None)
    if raw_starttls is not None and starttls is None:
        known = " or ".join(f'"{s.value}"' for s in StartTls)
        before(f"{key}.starttls", f"must be {known} (got {raw_starttls!r})")
    if starttls is not None and tls is True:
        # TLS from the first byte and TLS after a plain-text request exclude each other.
        before(f"{key}.tls", "cannot be true with starttls (STARTTLS begins in plain text)")
    if before.count:
        return ()
    assert isinstance(port, int)
    return (TcpProbe(host, port, tls if isinstance(tls, bool) else None, starttls),)


def _http_probe(entry: dict[str, Any], key: str, report: Report) -> tuple[ProbeSpec, ...]:
    from traymon.probes import HttpProbe

    before = _Counter(report)
    url = entry.get("url")
    if not isinstance(url, str) or (reason := url_problem(url)) is not None:
        before(f"{key}.url", "is missing" if url is None else f"{reason}")
    method = entry.get("method", "GET")
    if method not in ("GET", "HEAD"):
        before(f"{key}.method", "must be GET or HEAD")
    expect = entry.get("expect_status")
    if expect is not None and (not isinstance(expect, int) or not 100 <= expect <= 599):
        before(f"{key}.expect_status", "must be an HTTP status such as 200")
    contains = entry.get("body_contains")
    if contains is not None and not isinstance(contains, str):
        before(f"{key}.body_contains", "must be a string")
    slow = entry.get("slow_ms")
    if slow is not None and (isinstance(slow, bool) or not isinstance(slow, int) or slow <= 0):
        before(f"{key}.slow_ms", "must be a positive whole number of milliseconds")
    if before.count:
        return ()
    assert isinstance(url, str)
    return (HttpProbe(url, method, expect, contains, slow),)


class _Counter:
    def __init__(self, report: Report) -> None:
        self._report = report
        self.count = 0

    def __call__(self, key: str, message: str) -> None:
        self.count += 1
        self._report(key, message)


def network(raw: object, report: Report) -> NetworkConfig:
    if raw is None:
        return NetworkConfig()
    if not isinstance(raw, dict):
        report("network", "must be a table ([network])")
        return NetworkConfig()
    for key in raw:
        if key not in NETWORK_KEYS:
            report(f"network.{key}", f"unknown key; known keys: {', '.join(NETWORK_KEYS)}")
    urls = raw.get("reference_urls", list(NetworkConfig().reference_urls))
    good: list[str] = []
    if not isinstance(urls, list):
        report("network.reference_urls", "must be a list of URLs")
    else:
        for index, url in enumerate(urls):
            # Plain http is allowed here: connectivity checks are never parsed or trusted.
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                report(f"network.reference_urls[{index}]", "must be an http:// or https:// URL")
            else:
                good.append(url)
    timeout = raw.get("timeout", NetworkConfig().timeout_s)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= 60:
        report("network.timeout", "must be a number of seconds between 0 and 60")
        timeout = NetworkConfig().timeout_s
    return NetworkConfig(tuple(good), float(timeout))


def notifications(raw: object, report: Report) -> NotificationConfig:
    if raw is None:
        return NotificationConfig()
    if not isinstance(raw, dict):
        report("notifications", "must be a table ([notifications])")
        return NotificationConfig()
    for key in raw:
        if key not in NOTIFICATION_KEYS:
            report(f"notifications.{key}", f"unknown key; known: {', '.join(NOTIFICATION_KEYS)}")
    counts = []
    for key, default in (("down_after", DEFAULT_DOWN_AFTER), ("up_after", DEFAULT_UP_AFTER)):
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
            report(f"notifications.{key}", "must be a whole number of checks from 1 to 10")
            value = default
        counts.append(value)
    quiet = raw.get("quiet_hours")
    hours: tuple[time, time] | None = None
    if quiet is not None:
        match = _QUIET_RE.match(quiet) if isinstance(quiet, str) else None
        if match is None:
            report("notifications.quiet_hours", 'must look like "22:00-07:00"')
        else:
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            hours = (time(h1, m1), time(h2, m2))
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        report("notifications.enabled", "must be true or false")
        enabled = True
    return NotificationConfig(counts[0], counts[1], hours, enabled)
