"""Shared pieces of the relay tests: a relay config in a folder, keys, a fake clock adapter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from traymon.clock import FakeClock
from traymon.relay import keys
from traymon.relay.config import RelayConfig, load

TENANT = "contoso.onmicrosoft.com"


class RelayFakeClock:
    """The engine's ``FakeClock`` as the publisher's clock: sleeping moves it."""

    def __init__(self, fake: FakeClock | None = None) -> None:
        self.fake = fake or FakeClock()

    def now(self) -> datetime:
        return self.fake.wall()

    def monotonic(self) -> float:
        return self.fake.monotonic()

    def sleep(self, seconds: float) -> None:
        self.fake.advance(seconds)


def relay_folder(
    folder: Path,
    *,
    graph_url: str = "",
    ca: Path | None = None,
    extra: str = "",
    graph_extra: str = 'secret_env = "TEST_RELAY_SECRET"',
) -> tuple[RelayConfig, keys.SigningKey]:
    """A relay.toml, its key pair and folders under ``folder``; Graph only with ``graph_url``."""
    folder.mkdir(parents=True, exist_ok=True)
    key = keys.generate()
    keys.write_pair(key, folder / "signing.key")
    lines = [
        f'tenant_id = "{TENANT}"',
        'output = "www"',
        'state = "state"',
        'key_file = "signing.key"',
    ]
    if graph_url:
        lines += [
            extra,
            "[graph]",
            'client_id = "11111111-2222-3333-4444-555555555555"',
            graph_extra,
            f'authority = "{graph_url}"',
            f'url = "{graph_url}"',
            f'ca_bundle = "{ca}"',
        ]
    else:
        lines += ["graph_enabled = false", extra]
    path = folder / "relay.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load(path), key
