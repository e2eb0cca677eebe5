"""``traymon --self-test``: passes on a working desktop, and names each real problem in one line."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.conftest import ROOT, run_traymon
from traymon.commands import selftest
from traymon.commands.selftest import Verdict

pytestmark = pytest.mark.linux_only  # needs Xvfb, a tray host and gnome-keyring

HEADLESS = ROOT / "installer" / "linux" / "selftest-headless.sh"
NEEDED_TOOLS = ("dbus-run-session", "gnome-keyring-daemon", "Xvfb", "trayer", "xwininfo")


def _fail_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("FAIL")]


def test_passes_on_a_desktop_with_a_tray_and_a_keyring() -> None:
    missing = [tool for tool in NEEDED_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (make test installs them)")
    traymon = str(Path(sys.executable).parent / "traymon")
    done = run_traymon_headless(traymon)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _fail_lines(done.stdout) == []
    for expected in (
        "ok    Qt platform plugin: 'xcb' loaded",
        "ok    system tray: available",
        "ok    keyring: keyring.backends.SecretService.Keyring",
        "ok    trust store:",
        "ok    catalogue:",
        "ok    data folder:",
        "ok    log folder:",
        "self-test: passed",
    ):
        assert expected in done.stdout, done.stdout


def run_traymon_headless(traymon: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HEADLESS), traymon], capture_output=True, text=True, timeout=90, check=False
    )


def test_each_problem_is_one_line_and_the_status_is_1(
    isolated_env: dict[str, str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    _user_config(isolated_env, GRAPH_SERVICE)  # a keyring is needed: its absence is a fault
    env = {
        **isolated_env,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_DATA_HOME": str(blocker),  # the data folder cannot be created under a file
    }
    done = run_traymon("--self-test", env=env)
    assert done.returncode == 1
    fails = _fail_lines(done.stdout)
    assert len(fails) == 2, done.stdout
    assert fails[0].startswith("FAIL  keyring: no keyring backend is available")
    assert fails[1].startswith(f"FAIL  data folder: cannot write to {blocker}/traymon")
    assert "info  system tray: not available" in done.stdout  # offscreen has no tray: not a fault
    assert "self-test: 2 problem(s) found" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


GRAPH_SERVICE = (
    '[[services]]\nid = "m365"\nname = "Microsoft 365"\nkind = "m365-graph"\n'
    'tenant_id = "contoso.onmicrosoft.com"\nclient_id = "11111111-2222"\n'
)


def _user_config(env: dict[str, str], text: str) -> None:
    folder = Path(env["XDG_CONFIG_HOME"]) / "traymon"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def _without_secret_service(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """A desktop session with no D-Bus, so no Secret Service: keyring finds no backend."""
    bare = {k: v for k, v in env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    bare["QT_QPA_PLATFORM"] = "offscreen"
    bare["TRAYMON_POLICY_DIR"] = str(tmp_path / "policy")
    return bare


def test_no_secret_service_is_a_note_when_no_setting_needs_a_secret(
    isolated_env: dict[str, str], tmp_path: Path
) -> None:
    done = run_traymon("--self-test", env=_without_secret_service(isolated_env, tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _fail_lines(done.stdout) == []
    assert "info  keyring: not needed by the current settings; no keyring backend" in done.stdout
    assert "self-test: passed" in done.stdout


def test_no_secret_service_fails_when_a_setting_needs_a_secret(
    isolated_env: dict[str, str], tmp_path: Path
) -> None:
    env = _without_secret_service(isolated_env, tmp_path)
    _user_config(env, GRAPH_SERVICE)
    policy = Path(env["TRAYMON_POLICY_DIR"])
    policy.mkdir()
    (policy / "policy.toml").write_text(
        '[network]\nproxy = "http://proxy.corp.example:8080"\nproxy_username = "alice"\n'
        'proxy_password_secret = "proxy"\n',
        encoding="utf-8",
    )
    done = run_traymon("--self-test", env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert _fail_lines(done.stdout) == [
        "FAIL  keyring: no keyring backend is available (on Linux: a Secret Service such as "
        "gnome-keyring or KWallet on the session D-Bus); needed by the proxy password "
        "(network.proxy_password_secret = 'proxy'), the service 'm365' (m365-graph)"
    ]
    assert "self-test: 1 problem(s) found" in done.stdout


def test_no_secret_service_and_unreadable_settings_fails_and_says_why(
    isolated_env: dict[str, str], tmp_path: Path
) -> None:
    env = _without_secret_service(isolated_env, tmp_path)
    _user_config(env, "[[services]\n")
    done = run_traymon("--self-test", env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    (line,) = _fail_lines(done.stdout)
    assert line.startswith("FAIL  keyring: no keyring backend is available")
    assert "the settings cannot be read to tell whether one is needed" in line
    assert "config.toml" in line
    assert "Traceback" not in done.stdout + done.stderr


def test_a_qt_platform_that_aborts_is_reported_not_fatal(isolated_env: dict[str, str]) -> None:
    env = {**isolated_env, "QT_QPA_PLATFORM": "no-such-platform"}
    done = run_traymon("--self-test", env=env)
    assert done.returncode == 1
    qt_line = next(line for line in _fail_lines(done.stdout) if "Qt platform plugin" in line)
    assert "Qt could not start" in qt_line
    assert "no-such-platform" in qt_line or "platform plugin" in qt_line
    # The other checks still ran after the Qt child died.
    assert "catalogue:" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_without_a_display_qt_is_checked_offscreen_and_says_so(
    isolated_env: dict[str, str],
) -> None:
    env = {k: v for k, v in isolated_env.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = run_traymon("--self-test", env=env)
    assert "'offscreen' loaded" in done.stdout
    assert "no display in this session" in done.stdout
    assert "xcb" in done.stdout  # the desktop plugin is shipped, even if not started here


def test_the_shipped_resources_pass_and_broken_ones_fail(tmp_path: Path) -> None:
    assert selftest.check_shipped_resources().verdict is Verdict.PASS

    missing = selftest.check_shipped_resources(tmp_path / "nowhere")
    assert missing.verdict is Verdict.FAIL
    assert "is missing" in missing.detail

    shutil.copy(ROOT / "resources" / "default_services.toml", tmp_path)
    (tmp_path / "catalogue.toml").write_text("[[services]\nid = ", encoding="utf-8")
    broken = selftest.check_shipped_resources(tmp_path)
    assert broken.verdict is Verdict.FAIL
    assert "catalogue.toml cannot be read" in broken.detail

    (tmp_path / "catalogue.toml").write_text("services = [1, 2]\n", encoding="utf-8")
    damaged = selftest.check_shipped_resources(tmp_path)
    assert damaged.verdict is Verdict.FAIL
    assert "has an entry that is not a table" in damaged.detail

    (tmp_path / "catalogue.toml").unlink()
    (tmp_path / "default_services.toml").write_text(
        '[[services]]\nid = "x"\nname = "X"\nkind = "statuspag"\nurl = "https://x.example"\n',
        encoding="utf-8",
    )
    invalid = selftest.check_shipped_resources(tmp_path)
    assert invalid.verdict is Verdict.FAIL
    assert "built-in service list is unusable" in invalid.detail


def _ca_certificate_pem() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Traymon test root")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.mark.skipif(sys.platform != "linux", reason="the CA bundle search is the Linux path")
def test_trust_store_counts_the_certificates_it_finds(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pem"
    empty.write_text("")
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(_ca_certificate_pem())

    found = selftest.check_trust_store([tmp_path / "absent.pem", bundle])
    assert found.verdict is Verdict.PASS
    assert found.detail == f"1 CA certificates from {bundle}"

    nothing = selftest.check_trust_store([tmp_path / "absent.pem"])
    assert nothing.verdict is Verdict.FAIL
    assert "install the ca-certificates package" in nothing.detail

    unreadable = selftest.check_trust_store([empty])
    assert unreadable.verdict is Verdict.FAIL


def test_writable_check_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "traymon"
    assert selftest.check_writable("data folder", folder).verdict is Verdict.PASS
    assert folder.is_dir()
    assert list(folder.iterdir()) == []
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # as the app makes it


def test_a_garbled_qt_probe_answer_is_not_trusted() -> None:
    assert selftest._parse_probe("Qt warning: something\nnot json\n") is None
    assert selftest._parse_probe('{"platform": "xcb"}') is None
    parsed = selftest._parse_probe(
        'noise\n{"platform": "xcb", "shipped_plugins": ["xcb"], "tray_available": true}\n'
    )
    assert parsed == selftest.QtProbe("xcb", ("xcb",), True)


def test_a_build_without_the_desktop_plugin_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    probe = selftest.QtProbe("offscreen", ("offscreen",), tray_available=False)
    finding = selftest._plugin_finding(probe, fallback_note=None)
    assert finding.verdict is Verdict.FAIL
    assert "xcb" in finding.detail
