"""The detail window offscreen: sorting, the problems filter, the detail pane, keyboard, memory."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.gui_data import NOW, SERVICES, minutes_ago, result, view
from traymon.gui.placement import GAP, Rect, near_tray
from traymon.gui.service_model import Column
from traymon.gui.uptime_bar import DAYS, day_slots
from traymon.gui.window import DetailWindow
from traymon.model import Component, Status
from traymon.viewmodel import DayState, Triage, not_checked_view, view_from_result

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)


def _window(qtbot: QtBot, settings: QSettings | None = None) -> DetailWindow:
    views = [not_checked_view(s.id, s.name, "not checked yet") for s in SERVICES]
    window = DetailWindow(views, settings, clock=lambda: NOW)
    qtbot.addWidget(window)
    return window


def _column(window: DetailWindow, column: Column) -> list[str]:
    proxy = window.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_title_starts_with_traymon_and_lists_every_service(qtbot: QtBot) -> None:
    window = _window(qtbot)
    assert window.windowTitle().startswith("Traymon")
    assert sorted(_column(window, Column.SERVICE)) == ["GitHub", "Outlook", "Teams"]
    assert set(_column(window, Column.CHECKED)) == {"not checked yet"}


def test_rows_show_state_verdict_summary_age_and_latency(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show_result(result("teams", Status.PARTIAL_OUTAGE, "Calls drop", minutes_ago(3)))
    row = _column(window, Column.SERVICE).index("Teams")
    cells = {c: window.proxy.index(row, c).data() for c in Column}
    assert cells[Column.STATE] == "Partial outage"
    assert cells[Column.VERDICT] == "Reported by the vendor"
    # What set the state, in the vendor's words (its incident and that incident's status).
    assert cells[Column.SUMMARY] == "Mail delayed — investigating"
    assert cells[Column.CHECKED].endswith("(3 min ago)")
    assert cells[Column.LATENCY] == "120 ms"
    assert window.headline.text() == (
        "Teams is partly down for everyone — the vendor is working on it."
    )


def test_sorted_worst_first_and_sortable_by_any_column(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show_result(result("outlook", Status.OPERATIONAL))
    window.show_result(result("teams", Status.MAJOR_OUTAGE))
    window.show_result(result("github", Status.DEGRADED))
    assert _column(window, Column.STATE) == ["Major outage", "Degraded", "Operational"]
    window.table.sortByColumn(Column.SERVICE, Qt.SortOrder.AscendingOrder)
    assert _column(window, Column.SERVICE) == ["GitHub", "Outlook", "Teams"]
    window.table.sortByColumn(Column.STATE, Qt.SortOrder.AscendingOrder)
    assert _column(window, Column.STATE) == ["Operational", "Degraded", "Major outage"]


def test_problems_only_hides_what_is_fine(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show_result(result("outlook", Status.OPERATIONAL))
    window.show_result(result("teams", Status.MAJOR_OUTAGE))
    window.show_view(view("github", Status.OPERATIONAL, Triage.SUSPECTED))
    window.problems_only.setChecked(True)
    assert sorted(_column(window, Column.SERVICE)) == ["GitHub", "Teams"]
    # Choosing a hidden service (a notification about it) shows everything again.
    assert window.select_service("outlook")
    assert not window.problems_only.isChecked()
    assert window.current_service_id() == "outlook"


def test_detail_shows_components_incidents_with_link_and_freshness(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show_result(result("teams", Status.MAJOR_OUTAGE, "Mail delayed", minutes_ago(90)))
    assert window.select_service("teams")
    detail = window.detail
    assert detail.title.text() == "Teams"
    assert "Major outage — Reported by the vendor" in detail.verdict.text()
    assert detail.components.text() == "Mail flow: Major outage"
    assert 'href="https://x.example/i/1"' in detail.incidents.text()
    assert "We are looking into it." in detail.incidents.text()
    assert "(investigating)" in detail.incidents.text()
    assert detail.checked.text().endswith("1 h ago")
    assert detail.latency.text() == "120 ms"
    assert not detail.fallback_box.isVisibleTo(window)


def test_fallback_instructions_appear_when_given(qtbot: QtBot) -> None:
    window = _window(qtbot)
    text = "Use the Outlook web app at https://outlook.office.com while the desktop client fails."
    fresh = view_from_result(result("outlook", Status.MAJOR_OUTAGE))
    window.show_view(replace(fresh, fallback_instructions=text))
    window.show_details("outlook")
    assert window.detail.fallback.text() == text
    assert window.detail.fallback_box.isVisibleTo(window)


def test_uptime_bar_has_a_slot_per_day_and_says_it_in_words(qtbot: QtBot) -> None:
    today = NOW.date()
    history = (
        DayState(today - timedelta(days=120), Status.MAJOR_OUTAGE),  # older than 90 days
        DayState(today - timedelta(days=89), Status.OPERATIONAL),
        DayState(today - timedelta(days=1), Status.MAJOR_OUTAGE),
        DayState(today, Status.DEGRADED),
    )
    slots = day_slots(history, today)
    assert len(slots) == DAYS
    assert slots[0] is Status.OPERATIONAL
    assert slots[-2:] == [Status.MAJOR_OUTAGE, Status.DEGRADED]
    assert slots.count(None) == DAYS - 3
    window = _window(qtbot)
    window.show_view(replace(view_from_result(result("github", Status.DEGRADED)), history=history))
    window.show_details("github")
    bar = window.detail.history
    assert bar.accessibleDescription() == (
        "Last 90 days, worst state per day — Operational: 1 days, Degraded: 1 days, "
        "Major outage: 1 days"
    )
    image = bar.grab().toImage()
    right = image.pixelColor(image.width() - 2, image.height() // 2)
    assert right.name() == "#f2c200"  # today, degraded, drawn at the right end


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show_result(result("teams", Status.MAJOR_OUTAGE))
    window.show_details("teams")
    unnamed = [
        f"{type(w).__name__} {w.objectName()}"
        for w in window.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(window)
        and not w.accessibleName()
        and type(w).__name__ not in ("QSplitterHandle", "QHeaderView", "QWidget")
        and w.parent() is not None
        and type(w.parent()).__name__ not in ("QTableView", "QAbstractScrollArea")
    ]
    assert unnamed == []


def test_keyboard_reaches_the_filter_the_table_and_the_details(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show_result(result("teams", Status.MAJOR_OUTAGE))
    window.show_result(result("github", Status.DEGRADED))
    window.open_near(None)
    qtbot.waitUntil(window.answer.details.hasFocus)  # the answer first: no helping button here
    qtbot.keyClick(window.answer.details, Qt.Key.Key_Space)  # "All services and details"
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    first = window.current_service_id()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.current_service_id() not in (None, first)
    assert window.detail.title.text() in ("Teams", "GitHub", "Outlook")
    qtbot.keyClick(window.table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Problems only
    qtbot.waitUntil(window.problems_only.isChecked)  # a mnemonic clicks with a short animation
    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_size_and_position_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "traymon.ini"), QSettings.Format.IniFormat)
    window = _window(qtbot, settings)
    window.open_near(None)
    qtbot.waitExposed(window)
    window.resize(700, 380)
    window.move(40, 50)
    window.close()
    again = _window(qtbot, QSettings(str(tmp_path / "traymon.ini"), QSettings.Format.IniFormat))
    assert (again.width(), again.height()) == (700, 380)
    again.open_near(QRect(780, 0, 20, 20))  # the remembered place wins over the tray
    assert (again.pos().x(), again.pos().y()) == (40, 50)


def test_first_opening_is_next_to_the_tray(qtbot: QtBot) -> None:
    window = _window(qtbot)
    screen = window.screen().availableGeometry()
    icon = QRect(screen.right() - 30, screen.top(), 22, 22)
    window.open_near(icon)
    frame = window.frameGeometry()
    assert screen.contains(frame)
    assert frame.top() == icon.bottom() + 1 + GAP
    assert frame.right() == screen.right()


@pytest.mark.parametrize(
    ("icon", "expected"),
    [
        # top panel, right corner: below the icon, pushed left to stay on screen
        (Rect(1880, 0, 24, 24), (1920 - 400, 24 + GAP)),
        # bottom panel (Windows): above the icon
        (Rect(1700, 1050, 24, 30), (1712 - 200, 1050 - GAP - 300)),
        # left dock (some Linux desktops): to the right of the icon
        (Rect(0, 500, 48, 48), (48 + GAP, 524 - 150)),
        # right side panel: to the left
        (Rect(1880, 500, 40, 40), (1880 - GAP - 400, 520 - 150)),
    ],
)
def test_near_tray_faces_the_middle_of_the_screen(icon: Rect, expected: tuple[int, int]) -> None:
    assert near_tray(icon, (400, 300), Rect(0, 0, 1920, 1080)) == expected


def test_near_tray_uses_the_screen_the_icon_is_on() -> None:
    second = Rect(1920, 0, 2560, 1440)  # a second monitor right of the first
    x, y = near_tray(Rect(4440, 0, 24, 24), (400, 300), second)
    assert second.x <= x and x + 400 <= second.right
    assert y == 24 + GAP


def test_a_page_with_a_hundred_components_lists_the_troubled_and_counts_the_rest(
    qtbot: QtBot,
) -> None:
    window = _window(qtbot)
    many = tuple(Component(f"Region {n}", Status.OPERATIONAL) for n in range(100))
    troubled = (Component("Webinars", Status.DEGRADED), Component("Phone", Status.UNKNOWN))
    checked = replace(
        result("teams", Status.DEGRADED, "Webinars slow"),
        components=many[:50] + troubled + many[50:],
    )
    window.show_result(checked)
    assert window.select_service("teams")
    lines = window.detail.components.text().splitlines()
    # Every component in trouble first (an unknown one is not counted as fine), then a few
    # fine ones in the vendor's order, then a count.
    assert lines[:2] == ["Webinars: Degraded", "Phone: Unknown"]
    assert lines[2:10] == [f"Region {n}: Operational" for n in range(8)]
    assert lines[10:] == ["and 92 more, all operational"]


def test_the_age_timer_runs_only_while_the_window_is_shown(qtbot: QtBot) -> None:
    window = _window(qtbot)
    assert not window.refreshing_ages  # a tray app's hidden window must not wake the CPU
    window.show()
    qtbot.waitExposed(window)
    assert window.refreshing_ages
    window.hide()
    assert not window.refreshing_ages


def test_an_incident_state_is_shown_in_words_not_as_the_vendors_enum(qtbot: QtBot) -> None:
    window = _window(qtbot)
    outage = result("teams", Status.MAJOR_OUTAGE)
    (incident,) = outage.incidents
    window.show_result(replace(outage, incidents=(replace(incident, status="in_progress"),)))
    assert window.select_service("teams")
    assert "(in progress)" in window.detail.incidents.text()
    assert "in_progress" not in window.detail.incidents.text()
