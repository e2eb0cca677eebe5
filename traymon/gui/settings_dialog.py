"""The settings dialog: services (with search), interval, notifications, quiet hours, login start.

A setting whose key is in ``locked`` shows its value read-only with a padlock
and "Set by your IT department"; ``preferences()`` keeps the old value for it. IT's
shortest interval (``checks.min_interval``) is a floor, not a lock: the interval
offers nothing shorter and says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import time
from typing import TypeVar
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from traymon.config import ServiceConfig
from traymon.config.schema import MAX_INTERVAL_S
from traymon.gui.icons import lock_icon
from traymon.gui.notify_gate import QuietHours
from traymon.gui.preferences import Key, Preferences

T = TypeVar("T")
#: Where each list item keeps the words the search matches besides its name.
_WORDS_ROLE = Qt.ItemDataRole.UserRole + 1
_DEFAULT_QUIET = QuietHours(time(22, 0), time(7, 0))


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class SettingsDialog(QDialog):
    def __init__(
        self,
        prefs: Preferences,
        available: Sequence[ServiceConfig],
        watched: Sequence[str],
        locked: set[str] | frozenset[str] = frozenset(),
        parent: QWidget | None = None,
        keywords: Mapping[str, str] | None = None,
        floor_minutes: int = 1,
    ) -> None:
        """``available``: every service a person may pick (the catalogue, ~320);
        ``keywords``: extra words the search finds a service by (tags, homepage);
        ``floor_minutes``: the shortest interval IT allows, in minutes.
        """
        super().__init__(parent)
        self.setWindowTitle(self.tr("Traymon — Settings"))
        self.setAccessibleName(self.tr("Traymon settings"))
        self._prefs = prefs
        self.locked = frozenset(locked)
        self.lock_labels: dict[Key, QLabel] = {}

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search services…"))
        self.search.setAccessibleName(self.tr("Search services"))
        self.search.setClearButtonEnabled(True)
        self.services = QListWidget()
        self.services.setAccessibleName(self.tr("Services to watch (checked ones are watched)"))
        # The watched ones first, in their order, then the rest by name: with a catalogue
        # of hundreds, what is watched must not hide among what could be.
        rank = {service_id: n for n, service_id in enumerate(watched)}
        ordered = sorted(
            available, key=lambda s: (rank.get(s.id, len(rank)), s.name.casefold(), s.id)
        )
        words = keywords or {}
        for service in ordered:
            item = QListWidgetItem(service.name, self.services)
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            host = urlsplit(service.url).hostname or ""
            searched = f"{service.name} {service.id} {host} {words.get(service.id, '')}"
            item.setData(_WORDS_ROLE, searched)
            item.setToolTip(f"{service.name} — {host}" if host else service.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = service.id in rank
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        # Long names ("Amazon Web Services (Canada Central, ca-central-1)") end in "…" with
        # the whole name in the tooltip, rather than a sideways scroll bar.
        self.services.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.services.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.services.setMinimumHeight(self.services.sizeHintForRow(0) * 14)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of watched services"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.services.itemChanged.connect(self._update_count)
        self._update_count()
        self.search.textChanged.connect(self._filter)

        self.interval = QSpinBox()
        self.interval.setAccessibleName(self.tr("Minutes between checks"))
        floor = max(1, floor_minutes)
        self.interval.setRange(floor, MAX_INTERVAL_S // 60)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(max(floor, prefs.interval_s // 60))
        self.floor_note: QLabel | None = None
        if floor > 1:  # IT's floor, said where it applies (not a padlock: longer is allowed)
            self.floor_note = QLabel(
                self.tr("At least {minutes} min (set by your IT department)").format(minutes=floor)
            )

        self.notifications = QCheckBox(self.tr("Show &notifications when a service changes"))
        self.notifications.setChecked(prefs.notifications)
        self.quiet = QCheckBox(self.tr("&Quiet hours"))
        self.quiet.setAccessibleName(self.tr("Quiet hours: no notifications between these times"))
        quiet = prefs.quiet_hours or _DEFAULT_QUIET
        self.quiet.setChecked(prefs.quiet_hours is not None)
        self.quiet_start = QTimeEdit(_qtime(quiet.start))
        self.quiet_start.setAccessibleName(self.tr("Quiet hours start"))
        self.quiet_end = QTimeEdit(_qtime(quiet.end))
        self.quiet_end.setAccessibleName(self.tr("Quiet hours end"))
        self.quiet.toggled.connect(self._update_quiet_enabled)
        self.start_at_login = QCheckBox(self.tr("Start Traymon when I &log in"))
        self.start_at_login.setChecked(prefs.start_at_login)
        self.show_count = QCheckBox(self.tr("Show the number of affected services on the icon"))
        self.show_count.setChecked(prefs.show_count)

        self._layout(available)
        self._apply_locks()
        self._update_quiet_enabled()

    def _layout(self, available: Sequence[ServiceConfig]) -> None:
        services = QVBoxLayout()
        services.addWidget(self.search)
        services.addWidget(self.services)
        services.addWidget(self.count)
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel(self.tr("to")))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Services:"), self._row(Key.SERVICES, services))
        interval_row = QHBoxLayout()
        interval_row.addWidget(self.interval)
        if self.floor_note is not None:
            interval_row.addWidget(self.floor_note)
        interval_row.addStretch(1)
        form.addRow(self.tr("Check &every:"), self._row(Key.INTERVAL, interval_row))
        form.addRow(self.tr("Notifications:"), self._row(Key.NOTIFICATIONS, self.notifications))
        form.addRow("", self._row(Key.QUIET_HOURS, quiet_row))
        form.addRow(self.tr("Start:"), self.start_at_login)
        form.addRow(self.tr("Icon:"), self._row(Key.SHOW_COUNT, self.show_count))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if not available:
            self.services.setEnabled(False)

    def _row(self, key: Key, content: QWidget | QVBoxLayout | QHBoxLayout) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if isinstance(content, QWidget):
            layout.addWidget(content, 1)
        else:
            layout.addLayout(content, 1)
        if key.value in self.locked:
            lock = QLabel()
            lock.setPixmap(lock_icon().pixmap(16, 16))
            lock.setAccessibleName(self.tr("Locked"))
            text = QLabel(self.tr("Set by your IT department"))
            layout.addWidget(lock)
            layout.addWidget(text)
            self.lock_labels[key] = text
        return row

    def _widgets(self, key: Key) -> list[QWidget]:
        widgets: dict[Key, list[QWidget]] = {
            Key.SERVICES: [self.search, self.services, self.count],
            Key.INTERVAL: [self.interval],
            Key.NOTIFICATIONS: [self.notifications],
            Key.QUIET_HOURS: [self.quiet, self.quiet_start, self.quiet_end],
            Key.SHOW_COUNT: [self.show_count],
        }
        return widgets[key]

    def _apply_locks(self) -> None:
        for key in Key:
            if key.value in self.locked:
                for widget in self._widgets(key):
                    widget.setEnabled(False)
                    widget.setToolTip(self.tr("Set by your IT department"))
                    name = widget.accessibleName() or widget.objectName()
                    widget.setAccessibleName(
                        self.tr("{name} (set by your IT department)").format(name=name)
                    )

    def _update_quiet_enabled(self) -> None:
        editable = Key.QUIET_HOURS.value not in self.locked and self.quiet.isChecked()
        self.quiet_start.setEnabled(editable)
        self.quiet_end.setEnabled(editable)

    def _filter(self, text: str) -> None:
        """Every word typed must appear in the name, id, tags or homepage ("atlassian jira")."""
        needles = text.casefold().split()
        for row in range(self.services.count()):
            item = self.services.item(row)
            haystack = str(item.data(_WORDS_ROLE)).casefold()
            item.setHidden(not all(n in haystack for n in needles))

    def _update_count(self) -> None:
        count = len(self.watched_ids())
        # Two strings, not Qt's %n: English would need a plural translation file of its own.
        if count == 1:
            self.count.setText(self.tr("Watching 1 service"))
        else:
            self.count.setText(self.tr("Watching {count} services").format(count=count))
        # Watching nothing is no choice to store (an empty list means "the whole list").
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(count > 0 or not self.services.count())

    def watched_ids(self) -> tuple[str, ...]:
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.services.item(r) for r in range(self.services.count()))
            if item.checkState() is Qt.CheckState.Checked
        )

    def preferences(self) -> Preferences:
        """The person's choices; locked keys keep their previous value."""
        old = self._prefs
        quiet = (
            QuietHours(_time(self.quiet_start.time()), _time(self.quiet_end.time()))
            if self.quiet.isChecked()
            else None
        )
        return Preferences(
            service_ids=self._pick(Key.SERVICES, self.watched_ids(), old.service_ids),
            interval_s=self._pick(Key.INTERVAL, self.interval.value() * 60, old.interval_s),
            notifications=self._pick(
                Key.NOTIFICATIONS, self.notifications.isChecked(), old.notifications
            ),
            quiet_hours=self._pick(Key.QUIET_HOURS, quiet, old.quiet_hours),
            start_at_login=self.start_at_login.isChecked(),
            show_count=self.show_count.isChecked(),
            components=old.components,  # chosen in a service's details, not here
        )

    def _pick(self, key: Key, new: T, current: T) -> T:
        return current if key.value in self.locked else new
