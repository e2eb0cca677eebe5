"""Status sources: one module per kind, registered in one explicit list.

The table is written out by hand on purpose: scanning a folder for plugins
breaks inside a PyInstaller bundle.
"""

from __future__ import annotations

from traymon.sources.aws import AwsSource
from traymon.sources.azure import AzureSource
from traymon.sources.base import Source
from traymon.sources.feed import FeedSource
from traymon.sources.google import GoogleCloudSource, GoogleWorkspaceSource
from traymon.sources.instatus import InstatusSource
from traymon.sources.json_endpoint import JsonSource
from traymon.sources.m365_graph import M365GraphSource
from traymon.sources.m365_public import M365PublicSource
from traymon.sources.relay import RelaySource
from traymon.sources.slack import SlackSource
from traymon.sources.statusio import StatusioSource
from traymon.sources.statuspage import StatuspageSource

#: Every kind, in the order ``--help`` and the docs list them. A kind declares the rest
#: itself (its name, default URL, options, vendor, own-page rule and fetch style).
KINDS: tuple[type[Source], ...] = (
    StatuspageSource,
    StatusioSource,
    InstatusSource,
    SlackSource,
    GoogleWorkspaceSource,
    GoogleCloudSource,
    AzureSource,
    AwsSource,
    M365PublicSource,
    M365GraphSource,
    FeedSource,
    JsonSource,
    RelaySource,
)

SOURCES: dict[str, type[Source]] = {kind.kind: kind for kind in KINDS}
