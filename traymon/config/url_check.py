"""The URL check every setting uses: ``traymon.sources.urls.url_problem``, plus one line only.

Python's ``urlsplit`` silently drops tabs, carriage returns and line feeds (a
WHATWG rule), so ``"https://a.example/\\r\\nX: 1"`` passes a check on the parsed
parts while the text itself holds a line break: the address asked would not be
the one written, and a header-splitting attempt would go unnoticed. Settings refuse
any control character before the parts are looked at.
"""

from __future__ import annotations

from traymon.sources.urls import url_problem as _address_problem


def control_character_problem(text: str) -> str | None:
    """Why ``text`` is not one address on one line, or ``None``."""
    for char in text:
        if char in "\r\n":
            return "must be one address on one line: it contains a line break"
        if ord(char) < 0x20 or ord(char) == 0x7F:
            return (
                "must be one address on one line: it contains the invisible character "
                f"U+{ord(char):04X}"
            )
    return None


def url_problem(url: str, allow_plain_http: bool = False) -> str | None:
    """Why ``url`` may not be used, in words, or ``None`` when it is fine."""
    return control_character_problem(url) or _address_problem(url, allow_plain_http)
