"""The hypothesis settings of the parser fuzz tests: "ci" in `make test`, "fuzz" in `make fuzz`.

Selected by ``TRAYMON_FUZZ=1`` or ``HYPOTHESIS_PROFILE=fuzz``, and applied per test
(``@fuzz_settings(...)``) rather than loaded globally, so other tests keep their own.
The deadline is each example's time bound: a parse that slows down fails, not only
one that raises.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
#: `make fuzz` runs this many times the examples of `make test`.
FUZZ_FACTOR = 80


def fuzzing() -> bool:
    return os.environ.get("TRAYMON_FUZZ") == "1" or os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"


def fuzz_settings(ci_examples: int, deadline_ms: int = 1000) -> settings:
    """``ci_examples`` in `make test`; ``FUZZ_FACTOR`` times as many in `make fuzz`."""
    if fuzzing():
        return settings(
            max_examples=ci_examples * FUZZ_FACTOR,
            deadline=deadline_ms,
            suppress_health_check=_QUIET,
        )
    # No example database in CI: each run explores afresh and writes nothing.
    return settings(
        max_examples=ci_examples, deadline=deadline_ms, suppress_health_check=_QUIET, database=None
    )
