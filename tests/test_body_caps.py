"""Each kind's body cap, sized from its feed's history: Google Cloud's incidents.json is big."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import fixture_bytes, run_traymon
from tests.servers import LoopbackServer, Reply
from traymon.sources import SOURCES

THREE_MB = 3 * 1000 * 1000


def _google_cloud_body(size: int) -> bytes:
    """A real-shaped incidents.json of ``size`` bytes or more: the two open incidents of a
    real capture, then years of closed ones (real closed incidents, renumbered)."""
    active = json.loads(fixture_bytes("google/gcp_incidents_2024-11-15_TRIMMED_two_active.json"))
    closed = json.loads(fixture_bytes("google/gcp_incidents_2026-08-20T19-42_latest_full.json"))
    incidents = list(active)
    body = json.dumps(incidents).encode()
    copy = 0
    while len(body) < size:
        for incident in closed:
            copy += 1
            incidents.append(incident | {"id": f"old{copy:06d}", "number": str(10**12 + copy)})
        body = json.dumps(incidents, indent=2).encode()
    return body


def _check(server: LoopbackServer, tmp_path: Path, env: dict[str, str]) -> dict[str, object]:
    config = tmp_path / "t.toml"
    config.write_text(
        '[network]\nreference_urls = []\n\n[[services]]\nid = "gcp"\nname = "Google Cloud"\n'
        f'kind = "google-cloud"\nurl = "{server.base_url}/incidents.json"\n',
        encoding="utf-8",
    )
    done = run_traymon("check", "--json", "--config", str(config), env=env)
    assert done.stdout, done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


def test_a_3_mb_google_cloud_feed_is_read(
    server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    body = _google_cloud_body(THREE_MB)
    assert len(body) > THREE_MB > 2 * 2**20  # the default cap
    server.serve("/incidents.json", Reply(body=body))
    (service,) = _check(server, tmp_path, isolated_env)["services"]  # type: ignore[misc]
    assert service["error"] is None
    assert service["status"] == "major_outage"  # the real capture's two open incidents


def test_a_google_cloud_feed_over_its_kinds_cap_is_refused(
    server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    cap = SOURCES["google-cloud"].max_body_bytes
    server.serve("/incidents.json", Reply(stream_bytes=cap + 1024 * 1024))
    (service,) = _check(server, tmp_path, isolated_env)["services"]  # type: ignore[misc]
    assert service["error"] == f"the answer is too large (more than {cap / 2**20:.1f} MB)"


def test_every_other_kind_keeps_the_default_cap() -> None:
    bigger = {kind for kind, source in SOURCES.items() if source.max_body_bytes != 2 * 2**20}
    assert bigger == {"google-cloud"}
