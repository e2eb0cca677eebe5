"""Reading the tenant's Service Health from Microsoft Graph, as an app, through MSAL.

Two reads: ``healthOverviews?$expand=issues`` (every service's state and its open
issues; parsed by the desktop kind's pure ``parse_health``, so both tiers read Graph
the same way) and ``messages`` (message-center posts: only those marked high
severity or a major change, recently updated, are kept). The token comes from MSAL
for Python (``ConfidentialClientApplication`` with a client secret or a certificate;
``ManagedIdentityClient`` on Azure), which caches it until shortly before expiry.
The authority is configurable so tests can point it at a loopback fake; instance
discovery is off (it would ask login.microsoftonline.com whether the host is known).
Every Graph request goes through the caller's ``Throttle``.
"""

from __future__ import annotations

import json
import os
import ssl
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from traymon.model import Status
from traymon.relay.config import GraphConfig, RelayConfigError
from traymon.relay.document import Notice, ServiceState, slug
from traymon.relay.throttle import Throttle
from traymon.sources.decode import as_list, as_str
from traymon.sources.m365_graph import HEALTH_PATH, health_status, parse_health

MESSAGES_PATH = "/v1.0/admin/serviceAnnouncement/messages"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
MAX_PAGES = 10
MESSAGE_DAYS = 7


class GraphError(Exception):
    """A read failed; ``retry_after`` when Graph said when to come back."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class BudgetSpentError(GraphError):
    """The relay's own budget is spent: nothing was sent."""


TokenSource = Callable[[], str]


def msal_token_source(cfg: GraphConfig, tenant: str) -> TokenSource:
    """A function returning a Graph token, from MSAL (imported here: the relay extra).

    The MSAL app is made on the first call, not here: making it asks the authority
    for its OpenID configuration, and a relay must start even while that is down.
    """
    made: list[Callable[[], dict[str, Any] | None]] = []

    def token() -> str:
        if not made:
            made.append(_msal_app(cfg, tenant))
        return _token(made[0]())

    return token


def _msal_app(cfg: GraphConfig, tenant: str) -> Callable[[], dict[str, Any] | None]:
    import msal
    import requests

    ca = str(cfg.ca_bundle) if cfg.ca_bundle is not None else None

    class Session(requests.Session):
        # Per request: a Session's own `verify` loses to $REQUESTS_CA_BUNDLE (requests#3829).
        def request(self, *args: Any, **kwargs: Any) -> Any:
            if ca is not None:
                kwargs.setdefault("verify", ca)
            return super().request(*args, **kwargs)

    session = Session()
    if cfg.credential == "managed-identity":
        identity: Any = (
            msal.UserAssignedManagedIdentity(client_id=cfg.managed_identity_client_id)
            if cfg.managed_identity_client_id
            else msal.SystemAssignedManagedIdentity()
        )
        managed: Any = msal.ManagedIdentityClient(identity, http_client=session)
        return lambda: managed.acquire_token_for_client(resource="https://graph.microsoft.com")
    app: Any = msal.ConfidentialClientApplication(
        cfg.client_id,
        client_credential=_credential(cfg),
        authority=f"{cfg.authority}/{tenant}",
        instance_discovery=False,
        http_client=session,
    )
    return lambda: app.acquire_token_for_client(scopes=[GRAPH_SCOPE])


def _credential(cfg: GraphConfig) -> str | dict[str, str]:
    if cfg.credential == "certificate":
        if cfg.certificate_file is None:
            raise GraphError(
                "graph.certificate_file is missing (a PEM with the key and certificate)"
            )
        pem = _read(cfg.certificate_file, "graph.certificate_file")
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes

        cert = x509.load_pem_x509_certificate(pem.encode())
        return {
            "private_key": pem,
            "thumbprint": cert.fingerprint(
                hashes.SHA1()
            ).hex(),  # Entra names the certificate by its SHA-1
            "public_certificate": pem[pem.index("-----BEGIN CERTIFICATE-----") :],
        }
    if cfg.secret_file is not None:
        return _read(cfg.secret_file, "graph.secret_file").strip()
    secret = os.environ.get(cfg.secret_env, "").strip()
    if not secret:
        raise GraphError(
            f"no client secret: set ${cfg.secret_env} or graph.secret_file "
            '(or use graph.credential = "certificate" or "managed-identity")'
        )
    return secret


