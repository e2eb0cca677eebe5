"""From settings to the HTTP client's network options: proxy, its password, extra CAs.

Every problem (an unreadable certificate file, a missing proxy password) is logged
with the setting's name and the rest still works: a wrong CA path from IT must not
stop the checks that do not need it.
"""

from __future__ import annotations

import logging
import sys
import urllib.request
from dataclasses import dataclass

from traymon.config.ca_files import ca_file_problem
from traymon.config.layers import EffectiveSettings
from traymon.redact import redact_url
from traymon.sources.limits import NetworkOptions

log = logging.getLogger("traymon.network")


@dataclass(frozen=True, slots=True)
class NetworkPlan:
    options: NetworkOptions
    #: For people (``traymon diagnose``): which proxy, which trust, in words; no secrets.
    proxy_text: str
    trust_text: str


def network_plan(effective: EffectiveSettings) -> NetworkPlan:
    cas = _usable_ca_files(_strings(effective.value("network.extra_ca_certificates")))
    proxy = str(effective.value("network.proxy")).strip() or None
    auth = _proxy_auth(effective) if proxy else None
    if proxy:
        source = effective.resolved["network.proxy"].source.value
        # Said, not named: the text goes into the helpdesk zip, and the name is a person's.
        login = ", signing in with network.proxy_username and its stored password" if auth else ""
        proxy_text = f"{redact_url(proxy)} (set by {source}{login})"
    else:
        proxy_text = system_proxy_text()
    trust = "the operating system's trust store"
    if cas:
        trust += " plus " + ", ".join(cas)
    allow_http = effective.value("network.allow_plain_http") is True
    return NetworkPlan(NetworkOptions(proxy, auth, cas, allow_http), proxy_text, trust)


def system_proxy_text() -> str:
    """The system proxy as httpx will use it (``urllib.request.getproxies``)."""
    found = {k: v for k, v in urllib.request.getproxies().items() if k in ("http", "https", "all")}
    note = _proxy_script_note()
    if not found:
        text = "none: Traymon connects directly (no system proxy is set)"
    else:
        listed = ", ".join(f"{k}: {redact_url(v)}" for k, v in sorted(found.items()))
        bypass = urllib.request.getproxies().get("no")
        text = f"the system proxy ({listed})" + (f", not for {bypass}" if bypass else "")
    return f"{text}. {note}" if note else text


def _proxy_script_note() -> str | None:
    if sys.platform == "win32":
        from traymon.platform.windows import WinregRegistry, proxy_script_note

        return proxy_script_note(WinregRegistry())
    return None  # macOS PAC settings are not looked at (only a Mac could test it)


def _proxy_auth(effective: EffectiveSettings) -> tuple[str, str] | None:
    user = str(effective.value("network.proxy_username")).strip()
    secret_name = str(effective.value("network.proxy_password_secret")).strip()
    if not user or not secret_name:
        return None
    # The keyring (and its backends, ~0.1 s) only when a proxy password is configured.
    from traymon.secrets import SecretStoreError, get_secret

    try:
        password = get_secret(secret_name)
    except SecretStoreError as exc:
        log.warning("The proxy password (secret %r) cannot be read: %s", secret_name, exc)
        return None
    if password is None:
        log.warning(
            "No secret named %r is stored for the proxy password; "
            "store it with `traymon secret set %s`",
            secret_name,
            secret_name,
        )
        return None
    return user, password


def _usable_ca_files(paths: tuple[str, ...]) -> tuple[str, ...]:
    usable = []
    for path in paths:
        # Only a regular, readable PEM file: a named pipe here would hang every check.
        if problem := ca_file_problem(path):
            log.warning("network.extra_ca_certificates: %s %s; ignored", path, problem)
            continue
        usable.append(path)
    return tuple(usable)


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()
