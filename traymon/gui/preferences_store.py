"""Preferences in QSettings (the registry on Windows, a plist on macOS, an INI file on Linux).

Only what the person changed is stored. A setting they never touched keeps following the
layered configuration (a machine default IT set, the config file), so IT can change a
default later and every desktop whose owner did not choose otherwise follows it.
Reading never fails: a value of the wrong type falls back to the default.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from datetime import time
from types import MappingProxyType

from PySide6.QtCore import QSettings

from traymon.config.schema import MAX_INTERVAL_S, MIN_INTERVAL_S
from traymon.gui.notify_gate import QuietHours
from traymon.gui.preferences import Preferences

_PREFIX = "preferences/"
#: One value per service id: a JSON list of names (names hold commas: "Amsterdam, NL - (AMS)").
_COMPONENTS = _PREFIX + "components"


def _bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(_PREFIX + key, default)
    if isinstance(value, str):  # INI files give strings back
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def _time(text: object) -> time | None:
    try:
        return time.fromisoformat(str(text))
    except ValueError:
        return None


def _quiet_hours(settings: QSettings, default: QuietHours | None) -> QuietHours | None:
    """Stored empty: the person switched quiet hours off, which is a choice too."""
    if not settings.contains(_PREFIX + "quiet_start"):
        return default
    stored_start = str(settings.value(_PREFIX + "quiet_start", ""))
    stored_end = str(settings.value(_PREFIX + "quiet_end", ""))
    if not stored_start and not stored_end:
        return None
    start, end = _time(stored_start), _time(stored_end)
    return QuietHours(start, end) if start is not None and end is not None else default


def _components(settings: QSettings) -> Mapping[str, tuple[str, ...]]:
    """The person's "Watch only these…" per service; a damaged value is no choice."""
    chosen: dict[str, tuple[str, ...]] = {}
    settings.beginGroup(_COMPONENTS)
    try:
        for service_id in settings.childKeys():
            try:
                names = json.loads(str(settings.value(service_id, "")))
            except ValueError:
                continue
            if isinstance(names, list) and all(isinstance(n, str) and n for n in names):
                chosen[service_id] = tuple(names)
    finally:
        settings.endGroup()
    return MappingProxyType(chosen)


def load_preferences(settings: QSettings, defaults: Preferences | None = None) -> Preferences:
    """The stored choices over ``defaults`` (what the layered configuration says)."""
    defaults = defaults or Preferences()
    ids = settings.value(_PREFIX + "services")
    service_ids = defaults.service_ids
    if isinstance(ids, str):
        service_ids = tuple(i for i in ids.split(",") if i)
    try:
        interval = int(str(settings.value(_PREFIX + "interval_s", defaults.interval_s)))
    except ValueError:
        interval = defaults.interval_s
    interval = min(max(interval, MIN_INTERVAL_S), MAX_INTERVAL_S)
    return Preferences(
        service_ids=service_ids,
        interval_s=interval,
        notifications=_bool(settings, "notifications", defaults.notifications),
        quiet_hours=_quiet_hours(settings, defaults.quiet_hours),
        start_at_login=_bool(settings, "start_at_login", defaults.start_at_login),
        show_count=_bool(settings, "show_count", defaults.show_count),
        components=_components(settings),
    )


def changed_fields(before: Preferences | None, after: Preferences) -> set[str]:
    """The fields the person changed (all of them when nothing was shown before)."""
    names = {f.name for f in fields(Preferences)}
    if before is None:
        return names
    return {n for n in names if getattr(before, n) != getattr(after, n)}


def save_preferences(
    settings: QSettings, prefs: Preferences, before: Preferences | None = None
) -> None:
    """Store what differs from ``before`` (what the dialog showed); ``None``: store all."""
    changed = changed_fields(before, prefs)
    if "service_ids" in changed and prefs.service_ids is not None:
        # One comma-joined string: lists come back differently from each QSettings backend.
        settings.setValue(_PREFIX + "services", ",".join(prefs.service_ids))
    if "interval_s" in changed:
        settings.setValue(_PREFIX + "interval_s", prefs.interval_s)
    if "notifications" in changed:
        settings.setValue(_PREFIX + "notifications", prefs.notifications)
    if "quiet_hours" in changed:
        quiet = prefs.quiet_hours  # stored empty when switched off: that is a choice too
        start, end = (
            (quiet.start.isoformat("minutes"), quiet.end.isoformat("minutes"))
            if quiet
            else ("", "")
        )
        settings.setValue(_PREFIX + "quiet_start", start)
        settings.setValue(_PREFIX + "quiet_end", end)
    if "start_at_login" in changed:
        settings.setValue(_PREFIX + "start_at_login", prefs.start_at_login)
    if "show_count" in changed:
        settings.setValue(_PREFIX + "show_count", prefs.show_count)
    if "components" in changed:
        before_components = before.components if before is not None else {}
        for service_id in set(before_components) - set(prefs.components):
            settings.remove(f"{_COMPONENTS}/{service_id}")
        for service_id, names in prefs.components.items():
            settings.setValue(f"{_COMPONENTS}/{service_id}", json.dumps(list(names)))
    settings.sync()
