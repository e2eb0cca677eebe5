"""Real TCP/TLS servers on 127.0.0.1 for the ``tcp`` probe: well-behaved, broken and hostile.

Each runs its own asyncio loop in a thread, so the probe under test (or a
``traymon check`` subprocess) talks to it over a real socket. The mail servers
speak just enough SMTP or IMAP to reach STARTTLS, then switch to TLS for real.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
from collections.abc import Awaitable, Callable
from types import TracebackType

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class ThreadedServer:
    """``with ThreadedServer(handler, tls) as port:`` serves until the block ends."""

    def __init__(self, handler: Handler, tls: ssl.SSLContext | None = None) -> None:
        self._handler = handler
        self._tls = tls
        self._loop = asyncio.new_event_loop()
        # A handshake the client rightly refuses is logged by asyncio as an error: expected here.
        self._loop.set_exception_handler(lambda _loop, _context: None)
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def __enter__(self) -> int:
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        return started.result(timeout=10)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self._tls)
        return int(self._server.sockets[0].getsockname()[1])

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._handler(reader, writer)
        except (OSError, ssl.SSLError, asyncio.IncompleteReadError):
            pass  # the probe hung up: that is its right
        finally:
            self._tasks.discard(task)
            writer.close()

    async def _stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def until_closed(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Say nothing; wait for the client to hang up (a TLS server, after its handshake)."""
    while await reader.read(1024):
        pass


async def send_garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A middlebox that accepts the connection and answers with something that is not TLS."""
    await reader.read(1024)
    writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
    await writer.drain()


async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Accept the connection, then close it at once."""


def says(greeting: bytes) -> Handler:
    """Greet with these bytes, then listen until the client hangs up."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(greeting)
        await writer.drain()
        await until_closed(reader, writer)

    return handler


def smtp_server(
    tls: ssl.SSLContext, *, offer_starttls: bool = True, flood: bytes | None = None
) -> Handler:
    """An SMTP submission server: greeting, EHLO, STARTTLS, then a real TLS handshake.

    ``flood``: after EHLO, send these bytes over and over instead of a proper answer.
    """

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 mail.test ESMTP ready\r\n")
        await writer.drain()
        await reader.readline()  # EHLO
        if flood is not None:
            while True:
                writer.write(flood * 64)
                await writer.drain()
        extensions = [b"mail.test", b"SIZE 35882577", b"8BITMIME"]
        if offer_starttls:
            extensions.append(b"STARTTLS")
        extensions.append(b"SMTPUTF8")
        for ext in extensions[:-1]:
            writer.write(b"250-" + ext + b"\r\n")
        writer.write(b"250 " + extensions[-1] + b"\r\n")
        await writer.drain()
        command = await reader.readline()
        if command.strip().upper() != b"STARTTLS":
            writer.write(b"502 5.5.1 not a command I know\r\n")
            return
        writer.write(b"220 2.0.0 Ready to start TLS\r\n")
        await writer.drain()
        await writer.start_tls(tls)
        await until_closed(reader, writer)

    return handler


def imap_server(tls: ssl.SSLContext, *, offer_starttls: bool = True) -> Handler:
    """An IMAP server: greeting, CAPABILITY, STARTTLS (tags answered as the client sent them)."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"* OK [CAPABILITY IMAP4rev1] IMAP server ready\r\n")
        await writer.drain()
        while line := await reader.readline():
            tag, _, command = line.strip().partition(b" ")
            if command.upper() == b"CAPABILITY":
                words = b"IMAP4rev1 LOGINDISABLED" + (b" STARTTLS" if offer_starttls else b"")
                writer.write(b"* CAPABILITY " + words + b"\r\n" + tag + b" OK done\r\n")
            elif command.upper() == b"STARTTLS" and offer_starttls:
                writer.write(tag + b" OK Begin TLS negotiation now\r\n")
                await writer.drain()
                await writer.start_tls(tls)
                await until_closed(reader, writer)
                return
            else:
                writer.write(tag + b" BAD unknown command\r\n")
            await writer.drain()

    return handler
