"""Start a program for the person and let it run on its own (Outlook on its backup profile).

Traymon never waits for it, never keeps a handle to it, and never ends it: the
program belongs to the person as if they had started it from the Start menu.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence


class LaunchError(Exception):
    """The program could not be started; the message is one sentence for people."""


def start_detached(command: Sequence[str]) -> None:
    """Start ``command`` (program and arguments) without waiting for it.

    On Windows through the shell (``os.startfile``), which finds ``outlook.exe`` in
    the App Paths registry as the Run dialog does; ``CreateProcess`` would need the
    full path of each Office version. Elsewhere a new session, so the program
    outlives Traymon and never gets its signals.
    """
    if not command:
        raise LaunchError("There is no program to start.")
    program, arguments = command[0], list(command[1:])
    try:
        if sys.platform == "win32":
            os.startfile(program, arguments=subprocess.list2cmdline(arguments))  # type: ignore[attr-defined,unused-ignore]
        else:
            subprocess.Popen(
                [program, *arguments],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise LaunchError(f"{program} could not be started ({reason}).") from None
