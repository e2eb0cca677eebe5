"""Each mail client declares itself on its adapter; the lists built from them stay as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from traymon.config.settings import SETTINGS
from traymon.continuity.adapter import AdapterOptions, Platform
from traymon.continuity.client_names import CLIENTS
from traymon.continuity.clients import (
    ADAPTERS,
    backup_for,
    backup_keys,
    clients_for_this_platform,
    make_adapter,
)
from traymon.continuity.journal import Journal


def test_the_command_lines_names_are_the_adapters() -> None:
    # client_names is the light copy for --help: it may not drift from the adapters.
    assert tuple(a.name for a in ADAPTERS) == CLIENTS


@pytest.mark.parametrize(
    ("platform", "clients"),
    [
        (Platform.WINDOWS, ("outlook", "thunderbird", "other")),
        (Platform.MACOS, ("apple-mail", "thunderbird", "other")),
        (Platform.LINUX, ("thunderbird", "evolution", "other")),
    ],
)
def test_each_platform_looks_for_its_own_client_first(
    platform: Platform, clients: tuple[str, ...]
) -> None:
    assert clients_for_this_platform(platform) == clients


def test_the_backup_keys_come_from_the_adapters_and_the_docs_name_each() -> None:
    assert backup_keys() == (
        "thunderbird", "outlook", "evolution", "apple_mail", "apple_mail_primary",
    )  # fmt: skip
    assert backup_for("apple-mail", {"apple_mail": "Backup", "thunderbird": "x"}) == "Backup"
    assert backup_for("other", {"thunderbird": "x"}) is None
    (setting,) = (s for s in SETTINGS if s.name == "continuity.backup")
    assert all(key in setting.help for key in backup_keys()), "say the new key in settings.py"


def test_only_clients_that_must_be_closed_say_so() -> None:
    assert {a.name for a in ADAPTERS if a.close_first} == {"thunderbird", "outlook"}


def test_every_adapter_is_built_from_the_options(tmp_path: Path) -> None:
    options = AdapterOptions(Journal(tmp_path / "journal"), webmail_url="https://mail.example")
    for name in CLIENTS:
        assert make_adapter(name, options).name == name
    with pytest.raises(ValueError, match="unknown mail client 'kmail'"):
        make_adapter("kmail", options)
