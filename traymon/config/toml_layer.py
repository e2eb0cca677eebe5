"""Read a TOML layer (the user's file, Linux machine defaults and policy) into dotted names."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from traymon.config.errors import ConfigProblem, toml_syntax_problem
from traymon.config.settings import BY_NAME, SECTIONS
from traymon.config.values import LayerValues, RawValue
from traymon.settings_files import TOO_DEEP, nested_too_deeply, read_settings_text

_HEADER_RE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$")
_KEY_RE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def read_toml_layer(path: Path) -> LayerValues | None:
    """The layer in ``path``, or ``None`` when there is no such file."""
    try:
        text = read_settings_text(path)
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        return LayerValues(str(path), {}, (ConfigProblem(path, "the file is not UTF-8 text"),))
    except OSError as exc:
        problem = ConfigProblem(path, f"cannot be read ({exc.strerror})")
        return LayerValues(str(path), {}, (problem,))
    return parse_toml_layer(text, path)


def parse_toml_layer(text: str, path: Path, skip: tuple[str, ...] = ()) -> LayerValues:
    """Split TOML text into one raw value per declared setting; unknown keys are problems.

    ``skip``: top-level tables a caller reads itself (the person's per-service choices).
    """
    try:
        data = load_toml(text, path)
    except TomlLayerError as exc:
        return LayerValues(str(path), {}, (exc.problem,))

    lines = _KeyLines(text)
    values: dict[str, RawValue] = {}
    problems: list[ConfigProblem] = []
    top_level = (*SECTIONS, *(name for name in BY_NAME if "." not in name))
    for key, value in data.items():
        if key in skip:
            continue
        if key in BY_NAME:
            _add(values, problems, key, RawValue(value, str(path), lines.find("", key), text))
        elif key in SECTIONS and isinstance(value, dict):
            for sub, sub_value in value.items():
                name = f"{key}.{sub}"
                line = lines.find(key, sub)
                if name in BY_NAME:
                    _add(values, problems, name, RawValue(sub_value, str(path), line, text))
                else:
                    known = tuple(n for n in BY_NAME if n.startswith(key + "."))
                    problems.append(ConfigProblem(path, _unknown(name, known), name, line))
        elif key in SECTIONS:
            message = f"must be a [{key}] table"
            problems.append(ConfigProblem(path, message, key, lines.find("", key)))
        else:
            line = lines.find("", key) or lines.header(key)
            problems.append(ConfigProblem(path, _unknown(key, top_level), key, line))
    return LayerValues(str(path), values, tuple(problems))


class TomlLayerError(Exception):
    """The text is not TOML, or nests too deeply to be read (the problem says which)."""

    def __init__(self, problem: ConfigProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_toml(text: str, path: Path | str) -> dict[str, object]:
    """``tomllib.loads`` that never raises anything but ``TomlLayerError``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlLayerError(toml_syntax_problem(exc, path, text)) from None
    except RecursionError:
        # Thousands of [ inside each other: tomllib recurses once per level.
        raise TomlLayerError(ConfigProblem(path, f"the file {TOO_DEEP}")) from None


def _add(
    values: dict[str, RawValue], problems: list[ConfigProblem], name: str, raw: RawValue
) -> None:
    """The value, unless it nests deeper than any setting (code that walks it would fail)."""
    if nested_too_deeply(raw.value):
        problems.append(ConfigProblem(raw.file, TOO_DEEP, name, raw.line))
    else:
        values[name] = raw


def _unknown(key: str, known: tuple[str, ...]) -> str:
    import difflib  # only for a hint, when something is wrong

    close = difflib.get_close_matches(key, known, n=1)
    return f"unknown setting; did you mean {close[0]!r}?" if close else "unknown setting"


class _KeyLines:
    """Line numbers of ``key = …`` lines per ``[section]`` (tomllib keeps no positions)."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()

    def find(self, section: str, key: str) -> int | None:
        current = ""
        for number, line in enumerate(self._lines, start=1):
            header = _HEADER_RE.match(line)
            if header:
                current = header.group(1)
                continue
            if line.lstrip().startswith("[["):
                current = "[[array]]"
                continue
            match = _KEY_RE.match(line)
            if match and current == section and match.group(1) == key:
                return number
        # ``[section.key]`` / ``[[section.key]]`` tables, or a top-level ``[[key]]``.
        return self.header(f"{section}.{key}" if section else key)

    def header(self, name: str) -> int | None:
        pattern = re.compile(rf"^\s*\[+\s*{re.escape(name)}\s*\]+")
        return next((n for n, line in enumerate(self._lines, 1) if pattern.match(line)), None)
