"""``traymon --self-test``: can this installation run here? For IT's deployment checks and CI.

Each check answers one question a broken install or a locked-down desktop gets wrong:
does Qt's platform plugin load, is there a system tray, is there a keyring, can TLS be
verified against the OS trust store, is the shipped service list there and valid, and
can Traymon write its data and log folders. The Qt part runs in a child process
(``--self-test-qt``, in ``traymon.gui.selftest``) because a platform plugin that fails
to load aborts the whole process from C++, which no ``try`` can catch.
"""

from __future__ import annotations

import enum
import json
import os
import ssl
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from traymon import paths
from traymon.catalogue import CATALOGUE_FILE, CatalogueError, load_catalogue
from traymon.config import ConfigError
from traymon.config.layers import builtin_services, load_effective
from traymon.identity import QT_PROBE_FLAG
from traymon.platform.settings_reader import settings_reader
from traymon.private_files import private_folder
from traymon.sources import SOURCES

QT_PROBE_TIMEOUT_S = 30.0

# The platform plugin a desktop session needs, per OS (sys.platform prefix).
DESKTOP_PLUGINS = {"linux": ("xcb", "wayland"), "win32": ("windows",), "darwin": ("cocoa",)}


class Verdict(enum.Enum):
    PASS = "ok"
    FAIL = "FAIL"
    INFO = "info"  # worth knowing, not a fault of the installation (e.g. no tray in CI)


@dataclass(frozen=True)
class Finding:
    check: str
    verdict: Verdict
    detail: str

    def line(self) -> str:
        return f"{self.verdict.value:<4}  {self.check}: {self.detail}"


@dataclass(frozen=True)
class QtProbe:
    """What the child process found: the plugin it loaded, the ones shipped, the tray."""

    platform: str
    shipped_plugins: tuple[str, ...]
    tray_available: bool

    def to_json(self) -> str:
        return json.dumps(
            {
                "platform": self.platform,
                "shipped_plugins": list(self.shipped_plugins),
                "tray_available": self.tray_available,
            }
        )


# --- the checks that need no Qt --------------------------------------------------------


def check_keyring(needed_by: Callable[[], list[str]] | None = None) -> Finding:
    """A usable keyring backend exists when the settings need a secret (never a file instead).

    ``needed_by`` names what needs one (by default: read from the current settings); when
    nothing does, a missing keyring is worth knowing, not a fault of the installation.
    """
    try:
        import keyring
        from keyring.backends import chainer, fail, null

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend plugin must not stop the other checks
        return _no_keyring(f"keyring could not start: {exc}", needed_by or secrets_needed)
    if isinstance(backend, fail.Keyring | null.Keyring):
        return _no_keyring("no keyring backend is available", needed_by or secrets_needed)
    if isinstance(backend, chainer.ChainerBackend):
        names = ", ".join(_backend_name(b) for b in backend.backends) or "none"
        return Finding("keyring", Verdict.PASS, f"chained backends: {names}")
    return Finding("keyring", Verdict.PASS, _backend_name(backend))


_KEYRING_HINT = "on Linux: a Secret Service such as gnome-keyring or KWallet on the session D-Bus"


def _no_keyring(why: str, needed_by: Callable[[], list[str]]) -> Finding:
    try:
        needs = needed_by()
    except ConfigError as exc:  # cannot tell: assume one is needed, and say why
        first = exc.problems[0] if exc.problems else "unknown problem"
        reason = f"the settings cannot be read to tell whether one is needed ({first})"
        return Finding("keyring", Verdict.FAIL, f"{why} ({_KEYRING_HINT}); {reason}")
    if needs:
        return Finding(
            "keyring", Verdict.FAIL, f"{why} ({_KEYRING_HINT}); needed by {', '.join(needs)}"
        )
    return Finding(
        "keyring",
        Verdict.INFO,
        f"not needed by the current settings; {why} (a proxy password or a Microsoft Graph "
        "client secret would need one)",
    )


