"""Defensive helpers that turn untrusted payload pieces into typed values, never raising."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


class JsonError(ValueError):
    """The body is not JSON this app can read; the message says why, in words."""


def load_json(body: bytes) -> Any:
    """Decode a body as JSON (UTF-8, UTF-16 or UTF-32, with or without a BOM)."""
    if not body.strip():
        raise JsonError("the answer was empty")
    try:
        # json.loads detects UTF-16/32 from the first bytes; a UTF-8 BOM it refuses.
        return json.loads(body.removeprefix(b"\xef\xbb\xbf"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JsonError(f"the answer is not JSON ({_first_line(exc)})") from None
    except RecursionError:
        raise JsonError("the answer is not JSON this app can read (nested too deeply)") from None


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
