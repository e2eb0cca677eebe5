"""One service in detail: components, open incidents, freshness, latency, history, fallback."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from traymon.gui.links import open_it_link, open_vendor_link
from traymon.gui.reason_words import view_summary
from traymon.gui.uptime_bar import UptimeBar
from traymon.gui.wording import (
    age_words,
    clock_time,
    latency_words,
    state_label,
    triage_label,
    triage_sentence,
)
from traymon.links import safe_link
from traymon.model import Component, Status
from traymon.sources.summary import words
from traymon.viewmodel import IconState, ServiceView

_log = logging.getLogger(__name__)
RECENT_LINES = 5  # a glance; "What happened" below the services has every change


def _label(name: str, rich: bool = False) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    # Keyboard users can tab into the text and its links, and select it to copy.
    flags = (
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    if rich:
        # Never setOpenExternalLinks: Qt would open any scheme (file:, smb:, ms-msdt:…).
        # A click reaches the label's linkActivated, which goes through open_vendor_link.
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(False)
        flags |= (
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
    else:
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(flags)
    return label


#: Operational components listed by name before the rest are only counted: a page like
#: Zoom's or Atlassian's has a hundred, and a person looks for the ones in trouble.
OPERATIONAL_SHOWN = 8


def _worst_first(components: tuple[Component, ...]) -> list[Component]:
    """Problems on top; otherwise the vendor's order (sorted() is stable)."""
    return sorted(components, key=lambda c: -c.status.severity)


def _operational(component: Component) -> bool:
    return component.status is Status.OPERATIONAL


