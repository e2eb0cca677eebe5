"""macOS: machine defaults and managed preferences as property lists.

Machine defaults: ``/Library/Preferences/<bundle id>.plist`` (users may change them).
Policy: what a configuration profile forces, which macOS writes to
``/Library/Managed Preferences/<bundle id>.plist`` (the computer) and
``/Library/Managed Preferences/<user>/<bundle id>.plist`` (that user); the computer's
wins. Keys are the dotted setting names (``checks.min_interval``), so
``defaults write`` and the generated profile use the same names. Read with
``plistlib`` from a root folder, so tests use real plist files in a temporary folder.

Only a Mac proves the paths macOS really writes and the profile installing; reading
through CFPreferences (``CFPreferencesAppValueIsForced``) would need pyobjc and is
not done.
"""

from __future__ import annotations

import getpass
import plistlib
from pathlib import Path

from traymon.config.errors import ConfigProblem
from traymon.config.settings import BY_NAME
from traymon.config.values import LayerValues, RawValue

# Must equal CFBundleIdentifier: it is the preferences domain profiles target.
BUNDLE_ID = "com.traymon.Traymon"


class PlistReader:
    def __init__(self, root: Path = Path("/"), user: str | None = None) -> None:
        self.root = root
        self.user = user if user is not None else getpass.getuser()

    @property
    def machine_file(self) -> Path:
        return self.root / "Library" / "Preferences" / f"{BUNDLE_ID}.plist"

    @property
    def policy_files(self) -> tuple[Path, Path]:
        managed = self.root / "Library" / "Managed Preferences"
        # Later wins: the computer's profile over the user's.
        return managed / self.user / f"{BUNDLE_ID}.plist", managed / f"{BUNDLE_ID}.plist"

    def machine_defaults(self) -> LayerValues:
        return _read_plists([self.machine_file])

    def policy(self) -> LayerValues:
        return _read_plists(list(self.policy_files))

    def describe(self) -> str:
        return (
            f"machine defaults from {self.machine_file}, "
            f"policy from {' and '.join(str(p) for p in self.policy_files)}"
        )


def _read_plists(paths: list[Path]) -> LayerValues:
    values: dict[str, RawValue] = {}
    problems: list[ConfigProblem] = []
    for path in paths:
        try:
            with path.open("rb") as handle:
                data = plistlib.load(handle)
        except FileNotFoundError:
            continue
        except (OSError, plistlib.InvalidFileException, ValueError) as exc:
            problems.append(ConfigProblem(path, f"is not a readable property list ({exc})"))
            continue
        if not isinstance(data, dict):
            problems.append(ConfigProblem(path, "must be a dictionary of settings"))
            continue
        for key, value in data.items():
            if key in BY_NAME:
                values[key] = RawValue(value, f"{path}: {key}")
            elif not str(key).startswith("Payload"):  # profile bookkeeping, not ours
                problems.append(ConfigProblem(path, "unknown setting", str(key)))
    return LayerValues(" and ".join(str(p) for p in paths), values, tuple(problems))
