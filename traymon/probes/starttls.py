"""Ask a mail server for TLS in plain text first: STARTTLS for SMTP (587) and IMAP (143).

Only as much of each protocol as it takes to get to the handshake: the greeting,
the capabilities, the STARTTLS command. Every read is bounded: a line of at most
``MAX_LINE_BYTES`` (the stream's limit, set by the caller) and an answer of at most
``MAX_ANSWER_BYTES``; the probe's deadline bounds the time. A hostile server gets
a sentence, never a hang or a full memory.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable

from traymon.probes.spec import StartTls

MAX_LINE_BYTES = 4 * 1024
MAX_ANSWER_BYTES = 16 * 1024
#: Said when STARTTLS is missing: a firewall that inspects mail may strip it from the list.
NOT_OFFERED = "the server does not offer STARTTLS"


class DialogueError(Exception):
    """The plain-text part went wrong; ``str()`` says how, in words."""


class _Answer:
    """Reads one answer's lines and counts its bytes."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self._reader = reader
        self._size = 0

    async def line(self) -> bytes:
        try:
            line = await self._reader.readline()
        except ValueError:  # asyncio.LimitOverrunError, re-raised by readline
            raise DialogueError(
                f"the server sent a line longer than {MAX_LINE_BYTES // 1024} KiB"
            ) from None
        if not line.endswith(b"\n"):
            raise DialogueError("the server closed the connection")
        self._size += len(line)
        if self._size > MAX_ANSWER_BYTES:
            raise DialogueError(
                f"the server's answer is longer than {MAX_ANSWER_BYTES // 1024} KiB"
            )
        return line.rstrip(b"\r\n")


async def _send(writer: asyncio.StreamWriter, line: str) -> None:
    writer.write(line.encode("ascii") + b"\r\n")
    await writer.drain()


def _said(line: bytes) -> str:
    text = line.decode("ascii", "replace")
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    return text if len(text) <= 80 else text[:79] + "…"


async def smtp(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Greeting ``220``, ``EHLO``, ``STARTTLS`` offered and accepted with ``220``."""
    code, lines = await _smtp_reply(reader)
    if code != 220:
        raise DialogueError(f"the mail server turned us away ({_said(lines[0])})")
    await _send(writer, f"EHLO {_client_name(writer)}")
    code, lines = await _smtp_reply(reader)
    if code != 250:
        raise DialogueError(f"the mail server refused EHLO ({_said(lines[0])})")
    if not any(line[4:].strip().upper() == b"STARTTLS" for line in lines[1:]):
        raise DialogueError(NOT_OFFERED)
    await _send(writer, "STARTTLS")
    code, lines = await _smtp_reply(reader)
    if code != 220:
        raise DialogueError(f"the mail server refused STARTTLS ({_said(lines[0])})")


async def _smtp_reply(reader: asyncio.StreamReader) -> tuple[int, list[bytes]]:
    """One reply, all its lines: ``250-first`` … ``250 last``."""
    answer = _Answer(reader)
    lines: list[bytes] = []
    while True:
        line = await answer.line()
        code, separator = line[:3], line[3:4]
        if not code.isdigit() or separator not in (b"-", b" ", b""):
            raise DialogueError(f"the server does not speak SMTP (it said {_said(line)!r})")
        lines.append(line)
        if separator != b"-":
            return int(code), lines


def _client_name(writer: asyncio.StreamWriter) -> str:
    """``EHLO`` names this end by its address literal (RFC 5321): no host name given away."""
    sockname = writer.get_extra_info("sockname")
    try:
        address = ipaddress.ip_address(sockname[0])
    except (TypeError, IndexError, ValueError):
        return "[127.0.0.1]"
    return f"[IPv6:{address}]" if address.version == 6 else f"[{address}]"


async def imap(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Greeting ``* OK``, ``CAPABILITY`` lists ``STARTTLS``, ``STARTTLS`` answered ``OK``."""
    greeting = await _Answer(reader).line()
    if greeting.upper().startswith(b"* BYE"):
        raise DialogueError(f"the IMAP server turned us away ({_said(greeting)})")
    if not greeting.upper().startswith(b"* OK"):
        raise DialogueError(f"the server does not greet as an IMAP server ({_said(greeting)})")
    status, untagged = await _imap_command(reader, writer, "t1", "CAPABILITY")
    if status != b"OK":
        raise DialogueError("the server refused CAPABILITY")
    offered = {
        word.upper()
        for line in untagged
        if line.upper().startswith(b"* CAPABILITY ")
        for word in line.split()[2:]
    }
    if b"STARTTLS" not in offered:
        raise DialogueError(NOT_OFFERED)
    status, _ = await _imap_command(reader, writer, "t2", "STARTTLS")
    if status != b"OK":
        raise DialogueError("the server refused STARTTLS")


async def _imap_command(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, tag: str, command: str
) -> tuple[bytes, list[bytes]]:
    """Send ``tag command``; return the tagged status (``OK``/``NO``/``BAD``) and the rest."""
    await _send(writer, f"{tag} {command}")
    answer = _Answer(reader)
    untagged: list[bytes] = []
    prefix = tag.encode("ascii") + b" "
    while True:
        line = await answer.line()
        if line.startswith(prefix):
            return line[len(prefix) :].split(b" ", 1)[0].upper(), untagged
        untagged.append(line)


Dialogue = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]

#: The dialogues a ``starttls`` key may name, in one explicit table.
DIALOGUES: dict[StartTls, Dialogue] = {StartTls.SMTP: smtp, StartTls.IMAP: imap}
