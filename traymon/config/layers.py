"""The layers, lowest first: built-in defaults < machine defaults < the user's file <
the person's choices (the settings dialog's, ``config.person``) < policy.

Policy wins and locks; ``checks.min_interval`` is a floor for every layer, the person's
choices too. An invalid machine-default or policy value is logged with its
location and ignored for that key (the layer below stands); it never stops the app,
because a typo by IT must not take Traymon off thousands of desktops. A mistake in the
user's own file is reported to that person (``ConfigError``), as before layering.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from traymon.config import sections
from traymon.config.ca_files import ca_file_problem
from traymon.config.errors import ConfigError, ConfigProblem
from traymon.config.loader import ENV_CONFIG, parse_services
from traymon.config.person import PersonFile, PersonLayer
from traymon.config.relay_defaults import with_relay_defaults
from traymon.config.schema import Config, FleetReportConfig, ServiceConfig
from traymon.config.settings import BY_NAME, PERSON_SETTINGS, SERVICES, SETTINGS, SettingValue
from traymon.config.toml_layer import TomlLayerError, load_toml, read_toml_layer
from traymon.config.values import LayerValues, RawValue, coerce
from traymon.paths import default_services_file, user_config_file
from traymon.settings_files import read_settings_text
from traymon.sources.watch import COMPONENTS

if TYPE_CHECKING:
    from traymon.continuity.config import ContinuityConfig

log = logging.getLogger("traymon.config")
ALLOW_PLAIN_HTTP = "network.allow_plain_http"


class Layer(Enum):
    """Where a setting's value came from (lowest first)."""

    DEFAULT = "default"
    MACHINE = "machine"
    USER = "user"
    PERSON = "person"
    POLICY = "policy"


class SettingsReader(Protocol):
    """Where an operating system keeps machine defaults and policy (``traymon.platform``)."""

    def machine_defaults(self) -> LayerValues: ...

    def policy(self) -> LayerValues: ...

    def describe(self) -> str:
        """Where this reader looks, in words, for ``config show`` and ``diagnose``."""
        ...


@dataclass(frozen=True, slots=True)
class Resolved:
    value: SettingValue
    source: Layer
    locked: bool
    #: file:line, registry value or plist key the value came from (``None``: built in).
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Layers:
    """Every layer as read, so the person's new choices can be resolved over the rest."""

    defaults_services: tuple[ServiceConfig, ...]
    machine: LayerValues
    user: LayerValues
    policy: LayerValues
    user_file: Path | None = None
    reader: str = ""

    def resolve(self, person: PersonLayer | None = None) -> EffectiveSettings:
        return resolve(
            self.defaults_services,
            self.machine,
            self.user,
            self.policy,
            self.user_file,
            self.reader,
            person=person,
        )