def _read(path: Path, key: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GraphError(f"{key} {path} cannot be read ({exc.strerror})") from exc


def _token(result: dict[str, Any] | None) -> str:
    if result and isinstance(result.get("access_token"), str):
        return str(result["access_token"])
    why = (result or {}).get("error_description") or (result or {}).get("error") or "no answer"
    raise GraphError(f"Microsoft sign-in refused the relay's app: {str(why).splitlines()[0]}")


class GraphReader:
    def __init__(
        self,
        cfg: GraphConfig,
        token: TokenSource,
        throttle: Throttle,
        monotonic: Callable[[], float],
    ) -> None:
        self.cfg = cfg
        self._token = token
        self.throttle = throttle
        self._monotonic = monotonic
        verify: ssl.SSLContext | bool = True
        if cfg.ca_bundle is not None:
            try:
                verify = ssl.create_default_context(cafile=str(cfg.ca_bundle))
            except (OSError, ssl.SSLError) as exc:
                raise RelayConfigError(
                    f"graph.ca_bundle {cfg.ca_bundle} is not a readable PEM file of certificates "
                    f"({getattr(exc, 'strerror', None) or exc})"
                ) from exc
        self._http = httpx.Client(
            timeout=cfg.timeout_seconds, verify=verify, follow_redirects=False
        )
        self.requests_sent = 0

    def close(self) -> None:
        self._http.close()

    def health(self) -> tuple[ServiceState, ...]:
        pages = self._pages(self.cfg.url + HEALTH_PATH)
        parsed = parse_health(pages)
        if parsed.status is Status.UNKNOWN and not parsed.components:
            raise GraphError(f"Graph's health list could not be read: {parsed.summary}")
        return services_from(pages)

    def messages(self, now: datetime) -> tuple[Notice, ...]:
        pages = self._pages(self.cfg.url + MESSAGES_PATH + "?$top=100")
        return messages_from(pages, now)

    def _pages(self, url: str) -> list[bytes]:
        pages: list[bytes] = []
        next_url: str | None = url
        while next_url is not None and len(pages) < MAX_PAGES:
            pages.append(self._get(next_url))
            link = _next_link(pages[-1])
            next_url = link if link and link.startswith(self.cfg.url + "/") else None
        return pages

    def _get(self, url: str) -> bytes:
        now = self._monotonic()
        wait = self.throttle.wait_s(now)
        if wait > 0:
            raise BudgetSpentError(
                f"the relay's Graph budget allows the next request in {wait:.0f} s"
            )
        try:
            token = self._token()
        except GraphError:
            raise
        except Exception as exc:  # MSAL raises ValueError, requests' errors, …: one sentence
            raise GraphError(f"Microsoft sign-in failed ({type(exc).__name__}: {exc})") from exc
        self.throttle.sent(now)
        self.requests_sent += 1
        try:
            answer = self._http.get(url, headers={"Authorization": f"Bearer {token}"})
        except httpx.HTTPError as exc:
            raise GraphError(f"Graph could not be reached ({type(exc).__name__})") from exc
        if answer.status_code in (429, 503):
            retry = _retry_after(answer.headers.get("retry-after"))
            raise GraphError(f"Graph throttled the relay (HTTP {answer.status_code})", retry)
        if answer.status_code in (401, 403):
            raise GraphError(
                f"Graph refused the relay's app (HTTP {answer.status_code}): it needs "
                "ServiceHealth.Read.All and ServiceMessage.Read.All with admin consent"
            )
        if answer.status_code >= 400:
            raise GraphError(f"Graph answered HTTP {answer.status_code}")
        return answer.content


def services_from(pages: list[bytes]) -> tuple[ServiceState, ...]:
    out: list[ServiceState] = []
    for body in pages:
        data = json.loads(body)
        for row in as_list(data.get("value")) if isinstance(data, dict) else []:
            if not isinstance(row, dict):
                continue
            name = as_str(row.get("service")) or as_str(row.get("id")) or "(unnamed)"
            issues = [
                i
                for i in as_list(row.get("issues"))
                if isinstance(i, dict) and i.get("isResolved") is not True
            ]
            state = health_status(as_str(row.get("status")) or "", issues)
            title = impact = update = ""
            if issues:
                first = issues[0]
                title = (
                    f"{as_str(first.get('id')) or ''}: {as_str(first.get('title')) or ''}".strip(
                        ": "
                    )
                )
                impact = as_str(first.get("impactDescription")) or as_str(first.get("status")) or ""
                posts = [p for p in as_list(first.get("posts")) if isinstance(p, dict)]
                latest = max(posts, key=lambda p: str(p.get("createdDateTime") or ""), default=None)
                description = latest.get("description") if latest else None
                if isinstance(description, dict):
                    update = (as_str(description.get("content")) or "")[:1000]
            out.append(ServiceState(slug(name), name, state, title, impact, update, "Microsoft"))
    return tuple(out)


def messages_from(pages: list[bytes], now: datetime) -> tuple[Notice, ...]:
    """Message-center posts worth a desktop's attention: high severity or a major change."""
    since = now - timedelta(days=MESSAGE_DAYS)
    out: list[Notice] = []
    for body in pages:
        data = json.loads(body)
        for row in as_list(data.get("value")) if isinstance(data, dict) else []:
            if not isinstance(row, dict):
                continue
            worth = (as_str(row.get("severity")) or "").casefold() in ("high", "critical") or (
                row.get("isMajorChange") is True
            )
            changed = as_str(row.get("lastModifiedDateTime")) or ""
            try:
                recent = datetime.fromisoformat(changed.replace("Z", "+00:00")) >= since
            except ValueError:
                recent = False
            if worth and recent:
                services = tuple(s for s in as_list(row.get("services")) if isinstance(s, str))
                out.append(
                    Notice(as_str(row.get("id")) or "", as_str(row.get("title")) or "", services)
                )
    return tuple(out)


def _next_link(body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return as_str(data.get("@odata.nextLink")) if isinstance(data, dict) else None


def _retry_after(value: str | None) -> float | None:
    if value is None or not value.strip().isdigit():
        return None
    return float(value.strip())
