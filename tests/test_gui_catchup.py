"""The catch-up after a pause, as the person sees it: worded, translated, clickable; and end to
end through the real session, bridge and engine against a loopback status page (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes
from tests.gui_data import layered
from tests.servers import LoopbackServer
from traymon.config.person import PersonFile
from traymon.continuity.instruction_cache import InstructionCache
from traymon.engine.catchup import catch_up_notification
from traymon.engine.events import (
    CatchUp,
    CatchUpKind,
    CatchUpLine,
    Notification,
    Silence,
    TransitionEvent,
)
from traymon.gui.notices import GroupedMessage, message_for
from traymon.gui.notify_gate import PauseChoice
from traymon.gui.session import Session
from traymon.gui.translations import install_translator
from traymon.model import CheckResult, Status, Triage
from traymon.platform.autostart import XdgAutostart

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

ENDED = datetime(2026, 6, 1, 16, 0).astimezone()  # a local afternoon


def _hhmm(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def _line(
    sid: str, kind: CatchUpKind, status: Status, triage: Triage, **times: object
) -> CatchUpLine:
    fields: dict[str, object] = {"since": None, "first_since": None, "back_at": None, "spells": 0}
    fields.update(times)
    return CatchUpLine(sid, sid.title(), kind, status, triage, **fields)  # type: ignore[arg-type]


def _afternoon(reason: Silence = Silence.PAUSED, more: int = 0) -> CatchUp:
    at = {m: ENDED - timedelta(minutes=m) for m in (118, 50, 100)}
    lines = (
        _line("outlook", CatchUpKind.STILL, Status.MAJOR_OUTAGE, Triage.VENDOR,
              since=at[118], spells=1),
        _line("crm", CatchUpKind.STILL, Status.DEGRADED, Triage.VENDOR),
        _line("teams", CatchUpKind.RECOVERED, Status.OPERATIONAL, Triage.OK,
              first_since=at[100], since=at[100], back_at=at[50], spells=1),
        _line("wiki", CatchUpKind.BACK, Status.OPERATIONAL, Triage.OK, back_at=at[50]),
    )  # fmt: skip
    return CatchUp(reason, ENDED - timedelta(hours=2), ENDED, lines, more)


@pytest.fixture
def german(qapp: QApplication) -> Iterator[QTranslator]:
    translator = install_translator(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert translator is not None, "the German .qm did not load"
    yield translator
    qapp.removeTranslator(translator)


def test_the_catch_up_says_what_still_needs_attention_first(qapp: QApplication) -> None:
    message = message_for(catch_up_notification(_afternoon()), {"outlook": "Microsoft"})
    assert message.title == "Traymon: while notifications were paused"
    since, start, end = (_hhmm(ENDED - timedelta(minutes=m)) for m in (118, 100, 50))
    assert message.body.splitlines() == [
        f"Outlook: still a problem since {since} (outage reported by Microsoft)",
        "Crm: still a problem (reported by the vendor: Degraded)",
        f"Teams: a problem from {start} to {end}, working again now",
        f"Wiki: working again since {end}",
    ]
    assert message.focus_service_id == "outlook"  # a click opens the worst
    assert message.worst is Status.MAJOR_OUTAGE


def test_quiet_hours_a_night_and_more_than_fits(qapp: QApplication) -> None:
    night = ENDED - timedelta(days=1)
    flapping = _line("chat", CatchUpKind.RECOVERED, Status.OPERATIONAL, Triage.OK,
                     first_since=night, back_at=ENDED - timedelta(hours=1), spells=3)  # fmt: skip
    suspected = _line("vpn", CatchUpKind.STILL, Status.OPERATIONAL, Triage.SUSPECTED, since=night)
    lines = (suspected, flapping, *_afternoon().lines)
    catch_up = CatchUp(Silence.QUIET_HOURS, night, ENDED, lines, more=2)
    message = message_for(Notification(catch_up=catch_up))
    assert message.title == "Traymon: while your quiet hours lasted"
    body = message.body.splitlines()
    assert body[0] == (
        f"Vpn: still a problem since yesterday {_hhmm(night)} "
        "(fails from this PC, the vendor reports no problem)"
    )
    assert body[1].startswith(f"Chat: problems 3 times between yesterday {_hhmm(night)} and ")
    assert body[-1] == "… and 4 more"  # two lines that did not fit, two left out by the engine
    assert len(body) == 5
    only_good_news = CatchUp(Silence.PAUSED, night, ENDED, _afternoon().lines[2:])
    assert message_for(Notification(catch_up=only_good_news)).worst is Status.OPERATIONAL


def test_the_catch_up_speaks_german(german: QTranslator) -> None:
    message = message_for(catch_up_notification(_afternoon()), {"outlook": "Microsoft"})
    assert message.title == "Traymon: während die Benachrichtigungen pausiert waren"
    since, start, end = (_hhmm(ENDED - timedelta(minutes=m)) for m in (118, 100, 50))
    assert message.body.splitlines() == [
        f"Outlook: weiterhin gestört seit {since} (Ausfall gemeldet von Microsoft)",
        "Crm: weiterhin gestört (vom Anbieter gemeldet: Beeinträchtigt)",
        f"Teams: gestört von {start} bis {end}, funktioniert jetzt wieder",
        f"Wiki: funktioniert wieder seit {end}",
    ]


def _session_with_an_outage(
    server: LoopbackServer, tmp_path: Path, *, notifications_enabled: bool = True
) -> Session:
    """A session as `traymon run` builds it: a healthy wiki and GitHub in a major outage."""
    outage = server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    )
    fine = server.serve_statuspage(
        "/wiki", fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
    )
    config_file = tmp_path / "traymon.toml"
    config_file.write_text(
        "[notifications]\ndown_after = 1\n\n"
        f'[[services]]\nid = "wiki"\nname = "Wiki"\nkind = "statuspage"\nurl = "{fine}"\n\n'
        f'[[services]]\nid = "github"\nname = "GitHub"\nkind = "statuspage"\nurl = "{outage}"\n',
        encoding="utf-8",
    )
    if not notifications_enabled:  # the layered configuration's switch (here the person's)
        PersonFile(tmp_path / "choices.toml").save({"notifications.enabled": False})
    return Session(
        layered(config_file, tmp_path),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        autostart=XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )


def _shows_the_outage(session: Session) -> bool:
    return {v.service_id: v.status for v in session.tray.views}["github"] is Status.MAJOR_OUTAGE


def test_resuming_after_an_outage_in_the_pause_pops_up_one_summary_that_opens_the_service(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAYMON_NOTIFY_BATCH_S", "0")
    session = _session_with_an_outage(server, tmp_path)
    events: list[TransitionEvent] = []
    decided: list[Notification] = []
    shown: list[GroupedMessage] = []
    session.bridge.event_ready.connect(events.append)
    session.bridge.notification_ready.connect(decided.append)
    session.tray.notified.connect(shown.append)
    session.tray.pause(PauseChoice.ONE_HOUR)  # from the menu, before the engine starts
    try:
        session.start()
        qtbot.waitUntil(lambda: [e.service_id for e in events] == ["github"], timeout=15_000)
        # The engine holds the outage back before it sends the result that shows it, so once
        # the tray shows the outage, the resume below comes after the hold.
        qtbot.waitUntil(lambda: _shows_the_outage(session))
        assert shown == []
        with qtbot.waitSignal(session.tray.notified, timeout=10_000) as popped:
            session.tray.resume()  # "Resume notifications"
        message: GroupedMessage = popped.args[0]
        qtbot.waitUntil(lambda: bool(decided))  # its own queued delivery, maybe still on its way
        assert [n.catch_up is not None for n in decided] == [True]  # nothing during the pause
        assert message.title == "Traymon: while notifications were paused"
        since = _hhmm(events[0].at)
        assert (
            message.body == f"GitHub: still a problem since {since} (outage reported by the vendor)"
        )
        assert message.focus_service_id == "github"
        session.tray.icon.messageClicked.emit()
        assert session.window.isVisible()
        assert session.window.current_service_id() == "github"
        assert shown == [message]
    finally:
        session.stop()
        session.window.close()


def test_what_the_pause_held_outlives_new_settings_applied_to_the_running_engine(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAYMON_NOTIFY_BATCH_S", "0")
    session = _session_with_an_outage(server, tmp_path)
    shown: list[GroupedMessage] = []
    session.tray.notified.connect(shown.append)
    session.tray.pause(PauseChoice.FOUR_HOURS)
    try:
        session.start()
        qtbot.waitUntil(lambda: _shows_the_outage(session), timeout=15_000)
        first, engine = session.bridge, session.bridge._monitor
        session.set_preferences(replace(session.prefs, interval_s=600))
        # The same engine takes the new interval: what the pause held stays where it was.
        assert session.bridge is first and session.bridge._monitor is engine
        qtbot.waitUntil(lambda: {s.interval for s in first.services} == {600})
        fresh: list[CheckResult] = []
        session.bridge.result_ready.connect(fresh.append)
        session.bridge.check_now()
        qtbot.waitUntil(
            lambda: any(r.service_id == "github" and r.triage is Triage.VENDOR for r in fresh),
            timeout=15_000,
        )
        with qtbot.waitSignal(session.tray.notified, timeout=10_000) as popped:
            session.tray.resume()
        assert popped.args[0].body.startswith("GitHub: still a problem since ")
        assert shown == [popped.args[0]]
    finally:
        session.stop()


def test_with_notifications_switched_off_there_is_no_catch_up(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`notifications.enabled = false` in the layered configuration: nothing pops up, ever."""
    monkeypatch.setenv("TRAYMON_NOTIFY_BATCH_S", "0")
    session = _session_with_an_outage(server, tmp_path, notifications_enabled=False)
    decided: list[Notification] = []
    results: list[CheckResult] = []
    session.bridge.notification_ready.connect(decided.append)
    session.bridge.result_ready.connect(results.append)
    session.tray.pause(PauseChoice.ONE_HOUR)
    try:
        session.start()
        qtbot.waitUntil(lambda: _shows_the_outage(session), timeout=15_000)
        session.tray.resume()
        before = len(results)
        session.bridge.check_now()  # queued behind the resume, so a catch-up would come first
        qtbot.waitUntil(lambda: len(results) >= before + 2, timeout=15_000)
        assert decided == []
    finally:
        session.stop()


