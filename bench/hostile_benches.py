"""What hostile answers cost: a compression bomb against `traymon check`, and the slowest
parse of any 2 MB body (issue "Trust under attack and accident")."""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.loopback import ROOT
from bench.parse_worst import measure
from tests.raw_servers import check_in_child, compression_bombs, http_answer, raw_server

BOMB_DECODED_MB = 1024
BOMBS_EACH = 5
CHECK_TIMEOUT_S = 8


@dataclass(frozen=True, slots=True)
class BombFigures:
    services: int
    decoded_mb_each: int
    peak_rss_mb: float
    elapsed_s: float
    refused: int


@dataclass(frozen=True, slots=True)
class ParseFigures:
    body_bytes: int
    parser: str
    case: str
    wall_s: float
    cpu_s: float
    raised: int


def bench_bombs() -> BombFigures:
    """Peak RSS of the real `check` command against gzip, gzip-in-gzip and deflate bombs
    (1 GB decoded each, five of each at once), read from the child's own VmHWM."""
    bombs = compression_bombs(BOMB_DECODED_MB)
    with raw_server() as raw, tempfile.TemporaryDirectory() as folder:
        tables = ["[network]\nreference_urls = []\n"]
        for prefix, (coding, body) in bombs.items():
            raw.serve(
                f"{prefix}/api/v2/summary.json", http_answer(body, {"Content-Encoding": coding})
            )
            for index in range(BOMBS_EACH):
                tables.append(
                    f'[[services]]\nid = "{prefix[1:]}-{index}"\nname = "bomb"\n'
                    f'kind = "statuspage"\nurl = "{raw.base_url}{prefix}"\n'
                )
        config = Path(folder) / "bombs.toml"
        config.write_text("\n".join(tables), encoding="utf-8")
        done, peak_kib, seconds = check_in_child(config, CHECK_TIMEOUT_S, ROOT)
    services = json.loads(done.stdout)["services"]
    refused = sum(1 for s in services if "too large" in (s.get("error") or ""))
    return BombFigures(len(services), BOMB_DECODED_MB, peak_kib / 1024, seconds, refused)


def bench_worst_parse(size: int = 2_000_000, runs: int = 3) -> ParseFigures:
    """The slowest of every hostile 2 MB body through every parser (bench/parse_bodies.py)."""
    from bench.parse_bodies import HOSTILE

    worst: ParseFigures | None = None
    raised = 0
    for name in HOSTILE:
        for case, body_bytes, wall, cpu, error in measure(name, size, runs):
            raised += bool(error)
            if worst is None or wall > worst.wall_s:
                worst = ParseFigures(body_bytes, name, case, wall, cpu, 0)
    assert worst is not None
    return ParseFigures(
        worst.body_bytes, worst.parser, worst.case, worst.wall_s, worst.cpu_s, raised
    )


if __name__ == "__main__":
    started = time.perf_counter()
    print(bench_bombs())
    print(bench_worst_parse())
    print(f"{time.perf_counter() - started:.0f} s")
