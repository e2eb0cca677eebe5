"""The window's answer first, offscreen: each situation's words and buttons, the buttons
doing what they say, no sideways scrolling, keyboard and screen readers, light and dark.

What a button opens is observed with Qt's ``QDesktopServices.setUrlHandler`` (as in
tests/test_gui_links.py); the mail switch edits a real Thunderbird profile in tmp.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QAccessible, QColor, QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes
from tests.gui_data import NOW, layered
from tests.pixels import close_to, dominant_colour
from tests.servers import LoopbackServer
from tests.test_presenter import WEBMAIL, _declared, _fine, _outage, _suspected, _with_webmail
from tests.thunderbird_profile import make_profile_root
from traymon.app.presenter import Screen
from traymon.continuity.instruction_cache import InstructionCache
from traymon.continuity.journal import Journal
from traymon.continuity.thunderbird import ThunderbirdAdapter
from traymon.gui.icons import STATE_COLOURS
from traymon.gui.mail_switch import MailClient
from traymon.gui.service_model import Column
from traymon.gui.session import Session
from traymon.gui.theme import apply_scheme
from traymon.gui.window import DEFAULT_SIZE, DetailWindow
from traymon.model import Status, Triage, Where
from traymon.platform.autostart import XdgAutostart
from traymon.reasons import Code, Reason
from traymon.viewmodel import IconState, ServiceView, not_checked_view

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

STEPS = "reconnect the VPN; if it persists, call the helpdesk"
FINE = [_fine("github"), _fine("outlook")]


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are shown in the desktop's zone: here UTC, so "since 08:42" is the test's."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def take(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened(qapp: object) -> Iterator[Opened]:
    recorder = Opened()
    for scheme in ("https", "http", "tel", "mailto"):
        # PySide6 takes the slot by its name as str; its stubs say bytes, which it refuses.
        QDesktopServices.setUrlHandler(scheme, recorder, "take")  # type: ignore[arg-type]
    yield recorder
    for scheme in ("https", "http", "tel", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)


def _window(qtbot: QtBot, views: list[ServiceView], **state: object) -> DetailWindow:
    window = DetailWindow(views, clock=lambda: NOW)
    qtbot.addWidget(window)
    if state.get("switch"):
        window.set_mail_switch(frozenset({"outlook", "exchange"}))
    if state.get("offline"):
        window.set_offline(True)
    window.show()
    qtbot.waitExposed(window)
    return window


def _texts(buttons: list[QAbstractButton] | list[object]) -> list[str]:
    return [b.text() for b in buttons if isinstance(b, QAbstractButton)]


def _suspected_with_steps() -> ServiceView:
    return replace(_suspected(), fallback_instructions=STEPS, fallback_html=f"<p>{STEPS}</p>")


SITUATIONS = {
    "all-fine": (
        [*FINE, _fine("teams")],
        {},
        "Everything is working",
        [],
    ),
    "vendor-outage": (
        [_with_webmail(_outage()), _fine("teams"), _fine("github")],
        {"switch": True},
        "Outlook is down for everyone — Microsoft is working on it (since 08:42). "
        "Use the backup webmail.",
        ["Open backup webmail", "Call helpdesk", "Switch mail to backup"],
    ),
    "this-pc": (
        [_suspected_with_steps(), *FINE],
        {},
        "Teams fails from this PC only — Microsoft reports no problem. "
        "Try: reconnect the VPN; if it persists, call the helpdesk.",
        [],
    ),
    "offline": ([*FINE, _fine("teams")], {"offline": True}, "You are offline", []),
    "declared": (
        [_declared(), *FINE],
        {"switch": True},
        "Your IT department has declared an outage of Exchange Online until 12:00. "
        "You can switch your mail to the backup account.",
        ["Switch mail to backup"],
    ),
}


@pytest.mark.parametrize("name", list(SITUATIONS))
def test_each_situation_opens_on_its_headline_and_buttons_without_sideways_scrolling(
    qtbot: QtBot, name: str
) -> None:
    views, state, headline, buttons = SITUATIONS[name]
    window = _window(qtbot, views, **state)
    assert (window.width(), window.height()) == DEFAULT_SIZE
    assert not window.showing_details  # the answer first
    assert window.answer.headline.text() == headline
    assert _texts(window.answer.headline_buttons()) == buttons
    # No horizontal scroll bar at the default size, and nothing cut off at the right.
    assert not window.answer.horizontalScrollBar().isVisible()
    page = window.answer.widget()
    assert page.minimumSizeHint().width() <= window.answer.viewport().width()
    window.grab().save(str(_shots() / f"answer-{name}.png"))
    window.show_details()
    assert not window.table.horizontalScrollBar().isVisible()


def _shots() -> Path:
    folder = Path(__file__).parent.parent / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_vendor_outage_card_and_the_others_line(qtbot: QtBot) -> None:
    window = _window(qtbot, SITUATIONS["vendor-outage"][0], switch=True)
    card = window.answer.card("outlook")
    assert card is not None and len(window.answer.cards) == 1
    assert card.title.text() == "Outlook — Major outage"
    assert card.cause.text() == "Major outage — reported by Microsoft"
    assert card.since.text() == "Since 08:42"
    assert card.latest.text() == "Latest from Microsoft: We are looking into it."
    assert "Use webmail" in card.instructions.text()
    assert _texts(card.buttons_row.buttons) == [
        "Open backup webmail",
        "Call helpdesk",
        "Switch mail to backup",
        "Open status page",
        "Details",
    ]
    others = window.answer.others
    assert others.text() == "2 other services working"
    assert not window.answer.others_list.isVisible()
    others.click()  # one collapsible line
    assert window.answer.others_list.isVisible()
    assert window.answer.others_list.text() == "Teams, GitHub"


def test_the_webmail_and_the_status_page_open_through_the_desktop(
    qtbot: QtBot, opened: Opened
) -> None:
    window = _window(qtbot, SITUATIONS["vendor-outage"][0], switch=True)
    window.answer.headline_buttons()[0].click()  # Open backup webmail
    card = window.answer.card("outlook")
    assert card is not None
    by_text = {b.text(): b for b in card.buttons_row.buttons}
    by_text["Open backup webmail"].click()
    by_text["Call helpdesk"].click()
    by_text["Open status page"].click()
    assert opened.urls == [WEBMAIL, WEBMAIL, "tel:+4930123", "https://outlook.example"]
    by_text["Details"].click()
    assert window.showing_details and window.current_service_id() == "outlook"
    window.back.click()
    assert not window.showing_details


def test_the_switch_button_asks_the_session_to_switch(qtbot: QtBot) -> None:
    window = _window(qtbot, SITUATIONS["vendor-outage"][0], switch=True)
    with qtbot.waitSignal(window.switch_requested) as asked:
        window.answer.headline_buttons()[2].click()
    assert asked.args == ["outlook"]
    window.set_mail_switch(frozenset())  # switched: the cards no longer offer it
    assert "Switch mail to backup" not in _texts(window.answer.headline_buttons())


def test_a_failure_from_this_pc_is_never_green_and_says_what_failed(qtbot: QtBot) -> None:
    window = _window(qtbot, SITUATIONS["this-pc"][0])
    card = window.answer.card("teams")
    assert card is not None
    assert card.title.text() == "Teams — Fails from this PC"
    assert card.cause.text() == (
        "What failed (the connection to outlook.office365.com): "
        "The server's certificate is not trusted. "
        "A company proxy or security software may be in the way."
    )
    assert STEPS in card.instructions.text()
    image = window.answer.headline_icon.pixmap().toImage()
    colour = dominant_colour(image)
    assert close_to(colour, QColor(STATE_COLOURS[IconState.SUSPECTED]))
    assert not close_to(colour, QColor(STATE_COLOURS[IconState.OPERATIONAL]), tolerance=60)
    # In the details the table does not say "Operational" with a green check either.
    window.show_details("teams")
    row = window.proxy.mapFromSource(window.model.index(window.model.row_of("teams") or 0, 0))
    assert window.proxy.index(row.row(), Column.STATE).data() == "Fails from this PC"
    assert window.detail.verdict.text().splitlines() == [
        "Fails from this PC only",
        "Teams: fails from this PC, Microsoft reports no problem",
        "The vendor's page says: Operational",
    ]


def test_the_window_speaks_german_on_a_german_desktop(qtbot: QtBot) -> None:
    from traymon.gui.translations import install_translator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_translator(app, QLocale("de_DE"))
    try:
        window = _window(qtbot, SITUATIONS["vendor-outage"][0], switch=True)
        assert window.answer.headline.text() == (
            "Outlook ist für alle ausgefallen – Microsoft arbeitet daran (seit 08:42 Uhr). "
            "Nutzen Sie das Ersatz-Webmail."
        )
        assert _texts(window.answer.headline_buttons())[0] == "Ersatz-Webmail öffnen"
    finally:
        if translator is not None:
            app.removeTranslator(translator)


def _focusable(window: QWidget) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(window) and w.isEnabled()
    ]


def test_every_control_is_reachable_by_tab_and_named_for_screen_readers(qtbot: QtBot) -> None:
    window = _window(qtbot, SITUATIONS["vendor-outage"][0], switch=True)
    window.open_near(None)
    qtbot.waitUntil(lambda: window.answer.headline_buttons()[0].hasFocus())
    wanted = [w for w in _focusable(window) if isinstance(w, QAbstractButton)]
    assert len(wanted) >= 10  # three in the headline, five on the card, the line, details
    reached: list[QWidget] = []
    for _ in range(40):
        focused = QApplication.focusWidget()
        if focused is not None and focused not in reached:
            reached.append(focused)
        qtbot.keyClick(focused or window, Qt.Key.Key_Tab)
    missing = [w.text() for w in wanted if w not in reached]
    assert missing == []
    for widget in wanted:
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None
        assert interface.text(QAccessible.Text.Name), f"{widget.text()} has no name"
    card = window.answer.card("outlook")
    assert card is not None
    named = QAccessible.queryAccessibleInterface(card.buttons_row.buttons[0])
    assert named is not None
    assert named.text(QAccessible.Text.Name) == "Open backup webmail (Outlook)"


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_window_follows_the_desktop_s_dark_and_light_theme(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = _window(qtbot, SITUATIONS["this-pc"][0])
    try:
        apply_scheme(app, Qt.ColorScheme.Dark, contrast=False)
        QApplication.processEvents()  # the palette reaches the widgets as an event
        palette = window.palette()
        background = palette.color(QPalette.ColorRole.Window)
        assert background.lightness() < 80
        assert _contrast(palette.color(QPalette.ColorRole.WindowText), background) >= 7
        assert (
            _contrast(palette.color(QPalette.ColorRole.ButtonText), palette.button().color()) >= 4.5
        )
        window.grab().save(str(_shots() / "answer-this-pc-dark.png"))
        apply_scheme(app, Qt.ColorScheme.Light, contrast=False)
        QApplication.processEvents()
        assert window.palette().color(QPalette.ColorRole.Window).lightness() > 180
        # A high-contrast desktop keeps its own colours, whatever the scheme.
        apply_scheme(app, Qt.ColorScheme.Dark, contrast=True)
        QApplication.processEvents()
        assert window.palette().color(QPalette.ColorRole.Window) == (
            QGuiApplication.palette().color(QPalette.ColorRole.Window)
        )
    finally:
        app.setPalette(app.style().standardPalette())


def test_the_session_opens_the_answer_and_its_switch_button_switches_thunderbird(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, opened: Opened
) -> None:
    """The real engine on a loopback outage; the card's button switches a real profile."""
    url = server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    )
    path = tmp_path / "traymon.toml"
    path.write_text(
        f'[[services]]\nid = "github"\nname = "GitHub"\nvendor = "GitHub"\nkind = "statuspage"\n'
        f'url = "{url}"\n\n'
        f'[continuity]\nmode = "ask"\ntrigger_services = ["github"]\nwebmail_url = "{WEBMAIL}"\n'
        "switch_after_minutes = 60\n\n"  # the question comes later; the button is theirs
        '[continuity.backup]\nthunderbird = "account3"\n',
        encoding="utf-8",
    )
    profile = make_profile_root(tmp_path / "thunderbird")
    adapter = ThunderbirdAdapter(
        Journal(tmp_path / "journal"), profile, processes=lambda: frozenset()
    )
    session = Session(
        layered(path, tmp_path),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        autostart=XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: MailClient(adapter, "account3"),
    )
    try:
        session.start()
        session.open_window()
        answer = session.window.answer
        qtbot.waitUntil(
            lambda: "Switch mail to backup" in _texts(answer.headline_buttons()), timeout=15_000
        )
        assert answer.headline.text().startswith("GitHub is down for everyone — GitHub is")
        answer.headline_buttons()[0].click()
        assert opened.urls == [WEBMAIL]
        switch = next(b for b in answer.headline_buttons() if b.text() == "Switch mail to backup")
        with qtbot.waitSignal(session.mail.told, timeout=10_000):
            switch.click()
        prefs = (profile / "prefs.js").read_text("utf-8")
        assert 'user_pref("mail.accountmanager.defaultaccount", "account3");' in prefs
        qtbot.waitUntil(lambda: "Switch mail to backup" not in _texts(answer.headline_buttons()))
    finally:
        session.stop()


