"""Compression bombs: the body cap counts decoded bytes, in bounded memory and time.

A 1 MB gzip answer inflates to 256 MB; wrapped in gzip again it is 1 KB on the wire.
"""

from __future__ import annotations

import json
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, fixture_bytes
from tests.raw_servers import RawServer, check_in_child, compression_bombs, http_answer, raw_server

pytestmark = pytest.mark.linux_only  # needs memory read from /proc

DECODED_MB = 256
TIMEOUT_S = 8
PEAK_LIMIT_KIB = 150 * 1024
#: The child may not grow past this address space, so an unbounded inflate fails fast
#: (MemoryError) instead of taking the test machine's memory.
ADDRESS_SPACE_LIMIT = 2 * 1024 * 1024 * 1024


@pytest.fixture(scope="module")
def bombs() -> dict[str, tuple[str, bytes]]:
    """Path prefix -> (Content-Encoding, body on the wire)."""
    return compression_bombs(DECODED_MB)


@pytest.fixture
def raw() -> Iterator[RawServer]:
    with raw_server() as server:
        yield server


def _config(path: Path, services: list[tuple[str, str]]) -> Path:
    tables = [
        f'[[services]]\nid = "{sid}"\nname = "{sid}"\nkind = "statuspage"\nurl = "{url}"\n'
        for sid, url in services
    ]
    # No reference URLs: this test is about memory and time, not the network's verdict.
    path.write_text("[network]\nreference_urls = []\n\n" + "\n".join(tables), encoding="utf-8")
    return path


def _check_in_child(config: Path) -> tuple[subprocess.CompletedProcess[str], int, float]:
    done, peak_kib, elapsed = check_in_child(config, TIMEOUT_S, ROOT, ADDRESS_SPACE_LIMIT)
    print(f"peak {peak_kib / 1024:.0f} MiB, the check took {elapsed:.1f} s")  # with -s
    return done, peak_kib, elapsed


def test_compression_bombs_are_refused_in_bounded_memory_and_time(
    raw: RawServer, bombs: dict[str, tuple[str, bytes]], tmp_path: Path
) -> None:
    services = []
    for prefix, (coding, body) in bombs.items():
        raw.serve(f"{prefix}/api/v2/summary.json", http_answer(body, {"Content-Encoding": coding}))
        # Five of each, checked at once: the cap must hold per check, not just in total.
        services += [(f"{prefix[1:]}-{i}", raw.base_url + prefix) for i in range(5)]
    done, peak_kib, elapsed = _check_in_child(_config(tmp_path / "bombs.toml", services))
    assert done.stdout, done.stderr
    report = json.loads(done.stdout)
    errors = {s["id"]: s["error"] for s in report["services"]}
    assert all(e == "the answer is too large (more than 2.0 MB)" for e in errors.values()), errors
    assert elapsed < TIMEOUT_S  # the deadline covers the decoding too
    assert peak_kib < PEAK_LIMIT_KIB, f"peak memory {peak_kib} KiB against compression bombs"


def test_a_compressed_answer_within_the_cap_is_read(raw: RawServer, tmp_path: Path) -> None:
    body = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    codings = {
        "/gzip": ("gzip", zlib.compress(body, wbits=16 + zlib.MAX_WBITS)),
        "/deflate": ("deflate", zlib.compress(body)),
        "/raw-deflate": ("deflate", zlib.compress(body, wbits=-zlib.MAX_WBITS)),
        "/twice": ("gzip, gzip", zlib.compress(zlib.compress(body, wbits=31), wbits=31)),
        "/plain": ("identity", body),
    }
    for prefix, (coding, wire) in codings.items():
        raw.serve(f"{prefix}/api/v2/summary.json", http_answer(wire, {"Content-Encoding": coding}))
    services = [(prefix[1:], raw.base_url + prefix) for prefix in codings]
    done, _, _ = _check_in_child(_config(tmp_path / "ok.toml", services))
    report = json.loads(done.stdout)
    assert {s["id"]: s["status"] for s in report["services"]} == dict.fromkeys(
        (p[1:] for p in codings), "major_outage"
    )


def test_an_encoding_traymon_does_not_read_is_refused_in_words(
    raw: RawServer, tmp_path: Path
) -> None:
    raw.serve(
        "/br/api/v2/summary.json", http_answer(b"\x8b\x02\x80{}\x03", {"Content-Encoding": "br"})
    )
    done, _, _ = _check_in_child(_config(tmp_path / "br.toml", [("br", raw.base_url + "/br")]))
    (service,) = json.loads(done.stdout)["services"]
    assert service["error"] == (
        "the server compressed its answer in a way Traymon does not read (br)"
    )
