"""Status sources: one module per kind; ``SOURCES`` (in ``kinds``) is their explicit table.

The table is loaded on first use, not with the package: the light modules here
(``limits``, ``options``, ``urls``, ``decode``) are imported by the command line and
the config, which must not pay for every kind's parser (and defusedxml) to print
``--help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traymon.sources.base import Source
    from traymon.sources.kinds import SOURCES


def __getattr__(name: str) -> object:
    if name == "SOURCES":
        from traymon.sources.kinds import SOURCES

        return SOURCES
    if name == "Source":
        from traymon.sources.base import Source

        return Source
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SOURCES", "Source"]
