"""Configuration: the schema, where the file is found, and what is wrong with it."""

from traymon.config.errors import ConfigError, ConfigProblem
from traymon.config.loader import find_config_file, load_config, parse_config
from traymon.config.schema import Config, ServiceConfig

__all__ = [
    "Config",
    "ConfigError",
    "ConfigProblem",
    "ServiceConfig",
    "find_config_file",
    "load_config",
    "parse_config",
]
