"""Every source kind passes the same contract (tests/source_contract.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import keyring
import pytest

from tests.conftest import fixture_bytes
from tests.memory_keyring import MemoryKeyring
from tests.servers import LoopbackServer, Reply
from tests.source_contract import SourceContract
from traymon.config.relay_defaults import RELAY_KIND
from traymon.model import Status
from traymon.sources import SOURCES
from traymon.sources.base import Fetch, Source
from traymon.sources.kinds import KIND_MODULES
from traymon.sources.m365_graph import HEALTH_PATH, KEYRING_SERVICE
from traymon.sources.options import OptionValue

TOKEN = json.dumps({"token_type": "Bearer", "expires_in": 3599, "access_token": "t0k3n"}).encode()


class TestStatuspage(SourceContract):
    kind = "statuspage"
    paths = ("/api/v2/summary.json",)
    expected = Status.MAJOR_OUTAGE

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json"),)


class TestStatusio(SourceContract):
    kind = "statusio"
    expected = Status.DEGRADED

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("other/statusio_incident_DOC_DERIVED.json"),)


class TestInstatus(SourceContract):
    kind = "instatus"
    paths = ("/summary.json", "/v2/components.json")
    expected = Status.PARTIAL_OUTAGE

    def good_bodies(self) -> tuple[bytes, ...]:
        data = json.loads(
            fixture_bytes("other/instatus_coalition_page_plus_components_MAYBE_MERGED.json")
        )
        data["components"][0]["status"] = "PARTIALOUTAGE"
        summary = {"page": {**data["page"], "status": "HASISSUES"}}
        return json.dumps(summary).encode(), json.dumps({"components": data["components"]}).encode()


class TestSlack(SourceContract):
    kind = "slack"
    expected = Status.DEGRADED

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("other/slack_current_2022-02-17_notice.json"),)


class TestGoogleWorkspace(SourceContract):
    kind = "google-workspace"
    expected = Status.OPERATIONAL

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("google/workspace_incidents_2026-07-31_vendor-dashboard.json"),)

    def options(self, server: LoopbackServer, prefix: str) -> Mapping[str, OptionValue]:
        return {"products": ("Gmail",)}


class TestGoogleCloud(SourceContract):
    kind = "google-cloud"
    expected = Status.PARTIAL_OUTAGE

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("google/gcp_incidents_2024-11-15_TRIMMED_two_active.json"),)

    def options(self, server: LoopbackServer, prefix: str) -> Mapping[str, OptionValue]:
        return {"locations": ("us-west1",)}


class TestAzure(SourceContract):
    kind = "azure"
    expected = Status.DEGRADED

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("azure/azure_status_feed_2026-07-23_west_us_item.xml"),)


class TestAws(SourceContract):
    kind = "aws"
    expected = Status.MAJOR_OUTAGE

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("aws/currentevents_raw_utf16be_2026-07-02.bin"),)

    def options(self, server: LoopbackServer, prefix: str) -> Mapping[str, OptionValue]:
        return {"regions": ("me-south-1",)}


class TestM365Public(SourceContract):
    kind = "m365-public"
    expected = Status.OPERATIONAL

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("microsoft365/status_cloud_microsoft_api_posts_mac_2026-08-01.json"),)


class TestM365Graph(SourceContract):
    kind = "m365-graph"
    paths = (HEALTH_PATH.split("?")[0],)
    expected = Status.OPERATIONAL

    @pytest.fixture(autouse=True)
    def _secret_in_keyring(self) -> Iterator[None]:
        previous = keyring.get_keyring()
        backend = MemoryKeyring()
        backend.set_password(KEYRING_SERVICE, "m365-graph", "s3cret")
        keyring.set_keyring(backend)
        yield
        keyring.set_keyring(previous)

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("microsoft365/graph_v1_healthOverviews_DOCS_EXAMPLE.json"),)

    def options(self, server: LoopbackServer, prefix: str) -> Mapping[str, OptionValue]:
        return {
            "tenant_id": "contoso",
            "client_id": "app",
            "token_url": server.base_url + prefix + "/token",
        }

    def extra_routes(self, server: LoopbackServer, prefix: str, reply: Reply | None) -> None:
        server.serve(prefix + "/token", reply or Reply(body=TOKEN))


class TestFeed(SourceContract):
    kind = "feed"
    expected = Status.OPERATIONAL  # the entries are from 2019: nothing recent

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("aws/aws_rss_ec2-ap-northeast-1_2019-09-07.rss"),)


class TestJson(SourceContract):
    kind = "json"
    expected = Status.OPERATIONAL
    http_error_is_unknown = False

    def good_bodies(self) -> tuple[bytes, ...]:
        return (fixture_bytes("azure/azure_devops_status_health.json"),)

    def options(self, server: LoopbackServer, prefix: str) -> Mapping[str, OptionValue]:
        return {"conditions": ("[BODY].status.health == healthy",)}


class TestRelay(SourceContract):
    kind = "relay"
    expected = Status.DEGRADED

    @pytest.fixture(autouse=True)
    def _own_data_folder(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the serials seen

    def good_bodies(self) -> tuple[bytes, ...]:
        from tests.test_relay_source import signed

        return (signed(),)

    def options(self, server: LoopbackServer, prefix: str) -> Mapping[str, OptionValue]:
        from tests.test_relay_source import options

        return options()


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_a_kind_declares_its_fetch_style_truthfully(kind: str) -> None:
    source = SOURCES[kind]
    own_fetch = source.fetch_and_parse is not Source.fetch_and_parse
    assert (source.fetch is Fetch.OWN) == own_fetch, f"{kind}: declare fetch = Fetch.OWN"


def test_every_registered_kind_has_a_contract_test() -> None:
    tested = {cls.kind for cls in SourceContract.__subclasses__()}
    assert tested == set(SOURCES)


def test_every_kind_is_registered_under_its_own_name() -> None:
    """The table names each kind's module by hand (imported on first use): no typo may hide."""
    for kind in KIND_MODULES:
        assert SOURCES[kind].kind == kind
    assert list(SOURCES) == list(KIND_MODULES)
    assert SOURCES[RELAY_KIND].__name__ == "RelaySource"  # the config's own copy of the name
