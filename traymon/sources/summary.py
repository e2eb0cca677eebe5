"""One sentence for a parse result, the same way for every kind."""

from __future__ import annotations

from collections.abc import Sequence

from traymon.model import Incident, Status


def sentence(status: Status, incidents: Sequence[Incident], quiet: str | None = None) -> str:
    """The first open problem (``title — status (+2 more)``), else ``quiet``, else the label."""
    problems = [i for i in incidents if i.impact is not Status.OPERATIONAL]
    if problems:
        first = problems[0]
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        said = f" — {first.status}" if first.status else ""
        return f"{first.title}{said}{more}"
    return quiet or status.label