class ServiceDetail(QWidget):
    #: The person's "It's not working for me" (a service id): one fleet report, sent now.
    not_working = Signal(str)
    #: "Watch only these…" (a service id): the session opens gui/watch_components.py.
    watch_components_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Service details"))
        self.title = _label(self.tr("Service"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.verdict = _label(self.tr("State and whose problem it is"))
        self.checked = _label(self.tr("Last checked"))
        self.latency = _label(self.tr("Latency"))
        self.components = _label(self.tr("Components"))
        self.incidents = _label(self.tr("Open incidents"), rich=True)
        self.incidents.linkActivated.connect(open_vendor_link)
        self.history = UptimeBar()
        self.recent = _label(self.tr("Changes in the last 24 hours"))
        self.fallback_box = QGroupBox(self.tr("What to do meanwhile"))
        self.fallback_box.setAccessibleName(self.tr("Fallback instructions"))
        self.fallback = _label(self.tr("Fallback instructions"))
        # IT's Markdown arrives as a safe HTML subset; its links open only through the
        # buttons below (https, mailto, tel), never from the text itself.
        self.fallback.setTextFormat(Qt.TextFormat.RichText)
        self.fallback.setOpenExternalLinks(False)
        self.fallback_buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the instructions"))
        self.copy_button.clicked.connect(self._copy_fallback)
        self._copy_text = ""
        self._logged = ""
        box = QVBoxLayout(self.fallback_box)
        box.addWidget(self.fallback)
        box.addLayout(self.fallback_buttons)

        form = QFormLayout()
        form.addRow(self.tr("State:"), self.verdict)
        form.addRow(self.tr("Checked:"), self.checked)
        form.addRow(self.tr("Latency:"), self.latency)
        form.addRow(self.tr("Components:"), self.components)
        form.addRow(self.tr("Incidents:"), self.incidents)
        form.addRow(self.tr("90 days:"), self.history)
        form.addRow(self.tr("Last 24 h:"), self.recent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.fallback_box)
        # Counted like a failed probe in this desktop's next fleet report (only shown when
        # policy turns the reports on: a button that goes nowhere would mislead).
        self.not_working_button = QPushButton(self.tr("It's not working for me"))
        self.not_working_button.clicked.connect(self._not_working)
        self.not_working_button.hide()
        self._reporting = False
        self._service_id = ""
        layout.addWidget(self.not_working_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.watch_button = QPushButton(self.tr("Watch only these…"))
        self.watch_button.setAccessibleName(self.tr("Choose the components to watch"))
        self.watch_button.clicked.connect(
            lambda: self.watch_components_requested.emit(self._service_id)
        )
        self.watch_button.hide()
        self._choosable: frozenset[str] = frozenset()
        layout.addWidget(self.watch_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.show_nothing()

    def set_reporting(self, enabled: bool) -> None:
        self._reporting = enabled

    def set_choosable(self, service_ids: frozenset[str]) -> None:
        """The services whose components the person may choose (kind and policy allow it)."""
        self._choosable = service_ids

    def _not_working(self) -> None:
        if self._service_id:
            self.not_working.emit(self._service_id)
            self.not_working_button.setEnabled(False)
            self.not_working_button.setText(self.tr("Thank you: counted for your site"))

    def show_nothing(self) -> None:
        self.title.setText(self.tr("Choose a service to see its details."))
        self._service_id = ""
        self.not_working_button.hide()
        self.watch_button.hide()
        for label in (self.verdict, self.checked, self.latency, self.components, self.incidents):
            label.clear()
        self.recent.clear()
        self.fallback_box.hide()

    def show_view(self, view: ServiceView, now: datetime) -> None:
        if view.service_id != self._service_id:
            self._service_id = view.service_id
            self.not_working_button.setEnabled(True)
            self.not_working_button.setText(self.tr("It's not working for me"))
        self.not_working_button.setVisible(self._reporting)
        self.watch_button.setVisible(view.service_id in self._choosable and bool(view.components))
        self.title.setText(view.name)
        if view.shown_state is IconState.SUSPECTED:
            # Failing from here while the vendor's page is fine: say both, never "Operational".
            text = self.tr("{verdict}\n{sentence}\nThe vendor's page says: {summary}")
        else:
            text = self.tr("{state} — {verdict}\n{sentence}\n{summary}")
        self.verdict.setText(
            text.format(
                state=state_label(view.shown_state),
                verdict=triage_label(view.triage, view.vendor, view.where),
                sentence=triage_sentence(view),
                summary=view_summary(view),
            )
        )
        if view.checked_at is None:
            self.checked.setText(self.tr("not checked yet"))
        else:
            self.checked.setText(
                self.tr("{time}, {age}").format(
                    time=clock_time(view.checked_at), age=age_words(view.age_s(now))
                )
            )
        self.latency.setText(latency_words(view.latency_ms))
        self.components.setText(self._components_text(view.components, view.unmatched))
        self.incidents.setText(self._incidents_html(view))
        self.history.set_history(view.history, now.date())
        self._show_fallback(view)
        shown = (
            f"{view.name}: {view.status.value} ({view.triage.value}); 90-day bar: "
            f"{len(view.history)} day(s) known; fallback instructions: "
            f"{'shown' if self.fallback_box.isVisibleTo(self) else 'none'}"
        )
        if shown != self._logged:  # what the window showed, for the helpdesk: on change only
            _log.info("window shows %s", shown)
            self._logged = shown

    def _components_text(
        self, components: tuple[Component, ...], unmatched: tuple[str, ...] = ()
    ) -> str:
        """Every watched component in trouble, the first few fine ones, a count of the rest;
        the parts not watched in one line, and the names to watch the page does not have."""
        ordered = _worst_first(tuple(c for c in components if c.watched))
        troubled = [c for c in ordered if not _operational(c)]
        fine = [c for c in ordered if _operational(c)]
        shown = troubled + fine[:OPERATIONAL_SHOWN]
        lines = [f"{c.name}: {state_label(c.status)}" for c in shown]
        hidden = len(ordered) - len(shown)
        if hidden:
            lines.append(self.tr("and {count} more, all operational").format(count=hidden))
        unwatched = len(components) - len(ordered)
        if unwatched:
            lines.append(self.tr("{count} more not watched").format(count=unwatched))
        if unmatched:
            lines.append(
                self.tr("Not on this page, so not watched: {names}").format(
                    names=", ".join(unmatched)
                )
            )
        return "\n".join(lines) or self.tr("none reported")

    def _show_fallback(self, view: ServiceView) -> None:
        self._copy_text = view.fallback_instructions
        self.fallback.setText(view.fallback_html or html.escape(view.fallback_instructions))
        while (item := self.fallback_buttons.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None and widget is not self.copy_button:
                widget.deleteLater()
        for link in view.fallback_links:
            button = QPushButton(link.button)
            button.setToolTip(link.url)
            button.clicked.connect(lambda _=False, url=link.url: self._open(url))
            self.fallback_buttons.addWidget(button)
        self.fallback_buttons.addStretch(1)
        self.fallback_buttons.addWidget(self.copy_button)
        self.copy_button.setEnabled(bool(self._copy_text))
        shown = bool(view.fallback_instructions.strip() or view.fallback_links)
        self.fallback_box.setVisible(shown)

    def show_changes(self, lines: Sequence[str]) -> None:
        """This service's lines of "What happened", newest first (the list below has them all)."""
        shown = list(lines[:RECENT_LINES])
        if len(lines) > RECENT_LINES:
            shown.append(self.tr("… and {n} earlier").format(n=len(lines) - RECENT_LINES))
        self.recent.setText("\n".join(shown) or self.tr("no changes"))

    def fallback_button_labels(self) -> list[str]:
        """The link buttons' words, in order (tests and the diagnostics read them)."""
        labels = []
        for index in range(self.fallback_buttons.count()):
            item = self.fallback_buttons.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton) and widget is not self.copy_button:
                labels.append(widget.text())
        return labels

    def _copy_fallback(self) -> None:
        QGuiApplication.clipboard().setText(self._copy_text)

    @staticmethod
    def _open(url: str) -> None:
        open_it_link(url)

    def _incidents_html(self, view: ServiceView) -> str:
        if not view.incidents:
            return html.escape(self.tr("none open"))
        items = []
        for incident in view.incidents:
            title = html.escape(incident.title)
            url = safe_link(incident.url)  # again: a view need not come from the model's check
            if url:
                title = f'<a href="{html.escape(url, quote=True)}">{title}</a>'
            status = html.escape(words(incident.status))  # never a raw enum (in_progress)
            update = html.escape(incident.latest_update or self.tr("no update text yet"))
            items.append(f"<p><b>{title}</b> ({status})<br>{update}</p>")
        return "".join(items)
