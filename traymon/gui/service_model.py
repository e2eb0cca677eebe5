"""The services as a Qt table model, and the sortable "problems only" view of it."""

from __future__ import annotations

import enum
import html
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from traymon.gui.icons import state_icon
from traymon.gui.reason_words import view_summary
from traymon.gui.wording import age_words, clock_time, latency_words, state_label, triage_label
from traymon.viewmodel import ServiceView


def _as_words(text: str) -> str | None:
    """``text`` as a tooltip that shows it literally: ``<a href=…>`` stays characters."""
    if not text:
        return None
    # Marked up on purpose (a <p>), so Qt never guesses; the text inside is escaped.
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


Index = QModelIndex | QPersistentModelIndex

#: The role that sorts: severity for the state, seconds for times, text otherwise.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SERVICE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(enum.IntEnum):
    SERVICE = 0
    STATE = 1
    VERDICT = 2
    CHECKED = 3
    LATENCY = 4
    SUMMARY = 5  # last: it takes the rest of the width, the detail pane shows it in full


class ServiceTableModel(QAbstractTableModel):
    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._views: list[ServiceView] = []

    def headers(self) -> dict[Column, str]:
        return {
            Column.SERVICE: self.tr("Service"),
            Column.STATE: self.tr("State"),
            Column.VERDICT: self.tr("Whose problem"),
            Column.SUMMARY: self.tr("Summary"),
            Column.CHECKED: self.tr("Last checked"),
            Column.LATENCY: self.tr("Latency"),
        }

    def set_views(self, views: Iterable[ServiceView]) -> None:
        self.beginResetModel()
        self._views = list(views)
        self.endResetModel()

    def update_view(self, view: ServiceView) -> None:
        for row, old in enumerate(self._views):
            if old.service_id == view.service_id:
                self._views[row] = view
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
                return

    def refresh_ages(self) -> None:
        if self._views:
            top, bottom = (
                self.index(0, Column.CHECKED),
                self.index(len(self._views) - 1, Column.CHECKED),
            )
            self.dataChanged.emit(top, bottom)

    def view_at(self, row: int) -> ServiceView:
        return self._views[row]

    def row_of(self, service_id: str) -> int | None:
        return next((r for r, v in enumerate(self._views) if v.service_id == service_id), None)

    def views(self) -> list[ServiceView]:
        return list(self._views)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's names)
        return 0 if parent.isValid() else len(self._views)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self._views[index.row()]
        column = Column(index.column())
        if role == SERVICE_ID_ROLE:
            return view.service_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(view, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.VERDICT:
            return _as_words(self._text(view, column))  # cut with "…" when the table is narrow
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.SUMMARY:
            # Qt draws a tooltip as rich text when it looks like markup; the summary is the
            # vendor's words (an incident title), so it is escaped to show as the words it is.
            return _as_words(view_summary(view))
        if role == Qt.ItemDataRole.DecorationRole and column is Column.STATE:
            return state_icon(view.shown_state)  # a failure from here: never the green check
        if role == SORT_ROLE:
            return self._sort_key(view, column)
        return None

    def _text(self, view: ServiceView, column: Column) -> str:
        if column is Column.SERVICE:
            return view.name
        if column is Column.STATE:
            return state_label(view.shown_state)
        if column is Column.VERDICT:
            return triage_label(view.triage, view.vendor, view.where)
        if column is Column.SUMMARY:
            return view_summary(view)
        if column is Column.CHECKED:
            if view.checked_at is None:
                return self.tr("not checked yet")
            age = age_words(view.age_s(self._clock()))
            return self.tr("{time} ({age})").format(time=clock_time(view.checked_at), age=age)
        return latency_words(view.latency_ms)

    def _sort_key(self, view: ServiceView, column: Column) -> Any:
        if column is Column.STATE:
            return view.shown_severity
        if column is Column.CHECKED:
            return view.checked_at.timestamp() if view.checked_at else 0.0
        if column is Column.LATENCY:
            return view.latency_ms if view.latency_ms is not None else -1
        return self._text(view, column).casefold()


class ProblemsFilter(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; with ``problems_only`` hides services that are plainly fine."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems_only = False
        self.setSortRole(SORT_ROLE)

    @property
    def problems_only(self) -> bool:
        return self._problems_only

    def set_problems_only(self, value: bool) -> None:
        self.beginFilterChange()
        self._problems_only = value
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._problems_only:
            return True
        model = self.sourceModel()
        assert isinstance(model, ServiceTableModel)
        return model.view_at(source_row).has_problem
