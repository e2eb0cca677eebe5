"""IT's announcements at the top of the detail window: plain text, who and when, until they end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from tests.gui_data import SERVICES
from tests.test_relay_source import document
from traymon.gui.window import DetailWindow
from traymon.model import CheckResult
from traymon.relay.document import Declaration
from traymon.sources.relay import document_result
from traymon.viewmodel import not_checked_view, view_from_result

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def _said(ident: str, message: str, *, by: str = "it-oncall", hours: float = 2) -> Declaration:
    start = NOW - timedelta(minutes=30)
    return Declaration(ident, "announcement", message, by, start, NOW + timedelta(hours=hours))


def _relay_result(
    service_id: str, name: str, *said: Declaration, kind: str = "relay"
) -> CheckResult:
    parsed = document_result(document(declarations=said), "exchange-online", NOW)
    return CheckResult(
        service_id, name, kind, parsed.status, parsed.summary, NOW, incidents=parsed.incidents
    )


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now.astimezone()


def _window(qtbot: QtBot, clock: Clock) -> DetailWindow:
    views = [not_checked_view(s.id, s.name, "not checked yet") for s in SERVICES]
    views.append(not_checked_view("exo", "Exchange Online", "not checked yet"))
    window = DetailWindow(views, clock=clock)
    qtbot.addWidget(window)
    return window


def test_an_announcement_shows_with_who_and_when_and_goes_when_it_ends(qtbot: QtBot) -> None:
    clock = Clock()
    window = _window(qtbot, clock)
    assert window.banner.isHidden()
    window.show_view(
        view_from_result(_relay_result("exo", "Exchange Online", _said("a-1", "VPN work at 18:00")))
    )
    assert not window.banner.isHidden()
    since = (NOW - timedelta(minutes=30)).astimezone().strftime("%H:%M")
    until = (NOW + timedelta(hours=2)).astimezone().strftime("%H:%M")
    assert window.banner.texts() == [
        f"IT: VPN work at 18:00 (from it-oncall, since {since}, until {until})"
    ]
    window.show_view(view_from_result(_relay_result("exo", "Exchange Online")))  # IT ended it
    assert window.banner.isHidden()


def test_an_expired_announcement_goes_before_the_next_check(qtbot: QtBot) -> None:
    clock = Clock()
    window = _window(qtbot, clock)
    window.show_view(
        view_from_result(_relay_result("exo", "Exchange Online", _said("a-1", "short", hours=0.5)))
    )
    assert not window.banner.isHidden()
    clock.now = NOW + timedelta(hours=1)
    window._refresh_ages()  # the window's 30 s timer while it is shown
    assert window.banner.isHidden()


def test_markup_in_a_message_shows_as_plain_text(qtbot: QtBot) -> None:
    window = _window(qtbot, Clock())
    hostile = '<b>bold</b> <a href="https://evil.example">click</a> <img src="x">'
    window.show_view(
        view_from_result(_relay_result("exo", "Exchange Online", _said("a-1", hostile)))
    )
    (label,) = window.banner.lines
    assert label.textFormat().name == "PlainText"
    assert label.text().startswith(f"IT: {hostile} (")


def test_one_announcement_read_by_two_services_shows_once_and_only_from_the_relay(
    qtbot: QtBot,
) -> None:
    window = _window(qtbot, Clock())
    said = _said("a-1", "Printers down")
    window.show_view(view_from_result(_relay_result("exo", "Exchange Online", said)))
    window.show_view(view_from_result(_relay_result("teams", "Teams", said)))
    # A vendor's incident whose own word is "announcement" is not IT's word.
    window.show_view(
        view_from_result(
            _relay_result("github", "GitHub", _said("v-1", "spoof"), kind="statuspage")
        )
    )
    assert [t.split(" (")[0] for t in window.banner.texts()] == ["IT: Printers down"]
