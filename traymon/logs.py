"""Traymon's log file: rotated, in the platform's user log folder, never holding a secret.

Secrets never reach a log call in the first place (``traymon.secrets`` hands values
only to the HTTP client); ``tests/test_secrets.py`` scans the logs to keep it so.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import platformdirs

from traymon.paths import APP_NAME

LOG_FILE = "traymon.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_LEVELS["error"] = logging.ERROR
_OURS = "_traymon_handler"


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
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
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
        setattr(handler, _OURS, True)
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return path


def set_level(name: str) -> None:
    logging.getLogger(APP_NAME).setLevel(_LEVELS.get(name, logging.INFO))
