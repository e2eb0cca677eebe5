"""The catch-up's durable half: what history keeps so a start can tell it as if Traymon
had run through (``catchup.py`` is the half in memory).

Two marks in history: when the engine last ran (about once a minute, and at stop) and
when it last told a catch-up. At start, a silence in force is rebuilt from history's
transitions since it began; a silence that ended while Traymon was not running is owed
once, unless the mark says it was told already.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from traymon.engine.history import History
from traymon.engine.noise import AlertPolicy
from traymon.engine.silence import with_old_triage

CATCH_UP_TOLD = "catch_up_told"
RAN = "ran"
RAN_MARK_EVERY_S = 60.0
_log = logging.getLogger(__name__)


class CatchUpMarks:
    def __init__(self, history: History, wall: Callable[[], datetime]) -> None:
        self._history = history
        self._wall = wall
        self._marked_running: float | None = None  # monotonic

    def running(self, now: float | None) -> None:
        """Keep in history that the engine runs (``None``: stopping, mark it now)."""
        last = self._marked_running
        if now is not None and last is not None and now - last < RAN_MARK_EVERY_S:
            return
        self._marked_running = now
        self._history.mark(RAN, self._wall())

    def told(self, at: datetime) -> None:
        """A catch-up was sent: a restart must not tell it again."""
        self._history.mark(CATCH_UP_TOLD, at)

    def rebuild(self, alerts: AlertPolicy, watched: Mapping[str, tuple[str, str]]) -> None:
        """Started during a pause or quiet hours (a restart, a reboot at 03:00): hold again
        what history says the silence held before, so its one summary is as if Traymon had
        run through.

        Started after the silence Traymon last ran in had ended (paused until 17:00, the
        laptop off from 16:00 to 18:00): its catch-up is owed; it is told once the services
        it names have answered, with their first changes in it rather than pop-ups of their
        own; unless history marks it told already (Traymon stopped just after it).

        ``watched``: service id → (name, vendor) as configured now.
        """
        if len(alerts.held):
            return  # the ledger was carried over from the engine this one replaces
        history = self._history
        now = self._wall()
        began = alerts.silence_began(now)
        overdue = False
        told = history.marked(CATCH_UP_TOLD)
        if began is None:
            last_ran = history.marked(RAN)
            began = alerts.silence_began(last_ran) if last_ran is not None else None
            if began is None or (told is not None and told >= began):
                return
            overdue = True
        elif told is not None and told > began:
            began = told  # what came before was told already (a clock moved, say)
        events = with_old_triage(
            history.transitions_since(began), history.last_transitions_before(began)
        )
        alerts.rebuild(
            dataclasses.replace(e, name=watched[e.service_id][0], vendor=watched[e.service_id][1])
            for e in events
            if e.service_id in watched and e.at < now
        )
        alerts.overdue = overdue and bool(len(alerts.held))
        if len(alerts.held):
            _log.info("rebuilt the catch-up of the silence since %s from history", began)
