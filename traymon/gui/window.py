"""The detail window: the services (sortable, "problems only"), and the chosen one in detail."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from traymon.gui.announcement_banner import AnnouncementBanner
from traymon.gui.placement import Rect, near_tray
from traymon.gui.service_detail import ServiceDetail
from traymon.gui.service_model import SERVICE_ID_ROLE, Column, ProblemsFilter, ServiceTableModel
from traymon.gui.timeline import TimelineView
from traymon.gui.wording import state_label
from traymon.viewmodel import (
    ServiceView,
    announcements_in_force,
    tray_state,
)

WINDOW_TITLE = "Traymon — cloud service status"
DEFAULT_SIZE = (920, 540)
AGE_REFRESH_MS = 30_000
_GEOMETRY_KEY = "window/geometry"


def _local_now() -> datetime:
    return datetime.now().astimezone()


class DetailWindow(QWidget):
    def __init__(
        self,
        views: Iterable[ServiceView],
        settings: QSettings | None = None,
        clock: Callable[[], datetime] = _local_now,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._clock = clock
        self.setObjectName("detailWindow")
        self.setWindowTitle(self.tr("Traymon — cloud service status"))
        self.setAccessibleName(self.tr("Traymon service status"))
        self.resize(*DEFAULT_SIZE)

        self.banner = AnnouncementBanner(self)
        self.headline = QLabel(self.tr("Checking your services…"))
        self.headline.setAccessibleName(self.tr("Overall state"))
        self.problems_only = QCheckBox(self.tr("&Problems only"))
        self.problems_only.setAccessibleName(self.tr("Show only services with problems"))
        self.model = ServiceTableModel(clock, self)
        self.proxy = ProblemsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.detail = ServiceDetail()
        self.problems_only.toggled.connect(self.proxy.set_problems_only)

        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.problems_only)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        # Long incident texts and component lists scroll rather than being cut off.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setAccessibleName(self.tr("Service details"))
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_scroll.setWidget(self.detail)
        splitter.addWidget(self.detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([DEFAULT_SIZE[0] * 3 // 5, DEFAULT_SIZE[0] * 2 // 5])
        # Below the services, what changed lately ("was it down this morning?").
        self.timeline = TimelineView(clock, self)
        self.timeline.service_activated.connect(self.select_service)
        self.timeline.redrawn.connect(self._show_recent_changes)
        sections = QSplitter(Qt.Orientation.Vertical)
        sections.setChildrenCollapsible(False)
        sections.addWidget(splitter)
        sections.addWidget(self.timeline)
        sections.setStretchFactor(0, 3)
        sections.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)  # IT's word first, above everything else
        layout.addLayout(top)
        layout.addWidget(sections, 1)
        self.setTabOrder(self.problems_only, self.table)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        self._ages = QTimer(self)
        self._ages.setInterval(AGE_REFRESH_MS)
        self._ages.timeout.connect(self._refresh_ages)
        # Runs only while the window is shown: a hidden window must not wake the laptop.
        self.set_views(views)
        self._restore_size()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName(self.tr("Services"))
        table.setSortingEnabled(True)
        table.sortByColumn(Column.STATE, Qt.SortOrder.DescendingOrder)  # worst first
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.SUMMARY, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    # -- data ---------------------------------------------------------------------------------

    def set_views(self, views: Iterable[ServiceView]) -> None:
        self.model.set_views(views)
        self._update_headline()
        self._show_current()

    def show_view(self, view: ServiceView) -> None:
        self.model.update_view(view)
        self._update_headline()
        if self.current_service_id() == view.service_id:
            self.detail.show_view(view, self._clock())

    def current_service_id(self) -> str | None:
        index = self.table.currentIndex()
        return str(index.data(SERVICE_ID_ROLE)) if index.isValid() else None

    def select_service(self, service_id: str) -> bool:
        """Select ``service_id`` (showing all services if the filter hid it)."""
        row = self.model.row_of(service_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.problems_only.setChecked(False)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _show_current(self) -> None:
        service_id = self.current_service_id()
        row = self.model.row_of(service_id) if service_id else None
        if row is None:
            self.detail.show_nothing()
        else:
            self.detail.show_view(self.model.view_at(row), self._clock())
            self._show_recent_changes()

    def _show_recent_changes(self) -> None:
        service_id = self.current_service_id()
        if service_id is not None:
            self.detail.show_changes(self.timeline.lines(service_id))

    @property
    def refreshing_ages(self) -> bool:
        """Whether the "n min ago" timer runs (only while the window is shown)."""
        return self._ages.isActive()

    def _show_banner(self, views: Iterable[ServiceView]) -> None:
        now = self._clock()
        self.banner.show_announcements(announcements_in_force(views, now), now)

    def _refresh_ages(self) -> None:
        self._show_banner(self.model.views())  # one past its end goes before the next check
        self.model.refresh_ages()
        self.timeline.refresh()
        self._show_current()

    def _update_headline(self) -> None:
        views = self.model.views()
        self._show_banner(views)
        if all(v.checked_at is None for v in views):
            return
        self.headline.setText(
            self.tr("Overall: {state}").format(state=state_label(tray_state(views)))
        )

    # -- where it opens -----------------------------------------------------------------------

    def open_near(self, tray_geometry: QRect | None) -> None:
        """Show and raise: where the person left it, else next to the tray on the tray's screen."""
        restored = self._restore_position()
        if not restored and not self.isVisible():
            # A window shown for the first time is mapped where it was when shown: place it
            # before, then again once its frame (title bar, borders) is known.
            self._place_near(tray_geometry)
        self.show()
        if not restored:
            self._place_near(tray_geometry)
        self.raise_()
        self.activateWindow()
        self.table.setFocus()

    def _place_near(self, tray_geometry: QRect | None) -> None:
        if tray_geometry is None or tray_geometry.isEmpty():
            return  # no tray position known (Wayland, some docks): the window manager decides
        screen = QGuiApplication.screenAt(tray_geometry.center()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        if frame.width() > area.width() or frame.height() > area.height():  # a small screen
            extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
            self.resize(
                min(self.width(), area.width() - extra_w),
                min(self.height(), area.height() - extra_h),
            )
            frame = self.frameGeometry()
        x, y = near_tray(
            Rect(
                tray_geometry.x(), tray_geometry.y(), tray_geometry.width(), tray_geometry.height()
            ),
            (frame.width(), frame.height()),
            Rect(area.x(), area.y(), area.width(), area.height()),
        )
        self.move(x, y)

    def _restore_size(self) -> None:
        saved = self._saved_geometry()
        if saved is not None:
            position = self.pos()
            self.restoreGeometry(saved)
            self.move(position)  # the position is decided when the window opens

    def _restore_position(self) -> bool:
        saved = self._saved_geometry()
        if saved is None or not self.restoreGeometry(saved):
            return False
        # A screen may have been unplugged since: only trust positions on a screen that exists.
        return QGuiApplication.screenAt(self.frameGeometry().center()) is not None

    def _saved_geometry(self) -> QByteArray | None:
        if self._settings is None:
            return None
        value = self._settings.value(_GEOMETRY_KEY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_geometry(self) -> None:
        if self._settings is not None:
            self._settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
            self._settings.sync()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self._refresh_ages()  # ages went on while it was hidden
        self._ages.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        self._ages.stop()
        self.save_geometry()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_geometry()
        super().closeEvent(event)
