"""One Traymon per person: a second launch asks the first to show its window, then exits.

The standard library's ``multiprocessing.connection`` carries the request: a Unix socket
in a folder only this user can open (Linux, macOS), a named pipe on Windows. Both ends
prove they know a random key kept in that user's own folder, so another person's
processes cannot pretend to be Traymon. Qt's QLocalServer would do the same, but it
brings QtNetwork (and through it Kerberos) into the frozen app, 4.9 MB.

The name is derived from the user and their home folder, so two people on one machine
each get their own instance.
"""

from __future__ import annotations

import contextlib
import enum
import getpass
import hashlib
import os
import secrets
import stat
import sys
import tempfile
import threading
import warnings
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Qt, Signal

_SHOW = b"show"
_STOP = b"stop"
# A hung first instance must not keep a second launch waiting for long.
_TIMEOUT_S = 1.0
_KEY_BYTES = 32
_MAX_FAILURES_IN_A_ROW = 100
# A Unix socket's path must fit sockaddr_un.sun_path: 108 bytes on Linux, 104 on macOS.
_MAX_SOCKET_PATH = 103
_WINDOWS = sys.platform == "win32"


def instance_name(home: Path | None = None) -> str:
    home = home or Path.home()
    key = f"{getpass.getuser()}:{home.resolve()}".encode()
    return "traymon-" + hashlib.sha256(key).hexdigest()[:16]


def private_folder() -> Path | None:
    """This user's folder for the socket and the key, or None when none can be made private.

    The session's runtime folder (``$XDG_RUNTIME_DIR``, made by the login manager) when there
    is one, else a folder of ours in the temporary folder. Mode 0700 is what keeps other
    people out of the socket, so a folder someone else owns is never used.
    """
    if _WINDOWS:  # under %LOCALAPPDATA%, which only this user can open
        folder = Path(platformdirs.user_runtime_dir("traymon", appauthor=False))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder
    with warnings.catch_warnings():  # platformdirs warns of an unsafe $XDG_RUNTIME_DIR
        warnings.simplefilter("ignore")
        base = Path(platformdirs.user_runtime_dir())
    if base.is_dir():
        folder = base / "traymon"
    else:  # no login session folder (a bare container, say)
        folder = Path(tempfile.gettempdir()) / f"traymon-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if info.st_mode & 0o077:
            folder.chmod(0o700)
    except OSError:
        return None
    return folder


def _shared_key(folder: Path) -> bytes | None:
    """The random key both ends prove they know, made once and kept in ``folder``.

    Written to a temporary file and linked into place, so a launch racing another one
    either makes the key or reads the whole of the other's, never half of it.
    None when the folder cannot hold one (then there is no guard).
    """
    path = folder / "instance.key"
    key = _read_key(path)
    if key is not None:
        return key
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".key-")  # mode 0600
    except OSError:
        return None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(_KEY_BYTES))
        try:
            temporary.hardlink_to(path)  # never replaces: the first launch's key wins
        except FileExistsError:
            pass
        except OSError:
            temporary.replace(path)  # a file system without hard links
        key = _read_key(path)
        if key is None:  # damaged (cut short by a full disk, say): start again
            temporary.replace(path)
            key = _read_key(path)
        return key
    except OSError:
        return None
    finally:
        temporary.unlink(missing_ok=True)


def _read_key(path: Path) -> bytes | None:
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == _KEY_BYTES else None


class _Answer(enum.Enum):
    ANSWERED = "answered"
    BUSY = "busy"  # something holds the address but did not finish within the timeout
    NOBODY = "nobody"


