"""``traymon config show``: every setting, its value, the layer it came from, whether locked."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from enum import Enum

from traymon.config.layers import EffectiveSettings, Layer
from traymon.config.schema import ServiceConfig
from traymon.config.settings import SETTINGS


def jsonable(value: object) -> object:
    """Plain JSON data from settings values (services, their options, tables)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Not asdict(): it deep-copies, and read-only mappings cannot be copied.
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def effective_json(effective: EffectiveSettings) -> str:
    """``{"<dotted.key>": {"value": …, "source": "default|machine|user|person|policy",
    "locked": …}}``"""
    data = {
        name: {
            "value": jsonable(r.value),
            "source": r.source.value,
            "locked": r.locked,
        }
        for name, r in effective.resolved.items()
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def layers_json(effective: EffectiveSettings) -> str:
    """Each layer's valid value per setting (absent where the layer does not set it)."""
    data: dict[str, dict[str, object]] = {}
    for setting in SETTINGS:
        entry: dict[str, object] = {}
        for source in Layer:
            layer = effective.by_layer[source]
            if setting.name in layer:
                entry[source.value] = jsonable(layer[setting.name])
        entry["locked"] = effective.resolved[setting.name].locked
        data[setting.name] = entry
    return json.dumps(data, indent=2, ensure_ascii=False)


def effective_table(effective: EffectiveSettings) -> str:
    rows: list[tuple[str, ...]] = [("setting", "value", "from", "locked")]
    for setting in SETTINGS:
        resolved = effective.resolved[setting.name]
        rows.append(
            (
                setting.name,
                short(resolved.value),
                resolved.source.value,
                "locked" if resolved.locked else "",
            )
        )
    return _table(rows) + f"\n\nRead from: {_where(effective)}"


def layers_table(effective: EffectiveSettings) -> str:
    rows: list[tuple[str, ...]] = [("setting", *(s.value for s in Layer), "locked")]
    for setting in SETTINGS:
        cells = [
            short(effective.by_layer[s][setting.name])
            if setting.name in effective.by_layer[s]
            else "-"
            for s in Layer
        ]
        locked = "locked" if effective.resolved[setting.name].locked else ""
        rows.append((setting.name, *cells, locked))
    return _table(rows) + f"\n\nRead from: {_where(effective)}"


def short(value: object, width: int = 48) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], ServiceConfig):
        text = ", ".join(s.id for s in value if isinstance(s, ServiceConfig))
    elif isinstance(value, tuple):
        text = ", ".join(str(v) for v in value) or "(none)"
    elif isinstance(value, Mapping):
        text = ", ".join(f"{k}={v}" for k, v in value.items()) or "(none)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value == "":
        text = "(empty)"
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _where(effective: EffectiveSettings) -> str:
    user = str(effective.user_file) if effective.user_file else "no user file"
    where = f"{effective.reader}; user settings from {user}"
    if effective.person_origin:
        where += f"; the person's choices from {effective.person_origin}"
    return where


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
