"""Probes from this desktop: can this person reach the service, whatever its status page says.

The specs only: the config reads them without the network code; ``run_probe`` is in
``traymon.probes.run`` (httpx, asyncio), which only the engine imports.
"""

from traymon.probes.builtin import BUILTIN_PROBES
from traymon.probes.spec import (
    IMPLICIT_TLS_PORTS,
    DnsProbe,
    HttpProbe,
    ProbeSpec,
    StartTls,
    TcpProbe,
)

#: The probe kinds a config may name, in one explicit table.
PROBE_KINDS: dict[str, type[HttpProbe] | type[TcpProbe] | type[DnsProbe]] = {
    "http": HttpProbe,
    "tcp": TcpProbe,
    "dns": DnsProbe,
}

__all__ = [
    "BUILTIN_PROBES",
    "IMPLICIT_TLS_PORTS",
    "PROBE_KINDS",
    "DnsProbe",
    "HttpProbe",
    "ProbeSpec",
    "StartTls",
    "TcpProbe",
]
