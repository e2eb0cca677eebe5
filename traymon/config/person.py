"""The person's own choices, made in the settings dialog: the layer above the user's file.

defaults < machine < user file < **person** < policy. The person sits above the user's
file because the dialog is where they choose, and what they chose last must be what
runs; below policy, because IT's locks and floors win over everybody. Only the settings
the table marks ``person`` may be chosen here (``PERSON_SETTINGS``), and only what the
person changed is stored: a setting they never touched keeps following the layers
below, even when IT changes a machine default later.

Traymon owns the file: ``choices.toml`` next to the user's ``config.toml``, written
atomically and 0600. Qt-free, so ``traymon config show`` and ``traymon check`` read the
same choices as the tray. A mistake in it (a hand edit, a newer version's key) is
logged and that value ignored, as for machine defaults: it never stops Traymon.

Per-service choices sit in ``[service."<id>"]`` tables (``interval``, and ``components``:
"Watch only these…" from a service's details); keys this
version does not know are kept when the file is rewritten, so an older Traymon never
drops a newer one's choices.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from traymon.config.errors import ConfigProblem
from traymon.config.settings import BY_NAME, PERSON_SETTINGS, SettingValue
from traymon.config.toml_layer import TomlLayerError, load_toml, parse_toml_layer
from traymon.config.values import LayerValues, RawValue, coerce
from traymon.continuity.atomic import atomic_write
from traymon.paths import user_config_file
from traymon.private_files import private_folder
from traymon.settings_files import read_settings_text
from traymon.sources.watch import COMPONENTS

log = logging.getLogger("traymon.config")

FILE_NAME = "choices.toml"
#: The table of per-service choices: ``[service."github"]``.
PER_SERVICE = "service"
#: The per-service keys this version applies, each checked as the setting it narrows.
PER_SERVICE_SETTINGS: Mapping[str, str] = MappingProxyType({"interval": "checks.interval"})
_HEADER = (
    "# Your choices in Traymon's settings dialog, written by Traymon.\n"
    "# Your own settings belong in config.toml next to this file; these win over it.\n"
)


def person_file_path() -> Path:
    return user_config_file().with_name(FILE_NAME)


@dataclass(frozen=True, slots=True)
class PersonLayer:
    """The person's choices as read: settings by dotted name, and per-service choices."""

    values: LayerValues
    #: Service id -> {key: value} as stored (checked when applied; unknown keys kept).
    per_service: Mapping[str, Mapping[str, object]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    @classmethod
    def empty(cls) -> PersonLayer:
        return cls(LayerValues.empty("(no choices made)"))

    def service_interval(self, service_id: str) -> tuple[int, str] | None:
        """The person's interval for one service, checked, and where it was written."""
        chosen = self.per_service.get(service_id, {})
        if "interval" not in chosen:
            return None
        where = f"{self.values.origin}: {PER_SERVICE}.{service_id}.interval"
        raw = RawValue(chosen["interval"], where)
        value, problems = coerce(BY_NAME[PER_SERVICE_SETTINGS["interval"]], raw)
        for problem in problems:
            log.warning("%s; ignored", problem)
        return (value, where) if isinstance(value, int) and not isinstance(value, bool) else None

    def service_components(self, service_id: str) -> tuple[str, ...] | None:
        """The person's "Watch only these…" for one service (``()``: the whole page)."""
        chosen = self.per_service.get(service_id, {})
        if COMPONENTS.name not in chosen:
            return None
        try:
            names = COMPONENTS.check(chosen[COMPONENTS.name])
        except ValueError as exc:
            log.warning("%s: %s.%s.components %s; ignored", self.values.origin, PER_SERVICE,
                        service_id, exc)  # fmt: skip
            return None
        return names if isinstance(names, tuple) else None

    def components(self) -> Mapping[str, tuple[str, ...]]:
        """Every service's "Watch only these…" choice that can be used."""
        found = {sid: self.service_components(sid) for sid in self.per_service}
        return MappingProxyType({sid: names for sid, names in found.items() if names is not None})


class PersonFile:
    """Where the person's choices are kept (``path``: the default next to the user file)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or person_file_path()

    def exists(self) -> bool:
        return self.path.is_file()

    def read(self) -> PersonLayer:
        """The choices; never raises (an unreadable file is a problem of the layer)."""
        try:
            text = read_settings_text(self.path)
        except FileNotFoundError:
            return PersonLayer(LayerValues.empty(f"{self.path} (no choices made)"))
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or "it is not UTF-8 text"
            problem = ConfigProblem(self.path, f"cannot be read ({why})")
            return PersonLayer(LayerValues(str(self.path), {}, (problem,)))
        try:
            data = load_toml(text, self.path)
        except TomlLayerError as exc:
            return PersonLayer(LayerValues(str(self.path), {}, (exc.problem,)))
        layer = parse_toml_layer(text, self.path, skip=(PER_SERVICE,))
        values, problems = {}, list(layer.problems)
        for name, raw in layer.values.items():
            if name in PERSON_SETTINGS:
                values[name] = raw
            else:
                message = "is not a choice the settings dialog makes"
                problems.append(ConfigProblem(self.path, message, name, raw.line))
        per_service, found = _per_service(data.get(PER_SERVICE), self.path)
        layer = LayerValues(layer.origin, values, (*problems, *found))
        return PersonLayer(layer, per_service)

    def save(
        self,
        changes: Mapping[str, SettingValue | None],
        per_service: Mapping[str, Mapping[str, object | None]] | None = None,
    ) -> None:
        """Store ``changes`` over what is stored; ``None`` forgets a choice (the layers
        below count again). Raises ``OSError`` when the file cannot be written."""
        unknown = [name for name in changes if name not in PERSON_SETTINGS]
        if unknown:
            raise ValueError(f"not a person's choice: {', '.join(unknown)}")
        current = self.read()
        stored: dict[str, object] = {name: raw.value for name, raw in current.values.values.items()}
        for name, value in changes.items():
            if value is None:
                stored.pop(name, None)
            else:
                stored[name] = value
        services = {sid: dict(keys) for sid, keys in current.per_service.items()}
        for service_id, keys in (per_service or {}).items():
            entry = services.setdefault(service_id, {})
            for key, chosen in keys.items():
                if chosen is None:
                    entry.pop(key, None)
                else:
                    entry[key] = chosen
        private_folder(self.path.parent)
        atomic_write(self.path, render(stored, services).encode("utf-8"))


def _per_service(
    raw: object, path: Path
) -> tuple[Mapping[str, Mapping[str, object]], tuple[ConfigProblem, ...]]:
    if raw is None:
        return MappingProxyType({}), ()
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        message = f'must be [{PER_SERVICE}."<service id>"] tables'
        return MappingProxyType({}), (ConfigProblem(path, message, PER_SERVICE),)
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in raw.items()}), ()


def render(values: Mapping[str, object], per_service: Mapping[str, Mapping[str, object]]) -> str:
    """The file's text: ``[section]`` tables of the dotted names, then per-service tables."""
    sections: dict[str, list[str]] = {}
    for name in sorted(values, key=lambda n: list(BY_NAME).index(n) if n in BY_NAME else 0):
        section, _, key = name.rpartition(".")
        sections.setdefault(section, []).append(f"{key} = {_toml(values[name])}")
    parts = [_HEADER]
    for section, lines in sections.items():
        parts.append(f"\n[{section}]\n" + "".join(f"{line}\n" for line in lines))
    for service_id, keys in sorted(per_service.items()):
        if keys:
            body = "".join(f"{_toml_key(k)} = {_toml(v)}\n" for k, v in sorted(keys.items()))
            parts.append(f"\n[{PER_SERVICE}.{_toml_string(service_id)}]\n{body}")
    return "".join(parts)


def _toml(value: object) -> str:
    """A TOML value for what a person's choice can be: true/false, a number, text, a list."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_toml_key(str(k))} = {_toml(v)}" for k, v in value.items())
        return "{" + pairs + "}"
    raise TypeError(f"cannot store {type(value).__name__} as a choice")


def _toml_key(key: str) -> str:
    return (
        key
        if key.replace("_", "").replace("-", "").isalnum() and key.isascii()
        else (_toml_string(key))
    )


def _toml_string(text: str) -> str:
    # JSON's escapes are TOML's (\" \\ \b \f \n \r \t \uXXXX); DEL is the one control
    # character JSON leaves as it is and TOML does not allow in a basic string.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
