"""The company's own Microsoft 365 health, through Microsoft Graph (research/providers.md §2.1).

Signs in as an app (client credentials: tenant id and client id from the config,
the client secret from the OS keyring, never from a file), then reads
``/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues``, following
``@odata.nextLink`` pages. The app needs the ``ServiceHealth.Read.All`` application
permission with admin consent; without it Graph answers 401/403 and the summary
says exactly that. The token is kept in memory and reused until shortly before
it expires (``traymon.sources.tokens``); a 401 drops it and signs in once more,
so a revoked token costs one retry, not an outage. Graph's enums are compared
case-insensitively (its docs print ``ServiceOperational`` while the wire says
``serviceOperational``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.reasons import Code, Reason
from traymon.redact import HIDDEN, redact_text
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.limits import FetchError, FetchLimits
from traymon.sources.options import (
    NO_OPTIONS,
    Option,
    OptionValue,
    get_text,
    get_texts,
    options_table,
    text,
    text_list,
)
from traymon.sources.summary import sentence
from traymon.sources.tokens import CachedToken, SignedIn, TokenCache, reuse_for
from traymon.sources.urls import url_problem

if TYPE_CHECKING:
    import httpx

KEYRING_SERVICE = "traymon"
DEFAULT_SECRET_NAME = "m365-graph"
HEALTH_PATH = "/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues"
MAX_PAGES = 10
PERMISSION_HINT = (
    "Microsoft Graph refused to show service health: the app needs the "
    "ServiceHealth.Read.All application permission and an admin's consent"
)

_OPERATIONAL = {
    "serviceoperational", "servicerestored", "postincidentreviewpublished", "falsepositive",
    "resolved", "resolvedexternal", "mitigated", "mitigatedexternal",
}  # fmt: skip
_DEGRADED = {
    "investigating",
    "investigationsuspended",
    "confirmed",
    "reported",
    "servicedegradation",
}
_RECOVERING = {"restoringservice", "verifyingservice", "extendedrecovery"}

#: Reads a named secret; ``None`` when nothing is stored under that name.
SecretGetter = Callable[[str], str | None]


def keyring_secret(name: str) -> str | None:
    # Through traymon.secrets: it refuses plaintext keyring backends (never a file).
    from traymon.secrets import get_secret

    return get_secret(name)


def _url(value: object) -> str:
    checked = text(value)
    if (reason := url_problem(checked)) is not None:
        raise ValueError(reason)
    return checked


class M365GraphSource(Source):
    kind = "m365-graph"
    default_url = "https://graph.microsoft.com"
    options = options_table(
        Option("tenant_id", text, "the tenant (directory) id or domain", required=True),
        Option("client_id", text, "the app registration's client id", required=True),
        Option(
            "secret",
            text,
            f"the keyring name of the client secret (default {DEFAULT_SECRET_NAME!r})",
        ),
        Option("services", text_list, 'only these services (e.g. "Exchange Online")'),
        Option("token_url", _url, "the sign-in endpoint (default: login.microsoftonline.com)"),
        Option("scope", text, "the token scope (default: https://graph.microsoft.com/.default)"),
    )

    def __init__(
        self,
        url: str,
        options: Mapping[str, OptionValue] = NO_OPTIONS,
        secret_getter: SecretGetter = keyring_secret,
        tokens: TokenCache | None = None,
    ) -> None:
        super().__init__(url, options)
        self._secret_getter = secret_getter
        # Alone (a one-off check) the source signs in each time; the engine shares its cache.
        self._tokens = tokens if tokens is not None else TokenCache()

    def use_tokens(self, tokens: TokenCache) -> None:
        self._tokens = tokens

    @property
    def request_url(self) -> str:
        return self.url + HEALTH_PATH

    @property
    def page_url(self) -> str:
        return "https://admin.microsoft.com/#/servicehealth"

    @property
    def token_url(self) -> str:
        tenant = get_text(self.settings, "tenant_id", "common")
        default = f"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"
        return get_text(self.settings, "token_url", default)

    def parse(self, body: bytes) -> ParseResult:
        return parse_health([body], get_texts(self.settings, "services"))

    async def fetch_and_parse(self, client: httpx.AsyncClient, limits: FetchLimits) -> ParseResult:
        name = get_text(self.settings, "secret", DEFAULT_SECRET_NAME)
        try:
            secret = self._secret_getter(name)
        except Exception as exc:  # any keyring backend failure is a sentence, not a crash
            return ParseResult.failed(Reason(Code.KEYRING, detail=type(exc).__name__))
        if not secret:
            words = (
                f"no client secret is stored under the name {name!r}; "
                f"an admin can store it with `traymon secret set {name}`"
            )
            return ParseResult.unknown(words, Reason(Code.SECRET_MISSING, detail=words))
        client_id = get_text(self.settings, "client_id", "")
        key = self._tokens.key(self.token_url, client_id, self._scope, secret)

        async def sign_in() -> SignedIn | ParseResult:
            return await self._sign_in(client, limits, secret)

        for _attempt in range(2):
            token = await self._tokens.token(key, sign_in)
            if not isinstance(token, CachedToken):
                return token
            pages = await self._read_health(client, limits, token.token)
            if isinstance(pages, int):
                # Refused: the token is revoked (401) or lacks a right an admin may grant
                # now (403); a token's rights are fixed when it is issued, so drop it.
                self._tokens.forget(key)
                if pages == 401 and not token.fresh:
                    continue  # a kept token was revoked: sign in once more, right away
                return _not_permitted(pages)
            return parse_health(pages, get_texts(self.settings, "services"))
        # Only when another check kept a token that was revoked too, between our two tries.
        return _not_permitted(401)

    @property
    def _scope(self) -> str:
        return get_text(self.settings, "scope", "https://graph.microsoft.com/.default")

    async def _read_health(
        self, client: httpx.AsyncClient, limits: FetchLimits, token: str
    ) -> list[bytes] | int:
        """Every page of the health list, or the 401/403 status that refused the token."""
        from traymon.sources.http import request  # only a fetch needs the HTTP client

        pages: list[bytes] = []
        url: str | None = self.request_url
        while url is not None and len(pages) < MAX_PAGES:
            answer = await request(
                client, "GET", url, limits, headers={"Authorization": f"Bearer {token}"}
            )
            if answer.status_code in (401, 403):
                return answer.status_code
            if answer.status_code >= 400:
                raise FetchError(Reason(Code.HTTP_STATUS, status=answer.status_code))
            pages.append(answer.body)
            url = self._next_link(answer.body)
        return pages

    async def _sign_in(
        self, client: httpx.AsyncClient, limits: FetchLimits, secret: str
    ) -> SignedIn | ParseResult:
        form = {
            "grant_type": "client_credentials",
            "client_id": get_text(self.settings, "client_id", ""),
            "client_secret": secret,
            "scope": self._scope,
        }
        from traymon.sources.http import request

        answer = await request(client, "POST", self.token_url, limits, form=form)
        try:
            data = load_json(answer.body)
        except JsonError:
            data = {}
        if answer.status_code >= 400 or not isinstance(data, dict):
            why = as_str(data.get("error_description")) if isinstance(data, dict) else None
            # Endpoints have been seen echoing the form back: out go the secret itself and
            # any value under a secret-looking key.
            said = redact_text(why.splitlines()[0].replace(secret, HIDDEN)) if why else None
            detail = f": {said}" if said else f" (HTTP {answer.status_code})"
            words = (
                "Microsoft sign-in refused the app; check tenant_id, client_id and the stored "
                f"secret{detail}"
            )
            refused = Reason(Code.SIGN_IN, status=answer.status_code, detail=words)
            return ParseResult.unknown(words, refused)
        token = as_str(data.get("access_token"))
        if token is None:
            return ParseResult.failed(Reason(Code.NO_TOKEN))
        # https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow:
        # {"token_type": "Bearer", "expires_in": 3599, "access_token": "..."}, seconds.
        return SignedIn(token, reuse_for(data.get("expires_in")))

    def _next_link(self, body: bytes) -> str | None:
        """The next page, only on the same host: the token must never travel elsewhere."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return None
        link = as_str(data.get("@odata.nextLink")) if isinstance(data, dict) else None
        if link is None or url_problem(link) is not None:
            return None
        same = urlsplit(link)[:2] == urlsplit(self.url)[:2]
        return link if same else None


