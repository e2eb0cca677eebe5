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
import struct
from pathlib import Path
from xml.parsers.expat import ExpatError

from traymon import identity
from traymon.config.errors import ConfigProblem
from traymon.config.settings import BY_NAME
from traymon.config.values import LayerValues, RawValue
from traymon.settings_files import TOO_DEEP, nested_too_deeply, read_settings_file

# CFBundleIdentifier: the preferences domain profiles target.
BUNDLE_ID = identity.BUNDLE_ID


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


class PlistError(Exception):
    """The file cannot be used as a property list; the message says why, in words."""


# What plistlib raises on damaged input: truncated or malformed XML (ExpatError),
# binary plists with offsets out of range (IndexError, struct.error, OverflowError...).
_PLIST_ERRORS = (
    plistlib.InvalidFileException,
    ExpatError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    struct.error,
)


def read_plist(path: Path) -> object:
    """A plist file's data; ``FileNotFoundError``, or ``PlistError`` with the reason."""
    try:
        content = read_settings_file(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise PlistError(f"cannot be read ({exc.strerror or exc})") from None
    try:
        data = plistlib.loads(content)
    except RecursionError:
        raise PlistError(f"the file {TOO_DEEP}") from None
    except _PLIST_ERRORS as exc:
        raise PlistError(f"is not a readable property list ({_plist_reason(exc)})") from None
    if nested_too_deeply(data):
        raise PlistError(f"the file {TOO_DEEP}")
    return data


def _plist_reason(exc: Exception) -> str:
    if isinstance(exc, ExpatError):
        return f"the XML is damaged or cut short at line {exc.lineno}, column {exc.offset + 1}"
    if isinstance(exc, plistlib.InvalidFileException) and str(exc) == "Invalid file":
        return "it is neither an XML nor a binary property list, or it is damaged"
    return str(exc) or type(exc).__name__


def _read_plists(paths: list[Path]) -> LayerValues:
    values: dict[str, RawValue] = {}
    problems: list[ConfigProblem] = []
    for path in paths:
        try:
            data = read_plist(path)
        except FileNotFoundError:
            continue
        except PlistError as exc:
            problems.append(ConfigProblem(path, str(exc)))
            continue
        if not isinstance(data, dict):
            problems.append(ConfigProblem(path, "must be a dictionary of settings"))
            continue
        _collect(data, path, values, problems)
    return LayerValues(" and ".join(str(p) for p in paths), values, tuple(problems))


def _collect(
    data: dict[str, object],
    path: Path,
    values: dict[str, RawValue],
    problems: list[ConfigProblem],
) -> None:
    for key, value in data.items():
        if key in BY_NAME:
            values[key] = RawValue(value, str(path))
        elif not str(key).startswith("Payload"):  # profile bookkeeping, not ours
            problems.append(ConfigProblem(path, "unknown setting", str(key)))


def read_profile_or_plist(path: Path) -> LayerValues:
    """A plist of settings, or a configuration profile's forced settings for Traymon.

    For ``traymon config validate``: IT checks a profile before uploading it to Jamf.
    """
    try:
        data = read_plist(path)
    except FileNotFoundError:
        return LayerValues(str(path), {}, (ConfigProblem(path, "the file does not exist"),))
    except PlistError as exc:
        return LayerValues(str(path), {}, (ConfigProblem(path, str(exc)),))
    if isinstance(data, dict) and data.get("PayloadType") == "Configuration":
        forced = _forced_settings(data)
        if forced is None:
            problem = ConfigProblem(path, f"has no forced managed preferences for {BUNDLE_ID}")
            return LayerValues(str(path), {}, (problem,))
        data = forced
    if not isinstance(data, dict):
        return LayerValues(str(path), {}, (ConfigProblem(path, "must be a dictionary"),))
    values: dict[str, RawValue] = {}
    problems: list[ConfigProblem] = []
    _collect(data, path, values, problems)
    return LayerValues(str(path), values, tuple(problems))


def _forced_settings(profile: dict[str, object]) -> dict[str, object] | None:
    """``mcx_preference_settings`` of the Forced entries for our domain, merged."""
    found: dict[str, object] = {}
    payloads = profile.get("PayloadContent")
    for payload in payloads if isinstance(payloads, list) else []:
        if not isinstance(payload, dict):
            continue
        content = payload.get("PayloadContent")
        domain = content.get(BUNDLE_ID) if isinstance(content, dict) else None
        forced = domain.get("Forced") if isinstance(domain, dict) else None
        for entry in forced if isinstance(forced, list) else []:
            settings = entry.get("mcx_preference_settings") if isinstance(entry, dict) else None
            if isinstance(settings, dict):
                found.update(settings)
    return found or None
