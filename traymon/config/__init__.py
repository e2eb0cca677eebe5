"""Configuration: the schema, where the file is found, and what is wrong with it."""

from traymon.config.errors import ConfigError, ConfigProblem
from traymon.config.loader import find_config_file, load_config, parse_config
from traymon.config.schema import Config, NetworkConfig, NotificationConfig, ServiceConfig

__all__ = [
    "Config",
    "ConfigError",
    "ConfigProblem",
    "NetworkConfig",
    "NotificationConfig",
    "ServiceConfig",
    "find_config_file",
    "load_config",
    "parse_config",
]
