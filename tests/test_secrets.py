"""Secrets round-trip through a real Secret Service, never echo, never reach a log or a file.

The keyring is gnome-keyring-daemon on a private D-Bus session (tests/secret_service.py);
``secret-tool`` reads it independently of Traymon's code.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fixture_bytes, run_traymon
from tests.secret_service import available, secret_service
from tests.servers import LoopbackServer, ProxyServer, Reply

pytestmark = pytest.mark.skipif(not available(), reason="gnome-keyring or dbus is not installed")
pytestmark = [pytestmark, pytest.mark.linux_only]  # needs gnome-keyring on D-Bus

SECRET = "s3cr3t-Pr0xy-pa55word"
HEALTHY = "statuspage/github_summary_2026-08-22_latest.json"


@pytest.fixture
def keyring_env(tmp_path: Path, isolated_env: dict[str, str]) -> Iterator[dict[str, str]]:
    env = dict(isolated_env)
    env["TRAYMON_POLICY_DIR"] = str(tmp_path / "policy")
    with secret_service(tmp_path / "keyring", env) as with_keyring:
        yield with_keyring


def _lookup(env: dict[str, str], name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["secret-tool", "lookup", "service", "traymon", "username", name],
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )


def _set(env: dict[str, str], name: str, value: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "traymon"), "secret", "set", name],
        input=value + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_secret_round_trips_through_the_secret_service(keyring_env: dict[str, str]) -> None:
    done = _set(keyring_env, "graph", SECRET)
    assert done.returncode == 0, done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert _lookup(keyring_env, "graph").stdout == SECRET

    done = run_traymon("secret", "delete", "graph", env=keyring_env)
    assert (done.returncode, done.stdout.strip()) == (0, "Deleted the secret 'graph'.")
    assert _lookup(keyring_env, "graph").stdout == ""
    done = run_traymon("secret", "delete", "graph", env=keyring_env)
    assert (done.returncode, done.stderr.strip()) == (1, "No secret named 'graph' is stored.")


def test_the_prompt_does_not_echo(keyring_env: dict[str, str]) -> None:
    import pty  # POSIX only: imported here, so collecting this file works on Windows too

    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "traymon"), "secret", "set", "typed"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=keyring_env,
        start_new_session=True,  # no controlling terminal: getpass uses the pty it is given
    )
    os.close(terminal)
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([main], [], [], 30)
            assert ready, f"no {marker!r} on the terminal; saw {seen!r}"
            try:
                chunk = os.read(main, 1024)
            except OSError:  # the other side closed
                return
            if not chunk:
                return
            seen += chunk

    read_until(b"typing is not shown")
    os.write(main, b"typed-" + SECRET.encode() + b"\n")
    read_until(b"Stored the secret")
    assert process.wait(30) == 0
    os.close(main)
    assert SECRET.encode() not in seen
    assert _lookup(keyring_env, "typed").stdout == "typed-" + SECRET


def test_without_a_keyring_it_says_so_and_writes_nothing(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    env = {k: v for k, v in isolated_env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    done = _set(env, "graph", SECRET)
    assert done.returncode == 1
    assert "No secure keyring is available on this computer" in done.stderr
    assert "Traceback" not in done.stderr
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"the secret was written to {path}"


def test_proxy_password_from_the_keyring_and_no_secret_in_logs_or_bundle(
    tmp_path: Path, server: LoopbackServer, keyring_env: dict[str, str]
) -> None:
    assert _set(keyring_env, "proxy", SECRET).returncode == 0
    base = server.serve_statuspage("/gh", fixture_bytes(HEALTHY))
    server.serve("/online", Reply(body=b"ok", content_type="text/plain"))
    policy_dir = Path(keyring_env["TRAYMON_POLICY_DIR"])
    policy_dir.mkdir()
    with ProxyServer(credentials=("alice", SECRET)) as proxy:
        (policy_dir / "policy.toml").write_text(
            f'[[services]]\nid = "gh"\nname = "GitHub"\nkind = "statuspage"\nurl = "{base}"\n\n'
            f'[network]\nproxy = "{proxy.url}"\nproxy_username = "alice"\n'
            f'proxy_password_secret = "proxy"\nreference_urls = ["{server.base_url}/online"]\n'
            '[logging]\nlevel = "debug"\n',
            encoding="utf-8",
        )
        checked = run_traymon("check", "--json", env=keyring_env)
        bundle = tmp_path / "helpdesk.zip"
        diagnosed = run_traymon("diagnose", "--bundle", str(bundle), env=keyring_env)

    assert json.loads(checked.stdout)["overall"] == "operational", checked.stderr
    assert (f"{base}/api/v2/summary.json", True) in proxy.seen  # authenticated, via the proxy
    assert diagnosed.returncode == 0, diagnosed.stderr
    assert "signing in with network.proxy_username" in diagnosed.stdout
    assert "reachable: GitHub" in diagnosed.stdout

    texts = [checked.stdout, checked.stderr, diagnosed.stdout, diagnosed.stderr]
    log_dir = Path(keyring_env["XDG_STATE_HOME"]) / "traymon" / "log"
    logs = list(log_dir.glob("traymon.log*"))
    assert logs, "nothing was logged"
    texts += [p.read_text(encoding="utf-8") for p in logs]
    with zipfile.ZipFile(bundle) as packed:
        names = packed.namelist()
        texts += [packed.read(name).decode("utf-8") for name in names]
    assert {"diagnose.txt", "versions.json", "effective-config.json", "logs/traymon.log"} <= set(
        names
    )
    assert all(SECRET not in text for text in texts)
    assert all(SECRET[:8] not in text for text in texts)  # nor a piece of it
    assert all("alice" not in text for text in texts)  # nor the proxy's user name
