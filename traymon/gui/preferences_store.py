"""The choices earlier versions kept in QSettings, moved once into the person's layer.

Until this version the dialog's choices lived in Qt's per-user settings (an INI file on
Linux, the registry on Windows, a plist on macOS) and were applied by the GUI after the
settings code had finished. They now live in ``choices.toml`` (``traymon.config.person``),
resolved with every other layer. ``migrate`` moves what is stored there, once: only
when the person's file does not exist yet, and it removes the old keys so a downgrade
and upgrade cannot move stale values twice. Start at login is not moved: the login item
on disk is the truth. A value of the wrong type is left behind, as it was never usable.
"""

from __future__ import annotations

import json
import logging
from datetime import time

from PySide6.QtCore import QSettings

from traymon.config.person import PersonFile
from traymon.config.schema import DEFAULT_INTERVAL_S, MAX_INTERVAL_S, MIN_INTERVAL_S
from traymon.config.settings import SettingValue
from traymon.sources.watch import COMPONENTS

log = logging.getLogger("traymon.gui")
_PREFIX = "preferences/"
#: One value per service id: a JSON list of names (names hold commas: "Amsterdam, NL - (AMS)").
_COMPONENTS = _PREFIX + "components"


def migrate(settings: QSettings, person: PersonFile) -> bool:
    """Move the old QSettings choices into ``person``; whether anything was moved."""
    keys = [k for k in settings.allKeys() if k.startswith(_PREFIX)]
    if not keys or person.exists():
        return False
    changes, per_service = old_choices(settings), old_components(settings)
    try:
        if changes or per_service:
            person.save(changes, per_service)
    except OSError as exc:  # kept where they are: the next start tries again
        log.warning("could not move the settings dialog's choices to %s: %s", person.path, exc)
        return False
    for key in keys:
        settings.remove(key)
    settings.sync()
    log.info("moved the settings dialog's choices to %s", person.path)
    return bool(changes or per_service)


def old_choices(settings: QSettings) -> dict[str, SettingValue]:
    """The old keys as the person's settings (what the old dialog stored, nothing more)."""
    changes: dict[str, SettingValue] = {}
    ids = settings.value(_PREFIX + "services")
    if isinstance(ids, str):
        changes["checks.watch"] = tuple(i for i in ids.split(",") if i)
    try:
        interval = int(str(settings.value(_PREFIX + "interval_s", DEFAULT_INTERVAL_S)))
    except ValueError:
        interval = DEFAULT_INTERVAL_S
    # The old GUI left every service's own interval alone at exactly the default.
    if interval != DEFAULT_INTERVAL_S:
        changes["checks.interval"] = min(max(interval, MIN_INTERVAL_S), MAX_INTERVAL_S)
    for old, name in (
        ("notifications", "notifications.enabled"),
        ("show_count", "tray.show_count"),
    ):
        if settings.contains(_PREFIX + old):
            value = _bool(settings.value(_PREFIX + old))
            if value is not None:
                changes[name] = value
    if settings.contains(_PREFIX + "quiet_start"):
        start = str(settings.value(_PREFIX + "quiet_start", ""))
        end = str(settings.value(_PREFIX + "quiet_end", ""))
        if not start and not end:
            changes["notifications.quiet_hours"] = ""  # switched off: a choice too
        elif (begins := _time(start)) is not None and (ends := _time(end)) is not None:
            changes["notifications.quiet_hours"] = f"{begins:%H:%M}-{ends:%H:%M}"
    return changes


def old_components(settings: QSettings) -> dict[str, dict[str, object | None]]:
    """The old "Watch only these…" per service; a damaged value is no choice."""
    chosen: dict[str, dict[str, object | None]] = {}
    settings.beginGroup(_COMPONENTS)
    try:
        for service_id in settings.childKeys():
            try:
                names = json.loads(str(settings.value(service_id, "")))
            except ValueError:
                continue
            if isinstance(names, list) and all(isinstance(n, str) and n for n in names):
                chosen[service_id] = {COMPONENTS.name: list(names)}
    finally:
        settings.endGroup()
    return chosen


def _bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):  # INI files give strings back
        return {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(
            value.lower()
        )
    return None


def _time(text: str) -> time | None:
    try:
        return time.fromisoformat(text)
    except ValueError:
        return None
