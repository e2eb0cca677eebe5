"""Mail switching from the tray app, on real Thunderbird profile files in a tmp folder.

The policy's clock is driven by the test; the switch itself runs on the worker
thread exactly as in the app, and edits a real prefs.js (never the developer's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.continuity.test_outlook import outlook_hkcu
from tests.thunderbird_profile import make_profile_root
from traymon.app.mail_switch import MailClient
from traymon.continuity.config import ContinuityConfig
from traymon.continuity.journal import Journal
from traymon.continuity.offer import SwitchOffer
from traymon.continuity.outlook import OUTLOOK_KEY, MemoryRegistry, OutlookAdapter
from traymon.continuity.policy import Mode
from traymon.continuity.thunderbird import ThunderbirdAdapter
from traymon.gui.mail_switch import MailSwitch
from traymon.model import CheckResult, Status, Triage
from traymon.platform.launch import LaunchError

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
DEFAULT_ACCOUNT = 'user_pref("mail.accountmanager.defaultaccount", "{}");'


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return make_profile_root(tmp_path / "thunderbird")


def _switch(
    qtbot: QtBot, tmp_path: Path, profile: Path, mode: Mode, backup: str = "account3"
) -> tuple[MailSwitch, Clock]:
    adapter = ThunderbirdAdapter(
        Journal(tmp_path / "journal"), profile, processes=lambda: frozenset()
    )
    config = ContinuityConfig(mode=mode, trigger_services=("m365",), backup={"thunderbird": backup})
    clock = Clock()
    switch = MailSwitch(
        config, {"m365": "Microsoft 365"}, lambda: MailClient(adapter, backup), clock
    )
    with qtbot.waitSignal(switch.ready, timeout=10_000):
        switch.start()  # looks for the client off the GUI thread, as the session does
    return switch, clock


def _result(status: Status, triage: Triage) -> CheckResult:
    return CheckResult(
        "m365", "Microsoft 365", "statuspage", status, status.label, T0, triage=triage
    )


def _feed(switch: MailSwitch, clock: Clock, status: Status, triage: Triage, minutes: int) -> None:
    """The engine's verdict now and again ``minutes`` later (the policy wants it lasting)."""
    switch.on_result(_result(status, triage))
    clock.now += timedelta(minutes=minutes)
    switch.on_result(_result(status, triage))


def _answer(switch: MailSwitch, accept: bool) -> None:
    dialog = switch.dialog
    assert dialog is not None and dialog.isVisible()
    role = QMessageBox.ButtonRole.AcceptRole if accept else QMessageBox.ButtonRole.RejectRole
    (button,) = [b for b in dialog.buttons() if dialog.buttonRole(b) is role]
    button.click()


def test_ask_switch_then_switch_back_on_recovery(
    qtbot: QtBot, tmp_path: Path, profile: Path
) -> None:
    original = (profile / "prefs.js").read_bytes()
    switch, clock = _switch(qtbot, tmp_path, profile, Mode.ASK)
    with qtbot.waitSignal(switch.offered) as offered:
        _feed(switch, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=11)
    offer: SwitchOffer = offered.args[0]
    assert offer.message.startswith("Microsoft 365 is down. Switch Thunderbird")
    assert switch.dialog is not None and switch.dialog.text() == offer.message
    with qtbot.waitSignal(switch.told, timeout=10_000) as told:
        _answer(switch, accept=True)  # "Switch": runs on the worker thread
    assert "Thunderbird" in told.args[0]
    assert DEFAULT_ACCOUNT.format("account3") in (profile / "prefs.js").read_text("utf-8")
    assert switch.state.switched

    clock.now += timedelta(minutes=1)
    with qtbot.waitSignal(switch.offered) as offered:
        _feed(switch, clock, Status.OPERATIONAL, Triage.OK, minutes=16)
    assert offered.args[0].accept_label == "Switch back"
    with qtbot.waitSignal(switch.told, timeout=10_000):
        _answer(switch, accept=True)
    assert (profile / "prefs.js").read_bytes() == original  # restored byte for byte
    assert not switch.state.switched


def test_not_now_is_respected_for_the_rest_of_the_outage(
    qtbot: QtBot, tmp_path: Path, profile: Path
) -> None:
    original = (profile / "prefs.js").read_bytes()
    switch, clock = _switch(qtbot, tmp_path, profile, Mode.ASK)
    offers: list[SwitchOffer] = []
    switch.offered.connect(offers.append)
    _feed(switch, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=11)
    _answer(switch, accept=False)
    _feed(switch, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=30)
    assert len(offers) == 1
    assert switch.state.declined
    assert (profile / "prefs.js").read_bytes() == original


