"""Pick the reader for machine defaults and policy on this operating system."""

from __future__ import annotations

import sys

from traymon.config.layers import SettingsReader
from traymon.platform.linux import PolicyDirReader, policy_dir
from traymon.platform.macos import PlistReader
from traymon.platform.windows import RegistryReader, WinregRegistry


def settings_reader() -> SettingsReader:
    if sys.platform == "win32":
        return RegistryReader(WinregRegistry())
    if sys.platform == "darwin":
        return PlistReader()
    return PolicyDirReader(policy_dir())
