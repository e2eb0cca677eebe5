"""Hostile links in the GUI: never shown as links, never opened; vendor text never markup.

What would be opened is observed with Qt's own ``QDesktopServices.setUrlHandler`` for each
scheme: ``openUrl`` hands the address to the handler instead of the desktop.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QUrl, Slot

# QtGui's Qt also has mightBeRichText, the test Qt itself uses for AutoText and tooltips.
from PySide6.QtGui import QDesktopServices, Qt, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import write_config
from tests.gui_data import NOW, SERVICES, layered, result
from traymon.config import load_config
from traymon.continuity.instruction_cache import InstructionCache
from traymon.continuity.instructions import Link, LinkKind
from traymon.gui.service_detail import ServiceDetail
from traymon.gui.service_model import Column
from traymon.gui.session import Session
from traymon.gui.window import DetailWindow
from traymon.model import CheckResult, Component, Incident, Status
from traymon.platform.autostart import XdgAutostart
from traymon.sources.statuspage import parse_summary
from traymon.viewmodel import ServiceView, Triage, not_checked_view, view_from_result

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

SCHEMES = ("https", "http", "file", "smb", "ms-msdt", "javascript", "data", "mailto", "tel")
MARKUP = (
    '<a href="file:///etc/passwd">click</a>'
    '<img src="file://attacker.example/share/p.png"><b>bold</b>'
)


class Opened(QObject):
    """Every address ``QDesktopServices.openUrl`` was asked to open, by scheme."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def take(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened(qapp: object) -> Iterator[Opened]:
    recorder = Opened()
    for scheme in SCHEMES:
        # PySide6 takes the slot by its name as str; its stubs say bytes, which it refuses.
        QDesktopServices.setUrlHandler(scheme, recorder, "take")  # type: ignore[arg-type]
    yield recorder
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


def _forged(url: str, title: str = "Outage") -> Incident:
    """An incident whose link skipped the model's check (as a future code path might)."""
    incident = Incident(title, Status.MAJOR_OUTAGE, "investigating", latest_update="Looking")
    object.__setattr__(incident, "url", url)
    return incident


def _view(*incidents: Incident, summary: str = "Outage") -> ServiceView:
    return ServiceView(
        "teams",
        "Teams",
        Status.MAJOR_OUTAGE,
        Triage.VENDOR,
        summary,
        NOW,
        components=(Component("Mail flow", Status.MAJOR_OUTAGE),),
        incidents=incidents,
    )


def _detail(qtbot: QtBot, view: ServiceView) -> ServiceDetail:
    detail = ServiceDetail()
    qtbot.addWidget(detail)
    detail.show_view(view, NOW)
    detail.show()
    qtbot.waitExposed(detail)
    return detail


def _markup(text: str, rich: bool) -> tuple[list[str], list[str]]:
    """The links and images Qt would draw for ``text``: (anchor hrefs, image sources)."""
    if not rich:
        return [], []
    document = QTextDocument()
    document.setHtml(text)
    hrefs: list[str] = []
    images: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            char_format = it.fragment().charFormat()
            if char_format.isAnchor():
                hrefs.append(char_format.anchorHref())
            if char_format.isImageFormat():
                images.append(char_format.toImageFormat().name())
            it += 1
        block = block.next()
    return hrefs, images


def _label_markup(label: QLabel) -> tuple[list[str], list[str]]:
    text_format = label.textFormat()
    rich = text_format is Qt.TextFormat.RichText or (
        text_format is Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text())
    )
    return _markup(label.text(), rich)


def _activate_link(qtbot: QtBot, label: QLabel) -> None:
    """Tab to the label's first link and press Enter, as a keyboard user would."""
    label.activateWindow()
    label.setFocus()
    QTest.keyClick(label, Qt.Key.Key_Tab)
    QTest.keyClick(label, Qt.Key.Key_Return)
    qtbot.wait(50)


def test_a_safe_incident_link_opens_once_through_the_check(qtbot: QtBot, opened: Opened) -> None:
    incident = Incident("Outage", Status.MAJOR_OUTAGE, "x", url="https://stspg.io/abc")
    detail = _detail(qtbot, _view(incident))
    assert _label_markup(detail.incidents) == (["https://stspg.io/abc"], [])
    _activate_link(qtbot, detail.incidents)
    assert opened.urls == ["https://stspg.io/abc"]


@pytest.mark.parametrize(
    "url",
    [
        "smb://attacker.example/share/setup.exe",
        "file:///etc/passwd",
        "ms-msdt:/id PCWDiagnostic /skip force",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://user:pw@attacker.example/",
    ],
)
def test_a_hostile_incident_link_is_neither_shown_nor_opened(
    qtbot: QtBot, opened: Opened, url: str
) -> None:
    detail = _detail(qtbot, _view(_forged(url)))
    _activate_link(qtbot, detail.incidents)
    assert opened.urls == []
    hrefs, images = _label_markup(detail.incidents)
    assert hrefs == [] and images == []
    assert "Outage" in detail.incidents.text()  # the incident itself is still shown


