"""The cycle collector held off while a command starts.

Most of a command's start is imports and reading the config: tens of thousands of
objects that live until the process exits. The collector would walk them again and
again while they load and free nothing: about 6 % of an offline `traymon check`
(instructions counted with valgrind). A command wrapped in ``held_while_starting``
loads with it off; ``begin_work()`` then sets what exists aside (``gc.freeze``: later
collections skip it, the tray's all day and the one at exit too) and turns it back on.
Leaving the command turns the collector back on if it was, for callers that stay (the
tests call ``main()``); what was set aside stays aside, since thawing it at exit costs
as much again as freezing saved.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import TypeVar

_Args = TypeVar("_Args")


def held_while_starting(command: Callable[[_Args], int]) -> Callable[[_Args], int]:
    @functools.wraps(command)
    def wrapped(args: _Args) -> int:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return command(args)
        finally:
            if was_enabled:
                gc.enable()

    return wrapped


def begin_work() -> None:
    """The start is over: what it made is set aside, and the collector runs again."""
    gc.freeze()
    gc.enable()
