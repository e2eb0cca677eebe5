"""Conditions in the style of Gatus (``[STATUS] == 200``, ``[BODY].status == UP``,
``[RESPONSE_TIME] < 500``), parsed once when the config is read and evaluated purely.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_CONDITION = re.compile(r"^\s*(\[[A-Z_]+\][^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.*?)\s*$")
_PATH_PART = re.compile(r"\.([^.\[\]]+)|\[([0-9]{1,9})\]")
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_MISSING = object()
# Written integers are compared as ints (exact); longer ones as floats (config text, but
# int() of thousands of digits is slow, and Python refuses more than 4,300 of them).
_INTEGER = re.compile(r"[+-]?[0-9]{1,640}")


@dataclass(frozen=True, slots=True)
class Condition:
    text: str
    subject: str  # STATUS, RESPONSE_TIME or BODY
    path: tuple[str | int, ...]
    op: str
    expected: str

    def holds(self, status_code: int, body: object, elapsed_ms: int) -> bool:
        if self.subject == "STATUS":
            actual: object = status_code
        elif self.subject == "RESPONSE_TIME":
            actual = elapsed_ms
        else:
            actual = _walk(body, self.path)
        if actual is _MISSING:
            return False
        return _compare(actual, self.op, self.expected)


def parse_condition(text: str) -> Condition:
    """Read one condition or raise ``ValueError`` with a sentence."""
    match = _CONDITION.match(text)
    if match is None:
        raise ValueError(
            f'{text!r} is not a condition like "[STATUS] == 200" or "[BODY].status == UP"'
        )
    left, op, expected = match.groups()
    subject, _, rest = left[1:].partition("]")
    if subject not in ("STATUS", "RESPONSE_TIME", "BODY"):
        raise ValueError(
            f"{text!r}: unknown placeholder [{subject}]; use [STATUS], [RESPONSE_TIME] or [BODY]"
        )
    if subject != "BODY" and rest:
        raise ValueError(f"{text!r}: only [BODY] takes a path")
    path: list[str | int] = []
    position = 0
    for part in _PATH_PART.finditer(rest):
        if part.start() != position:
            break
        path.append(part.group(1) if part.group(1) is not None else int(part.group(2)))
        position = part.end()
    if position != len(rest):
        raise ValueError(f"{text!r}: cannot read the path {rest!r} (use .key and [index])")
    if subject != "BODY" and not _is_number(expected):
        raise ValueError(f"{text!r}: [{subject}] compares with a number")
    return Condition(text.strip(), subject, tuple(path), op, expected.strip('"'))


def _walk(body: object, path: tuple[str | int, ...]) -> object:
    current = body
    for step in path:
        if isinstance(step, int):
            if not isinstance(current, list) or not -len(current) <= step < len(current):
                return _MISSING
            current = current[step]
        elif isinstance(current, dict) and step in current:
            current = current[step]
        else:
            return _MISSING
    return current


def _compare(actual: object, op: str, expected: str) -> bool:
    compare = _OPERATORS[op]
    wanted = _number(expected)
    if isinstance(actual, int | float) and not isinstance(actual, bool) and wanted is not None:
        # Python compares an int with a float exactly and without converting either:
        # float(actual) overflowed on an integer beyond 1.8e308 from an untrusted body.
        return compare(actual, wanted)
    if op not in ("==", "!="):
        return False  # ordering only makes sense between numbers
    if isinstance(actual, bool):
        return compare("true" if actual else "false", expected.lower())
    if isinstance(actual, dict | list):
        return op == "!="  # a table or a list is never equal to one written value
    return compare("null" if actual is None else str(actual), expected)


def _number(text: str) -> int | float | None:
    """The number ``text`` writes (an int when it is one, so big ones stay exact), or None."""
    text = text.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return None


def _is_number(text: str) -> bool:
    return _number(text) is not None
