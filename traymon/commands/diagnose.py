"""``traymon diagnose``: what a helpdesk needs, in plain words, and a zip to send them.

The report says which settings apply and where they came from, which proxy and trust
store are used, whether the reference addresses answer and whether each service can
be reached. The bundle adds versions, the effective configuration (secret *names*
only) and the log files. Both go to other people, so everything in them passes
``traymon.redact`` (secret values, user info and query values of addresses, what a
server echoed), and the proxy's user name is left out; the zip is 0600.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import platform
import sys
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx

from traymon import __version__
from traymon.config.layers import EffectiveSettings
from traymon.config.show import effective_json
from traymon.engine.checker import check_all
from traymon.model import CheckResult, Status
from traymon.netconfig import NetworkPlan
from traymon.private_files import create_private
from traymon.redact import redact_text
from traymon.secrets import backend_name
from traymon.sources.http import FetchError, FetchLimits, fetch, make_client

_PACKAGES = ("httpx", "truststore", "keyring", "platformdirs", "PySide6-Essentials")


@dataclass(frozen=True, slots=True)
class ReferenceCheck:
    url: str
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Diagnosis:
    versions: dict[str, str]
    settings_from: str
    proxy: str
    trust: str
    keyring: str
    references: tuple[ReferenceCheck, ...]
    services: tuple[CheckResult, ...]
    log_dir: Path


def versions() -> dict[str, str]:
    found = {
        "traymon": __version__,
        "python": sys.version.split()[0],
        "os": platform.platform(),
    }
    for name in _PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def diagnose(
    effective: EffectiveSettings, plan: NetworkPlan, log_dir: Path, limits: FetchLimits
) -> Diagnosis:
    urls = effective.value("network.reference_urls")
    references = tuple(str(u) for u in urls) if isinstance(urls, tuple) else ()

    # Reference addresses may be plain http (captive-portal checks); services may not.
    reference_options = dataclasses.replace(plan.options, allow_plain_http=True)

    async def run() -> tuple[tuple[ReferenceCheck, ...], list[CheckResult]]:
        async with make_client(limits, network=reference_options) as client:
            checks = await asyncio.gather(*(_reference(client, u, limits) for u in references))
        async with make_client(limits, network=plan.options) as client:
            results = await check_all(effective.services(), client, limits)
        return tuple(checks), results

    checks, results = asyncio.run(run())
    user = str(effective.user_file) if effective.user_file else "no user file"
    return Diagnosis(
        versions=versions(),
        settings_from=f"{effective.reader}; user settings from {user}",
        proxy=plan.proxy_text,
        trust=plan.trust_text,
        keyring=backend_name(),
        references=checks,
        services=tuple(results),
        log_dir=log_dir,
    )


async def _reference(client: httpx.AsyncClient, url: str, limits: FetchLimits) -> ReferenceCheck:
    started = time.monotonic()
    try:
        await fetch(client, url, limits)
    except FetchError as exc:
        return ReferenceCheck(url, False, str(exc))
    return ReferenceCheck(url, True, f"answered in {round((time.monotonic() - started) * 1000)} ms")


def to_text(d: Diagnosis) -> str:
    """The report in words, redacted (it is printed, and it is the zip's diagnose.txt)."""
    return redact_text(_words(d))


def _words(d: Diagnosis) -> str:
    lines = [
        f"Traymon {d.versions['traymon']} on {d.versions['os']} (Python {d.versions['python']})",
        f"Settings: {d.settings_from}",
        f"Proxy: {d.proxy}",
        f"Trusted certificates: {d.trust}",
        f"Keyring: {d.keyring}",
        f"Logs: {d.log_dir}",
        "",
    ]
    if d.references:
        lines.append("Is this computer online? (reference addresses)")
        lines += [
            f"  {'reachable' if r.ok else 'NOT reachable'}: {r.url} ({r.detail})"
            for r in d.references
        ]
        if not any(r.ok for r in d.references):
            lines.append("  None answered: this computer looks offline, or the proxy blocks it.")
    else:
        lines.append("No reference addresses are configured (network.reference_urls).")
    lines += ["", "Can each service be reached?"]
    for result in d.services:
        if result.status is Status.UNKNOWN:
            lines.append(f"  NOT reachable: {result.name} ({result.error or result.summary})")
        else:
            lines.append(
                f"  reachable: {result.name} answered in {result.latency_ms} ms "
                f"(says: {result.status.value.replace('_', ' ')})"
            )
    return "\n".join(lines)


def write_bundle(
    path: Path, d: Diagnosis, effective: EffectiveSettings, scrub: Iterable[str] = ()
) -> list[str]:
    """Write the helpdesk zip; returns the names inside. ``scrub``: values that must not appear."""
    secrets = [s for s in scrub if s]

    def clean(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "***")
        return redact_text(text)

    config = _redacted(json.loads(effective_json(effective)))
    user = config.get("network.proxy_username", {})
    if isinstance(user, dict) and user.get("value"):
        user["value"] = "(set; not shown)"  # a person's name: the helpdesk needs only "set"
    names = []
    with (
        create_private(path) as file,
        zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as bundle,
    ):
        for name, text in (
            ("diagnose.txt", to_text(d)),
            ("versions.json", json.dumps(d.versions, indent=2)),
            ("effective-config.json", json.dumps(config, indent=2, ensure_ascii=False)),
        ):
            bundle.writestr(name, clean(text))
            names.append(name)
        for log_file in sorted(d.log_dir.glob("*.log*")):
            name = f"logs/{log_file.name}"
            # Lines an older version wrote before the log redacted itself are redacted here.
            bundle.writestr(name, clean(log_file.read_text(encoding="utf-8", errors="replace")))
            names.append(name)
    return names


def _redacted(value: Any) -> Any:
    """Every string in the configuration redacted (addresses lose user info and query values)."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    return value
