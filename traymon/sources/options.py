"""Per-kind settings of a ``[[services]]`` entry (``products``, ``regions``, ``tenant_id``…).

Each source declares the options it understands once, with a checker; the config
loader uses the declaration to refuse unknown or ill-typed keys with the file, line
and key, exactly as it does for the common keys. Values reach the source already
converted (TOML arrays become tuples, so a ``ServiceConfig`` stays immutable).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

#: What an option may hold once checked.
OptionValue = str | int | float | bool | tuple[str, ...]

#: A checker returns the converted value, or raises ``ValueError`` with a sentence.
Checker = Callable[[object], OptionValue]


@dataclass(frozen=True, slots=True)
class Option:
    """One setting a source accepts."""

    name: str
    check: Checker
    help: str
    required: bool = False


def options_table(*options: Option) -> Mapping[str, Option]:
    return MappingProxyType({o.name: o for o in options})


NO_OPTIONS: Mapping[str, OptionValue] = MappingProxyType({})


def text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty string (got {describe_value(value)})")
    return value.strip()


def text_list(value: object) -> tuple[str, ...]:
    """A list of non-empty strings; one string alone is accepted as a list of one."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError(
            f'must be a list of strings, e.g. ["a", "b"] (got {describe_value(value)})'
        )
    items: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(
                f"must be a list of non-empty strings (got {describe_value(item)} in it)"
            )
        items.append(item.strip())
    return tuple(items)


def positive_number(value: object) -> float:
    """A finite number above 0 (TOML also writes ``inf`` and ``nan``: refused)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValueError(f"must be a number above 0 (got {describe_value(value)})")
    return float(value)


def number_up_to(most: float, unit: str, why: str) -> Checker:
    """A number above 0 and at most ``most``; ``why`` says what the bound protects."""

    def check(value: object) -> float:
        number = positive_number(value)  # non-numbers, 0, inf and nan: its own sentence
        if number > most:
            raise ValueError(
                f"must be at most {most:g} {unit} ({why}; got {describe_value(value)})"
            )
        return number

    return check


def one_of(*choices: str) -> Checker:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)} (got {describe_value(value)})")
        return value

    return check


def get_texts(options: Mapping[str, OptionValue], name: str) -> tuple[str, ...]:
    value = options.get(name, ())
    return value if isinstance(value, tuple) else ()


def get_text(options: Mapping[str, OptionValue], name: str, default: str) -> str:
    value = options.get(name, default)
    return value if isinstance(value, str) else default


def get_number(options: Mapping[str, OptionValue], name: str, default: float) -> float:
    value = options.get(name, default)
    return (
        float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default
    )


def describe_value(value: object) -> str:
    """A config value as a person wrote it, for messages: ``'x'``, ``true``, ``int 42``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return f"{type(value).__name__} {value!r}"
