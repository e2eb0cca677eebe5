"""Find, read and validate the configuration file.

Every problem is collected, not just the first, and each names the file, the
line where it can be found, and the key, so a person can fix them all at once.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from traymon.catalogue import CatalogueError, load_catalogue, load_entry
from traymon.config import sections
from traymon.config.errors import ConfigError, ConfigProblem, toml_syntax_problem
from traymon.config.schema import (
    DEFAULT_INTERVAL_S,
    MAX_INTERVAL_S,
    MIN_INTERVAL_S,
    Config,
    ServiceConfig,
)
from traymon.config.settings import SECTIONS
from traymon.config.url_check import url_problem
from traymon.config.vendor import vendor_problem
from traymon.settings_files import MAX_DEPTH, TOO_DEEP, nested_too_deeply, read_settings_text
from traymon.sources import SOURCES
from traymon.sources.options import Option, OptionValue, describe_value

ENV_CONFIG = "TRAYMON_CONFIG"

_ID_RE = re.compile(r"^[a-z0-9-]+$")
_SERVICE_KEYS = (
    "id", "name", "kind", "url", "interval", "probes", "probe_interval", "muted", "vendor",
)  # fmt: skip
_TOP_LEVEL_KEYS = ("services", *SECTIONS)  # sections: traymon.config.settings


def load_config(path: Path) -> Config:
    """Read one services file on its own (the relay's vendors file), with every problem found.

    The app's own settings come from the layers (``traymon.config.layers.load_effective``).
    """
    try:
        text = read_settings_text(path)
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(path, "the file does not exist")]) from None
    except UnicodeDecodeError:
        raise ConfigError([ConfigProblem(path, "the file is not UTF-8 text")]) from None
    except OSError as exc:
        raise ConfigError([ConfigProblem(path, f"cannot be read ({exc.strerror})")]) from None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Config:
    """Validate TOML ``text`` read from ``path``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([toml_syntax_problem(exc, path, text)]) from None
    except RecursionError:  # thousands of [ inside each other: tomllib recurses per level
        raise ConfigError([ConfigProblem(path, f"the file {TOO_DEEP}")]) from None
    if nested_too_deeply(data, MAX_DEPTH + 1):
        raise ConfigError([ConfigProblem(path, f"the file {TOO_DEEP}")])

    lines = _LineFinder(text)
    problems: list[ConfigProblem] = []
    for key in data:
        if key not in _TOP_LEVEL_KEYS:
            problems.append(
                ConfigProblem(path, _unknown_key(key, _TOP_LEVEL_KEYS), key, lines.top_level(key))
            )

    services = _services(data.get("services"), path, lines, problems)

    def table_problem(key: str, message: str) -> None:
        line = lines.top_level(key.split(".")[0])
        problems.append(ConfigProblem(path, message, key, line))

    network = sections.network(data.get("network"), table_problem)
    notifications = sections.notifications(data.get("notifications"), table_problem)
    continuity = None  # no [continuity] table: its modules need not load
    if data.get("continuity") is not None:
        from traymon.continuity.config import parse_continuity

        continuity, section_problems = parse_continuity(
            data.get("continuity"), text, [s.id for s in services]
        )
        problems += [ConfigProblem(path, p.message, p.key, p.line) for p in section_problems]

    if problems:
        raise ConfigError(problems)
    return Config(
        services=tuple(services),
        path=path,
        continuity_section=continuity,
        network=network,
        notifications=notifications,
    )


def parse_services(
    raw_services: object, path: Path | str, text: str = "", allow_plain_http: bool = False
) -> tuple[tuple[ServiceConfig, ...], list[ConfigProblem]]:
    """Validate a ``services`` list read from any layer (TOML, plist, registry).

    ``text`` is the file's text when there is one, so problems can name lines.
    """
    problems: list[ConfigProblem] = []
    services = _services(raw_services, Path(path), _LineFinder(text), problems, allow_plain_http)
    return tuple(services), problems


def _services(
    raw_services: object,
    path: Path,
    lines: _LineFinder,
    problems: list[ConfigProblem],
    allow_plain_http: bool = False,
) -> list[ServiceConfig]:
    services: list[ServiceConfig] = []
    if raw_services is None:
        problems.append(ConfigProblem(path, "no services are configured; add [[services]] entries"))
    elif not isinstance(raw_services, list) or not all(isinstance(s, dict) for s in raw_services):
        problems.append(
            ConfigProblem(path, "must be a list of [[services]] tables", "services", None)
        )
    else:
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_services):
            service = _service(raw, index, path, lines, problems, allow_plain_http)
            if service is None:
                continue
            if service.id in seen:
                problems.append(
                    ConfigProblem(
                        path,
                        f"duplicate id {service.id!r} "
                        f"(also used by service #{seen[service.id] + 1})",
                        f"services[{index}].id",
                        lines.service_key(index, "id"),
                    )
                )
                continue
            seen[service.id] = index
            services.append(service)
    return services


@functools.cache
def _all_option_keys() -> frozenset[str]:
    """Every kind's option names (a service whose kind is unknown is not told off for them).

    Asked only then: it imports every kind's module.
    """
    return frozenset(name for source in SOURCES.values() for name in source.options)


