"""The window: the answer first (headline, cards, the rest in one line), and one click away
the details (the services sortable, "problems only", the chosen one in detail, what happened)."""

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
    Signal,
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
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from traymon.app.presenter import Action, ActionKind, Screen, present
from traymon.gui.announcement_banner import AnnouncementBanner
from traymon.gui.answer_view import AnswerView
from traymon.gui.links import open_it_link, open_vendor_link
from traymon.gui.placement import Rect, near_tray
from traymon.gui.service_detail import ServiceDetail
from traymon.gui.service_model import SERVICE_ID_ROLE, Column, ProblemsFilter, ServiceTableModel
from traymon.gui.timeline import TimelineView
from traymon.model import CheckResult
from traymon.viewmodel import ServiceView, announcements_in_force, view_from_result

WINDOW_TITLE = "Traymon — cloud service status"
DEFAULT_SIZE = (760, 560)
AGE_REFRESH_MS = 30_000
_GEOMETRY_KEY = "window/geometry"


def _local_now() -> datetime:
    return datetime.now().astimezone()


class DetailWindow(QWidget):
    #: The person asked to switch the mail client to the backup (a card's or the headline's
    #: button); the session hands it to the mail switch. The service id it was asked on.
    switch_requested = Signal(str)

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
        self._offline = False
        self._switchable: frozenset[str] = frozenset()
        self.answer = AnswerView(self)
        self.answer.action_triggered.connect(self.run_action)
        self.answer.details_requested.connect(lambda: self.show_details())
        self.headline = self.answer.headline
        self.back = QPushButton(self.tr("← &Back to the overview"))
        self.back.setAccessibleName(self.tr("Back to the overview"))
        self.back.clicked.connect(self.show_answer)
        self.problems_only = QCheckBox(self.tr("&Problems only"))
        self.problems_only.setAccessibleName(self.tr("Show only services with problems"))
        self.model = ServiceTableModel(clock, self)
        self.proxy = ProblemsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.detail = ServiceDetail()
        self.problems_only.toggled.connect(self.proxy.set_problems_only)

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addStretch(1)
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
        # "Since" comes from the changes; a burst of them (history read at opening) is one
        # redraw of the answer, after the burst.
        self._answer_due = QTimer(self)
        self._answer_due.setSingleShot(True)
        self._answer_due.setInterval(0)
        self._answer_due.timeout.connect(self._update_headline)
        self.timeline.redrawn.connect(self._answer_due.start)
        sections = QSplitter(Qt.Orientation.Vertical)
        sections.setChildrenCollapsible(False)
        sections.addWidget(splitter)
        sections.addWidget(self.timeline)
        sections.setStretchFactor(0, 3)
        sections.setStretchFactor(1, 1)
        details = QWidget()
        details.setAccessibleName(self.tr("All services and details"))
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addLayout(top)
        details_layout.addWidget(sections, 1)
        # The answer first; the table and the detail pane one click away.
        self.pages = QStackedWidget()
        self.pages.addWidget(self.answer)
        self.pages.addWidget(details)
        self.details_page = details
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)  # IT's word first, above everything else
        layout.addWidget(self.pages, 1)
        self.setTabOrder(self.back, self.problems_only)
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
        # Whose problem takes the rest and is cut with "…" (its words are in the detail
        # pane): the table never scrolls sideways. Latency and summary are there too.
        header.setSectionResizeMode(Column.VERDICT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        table.setColumnHidden(Column.LATENCY, True)
        table.setColumnHidden(Column.SUMMARY, True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setWordWrap(False)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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

    def show_result(self, result: CheckResult) -> None:
        """The bridge's contract: one fresh answer."""
        self.show_view(view_from_result(result))

    def set_offline(self, offline: bool) -> None:
        """The engine's network verdict: this PC reaches nothing."""
        self._offline = offline
        self._update_headline()

    def set_mail_switch(self, service_ids: frozenset[str]) -> None:
        """The services whose card may offer "Switch mail to backup" now."""
        self._switchable = service_ids
        self._update_headline()

    @property
    def screen_shown(self) -> Screen | None:
        return self.answer.screen_shown

    def run_action(self, action: Action) -> None:
        """A button of the answer: open IT's or the vendor's page, switch, or show details."""
        if action.kind in (ActionKind.OPEN_WEBMAIL, ActionKind.IT_LINK):
            open_it_link(action.url)
        elif action.kind is ActionKind.STATUS_PAGE:
            open_vendor_link(action.url)
        elif action.kind is ActionKind.SWITCH_MAIL:
            self.switch_requested.emit(action.service_id)
        else:
            self.show_details(action.service_id)

    def show_details(self, service_id: str = "") -> None:
        """The table and the detail pane, at ``service_id`` when given."""
        self.pages.setCurrentWidget(self.details_page)
        if service_id:
            self.select_service(service_id)
        elif self.current_service_id() is None and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.table.setFocus()

    def show_answer(self) -> None:
        self.pages.setCurrentWidget(self.answer)
        self._focus_answer()

    @property
    def showing_details(self) -> bool:
        return self.pages.currentWidget() is self.details_page

    def _focus_answer(self) -> None:
        buttons = self.answer.headline_buttons()
        (buttons[0] if buttons else self.answer.details).setFocus()

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
        screen = present(
            views,
            offline=self._offline,
            switchable=self._switchable,
            changed_at=self._changed_at(),
        )
        self.answer.show_screen(screen, self._clock())

    def _changed_at(self) -> dict[str, datetime]:
        """When each service's current state began: its newest change in "What happened"."""
        since: dict[str, datetime] = {}
        for event in self.timeline.events():  # newest first
            since.setdefault(event.service_id, event.at)
        return since

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
        if self.showing_details:
            self.table.setFocus()
        else:
            self._focus_answer()

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
