"""Finding Thunderbird profiles and telling whether Thunderbird has one open.

Facts (research/mailclients.md §2.1–2.3): ``profiles.ini`` and ``installs.ini`` sit in
the profile root; an install's dedicated default (``installs.ini``) wins over the
old-style ``Default=1``. A running Thunderbird holds an fcntl write lock on
``.parentlock`` (Linux, macOS) or keeps ``parent.lock`` open without sharing
(Windows). The lock files stay behind after Thunderbird quits, so their existence
proves nothing: the lock itself is tested.

On Linux Thunderbird also makes a symlink ``lock`` → ``"<address>:+<pid>"`` (Gecko's
``nsProfileLock``). The ``+`` says the fcntl lock is held too, so the fcntl test is the
truth. Without it, fcntl did not work there (a home folder on NFS), and the symlink is the
only lock: held when it names another computer, or a live process on this one.
"""

from __future__ import annotations

import configparser
import contextlib
import errno
import ipaddress
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from traymon.continuity.errors import ClientRunningError, ContinuityError, file_problem


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    path: Path
    is_default: bool


def profile_roots(home: Path | None = None) -> list[Path]:
    """Where ``profiles.ini`` can be, most likely first, for this platform."""
    home = home or Path.home()
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        return [Path(appdata) / "Thunderbird"] if appdata else []
    if sys.platform == "darwin":
        return [home / "Library" / "Thunderbird"]
    return [
        home / ".thunderbird",
        home / ".mozilla-thunderbird",
        home / ".var" / "app" / "org.mozilla.Thunderbird" / ".thunderbird",
    ]


def find_profiles(root: Path) -> list[Profile]:
    """The profiles ``root/profiles.ini`` lists; an unreadable file gives none."""
    profiles_ini = _read_ini(root / "profiles.ini")
    installs_ini = _read_ini(root / "installs.ini")
    dedicated = {installs_ini[s].get("Default", "") for s in installs_ini.sections()}
    dedicated |= {
        profiles_ini[s].get("Default", "")
        for s in profiles_ini.sections()
        if s.startswith("Install")
    }
    dedicated.discard("")
    found: list[tuple[str, Path, str, bool]] = []
    for section in profiles_ini.sections():
        if not section.startswith("Profile"):
            continue
        entry = profiles_ini[section]
        raw_path = entry.get("Path")
        if not raw_path:
            continue
        relative = entry.get("IsRelative", "1") == "1"
        path = root / raw_path if relative else Path(raw_path)
        found.append((entry.get("Name", raw_path), path, raw_path, entry.get("Default") == "1"))
    any_dedicated = any(raw in dedicated for _, _, raw, _ in found)
    return [
        Profile(name, path, (raw in dedicated) if any_dedicated else old_default)
        for name, path, raw, old_default in found
    ]


def default_profile(roots: list[Path]) -> Path | None:
    """The profile Thunderbird starts with: the dedicated default, else the old default,
    else the only profile."""
    for root in roots:
        profiles = find_profiles(root)
        chosen = [p for p in profiles if p.is_default] or (profiles if len(profiles) == 1 else [])
        if chosen:
            return chosen[0].path
    return None


def _read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    with contextlib.suppress(OSError, UnicodeDecodeError, configparser.Error):
        parser.read_string(path.read_text(encoding="utf-8"))
    return parser


@contextlib.contextmanager
def holding_profile_lock(profile: Path, display_name: str = "Thunderbird") -> Iterator[None]:
    """Hold Thunderbird's own profile lock while Traymon edits the profile.

    Raises ``ClientRunningError`` when another process holds it. Holding it also stops a
    Thunderbird started meanwhile from opening the profile half-edited.
    """
    if sys.platform == "win32":
        with _windows_lock(profile, display_name):
            yield
        return
    holder = symlink_lock_holder(profile)
    if holder is not None:
        raise ClientRunningError(
            f"{holder} has the profile {profile} open. Close it there first; "
            "Traymon never closes it for you, so nothing you are writing is lost."
        )
    # Created if missing (Thunderbird creates the same empty file), so that a Thunderbird
    # started during the edit finds the profile in use instead of reading it half-way.
    try:
        fd = os.open(profile / ".parentlock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ContinuityError(_unwritable_message(profile, exc)) from None
    try:
        import fcntl

        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ClientRunningError(_running_message(profile, display_name)) from None
        try:
            yield
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def lock_is_held(profile: Path) -> bool:
    """True when another process holds the profile lock right now."""
    if symlink_lock_holder(profile) is not None:
        return True
    if not (profile / ".parentlock").exists() and not (profile / "parent.lock").exists():
        return False  # looking must not create the file
    try:
        with holding_profile_lock(profile):
            return False
    except ClientRunningError:
        return True
    except ContinuityError:
        return False  # a read-only folder: the lock cannot be tested, the processes still are


def symlink_lock_holder(profile: Path) -> str | None:
    """Who holds the profile by the ``lock`` symlink alone, in words; ``None``: nobody.

    Gecko's own rule (``IsSymlinkStaleLock``): a ``+`` defers to the fcntl lock; another
    computer's address is held (its process cannot be seen from here); this computer's
    is held while that process lives.
    """
    if sys.platform == "win32":
        return None  # Gecko makes no symlink there, and os.kill(pid, 0) would end the process
    try:
        target = str((profile / "lock").readlink())
    except (OSError, NotImplementedError):
        return None  # no symlink (Windows, macOS, a closed Thunderbird): nothing to say
    address, _, pid_text = target.partition(":")
    if pid_text.startswith("+"):
        return None
    try:
        ipaddress.IPv4Address(address)
        pid = int(pid_text)
    except ValueError:
        return None  # not Gecko's signature: Gecko itself would treat it as stale
    if pid <= 0:
        return None
    if address not in _this_computers_addresses():
        return f"Thunderbird on another computer ({address})"
    if _process_alive(pid):
        return f"Thunderbird (process {pid})"
    return None


def _this_computers_addresses() -> set[str]:
    """The address Gecko writes for this computer (its host name's) and loopback."""
    addresses = {"127.0.0.1"}
    with contextlib.suppress(OSError, UnicodeError):
        addresses.add(socket.gethostbyname(socket.gethostname()))
    return addresses


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, but another user's
    except OSError:
        return False
    return True


@contextlib.contextmanager
def _windows_lock(profile: Path, display_name: str) -> Iterator[None]:
    # Windows-only path (not exercised here): Thunderbird opens parent.lock with no
    # sharing, so any other open fails with a sharing violation while it runs.
    lock_file = profile / "parent.lock"
    if not lock_file.exists():
        yield
        return
    try:
        handle = lock_file.open("r+b")
    except PermissionError:
        raise ClientRunningError(_running_message(profile, display_name)) from None
    with handle:
        yield


def _unwritable_message(profile: Path, exc: OSError) -> str:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"The profile folder {profile} is read-only ({exc.strerror}), so Traymon cannot "
            "change it; nothing was changed. Make it writable again (or ask IT), then try again."
        )
    problem, fix = file_problem(exc)
    return f"The profile {profile} cannot be locked: {problem}; nothing was changed. {fix}."


def _running_message(profile: Path, display_name: str) -> str:
    return (
        f"{display_name} has the profile {profile} open. Close {display_name} first; "
        "Traymon never closes it for you, so nothing you are writing is lost."
    )
