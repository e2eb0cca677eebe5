"""Typed configuration errors that know where in which file the problem is."""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with a config file, precise enough for a person to fix it."""

    file: Path | str
    message: str
    key: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            return f"{where}: {self.key}: {self.message}"
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """The configuration cannot be used. Carries every problem found, not just the first."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# tomllib ends each message with "(at line 3, column 10)" or "(at end of document)".
_TOML_WHERE_RE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
_TOML_CHAR_RE = re.compile(r"^(Illegal character|Found invalid character) (.+)$")
_TOML_NAMED_RE = re.compile(
    r"^(Cannot declare|Cannot mutate immutable namespace|"
    r"Cannot redefine namespace|Duplicate inline table key) (.+?)( twice)?$"
)

#: tomllib's messages as sentences for the person who edits the file.
_TOML_WORDS = {
    "Unterminated string": "a string is not closed (its closing quote is missing)",
    "Invalid statement": "this line is neither key = value nor a [table] header",
    "Expected newline or end of document after a statement": (
        "there is more on the line after the value (write one key = value per line)"
    ),
    "Expected '=' after a key in a key/value pair": "a key must be followed by = and a value",
    "Cannot overwrite a value": "a key is set twice",
    "Expected ']' at the end of a table declaration": "a [table] header is missing its ]",
    "Expected ']]' at the end of an array declaration": "a [[table]] header is missing its ]]",
    "Invalid initial character for a key part": (
        "a key starts with a character keys cannot have (use letters, digits, _ and -, "
        "or put the key in quotes)"
    ),
    "Unclosed array": "a list [ … ] is not closed (a ] or a comma is missing)",
    "Unclosed inline table": "a table { … } is not closed (a } or a comma is missing)",
    "Unescaped '\\' in a string": (
        "a backslash in a string starts no valid escape (write \\\\ for a backslash, "
        "or use 'single quotes')"
    ),
    "Invalid hex value": "a \\u escape in a string is not a valid character code",
    "Escaped character is not a Unicode scalar value": (
        "a \\u escape in a string is not a valid character"
    ),
    "Invalid date or datetime": "a date or time is not valid",
    "Invalid value": (
        'the value is not valid (text needs quotes, like "this"; true, false and numbers do not)'
    ),
}


def toml_syntax_problem(
    exc: tomllib.TOMLDecodeError, file: Path | str, text: str = ""
) -> ConfigProblem:
    """A TOML syntax error as a sentence with its line, without the parser's jargon."""
    raw = str(exc)
    where = _TOML_WHERE_RE.search(raw)
    line: int | None = None
    column = ""
    if where and where.group(1):
        line = int(where.group(1))
        column = f", column {where.group(2)}"
    elif where and text:
        line = max(1, len(text.splitlines()))  # "end of document": the last line
    message = _TOML_WHERE_RE.sub("", raw).strip(" .")
    return ConfigProblem(file, f"not valid TOML{column}: {_toml_words(message)}", line=line)


def _toml_words(message: str) -> str:
    if message in _TOML_WORDS:
        return _TOML_WORDS[message]
    if found := _TOML_CHAR_RE.match(message):
        char = _unquote(found.group(2))
        if char == "\n":
            return "a string is not closed before the end of the line; add its closing quote"
        return f"{_character(char)} is not allowed here"
    if found := _TOML_NAMED_RE.match(message):
        name = _key_name(found.group(2))
        verb = found.group(1)
        if verb == "Duplicate inline table key":
            return f"the key {name} appears twice in one {{ … }} table"
        if verb == "Cannot declare":
            return f"the table [{name}] is declared twice"
        return f"{name} is already set and cannot be extended here"
    if message.startswith("Expected "):  # tomllib says this only of a string's closing quotes
        return f"a string is not closed (its closing {_unquote(message[9:])} is missing)"
    return message[:1].lower() + message[1:]


def _unquote(text: str) -> str:
    """``'\\n'`` as tomllib writes it (``repr``) back to the character itself."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, RecursionError):
            return text
        return value if isinstance(value, str) else text
    return text


def _key_name(text: str) -> str:
    """``('a', 'b')`` (tomllib writes keys as tuples) as the dotted ``a.b`` of the file."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return _unquote(text)
    if isinstance(value, tuple):
        return ".".join(str(part) for part in value)
    return str(value)


def _character(char: str) -> str:
    """A character in words: the end of the line, a tab, U+0000, or the character in quotes."""
    named = {"\n": "the end of the line", "\r": "a carriage return", "\t": "a tab"}
    if char in named:
        return named[char]
    if len(char) == 1 and (not char.isprintable() or char.isspace()):
        return f"the invisible character U+{ord(char):04X}"
    return f"'{char}'"
