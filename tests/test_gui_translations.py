"""Every visible string goes through Qt's translations; German ships complete and compiled."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import ROOT
from tests.gui_data import SERVICES, view
from traymon.gui.translations import install_translator
from traymon.gui.tray import TrayController
from traymon.gui.window import DetailWindow
from traymon.model import Status
from traymon.viewmodel import Triage, not_checked_view

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

TS = ROOT / "resources" / "translations" / "traymon_de.ts"
QM = ROOT / "resources" / "translations" / "traymon_de.qm"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            key = (context.findtext("name", ""), message.findtext("source", ""))
            found[key] = (translation.text or "", translation.get("type"))
    return found


@pytest.fixture
def german(qapp: QApplication) -> Iterator[QTranslator]:
    translator = install_translator(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert translator is not None, "the German .qm did not load"
    yield translator
    qapp.removeTranslator(translator)


def test_the_tray_speaks_german(qtbot: QtBot, german: QTranslator) -> None:
    tray = TrayController(SERVICES)
    tray.show_view(view("outlook", Status.MAJOR_OUTAGE, Triage.VENDOR, vendor="Microsoft"))
    texts = [a.text() for a in tray.menu.actions() if a.text()]
    assert texts[0] == "Traymon — Großer Ausfall"
    assert "Jetzt prüfen" in texts and "Beenden" in texts and "Info und Diagnose…" in texts
    assert tray.menu.pause_menu.title() == "Benachrichtigungen pausieren"
    assert "Outlook: Ausfall gemeldet von Microsoft" in tray.icon.toolTip().splitlines()


def test_the_window_speaks_german(qtbot: QtBot, german: QTranslator) -> None:
    window = DetailWindow([not_checked_view(s.id, s.name, "-") for s in SERVICES])
    qtbot.addWidget(window)
    assert window.windowTitle() == "Traymon — Status der Cloud-Dienste"
    assert window.problems_only.text() == "Nur &Probleme"
    headers = [window.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Dienst", "Zustand", "Wessen Problem"]


def test_english_needs_no_file(qapp: QApplication) -> None:
    assert install_translator(qapp, QLocale(QLocale.Language.English)) is None


def test_every_german_string_is_finished_and_keeps_its_placeholders() -> None:
    messages = _messages(TS)
    assert len(messages) > 100
    for (context, source), (german, kind) in messages.items():
        assert kind is None and german, f"{context}: {source!r} is not translated"
        assert sorted(PLACEHOLDER.findall(german)) == sorted(PLACEHOLDER.findall(source)), (
            f"{context}: {source!r} lost a placeholder in German"
        )


@pytest.mark.skipif(not (BIN / "pyside6-lupdate").exists(), reason="pyside6-lupdate missing")
def test_translations_are_in_step_with_the_code(tmp_path: Path) -> None:
    """A new string in the code without German, or a stale .qm, fails here (`make translations`)."""
    fresh = tmp_path / "traymon_de.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "traymon" / "gui").glob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh), "-no-obsolete", "-silent"],
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    assert set(_messages(fresh)) == set(_messages(TS)), "run `make translations`"
    compiled = tmp_path / "traymon_de.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled), "-silent"],
        check=True,
        timeout=60,
    )
    assert compiled.read_bytes() == QM.read_bytes(), (
        "the committed .qm is stale: `make translations`"
    )
