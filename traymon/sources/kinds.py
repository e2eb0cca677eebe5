"""Status sources: one module per kind, registered in one explicit table.

The table is written out by hand on purpose: scanning a folder for plugins
breaks inside a PyInstaller bundle (installer/traymon.spec lists the same modules).
Each kind's module is imported the first time that kind is asked for, so
``traymon check`` of Statuspage pages does not load the relay's document model,
the AWS or JSON parsers (tests/test_startup_imports.py pins it);
tests/test_source_contracts.py holds every name equal to its class's ``kind``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

from traymon.sources.base import Source

#: kind -> "module:class", in the order people read them in error messages.
KIND_MODULES: dict[str, str] = {
    "statuspage": "traymon.sources.statuspage:StatuspageSource",
    "statusio": "traymon.sources.statusio:StatusioSource",
    "instatus": "traymon.sources.instatus:InstatusSource",
    "slack": "traymon.sources.slack:SlackSource",
    "google-workspace": "traymon.sources.google:GoogleWorkspaceSource",
    "google-cloud": "traymon.sources.google:GoogleCloudSource",
    "azure": "traymon.sources.azure:AzureSource",
    "aws": "traymon.sources.aws:AwsSource",
    "m365-public": "traymon.sources.m365_public:M365PublicSource",
    "m365-graph": "traymon.sources.m365_graph:M365GraphSource",
    "feed": "traymon.sources.feed:FeedSource",
    "json": "traymon.sources.json_endpoint:JsonSource",
    "relay": "traymon.sources.relay:RelaySource",
}


class SourceTable(MutableMapping[str, type[Source]]):
    """The kinds by name; a kind's class is imported when it is first looked up.

    A mapping like any other (tests register misbehaving kinds in it); only the
    names are known without importing, so ``kind in SOURCES`` and the list of kinds
    in an error message cost nothing.
    """

    def __init__(self, where: dict[str, str]) -> None:
        self._where = dict(where)
        self._loaded: dict[str, type[Source]] = {}

    def __getitem__(self, kind: str) -> type[Source]:
        loaded = self._loaded.get(kind)
        if loaded is not None:
            return loaded
        module, _, name = self._where[kind].partition(":")  # KeyError for an unknown kind
        found: type[Source] = getattr(importlib.import_module(module), name)
        self._loaded[kind] = found
        return found

    def __setitem__(self, kind: str, source: type[Source]) -> None:
        self._loaded[kind] = source
        self._where.setdefault(kind, "")

    def __delitem__(self, kind: str) -> None:
        del self._where[kind]
        self._loaded.pop(kind, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, kind: object) -> bool:
        return kind in self._where


SOURCES = SourceTable(KIND_MODULES)