def _service(
    raw: Mapping[str, Any],
    index: int,
    path: Path,
    lines: _LineFinder,
    problems: list[ConfigProblem],
    allow_plain_http: bool = False,
) -> ServiceConfig | None:
    before = len(problems)

    def problem(key: str, message: str) -> None:
        # A nested key (probes[1].port) is found by its top key's line.
        top = re.split(r"[.\[]", key)[0]
        line = lines.service_key(index, top) or lines.service_start(index)
        problems.append(ConfigProblem(path, message, f"services[{index}].{key}", line))

    raw = _with_catalogue_entry(raw, problem)
    if len(problems) > before:
        return None  # without its catalogue entry, every other message would be noise

    def text(key: str, required: bool = True) -> str | None:
        value = raw.get(key)
        if value is None:
            if required:
                problem(key, "is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            problem(key, f"must be a non-empty string (got {describe_value(value)})")
            return None
        return value.strip()

    service_id = text("id")
    if service_id is not None and not _ID_RE.match(service_id):
        problem("id", f"must use only a-z, 0-9 and '-' (got {service_id!r})")
    name = text("name")

    kind = text("kind")
    source = SOURCES.get(kind) if kind else None
    if kind is not None and source is None:
        problem("kind", _unknown_value("kind", kind, SOURCES))

    option_specs = source.options if source is not None else {}
    known_keys = (*_SERVICE_KEYS, "use", *option_specs)
    for key in raw:
        if key in known_keys or (source is None and key in _all_option_keys()):
            continue
        problem(key, _unknown_key(key, known_keys))
    options = _options(raw, option_specs, problem)

    url = text("url", required=source is not None and source.default_url is None)
    if url is None and source is not None:
        url = source.default_url
    elif url is not None and (reason := url_problem(url, allow_plain_http)):
        problem("url", reason)

    interval = raw.get("interval", DEFAULT_INTERVAL_S)
    if isinstance(interval, bool) or not isinstance(interval, int):
        problem("interval", f"must be a whole number of seconds (got {describe_value(interval)})")
    elif not MIN_INTERVAL_S <= interval <= MAX_INTERVAL_S:
        problem("interval", f"must be between {MIN_INTERVAL_S} and {MAX_INTERVAL_S} seconds")

    extras = sections.service_extras(dict(raw), problem)
    vendor = text("vendor", required=False)
    if vendor is not None and (why := vendor_problem(vendor)):
        problem("vendor", why)

    if len(problems) > before:
        return None
    assert service_id and name and kind and url and isinstance(interval, int)
    return ServiceConfig(
        id=service_id,
        name=name,
        kind=kind,
        url=url,
        interval=interval,
        options=options,
        use=raw.get("use") if isinstance(raw.get("use"), str) else None,
        probes=extras.probes,
        probe_interval=extras.probe_interval,
        muted=extras.muted,
        vendor=vendor or "",
    )


def _with_catalogue_entry(
    raw: Mapping[str, Any], problem: Callable[[str, str], None]
) -> Mapping[str, Any]:
    """``use = "github"``: the catalogue's definition, with the entry's own keys on top."""
    use = raw.get("use")
    if use is None:
        return raw
    if not isinstance(use, str) or not use.strip():
        problem("use", f"must be the id of a catalogue entry (got {describe_value(use)})")
        return raw
    try:
        entry = load_entry(use.strip())  # only its own table: the whole file is slow to read
        known = list(load_catalogue().by_id) if entry is None else []
    except CatalogueError as exc:
        problem("use", str(exc))
        return raw
    if entry is None:
        import difflib  # only for a hint, when something is wrong

        close = difflib.get_close_matches(use, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "run `traymon catalogue` to list them"
        problem("use", f"unknown catalogue entry {use!r}; {hint}")
        return raw
    return {**entry.as_service(), **raw}


def _options(
    raw: Mapping[str, Any],
    specs: Mapping[str, Option],
    problem: Callable[[str, str], None],
) -> Mapping[str, OptionValue]:
    """Check the kind's own keys; each problem names the key, like the common keys."""
    values: dict[str, OptionValue] = {}
    for name, spec in specs.items():
        if name not in raw:
            if spec.required:
                problem(name, f"is missing ({spec.help})")
            continue
        try:
            values[name] = spec.check(raw[name])
        except ValueError as exc:
            problem(name, str(exc))
    return MappingProxyType(values)


def _unknown_key(key: str, known: tuple[str, ...]) -> str:
    import difflib  # only for a hint, when something is wrong

    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
    return f"unknown key{hint}"


def _unknown_value(key: str, value: str, known: Mapping[str, object]) -> str:
    import difflib  # only for a hint, when something is wrong

    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(known))}"
    return f"unknown {key} {value!r}; {hint}"


class _LineFinder:
    """Finds the line of a key in the TOML text.

    ``tomllib`` keeps no positions, and a message without a line number makes a
    person search a long file, so this scans the text for the usual layout
    (``[[services]]`` headers, one ``key = value`` per line). It returns ``None``
    when the layout is unusual (inline tables); the message still names the key.
    """

    _HEADER = re.compile(r"^\s*\[\[\s*services\s*\]\]")
    _TABLE = re.compile(r"^\s*\[")

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._starts = [i for i, line in enumerate(self._lines) if self._HEADER.match(line)]

    def service_start(self, index: int) -> int | None:
        return self._starts[index] + 1 if index < len(self._starts) else None

    def service_key(self, index: int, key: str) -> int | None:
        if index >= len(self._starts):
            return None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(self._starts[index] + 1, len(self._lines)):
            line = self._lines[number]
            if self._TABLE.match(line):
                break
            if pattern.match(line):
                return number + 1
        return None

    def top_level(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*(\[+\s*{re.escape(key)}\s*\]+|{re.escape(key)}\s*=)")
        return next((n + 1 for n, line in enumerate(self._lines) if pattern.match(line)), None)
