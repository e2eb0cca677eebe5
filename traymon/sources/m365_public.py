"""Microsoft's public cloud status posts: ``status.cloud.microsoft/api/posts/<id>``.

``mac`` (the default: the Microsoft 365 admin centre post, updated when an
incident is wide enough to keep admins from their Service health page) and
``azure``/``ppac`` answer one post; ``m365Consumer`` answers one post per
consumer workload (Outlook.com, OneDrive, Teams free, Copilot…).

Observed words: ``Available``, ``Operational``, ``Service restored``
(research/providers.md §2.2). Other words are mapped as the admin centre names
its states; a word nobody has seen stays ``unknown``, never green.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_str, load_json, parse_time, plain_text
from traymon.sources.options import Option, get_texts, options_table, text_list
from traymon.sources.summary import sentence

POST_STATUS: Mapping[str, Status] = {
    "available": Status.OPERATIONAL,
    "operational": Status.OPERATIONAL,
    "service restored": Status.OPERATIONAL,
    "service operational": Status.OPERATIONAL,
    "false positive": Status.OPERATIONAL,
    "investigating": Status.DEGRADED,
    "service degradation": Status.DEGRADED,
    "degraded": Status.DEGRADED,
    "restoring service": Status.PARTIAL_OUTAGE,
    "extended recovery": Status.PARTIAL_OUTAGE,
    "service interruption": Status.MAJOR_OUTAGE,
}


class M365PublicSource(Source):
    kind = "m365-public"
    vendor = "Microsoft"
    default_url = "https://status.cloud.microsoft/api/posts/mac"
    options = options_table(
        Option(
            "services",
            text_list,
            'only these workloads of a multi-workload post (e.g. "Outlook.com", "OneDrive")',
        ),
    )

    @property
    def request_url(self) -> str:
        return self.url

    @property
    def page_url(self) -> str:
        return "https://status.cloud.microsoft/"

    def parse(self, body: bytes) -> ParseResult:
        return parse_posts(body, get_texts(self.settings, "services"))


def parse_posts(body: bytes, services: Iterable[str] = ()) -> ParseResult:
    try:
        data = load_json(body)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    posts = [p for p in (data if isinstance(data, list) else [data]) if isinstance(p, dict)]
    posts = [p for p in posts if "Status" in p]
    if not posts:
        return ParseResult.unknown("the answer is not a Microsoft status post (no 'Status')")
    wanted = {s.casefold() for s in services}
    if wanted:
        posts = [p for p in posts if wanted & {_name(p).casefold(), _workload(p).casefold()}]
        if not posts:
            return ParseResult.unknown(
                f"none of the services {', '.join(services)} is in the answer"
            )

    components: list[Component] = []
    incidents: list[Incident] = []
    for post in posts:
        word = (as_str(post.get("Status")) or "").strip()
        state = POST_STATUS.get(word.casefold(), Status.UNKNOWN)
        components.append(Component(_name(post), state))
        title = as_str(post.get("Title"))
        if title and state is not Status.OPERATIONAL:
            incidents.append(_incident(post, title, state, word))
    status = worst(c.status for c in components)
    if status is Status.UNKNOWN:
        words = sorted({as_str(p.get("Status")) or "" for p in posts})
        return ParseResult.unknown(
            f"the post uses a status word this app does not know ({', '.join(map(repr, words))})"
        )
    unknown = [c for c in components if c.status is Status.UNKNOWN]
    quiet = "All posted services are available"
    if unknown:
        quiet += f" (status of {', '.join(c.name for c in unknown)} not understood)"
    if len(posts) == 1:
        message = plain_text(as_str(posts[0].get("Message")) or "")
        quiet = message.split(". ")[0] if status is Status.OPERATIONAL and message else quiet
    return ParseResult(
        status,
        sentence(status, incidents, quiet, components),
        tuple(components) if len(posts) > 1 else (),
        tuple(incidents),
    )


def _name(post: Mapping[str, Any]) -> str:
    return (
        as_str(post.get("ServiceDisplayName"))
        or as_str(post.get("ServiceWorkloadName"))
        or "Microsoft 365"
    )


def _workload(post: Mapping[str, Any]) -> str:
    return as_str(post.get("ServiceWorkloadName")) or ""


def _incident(post: Mapping[str, Any], title: str, state: Status, word: str) -> Incident:
    return Incident(
        title=f"{_name(post)}: {title}",
        impact=state,
        status=word.lower(),
        started_at=parse_time(post.get("AuthoredDateTime")),
        latest_update=plain_text(as_str(post.get("Message")) or "") or None,
    )