@dataclass(frozen=True, slots=True)
class EffectiveSettings:
    """Every setting's winning value, plus each layer's valid values for ``config show``."""

    resolved: Mapping[str, Resolved]
    by_layer: Mapping[Layer, Mapping[str, SettingValue]]
    user_file: Path | None
    reader: str
    layers: Layers | None = None
    #: Where the person's choices were read (``config show`` says so).
    person_origin: str = ""
    #: The services list before ``checks.watch`` picked from it (the dialog offers it).
    listed: tuple[ServiceConfig, ...] = ()
    #: The person's file these were resolved with (``load_effective``), to save into.
    person_path: Path | None = None
    #: The person's per-service choices as read ("Watch only these…").
    person_components: Mapping[str, tuple[str, ...]] = dataclasses.field(
        default_factory=lambda: MappingProxyType({})
    )

    def value(self, name: str) -> SettingValue:
        return self.resolved[name].value

    def with_person(self, person: PersonLayer) -> EffectiveSettings:
        """The same layers with the person's choices as given (after the dialog saved)."""
        assert self.layers is not None, "resolved without its layers"
        return dataclasses.replace(self.layers.resolve(person), person_path=self.person_path)

    def locked(self) -> frozenset[str]:
        """The settings IT policy locked (dotted names): the dialog shows them read-only."""
        return frozenset(name for name, r in self.resolved.items() if r.locked)

    def services(self) -> tuple[ServiceConfig, ...]:
        keys, tenant = self.value("relay.public_keys"), self.value("relay.tenant_id")
        return with_relay_defaults(
            service_list(self.value(SERVICES)),
            tuple(str(k) for k in keys) if isinstance(keys, tuple) else (),
            tenant if isinstance(tenant, str) else "",
        )

    def _fleet(self) -> FleetReportConfig:
        url, site, token = (self.value(f"fleet.{k}") for k in ("report_url", "site", "token"))
        return FleetReportConfig(
            report_url=url if isinstance(url, str) else "",
            site=site.strip().casefold() if isinstance(site, str) else "",
            token=token.strip() if isinstance(token, str) else "",
        )

    def config(self) -> Config:
        return Config(
            services=self.services(),
            path=self.user_file,
            continuity_section=self._continuity(),
            network=sections.network(
                self._section("network.", sections.NETWORK_KEYS), _log_problem
            ),
            fleet=self._fleet(),
            notifications=sections.notifications(
                self._section("notifications.", sections.NOTIFICATION_KEYS), _log_problem
            ),
            show_count=self.value("tray.show_count") is not False,
        )

    def _section(self, prefix: str, keys: tuple[str, ...]) -> dict[str, object]:
        """The resolved values under ``prefix`` that ``keys`` names, as a TOML table would be."""
        return {
            name.removeprefix(prefix): _plain(resolved.value)
            for name, resolved in self.resolved.items()
            if name.startswith(prefix)
            and name.removeprefix(prefix) in keys
            and resolved.value not in ("", None)
        }

    def _continuity(self) -> ContinuityConfig | None:
        """The continuity section, built from the resolved values of every layer.

        The settings table checks each value's type; the continuity parser checks
        how they fit together (trigger ids exist, instructions are well formed).
        A mismatch there falls back to "off" with a log line: continuity must
        never stop the app. ``None`` when no layer set any of it (the defaults are
        "off"): then its modules need not load at all.
        """
        prefix = "continuity."
        if all(
            resolved.source is Layer.DEFAULT
            for name, resolved in self.resolved.items()
            if name.startswith(prefix)
        ):
            return None
        from traymon.continuity.config import parse_continuity

        raw = {
            name.removeprefix(prefix): _plain(resolved.value)
            for name, resolved in self.resolved.items()
            if name.startswith(prefix) and resolved.value not in ("", None)
        }
        continuity, problems = parse_continuity(raw, "", [s.id for s in self.services()])
        for problem in problems:
            consequence = "" if problem.harmless else "; mail continuity stays off"
            log.warning("%s: %s%s", problem.key, problem.message, consequence)
        return continuity


def _log_problem(key: str, message: str) -> None:
    # Each value was checked against the settings table already; this only
    # catches what fits there but not here, and must never stop the app.
    log.warning("%s: %s; the default is used", key, message)


def _plain(value: object) -> object:
    """Tuples and read-only mappings as the lists and dicts a TOML parser would give."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def service_list(value: SettingValue) -> tuple[ServiceConfig, ...]:
    """The services in a ``services`` setting's value (typed for the checker)."""
    if isinstance(value, tuple):
        return tuple(s for s in value if isinstance(s, ServiceConfig))
    return ()


def user_layer_file(explicit: Path | None = None) -> Path | None:
    """The user's file: ``--config``, ``$TRAYMON_CONFIG``, the user's config file, or none."""
    if explicit is not None:
        return explicit
    if from_env := os.environ.get(ENV_CONFIG):
        return Path(from_env)
    path = user_config_file()
    return path if path.is_file() else None


def load_effective(
    reader: SettingsReader, explicit: Path | None = None, person: PersonFile | None = None
) -> EffectiveSettings:
    """Read every layer and resolve them; ``ConfigError`` only for the user's own file.

    ``person``: where the person's choices are (by default next to the user's file).
    """
    user_file = user_layer_file(explicit)
    if user_file is None:
        user = LayerValues.empty("(no user file)")
    else:
        read = read_toml_layer(user_file)
        if read is None:
            raise ConfigError([ConfigProblem(user_file, "the file does not exist")])
        user = read
    layers = Layers(
        builtin_services(),
        reader.machine_defaults(),
        user,
        reader.policy(),
        user_file,
        reader.describe(),
    )
    person = person or PersonFile()
    return dataclasses.replace(layers.resolve(person.read()), person_path=person.path)


