"""The OS certificate verifier behind truststore, asked for real (Windows and macOS jobs)."""

from __future__ import annotations

import socket
import ssl
from urllib.parse import urlsplit

import pytest

from tests.servers import TlsLoopbackServer
from traymon.sources.http import tls_context
from traymon.sources.limits import NetworkOptions


def handshake(context: ssl.SSLContext, host: str, port: int = 443) -> None:
    with (
        socket.create_connection((host, port), timeout=15) as raw,
        context.wrap_socket(raw, server_hostname=host),
    ):
        pass


def check_the_os_verifier_decides(public_host: str) -> None:
    """A chain the OS store knows is accepted; a self-signed one on loopback is refused."""
    context = tls_context(NetworkOptions())
    assert type(context).__module__.startswith("truststore")  # not OpenSSL's own store
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    handshake(context, public_host)
    server = TlsLoopbackServer()
    server.start()
    try:
        port = urlsplit(server.base_url).port
        assert port is not None
        with pytest.raises(ssl.SSLCertVerificationError):
            handshake(context, "127.0.0.1", port)
    finally:
        server.stop()
