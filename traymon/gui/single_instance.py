"""One Traymon per person: a second launch asks the first to show its window, then exits.

The first answers once its window was shown (or that nothing could show it yet), so the
second launch says "brought forward" only when that is true.

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
from PySide6.QtCore import QMetaMethod, QObject, Qt, Signal

_SHOW = b"show"
_STOP = b"stop"
# The first instance's answer to "show": its window was shown; nothing can show it yet
# (still starting); or no word either way (its GUI thread was busy, or it is quitting).
_SHOWN = b"shown"
_STARTING = b"starting"
_UNCONFIRMED = b"unconfirmed"
# A hung first instance must not keep a second launch waiting for long.
_TIMEOUT_S = 1.0
# How long the listener waits for the GUI thread to show the window; the caller waits a
# little longer for the answer, so a slow but working first instance is still heard.
_SHOW_WAIT_S = 1.0
_ANSWER_WAIT_S = _SHOW_WAIT_S + 0.5
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


class Answer(enum.Enum):
    """What the running instance made of a second launch's request."""

    SHOWN = "shown"  # it confirmed that its window was shown
    STARTING = "starting"  # it has no window to show yet (it is waiting for a tray)
    ANSWERED = "answered"  # it took the request but confirmed nothing
    BUSY = "busy"  # something holds the address but did not finish within the timeout
    NOBODY = "nobody"


def _send(address: str, key: bytes, message: bytes) -> Answer:
    """Deliver ``message``, waiting at most ``_TIMEOUT_S`` (plus ``_ANSWER_WAIT_S`` for "show").

    ``Client`` has no timeout of its own (the handshake waits for the other end to accept),
    so it runs on a throwaway daemon thread that is simply abandoned if it takes too long.
    """
    delivered = threading.Event()
    outcome: list[Answer] = []

    def deliver() -> None:
        try:
            with Client(address, authkey=key) as connection:
                connection.send_bytes(message)
                delivered.set()
                if message == _SHOW:
                    outcome.append(_confirmation(connection))
                else:
                    outcome.append(Answer.ANSWERED)
        except (FileNotFoundError, ConnectionRefusedError):
            outcome.append(Answer.NOBODY)  # no file, or one a crashed instance left behind
        except (OSError, EOFError, AuthenticationError):
            # A listener with another key, one that hung up mid-handshake, or (Windows) a
            # pipe busy with someone else: the address is held, so do not take it over.
            outcome.append(Answer.ANSWERED if delivered.is_set() else Answer.BUSY)
        finally:
            delivered.set()

    thread = threading.Thread(target=deliver, name="traymon-instance-client", daemon=True)
    thread.start()
    if not delivered.wait(_TIMEOUT_S):
        return Answer.BUSY
    thread.join(_ANSWER_WAIT_S)
    if outcome:
        return outcome[0]
    return Answer.ANSWERED  # delivered, but no word back in time: nothing is confirmed


def _confirmation(connection: Connection) -> Answer:
    """What the running instance says; silence or a hang-up (an older Traymon) confirm nothing."""
    try:
        said = connection.recv_bytes(64) if connection.poll(_ANSWER_WAIT_S) else b""
    except (OSError, EOFError):
        said = b""
    return {_SHOWN: Answer.SHOWN, _STARTING: Answer.STARTING}.get(said, Answer.ANSWERED)


class _Request:
    """One "show" from a second launch, handed from the listener to the GUI thread and back."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.reply = _UNCONFIRMED  # until the GUI thread has run the receivers


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; later ones signal it and get False.

    After a False claim, ``answer`` says what the running instance did: only
    ``Answer.SHOWN`` means it confirmed that its window was shown.
    """

    show_requested = Signal()
    # Emitted on the listening thread; queued to this object's (the GUI) thread, which
    # then emits show_requested, so every receiver runs on the GUI thread.
    _requested_from_listener = Signal(object)

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
        self._pending: _Request | None = None
        self.answer: Answer | None = None
        self._requested_from_listener.connect(
            self._show_on_gui_thread, Qt.ConnectionType.QueuedConnection
        )

    def claim(self) -> bool:
        if self.address is None or self._key is None:
            return True  # cannot guard; running twice beats not running at all
        self.answer = _send(self.address, self._key, _SHOW)
        if self.answer is not Answer.NOBODY:
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
        pending = self._pending
        if pending is not None:  # the GUI thread is here, quitting: "unconfirmed" at once
            pending.done.set()
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
                    self._answer_show(connection)
        # release() closes the listener once this thread is done with it: closing it here
        # could remove the socket of a new claim made after a release that gave up waiting.

    def _answer_show(self, connection: Connection) -> None:
        """Have the GUI thread show the window, then tell the caller whether it did."""
        request = _Request()
        self._pending = request
        self._requested_from_listener.emit(request)
        request.done.wait(_SHOW_WAIT_S)
        self._pending = None
        with contextlib.suppress(OSError, EOFError):
            connection.send_bytes(request.reply)

    def _show_on_gui_thread(self, request: _Request) -> None:
        # Nothing connected yet (the first launch still waits for its tray): nothing to
        # show, and the second launch must not be told that a window came forward.
        connected = self.isSignalConnected(QMetaMethod.fromSignal(self.show_requested))
        self.show_requested.emit()
        request.reply = _SHOWN if connected else _STARTING  # only now: the receivers have run
        request.done.set()

    @staticmethod
    def _read(connection: Connection) -> bytes:
        try:
            if connection.poll(_TIMEOUT_S):
                return connection.recv_bytes(64)
        except (OSError, EOFError):
            pass
        return b""
