"""The log file rotates, so a chatty week cannot fill a disk."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from traymon import logs

pytestmark = pytest.mark.linux_only  # needs the XDG log folder and POSIX modes


@pytest.fixture
def traymon_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("traymon")
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.propagate = True
    logger.setLevel(logging.NOTSET)


def test_log_rotates_and_keeps_a_bounded_number_of_files(
    tmp_path: Path, traymon_logger: logging.Logger
) -> None:
    path = logs.setup_logging(directory=tmp_path)
    assert path == tmp_path / "traymon.log"
    line = "x" * 1000
    for _ in range(logs.MAX_BYTES * (logs.BACKUPS + 2) // 1000):
        logging.getLogger("traymon.test").info(line)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["traymon.log", *(f"traymon.log.{n}" for n in range(1, logs.BACKUPS + 1))]
    assert all(p.stat().st_size <= logs.MAX_BYTES + 2000 for p in tmp_path.iterdir())


def test_level_follows_the_setting_and_setup_can_run_twice(
    tmp_path: Path, traymon_logger: logging.Logger
) -> None:
    logs.setup_logging(directory=tmp_path)
    logs.setup_logging(directory=tmp_path)
    assert len(traymon_logger.handlers) == 1
    logs.set_level("warning")
    logging.getLogger("traymon.test").info("not written")
    logging.getLogger("traymon.test").warning("written")
    text = (tmp_path / "traymon.log").read_text()
    assert "written" in text and "not written" not in text


def test_default_folder_is_the_platforms_user_log_folder(isolated_env: dict[str, str]) -> None:
    assert logs.log_dir() == Path(isolated_env["XDG_STATE_HOME"]) / "traymon" / "log"
