"""Focus protection: what holds a pop-up back while the person must not be disturbed.

The desktop says whether the person presents, runs a full-screen app or has Do Not
Disturb on (``traymon.platform.focus`` reads it); this module decides what that means
for a notification. Held state changes go into the same catch-up as a pause
(``Silence.FOCUS``), so what was held is told once, as one summary, when focus ends.
Two things are urgent and still shown: IT's continuity declaration (IT says "switch to
the backup now"), and the mail switch's own news (the person or the policy switched
their mail; its question is a dialog of its own and is never held).

Pure: no I/O, no Qt.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from traymon.engine.events import Notification, TransitionEvent


class Focus(enum.Enum):
    """Why the person must not be disturbed now (the strongest first)."""

    PRESENTING = "presenting"  # presentation mode, a shared screen
    FULL_SCREEN = "full_screen"  # a full-screen app or game in front
    DO_NOT_DISTURB = "do_not_disturb"  # the desktop's own DND / Focus / paused server


@dataclass(frozen=True, slots=True)
class FocusReading:
    """What the desktop said when asked: every reason found (empty: free to disturb)."""

    reasons: frozenset[Focus] = frozenset()

    @property
    def busy(self) -> bool:
        return bool(self.reasons)

    @property
    def main(self) -> Focus | None:
        """The one reason worth naming (presenting before full screen before DND)."""
        return next((f for f in Focus if f in self.reasons), None)


FREE = FocusReading()


def reading(reasons: Iterable[Focus | None]) -> FocusReading:
    """Several readers' answers as one (a reader that could not tell says ``None``)."""
    return FocusReading(frozenset(r for r in reasons if r is not None))


def urgent_event(event: TransitionEvent) -> bool:
    """A change that breaks through focus: IT declared continuity for this service."""
    return event.declared and event.is_problem


def urgent(notification: Notification) -> bool:
    """Whether ``notification`` is shown even while the person must not be disturbed."""
    return any(urgent_event(e) for e in notification.events)


def must_hold(notification: Notification, focus: FocusReading) -> bool:
    """Hold ``notification`` for the catch-up: the person is busy and it is not urgent.

    A catch-up itself (``catch_up`` set) is held too: the engine carries it into the one
    summary it sends when focus ends.
    """
    return focus.busy and not urgent(notification)