def _send(address: str, key: bytes, message: bytes) -> _Answer:
    """Deliver ``message``, waiting at most ``_TIMEOUT_S``.

    ``Client`` has no timeout of its own (the handshake waits for the other end to accept),
    so it runs on a throwaway daemon thread that is simply abandoned if it takes too long.
    """
    outcome: list[_Answer] = []

    def deliver() -> None:
        try:
            with Client(address, authkey=key) as connection:
                connection.send_bytes(message)
            outcome.append(_Answer.ANSWERED)
        except (FileNotFoundError, ConnectionRefusedError):
            outcome.append(_Answer.NOBODY)  # no file, or one a crashed instance left behind
        except (OSError, EOFError, AuthenticationError):
            # A listener with another key, one that hung up mid-handshake, or (Windows) a
            # pipe busy with someone else: the address is held, so do not take it over.
            outcome.append(_Answer.BUSY)

    thread = threading.Thread(target=deliver, name="traymon-instance-client", daemon=True)
    thread.start()
    thread.join(_TIMEOUT_S)
    return outcome[0] if outcome else _Answer.BUSY


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; later ones signal it and get False."""

    show_requested = Signal()
    # Emitted on the listening thread; queued to this object's (the GUI) thread, which
    # then emits show_requested, so every receiver runs on the GUI thread.
    _requested_from_listener = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or instance_name()
        folder = private_folder()
        self._key = _shared_key(folder) if folder is not None else None
        if _WINDOWS:
            self.address: str | None = rf"\\.\pipe\{self.name}"
        else:
            path = str(folder / f"{self.name}.sock") if folder is not None else ""
            # Too long a path can be neither listened on nor asked: go without the guard.
            self.address = path if 0 < len(os.fsencode(path)) <= _MAX_SOCKET_PATH else None
        self._listener: Listener | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._requested_from_listener.connect(
            self.show_requested, Qt.ConnectionType.QueuedConnection
        )

    def claim(self) -> bool:
        if self.address is None or self._key is None:
            return True  # cannot guard; running twice beats not running at all
        if _send(self.address, self._key, _SHOW) is not _Answer.NOBODY:
            return False
        listener = self._listen(self.address, self._key)
        if listener is None:
            return True
        self._listener = listener
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._serve, args=(listener,), name="traymon-instance", daemon=True
        )
        self._thread.start()
        return True

    def release(self) -> None:
        """Stop listening and remove the socket; returns within about two seconds at worst."""
        listener, thread = self._listener, self._thread
        self._listener = self._thread = None
        if listener is None or thread is None:
            return
        self._stopping.set()
        if self.address is not None and self._key is not None:
            _send(self.address, self._key, _STOP)  # wakes accept(); nothing else can
        thread.join(_TIMEOUT_S)
        listener.close()  # also removes the socket file

    @staticmethod
    def _listen(address: str, key: bytes) -> Listener | None:
        try:
            return Listener(address, authkey=key)
        except OSError:
            if _WINDOWS:
                return None  # another process created the pipe first
        # The file of a crashed instance (nobody answered on it just now): take it over.
        with contextlib.suppress(OSError):
            Path(address).unlink()
        try:
            return Listener(address, authkey=key)
        except OSError:
            return None

    def _serve(self, listener: Listener) -> None:
        """Block in accept() (no polling, no idle CPU) until release() says stop."""
        failures = 0
        while not self._stopping.is_set() and failures < _MAX_FAILURES_IN_A_ROW:
            try:
                connection = listener.accept()
            except (OSError, EOFError, AuthenticationError):
                # A caller with the wrong key or one that hung up mid-handshake; many
                # in a row means the socket itself is broken: stop rather than spin.
                failures += 1
                continue
            failures = 0
            with connection:
                if self._read(connection) == _SHOW and not self._stopping.is_set():
                    self._requested_from_listener.emit()
        # release() closes the listener once this thread is done with it: closing it here
        # could remove the socket of a new claim made after a release that gave up waiting.

    @staticmethod
    def _read(connection: Connection) -> bytes:
        try:
            if connection.poll(_TIMEOUT_S):
                return connection.recv_bytes(64)
        except (OSError, EOFError):
            pass
        return b""
