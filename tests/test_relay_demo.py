"""``make relay-demo``'s pieces with a real nginx: what it serves is believed, any change is not."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tools.relay_demo import NGINX_CANDIDATES, Demo, build, check, stop_nginx

HAS_NGINX = shutil.which("nginx") is not None or any(Path(p).exists() for p in NGINX_CANDIDATES)
pytestmark = pytest.mark.skipif(not HAS_NGINX, reason="nginx is not installed (make system-deps)")
pytestmark = [pytestmark, pytest.mark.linux_only]  # needs nginx from Debian


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    made = build(tmp_path_factory.mktemp("relay") / "relay-demo")
    yield made
    stop_nginx(made.folder)


def statuses(demo: Demo) -> dict[str, tuple[str, str]]:
    done = check(demo)
    assert "Traceback" not in done.stderr, done.stderr
    return {s["id"]: (s["status"], s["summary"]) for s in json.loads(done.stdout)["services"]}


def test_the_demo_publishes_what_graph_and_it_said(demo: Demo) -> None:
    got = statuses(demo)
    assert got["exchange-online"][0] == "partial_outage"  # Graph's issue + IT's continuity
    # IT's tenant-wide announcement is what a service with no problem says.
    assert got["microsoft-teams"] == (
        "operational",
        "IT: VPN maintenance tonight 22:00-23:00: use webmail meanwhile",
    )
    served = sorted(str(p.relative_to(demo.www)) for p in demo.www.rglob("*") if p.is_file())
    assert served == ["tenant.jws"]  # every relay service of the demo reads this one document
    log = (demo.folder / "nginx" / "access.log").read_text()
    assert "GET /tenant.jws" in log  # through nginx


READERS = {"tenant.jws": ("exchange-online", "microsoft-teams")}


@pytest.mark.parametrize("name", sorted(READERS))
@pytest.mark.parametrize("where", [0, 0.5, -1])
def test_changing_a_byte_in_www_makes_its_services_unknown(
    demo: Demo, name: str, where: float
) -> None:
    path = demo.www / name
    original = path.read_bytes()
    at = int(where * len(original)) if where >= 0 else len(original) - 1
    changed = bytearray(original)
    changed[at] = ord("B") if changed[at] != ord("B") else ord("C")
    path.write_bytes(bytes(changed))
    try:
        got = statuses(demo)
    finally:
        path.write_bytes(original)
    for ident in READERS[name]:
        status, summary = got[ident]
        assert status == "unknown"
        assert summary.startswith("the company's status document is "), summary
    for ident in {i for ids in READERS.values() for i in ids} - set(READERS[name]):
        assert got[ident][0] != "unknown"


def test_nginx_answers_an_unchanged_document_with_304(demo: Demo) -> None:
    url = f"{demo.base_url}/tenant.jws"
    first = httpx.get(url)
    assert first.status_code == 200 and first.headers["content-type"] == "application/jose"
    assert "max-age=30" in first.headers["cache-control"]
    again = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    print(f"tenant.jws is {len(first.content)} bytes; a 304 has no body")
