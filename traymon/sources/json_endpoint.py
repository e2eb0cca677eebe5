"""Any JSON endpoint judged by conditions (Gatus style): all hold → operational.

``conditions = ["[STATUS] == 200", "[BODY].status == \"UP\"", "[RESPONSE_TIME] < 800"]``;
when one fails, the service is ``failure_state`` (default ``major_outage``).
Without any ``[STATUS]`` condition, an HTTP error status counts as failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from traymon.model import ParseResult, Status
from traymon.sources.base import Fetch, Source
from traymon.sources.conditions import Condition, parse_condition
from traymon.sources.decode import JsonError, load_json
from traymon.sources.limits import FetchLimits
from traymon.sources.options import Option, get_text, get_texts, one_of, options_table, text_list

if TYPE_CHECKING:
    import httpx

_STATES = ("degraded", "partial_outage", "major_outage")


def _conditions(value: object) -> tuple[str, ...]:
    items = text_list(value)
    for item in items:
        parse_condition(item)  # raises ValueError with a sentence
    return items


class JsonSource(Source):
    kind = "json"
    fetch = Fetch.OWN  # the status code and headers count, not only the body
    options = options_table(
        Option(
            "conditions", _conditions, 'what must hold, e.g. ["[STATUS] == 200"]', required=True
        ),
        Option(
            "failure_state",
            one_of(*_STATES),
            "the state when a condition fails (default major_outage)",
        ),
    )

    @property
    def request_url(self) -> str:
        return self.url

    def parse(self, body: bytes) -> ParseResult:
        return self.evaluate(200, body, 0)

    def evaluate(self, status_code: int, body: bytes, elapsed_ms: int) -> ParseResult:
        conditions = [parse_condition(c) for c in get_texts(self.settings, "conditions")]
        failure = Status(get_text(self.settings, "failure_state", "major_outage"))
        return evaluate_conditions(conditions, status_code, body, elapsed_ms, failure)

    async def fetch_and_parse(self, client: httpx.AsyncClient, limits: FetchLimits) -> ParseResult:
        from traymon.sources.http import request  # only a fetch needs the HTTP client

        answer = await request(client, "GET", self.url, limits)
        return self.evaluate(answer.status_code, answer.body, answer.elapsed_ms)


def evaluate_conditions(
    conditions: Sequence[Condition],
    status_code: int,
    body: bytes,
    elapsed_ms: int,
    failure: Status = Status.MAJOR_OUTAGE,
) -> ParseResult:
    if not conditions:
        return ParseResult.unknown("no conditions are configured")
    if not any(c.subject == "STATUS" for c in conditions) and status_code >= 400:
        return ParseResult(failure, f"The endpoint answered HTTP {status_code}")
    plain = [c for c in conditions if c.subject != "BODY"]
    failed = [c for c in plain if not c.holds(status_code, None, elapsed_ms)]
    on_body = [c for c in conditions if c.subject == "BODY"]
    if on_body and not failed:
        try:
            data = load_json(body)
        except JsonError as exc:
            # The endpoint answered, but with something unreadable: no trustworthy verdict.
            return ParseResult.unknown(str(exc))
        failed = [c for c in on_body if not c.holds(status_code, data, elapsed_ms)]
    if failed:
        more = f" (+{len(failed) - 1} more)" if len(failed) > 1 else ""
        return ParseResult(failure, f"Condition not met: {failed[0].text}{more}")
    return ParseResult(
        Status.OPERATIONAL, f"All {len(conditions)} conditions met ({elapsed_ms} ms)"
    )
