"""A real Redis and a real ingest on loopback, for the fleet tests, the demo and the bench.

``redis-server`` (Debian's, see APT_PACKAGES) on a free 127.0.0.1 port with no
persistence; the ingest served by uvicorn in a thread of this process, so a test or
the demo can hand it a simulated clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traymon.relay.fleet_config import FleetConfig


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> Any:
        import redis

        return redis.Redis.from_url(self.url)


@contextlib.contextmanager
def redis_server() -> Iterator[RedisServer]:
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        raise RuntimeError("redis-server is not installed: run `make system-deps`")
    with tempfile.TemporaryDirectory(prefix="traymon-redis-") as folder:
        for _ in range(5):  # a port taken between choosing and binding: choose again
            port = free_port()
            process = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", folder, "--daemonize", "no",
                 "--loglevel", "warning"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            server = RedisServer(port, process)
            if _wait_ready(server):
                break
            process.kill()
            process.wait()
        else:
            raise RuntimeError("redis-server did not start")
        try:
            yield server
        finally:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(server: RedisServer) -> bool:
    import redis

    client = server.client()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            if client.ping():
                client.close()
                return True
        except redis.RedisError:
            time.sleep(0.02)
    return False


@dataclass
class IngestServer:
    port: int
    ingest: Any  # traymon.relay.ingest.Ingest

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1/report"


@contextlib.contextmanager
def ingest_server(
    cfg: FleetConfig, clock: Callable[[], float] = time.time
) -> Iterator[IngestServer]:
    """The real ingest app under uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from traymon.relay.ingest import Ingest, make_app

    ingest = Ingest(cfg, clock)
    config = uvicorn.Config(
        make_app(ingest),
        host="127.0.0.1",
        port=0,
        access_log=False,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="ingest", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the ingest did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield IngestServer(port, ingest)
    finally:
        server.should_exit = True
        thread.join(10)


async def post_reports(
    port: int, token: str, bodies: list[bytes], connections: int = 16, rate: float = 0.0
) -> tuple[dict[int, int], list[float]]:
    """POST each body to the ingest over ``connections`` keep-alive connections.

    ``rate`` > 0 paces the requests (the i-th is sent at ``i / rate`` s, as desktops
    spread over a minute would), so the latency is the ingest's, not a queue's; 0
    sends as fast as answers come back (the throughput).

    A lean HTTP/1.1 client on asyncio streams (httpx costs more CPU per request than
    the ingest itself, and the load generator shares this machine's two cores): the
    answers' status codes counted, and each request's latency in seconds.
    """
    codes: dict[int, int] = {}
    latencies: list[float] = []
    queue = list(reversed(bodies))
    total = len(bodies)
    began = time.perf_counter()
    head = (
        f"POST /v1/report HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
    ).encode()

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while queue:
                index = total - len(queue)
                body = queue.pop()
                if rate > 0:
                    delay = began + index / rate - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                started = time.perf_counter()
                writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
                status = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                if length:
                    await reader.readexactly(length)
                latencies.append(time.perf_counter() - started)
                code = int(status.split()[1])
                codes[code] = codes.get(code, 0) + 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(min(connections, len(bodies)) or 1)))
    return codes, latencies