def _not_permitted(status: int) -> ParseResult:
    words = f"{PERMISSION_HINT} (HTTP {status})"
    return ParseResult.unknown(words, Reason(Code.NOT_PERMITTED, status=status, detail=words))


def parse_health(pages: Sequence[bytes], services: Iterable[str] = ()) -> ParseResult:
    """The state of ``healthOverviews?$expand=issues`` answers (one or more pages)."""
    rows: list[dict[str, Any]] = []
    for body in pages:
        try:
            data = load_json(body)
        except JsonError as exc:
            return ParseResult.unknown(str(exc))
        if not isinstance(data, dict) or not isinstance(data.get("value"), list):
            return ParseResult.unknown("the answer is not a Graph service health list (no 'value')")
        rows += [r for r in data["value"] if isinstance(r, dict)]
    wanted = {s.casefold() for s in services}
    if wanted:
        rows = [
            r
            for r in rows
            if wanted & {(as_str(r.get(k)) or "").casefold() for k in ("service", "id")}
        ]
        if not rows:
            words = f"none of the services {', '.join(services)} is in the tenant's list"
            return ParseResult.unknown(words, Reason(Code.NOT_LISTED, detail=words))
    if not rows:
        return ParseResult.unknown("the tenant's service health list is empty")

    components: list[Component] = []
    incidents: list[Incident] = []
    for row in rows:
        open_issues = [
            i
            for i in as_list(row.get("issues"))
            if isinstance(i, dict) and i.get("isResolved") is not True
        ]
        state = health_status(as_str(row.get("status")) or "", open_issues)
        components.append(
            Component(as_str(row.get("service")) or as_str(row.get("id")) or "(unnamed)", state)
        )
        incidents += [_incident(i) for i in open_issues]
    status = worst([c.status for c in components] + [i.impact for i in incidents])
    if status is Status.UNKNOWN:
        return ParseResult.unknown("the tenant's services report states this app does not know")
    return ParseResult(
        status,
        sentence(status, incidents, components=components),
        tuple(components),
        tuple(incidents),
    )


