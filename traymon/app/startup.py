"""Start-up for every command and the tray: the log first, then every settings layer.

``load_layered`` is what ``run``, ``check``, ``config``, ``diagnose`` and ``mail`` read
their settings with, so each sees what the others see. Light on purpose: the network
plan (the keyring, for a proxy's password) is made only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traymon.config.layers import EffectiveSettings
    from traymon.netconfig import NetworkPlan


@dataclass(frozen=True, slots=True)
class Loaded:
    effective: EffectiveSettings
    log_file: Path

    def network(self) -> NetworkPlan:
        from traymon.netconfig import network_plan  # the keyring, for a proxy's password

        return network_plan(self.effective)


def load_layered(explicit: Path | None, console: bool = False) -> Loaded:
    """Start the log, then read every layer; raises ``ConfigError`` for the user's file."""
    from traymon.config.layers import load_effective
    from traymon.logs import set_level, setup_logging
    from traymon.platform.settings_reader import settings_reader

    log_file = setup_logging(console=console)
    effective = load_effective(settings_reader(), explicit)
    set_level(str(effective.value("logging.level")))
    return Loaded(effective, log_file)
