"""Why a check or a probe failed, in words (a minimal stand-in with the final signatures).

The "reasons" work writes the real module, which words ``traymon.reasons.Reason`` in
the desktop's language; until it lands these return the engine's existing English.
"""

from __future__ import annotations

from traymon.model import CheckResult, ProbeOutcome


def failure_sentence(result: CheckResult) -> str:
    """What went wrong when asking ``result``'s service, as one sentence."""
    return result.error or result.summary


def probe_sentence(probe: ProbeOutcome) -> str:
    """What went wrong with one probe from this desktop, as one sentence."""
    return probe.detail