def test_a_hostile_shortlink_from_a_real_parse_shows_no_link(qtbot: QtBot, opened: Opened) -> None:
    body = {
        "status": {"indicator": "major", "description": "Outage"},
        "components": [],
        "incidents": [{"name": "Outage", "status": "investigating", "shortlink": "smb://h/x.exe"}],
    }
    parsed = parse_summary(json.dumps(body).encode())
    checked = CheckResult(
        "teams", "Teams", "statuspage", parsed.status, parsed.summary, NOW,
        incidents=parsed.incidents,
    )  # fmt: skip
    detail = _detail(qtbot, view_from_result(checked))
    assert _label_markup(detail.incidents) == ([], [])
    _activate_link(qtbot, detail.incidents)
    assert opened.urls == []


def test_the_link_handler_checks_whatever_a_label_hands_it(qtbot: QtBot, opened: Opened) -> None:
    """A link that got into a label anyway (a future change, a Qt quirk) is checked again."""
    incident = Incident("Outage", Status.MAJOR_OUTAGE, "x", url="https://stspg.io/abc")
    detail = _detail(qtbot, _view(incident))
    assert not detail.incidents.openExternalLinks()
    for hostile in ("file:///etc/passwd", "smb://h/x.exe", "javascript:alert(1)"):
        detail.incidents.linkActivated.emit(hostile)
    assert opened.urls == []
    detail.incidents.linkActivated.emit("https://stspg.io/abc")
    assert opened.urls == ["https://stspg.io/abc"]


def test_no_label_with_vendor_text_opens_links_by_itself(qtbot: QtBot) -> None:
    detail = _detail(qtbot, _view(_forged("https://stspg.io/abc")))
    for label in detail.findChildren(QLabel):
        assert not label.openExternalLinks(), label.accessibleName()


def test_vendor_text_never_becomes_a_link_or_an_image(qtbot: QtBot, opened: Opened) -> None:
    incident = Incident(
        MARKUP, Status.MAJOR_OUTAGE, MARKUP, url="https://stspg.io/abc", latest_update=MARKUP
    )
    view = replace(
        _view(incident, summary=MARKUP),
        components=(Component(MARKUP, Status.MAJOR_OUTAGE),),
    )
    detail = _detail(qtbot, view)
    for label in detail.findChildren(QLabel):
        hrefs, images = _label_markup(label)
        assert [h for h in hrefs if h != "https://stspg.io/abc"] == [], label.accessibleName()
        assert images == [], label.accessibleName()
    assert "click" in detail.incidents.text()  # shown as the words they are
    _activate_link(qtbot, detail.incidents)
    assert opened.urls == ["https://stspg.io/abc"]

    # The table's summary tooltip: Qt draws a tooltip as rich text when it looks like it.
    views = [not_checked_view(s.id, s.name, "not checked yet") for s in SERVICES]
    window = DetailWindow(views, None, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show_view(
        replace(
            view_from_result(result("teams", Status.MAJOR_OUTAGE)),
            summary=MARKUP,
            incidents=(incident,),
        )
    )
    tips = [
        window.proxy.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
        for row in range(window.proxy.rowCount())
        for column in Column
    ]
    for tip in (t for t in tips if isinstance(t, str)):
        assert _markup(tip, Qt.mightBeRichText(tip)) == ([], []), tip
    summary_tips = [t for t in tips if isinstance(t, str) and "click" in t]
    assert len(summary_tips) == 1
    shown = QTextDocument()
    shown.setHtml(summary_tips[0])
    # The vendor's characters (its incident's title and status), drawn as characters.
    assert shown.toPlainText() == f"{MARKUP} — {MARKUP}"


def test_it_buttons_open_only_the_kinds_its_instructions_allow(
    qtbot: QtBot, opened: Opened
) -> None:
    links = (
        Link("webmail", "https://mail.example.com/", LinkKind.WEB),
        Link("helpdesk", "mailto:help@example.com", LinkKind.MAIL),
        Link("forged", "file:///etc/passwd", LinkKind.WEB),
        Link("forged share", "smb://attacker.example/x", LinkKind.WEB),
    )
    view = replace(_view(), fallback_instructions="Use webmail.", fallback_links=links)
    detail = _detail(qtbot, view)
    for button in detail.fallback_box.findChildren(QPushButton):
        if button is not detail.copy_button:
            button.click()
    assert opened.urls == ["https://mail.example.com/", "mailto:help@example.com"]


def test_open_status_page_opens_only_web_pages(
    qtbot: QtBot, tmp_path: Path, opened: Opened
) -> None:
    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [{"id": "teams", "name": "Teams", "kind": "statuspage", "url": "https://t.example"}],
        )
    )
    session = Session(
        layered(config, tmp_path),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        autostart=XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )
    shown = view_from_result(result("teams", Status.MAJOR_OUTAGE))
    session.on_view(replace(shown, service_id="teams", page_url="smb://attacker.example/x"))
    pages = [a.text() for a in session.tray.menu.pages_menu.actions()]
    assert "Teams" not in pages  # a page that may not be opened is not offered
    for url in ("smb://attacker.example/x", "file:///etc/passwd", "ms-msdt:/id x"):
        session.tray.open_page_requested.emit(url)
    assert opened.urls == []
    session.on_view(replace(shown, service_id="teams", page_url="https://t.example"))
    [action] = [a for a in session.tray.menu.pages_menu.actions() if a.text() == "Teams"]
    action.trigger()
    assert opened.urls == ["https://t.example"]
