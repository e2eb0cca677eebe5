"""The settings dialog's values: what the layered settings say, and the person's changes.

Plain data, no Qt. The settings code resolves the person's choices as a layer
(``traymon.config.person``, ``traymon.config.layers``); this module only turns the
resolved settings into what the dialog shows (``shown``) and the dialog's answer into the
choices to store (``person_changes``). A key in ``locked`` (set by IT policy) is shown
read-only and never changed by the dialog.
"""

from __future__ import annotations

import contextlib
import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import urlsplit

from traymon.catalogue import CatalogueError, load_catalogue
from traymon.config import ConfigError, ServiceConfig, parse_config
from traymon.config.layers import EffectiveSettings, Layer
from traymon.config.loader import parse_services
from traymon.config.schema import DEFAULT_INTERVAL_S, MIN_INTERVAL_S
from traymon.config.settings import SettingValue
from traymon.gui.notify_gate import QuietHours
from traymon.paths import default_services_file
from traymon.sources.watch import COMPONENTS


class Key(enum.Enum):
    """The dialog's rows; the values are their names in ``locked``."""

    SERVICES = "services"
    INTERVAL = "interval"
    NOTIFICATIONS = "notifications"
    QUIET_HOURS = "quiet_hours"
    # Start at login is the person's alone (no policy sets it: IT installs a login item).
    SHOW_COUNT = "show_count"


#: The settings (``traymon.config.settings`` names) each row shows; policy setting any
#: of them locks the row. Start at login has none: IT installs a login item instead.
_SETTINGS_OF: dict[Key, tuple[str, ...]] = {
    Key.SERVICES: ("services", "checks.watch"),
    Key.INTERVAL: ("checks.interval",),
    Key.NOTIFICATIONS: ("notifications.enabled",),
    Key.QUIET_HOURS: ("notifications.quiet_hours",),
    Key.SHOW_COUNT: ("tray.show_count",),
}


def locked_keys(policy_names: frozenset[str] | set[str]) -> frozenset[str]:
    """The dialog's rows for the settings IT locked (``EffectiveSettings.locked()``)."""
    return frozenset(
        key.value for key, names in _SETTINGS_OF.items() if any(n in policy_names for n in names)
    )


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the dialog shows and answers."""

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


def shown(effective: EffectiveSettings, start_at_login: bool) -> Preferences:
    """What runs, as the dialog shows it: the interval the engine checks by, IT's values."""
    watch = effective.resolved["checks.watch"]
    services = effective.config().services
    chosen = watch.source is not Layer.DEFAULT and bool(watch.value)
    intervals = {s.interval for s in services}
    interval = effective.value("checks.interval")
    assert isinstance(interval, int)
    if effective.resolved["checks.interval"].source is Layer.DEFAULT and len(intervals) == 1:
        interval = intervals.pop()  # unset: the services' own, when they share one
    quiet = effective.config().notifications.quiet_hours
    return Preferences(
        service_ids=tuple(s.id for s in services) if chosen else None,
        interval_s=interval,
        notifications=effective.value("notifications.enabled") is not False,
        quiet_hours=QuietHours(*quiet) if quiet is not None else None,
        start_at_login=start_at_login,
        show_count=effective.value("tray.show_count") is not False,
        components=effective.person_components,
    )


def floor_minutes(effective: EffectiveSettings) -> int:
    """The shortest interval the dialog offers, in whole minutes: IT's ``checks.min_interval``."""
    floor = effective.value("checks.min_interval")
    return max(1, math.ceil((floor if isinstance(floor, int) else MIN_INTERVAL_S) / 60))


def person_changes(
    before: Preferences,
    after: Preferences,
    locked: frozenset[str] = frozenset(),
    watching: tuple[str, ...] = (),
) -> dict[str, SettingValue]:
    """The choices to store: only what the person changed (so a setting they never
    touched keeps following IT's machine default), never a locked row's.

    ``watching``: the services watched when the dialog opened; the same list back is no
    choice (the list keeps following the configuration).
    """
    changes: dict[str, SettingValue] = {}
    if after.service_ids == watching:
        after = replace(after, service_ids=before.service_ids)

    def changed(key: Key, field: str) -> bool:
        return key.value not in locked and getattr(before, field) != getattr(after, field)

    if changed(Key.SERVICES, "service_ids") and after.service_ids is not None:
        changes["checks.watch"] = after.service_ids
    if changed(Key.INTERVAL, "interval_s"):
        changes["checks.interval"] = after.interval_s
    if changed(Key.NOTIFICATIONS, "notifications"):
        changes["notifications.enabled"] = after.notifications
    if changed(Key.QUIET_HOURS, "quiet_hours"):
        quiet = after.quiet_hours  # stored empty when switched off: that is a choice too
        changes["notifications.quiet_hours"] = (
            f"{quiet.start:%H:%M}-{quiet.end:%H:%M}" if quiet is not None else ""
        )
    if changed(Key.SHOW_COUNT, "show_count"):
        changes["tray.show_count"] = after.show_count
    return changes


def component_changes(
    before: Preferences, after: Preferences
) -> dict[str, dict[str, object | None]]:
    """The person's "Watch only these…" changes, per service (``None`` forgets one)."""
    changed = set(before.components) | set(after.components)
    return {
        sid: {COMPONENTS.name: after.components.get(sid)}
        for sid in sorted(changed)
        if before.components.get(sid) != after.components.get(sid)
    }


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


def takes_components(service: ServiceConfig) -> bool:
    """Whether the service's kind has a ``components`` key (statuspage, statusio…)."""
    from traymon.sources.kinds import SOURCES

    source = SOURCES.get(service.kind)
    return source is not None and COMPONENTS.name in source.options
