"""About and diagnostics: the facts a helpdesk needs, copyable in one click."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.gui_data import NOW, result, view
from traymon import __version__
from traymon.gui.about import AboutDialog, diagnostics_text
from traymon.model import Status
from traymon.viewmodel import Triage, view_from_result

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)


def test_diagnostics_name_version_files_and_every_service(qtbot: QtBot, tmp_path: Path) -> None:
    views = [
        view_from_result(result("teams", Status.MAJOR_OUTAGE, "Calls drop")),
        view("outlook", Status.UNKNOWN, Triage.LOCAL, checked_at=None),
    ]
    text = diagnostics_text(views, tmp_path / "traymon.toml", tmp_path / "cache.json", NOW)
    lines = text.splitlines()
    assert lines[0] == f"Traymon {__version__}"
    assert f"Configuration: {tmp_path / 'traymon.toml'}" in lines
    assert "System tray available: False" in lines  # offscreen has none
    assert (
        "teams: major_outage (vendor), checked 2026-11-27T10:00:00+00:00, 120 ms: Calls drop"
        in lines
    )
    assert "outlook: unknown (local), checked never, -: Unknown" in lines
    assert "Configuration: built-in defaults" in diagnostics_text([], None, tmp_path, NOW)


def test_copy_puts_the_diagnostics_on_the_clipboard(qtbot: QtBot) -> None:
    dialog = AboutDialog("Traymon 0.1.0\nline two")
    qtbot.addWidget(dialog)
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == "Traymon 0.1.0\nline two"
    assert dialog.details.isReadOnly()
