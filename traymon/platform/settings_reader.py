"""Pick the reader for machine defaults and policy on this operating system."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traymon.config.layers import SettingsReader


def settings_reader() -> SettingsReader:
    # Only this system's reader is imported: the others are not needed to start.
    if sys.platform == "win32":
        from traymon.platform.windows import RegistryReader, WinregRegistry

        return RegistryReader(WinregRegistry())
    if sys.platform == "darwin":
        from traymon.platform.macos import PlistReader

        return PlistReader()
    from traymon.platform.linux import PolicyDirReader, policy_dir

    return PolicyDirReader(policy_dir())
