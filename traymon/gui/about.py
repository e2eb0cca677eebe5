"""About and diagnostics: what a person pastes into a ticket to the IT helpdesk."""

from __future__ import annotations

import platform
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from traymon import __version__
from traymon.engine.events import TransitionEvent
from traymon.viewmodel import ServiceView


def diagnostics_text(
    views: Sequence[ServiceView],
    config_path: Path | None,
    history_path: Path | None,
    now: datetime,
    changes: Sequence[TransitionEvent] = (),
) -> str:
    """Plain facts, one per line, in English (helpdesks search for them).

    ``changes``: the last 24 hours of state changes, newest first ("was it down this morning?").
    """
    lines = [
        f"Traymon {__version__}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        f"Qt platform plugin: {QGuiApplication.platformName()}",
        f"System tray available: {QSystemTrayIcon.isSystemTrayAvailable()}",
        f"Notifications supported: {QSystemTrayIcon.supportsMessages()}",
        f"Configuration: {config_path or 'built-in defaults'}",
        f"History (last known states, 90 days): {history_path or 'in memory only'}",
        f"Report time: {now.isoformat(timespec='seconds')}",
        "",
    ]
    for view in views:
        checked = view.checked_at.isoformat(timespec="seconds") if view.checked_at else "never"
        latency = f"{view.latency_ms} ms" if view.latency_ms is not None else "-"
        lines.append(
            f"{view.service_id}: {view.status.value} ({view.triage.value}), "
            f"checked {checked}, {latency}: {view.summary}"
        )
    lines += ["", f"Changes in the last 24 hours: {len(changes) or 'none'}"]
    for change in changes:
        at = change.at.astimezone(now.tzinfo).isoformat(timespec="seconds")
        lines.append(
            f"{at} {change.service_id}: {change.old.value} -> {change.new.value} "
            f"({change.triage.value})"
        )
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, diagnostics: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Traymon — About and diagnostics"))
        self.setAccessibleName(self.tr("About Traymon and diagnostics"))
        intro = QLabel(
            self.tr(
                "Traymon {version} shows how your company's cloud services are doing.\n"
                "If you contact your IT helpdesk, copy the details below into your message."
            ).format(version=__version__)
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(diagnostics)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Diagnostics"))
        self.copy = QPushButton(self.tr("&Copy diagnostics"))
        self.copy.setAccessibleName(self.tr("Copy diagnostics to the clipboard"))
        self.copy.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
