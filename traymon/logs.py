"""Traymon's log file: rotated, in the platform's user log folder, never holding a secret.

Secrets never reach a log call in the first place (``traymon.secrets`` hands values
only to the HTTP client); ``tests/test_secrets.py`` scans the logs to keep it so. What
servers say can still carry one (a sign-in endpoint echoing the client secret, a token in
an address), so every record passes ``traymon.redact`` on its way to our handlers. The
files are the user's: 0600 (rotated ones too) in 0700 folders.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs

from traymon.paths import APP_NAME
from traymon.private_files import FILE_MODE, private_file, private_folder
from traymon.redact import redact_text

LOG_FILE = "traymon.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_LEVELS["error"] = logging.ERROR
_OURS = "_traymon_handler"


class RedactingFilter(logging.Filter):
    """Secret values out of the message, its arguments and any traceback (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format call: emit() reports it through handleError
            return True
        record.msg, record.args = redact_text(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created 0600 (rotation renames, then opens anew)."""

    def _open(self) -> io.TextIOWrapper:
        # The base class's open, given an opener that creates the file 0600 (no umask games:
        # the umask is the whole process's, and the engine's thread creates files too).
        open_file = getattr(self, "_builtin_open", open)
        stream = open_file(
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=_private_opener,
        )
        private_file(Path(self.baseFilename))  # an older version's 0644 file
        assert isinstance(stream, io.TextIOWrapper)  # text mode, as the base class opens it
        return stream


def _private_opener(path: str, flags: int) -> int:
    return os.open(path, flags, FILE_MODE)


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(console: bool = False, directory: Path | None = None) -> Path:
    """Log to a rotating file (and warnings to stderr when ``console``); returns the file.

    Safe to call again (each call replaces the handlers of the previous one).
    """
    logger = logging.getLogger(APP_NAME)
    for handler in [h for h in logger.handlers if getattr(h, _OURS, False)]:
        logger.removeHandler(handler)
        handler.close()
    path = (directory or log_dir()) / LOG_FILE
    handlers: list[logging.Handler] = []
    try:
        private_folder(path.parent)
        for old in path.parent.glob(f"{LOG_FILE}*"):  # rotated ones an older version wrote
            private_file(old)
        handlers.append(
            PrivateRotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        )
    except OSError as exc:  # a read-only home must not stop the app
        print(f"Traymon cannot write its log to {path} ({exc.strerror}).", file=sys.stderr)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
    if console:
        to_stderr = logging.StreamHandler(sys.stderr)
        to_stderr.setLevel(logging.WARNING)
        to_stderr.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handlers.append(to_stderr)
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        setattr(handler, _OURS, True)
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return path


def set_level(name: str) -> None:
    logging.getLogger(APP_NAME).setLevel(_LEVELS.get(name, logging.INFO))
