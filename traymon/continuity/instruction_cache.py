"""A local copy of the fallback instructions, so they show while the PC is offline.

Instructions may come from places that are not always there (a policy pushed by IT,
a config on a network share); the copy is written after each successful load and
read when the configuration cannot be. Damage to the copy loses nothing: it is
ignored and rewritten at the next good load.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from traymon.continuity.atomic import atomic_write
from traymon.continuity.config import FallbackInstruction
from traymon.model import Status
from traymon.settings_files import read_settings_file


def default_cache_file() -> Path:
    return Path(platformdirs.user_data_dir("traymon", appauthor=False)) / "instructions.json"


class InstructionCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_cache_file()

    def remember(self, instructions: Sequence[FallbackInstruction]) -> None:
        data = json.dumps(
            [
                {"service": i.service, "states": [s.value for s in i.states], "text": i.text}
                for i in instructions
            ],
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")
        try:
            if read_settings_file(self.path) == data:
                return  # unchanged: no write at every start
        except OSError:
            pass
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, data)

    def recall(self) -> tuple[FallbackInstruction, ...]:
        try:
            # Only a regular file, capped: a named pipe here must not hang the window.
            entries = json.loads(read_settings_file(self.path))
            return tuple(
                FallbackInstruction(
                    str(e["service"]), str(e["text"]), tuple(Status(s) for s in e["states"])
                )
                for e in entries
            )
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return ()
