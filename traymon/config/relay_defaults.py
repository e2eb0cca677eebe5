"""The relay kind's pinned keys and tenant from policy (``relay.public_keys``, ``relay.tenant_id``).

IT pins the keys once, by policy, and rotates them with one policy change; the
``[[services]]`` entries of kind ``relay`` then only say where the document is and
which service to show. A service's own ``keys`` or ``tenant_id`` (a hand-written
config) are kept as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType

from traymon.config.schema import ServiceConfig

#: ``RelaySource.kind``, written out: the relay's document model loads only with a relay service.
RELAY_KIND = "relay"

log = logging.getLogger(__name__)


def with_relay_defaults(
    services: Sequence[ServiceConfig], keys: Sequence[str], tenant: str
) -> tuple[ServiceConfig, ...]:
    if all(service.kind != RELAY_KIND for service in services):
        return tuple(services)
    checked = _checked_keys(keys)
    out = []
    for service in services:
        if service.kind != RELAY_KIND:
            out.append(service)
            continue
        options = dict(service.options)
        if "keys" not in options and checked:
            options["keys"] = checked
        if "tenant_id" not in options and tenant:
            options["tenant_id"] = tenant
        out.append(replace(service, options=MappingProxyType(options)))
    return tuple(out)


def _checked_keys(keys: Sequence[str]) -> tuple[str, ...]:
    if not keys:
        return ()
    from traymon.sources.relay import check_keys

    try:
        return check_keys(list(keys))
    except ValueError as exc:
        log.warning("relay.public_keys: %s; the relay's documents will not be believed", exc)
        return ()
