"""Names the operating systems know Traymon by, fixed forever: installers, policy and MDM use them.

Changing one of these strands every installed copy: Windows would not upgrade the MSI
(UpgradeCode), toast notifications would lose their sender (AppUserModelID), and macOS
configuration profiles would stop applying (the bundle id is the preferences domain).
"""

from __future__ import annotations

APP_DISPLAY_NAME = "Traymon"

# macOS: CFBundleIdentifier, the managed-preferences domain and the label of the
# LaunchAgent the PKG installs for every user (/Library/LaunchAgents).
BUNDLE_ID = "com.traymon.Traymon"
# The person's own login item (~/Library/LaunchAgents), which the settings dialog
# writes: a label of its own, since launchd refuses a second agent with the PKG's.
USER_LAUNCH_AGENT_LABEL = "com.traymon.app"

# Windows: the AppUserModelID on the Start-menu shortcut (native toasts need it),
# the MSI's UpgradeCode, and the machine-defaults registry key the MSI writes.
APP_USER_MODEL_ID = "Traymon.Traymon"
MSI_UPGRADE_CODE = "5C059D66-7F52-462B-971B-58E4D15E8985"
WINDOWS_MACHINE_KEY = r"Software\Traymon"
# Windows: where Group Policy and Intune write IT's policy (under HKLM and HKCU).
WINDOWS_POLICY_KEY = r"Software\Policies\Traymon"
# Windows: the start-at-login value under HKCU\...\CurrentVersion\Run.
WINDOWS_RUN_VALUE = APP_DISPLAY_NAME

# The hidden flag the self-test starts a child with (a frozen bundle has no ``-m``).
QT_PROBE_FLAG = "--self-test-qt"
