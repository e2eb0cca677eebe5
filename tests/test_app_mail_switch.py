"""The mail-switch driver without Qt: on a real Thunderbird profile in a tmp folder.

The widget (tests/test_gui_mail_switch.py) only shows what this decides; here the
decisions and the typed outcomes are read directly, with no event loop and no thread.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.thunderbird_profile import make_profile_root
from traymon.app.mail_switch import Ask, MailClient, MailSwitchDriver, Run, SwitchOutcome
from traymon.continuity.config import ContinuityConfig
from traymon.continuity.journal import Journal
from traymon.continuity.policy import Action, Mode
from traymon.continuity.thunderbird import ThunderbirdAdapter
from traymon.model import CheckResult, Incident, Status, Triage
from traymon.sources.relay import DECLARED_STATUS

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
DEFAULT_ACCOUNT = 'user_pref("mail.accountmanager.defaultaccount", "{}");'


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _driver(
    tmp_path: Path, mode: Mode, running: frozenset[str] = frozenset(), backup: str = "account3"
) -> tuple[MailSwitchDriver, Clock, Path]:
    profile = make_profile_root(tmp_path / "thunderbird")
    adapter = ThunderbirdAdapter(Journal(tmp_path / "journal"), profile, processes=lambda: running)
    config = ContinuityConfig(mode=mode, trigger_services=("m365",), backup={"thunderbird": backup})
    clock = Clock()
    driver = MailSwitchDriver(
        config, {"m365": "Microsoft 365"}, lambda: MailClient(adapter, backup), clock
    )
    client, switched = driver.detect()
    assert driver.detected(client, switched) is None  # nothing seen yet: nothing to do
    return driver, clock, profile


def _result(
    status: Status, triage: Triage, incidents: tuple[Incident, ...] = (), kind: str = "statuspage"
) -> CheckResult:
    return CheckResult(
        "m365", "Microsoft 365", kind, status, status.label, T0, triage=triage,
        incidents=incidents,
    )  # fmt: skip


def test_ask_gives_a_question_and_a_click_a_typed_outcome(tmp_path: Path) -> None:
    driver, clock, profile = _driver(tmp_path, Mode.ASK)
    assert driver.on_result(_result(Status.MAJOR_OUTAGE, Triage.VENDOR)) is None  # not yet
    clock.now += timedelta(minutes=11)
    step = driver.on_result(_result(Status.MAJOR_OUTAGE, Triage.VENDOR))
    assert isinstance(step, Ask)
    assert step.offer.message.startswith("Microsoft 365 is down. Switch Thunderbird")
    assert "Close Thunderbird first" in step.offer.message  # the adapter says it must be closed
    run = driver.accepted(step.offer)
    assert run == Run(Action.OFFER_SWITCH)
    assert driver.begin() and not driver.begin()  # one switch at a time
    outcome = driver.run(run)
    assert isinstance(outcome, SwitchOutcome) and outcome.done
    assert "Thunderbird" in outcome.message
    driver.finished(outcome)
    assert driver.state.switched and not driver.busy
    assert DEFAULT_ACCOUNT.format("account3") in (profile / "prefs.js").read_text("utf-8")


def test_automatic_runs_with_its_news_and_never_launches(tmp_path: Path) -> None:
    driver, clock, _ = _driver(tmp_path, Mode.AUTOMATIC)
    driver.on_result(_result(Status.OPERATIONAL, Triage.SUSPECTED))
    clock.now += timedelta(minutes=11)
    step = driver.on_result(_result(Status.OPERATIONAL, Triage.SUSPECTED))
    assert isinstance(step, Run) and step.news.startswith("Microsoft 365 is down, so Thunderbird")
    assert driver.begin()
    outcome = driver.run(step)
    assert outcome.done and outcome.message == step.news and outcome.launch == ()


def test_a_refusal_is_an_outcome_with_its_reason_and_the_state_stays(tmp_path: Path) -> None:
    driver, clock, profile = _driver(tmp_path, Mode.AUTOMATIC, running=frozenset({"thunderbird"}))
    original = (profile / "prefs.js").read_bytes()
    driver.on_result(_result(Status.MAJOR_OUTAGE, Triage.VENDOR))
    clock.now += timedelta(minutes=11)
    step = driver.on_result(_result(Status.MAJOR_OUTAGE, Triage.VENDOR))
    assert isinstance(step, Run) and driver.begin()
    outcome = driver.run(step)
    assert not outcome.done and "Close Thunderbird first" in outcome.message
    driver.finished(outcome)
    assert not driver.state.switched and not driver.busy
    assert (profile / "prefs.js").read_bytes() == original


def test_its_declaration_switches_at_once_and_local_never_does(tmp_path: Path) -> None:
    driver, _, _ = _driver(tmp_path, Mode.AUTOMATIC)
    assert driver.on_result(_result(Status.UNKNOWN, Triage.LOCAL)) is None
    declared = Incident("IT: use the backup", Status.MAJOR_OUTAGE, DECLARED_STATUS)
    vendor_words = driver.on_result(_result(Status.MAJOR_OUTAGE, Triage.VENDOR, (declared,)))
    assert vendor_words is None  # a vendor's incident never switches at once
    step = driver.on_result(_result(Status.MAJOR_OUTAGE, Triage.VENDOR, (declared,), "relay"))
    assert isinstance(step, Run) and step.action is Action.SWITCH


def test_the_driver_loads_no_qt() -> None:
    probe = (
        "import sys, traymon.app.mail_switch; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
