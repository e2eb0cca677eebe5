"""No English sentence on a German screen: every failure class, from real loopback servers
through the real engine, shown by the real tray and window with the German translation.

The engine keeps its English words (``CheckResult.error``, ``summary``, ``ProbeOutcome.detail``)
for the log and ``traymon check``; the GUI words the typed ``Reason``. This walks every text
a person can see (labels, buttons, table cells and their tooltips, the tray's tooltip and
menu) and fails on any of the engine's English or on a run of English words.
"""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Iterable, Iterator

import pytest
import trustme
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.conftest import ROOT, fixture_bytes
from tests.engine_harness import Harness, run
from tests.servers import LoopbackServer, Reply, TlsLoopbackServer, running_server
from traymon.config import ServiceConfig
from traymon.gui.reason_words import failure_sentence, probe_sentence
from traymon.gui.translations import install_translator
from traymon.gui.tray import TrayController
from traymon.gui.window import DetailWindow
from traymon.model import CheckResult
from traymon.probes import TcpProbe
from traymon.reason_english import english
from traymon.reasons import Code

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders

SCREENSHOTS = ROOT / "build" / "screenshots"
HEALTHY = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
SUMMARY = "/api/v2/summary.json"
TIMEOUT_S = 1.0
INTERVAL_S = 60
#: Words that are English and never German: two of them in one text are an English sentence.
ENGLISH = frozenset(
    {
        "the", "could", "not", "been", "answer", "answered", "server's", "failed", "timed",
        "after", "fresh", "since", "large", "connection", "refused", "resolved", "trusted",
        "reading", "took", "while", "checking", "with", "from", "this", "that", "which",
        "unknown", "certificate", "issued", "too", "more", "than", "read", "page", "reached",
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z']+")

#: service id -> (the reply that fails, the reason the engine must give)
FAILURES: dict[str, tuple[Reply, Code]] = {
    "unavailable": (Reply(status=503), Code.HTTP_STATUS),
    "hanging": (Reply(hang=True), Code.TIMEOUT),
    "huge": (Reply(declared_bytes=5 * 1024 * 1024), Code.TOO_BIG),
    "garbled": (Reply(body=b"<html>not a status page</html>"), Code.UNREADABLE),
    "reset": (Reply(reset=True), Code.RESET),
}


@pytest.fixture
def german(qapp: QApplication) -> Iterator[QTranslator]:
    before = QLocale()
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    translator = install_translator(qapp, germany)
    assert translator is not None, "the German .qm did not load"
    QLocale.setDefault(germany)  # numbers as a German desktop writes them (LANG=de_DE)
    yield translator
    QLocale.setDefault(before)
    qapp.removeTranslator(translator)


@pytest.fixture
def inspecting_proxy() -> Iterator[int]:
    """A TLS server whose certificate a company's inspecting proxy issued (not trusted here)."""
    ca = trustme.CA(organization_name="Beispiel Prüf-Proxy")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with running_server(context) as server:
        yield int(server.base_url.rsplit(":", 1)[1])


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _services(
    server: LoopbackServer, tls: TlsLoopbackServer, proxy_port: int
) -> list[ServiceConfig]:
    services = []
    for sid, (reply, _) in FAILURES.items():
        server.serve(f"/{sid}{SUMMARY}", reply)
        services.append(ServiceConfig(sid, f"S-{sid}", "statuspage", f"{server.base_url}/{sid}"))
    tls.serve(f"/tls{SUMMARY}", Reply(body=HEALTHY))
    closed = f"http://127.0.0.1:{_closed_port()}"
    server.serve(f"/stale{SUMMARY}", Reply(body=HEALTHY))
    server.serve(f"/fine{SUMMARY}", Reply(body=HEALTHY))
    untrusted_probe = (TcpProbe("127.0.0.1", proxy_port, tls=True),)
    return [
        *services,
        ServiceConfig("untrusted", "S-untrusted", "statuspage", f"{tls.base_url}/tls"),
        ServiceConfig(
            "nxdomain", "S-nxdomain", "statuspage", "https://status.traymon-test.invalid"
        ),
        ServiceConfig("refused", "S-refused", "statuspage", closed),
        ServiceConfig("stale", "S-stale", "statuspage", f"{server.base_url}/stale", INTERVAL_S),
        ServiceConfig(
            "fine", "S-fine", "statuspage", f"{server.base_url}/fine", probes=untrusted_probe
        ),
    ]


def _engine_results(services: list[ServiceConfig], server: LoopbackServer) -> list[CheckResult]:
    """Every service's latest result from the real Monitor, the stale one gone stale."""

    async def scenario() -> list[CheckResult]:
        async with Harness(services, timeout_s=TIMEOUT_S) as h:
            await h.until(lambda: h.monitor.latest()["fine"].probes != ())
            server.serve(f"/stale{SUMMARY}", Reply(status=500))
            for _ in range(4):  # past STALE_AFTER_INTERVALS without a fresh answer
                await h.advance(INTERVAL_S + 1)
            return list(h.monitor.latest().values())

    results: list[CheckResult] = run(scenario())
    return results


def _visible_texts(widgets: Iterable[QWidget]) -> Iterator[str]:
    for top in widgets:
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisibleTo(top) and widget is not top:
                continue
            if isinstance(widget, QLabel | QAbstractButton):
                yield widget.text()
            if widget.toolTip():
                yield widget.toolTip()
            if isinstance(widget, QAbstractItemView) and (model := widget.model()) is not None:
                for row in range(model.rowCount()):
                    for column in range(model.columnCount()):
                        index = model.index(row, column)
                        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                            value = index.data(role)
                            if isinstance(value, str):
                                yield value


def _menu_texts(menu: QMenu) -> Iterator[str]:
    for action in menu.actions():
        yield action.text()
        yield action.toolTip()
        if isinstance(submenu := action.menu(), QMenu):
            yield from _menu_texts(submenu)


def _english_in(text: str, known: set[str]) -> str | None:
    """The English in ``text``: one of the engine's own wordings, or a run of English words."""
    for said in known:
        if said and said in text:
            return said
    for line in text.splitlines():
        found = {w for w in _WORD.findall(line.casefold()) if w in ENGLISH}
        if len(found) >= 2:
            return f"{line!r} (English words: {sorted(found)})"
    return None


def test_no_english_sentence_on_a_german_screen(
    qtbot: QtBot,
    german: QTranslator,
    server: LoopbackServer,
    inspecting_proxy: int,
) -> None:
    tls = TlsLoopbackServer()
    tls.start()
    try:
        services = _services(server, tls, inspecting_proxy)
        results = {r.service_id: r for r in _engine_results(services, server)}
    finally:
        tls.stop()

    # The engine gave each failure its typed reason (the English stays for the log).
    codes = {sid: r.reason.code if r.reason else None for sid, r in results.items()}
    assert codes == {
        **{sid: code for sid, (_, code) in FAILURES.items()},
        "untrusted": Code.TLS_UNTRUSTED,
        "nxdomain": Code.DNS,
        "refused": Code.REFUSED,
        "stale": Code.NO_FRESH_ANSWER,
        "fine": None,
    }
    stale = results["stale"].reason
    assert stale is not None and stale.cause is not None and stale.cause.code is Code.HTTP_STATUS
    (probe,) = results["fine"].probes
    assert probe.reason is not None and probe.reason.code is Code.TLS_UNTRUSTED
    assert probe.reason.issuer == "Beispiel Prüf-Proxy"

    known = {s for r in results.values() for s in (r.error, r.summary) if s and r.reason}
    known |= {english(r.reason) for r in results.values() if r.reason}
    known |= {probe.detail}

    tray = TrayController(services)
    for result in results.values():
        tray.show_result(result)
    window = DetailWindow(tray.views)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = [tray.icon.toolTip(), *_menu_texts(tray.menu)]
    for sid in results:
        assert window.select_service(sid)
        seen += _visible_texts([window])
    assert window.select_service("untrusted")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.resize(1000, 640)
    window.grab().save(str(SCREENSHOTS / "reasons-de.png"))  # for a person to look at
    # The probe's words, as the window's cards show them.
    seen += [probe_sentence(probe), *(failure_sentence(r) for r in results.values())]

    english_seen = [(text, hit) for text in seen if (hit := _english_in(text, known))]
    assert not english_seen, "\n".join(f"{hit}\n    in: {text!r}" for text, hit in english_seen)
    # And the German is really there, with the data the reasons carry.
    shown = "\n".join(seen)
    assert "Der Name status.traymon-test.invalid wurde nicht gefunden (DNS)." in shown
    assert "ausgestellt von Beispiel Prüf-Proxy" in probe_sentence(probe)
    assert "Keine frische Antwort seit" in shown
    assert "(HTTP 503)" in shown and "mehr als 2,0 MB" in shown