def builtin_services(path: Path | None = None) -> tuple[ServiceConfig, ...]:
    """The shipped service list (the defaults layer's ``services``); ``path``: another copy."""
    path = path if path is not None else default_services_file()
    try:
        text = read_settings_text(path)
        data = load_toml(text, path)
    except (OSError, UnicodeDecodeError) as exc:  # a damaged installation: say which file
        why = getattr(exc, "strerror", None) or "it is not UTF-8 text"
        raise ConfigError([ConfigProblem(path, f"cannot be read ({why})")]) from None
    except TomlLayerError as exc:
        raise ConfigError([exc.problem]) from None
    services, problems = parse_services(data.get(SERVICES), path, text)
    if problems:  # a defect in the shipped file, caught by the tests
        raise ConfigError(problems)
    return services


def resolve(
    defaults_services: tuple[ServiceConfig, ...],
    machine: LayerValues,
    user: LayerValues,
    policy: LayerValues,
    user_file: Path | None = None,
    reader: str = "",
    *,
    person: PersonLayer | None = None,
) -> EffectiveSettings:
    """Resolve the layers; raises ``ConfigError`` when the user's file has mistakes."""
    person = person or PersonLayer.empty()
    for problem in (*machine.problems, *person.values.problems, *policy.problems):
        log.warning("%s; ignored", problem)
    allow_http = _plain_http_allowed(machine, user, policy)
    machine_values = _valid(machine, Layer.MACHINE, allow_http)
    policy_values = _valid(policy, Layer.POLICY, allow_http)
    person_values = _valid(person.values, Layer.PERSON, allow_http)
    user_problems = list(user.problems)
    user_values = _valid(user, Layer.USER, allow_http, user_problems)
    if user_problems:
        raise ConfigError(user_problems)

    layers: tuple[tuple[Layer, _Valid], ...] = (
        (Layer.MACHINE, machine_values),
        (Layer.USER, user_values),
        (Layer.PERSON, person_values),
        (Layer.POLICY, policy_values),
    )
    resolved: dict[str, Resolved] = {}
    # The services list last: whether the user's list counts depends on another setting.
    for setting in sorted(SETTINGS, key=lambda s: s.name == SERVICES):
        default: SettingValue = defaults_services if setting.name == SERVICES else setting.default
        resolved[setting.name] = _winner(setting.name, default, layers, resolved)

    resolved[SERVICES] = _services_with_policy(resolved, user_values)
    listed = service_list(resolved[SERVICES].value)
    resolved[SERVICES] = _watched(resolved[SERVICES], resolved[WATCH])
    floor = resolved[MIN_INTERVAL]
    resolved[INTERVAL] = _at_least(resolved[INTERVAL], floor)
    resolved[SERVICES] = _intervals(resolved[SERVICES], resolved[INTERVAL], person)
    resolved[SERVICES] = _clamp_intervals(resolved[SERVICES], floor)
    resolved = {s.name: resolved[s.name] for s in SETTINGS}  # declaration order for people
    by_layer = {
        Layer.DEFAULT: {s.name: s.default for s in SETTINGS} | {SERVICES: defaults_services},
        Layer.MACHINE: {k: v for k, (v, _) in machine_values.items()},
        Layer.USER: {k: v for k, (v, _) in user_values.items()},
        Layer.PERSON: {k: v for k, (v, _) in person_values.items()},
        Layer.POLICY: {k: v for k, (v, _) in policy_values.items()},
    }
    layers_read = Layers(defaults_services, machine, user, policy, user_file, reader)
    origin = person.values.origin
    return EffectiveSettings(
        resolved, by_layer, user_file, reader, layers_read, origin, listed,
        person_components=person.components(),
    )  # fmt: skip


WATCH = "checks.watch"
INTERVAL = "checks.interval"
MIN_INTERVAL = "checks.min_interval"


_Valid = dict[str, tuple[SettingValue, str]]


def _winner(
    name: str,
    default: SettingValue,
    layers: tuple[tuple[Layer, _Valid], ...],
    resolved: Mapping[str, Resolved],
) -> Resolved:
    """The highest layer's value for one setting; policy's is locked."""
    policy_sets_it = name in dict(layers)[Layer.POLICY]
    current = Resolved(default, Layer.DEFAULT, False)
    for source, values in layers:
        if name not in values:
            continue
        value, location = values[name]
        if source in (Layer.USER, Layer.PERSON) and name != SERVICES and policy_sets_it:
            log.info("%s: %s is set by policy; the %s's value is ignored", location, name,
                     source.value)  # fmt: skip
            continue
        if source is Layer.USER and name == SERVICES and not _user_services_allowed(resolved):
            log.info(
                "%s: the user's services are ignored: checks.allow_user_services is off", location
            )
            continue
        current = Resolved(value, source, source is Layer.POLICY, location)
    return current


