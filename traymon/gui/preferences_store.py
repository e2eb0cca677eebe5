"""Preferences in QSettings (the registry on Windows, a plist on macOS, an INI file on Linux).

Reading never fails: a value of the wrong type falls back to the default.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QSettings

from traymon.config.schema import MAX_INTERVAL_S, MIN_INTERVAL_S
from traymon.gui.notify_gate import QuietHours
from traymon.gui.preferences import Preferences

_PREFIX = "preferences/"


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


def load_preferences(settings: QSettings) -> Preferences:
    defaults = Preferences()
    ids = settings.value(_PREFIX + "services")
    service_ids: tuple[str, ...] | None = None
    if isinstance(ids, str):
        service_ids = tuple(i for i in ids.split(",") if i)
    try:
        interval = int(str(settings.value(_PREFIX + "interval_s", defaults.interval_s)))
    except ValueError:
        interval = defaults.interval_s
    interval = min(max(interval, MIN_INTERVAL_S), MAX_INTERVAL_S)
    start = _time(settings.value(_PREFIX + "quiet_start", ""))
    end = _time(settings.value(_PREFIX + "quiet_end", ""))
    return Preferences(
        service_ids=service_ids,
        interval_s=interval,
        notifications=_bool(settings, "notifications", defaults.notifications),
        quiet_hours=QuietHours(start, end) if start is not None and end is not None else None,
        start_at_login=_bool(settings, "start_at_login", defaults.start_at_login),
        show_count=_bool(settings, "show_count", defaults.show_count),
    )


def save_preferences(settings: QSettings, prefs: Preferences) -> None:
    if prefs.service_ids is not None:
        # One comma-joined string: lists come back differently from each QSettings backend.
        settings.setValue(_PREFIX + "services", ",".join(prefs.service_ids))
    settings.setValue(_PREFIX + "interval_s", prefs.interval_s)
    settings.setValue(_PREFIX + "notifications", prefs.notifications)
    quiet = prefs.quiet_hours
    settings.setValue(_PREFIX + "quiet_start", quiet.start.isoformat("minutes") if quiet else "")
    settings.setValue(_PREFIX + "quiet_end", quiet.end.isoformat("minutes") if quiet else "")
    settings.setValue(_PREFIX + "start_at_login", prefs.start_at_login)
    settings.setValue(_PREFIX + "show_count", prefs.show_count)
    settings.sync()