def test_an_offline_pc_is_never_a_mail_outage(qtbot: QtBot, tmp_path: Path, profile: Path) -> None:
    switch, clock = _switch(qtbot, tmp_path, profile, Mode.AUTOMATIC)
    offers: list[SwitchOffer] = []
    switch.offered.connect(offers.append)
    _feed(switch, clock, Status.UNKNOWN, Triage.LOCAL, minutes=60)
    assert offers == [] and switch.dialog is None and not switch.state.switched


def test_automatic_switches_and_says_so(qtbot: QtBot, tmp_path: Path, profile: Path) -> None:
    switch, clock = _switch(qtbot, tmp_path, profile, Mode.AUTOMATIC)
    with qtbot.waitSignal(switch.told, timeout=10_000) as told:
        _feed(switch, clock, Status.OPERATIONAL, Triage.SUSPECTED, minutes=11)
    assert switch.dialog is None  # news, not a question
    assert told.args[0].startswith(
        "Microsoft 365 is down, so Thunderbird now sends from the backup account."
    )
    assert DEFAULT_ACCOUNT.format("account3") in (profile / "prefs.js").read_text("utf-8")


def test_a_refused_switch_shows_the_reason_and_changes_nothing(
    qtbot: QtBot, tmp_path: Path, profile: Path
) -> None:
    original = (profile / "prefs.js").read_bytes()
    switch, clock = _switch(qtbot, tmp_path, profile, Mode.AUTOMATIC, backup="account9")
    with qtbot.waitSignal(switch.told, timeout=10_000) as told:
        _feed(switch, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=11)
    assert "account9" in told.args[0]
    assert (profile / "prefs.js").read_bytes() == original
    assert not switch.state.switched


def test_a_restart_during_a_switch_still_switches_back(
    qtbot: QtBot, tmp_path: Path, profile: Path
) -> None:
    first, clock = _switch(qtbot, tmp_path, profile, Mode.AUTOMATIC)
    with qtbot.waitSignal(first.told, timeout=10_000):
        _feed(first, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=11)
    again, clock = _switch(qtbot, tmp_path, profile, Mode.AUTOMATIC)  # the journal knows
    clock.now = T0 + timedelta(hours=1)
    with qtbot.waitSignal(again.told, timeout=10_000):
        _feed(again, clock, Status.OPERATIONAL, Triage.OK, minutes=16)
    assert DEFAULT_ACCOUNT.format("account1") in (profile / "prefs.js").read_text("utf-8")


def _outlook_switch(
    qtbot: QtBot, tmp_path: Path, mode: Mode, launcher: Callable[[Sequence[str]], None]
) -> tuple[MailSwitch, Clock, MemoryRegistry]:
    registry = MemoryRegistry(outlook_hkcu())
    adapter = OutlookAdapter(Journal(tmp_path / "journal"), registry, frozenset)
    config = ContinuityConfig(mode=mode, trigger_services=("m365",), backup={"outlook": "Backup"})
    clock = Clock()
    switch = MailSwitch(
        config,
        {"m365": "Microsoft 365"},
        lambda: MailClient(adapter, "Backup"),
        clock,
        launcher=launcher,
    )
    with qtbot.waitSignal(switch.ready, timeout=10_000):
        switch.start()
    return switch, clock, registry


def test_switch_pressed_starts_outlook_on_the_backup_profile_and_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    started: list[tuple[str, ...]] = []
    switch, clock, registry = _outlook_switch(
        qtbot, tmp_path, Mode.ASK, lambda argv: started.append(tuple(argv))
    )
    with qtbot.waitSignal(switch.offered):
        _feed(switch, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=11)
    with qtbot.waitSignal(switch.told, timeout=10_000) as told:
        _answer(switch, accept=True)
    assert registry.get(OUTLOOK_KEY, "DefaultProfile") == "Backup"
    assert started == [("outlook.exe", "/profile", "Backup")]
    assert told.args[0].endswith("Starting Outlook for you.")
    clock.now += timedelta(minutes=1)
    with qtbot.waitSignal(switch.offered):
        _feed(switch, clock, Status.OPERATIONAL, Triage.OK, minutes=16)
    with qtbot.waitSignal(switch.told, timeout=10_000):
        _answer(switch, accept=True)
    assert started[-1] == ("outlook.exe", "/profile", "Outlook")