def _plain_http_allowed(*layers: LayerValues) -> bool:
    """``network.allow_plain_http`` first: whether ``http://`` URLs are valid depends on it."""
    allowed = BY_NAME[ALLOW_PLAIN_HTTP].default is True
    for layer in layers:  # lowest first, so policy wins
        raw = layer.values.get(ALLOW_PLAIN_HTTP)
        if raw is not None and isinstance(raw.value, bool):
            allowed = raw.value
    return allowed


def _valid(
    layer: LayerValues,
    source: Layer,
    allow_http: bool,
    problems: list[ConfigProblem] | None = None,
) -> _Valid:
    """The values of ``layer`` that pass their checks; the others are logged (or collected)."""
    valid: _Valid = {}
    for name, raw in layer.values.items():
        setting = BY_NAME[name]
        if source is Layer.POLICY and not setting.policy:
            log.warning("%s: %s cannot be set by policy; ignored", raw.location, name)
            continue
        if source is Layer.PERSON and name not in PERSON_SETTINGS:
            log.warning("%s: %s is not a person's choice; ignored", raw.location, name)
            continue
        value, found = coerce(setting, raw, allow_http)
        if value is None:
            if problems is not None:
                problems.extend(found)
            else:
                for problem in found:
                    log.warning(
                        "%s; ignored, %s keeps the value from the layer below", problem, name
                    )
            continue
        valid[name] = (value, raw.location)
    return valid


def _user_services_allowed(resolved: Mapping[str, Resolved]) -> bool:
    return resolved["checks.allow_user_services"].value is True


def _services_with_policy(resolved: Mapping[str, Resolved], user_values: _Valid) -> Resolved:
    """Policy's list, plus the user's own services where policy allows them."""
    current = resolved[SERVICES]
    if current.source is not Layer.POLICY or SERVICES not in user_values:
        return current
    if not _user_services_allowed(resolved):
        return current
    policy_services = service_list(current.value)
    taken = {s.id for s in policy_services}
    user_services, location = user_values[SERVICES]
    added = []
    for service in service_list(user_services):
        if service.id in taken:
            log.info(
                "%s: service %r is set by policy; the user's entry is ignored", location, service.id
            )
        else:
            added.append(service)
    return dataclasses.replace(current, value=(*policy_services, *added))


def _watched(services: Resolved, watch: Resolved) -> Resolved:
    """The services ``checks.watch`` names, from the list and the catalogue, in its order.

    Unset or empty, the list stands. A person's (or the user's) choice does not override a list
    that policy set: IT's list is locked unless IT sets the choice too.
    """
    if watch.source is Layer.DEFAULT or not _strings(watch.value):
        return services
    if services.locked and watch.source is not Layer.POLICY:
        log.info("%s: checks.watch is ignored: policy sets the services", watch.location)
        return services
    listed = {s.id: s for s in service_list(services.value)}
    chosen: list[ServiceConfig] = []
    for service_id in _strings(watch.value):
        service = listed.get(service_id) or _from_catalogue(service_id)
        if service is None:
            log.info("%s: no service or catalogue entry %r; left out", watch.location, service_id)
        elif service.id not in {s.id for s in chosen}:
            chosen.append(service)
    # IT's choice (policy's checks.watch) locks the list it picked, as IT's list would.
    return Resolved(tuple(chosen), watch.source, services.locked or watch.locked, watch.location)


def _from_catalogue(service_id: str) -> ServiceConfig | None:
    """A catalogue entry as a service (read only when a choice names one not listed)."""
    services, problems = parse_services([{"use": service_id}], "catalogue")
    return services[0] if services and not problems else None


def _at_least(interval: Resolved, floor: Resolved) -> Resolved:
    """``checks.interval`` as it runs: never below IT's floor, whoever chose it."""
    value, minimum = interval.value, floor.value
    assert isinstance(value, int) and isinstance(minimum, int)
    return dataclasses.replace(interval, value=max(value, minimum))


