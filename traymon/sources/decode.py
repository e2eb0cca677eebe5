"""Defensive helpers that turn untrusted payload pieces into typed values, never raising."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from typing import Any

#: Longer integers are read as floats. No status field holds a number this long, and
#: Python refuses to convert an int of more than 4,300 digits (CVE-2020-10735) with a
#: ValueError; below that, int() is quadratic in the digits, so the cap is well under it.
MAX_INT_DIGITS = 640

# A tag is ``<`` up to the next ``>`` with neither bracket in between: a pattern that
# cannot backtrack, so a flood of ``<`` costs one pass (``<[^>]+>`` rescanned the rest
# of the text for each ``<`` that never closes: quadratic).
_TAG = re.compile(r"<[^<>]*>")


class JsonError(ValueError):
    """The body is not JSON this app can read; the message says why, in words."""


def load_json(body: bytes) -> Any:
    """Decode a body as JSON (UTF-8, UTF-16 or UTF-32, with or without a BOM)."""
    if not body.strip():
        raise JsonError("the answer was empty")
    try:
        # json.loads detects UTF-16/32 from the first bytes; a UTF-8 BOM it refuses.
        return json.loads(body.removeprefix(b"\xef\xbb\xbf"), parse_int=_int)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JsonError(f"the answer is not JSON ({_first_line(exc)})") from None
    except RecursionError:
        raise JsonError("the answer is not JSON this app can read (nested too deeply)") from None
    except ValueError as exc:  # anything else the decoder refuses: still a sentence
        raise JsonError(f"the answer is not JSON this app can read ({_first_line(exc)})") from None


def _int(text: str) -> int | float:
    """A JSON integer; one of absurd length becomes a float (``inf`` beyond 1.8e308)."""
    return int(text) if len(text) <= MAX_INT_DIGITS else float(text)


def plain_text(markup: str) -> str:
    """HTML as one line of text: tags dropped, entities decoded, spaces collapsed (linear)."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def as_str(value: object) -> str | None:
    """``value`` if it is a non-empty string, else ``None``."""
    return value if isinstance(value, str) and value else None


def as_list(value: object) -> list[Any]:
    """``value`` if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (UTC when it names no zone), or ``None``."""
    text = as_str(value)
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
