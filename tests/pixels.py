"""Reading colours off icons and screenshots, as a person's eye would."""

from __future__ import annotations

import itertools

from PySide6.QtGui import QColor, QImage


def dominant_colour(image: QImage, background: QColor | None = None) -> QColor:
    """The most frequent pixel colour of an icon.

    Ignores transparent, white and near-black pixels (the glyph, the rim and the
    count badge) and, on a screenshot, pixels of the panel's ``background``.
    """
    counts: dict[tuple[int, int, int], int] = {}
    for x, y in itertools.product(range(image.width()), range(image.height())):
        colour = image.pixelColor(x, y)
        if colour.alpha() < 250 or colour.value() > 245 or colour.value() < 60:
            continue
        if background is not None and close_to(colour, background, tolerance=12):
            continue
        key = (colour.red() // 16, colour.green() // 16, colour.blue() // 16)
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return QColor()  # invalid: nothing but panel, rim and glyph (the icon is not drawn yet)
    r, g, b = max(counts, key=counts.__getitem__)
    return QColor(r * 16 + 8, g * 16 + 8, b * 16 + 8)


def close_to(a: QColor, b: QColor, tolerance: int = 24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))
