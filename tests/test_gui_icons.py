"""The tray icon as drawn: colour and shape per state, crisp at every size, readable anywhere."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.pixels import close_to, dominant_colour
from traymon.gui.icons import BADGE_COLOUR, STATE_COLOURS, state_icon, state_pixmap
from traymon.viewmodel import IconState

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

PANELS = {"light": "#f4f4f4", "white": "#ffffff", "dark": "#202124", "black": "#000000"}


@pytest.mark.parametrize("state", list(IconState), ids=lambda s: s.value)
@pytest.mark.parametrize("size", [16, 22, 32, 64])
def test_each_state_is_drawn_in_its_colour(qtbot: QtBot, state: IconState, size: int) -> None:
    image = state_pixmap(state, size).toImage()
    assert close_to(dominant_colour(image), QColor(STATE_COLOURS[state]))


def test_states_differ_by_shape_not_only_by_colour(qtbot: QtBot) -> None:
    def grey(state: IconState) -> list[int]:
        image = state_pixmap(state, 32).toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        alpha = state_pixmap(state, 32).toImage()
        return [
            image.pixelColor(x, y).value() // 32 if alpha.pixelColor(x, y).alpha() > 128 else -1
            for x, y in itertools.product(range(32), range(32))
        ]

    drawings = {state: grey(state) for state in IconState}
    for a, b in itertools.combinations(IconState, 2):
        differing = sum(p != q for p, q in zip(drawings[a], drawings[b], strict=True))
        assert differing > 40, f"{a.value} and {b.value} look alike without colour"


def _on_panel(state: IconState, size: int, panel: str) -> QImage:
    canvas = QPixmap(size, size)
    canvas.fill(QColor(panel))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, state_pixmap(state, size))
    painter.end()
    return canvas.toImage()


@pytest.mark.parametrize("panel", list(PANELS), ids=str)
@pytest.mark.parametrize("state", list(IconState), ids=lambda s: s.value)
def test_every_icon_stands_out_on_light_and_dark_panels(
    qtbot: QtBot, state: IconState, panel: str
) -> None:
    """At 22 px, at least a third of the square must clearly differ from the panel behind it."""
    size = 22
    background = QColor(PANELS[panel])
    image = _on_panel(state, size, PANELS[panel])
    visible = sum(
        not close_to(image.pixelColor(x, y), background, tolerance=60)
        for x, y in itertools.product(range(size), range(size))
    )
    assert visible / (size * size) > 0.33, f"{state.value} fades into a {panel} panel"


@pytest.mark.parametrize("state", [IconState.MAJOR_OUTAGE, IconState.DEGRADED])
def test_hidpi_screens_get_a_drawn_pixmap_not_an_upscaled_one(
    qtbot: QtBot, state: IconState
) -> None:
    icon = state_icon(state)
    for logical, ratio in ((22, 2.0), (32, 2.0), (16, 3.0), (64, 4.0)):
        pixmap = icon.pixmap(QSize(logical, logical), ratio)
        physical = round(logical * ratio)
        assert pixmap.width() == physical
        drawn = state_pixmap(state, physical).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        shown = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
        assert shown == drawn, f"{logical} px at {ratio}x was scaled from another size"


def test_count_badge_shows_without_changing_the_state_colour(qtbot: QtBot) -> None:
    plain = state_pixmap(IconState.PARTIAL_OUTAGE, 32).toImage()
    badged = state_pixmap(IconState.PARTIAL_OUTAGE, 32, count=3).toImage()
    assert close_to(dominant_colour(badged), QColor(STATE_COLOURS[IconState.PARTIAL_OUTAGE]))
    badge = QColor(BADGE_COLOUR)
    corner = [badged.pixelColor(x, y) for x, y in itertools.product(range(20, 31), range(20, 31))]
    assert sum(close_to(c, badge, tolerance=10) for c in corner) > 20
    assert plain != badged
    # Different numbers draw differently; ten and more read "9+".
    assert state_pixmap(IconState.PARTIAL_OUTAGE, 32, 2).toImage() != badged
    nine_plus = state_pixmap(IconState.PARTIAL_OUTAGE, 64, 12).toImage()
    assert nine_plus == state_pixmap(IconState.PARTIAL_OUTAGE, 64, 99).toImage()


def test_no_badge_for_zero(qtbot: QtBot) -> None:
    assert state_pixmap(IconState.OPERATIONAL, 32, 0).toImage() == (
        state_pixmap(IconState.OPERATIONAL, 32).toImage()
    )


def test_tiny_icons_keep_the_shape_and_skip_the_number(qtbot: QtBot) -> None:
    assert state_pixmap(IconState.DEGRADED, 16, 4).toImage() == (
        state_pixmap(IconState.DEGRADED, 16).toImage()
    )
    assert state_pixmap(IconState.DEGRADED, 20, 4).toImage() != (
        state_pixmap(IconState.DEGRADED, 20).toImage()
    )


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0])
@pytest.mark.parametrize("state", list(IconState), ids=lambda s: s.value)
def test_icons_are_drawn_for_every_scaling_from_100_to_300_percent(
    qtbot: QtBot, state: IconState, ratio: float
) -> None:
    """At 125 % or 150 % a fixed set of sizes would be scaled and blur: each is drawn."""
    for logical in (16, 22, 24):
        pixmap = state_icon(state).pixmap(QSize(logical, logical), ratio)
        physical = round(logical * ratio)
        assert pixmap.width() == physical  # Qt rounds the ratio to whole pixels
        drawn = state_pixmap(state, physical).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        assert pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32) == drawn


def test_a_failure_from_this_pc_has_its_own_badge_distinct_from_fine_and_vendor_states(
    qtbot: QtBot,
) -> None:
    suspected = QColor(STATE_COLOURS[IconState.SUSPECTED])
    for other in IconState:
        if other is not IconState.SUSPECTED:
            assert not close_to(suspected, QColor(STATE_COLOURS[other]), tolerance=60), other


def test_an_icon_gives_the_drawing_at_each_size_asked(qtbot: QtBot) -> None:
    """Drawn when asked (not every size ahead), the pixels are the same drawing's."""
    for state, size in itertools.product(IconState, (16, 22, 48)):
        icon = state_icon(state, 3)
        assert icon.pixmap(size).toImage() == state_pixmap(state, size, 3).toImage()
    assert QSize(256, 256) in state_icon(IconState.OPERATIONAL).availableSizes()
    if isinstance(QApplication.instance(), QApplication):  # a style greys (not a bare QtGui app)
        greyed = state_icon(IconState.MAJOR_OUTAGE, 7).pixmap(QSize(22, 22), QIcon.Mode.Disabled)
        assert greyed.toImage() != state_pixmap(IconState.MAJOR_OUTAGE, 22, 7).toImage()


def test_icons_kept_stay_bounded_over_a_day_of_badge_counts(qtbot: QtBot) -> None:
    """The count on the tray can be any number up to the services: icons are not kept forever."""
    for count in range(200):
        state_icon(IconState.PARTIAL_OUTAGE, count).pixmap(22)
    assert state_icon.cache_info().currsize <= 32
