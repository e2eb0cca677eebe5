"""Names the operating systems know Traymon by, fixed forever: installers, policy and MDM use them.

Changing one of these strands every installed copy: Windows would not upgrade the MSI
(UpgradeCode), toast notifications would lose their sender (AppUserModelID), and macOS
configuration profiles would stop applying (the bundle id is the preferences domain).
"""

from __future__ import annotations

APP_DISPLAY_NAME = "Traymon"

# macOS: CFBundleIdentifier, the managed-preferences domain and the LaunchAgent label.
BUNDLE_ID = "com.traymon.Traymon"

# Windows: the AppUserModelID on the Start-menu shortcut (native toasts need it),
# the MSI's UpgradeCode, and the machine-defaults registry key the MSI writes.
APP_USER_MODEL_ID = "Traymon.Traymon"
MSI_UPGRADE_CODE = "5C059D66-7F52-462B-971B-58E4D15E8985"
WINDOWS_MACHINE_KEY = r"Software\Traymon"

# The hidden flag the self-test starts a child with (a frozen bundle has no ``-m``).
QT_PROBE_FLAG = "--self-test-qt"
