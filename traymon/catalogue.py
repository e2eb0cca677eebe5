"""The shipped catalogue of well-known services (``resources/catalogue.toml``).

Each entry is a ready-made ``[[services]]`` definition (kind, URL, filters) plus a
homepage and where its URL was taken from, so a config can say ``use = "github"``
and an admin can check the provenance of every URL Traymon asks.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from traymon.paths import resources_dir
from traymon.sources.options import NO_OPTIONS, OptionValue

CATALOGUE_FILE = "catalogue.toml"
_ENTRY_KEYS = frozenset(
    {"id", "name", "homepage", "kind", "url", "options", "source", "tags", "vendor"}
)


class CatalogueError(Exception):
    """The shipped catalogue is damaged: a packaging bug, reported in one sentence."""


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    id: str
    name: str
    homepage: str
    kind: str
    url: str
    #: Where the URL comes from (vendor docs, inket/stts services.json, a capture…).
    source: str
    options: Mapping[str, OptionValue] = field(default_factory=lambda: NO_OPTIONS)
    tags: tuple[str, ...] = ()
    #: Who publishes the page ("Atlassian" for Jira), when the kind does not say it.
    vendor: str = ""

    def as_service(self) -> dict[str, Any]:
        """The entry as the keys of a ``[[services]]`` table (lists, as TOML gives them)."""
        keys: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "url": self.url,
        }
        if self.vendor:
            keys["vendor"] = self.vendor
        for name, value in self.options.items():
            keys[name] = list(value) if isinstance(value, tuple) else value
        return keys

    def matches(self, words: str) -> bool:
        """Every word of ``words`` appears in the id, name, kind, homepage or tags."""
        fields = (self.id, self.name, self.kind, self.homepage, self.vendor, *self.tags)
        haystack = " ".join(fields).casefold()
        return all(word in haystack for word in words.casefold().split())


@dataclass(frozen=True, slots=True)
class Catalogue:
    entries: tuple[CatalogueEntry, ...]

    @property
    def by_id(self) -> Mapping[str, CatalogueEntry]:
        return MappingProxyType({e.id: e for e in self.entries})

    def get(self, entry_id: str) -> CatalogueEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def search(self, words: str) -> tuple[CatalogueEntry, ...]:
        return tuple(e for e in self.entries if e.matches(words))

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def catalogue_file() -> Path:
    return resources_dir() / CATALOGUE_FILE


@lru_cache(maxsize=4)
def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read the catalogue (cached: it is shipped data and does not change while running)."""
    path = path or catalogue_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"the service catalogue {path} cannot be read ({exc})") from None
    return Catalogue(tuple(_entry(raw, path) for raw in data.get("services", [])))


#: A ``[[services]]`` table's header and its ``id`` line.
_TABLE = re.compile(r"^\[\[services\]\][ \t]*$", re.MULTILINE)
_ID_LINE = re.compile(r'id\s*=\s*"([^"\\]*)"\s*')


@lru_cache(maxsize=4)
def _catalogue_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"the service catalogue {path} cannot be read ({exc})") from None


@lru_cache(maxsize=64)
def load_entry(entry_id: str, path: Path | None = None) -> CatalogueEntry | None:
    """One entry, reading only its own table: ``use = "<id>"`` needs a few of 300+.

    Parsing the whole 100 KB of TOML is most of what ``traymon check`` spends before
    it asks anything, and so was scanning it line by line with a regular expression
    for every ``use``; each ``[[services]]`` table stands alone, so the id's quoted
    text is found with ``str.find``, and only a table whose ``id`` line it is, is
    parsed. ``None`` when no table has that id (the caller then loads the whole
    catalogue to suggest a close one). tests/test_catalogue.py holds it equal to
    ``load_catalogue`` for every entry.
    """
    path = path or catalogue_file()
    text = _catalogue_text(path)
    quoted = f'"{entry_id}"'
    at = text.find(quoted)
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        found = _ID_LINE.fullmatch(text, line_start, line_end)
        if found is not None and found.group(1) == entry_id:
            return _entry_in_table(text, line_start, entry_id, path)
        at = text.find(quoted, at + 1)
    return None


def _entry_in_table(text: str, at: int, entry_id: str, path: Path) -> CatalogueEntry | None:
    """The entry of the ``[[services]]`` table around ``at`` (its id line)."""
    start = _header(text, text.rfind(_HEADER, 0, at), backwards=True)
    if start < 0:
        return None  # an id line above every table: not an entry
    end = _header(text, text.find(_HEADER, at), backwards=False)
    table = text[start : end if end >= 0 else len(text)]
    try:
        data = tomllib.loads(table)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"the service catalogue {path} cannot be read ({exc})") from None
    entries = [_entry(raw, path) for raw in data.get("services", [])]
    return next((e for e in entries if e.id == entry_id), None)


_HEADER = "[[services]]"


def _header(text: str, at: int, backwards: bool) -> int:
    """The nearest ``[[services]]`` found from ``at`` that is a header line, or -1."""
    while at >= 0:
        if (at == 0 or text[at - 1] == "\n") and _TABLE.match(text, at):
            return at
        at = text.rfind(_HEADER, 0, at) if backwards else text.find(_HEADER, at + 1)
    return -1


def _entry(raw: Mapping[str, Any], path: Path) -> CatalogueEntry:
    if not isinstance(raw, dict):
        raise CatalogueError(f"the service catalogue {path} has an entry that is not a table")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise CatalogueError(
            f"catalogue entry {raw.get('id')!r} has unknown keys {sorted(unknown)}"
        )
    try:
        options = {
            k: tuple(v) if isinstance(v, list) else v for k, v in raw.get("options", {}).items()
        }
        return CatalogueEntry(
            id=str(raw["id"]),
            name=str(raw["name"]),
            homepage=str(raw["homepage"]),
            kind=str(raw["kind"]),
            url=str(raw["url"]),
            source=str(raw["source"]),
            options=MappingProxyType(options),
            tags=tuple(str(t) for t in raw.get("tags", ())),
            vendor=str(raw.get("vendor", "")),
        )
    except KeyError as exc:
        raise CatalogueError(f"catalogue entry {raw.get('id')!r} lacks {exc.args[0]!r}") from None


def catalogue_json(entries: Sequence[CatalogueEntry]) -> str:
    """The entries as JSON for scripts: ``{"count": n, "services": [...]}``."""
    document = {
        "count": len(entries),
        "services": [
            {
                "id": e.id,
                "name": e.name,
                "vendor": e.vendor or None,
                "homepage": e.homepage,
                "kind": e.kind,
                "url": e.url,
                "options": {
                    k: list(v) if isinstance(v, tuple) else v for k, v in e.options.items()
                },
                "tags": list(e.tags),
                "source": e.source,
            }
            for e in entries
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def catalogue_table(entries: Sequence[CatalogueEntry]) -> str:
    """One line per entry: id, kind, name; then how to use one."""
    if not entries:
        return "No catalogue entry matches; run `traymon catalogue` to list them all."
    width_id = max(len(e.id) for e in entries)
    width_kind = max(len(e.kind) for e in entries)
    lines = [f"{'ID':<{width_id}}  {'KIND':<{width_kind}}  NAME"]
    for e in entries:
        lines.append(f"{e.id:<{width_id}}  {e.kind:<{width_kind}}  {e.name}")
    lines.append("")
    lines.append(
        f'{len(entries)} services. Use one in a config: [[services]] use = "{entries[0].id}"'
    )
    return "\n".join(lines)