def health_status(word: str, open_issues: Sequence[Mapping[str, Any]] = ()) -> Status:
    """One Graph ``serviceHealthStatus`` as a state (research/providers.md §2.1 table)."""
    key = word.casefold()
    if key in _OPERATIONAL:
        return Status.OPERATIONAL
    if key in _DEGRADED:
        return Status.DEGRADED
    if key in _RECOVERING:
        incident = any(
            (as_str(i.get("classification")) or "").casefold() == "incident" for i in open_issues
        )
        return Status.PARTIAL_OUTAGE if incident else Status.DEGRADED
    if key == "serviceinterruption":
        return Status.MAJOR_OUTAGE
    return Status.UNKNOWN


def _incident(issue: Mapping[str, Any]) -> Incident:
    word = as_str(issue.get("status")) or ""
    impact = health_status(word, [issue])
    if impact is Status.UNKNOWN:
        impact = Status.DEGRADED  # an open issue is a problem, whatever its word
    if (
        as_str(issue.get("classification")) or ""
    ).casefold() == "advisory" and impact.severity > Status.DEGRADED.severity:
        impact = Status.DEGRADED  # an advisory is at most degraded
    posts = [p for p in as_list(issue.get("posts")) if isinstance(p, dict)]
    latest = max(posts, key=lambda p: str(p.get("createdDateTime") or ""), default=None)
    description = latest.get("description") if latest else None
    update = as_str(description.get("content")) if isinstance(description, dict) else None
    ident = as_str(issue.get("id"))
    title = as_str(issue.get("title")) or "(untitled issue)"
    return Incident(
        title=f"{ident}: {title}" if ident else title,
        impact=impact,
        status=word,
        started_at=parse_time(issue.get("startDateTime")),
        latest_update=update,
    )
