"""Where Traymon's own files live: shipped resources and the user's folders."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "traymon"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, in a source checkout, a wheel or a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent
    bundled = package_dir / "_resources"  # where the wheel puts it
    return bundled if bundled.is_dir() else package_dir.parent / "resources"


def default_services_file() -> Path:
    return resources_dir() / "default_services.toml"


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def user_data_dir() -> Path:
    """Where Traymon keeps what it learns (history, journals): per user, never roaming."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
