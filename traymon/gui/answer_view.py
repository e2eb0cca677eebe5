"""The window's first page: the answer (a headline with its buttons), a card per affected
service, and the other services as one collapsible line.

It draws the presenter's ``Screen`` and forwards clicks as signals (the window opens the
links, the session switches the mail); it decides nothing itself.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from traymon.app.presenter import Action, ActionKind, Card, CardKind, Screen, Situation
from traymon.gui import answer_words as words
from traymon.gui.flow_layout import FlowLayout
from traymon.gui.icons import state_icon
from traymon.gui.links import open_it_link
from traymon.viewmodel import IconState

#: The card's icon: the state's own shape and colour; a failure seen only from here has its own.
_CARD_ICON = {
    CardKind.SUSPECTED: IconState.SUSPECTED,
    CardKind.LOCAL: IconState.OFFLINE,
    CardKind.STALE: IconState.UNKNOWN,
    CardKind.UNKNOWN: IconState.UNKNOWN,
}
_HEADLINE_ICON = {
    Situation.ALL_FINE: IconState.OPERATIONAL,
    Situation.OFFLINE: IconState.OFFLINE,
    Situation.CHECKING: IconState.UNKNOWN,
    Situation.STALE: IconState.UNKNOWN,
    Situation.MAINTENANCE: IconState.MAINTENANCE,
}
ICON_PX = 40  # logical pixels; drawn for the screen's scale (icons.py)
_log = logging.getLogger(__name__)


def icon_state(card: Card) -> IconState:
    if card.kind is CardKind.DECLARED:
        return IconState.MAJOR_OUTAGE
    return _CARD_ICON.get(card.kind) or IconState.of(card.status)


def _text(name: str, *, rich: bool = False, selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    # Long words (an address, a vendor's id) must not widen the page into a scroll bar.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)  # IT's links open only through the buttons
    if selectable:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    return label


def _icon(state: IconState, name: str) -> QLabel:
    label = QLabel()
    label.setPixmap(state_icon(state).pixmap(ICON_PX, ICON_PX))
    label.setAccessibleName(name)
    label.setFixedSize(ICON_PX, ICON_PX)
    return label


class ActionRow(QWidget):
    """A card's (or the headline's) buttons, in order; each forwards its action."""

    triggered = Signal(object)  # Action

    def __init__(
        self, actions: tuple[Action, ...], card: Card, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        row = FlowLayout(self)  # wraps on a narrow window: never a sideways scroll bar
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        self.items = actions  # the action of each button, in order
        for action in actions:
            button = QPushButton(words.button(action))
            button.setAccessibleName(words.button_name(action, card))
            if action.url:
                button.setToolTip(action.url)
            if action.kind in (ActionKind.OPEN_WEBMAIL, ActionKind.SWITCH_MAIL):
                button.setDefault(False)
                font = button.font()
                font.setBold(True)
                button.setFont(font)
            button.clicked.connect(lambda _=False, a=action: self.triggered.emit(a))
            row.addWidget(button)
            self.buttons.append(button)


class CardView(QFrame):
    """One affected service: icon, name and state, the cause, since when, the vendor's
    latest word, IT's instructions, and its buttons."""

    def __init__(self, card: Card, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName(f"card-{card.service_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(
            self.tr("{name}: {state}").format(name=card.name, state=words.card_state(card))
        )
        self.title = _text(self.tr("Service"))
        self.title.setText(f"{card.name} — {words.card_state(card)}")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.cause = _text(self.tr("Cause"))
        self.cause.setText(words.cause(card, now))
        self.since = _text(self.tr("Since when"))
        self.since.setText(words.since_line(card, now))
        self.latest = _text(self.tr("Latest update"))
        self.latest.setText(words.update_line(card))
        # IT's note under its own caption, so it does not read as the vendor's words.
        self.instructions_caption = _text(self.tr("Caption"))
        self.instructions_caption.setText(
            self.tr("What your IT department says:") if card.instructions_html else ""
        )
        self.instructions_caption.setFont(self.title.font())
        self.instructions = _text(self.tr("What your IT department says"), rich=True)
        self.instructions.setText(card.instructions_html)
        self.instructions.setTextInteractionFlags(
            self.instructions.textInteractionFlags()
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        # IT's links (https, mailto, tel only: the renderer keeps no other) open like its
        # buttons, checked again on the way (links.open_it_link).
        self.instructions.linkActivated.connect(open_it_link)
        self.buttons_row = ActionRow(card.actions, card, self)

        head = QHBoxLayout()
        head.addWidget(
            _icon(icon_state(card), words.card_state(card)), 0, Qt.AlignmentFlag.AlignTop
        )
        text = QVBoxLayout()
        text.addWidget(self.title)
        labels = (
            self.cause,
            self.since,
            self.latest,
            self.instructions_caption,
            self.instructions,
        )
        for label in labels:
            label.setVisible(bool(label.text()))
            text.addWidget(label)
        head.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.buttons_row)


class AnswerView(QScrollArea):
    """The answer first. Scrolls down only (never sideways) when many services are affected."""

    action_triggered = Signal(object)  # Action
    details_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answer")
        self.setAccessibleName(self.tr("What is going on"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget()
        self._layout = QVBoxLayout(page)
        self.setWidget(page)

        self.headline_icon = QLabel()
        self.headline_icon.setFixedSize(ICON_PX, ICON_PX)
        self.headline = _text(self.tr("Headline"))
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.subline = _text(self.tr("More about it"))
        top = QHBoxLayout()
        top.addWidget(self.headline_icon, 0, Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.addWidget(self.headline)
        heading.addWidget(self.subline)
        top.addLayout(heading, 1)
        self._layout.addLayout(top)
        self._headline_slot = QVBoxLayout()
        self._layout.addLayout(self._headline_slot)
        self.headline_actions: ActionRow | None = None
        self._cards_box = QVBoxLayout()
        self._layout.addLayout(self._cards_box)
        self.cards: list[CardView] = []

        self.others = QToolButton()
        self.others.setObjectName("others")
        self.others.setCheckable(True)
        self.others.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.others.setArrowType(Qt.ArrowType.RightArrow)
        self.others.setAutoRaise(True)
        self.others.toggled.connect(self._toggle_others)
        self.others_list = _text(self.tr("Services working"))
        self.others_list.hide()
        self._layout.addWidget(self.others, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addWidget(self.others_list)
        self._layout.addStretch(1)
        self.details = QPushButton(self.tr("All services and &details"))
        self.details.setAccessibleName(self.tr("Show all services and their details"))
        self.details.clicked.connect(self.details_requested)
        self._layout.addWidget(self.details, 0, Qt.AlignmentFlag.AlignLeft)
        self.screen_shown: Screen | None = None

    def show_screen(self, screen: Screen, now: datetime) -> None:
        if screen == self.screen_shown:
            return  # the same answer: no redraw, the focus stays where it is
        self.screen_shown = screen
        focused = self._focused_action()
        lead = screen.lead
        state = _HEADLINE_ICON.get(screen.situation)
        icon = state if state is not None else (icon_state(lead) if lead else IconState.UNKNOWN)
        self.headline_icon.setPixmap(state_icon(icon).pixmap(ICON_PX, ICON_PX))
        self.headline.setText(words.headline(screen, now))
        self.subline.setText(words.subline(screen))
        self.subline.setVisible(bool(self.subline.text()))
        if self.headline_actions is not None:
            _drop(self.headline_actions)
            self.headline_actions = None
        if lead is not None and screen.headline_actions:
            self.headline_actions = ActionRow(screen.headline_actions, lead)
            self.headline_actions.setObjectName("headlineActions")
            self.headline_actions.triggered.connect(self.action_triggered)
            self._headline_slot.addWidget(self.headline_actions)
        # A card whose service shows the same as before is kept (one new answer among fifty
        # services redraws one card, not fifty); the rest are made anew, in the new order.
        kept = {view.card: view for view in self.cards}
        cards = []
        for card in screen.cards:
            view = kept.pop(card, None)
            if view is None:
                view = CardView(card, now)
                view.buttons_row.triggered.connect(self.action_triggered)
            cards.append(view)
        for gone in kept.values():
            _drop(gone)
        for position, view in enumerate(cards):
            if self._cards_box.indexOf(view) != position:
                self._cards_box.insertWidget(position, view)
        self.cards = cards
        self.others.setText(words.others_line(screen))
        self.others.setAccessibleName(words.others_line(screen))
        self.others.setVisible(bool(screen.working or screen.waiting or screen.more_affected))
        self.others.setEnabled(bool(screen.working))
        self.others_list.setText(", ".join(screen.working))
        self.others_list.setVisible(self.others.isChecked() and bool(screen.working))
        self._refocus(focused)
        # What the person was told, for the helpdesk (and the real-tray tests): on change only.
        buttons = ", ".join(b.text() for b in self.headline_buttons())
        _log.info("window's answer: %s [%s]", self.headline.text(), buttons)

    def _rows(self) -> list[ActionRow]:
        rows = [self.headline_actions] if self.headline_actions is not None else []
        return rows + [c.buttons_row for c in self.cards]

    def _focused_action(self) -> tuple[int, Action] | None:
        """Which button has the keyboard focus (its row and action), to keep it on a redraw."""
        for number, row in enumerate(self._rows()):
            for button, action in zip(row.buttons, row.items, strict=True):
                if button.hasFocus():
                    return number, action
        return None

    def _refocus(self, focused: tuple[int, Action] | None) -> None:
        if focused is None:
            return
        number, wanted = focused
        rows = self._rows()
        for row in rows[number:] + rows[:number]:  # the same row first, else any
            for button, action in zip(row.buttons, row.items, strict=True):
                if action == wanted:
                    button.setFocus()
                    return
        self.details.setFocus()  # the button went away (switched): a sure place

    def _toggle_others(self, shown: bool) -> None:
        self.others.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.others_list.setVisible(shown)

    def card(self, service_id: str) -> CardView | None:
        return next((c for c in self.cards if c.card.service_id == service_id), None)

    def headline_buttons(self) -> list[QPushButton]:
        return self.headline_actions.buttons if self.headline_actions is not None else []


def _drop(widget: QWidget) -> None:
    """Out of the page at once (a search for buttons must not find it), deleted later."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()
