"""Check one raw value from one layer against its declared setting.

Raw values arrive as TOML, plist or registry data (already turned into Python
values by the reader). ``coerce`` never raises: it returns the typed value, or
``None`` with the problems, each naming the file, line and key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from types import MappingProxyType
from urllib.parse import urlsplit

from traymon.config.errors import ConfigProblem
from traymon.config.loader import parse_services
from traymon.config.settings import Setting, SettingType, SettingValue
from traymon.config.url_check import control_character_problem, url_problem
from traymon.sources.options import describe_value

_TIME_RANGE_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True, slots=True)
class RawValue:
    """A value as one layer states it, and where: enough for a person to find it."""

    value: object
    file: str
    line: int | None = None
    #: The whole file's text (TOML layers), so a service's problems can name their lines.
    text: str = ""

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


def coerce(
    setting: Setting, raw: RawValue, allow_plain_http: bool = False
) -> tuple[SettingValue | None, list[ConfigProblem]]:
    """The typed value of ``raw`` for ``setting``, or ``None`` and why not."""
    if setting.type is SettingType.SERVICES:
        services, service_problems = parse_services(raw.value, raw.file, raw.text, allow_plain_http)
        if service_problems:
            return None, service_problems
        return services, []
    message = _problem(setting, raw.value, allow_plain_http or setting.plain_http_ok)
    if message is not None:
        return None, [ConfigProblem(raw.file, message, setting.name, raw.line)]
    value = raw.value
    if setting.type is SettingType.TABLE:
        assert isinstance(value, dict)
        return MappingProxyType({k: v.strip() for k, v in value.items()}), []
    if setting.type is SettingType.TABLE_LIST:
        assert isinstance(value, list | tuple)
        return tuple(value), []
    if isinstance(value, list | tuple):
        return tuple(str(item).strip() for item in value), []
    if isinstance(value, str):
        return value.strip(), []
    assert isinstance(value, bool | int)
    return value, []


def _problem(setting: Setting, value: object, allow_plain_http: bool) -> str | None:
    kind = setting.type
    if kind is SettingType.BOOL:
        return (
            None
            if isinstance(value, bool)
            else f"must be true or false (got {describe_value(value)})"
        )
    if kind is SettingType.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number (got {describe_value(value)})"
        if setting.minimum is not None and value < setting.minimum:
            return f"must be at least {setting.minimum} (got {value})"
        if setting.maximum is not None and value > setting.maximum:
            return f"must be at most {setting.maximum} (got {value})"
        return None
    if not isinstance(value, str) and kind in _TEXT_TYPES:
        return f"must be text (got {describe_value(value)})"
    if kind is SettingType.CHOICE:
        assert isinstance(value, str)
        if value.strip() not in setting.choices:
            return f"must be one of {', '.join(setting.choices)} (got {value!r})"
    if kind is SettingType.TIME_RANGE:
        assert isinstance(value, str)
        if value.strip() and not _TIME_RANGE_RE.match(value.strip()):
            return f'must be times like "22:00-07:00" (24-hour clock), or empty (got {value!r})'
    if kind is SettingType.URL:
        assert isinstance(value, str)
        if value.strip() and (reason := url_problem(value.strip(), allow_plain_http)):
            return reason
    if kind is SettingType.TABLE and not _is_text_table(value):
        return f"must be a table of text values (got {describe_value(value)})"
    if kind is SettingType.TABLE_LIST and not (
        isinstance(value, list | tuple) and all(isinstance(v, dict) for v in value)
    ):
        # Only the shape: the section's own parser checks each table's keys.
        return f"must be a list of tables (got {describe_value(value)})"
    if kind is SettingType.SECRET_NAME:
        assert isinstance(value, str)
        if value.strip() and not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", value.strip()):
            return "must be a secret's name (letters, digits, '.', '_' and '-'), not the secret"
    if kind is SettingType.PROXY_URL:
        assert isinstance(value, str)
        return _proxy_problem(value.strip())
    if kind in _LIST_TYPES:
        return _list_problem(kind, value, allow_plain_http)
    return None


_TEXT_TYPES = (
    SettingType.STRING,
    SettingType.CHOICE,
    SettingType.TIME_RANGE,
    SettingType.URL,
    SettingType.SECRET_NAME,
    SettingType.PROXY_URL,
)
_LIST_TYPES = (SettingType.STRING_LIST, SettingType.URL_LIST, SettingType.PATH_LIST)


def _list_problem(kind: SettingType, value: object, allow_plain_http: bool) -> str | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return f"must be a list of text values (got {describe_value(value)})"
    for index, item in enumerate(value):
        if kind is SettingType.URL_LIST and (reason := url_problem(item.strip(), allow_plain_http)):
            return f"entry {index + 1} {reason}"
        if kind is SettingType.PATH_LIST and not _is_absolute(item.strip()):
            return f"entry {index + 1} must be a full path to a file (got {item!r})"
    return None


def _is_text_table(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _proxy_problem(text: str) -> str | None:
    if not text:
        return None
    if reason := control_character_problem(text):
        return reason
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"is not a valid proxy address ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"must be a proxy address like http://proxy.example:8080 (got {text!r})"
    if parts.password is not None:
        # Deliberately not echoing the value: it holds a password.
        return (
            "must not contain a password; set network.proxy_username and keep the password "
            "in the keyring (network.proxy_password_secret, `traymon secret set NAME`)"
        )
    return None


def _is_absolute(text: str) -> bool:
    # Policy files are written on one OS and read on another; accept either form.
    paths: tuple[PurePath, ...] = (PurePosixPath(text), PureWindowsPath(text))
    return any(p.is_absolute() for p in paths)


@dataclass(frozen=True, slots=True)
class LayerValues:
    """What one layer (machine defaults, the user's file, policy) sets, before checking.

    ``problems`` are about the layer as a whole or keys it cannot have (a file that is
    not TOML, an unknown key); each value is checked later, one by one, by ``coerce``.
    """

    origin: str
    values: dict[str, RawValue]
    problems: tuple[ConfigProblem, ...] = ()

    @classmethod
    def empty(cls, origin: str) -> LayerValues:
        return cls(origin, {})
