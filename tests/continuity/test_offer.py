"""The plain data the GUI shows: instructions with link buttons, and the switch question."""

from __future__ import annotations

from pathlib import Path

from traymon.config import parse_config
from traymon.continuity.config import FallbackInstruction
from traymon.continuity.evolution import EvolutionAdapter
from traymon.continuity.offer import outage_help, switch_offer
from traymon.continuity.policy import Action, Decision, PolicyState
from traymon.continuity.thunderbird import ThunderbirdAdapter
from traymon.model import Status

CONFIG = """\
[[services]]
id = "exchange-online"
name = "Exchange Online"
kind = "statuspage"
url = "https://status.example.com"

[[services]]
id = "github"
name = "GitHub"
kind = "statuspage"
url = "https://www.githubstatus.com"

[continuity]
mode = "ask"
trigger_services = ["exchange-online"]
webmail_url = "https://webmail.backup.example.net"

[[continuity.instructions]]
service = "exchange-online"
text = "Call the [helpdesk](tel:+49301234567) or use [webmail](https://webmail.backup.example.net)."
"""


def test_the_outage_help_has_one_button_per_link_and_copyable_text(tmp_path: Path) -> None:
    config = parse_config(CONFIG, tmp_path / "c.toml").continuity
    help_ = outage_help(config, "exchange-online", Status.MAJOR_OUTAGE)
    assert help_ is not None
    assert [b.button for b in help_.buttons] == ["Call helpdesk", "Open webmail"]
    assert help_.copy_text.startswith("Call the helpdesk (+49301234567)")


def test_the_webmail_button_appears_even_without_instructions(tmp_path: Path) -> None:
    config = parse_config(CONFIG.split("[[continuity.instructions]]")[0], tmp_path / "c.toml")
    help_ = outage_help(config.continuity, "exchange-online", Status.PARTIAL_OUTAGE)
    assert help_ is not None and help_.instructions is None
    assert [b.button for b in help_.buttons] == ["Open backup webmail"]
    assert outage_help(config.continuity, "github", Status.MAJOR_OUTAGE) is None
    assert outage_help(config.continuity, "exchange-online", Status.DEGRADED) is None


def test_a_suspected_outage_gets_the_same_help(tmp_path: Path) -> None:
    # Fails from this PC while the vendor still says operational: the person needs help now.
    config = parse_config(CONFIG, tmp_path / "c.toml").continuity
    assert outage_help(config, "exchange-online", Status.OPERATIONAL) is None
    help_ = outage_help(config, "exchange-online", Status.OPERATIONAL, suspected=True)
    assert help_ is not None
    assert [b.button for b in help_.buttons] == ["Call helpdesk", "Open webmail"]


def test_the_offline_copy_fills_in_when_the_config_has_no_instructions(tmp_path: Path) -> None:
    config = parse_config(CONFIG.split("[[continuity.instructions]]")[0], tmp_path / "c.toml")
    cached = [FallbackInstruction("github", "Push later; [status](https://www.githubstatus.com)")]
    help_ = outage_help(config.continuity, "github", Status.MAJOR_OUTAGE, cached)
    assert help_ is not None and help_.instructions is not None
    assert help_.buttons[0].url == "https://www.githubstatus.com"


def test_the_switch_question_tells_the_person_to_close_thunderbird() -> None:
    decision = Decision(Action.OFFER_SWITCH, PolicyState(), "outage confirmed")
    offer = switch_offer(
        decision,
        "thunderbird",
        "Thunderbird",
        "ana@backup.example.net",
        ["Exchange Online"],
        ThunderbirdAdapter.close_first,
    )
    assert offer is not None
    assert offer.message == (
        "Exchange Online is down. Switch Thunderbird to the backup account "
        "(ana@backup.example.net) until it is back? Close Thunderbird first; Traymon never "
        "closes it for you."
    )
    assert (offer.accept_label, offer.decline_label) == ("Switch", "Not now")
    automatic = switch_offer(
        Decision(Action.SWITCH_BACK, PolicyState(), ""), "evolution", "Evolution", "b", []
    )
    assert automatic is not None and automatic.accept_label is None
    assert "back on your usual account" in automatic.message
    assert switch_offer(Decision(Action.NONE, PolicyState(), ""), "x", "X", "b", []) is None
    evolution = switch_offer(
        decision, "evolution", "Evolution", "b", [], EvolutionAdapter.close_first
    )  # Evolution takes the change while it runs: nothing to close
    assert evolution is not None and "Close" not in evolution.message