def test_a_window_made_before_any_answer_says_it_is_checking(qtbot: QtBot) -> None:
    window = _window(qtbot, [not_checked_view("teams", "Teams", "")])
    assert window.answer.headline.text() == "Checking your services…"
    assert window.answer.others.text() == "0 services working, 1 not checked yet"


def test_it_s_links_in_the_card_open_like_its_buttons_and_nothing_else_does(
    qtbot: QtBot, opened: Opened
) -> None:
    window = _window(qtbot, SITUATIONS["vendor-outage"][0], switch=True)
    card = window.answer.card("outlook")
    assert card is not None
    assert card.instructions_caption.text() == "What your IT department says:"
    card.instructions.linkActivated.emit("tel:+4930123")
    card.instructions.linkActivated.emit("file:///etc/passwd")  # never opened
    card.instructions.linkActivated.emit("http://plain.example")  # IT's links are https
    assert opened.urls == ["tel:+4930123"]


def test_a_new_check_with_the_same_cause_keeps_the_cards_and_the_focus(qtbot: QtBot) -> None:
    views = SITUATIONS["this-pc"][0]
    window = _window(qtbot, views)
    window.open_near(None)
    card = window.answer.card("teams")
    assert card is not None
    card.buttons_row.buttons[1].setFocus()  # Details
    qtbot.waitUntil(card.buttons_row.buttons[1].hasFocus)
    again = views[0]
    assert again.result is not None
    later = replace(again.result, checked_at=NOW + timedelta(minutes=5))
    window.show_view(replace(again, result=later, checked_at=later.checked_at))
    assert window.answer.card("teams") is card  # not rebuilt
    # A new cause redraws the cards, and the focus stays on the same button.
    (probe,) = [p for p in later.probes if not p.ok]
    timeout = Reason(Code.TIMEOUT, seconds=5.0)
    changed = replace(later, probes=(replace(probe, detail="no answer", reason=timeout),))
    window.show_view(replace(again, result=changed))
    redrawn = window.answer.card("teams")
    assert redrawn is not None and redrawn is not card
    assert redrawn.cause.text() == (
        "What failed: No answer within 5 s. Check this computer's network connection."
    )
    assert redrawn.buttons_row.buttons[1].hasFocus()


