"""A loopback server that answers with exact bytes: broken HTTP, compression bombs.

``http.server`` always writes a well-formed status line and headers; these
answers are wrong on purpose, so they are written to the socket as they are.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RawServer:
    """Answers each connection with the bytes routed to its request's path, then closes."""

    def __init__(self) -> None:
        self.routes: dict[str, bytes] = {}
        self._socket = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def serve(self, path: str, answer: bytes) -> str:
        self.routes[path] = answer
        return self.base_url + path

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            request = b""
            while b"\r\n\r\n" not in request and len(request) < 65536:
                data = connection.recv(4096)
                if not data:
                    return
                request += data
            path = request.split(b" ", 2)[1].decode("latin-1").split("?")[0]
            try:
                connection.sendall(self.routes.get(path, b""))
                connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the client gave up, as it should with hostile answers

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._socket.close()


@contextmanager
def raw_server() -> Iterator[RawServer]:
    server = RawServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def http_answer(body: bytes, headers: dict[str, str], status: str = "200 OK") -> bytes:
    """A well-formed answer around ``body`` (its Content-Length added), as bytes."""
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def compression_bombs(decoded_mb: int) -> dict[str, tuple[str, bytes]]:
    """Path prefix -> (Content-Encoding, body on the wire), each inflating to ``decoded_mb``.

    ``gzip, gzip`` wraps the gzip bomb once more: about 1 KB on the wire.
    """

    def compress(chunks: Iterator[bytes], wbits: int) -> bytes:
        packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
        return b"".join(packer.compress(piece) for piece in chunks) + packer.flush()

    def zeros() -> Iterator[bytes]:
        chunk = b"\0" * (1024 * 1024)
        return (chunk for _ in range(decoded_mb))

    gzip_bomb = compress(zeros(), 16 + zlib.MAX_WBITS)
    return {
        "/gzip": ("gzip", gzip_bomb),
        "/gzip-gzip": ("gzip, gzip", compress(iter([gzip_bomb]), 16 + zlib.MAX_WBITS)),
        "/deflate": ("deflate", compress(zeros(), zlib.MAX_WBITS)),
    }


def check_in_child(
    config: Path, timeout_s: float, cwd: Path, address_space: int | None = None
) -> tuple[subprocess.CompletedProcess[str], int, float]:
    """Run the real `check --json` in a child that reports its own peak memory (KiB) and time.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec. With
    ``address_space`` the child may not grow past it, so an unbounded inflate fails fast.
    """
    limit = (
        f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({address_space}, "
        f"{address_space}))\n"
        if address_space
        else ""
    )
    probe = (
        f"import sys, time\n{limit}from traymon.commands.cli import main\n"
        "started = time.monotonic()\n"
        f"code = main(['check', '--json', '--timeout', '{timeout_s:g}', "
        f"'--config', {str(config)!r}])\n"
        "status = open('/proc/self/status').read()\n"
        "print(time.monotonic() - started, file=sys.stderr)\n"
        "print(status.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
    )
    *_, seconds, peak = done.stderr.strip().splitlines()
    return done, int(peak), float(seconds)
