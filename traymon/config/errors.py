"""Typed configuration errors that know where in which file the problem is."""

from __future__ import annotations

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


_TOML_LINE_RE = re.compile(r"at line (\d+)")


def toml_syntax_problem(exc: tomllib.TOMLDecodeError, file: Path | str) -> ConfigProblem:
    """A TOML syntax error as a problem with its line, in words without the parser's position."""
    match = _TOML_LINE_RE.search(str(exc))
    line = int(match.group(1)) if match else None
    message = _TOML_LINE_RE.sub("", str(exc)).replace("()", "").strip(" .")
    return ConfigProblem(file, f"not valid TOML: {message}", line=line)