def test_it_s_declaration_without_a_switch_says_it_s_message_in_the_headline(
    qtbot: QtBot,
) -> None:
    window = _window(qtbot, [_declared(), *FINE])  # already switched, or no mail client
    assert window.answer.headline.text() == (
        "Your IT department has declared an outage of Exchange Online until 12:00. "
        "IT says: Use webmail."
    )
    assert window.answer.headline_buttons() == []


def test_one_new_answer_redraws_only_its_own_card(qtbot: QtBot) -> None:
    views = [_with_webmail(_outage()), _suspected_with_steps(), _fine("github")]
    window = _window(qtbot, views, switch=True)
    before = {c.card.service_id: c for c in window.answer.cards}
    window.show_view(replace(_outage(Status.PARTIAL_OUTAGE), webmail_url=WEBMAIL))
    after = {c.card.service_id: c for c in window.answer.cards}
    assert after["teams"] is before["teams"]  # untouched
    assert after["outlook"] is not before["outlook"]
    assert after["outlook"].title.text() == "Outlook — Partial outage"


def test_a_burst_of_changes_at_opening_is_one_redraw(qtbot: QtBot) -> None:
    from traymon.engine.events import TransitionEvent

    window = _window(qtbot, [_suspected_with_steps(), *FINE])
    drawn: list[object] = []
    original = window.answer.show_screen

    def counting(screen: Screen, now: datetime) -> None:
        drawn.append(screen)
        original(screen, now)

    window.answer.show_screen = counting  # type: ignore[method-assign]
    events = [
        TransitionEvent("teams", "Teams", Status.OPERATIONAL, Status.OPERATIONAL,
                        Triage.SUSPECTED, NOW - timedelta(minutes=m))
        for m in range(50)
    ]  # fmt: skip
    for event in events:
        window.timeline.add_event(event)
    qtbot.waitUntil(lambda: bool(drawn))
    QApplication.processEvents()
    assert len(drawn) == 1
    card = window.answer.card("teams")
    assert card is not None and card.since.text() == "Since 10:00"  # the newest change