def test_an_automatic_switch_never_opens_outlook_unasked(qtbot: QtBot, tmp_path: Path) -> None:
    started: list[tuple[str, ...]] = []
    switch, clock, registry = _outlook_switch(
        qtbot, tmp_path, Mode.AUTOMATIC, lambda argv: started.append(tuple(argv))
    )
    with qtbot.waitSignal(switch.told, timeout=10_000) as told:
        _feed(switch, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=11)
    assert registry.get(OUTLOOK_KEY, "DefaultProfile") == "Backup"
    assert started == []
    assert 'outlook.exe /profile "Backup"' in told.args[0]  # how to start it, in words


def test_outlook_that_cannot_be_started_is_said_and_the_switch_stands(
    qtbot: QtBot, tmp_path: Path
) -> None:
    def missing(argv: Sequence[str]) -> None:
        raise LaunchError(f"{argv[0]} could not be started (No such file or directory).")

    switch, clock, registry = _outlook_switch(qtbot, tmp_path, Mode.ASK, missing)
    with qtbot.waitSignal(switch.offered):
        _feed(switch, clock, Status.MAJOR_OUTAGE, Triage.VENDOR, minutes=11)
    with qtbot.waitSignal(switch.told, timeout=10_000) as told:
        _answer(switch, accept=True)
    assert "outlook.exe could not be started" in told.args[0]
    assert registry.get(OUTLOOK_KEY, "DefaultProfile") == "Backup" and switch.state.switched


def test_a_damaged_journal_at_start_is_told_and_switches_nothing(
    qtbot: QtBot, tmp_path: Path, profile: Path
) -> None:
    journal = Journal(tmp_path / "journal")
    adapter = ThunderbirdAdapter(journal, profile, processes=lambda: frozenset())
    adapter.switch("account3")
    [record] = (tmp_path / "journal").glob("*.json")
    record.write_bytes(b'{"version": 1, "client": "thunderbird", "stage": ')
    config = ContinuityConfig(
        mode=Mode.AUTOMATIC, trigger_services=("m365",), backup={"thunderbird": "account3"}
    )
    clock = Clock()
    switch = MailSwitch(
        config, {"m365": "Microsoft 365"}, lambda: MailClient(adapter, "account3"), clock
    )
    told: list[str] = []
    switch.told.connect(told.append)
    with qtbot.waitSignal(switch.ready, timeout=10_000):
        switch.start()
    qtbot.waitUntil(lambda: bool(told), timeout=5_000)
    assert str(record) in told[0] and "damaged" in told[0]
    _feed(switch, clock, Status.OPERATIONAL, Triage.OK, 60)
    assert record.read_bytes() == b'{"version": 1, "client": "thunderbird", "stage": '


def test_its_continuity_declaration_through_the_relay_switches_at_once(
    qtbot: QtBot, tmp_path: Path, profile: Path
) -> None:
    from traymon.model import Incident
    from traymon.sources.relay import DECLARED_STATUS

    switch, _clock = _switch(qtbot, tmp_path, profile, Mode.AUTOMATIC)
    declared = Incident(
        "IT: continuity for exchange-online until 14:00", Status.PARTIAL_OUTAGE, DECLARED_STATUS
    )
    result = CheckResult(
        "m365",
        "Microsoft 365",
        "relay",
        Status.PARTIAL_OUTAGE,
        declared.title,
        T0,
        incidents=(declared,),
        triage=Triage.VENDOR,
    )
    with qtbot.waitSignal(switch.told, timeout=10_000):
        switch.on_result(result)  # no ten minutes: IT's signed word is the confirmation
    assert DEFAULT_ACCOUNT.format("account3") in (profile / "prefs.js").read_text("utf-8")


def test_a_vendor_page_cannot_pretend_to_be_it(qtbot: QtBot, tmp_path: Path, profile: Path) -> None:
    from traymon.model import Incident
    from traymon.sources.relay import DECLARED_STATUS

    switch, _clock = _switch(qtbot, tmp_path, profile, Mode.AUTOMATIC)
    words = Incident("Pretend", Status.MAJOR_OUTAGE, DECLARED_STATUS)
    result = CheckResult(
        "m365",
        "Microsoft 365",
        "statuspage",
        Status.MAJOR_OUTAGE,
        "x",
        T0,
        incidents=(words,),
        triage=Triage.VENDOR,
    )
    switch.on_result(result)
    assert not switch.state.switched and switch.state.outage_since is not None  # waits as ever
