"""Every default is written once: the settings table, or the one module it names.

The typed dataclasses the engine and continuity use take their defaults from the same
constants as the settings table, so ``traymon config show`` says what runs; the fixed
names live in ``traymon.identity`` only.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from traymon import identity
from traymon.config.schema import NetworkConfig, NotificationConfig, ServiceConfig
from traymon.config.settings import BY_NAME
from traymon.continuity.config import ContinuityConfig, parse_continuity
from traymon.continuity.policy import PolicySettings

PACKAGE = Path(__file__).resolve().parent.parent / "traymon"


def _minutes(delta: timedelta) -> int:
    return delta // timedelta(minutes=1)


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("network.reference_urls", NetworkConfig().reference_urls),
        ("network.timeout", NetworkConfig().timeout_s),
        ("notifications.down_after", NotificationConfig().down_after),
        ("notifications.up_after", NotificationConfig().up_after),
        ("continuity.mode", ContinuityConfig().mode.value),
        ("continuity.mode", PolicySettings().mode.value),
        ("continuity.switch_after_minutes", _minutes(ContinuityConfig().switch_after)),
        ("continuity.switch_after_minutes", _minutes(PolicySettings().switch_after)),
        ("continuity.switch_back_after_minutes", _minutes(ContinuityConfig().switch_back_after)),
        ("continuity.switch_back_after_minutes", _minutes(PolicySettings().switch_back_after)),
        ("checks.interval", ServiceConfig("a", "A", "statuspage", "https://a.test").interval),
    ],
)
def test_the_typed_defaults_are_the_settings_tables(name: str, typed: object) -> None:
    assert BY_NAME[name].default == typed


def test_a_continuity_section_without_delays_gets_the_tables_delays() -> None:
    parsed, problems = parse_continuity({"mode": "off"}, "", [])
    assert not problems
    assert _minutes(parsed.switch_after) == BY_NAME["continuity.switch_after_minutes"].default
    back = BY_NAME["continuity.switch_back_after_minutes"].default
    assert _minutes(parsed.switch_back_after) == back


@pytest.mark.parametrize(
    ("literal", "home"),
    [
        (identity.BUNDLE_ID, "identity.py"),
        (identity.USER_LAUNCH_AGENT_LABEL, "identity.py"),
        (identity.APP_USER_MODEL_ID, "identity.py"),
        (identity.MSI_UPGRADE_CODE, "identity.py"),
        ("Software\\Policies\\Traymon", "identity.py"),
        ("connectivitycheck.gstatic.com", "config/settings.py"),
        ("msftconnecttest.com", "config/settings.py"),
    ],
)
def test_a_fixed_name_or_default_is_written_in_one_module(literal: str, home: str) -> None:
    holders = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if literal in path.read_text(encoding="utf-8")
    )
    assert holders == [home]
