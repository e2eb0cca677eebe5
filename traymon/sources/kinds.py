"""Status sources: one module per kind, registered in one explicit table.

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

SOURCES: dict[str, type[Source]] = {
    StatuspageSource.kind: StatuspageSource,
    StatusioSource.kind: StatusioSource,
    InstatusSource.kind: InstatusSource,
    SlackSource.kind: SlackSource,
    GoogleWorkspaceSource.kind: GoogleWorkspaceSource,
    GoogleCloudSource.kind: GoogleCloudSource,
    AzureSource.kind: AzureSource,
    AwsSource.kind: AwsSource,
    M365PublicSource.kind: M365PublicSource,
    M365GraphSource.kind: M365GraphSource,
    FeedSource.kind: FeedSource,
    JsonSource.kind: JsonSource,
    RelaySource.kind: RelaySource,
}
