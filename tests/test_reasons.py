"""Every reason has its words: English once (log, history, `check`) and the GUI's, translated."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from traymon.gui.reason_words import advice, reason_sentence
from traymon.gui.translations import install_translator
from traymon.model import ParseResult, Status
from traymon.reason_english import english
from traymon.reasons import Code, Reason

pytestmark = pytest.mark.linux_only  # the GUI half needs Qt offscreen

#: Every field set, so no sentence falls back for want of data.
FULL = {
    "host": "mail.example",
    "issuer": "Example Proxy",
    "status": 503,
    "seconds": 2.5,
    "size": 3 * 1024 * 1024,
    "detail": "raw words",
    "limit": 2 * 1024 * 1024,
    "since": datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    "last_known": Status.OPERATIONAL,
    "cause": Reason(Code.TIMEOUT, seconds=15),
}
#: Codes whose ``detail`` is the certificate's own data (its end day, its names), shown.
SHOWN_DETAIL = {Code.TLS_EXPIRED, Code.TLS_WRONG_NAME}
GENERIC_GUI = "The check failed; the log has the details."


@pytest.mark.parametrize("code", list(Code))
def test_every_code_has_english_and_a_sentence_of_its_own(code: Code, qapp: QApplication) -> None:
    full, bare = Reason(code, **FULL), Reason(code)  # type: ignore[arg-type]
    assert english(full) and english(bare)
    said = reason_sentence(full)
    assert said.endswith((".", "?")), said  # a whole sentence
    if code is not Code.OTHER:  # a new code needs its own words here, not the fallback
        assert said != GENERIC_GUI and reason_sentence(bare) != GENERIC_GUI
    if code not in SHOWN_DETAIL:
        assert "raw words" not in said  # the raw detail is for the log only


def test_the_german_sentence_keeps_the_reasons_data(qapp: QApplication) -> None:
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    translator = install_translator(qapp, germany)
    assert translator is not None
    before = QLocale()
    QLocale.setDefault(germany)
    try:
        untrusted = Reason(Code.TLS_UNTRUSTED, issuer="Example Proxy")
        assert reason_sentence(untrusted) == (
            "Dem Zertifikat des Servers wird nicht vertraut (ausgestellt von Example Proxy)."
        )
        assert advice(untrusted) == (
            "Womöglich steht ein Proxy der Firma oder eine Sicherheitssoftware im Weg."
        )
        timed_out = Reason(Code.TIMEOUT, host="mail.example", seconds=2.5)
        assert (
            reason_sentence(timed_out) == "mail.example hat nicht innerhalb von 2,5 s geantwortet."
        )
    finally:
        QLocale.setDefault(before)
        qapp.removeTranslator(translator)


def test_a_parsers_unknown_is_typed_even_when_it_only_gives_words() -> None:
    said = ParseResult.unknown("the answer is not a Statuspage summary")
    assert said.reason == Reason(Code.UNREADABLE, detail="the answer is not a Statuspage summary")
    stale = Reason(
        Code.NO_FRESH_ANSWER,
        since=datetime(2026, 11, 27, 9, 5, tzinfo=UTC),
        last_known=Status.OPERATIONAL,
        cause=Reason(Code.DNS),
    )
    assert english(stale) == (
        "No fresh answer since 09:05 UTC; last known: Operational. "
        "the server's name could not be resolved (DNS)"
    )