@pytest.mark.parametrize("width", [420, 560])
def test_a_narrow_window_wraps_the_buttons_instead_of_scrolling_sideways(
    qtbot: QtBot, width: int
) -> None:
    """A small screen or 150-300 % scaling makes the window narrow: nothing is cut off."""
    window = _window(qtbot, SITUATIONS["vendor-outage"][0], switch=True)
    window.resize(width, 560)
    qtbot.waitUntil(lambda: window.answer.viewport().width() < width)
    QApplication.processEvents()
    viewport = window.answer.viewport()
    assert window.answer.widget().minimumSizeHint().width() <= viewport.width()
    card = window.answer.card("outlook")
    assert card is not None
    for button in [*window.answer.headline_buttons(), *card.buttons_row.buttons]:
        right = button.mapTo(viewport, button.rect().topRight()).x()
        assert right < viewport.width(), f"{button.text()} is cut off at {width} px"
    window.grab().save(str(_shots() / f"answer-narrow-{width}.png"))


def _unknown() -> ServiceView:
    return replace(_fine("github"), status=Status.UNKNOWN, triage=Triage.OK)


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            lambda: replace(_outage(), triage=Triage.STALE),
            "Showing what Traymon last knew — checking again…",
        ),
        (_unknown, "Traymon cannot tell how GitHub is doing right now."),
        (
            lambda: replace(_fine("teams"), status=Status.UNKNOWN, triage=Triage.LOCAL),
            "Teams cannot be reached from this PC. If it persists, call your helpdesk.",
        ),
        (
            lambda: replace(_fine("github"), status=Status.MAINTENANCE, triage=Triage.VENDOR),
            "Everything is working — GitHub has planned maintenance.",
        ),
        (
            lambda: _outage(Status.DEGRADED),
            "Outlook has problems for everyone — Microsoft is working on it.",
        ),
        (
            lambda: _suspected(Where.COMPANY_PATH),
            "Teams fails for many PCs at your site — probably our company's network, not the "
            "vendor. If it persists, call your helpdesk.",
        ),
        (
            lambda: _suspected(Where.THIS_PC),
            "Teams fails from this PC only — other PCs at your site are fine. "
            "If it persists, call your helpdesk.",
        ),
    ],
)
def test_the_other_situations_in_words(
    qtbot: QtBot, lead: Callable[[], ServiceView], headline: str
) -> None:
    window = _window(qtbot, [lead(), _fine("outlook")])
    assert window.answer.headline.text() == headline
