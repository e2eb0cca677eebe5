"""The slowest parse of any hostile body, per parser: ``python -m bench.parse_worst``.

Measures (does not test, and does not write docs/PERFORMANCE.md): every builder of
bench/parse_bodies.py at ``--size`` bytes (default 2 MB, the fetch's body cap),
through every parser, one at a time, the best of ``--runs``. The target is under
0.5 s for the slowest on the reference machine (2 cores). tests/test_parser_limits.py
runs this with ``--json`` in a subprocess, so a parser that never returns is killed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from bench.parse_bodies import HOSTILE, PARSERS, cases

TARGET_S = 0.5


#: (case, body bytes, best wall seconds, best CPU seconds, what it raised or "")
Row = tuple[str, int, float, float, str]


def measure(name: str, size: int, runs: int) -> list[Row]:
    """One row per hostile case of one parser. CPU time too: on a shared machine the
    wall clock also counts the other processes' turns."""
    parse = PARSERS[name]
    rows: list[Row] = []
    for case, build in cases(name).items():
        body = build(size)
        best, cpu, raised = float("inf"), float("inf"), ""
        for _ in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                parse(body)
            except Exception as exc:  # a parser must never raise: reported, not hidden
                raised = f"{type(exc).__name__}: {str(exc)[:80]}"
            best = min(best, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - cpu_started)
        rows.append((case, len(body), best, cpu, raised))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="body size in bytes")
    parser.add_argument("--runs", type=int, default=1, help="runs per body (the best counts)")
    parser.add_argument("--only", action="append", choices=sorted(HOSTILE), help="one parser")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    names = args.only or list(HOSTILE)
    results: dict[str, list[Row]] = {}
    for name in names:
        results[name] = measure(name, args.size, args.runs)
        if not args.json:
            for case, size, seconds, cpu, raised in results[name]:
                said = f"  RAISED {raised}" if raised else ""
                print(
                    f"{name:22} {case:28} {size / 1e6:5.2f} MB {seconds * 1000:8.1f} ms "
                    f"(CPU {cpu * 1000:7.1f} ms){said}"
                )
    worst = max(
        ((name, case, s, cpu) for name, rows in results.items() for case, _, s, cpu, _ in rows),
        key=lambda row: row[2],
    )
    if args.json:
        out = {
            name: {case: {"seconds": s, "cpu": c, "raised": r} for case, _, s, c, r in rows}
            for name, rows in results.items()
        }
        json.dump(out, sys.stdout)
    else:
        met = "met" if worst[2] < TARGET_S else "MISSED"
        print(
            f"slowest: {worst[0]} / {worst[1]}: {worst[2] * 1000:.1f} ms, "
            f"CPU {worst[3] * 1000:.1f} ms (target < {TARGET_S * 1000:.0f} ms: {met})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
