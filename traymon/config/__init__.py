"""Configuration: the schema, where the file is found, and what is wrong with it.

The errors load with the package; the loader and the schema (every source kind,
probes, continuity) on first use, so ``traymon --help`` and ``traymon.config.settings``
do not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from traymon.config.errors import ConfigError, ConfigProblem

if TYPE_CHECKING:
    from traymon.config.loader import load_config, parse_config
    from traymon.config.schema import Config, NetworkConfig, NotificationConfig, ServiceConfig

_LOADER = ("load_config", "parse_config")
_SCHEMA = ("Config", "NetworkConfig", "NotificationConfig", "ServiceConfig")


def __getattr__(name: str) -> object:
    if name in _LOADER:
        from traymon.config import loader

        return getattr(loader, name)
    if name in _SCHEMA:
        from traymon.config import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Config",
    "ConfigError",
    "ConfigProblem",
    "NetworkConfig",
    "NotificationConfig",
    "ServiceConfig",
    "load_config",
    "parse_config",
]