def _intervals(services: Resolved, interval: Resolved, person: PersonLayer) -> Resolved:
    """``checks.interval`` for every service when a layer set it; then the person's own
    choice per service (``[service."<id>"] interval``), which is the more specific; and
    their "Watch only these…" (``components``), unless policy sets the list (IT's stand)."""
    common = interval.value if interval.source is not Layer.DEFAULT else None
    assert common is None or isinstance(common, int)
    listed = []
    for service in service_list(services.value):
        chosen = person.service_interval(service.id)
        seconds = chosen[0] if chosen else common
        if seconds is not None:
            service = dataclasses.replace(service, interval=seconds)
        components = person.service_components(service.id)
        if components is not None and not services.locked and _takes_components(service):
            options = MappingProxyType({**service.options, COMPONENTS.name: components})
            service = dataclasses.replace(service, options=options)
        listed.append(service)
    return dataclasses.replace(services, value=tuple(listed))


def _takes_components(service: ServiceConfig) -> bool:
    from traymon.sources.kinds import SOURCES  # only when a person chose components

    source = SOURCES.get(service.kind)
    return source is not None and COMPONENTS.name in source.options


def _clamp_intervals(services: Resolved, minimum: Resolved) -> Resolved:
    floor = minimum.value
    assert isinstance(floor, int)
    listed = service_list(services.value)
    raised = [s.id for s in listed if s.interval < floor]
    if raised:
        log.info(
            "checked every %d s, the minimum interval (%s), not more often: %s",
            floor,
            minimum.location or "built in",
            ", ".join(raised),
        )
    clamped = tuple(dataclasses.replace(s, interval=max(s.interval, floor)) for s in listed)
    return dataclasses.replace(services, value=clamped)


def check_layer_file(path: Path) -> list[ConfigProblem]:
    """Every problem in a TOML layer file (user file, defaults.toml or policy.toml)."""
    layer = read_toml_layer(path)
    if layer is None:
        return [ConfigProblem(path, "the file does not exist")]
    return check_layer(layer)


def check_layer(layer: LayerValues) -> list[ConfigProblem]:
    """Every problem in one layer as read, whatever the format.

    Beyond each value's own check: how the continuity values fit together (trigger
    ids that exist, links the instructions can open) and whether the CA files exist
    and are PEM, so that "no problems found" means nothing will go wrong later.
    """
    problems = list(layer.problems)
    allow_http = _plain_http_allowed(layer)
    valid: dict[str, tuple[SettingValue, RawValue]] = {}
    for name, raw in layer.values.items():
        value, found = coerce(BY_NAME[name], raw, allow_http)
        problems.extend(found)
        if value is not None:
            valid[name] = (value, raw)
    problems += _continuity_problems(valid)
    problems += _ca_file_problems(valid.get(CA_FILES))
    return sorted(problems, key=lambda p: (p.line or 0, p.key or ""))


CA_FILES = "network.extra_ca_certificates"


def _continuity_problems(valid: Mapping[str, tuple[SettingValue, RawValue]]) -> list[ConfigProblem]:
    """What ``parse_continuity`` finds in the layer's continuity values that passed their checks."""
    prefix = "continuity."
    section = {n.removeprefix(prefix): v for n, v in valid.items() if n.startswith(prefix)}
    if not section:
        return []
    # Empty means "not set", as when the layers are resolved.
    raw = {k: _plain(v) for k, (v, _) in section.items() if v not in ("", None)}
    first = next(iter(section.values()))[1]
    # The layer's own services when it lists them; otherwise the ones it would run with.
    services = valid[SERVICES][0] if SERVICES in valid else builtin_services()
    from traymon.continuity.config import parse_continuity

    _, found = parse_continuity(raw, first.text, [s.id for s in service_list(services)])
    return [
        ConfigProblem(first.file, p.message, p.key, p.line)
        for p in found
        # A mode without triggers may rely on another layer's triggers: not this file's mistake.
        if re.split(r"[.\[]", p.key.removeprefix(prefix))[0] in raw
    ]


def _ca_file_problems(entry: tuple[SettingValue, RawValue] | None) -> list[ConfigProblem]:
    if entry is None:
        return []
    paths, raw = entry
    problems = []
    for index, path in enumerate(_strings(paths), start=1):
        if not Path(path).is_absolute():
            continue  # written for another operating system (C:\ on a Mac): cannot tell here
        if why := ca_file_problem(path):
            message = f"entry {index} ({path}) {why}"
            problems.append(ConfigProblem(raw.file, message, CA_FILES, raw.line))
    return problems


def _strings(value: SettingValue) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()
