"""Where the window opens: next to the tray icon, inside the screen the icon is on.

Plain integer geometry (no Qt) so every panel position and screen layout can be
tested; ``window.py`` turns Qt's rectangles into these tuples and back.
"""

from __future__ import annotations

from typing import NamedTuple

GAP = 8  # pixels between the icon and the window


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


def near_tray(icon: Rect, size: tuple[int, int], screen: Rect) -> tuple[int, int]:
    """Top-left corner for a window of ``size`` next to ``icon``, kept inside ``screen``.

    The window opens on the side of the icon that faces the middle of the
    screen, so a top panel gets it below, a bottom panel above, a side panel
    beside; then it is shifted to stay fully on the screen.
    """
    width, height = size
    centre_x = icon.x + icon.width // 2
    centre_y = icon.y + icon.height // 2
    # The panel runs along the screen edge nearest the icon; a corner counts as top/bottom,
    # where most panels are.
    to_top_or_bottom = min(icon.y - screen.y, screen.bottom - icon.bottom)
    to_left_or_right = min(icon.x - screen.x, screen.right - icon.right)
    horizontal_panel = to_top_or_bottom <= to_left_or_right
    near_top = centre_y < screen.y + screen.height // 2
    near_left = centre_x < screen.x + screen.width // 2
    if horizontal_panel:
        x = centre_x - width // 2
        y = icon.bottom + GAP if near_top else icon.y - GAP - height
    else:
        y = centre_y - height // 2
        x = icon.right + GAP if near_left else icon.x - GAP - width
    x = max(screen.x, min(x, screen.right - width))
    y = max(screen.y, min(y, screen.bottom - height))
    return x, y
