"""Status sources: one module per kind, registered in one explicit table.

The table is written out by hand on purpose: scanning a folder for plugins
breaks inside a PyInstaller bundle.
"""

from __future__ import annotations

from traymon.sources.base import Source
from traymon.sources.statuspage import StatuspageSource

SOURCES: dict[str, type[Source]] = {
    StatuspageSource.kind: StatuspageSource,
}

__all__ = ["SOURCES", "Source"]
