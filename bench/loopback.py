"""A loopback server in its own process, so the server never competes with the measured
code for the GIL. Driven over stdin/stdout by ``ServerProcess``.

Modes (argv): ``slow N DELAY`` serves N Statuspage pages each taking DELAY seconds;
``pages N ETAG`` serves N real GitHub summaries, with validators when ETAG is ``1``.
Commands on stdin: ``stats`` prints a JSON line of counters; end of input stops it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.servers import LoopbackServer, Reply

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ROOT / "tests/fixtures/statuspage/github_summary_2026-08-22_latest.json"


def main(argv: list[str]) -> None:
    mode, count = argv[0], int(argv[1])
    server = LoopbackServer()
    body = PAYLOAD.read_bytes()
    for i in range(count):
        path = f"/s{i}/api/v2/summary.json"
        if mode == "slow":
            server.serve(path, Reply(body=body, delay_s=float(argv[2])))
        else:
            validators = argv[2] == "1"
            server.serve(
                path,
                Reply(
                    body=body,
                    etag=f'"v-{i}"' if validators else None,
                    last_modified="Sat, 22 Aug 2026 10:00:00 GMT" if validators else None,
                ),
            )
    server.start()
    print(server.base_url, flush=True)
    for line in sys.stdin:
        if line.strip() == "stats":
            stats = {
                "requests": len(server.requests),
                "bytes_in": server.bytes_in,
                "bytes_out": server.bytes_out,
                "peak_in_flight": server.peak_in_flight,
            }
            print(json.dumps(stats), flush=True)
    server.stop()


class ServerProcess:
    def __init__(self, *args: str) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.loopback", *args],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.base_url = self._process.stdout.readline().strip()

    def url(self, index: int) -> str:
        return f"{self.base_url}/s{index}"

    def stats(self) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write("stats\n")
        self._process.stdin.flush()
        return dict(json.loads(self._process.stdout.readline()))

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(10)

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    main(sys.argv[1:])
