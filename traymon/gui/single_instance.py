"""One Traymon per person: a second launch asks the first to show its window, then exits.

A local socket (a named pipe on Windows, a Unix socket elsewhere) named after
the user's home folder, so two people on one machine each get their own.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_SHOW = b"show\n"
_TIMEOUT_MS = 1000


def instance_name(home: Path | None = None) -> str:
    home = home or Path.home()
    key = f"{getpass.getuser()}:{home.resolve()}".encode()
    return "traymon-" + hashlib.sha256(key).hexdigest()[:16]


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; later ones signal it and get False."""

    show_requested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or instance_name()
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        if self._ask_running_instance():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Nobody answered, so the name is left over from a crash: take it over.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot guard; running twice beats not running at all
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _ask_running_instance(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write(_SHOW)
        socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The caller writes one short line right after connecting: read it here rather
            # than keeping per-socket callbacks alive.
            if socket.bytesAvailable() or socket.waitForReadyRead(_TIMEOUT_MS):
                request = bytes(socket.readAll().data())
                if request.startswith(_SHOW.strip()):
                    self.show_requested.emit()
            socket.abort()
            socket.deleteLater()
