"""Linux (and any other Unix): machine defaults and policy as TOML files in one folder."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from traymon.config.toml_layer import read_toml_layer
from traymon.config.values import LayerValues

ENV_POLICY_DIR = "TRAYMON_POLICY_DIR"
log = logging.getLogger("traymon.config")
DEFAULT_POLICY_DIR = Path("/etc/traymon")
DEFAULTS_FILE = "defaults.toml"
POLICY_FILE = "policy.toml"


def policy_dir() -> Path:
    """``$TRAYMON_POLICY_DIR`` when set (tests, unusual installs), else ``/etc/traymon``."""
    from_env = os.environ.get(ENV_POLICY_DIR)
    return Path(from_env) if from_env else DEFAULT_POLICY_DIR


class PolicyDirReader:
    """``defaults.toml`` (machine defaults, users may change) and ``policy.toml`` (locked)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def machine_defaults(self) -> LayerValues:
        path = self.folder / DEFAULTS_FILE
        return read_toml_layer(path) or LayerValues.empty(str(path))

    def policy(self) -> LayerValues:
        path = self.folder / POLICY_FILE
        _warn_if_others_can_write(path)
        return read_toml_layer(path) or LayerValues.empty(str(path))

    def describe(self) -> str:
        return (
            f"machine defaults from {self.folder / DEFAULTS_FILE}, "
            f"policy from {self.folder / POLICY_FILE}"
        )


def _warn_if_others_can_write(path: Path) -> None:
    """A policy anyone can edit locks nothing; say so (it still applies: IT meant it)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        log.warning(
            "%s can be changed by other users (mode %s); make it writable by root only, "
            "or the policy in it locks nothing",
            path,
            stat.filemode(mode),
        )
