"""The ``[continuity]`` section of the configuration, parsed on its own.

The loader calls ``parse_continuity`` and turns each ``SectionProblem`` into its
usual file:line:key message. This module does not import ``traymon.config`` (the
config package imports it), so there is no import cycle.

```toml
[continuity]
mode = "ask"                                # off | ask | automatic
trigger_services = ["exchange-online"]      # ids from [[services]]
switch_after_minutes = 10
switch_back_after_minutes = 15
webmail_url = "https://webmail.backup.example.net"

[continuity.backup]                         # the backup target per mail client
thunderbird = "account3"                    # account key in prefs.js
outlook = "Backup"                          # Outlook profile name
evolution = "f3a1c0de-backup-account-uid"   # Evolution mail account UID
apple_mail = "Backup"                       # Apple Mail account to enable
apple_mail_primary = "Work"                 # Apple Mail account to disable

[[continuity.instructions]]
service = "exchange-online"                 # or "*" for every service
states = ["partial_outage", "major_outage"] # optional: any state but operational
text = "Use [backup webmail](https://webmail.backup.example.net)."
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from traymon.continuity.instructions import MAX_SOURCE_CHARS, LinkKind, link_kind, render
from traymon.continuity.policy import (
    DEFAULT_SWITCH_AFTER,
    DEFAULT_SWITCH_BACK_AFTER,
    Mode,
    PolicySettings,
)
from traymon.model import Status

ANY_SERVICE = "*"
_KEYS = (
    "mode",
    "trigger_services",
    "switch_after_minutes",
    "switch_back_after_minutes",
    "webmail_url",
    "backup",
    "instructions",
)
_INSTRUCTION_KEYS = ("service", "states", "text")
_MAX_MINUTES = 24 * 60

Report = Callable[[str, str], None]  # (key, message)


@dataclass(frozen=True, slots=True)
class FallbackInstruction:
    service: str  # a service id, or "*"
    text: str  # Markdown
    states: tuple[Status, ...] = ()  # empty: every state but operational

    def applies_to(self, service_id: str, status: Status) -> bool:
        if self.service not in (service_id, ANY_SERVICE):
            return False
        if self.states:
            return status in self.states
        return status is not Status.OPERATIONAL


@dataclass(frozen=True, slots=True)
class ContinuityConfig:
    mode: Mode = Mode.OFF
    trigger_services: tuple[str, ...] = ()
    switch_after: timedelta = DEFAULT_SWITCH_AFTER
    switch_back_after: timedelta = DEFAULT_SWITCH_BACK_AFTER
    webmail_url: str | None = None
    backup: Mapping[str, str] = field(default_factory=dict)
    instructions: tuple[FallbackInstruction, ...] = ()

    @property
    def policy(self) -> PolicySettings:
        return PolicySettings(self.mode, self.switch_after, self.switch_back_after)

    def instruction_for(self, service_id: str, status: Status) -> FallbackInstruction | None:
        """The most specific instruction: this service before "*", named states before any."""
        matches = [i for i in self.instructions if i.applies_to(service_id, status)]
        matches.sort(key=lambda i: (i.service == ANY_SERVICE, not i.states))
        return matches[0] if matches else None


@dataclass(frozen=True, slots=True)
class SectionProblem:
    key: str
    message: str
    line: int | None = None
    #: Worth telling IT (``config validate``, the log), but the section still stands:
    #: a link that cannot be opened is shown as plain text, so it must not switch
    #: continuity off for everybody.
    harmless: bool = False


def parse_continuity(
    raw: object, text: str, service_ids: Iterable[str]
) -> tuple[ContinuityConfig, list[SectionProblem]]:
    """Validate the ``[continuity]`` table.

    With a problem that is not ``harmless``, the returned config is the default (off);
    harmless ones are returned beside the config they did not spoil.
    """
    if raw is None:
        return ContinuityConfig(), []
    lines = _Lines(text)
    problems: list[SectionProblem] = []

    def problem(key: str, message: str) -> None:
        problems.append(SectionProblem(f"continuity.{key}", message, lines.find(key)))

    def note(key: str, message: str) -> None:
        problems.append(SectionProblem(f"continuity.{key}", message, lines.find(key), True))

    if not isinstance(raw, dict):
        problem("", "must be a table: [continuity]")
        return ContinuityConfig(), problems
    for key in raw:
        if key not in _KEYS:
            problem(key, f"unknown key; known keys: {', '.join(_KEYS)}")

    mode = _mode(raw.get("mode", Mode.OFF.value), problem)
    known = set(service_ids)
    triggers = _strings(raw.get("trigger_services", []), "trigger_services", problem)
    for service in triggers:
        if service not in known:
            problem("trigger_services", f"no service has the id {service!r}")
    if mode is not Mode.OFF and not triggers:
        problem("trigger_services", f"mode {mode.value!r} needs at least one trigger service")
    after = _minutes(raw, "switch_after_minutes", DEFAULT_SWITCH_AFTER, problem)
    back = _minutes(raw, "switch_back_after_minutes", DEFAULT_SWITCH_BACK_AFTER, problem)
    webmail = raw.get("webmail_url")
    if webmail is not None and (not isinstance(webmail, str) or link_kind(webmail) != LinkKind.WEB):
        problem("webmail_url", "must be an https:// address")
        webmail = None
    backup = _backup(raw.get("backup", {}), problem)
    instructions = _instructions(raw.get("instructions", []), known, problem, note)

    if any(not p.harmless for p in problems):
        return ContinuityConfig(), problems
    return (
        ContinuityConfig(mode, tuple(triggers), after, back, webmail, backup, instructions),
        problems,
    )


def _mode(value: object, problem: Report) -> Mode:
    try:
        return Mode(value)
    except ValueError:
        problem("mode", f"must be one of off, ask, automatic (got {value!r})")
        return Mode.OFF


def _strings(value: object, key: str, problem: Report) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problem(key, "must be a list of non-empty strings")
        return []
    return list(value)


def _minutes(raw: Mapping[str, object], key: str, default: timedelta, problem: Report) -> timedelta:
    if key not in raw:
        return default
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_MINUTES:
        problem(key, f"must be a whole number of minutes from 1 to {_MAX_MINUTES}")
        return default
    return timedelta(minutes=value)


def _backup(value: object, problem: Report) -> dict[str, str]:
    if not isinstance(value, dict):
        problem("backup", "must be a table: [continuity.backup]")
        return {}
    # The keys are the adapters' own (they load only where a backup is configured).
    from traymon.continuity.clients import backup_keys

    known = backup_keys()
    result: dict[str, str] = {}
    for key, target in value.items():
        if key not in known:
            problem(f"backup.{key}", f"unknown mail client; known: {', '.join(known)}")
        elif not isinstance(target, str) or not target.strip():
            problem(f"backup.{key}", "must be a non-empty string")
        else:
            result[key] = target.strip()
    return result


def _instructions(
    value: object, known: set[str], problem: Report, note: Report
) -> tuple[FallbackInstruction, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problem("instructions", "must be a list of [[continuity.instructions]] tables")
        return ()
    found: list[FallbackInstruction] = []
    for index, entry in enumerate(value):
        where = f"instructions[{index}]"
        for key in entry:
            if key not in _INSTRUCTION_KEYS:
                problem(f"{where}.{key}", f"unknown key; known: {', '.join(_INSTRUCTION_KEYS)}")
        service = entry.get("service")
        if service != ANY_SERVICE and service not in known:
            problem(f"{where}.service", f"no service has the id {service!r} (or use '*')")
        states: list[Status] = []
        for state in _strings(entry.get("states", []), f"{where}.states", problem):
            try:
                states.append(Status(state))
            except ValueError:
                names = ", ".join(s.value for s in Status)
                problem(f"{where}.states", f"unknown state {state!r}; known: {names}")
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            problem(f"{where}.text", "must be non-empty Markdown text")
            continue
        if len(text) > MAX_SOURCE_CHARS:
            problem(f"{where}.text", f"is longer than {MAX_SOURCE_CHARS} characters")
        for url in render(text).refused_links:  # the cut is reported just above
            note(
                f"{where}.text",
                f"the link to {url!r} cannot be opened (only https:, mailto: and tel: links "
                "can); it is shown as plain text",
            )
        found.append(FallbackInstruction(str(service), text, tuple(states)))
    return tuple(found)


class _Lines:
    """The line of a key inside the [continuity…] tables (``tomllib`` keeps no positions).

    ``instructions[2].text`` is looked for after the third ``[[continuity.instructions]]``
    header, so each instruction's problem names its own line.
    """

    _HEADER = re.compile(r"^\s*\[\[?\s*continuity[\].]")
    _INSTRUCTION = re.compile(r"^\s*\[\[\s*continuity\.instructions\s*\]\]")

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()

    def find(self, dotted: str) -> int | None:
        leaf = re.sub(r"\[\d+\]", "", dotted).split(".")[-1]
        index = re.match(r"instructions\[(\d+)\]", dotted)
        wanted = int(index.group(1)) if index else None
        inside = False
        first_header = None
        seen = -1  # [[continuity.instructions]] headers passed so far
        for number, line in enumerate(self._lines, start=1):
            if line.lstrip().startswith("["):
                if self._INSTRUCTION.match(line):
                    seen += 1
                    inside = wanted is None or seen == wanted
                else:
                    inside = wanted is None and bool(self._HEADER.match(line))
                if inside and first_header is None:
                    first_header = number
                continue
            if inside and leaf and re.match(rf"^\s*{re.escape(leaf)}\s*=", line):
                return number
        return first_header