def test_what_a_pause_held_outlives_a_restart_of_traymon_and_pops_up_on_resume(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logged out during a pause: the next session has only QSettings and the history file."""
    monkeypatch.setenv("TRAYMON_NOTIFY_BATCH_S", "0")
    first = _session_with_an_outage(server, tmp_path)
    events: list[TransitionEvent] = []
    first.bridge.event_ready.connect(events.append)
    first.tray.pause(PauseChoice.ONE_HOUR)
    paused = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    since = datetime.fromisoformat(str(paused.value("notifications/paused_since")))
    first.tray.pause(PauseChoice.FOUR_HOURS)  # a longer pause extends the same silence
    until = first.tray.paused_until
    paused.sync()
    assert datetime.fromisoformat(str(paused.value("notifications/paused_since"))) == since
    try:
        first.start()
        qtbot.waitUntil(lambda: [e.service_id for e in events] == ["github"], timeout=15_000)
        qtbot.waitUntil(lambda: _shows_the_outage(first))
    finally:
        first.stop()
        first.window.close()
    again = _session_with_an_outage(server, tmp_path)
    assert again.tray.paused_until == until
    shown: list[GroupedMessage] = []
    fresh: list[CheckResult] = []
    later: list[TransitionEvent] = []
    again.tray.notified.connect(shown.append)
    again.bridge.result_ready.connect(fresh.append)
    again.bridge.event_ready.connect(later.append)
    try:
        again.start()
        # Its first fresh answer: GitHub is down, as history last knew it, so no change and
        # nothing this engine saw itself would make a catch-up.
        qtbot.waitUntil(
            lambda: any(r.service_id == "github" and r.triage is Triage.VENDOR for r in fresh),
            timeout=15_000,
        )
        assert later == [] and shown == []
        with qtbot.waitSignal(again.tray.notified, timeout=10_000) as popped:
            again.tray.resume()
        message: GroupedMessage = popped.args[0]
        assert message.title == "Traymon: while notifications were paused"
        assert message.body == (
            f"GitHub: still a problem since {_hhmm(events[0].at)} (outage reported by the vendor)"
        )
        assert shown == [message]
    finally:
        again.stop()
        again.window.close()
