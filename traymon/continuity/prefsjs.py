"""Read and edit Thunderbird's ``prefs.js`` without disturbing anything else in it.

Gecko writes one ``user_pref("name", value);`` per line. Editing keeps every other
line byte for byte (comments, order, line endings); a changed pref is rewritten in
place, a new one is appended, a removed one is dropped. Lines that do not look like
a pref are kept as they are and ignored, so an odd file is never made worse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PrefValue = str | int | bool

_PREF_LINE = re.compile(
    r'^\s*user_pref\(\s*"(?P<name>(?:[^"\\]|\\.)*)"\s*,\s*(?P<value>.*?)\s*\)\s*;\s*$'
)
_STRING = re.compile(r'^"(?P<body>(?:[^"\\]|\\.)*)"$')
_INT = re.compile(r"^-?\d+$")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "'": "'"}


class PrefsError(ValueError):
    """The file is not text Traymon can edit safely."""


@dataclass(frozen=True, slots=True)
class _Line:
    text: str  # the line as it is in the file, including its line ending
    name: str | None  # the pref it defines, if any
    value: PrefValue | None


class PrefsFile:
    """A parsed ``prefs.js`` (or ``user.js``) that can be edited and written back."""

    def __init__(self, data: bytes) -> None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PrefsError(f"it is not UTF-8 text (byte {exc.start})") from None
        # Only CR and LF end a line (str.splitlines would also split at U+2028 and
        # friends, which may sit inside a pref's string value).
        self._lines = [_parse_line(line) for line in _LINES.findall(text)]

    def get(self, name: str) -> PrefValue | None:
        """The value Gecko would load: the last definition wins."""
        for line in reversed(self._lines):
            if line.name == name:
                return line.value
        return None

    def names(self) -> list[str]:
        return [line.name for line in self._lines if line.name is not None]

    def set(self, name: str, value: PrefValue) -> None:
        new_text = f"user_pref({_quote(name)}, {_literal(value)});"
        for index in range(len(self._lines) - 1, -1, -1):
            old = self._lines[index]
            if old.name == name:
                ending = old.text[len(old.text.rstrip("\r\n")) :]
                self._lines[index] = _Line(new_text + ending, name, value)
                return
        ending = self._line_ending()
        if self._lines and not self._lines[-1].text.endswith(("\n", "\r")):
            last = self._lines[-1]
            self._lines[-1] = _Line(last.text + ending, last.name, last.value)
        self._lines.append(_Line(new_text + ending, name, value))

    def remove(self, name: str) -> None:
        self._lines = [line for line in self._lines if line.name != name]

    def put(self, name: str, value: PrefValue | None) -> None:
        """Set ``name``, or remove it when ``value`` is ``None`` (absent)."""
        if value is None:
            self.remove(name)
        else:
            self.set(name, value)

    def to_bytes(self) -> bytes:
        return "".join(line.text for line in self._lines).encode("utf-8")

    def _line_ending(self) -> str:
        for line in self._lines:
            if line.text.endswith("\r\n"):
                return "\r\n"
            if line.text.endswith("\n"):
                return "\n"
        return "\n"


def _parse_line(text: str) -> _Line:
    match = _PREF_LINE.match(text.rstrip("\r\n"))
    if not match:
        return _Line(text, None, None)
    value = _parse_value(match.group("value"))
    if value is None:
        return _Line(text, None, None)
    return _Line(text, _unescape(match.group("name")), value)


def _parse_value(text: str) -> PrefValue | None:
    if text == "true":
        return True
    if text == "false":
        return False
    if _INT.match(text):
        return int(text)
    string = _STRING.match(text)
    if string:
        return _unescape(string.group("body"))
    return None


def _unescape(body: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES.get(code, code)

    return _ESCAPE.sub(one, body)


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def _literal(value: PrefValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _quote(value)
