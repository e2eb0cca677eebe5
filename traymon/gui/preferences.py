"""The person's own choices in the settings dialog, and what they mean for the service list.

Plain data; ``preferences_store.py`` keeps them in QSettings. A key in
``locked`` (from IT policy) is shown read-only and never changed by the dialog.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import time
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import urlsplit

from traymon.catalogue import CatalogueError, load_catalogue
from traymon.config import ConfigError, ServiceConfig, parse_config
from traymon.config.loader import parse_services
from traymon.config.schema import DEFAULT_INTERVAL_S
from traymon.gui.notify_gate import QuietHours
from traymon.paths import default_services_file
from traymon.sources.watch import COMPONENTS


class Key(enum.Enum):
    """The settings a policy can lock; the values are the policy's names for them."""

    SERVICES = "services"
    INTERVAL = "interval"
    NOTIFICATIONS = "notifications"
    QUIET_HOURS = "quiet_hours"
    # Start at login and the icon's count are the person's alone: no policy sets them.


#: The layered settings' names (traymon.config.settings) for the keys the dialog shows.
_POLICY_NAMES: dict[str, Key] = {
    "services": Key.SERVICES,
    "checks.min_interval": Key.INTERVAL,
    "notifications.enabled": Key.NOTIFICATIONS,
    "notifications.quiet_hours": Key.QUIET_HOURS,
}


def locked_keys(policy_names: frozenset[str] | set[str]) -> frozenset[str]:
    """The dialog's keys for the settings IT locked (``EffectiveSettings`` names).

    The GUI's own keys pass through, so callers may already speak the dialog's names.
    """
    keys = {_POLICY_NAMES[n].value for n in policy_names if n in _POLICY_NAMES}
    keys |= {n for n in policy_names if n in {k.value for k in Key}}
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Preferences:
    #: ``None``: watch what the configuration lists (nobody chose yet).
    service_ids: tuple[str, ...] | None = None
    interval_s: int = DEFAULT_INTERVAL_S
    notifications: bool = True
    quiet_hours: QuietHours | None = None
    start_at_login: bool = False
    show_count: bool = True
    #: The person's "Watch only these…" per service id (``()``: the whole page); a service
    #: not in it follows its configured ``components``.
    components: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def with_components(self, service_id: str, chosen: tuple[str, ...] | None) -> Preferences:
        """The choice for one service; ``None`` forgets it (back to the configured key)."""
        kept = {k: v for k, v in self.components.items() if k != service_id}
        if chosen is not None:
            kept[service_id] = chosen
        return replace(self, components=MappingProxyType(kept))

    def with_quiet_hours(self, start: time, end: time) -> Preferences:
        return replace(self, quiet_hours=QuietHours(start, end))


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The services a person can add, and extra words to find each by (``id`` → words)."""

    services: tuple[ServiceConfig, ...]
    keywords: Mapping[str, str]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The built-in default list, then every entry of the shipped catalogue (~320).

    Read once: both are shipped files that do not change while Traymon runs. A damaged
    file leaves the other list (and the configured services) to choose from.
    """
    services: dict[str, ServiceConfig] = {}
    path = default_services_file()
    with contextlib.suppress(OSError, ConfigError):
        for service in parse_config(path.read_text(encoding="utf-8"), path).services:
            services[service.id] = service
    keywords: dict[str, str] = {}
    try:
        entries = load_catalogue().entries
    except CatalogueError:
        entries = ()
    parsed, _problems = parse_services([{"use": e.id} for e in entries], "catalogue")
    for service in parsed:
        services.setdefault(service.id, service)
    for entry in entries:
        # The homepage's host and the tags ("mail", "video"), so "mail" finds Gmail too.
        host = urlsplit(entry.homepage).hostname or ""
        keywords[entry.id] = " ".join((entry.kind, host, *entry.tags))  # name and id: the dialog
    return Catalogue(tuple(services.values()), MappingProxyType(keywords))


def watched_services(
    configured: Sequence[ServiceConfig],
    available: Sequence[ServiceConfig],
    prefs: Preferences,
    locked: frozenset[str] | set[str] = frozenset(),
) -> tuple[ServiceConfig, ...]:
    """The services to check: the configured list, or the person's choice, at their interval,
    each watching the components the person chose (IT's, when policy locks the list)."""
    services: Sequence[ServiceConfig] = configured
    if prefs.service_ids is not None and Key.SERVICES.value not in locked:
        by_id = {s.id: s for s in (*available, *configured)}
        services = [by_id[i] for i in prefs.service_ids if i in by_id]
    if Key.SERVICES.value not in locked:
        services = [_with_components(s, prefs.components.get(s.id)) for s in services]
    if Key.INTERVAL.value in locked or prefs.interval_s == DEFAULT_INTERVAL_S:
        return tuple(services)
    return tuple(replace(s, interval=prefs.interval_s) for s in services)


def takes_components(service: ServiceConfig) -> bool:
    """Whether the service's kind has a ``components`` key (statuspage, statusio…)."""
    from traymon.sources.kinds import SOURCES

    source = SOURCES.get(service.kind)
    return source is not None and COMPONENTS.name in source.options


def _with_components(service: ServiceConfig, chosen: tuple[str, ...] | None) -> ServiceConfig:
    if chosen is None or not takes_components(service):
        return service
    return replace(service, options=MappingProxyType({**service.options, COMPONENTS.name: chosen}))