def secrets_needed() -> list[str]:
    """What in the current settings reads a secret from the keyring; ``ConfigError``: unreadable."""
    effective = load_effective(settings_reader())
    needs = []
    proxy_secret = str(effective.value("network.proxy_password_secret")).strip()
    proxy_user = str(effective.value("network.proxy_username")).strip()
    if proxy_secret and proxy_user and str(effective.value("network.proxy")).strip():
        needs.append(f"the proxy password (network.proxy_password_secret = {proxy_secret!r})")
    for service in effective.services():
        source = SOURCES.get(service.kind)
        if source is not None and "secret" in source.options:  # the kind signs in
            needs.append(f"the service {service.id!r} ({service.kind})")
    return needs


def _backend_name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def check_trust_store(ca_file_candidates: Sequence[Path] | None = None) -> Finding:
    """TLS can be verified against the operating system's certificates (truststore)."""
    try:
        import truststore

        truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception as exc:
        return Finding("trust store", Verdict.FAIL, f"truststore could not start: {exc}")
    if sys.platform in ("win32", "darwin"):
        # The OS verifies each chain itself at handshake time; loading the bindings is the check.
        return Finding("trust store", Verdict.PASS, f"the {_os_name()} certificate store")
    return _check_linux_ca_bundle(ca_file_candidates)


def _check_linux_ca_bundle(candidates: Sequence[Path] | None) -> Finding:
    if candidates is None:
        defaults = ssl.get_default_verify_paths()
        found = [defaults.cafile] if defaults.cafile else []
        candidates = [Path(p) for p in [*found, *_linux_ca_files()]]
    for path in candidates:
        if not path.is_file():
            continue
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        try:
            context.load_verify_locations(cafile=str(path))
        except (ssl.SSLError, OSError) as exc:
            return Finding("trust store", Verdict.FAIL, f"{path} cannot be read: {exc}")
        count = context.cert_store_stats()["x509_ca"]
        if count:
            return Finding("trust store", Verdict.PASS, f"{count} CA certificates from {path}")
    tried = ", ".join(str(p) for p in candidates)
    return Finding(
        "trust store",
        Verdict.FAIL,
        f"no CA certificates found (looked in {tried}); install the ca-certificates package",
    )


# Where the distributions keep their CA bundle; truststore searches the same places.
_KNOWN_CA_FILES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora, RHEL
    "/etc/ssl/cert.pem",  # Alpine, Arch
    "/etc/pki/tls/cert.pem",
    "/etc/ssl/ca-bundle.pem",  # SUSE
)


def _linux_ca_files() -> list[str]:
    try:  # truststore's own list, when this version still has it under that name
        from truststore import _openssl

        return list(getattr(_openssl, "_CA_FILE_CANDIDATES", _KNOWN_CA_FILES))
    except ImportError:
        return list(_KNOWN_CA_FILES)


def _os_name() -> str:
    return {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, sys.platform)


def check_shipped_resources(resources: Path | None = None) -> Finding:
    """The shipped resources are in the bundle: every TOML parses, the service list validates."""
    folder = resources if resources is not None else paths.resources_dir()
    if not folder.is_dir():
        return Finding("catalogue", Verdict.FAIL, f"the resources folder {folder} is missing")
    for path in sorted(folder.glob("*.toml")):
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            return Finding("catalogue", Verdict.FAIL, f"{path} cannot be read: {exc}")
    default_list = folder / paths.default_services_file().name
    try:
        services = builtin_services(default_list)  # as the layered start-up reads it
    except ConfigError as exc:
        first = exc.problems[0] if exc.problems else "unknown problem"
        return Finding("catalogue", Verdict.FAIL, f"the built-in service list is unusable: {first}")
    try:
        catalogue = load_catalogue(folder / CATALOGUE_FILE)
    except CatalogueError as exc:
        return Finding("catalogue", Verdict.FAIL, str(exc))
    return Finding(
        "catalogue",
        Verdict.PASS,
        f"{len(catalogue.entries)} catalogue entries and {len(services)} built-in "
        f"services in {folder}",
    )


