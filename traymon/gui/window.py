"""The detail window: every service with its state, summary and when it was last checked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from traymon.config import ServiceConfig
from traymon.gui.icons import state_icon
from traymon.model import CheckResult, Status, worst

WINDOW_TITLE = "Traymon — cloud service status"
_COLUMNS = ("Service", "State", "Summary", "Last checked")


class DetailWindow(QWidget):
    def __init__(self, services: tuple[ServiceConfig, ...]) -> None:
        super().__init__()
        self.setWindowTitle(WINDOW_TITLE)
        self.setObjectName("detailWindow")
        self.resize(760, 360)
        self._rows = {service.id: row for row, service in enumerate(services)}

        self.headline = QLabel("Checking your services…")
        self.headline.setAccessibleName("Overall state")
        self.table = QTableWidget(len(services), len(_COLUMNS))
        self.table.setAccessibleName("Services")
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, service in enumerate(services):
            self.table.setItem(row, 0, QTableWidgetItem(service.name))
            self._set_state(row, Status.UNKNOWN, "Not checked yet", "—")
        self.table.resizeColumnsToContents()

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table)
        self._states: dict[str, Status] = {}

    def show_result(self, result: CheckResult) -> None:
        row = self._rows.get(result.service_id)
        if row is None:
            return
        checked = result.checked_at.astimezone().strftime("%H:%M:%S")
        self._set_state(row, result.status, result.summary, checked)
        self._states[result.service_id] = result.status
        overall = worst(self._states.values())
        self.headline.setText(f"Overall: {overall.label}")

    def _set_state(self, row: int, status: Status, summary: str, checked: str) -> None:
        state = QTableWidgetItem(state_icon(status), status.label)
        state.setData(Qt.ItemDataRole.AccessibleTextRole, status.label)
        self.table.setItem(row, 1, state)
        summary_item = QTableWidgetItem(summary)
        summary_item.setToolTip(summary)
        self.table.setItem(row, 2, summary_item)
        self.table.setItem(row, 3, QTableWidgetItem(checked))
