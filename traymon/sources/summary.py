"""One sentence for a parse result, the same way for every kind.

The sentence names what set the state shown: the first incident at that state, else
the first component at it (a maintenance or a notice never speaks for an outage), and
the incident's status in words, never a vendor's enum (``in_progress``,
``SERVICE_DISRUPTION``, ``serviceDegradation``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from traymon.model import Component, Incident, Status

#: Vendor status words that humanizing alone would get wrong (run together, or terse).
WORDS: Mapping[str, str] = {
    "inprogress": "in progress",
    "in_progress": "in progress",
    "postmortem": "post-mortem",
    "postincidentreviewpublished": "post-incident review published",
    "service_outage": "outage",
    "service_disruption": "disruption",
    "service_information": "information",
    "undermaintenance": "under maintenance",
    "hasissues": "has issues",
    "partialoutage": "partial outage",
    "minoroutage": "minor outage",
    "majoroutage": "major outage",
    "degradedperformance": "degraded performance",
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[_\-\s]+")


def words(status: str) -> str:
    """A vendor's status word for people: ``in_progress`` → ``in progress``,
    ``serviceDegradation`` → ``service degradation``, ``SERVICE_OUTAGE`` → ``outage``."""
    key = status.strip()
    known = WORDS.get(key.casefold())
    if known is not None:
        return known
    if " " in key and "_" not in key:
        return key  # already prose ("Some users", "Microsoft is investigating"): as written
    return _SEPARATORS.sub(" ", _CAMEL.sub(" ", key)).strip().lower()


def sentence(
    status: Status,
    incidents: Sequence[Incident],
    quiet: str | None = None,
    components: Sequence[Component] = (),
) -> str:
    """What set ``status``: ``title — status in words (+2 more)``, or ``name: major outage``;
    else ``quiet`` (the page's own words), else the state's label."""
    problems = [i for i in incidents if i.impact not in (Status.OPERATIONAL, Status.UNKNOWN)]
    cause = next((i for i in problems if i.impact is status), None)
    if cause is not None:
        said = words(cause.status)
        return f"{cause.title}{f' — {said}' if said else ''}{_more(len(problems) - 1)}"
    if status not in (Status.OPERATIONAL, Status.UNKNOWN):
        hit = [c for c in components if c.status is status]
        if hit:
            return f"{hit[0].name}: {status.label.lower()}{_more(len(hit) - 1 + len(problems))}"
    return quiet or status.label


def _more(count: int) -> str:
    return f" (+{count} more)" if count > 0 else ""
