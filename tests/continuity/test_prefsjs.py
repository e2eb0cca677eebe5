"""prefs.js reading and editing: Gecko's syntax, and nothing else in the file disturbed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.thunderbird_profile import PREFS_JS
from traymon.continuity.prefsjs import PrefsError, PrefsFile


def test_values_of_every_type_are_read() -> None:
    prefs = PrefsFile(PREFS_JS.encode())
    assert prefs.get("mail.accountmanager.defaultaccount") == "account1"
    assert prefs.get("mail.server.server1.port") == 993
    assert prefs.get("mail.identity.id1.valid") is True
    assert prefs.get("mail.identity.id1.fullName") == "Ana Müller"
    assert prefs.get("mail.smtpserver.smtp2.description") == 'Backup "continuity" relay'
    assert prefs.get("no.such.pref") is None


def test_the_last_definition_wins_and_is_the_one_edited() -> None:
    prefs = PrefsFile(b'user_pref("a", 1);\nuser_pref("a", 2);\n')
    assert prefs.get("a") == 2
    prefs.set("a", 3)
    assert prefs.to_bytes() == b'user_pref("a", 1);\nuser_pref("a", 3);\n'


def test_unchanged_files_round_trip_byte_for_byte() -> None:
    odd = b'// comment\n\nuser_pref("x", weird());\nuser_pref("y",   "z" ) ;\r\nno newline'
    assert PrefsFile(odd).to_bytes() == odd


def test_a_new_pref_is_appended_after_a_missing_final_newline() -> None:
    prefs = PrefsFile(b'user_pref("a", 1);')
    prefs.set("b", "two")
    assert prefs.to_bytes() == b'user_pref("a", 1);\nuser_pref("b", "two");\n'


def test_remove_drops_every_definition() -> None:
    prefs = PrefsFile(b'user_pref("a", 1);\nuser_pref("b", 2);\nuser_pref("a", 3);\n')
    prefs.remove("a")
    assert prefs.to_bytes() == b'user_pref("b", 2);\n'


def test_text_that_is_not_utf8_is_refused_with_a_reason() -> None:
    with pytest.raises(PrefsError, match="not UTF-8"):
        PrefsFile(b'user_pref("a", "\xff");\n')


@given(st.binary(max_size=400))
def test_any_bytes_either_parse_and_round_trip_or_are_refused(data: bytes) -> None:
    try:
        prefs = PrefsFile(data)
    except PrefsError:
        return
    assert prefs.to_bytes() == data


@given(
    name=st.text(min_size=1, max_size=30).filter(lambda s: "\x00" not in s),
    value=st.one_of(st.text(max_size=40), st.integers(-(2**31), 2**31 - 1), st.booleans()),
)
def test_any_value_written_reads_back_the_same(name: str, value: str | int | bool) -> None:
    prefs = PrefsFile(PREFS_JS.encode())
    prefs.set(name, value)
    again = PrefsFile(prefs.to_bytes())
    assert again.get(name) == value
    assert again.get("mail.accountmanager.defaultaccount") == (
        value if name == "mail.accountmanager.defaultaccount" else "account1"
    )
