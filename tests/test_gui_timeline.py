"""The "What happened" list: wording, order, the 24-hour span, the empty state, live changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes, write_config
from tests.gui_data import NOW, SERVICES, layered
from tests.servers import LoopbackServer
from traymon.continuity.instruction_cache import InstructionCache
from traymon.engine.events import TransitionEvent
from traymon.engine.history import History
from traymon.gui.about import diagnostics_text
from traymon.gui.icons import state_icon
from traymon.gui.session import Session
from traymon.gui.timeline import TimelineView
from traymon.gui.translations import install_translator
from traymon.gui.window import DetailWindow
from traymon.model import Status
from traymon.platform.autostart import XdgAutostart
from traymon.viewmodel import IconState, Triage, not_checked_view

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

OK, MAJOR = Status.OPERATIONAL, Status.MAJOR_OUTAGE
NAMES = {s.id: s.name for s in SERVICES}
VENDORS = {"outlook": "Microsoft"}


def _change(
    sid: str, old: Status, new: Status, triage: Triage, at: datetime, name: str = ""
) -> TransitionEvent:
    return TransitionEvent(sid, name or sid, old, new, triage, at)


def _at(hour: int, minute: int) -> datetime:
    return NOW.replace(hour=hour, minute=minute)


def _timeline(qtbot: QtBot, clock: list[datetime] | None = None) -> TimelineView:
    now = clock or [NOW]
    timeline = TimelineView(lambda: now[0])
    timeline.set_services(NAMES, VENDORS)
    qtbot.addWidget(timeline)
    return timeline


def _image(icon: QIcon) -> QImage:
    return icon.pixmap(16, 16).toImage()


def test_changes_are_worded_like_the_tray_newest_first(qtbot: QtBot) -> None:
    timeline = _timeline(qtbot)
    timeline.set_events(
        [
            _change("outlook", OK, MAJOR, Triage.VENDOR, _at(8, 42)),
            _change("outlook", MAJOR, OK, Triage.OK, _at(9, 10)),
            _change("teams", OK, OK, Triage.SUSPECTED, _at(9, 20)),
            _change("github", OK, Status.UNKNOWN, Triage.LOCAL, _at(9, 30)),
            _change("github", Status.UNKNOWN, Status.UNKNOWN, Triage.STALE, _at(9, 31)),
            _change("outlook", OK, Status.MAINTENANCE, Triage.VENDOR, _at(9, 40)),
            _change("teams", OK, Status.DEGRADED, Triage.VENDOR, _at(9, 50)),
        ]
    )
    assert timeline.lines() == [
        "09:50 Teams: Degraded (reported by the vendor)",
        "09:40 Outlook: maintenance announced by Microsoft",
        "09:31 GitHub: no fresh answer, state unknown",
        "09:30 GitHub: cannot be reached, this PC seems to be offline",
        "09:20 Teams: fails from this PC, the vendor reports no problem",
        "09:10 Outlook: back to normal",
        "08:42 Outlook: outage reported by Microsoft",
    ]
    assert timeline.empty.isHidden() and not timeline.changes.isHidden()


def test_each_line_carries_the_state_icon_and_its_exact_time(qtbot: QtBot) -> None:
    timeline = _timeline(qtbot)
    timeline.set_events(
        [
            _change("outlook", OK, MAJOR, Triage.VENDOR, _at(8, 42)),
            _change("github", OK, Status.UNKNOWN, Triage.LOCAL, _at(9, 30)),
        ]
    )
    offline, outage = (timeline.changes.item(row) for row in range(2))
    assert _image(offline.icon()) == _image(state_icon(IconState.OFFLINE))
    assert _image(outage.icon()) == _image(state_icon(IconState.MAJOR_OUTAGE))
    assert _image(outage.icon()) != _image(state_icon(IconState.OPERATIONAL))
    assert outage.toolTip() == "2026-11-27 08:42:00: Operational → Major outage"
    assert outage.data(Qt.ItemDataRole.AccessibleTextRole) == outage.text()


def test_only_the_last_24_hours_and_yesterday_says_so(qtbot: QtBot) -> None:
    clock = [NOW]
    timeline = _timeline(qtbot, clock)
    timeline.show()
    timeline.set_events(
        [
            _change("teams", OK, MAJOR, Triage.VENDOR, NOW - timedelta(hours=20)),  # 14:00
            _change("teams", MAJOR, OK, Triage.VENDOR, NOW - timedelta(hours=25)),
        ]
    )
    assert timeline.lines() == ["yesterday 14:00 Teams: outage reported by the vendor"]
    clock[0] = NOW + timedelta(hours=5)  # the window stayed open all afternoon
    timeline.refresh()
    assert timeline.lines() == []
    assert not timeline.empty.isHidden() and timeline.changes.isHidden()


def test_no_changes_says_so_in_a_sentence(qtbot: QtBot) -> None:
    timeline = _timeline(qtbot)
    assert timeline.empty.text() == "No changes in the last 24 hours."
    assert not timeline.empty.isHidden() and timeline.changes.isHidden()
    timeline.add_event(_change("teams", OK, MAJOR, Triage.VENDOR, _at(9, 0)))
    assert timeline.empty.isHidden() and not timeline.changes.isHidden()


def test_a_service_no_longer_watched_keeps_its_id(qtbot: QtBot) -> None:
    timeline = _timeline(qtbot)
    timeline.set_events([_change("zoom", OK, MAJOR, Triage.VENDOR, _at(9, 0), name="Zoom")])
    assert timeline.lines() == ["09:00 zoom: outage reported by the vendor"]
    timeline.set_services({**NAMES, "zoom": "Zoom"}, VENDORS)  # watched again: named again
    assert timeline.lines() == ["09:00 Zoom: outage reported by the vendor"]


def test_a_live_change_already_read_from_history_shows_once_and_the_list_is_capped(
    qtbot: QtBot,
) -> None:
    timeline = TimelineView(lambda: NOW, limit=3)
    qtbot.addWidget(timeline)
    live = _change("teams", OK, MAJOR, Triage.VENDOR, _at(9, 0).replace(microsecond=123456))
    stored = _change("teams", OK, MAJOR, Triage.VENDOR, live.at)  # name: the id, from history
    timeline.set_events([stored])
    timeline.add_event(live)
    assert timeline.lines() == ["09:00 teams: outage reported by the vendor"]
    for minute in range(1, 6):
        timeline.add_event(_change("github", OK, MAJOR, Triage.VENDOR, _at(9, minute)))
    assert [line[:5] for line in timeline.lines()] == ["09:05", "09:04", "09:03"]


def test_the_window_shows_it_below_the_services_named_and_reachable_by_keyboard(
    qtbot: QtBot,
) -> None:
    views = [not_checked_view(s.id, s.name, "not checked yet") for s in SERVICES]
    window = DetailWindow(views, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.timeline.set_services(NAMES, VENDORS)
    window.timeline.set_events(
        [
            _change("outlook", OK, MAJOR, Triage.VENDOR, _at(8, 42)),
            _change("teams", OK, MAJOR, Triage.VENDOR, _at(8, 30)),
        ]
    )
    window.open_near(None)
    window.show_details()  # one click from the answer
    qtbot.waitUntil(window.table.hasFocus)
    changes = window.timeline.changes
    assert changes.accessibleName() == "State changes in the last 24 hours, newest first"
    assert window.timeline.heading.text() == "&What happened in the last 24 hours"
    assert changes.isVisibleTo(window)
    # Tab from the table reaches the list (through the detail pane's controls, if any).
    for _ in range(10):
        if changes.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert changes.hasFocus()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # the buddy
    qtbot.waitUntil(changes.hasFocus)
    # Enter on a change shows that service in the table and the detail pane.
    window.select_service("github")
    changes.setCurrentRow(1)
    qtbot.keyClick(changes, Qt.Key.Key_Return)
    assert window.current_service_id() == "teams"
    assert window.detail.title.text() == "Teams"


def test_the_chosen_service_shows_its_own_recent_changes_in_the_detail_pane(
    qtbot: QtBot,
) -> None:
    views = [not_checked_view(s.id, s.name, "not checked yet") for s in SERVICES]
    window = DetailWindow(views, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.timeline.set_services(NAMES, VENDORS)
    window.timeline.set_events(
        [_change("teams", OK, MAJOR, Triage.VENDOR, _at(9, m)) for m in range(0, 14, 2)]
        + [_change("outlook", OK, MAJOR, Triage.VENDOR, _at(8, 42))]
    )
    window.select_service("github")
    assert window.detail.recent.text() == "no changes"
    window.select_service("outlook")
    assert window.detail.recent.text() == "08:42 Outlook: outage reported by Microsoft"
    window.timeline.add_event(_change("outlook", MAJOR, OK, Triage.OK, _at(9, 10)))  # live
    assert window.detail.recent.text().splitlines() == [
        "09:10 Outlook: back to normal",
        "08:42 Outlook: outage reported by Microsoft",
    ]
    window.select_service("teams")  # seven changes: the newest five, and how many more
    assert window.detail.recent.text().splitlines() == [
        *(f"09:{m:02d} Teams: outage reported by the vendor" for m in (12, 10, 8, 6, 4)),
        "… and 2 earlier",
    ]


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translator = install_translator(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert translator is not None
    yield
    qapp.removeTranslator(translator)


def test_it_speaks_german(qtbot: QtBot, german: None) -> None:
    timeline = _timeline(qtbot)
    assert timeline.empty.text() == "Keine Änderungen in den letzten 24 Stunden."
    timeline.set_events(
        [
            _change("outlook", OK, MAJOR, Triage.VENDOR, _at(8, 42)),
            _change("outlook", MAJOR, OK, Triage.OK, _at(9, 10)),
            _change("teams", OK, MAJOR, Triage.VENDOR, NOW - timedelta(hours=20)),
        ]
    )
    assert timeline.lines() == [
        "09:10 Outlook: wieder normal",
        "08:42 Outlook: Ausfall gemeldet von Microsoft",
        "gestern 14:00 Teams: Ausfall vom Anbieter gemeldet",
    ]


def test_the_diagnostics_list_the_changes_for_the_helpdesk(tmp_path: Path) -> None:
    changes = [
        _change("outlook", MAJOR, OK, Triage.OK, _at(9, 10)),
        _change("outlook", OK, MAJOR, Triage.VENDOR, _at(8, 42)),
    ]
    lines = diagnostics_text([], None, None, NOW, changes=changes).splitlines()
    at = lines.index("Changes in the last 24 hours: 2")
    assert lines[at + 1 :] == [
        "2026-11-27T09:10:00+00:00 outlook: major_outage -> operational (ok)",
        "2026-11-27T08:42:00+00:00 outlook: operational -> major_outage (vendor)",
    ]
    assert "Changes in the last 24 hours: none" in diagnostics_text([], None, None, NOW)


def test_live_changes_from_the_real_engine_appear_and_history_has_them_next_time(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path
) -> None:
    server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    )
    config_file = write_config(
        tmp_path / "t.toml",
        [{"id": "github", "name": "GitHub", "kind": "statuspage", "url": server.base_url + "/gh"}],
    )
    with config_file.open("a", encoding="utf-8") as extra:
        extra.write("\n[notifications]\nup_after = 1\n")  # one good answer is news at once
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    session = Session(
        layered(config_file, tmp_path),
        settings,
        tmp_path / "history.sqlite3",
        autostart=XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )
    timeline = session.window.timeline

    def said() -> list[str]:
        return [line.split(" ", 1)[1] for line in timeline.lines()]

    try:
        session.open_window()
        session.window.show_details()
        assert said() == [] and timeline.empty.isVisible()
        session.start()
        qtbot.waitUntil(lambda: said() == ["GitHub: outage reported by the vendor"], timeout=10_000)
        server.serve_statuspage(
            "/gh", fixture_bytes("statuspage/github_summary_operational_2019-12-30.json")
        )
        session.bridge.check_now()
        qtbot.waitUntil(
            lambda: said() == ["GitHub: back to normal", "GitHub: outage reported by the vendor"],
            timeout=10_000,
        )
        session.window.close()
        session.open_window()  # read again from history: the same two, named, no doubles
        assert said() == ["GitHub: back to normal", "GitHub: outage reported by the vendor"]
    finally:
        session.stop()
    stored = History(tmp_path / "history.sqlite3").latest_transitions(NOW - timedelta(days=3650))
    assert [(e.old, e.new) for e in stored] == [(MAJOR, OK), (Status.UNKNOWN, MAJOR)]