def check_writable(label: str, folder: Path) -> Finding:
    """Traymon can create the folder and write a file in it (and cleans up after itself)."""
    try:
        private_folder(folder)  # as the app makes it: the user's alone
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".selftest-", delete=True) as probe:
            probe.write(b"traymon self-test\n")
            probe.flush()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Finding(label, Verdict.FAIL, f"cannot write to {folder} ({reason})")
    return Finding(label, Verdict.PASS, f"{folder} is writable")


# --- the Qt part, seen from outside ------------------------------------------------------


def probe_command() -> list[str]:
    """How to start this same Traymon again: the frozen executable, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, QT_PROBE_FLAG]
    return [sys.executable, "-m", "traymon", QT_PROBE_FLAG]


def _probe_environment() -> tuple[dict[str, str], str | None]:
    """The child's environment; falls back to offscreen when this session has no display."""
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not (
        env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
    ):
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env, "no display in this session, so Qt was started offscreen"
    return env, None


def check_qt(command: Sequence[str] | None = None) -> list[Finding]:
    env, fallback_note = _probe_environment()
    try:
        done = subprocess.run(
            list(command) if command is not None else probe_command(),
            capture_output=True,
            text=True,
            env=env,
            timeout=QT_PROBE_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Finding("Qt platform plugin", Verdict.FAIL, f"the Qt probe did not run: {exc}")]
    probe = _parse_probe(done.stdout)
    if done.returncode != 0 or probe is None:
        said = [line for line in done.stderr.splitlines() if line.strip()]
        reason = said[-1].strip() if said else f"exit status {done.returncode}"
        return [Finding("Qt platform plugin", Verdict.FAIL, f"Qt could not start: {reason}")]
    return [_plugin_finding(probe, fallback_note), _tray_finding(probe)]


def _parse_probe(stdout: str) -> QtProbe | None:
    for line in reversed(stdout.splitlines()):
        try:
            data = json.loads(line)
            return QtProbe(
                platform=str(data["platform"]),
                shipped_plugins=tuple(str(p) for p in data["shipped_plugins"]),
                tray_available=bool(data["tray_available"]),
            )
        except (ValueError, KeyError, TypeError):
            continue
    return None


def _plugin_finding(probe: QtProbe, fallback_note: str | None) -> Finding:
    wanted = next((v for k, v in DESKTOP_PLUGINS.items() if sys.platform.startswith(k)), ())
    shipped = ", ".join(probe.shipped_plugins) or "none"
    found = {probe.platform, *probe.shipped_plugins}  # the one that loaded is surely there
    if wanted and not set(wanted) & found:
        return Finding(
            "Qt platform plugin",
            Verdict.FAIL,
            f"the desktop plugin ({' or '.join(wanted)}) is not shipped; found: {shipped}",
        )
    note = f"; {fallback_note}" if fallback_note else ""
    return Finding(
        "Qt platform plugin", Verdict.PASS, f"'{probe.platform}' loaded (shipped: {shipped}){note}"
    )


def _tray_finding(probe: QtProbe) -> Finding:
    if probe.tray_available:
        return Finding("system tray", Verdict.PASS, "available")
    return Finding(
        "system tray",
        Verdict.INFO,
        "not available in this session; the app says so when started here",
    )


# --- putting it together ---------------------------------------------------------------


def run_checks(qt_check: Callable[[], list[Finding]] = check_qt) -> list[Finding]:
    return [
        *qt_check(),
        check_keyring(),
        check_trust_store(),
        check_shipped_resources(),
        check_writable("data folder", paths.user_data_dir()),
        check_writable("log folder", paths.user_log_dir()),
    ]


def exit_status(findings: Sequence[Finding]) -> int:
    return 1 if any(f.verdict is Verdict.FAIL for f in findings) else 0


def main() -> int:
    findings = run_checks()
    for finding in findings:
        print(finding.line())
    failures = sum(f.verdict is Verdict.FAIL for f in findings)
    print(f"self-test: {'passed' if not failures else f'{failures} problem(s) found'}")
    return exit_status(findings)
