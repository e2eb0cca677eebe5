"""No secret or query value leaves memory: history, `check`, the log and the helpdesk zip.

A hostile (or merely careless) sign-in endpoint echoes the form it was sent, client secret
included, in its ``error_description``; configured addresses carry tokens in their query.
The real command runs against such an endpoint on 127.0.0.1 with the secret in a real
Secret Service, and every file Traymon writes for the user is checked for the secret and
for its mode (0600 files, 0700 folders).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType

import keyring
import pytest

from tests.conftest import run_traymon
from tests.engine_harness import Harness
from tests.memory_keyring import MemoryKeyring
from tests.secret_service import available, secret_service
from traymon import logs
from traymon.config import ServiceConfig
from traymon.engine.history import History
from traymon.model import CheckResult, Status
from traymon.redact import redact_text, redact_url
from traymon.sources.m365_graph import KEYRING_SERVICE

pytestmark = pytest.mark.linux_only  # needs gnome-keyring, POSIX modes and the policy folder

SECRET = "Zq8~s3cr3t-cl1ent-VALUE"
API_KEY = "APIKEY-9f8e7d"
REF_TOKEN = "REFTOKEN-77aa"

# --- the pure module -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AADSTS7000215: Invalid client secret. Body: grant_type=client_credentials"
            f"&client_id=11&client_secret={SECRET}&scope=https%3A%2F%2Fgraph.microsoft.com",
            "AADSTS7000215: Invalid client secret. Body: grant_type=client_credentials"
            "&client_id=11&client_secret=…&scope=https%3A%2F%2Fgraph.microsoft.com",
        ),
        (
            f'{{"client_secret": "{SECRET}", "password":"p\\"w", "user": "bob"}}',
            '{"client_secret": "…", "password":"…", "user": "bob"}',
        ),
        ("{'api_key': 'k1', 'name': 'n'}", "{'api_key': '…', 'name': 'n'}"),
        ("password=hunter2 was refused", "password=… was refused"),
        ("passwd=a pwd=b token=c access_token=d", "passwd=… pwd=… token=… access_token=…"),
        ("refresh_token=a&id_token=b&apikey=c&key=d", "refresh_token=…&id_token=…&apikey=…&key=…"),
        (
            "secret=a code=b assertion=c client_assertion=d",
            "secret=… code=… assertion=… client_assertion=…",
        ),
        (
            "sig=a signature=b X-Api-Key=c session_token=d",
            "sig=… signature=… X-Api-Key=… session_token=…",
        ),
        ("Authorization: Bearer eyJ0eXAi.J9.sig", "Authorization: Bearer …"),
        ("Proxy-Authorization: Basic dXNlcjpwYXNz", "Proxy-Authorization: Basic …"),
        ("sent Bearer t0k3n-abc to it", "sent Bearer … to it"),
        ("the Bearer token was refused", "the Bearer token was refused"),  # words stay
        (
            "redirected to https://bob:pw@h.example:8443/a/b?token=x&user=alice, refused",
            "redirected to https://h.example:8443/a/b?token=…&user=…, refused",
        ),
        ("monkey=3 keys=4 user=bob", "monkey=3 keys=4 user=bob"),
        (
            "the server answered HTTP 503 Service Unavailable",
            "the server answered HTTP 503 Service Unavailable",
        ),
    ],
)
def test_redact_text(text: str, expected: str) -> None:
    assert redact_text(text) == expected
    assert redact_text(expected) == expected  # idempotent


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://h.example/p?token=abc", "https://h.example/p?token=…"),
        ("https://h.example/p?api_key=k&user=alice", "https://h.example/p?api_key=…&user=…"),
        ("http://bob:pw@proxy.corp:8080/", "http://proxy.corp:8080/"),
        ("http://[::1]:8080/x?a", "http://[::1]:8080/x?…"),
        ("https://app.example/cb#access_token=t&x=1", "https://app.example/cb#access_token=…&x=…"),
        (
            "https://status.example/incidents/1#updates",
            "https://status.example/incidents/1#updates",
        ),
        ("https://status.example/", "https://status.example/"),
        ("http://[::1", "(an address that is not a valid URL)"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


@pytest.mark.parametrize(
    "hostile",
    ["a." * 20_000, "k=v" + ")" * 40_000 + "x", '"a": "' * 20_000, "bearer " * 20_000],
    ids=["dotted-run", "closing-brackets", "open-quotes", "bearers"],
)
def test_hostile_text_costs_linear_time(hostile: str) -> None:
    # A server's text is redacted on the engine's loop: quadratic patterns took seconds here.
    started = time.perf_counter()
    redact_text(hostile)
    assert time.perf_counter() - started < 1.0


# --- a sign-in endpoint that echoes what it was sent ---------------------------------------


class EchoingSignIn:
    """POST: 400 with the request body in ``error_description``, as a careless IdP does."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.bodies.append(body)
                refusal = {
                    "error": "invalid_client",
                    "error_description": "AADSTS7000215: Invalid client secret provided. "
                    f"Request: {self.path} {body.decode()}\r\nTrace ID: 1",
                }
                self._send(400, json.dumps(refusal).encode())

            def do_GET(self) -> None:
                self._send(200, b"ok")

            def _send(self, code: int, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> EchoingSignIn:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def sign_in() -> Iterator[EchoingSignIn]:
    with EchoingSignIn() as server:
        yield server


def _graph_options(sign_in: EchoingSignIn) -> dict[str, str]:
    return {
        "tenant_id": "contoso.onmicrosoft.com",
        "client_id": "11111111-2222",
        "secret": "graph",
        "token_url": f"{sign_in.base_url}/tenant/token?api_key={API_KEY}&user=alice",
    }


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(not available(), reason="gnome-keyring or dbus is not installed")
def test_an_echoed_client_secret_reaches_no_output_and_no_file(
    tmp_path: Path, isolated_env: dict[str, str], sign_in: EchoingSignIn
) -> None:
    env = dict(isolated_env)
    env["TRAYMON_POLICY_DIR"] = str(tmp_path / "policy")
    config = tmp_path / "config.toml"
    options = "".join(f'{k} = "{v}"\n' for k, v in _graph_options(sign_in).items())
    config.write_text(
        '[[services]]\nid = "m365"\nname = "Microsoft 365"\nkind = "m365-graph"\n'
        f'url = "{sign_in.base_url}/graph"\n{options}\n'
        f'[network]\nreference_urls = ["{sign_in.base_url}/online?token={REF_TOKEN}&user=bob"]\n'
        '[logging]\nlevel = "debug"\n',
        encoding="utf-8",
    )
    with secret_service(tmp_path / "keyring", env) as keyring_env:
        stored = _store_secret(keyring_env, "graph", SECRET)
        assert stored.returncode == 0, stored.stderr
        checked = run_traymon("check", "--json", "--config", str(config), env=keyring_env)
        table = run_traymon("check", "--config", str(config), env=keyring_env)
        bundle = tmp_path / "helpdesk.zip"
        diagnosed = run_traymon(
            "diagnose", "--config", str(config), "--bundle", str(bundle), env=keyring_env
        )

    # The endpoint really was sent the secret, and really echoed it.
    assert any(SECRET.encode() in body for body in sign_in.bodies)
    service = json.loads(checked.stdout)["services"][0]
    assert "client_secret=…" in service["error"], service
    assert service["summary"] == service["error"]
    assert "AADSTS7000215" in service["error"]  # what the helpdesk needs stays

    assert diagnosed.returncode == 0, diagnosed.stderr
    texts = {
        "check --json": checked.stdout + checked.stderr,
        "check": table.stdout + table.stderr,
        "diagnose": diagnosed.stdout + diagnosed.stderr,
    }
    log_dir = Path(keyring_env["XDG_STATE_HOME"]) / "traymon" / "log"
    for log_file in log_dir.glob("traymon.log*"):
        texts[str(log_file)] = log_file.read_text(encoding="utf-8")
        assert _mode(log_file) == 0o600, log_file
    assert _mode(log_dir) == _mode(log_dir.parent) == 0o700
    with zipfile.ZipFile(bundle) as packed:
        for name in packed.namelist():
            texts[f"zip:{name}"] = packed.read(name).decode("utf-8")
    assert _mode(bundle) == 0o600
    for where, text in texts.items():
        for secret in (SECRET, SECRET[:10], API_KEY, REF_TOKEN):
            assert secret not in text, f"{secret!r} is in {where}"
    assert f"{sign_in.base_url}/online?token=…&user=…" in texts["zip:diagnose.txt"]
    assert "/tenant/token?api_key=…&user=…" in texts["zip:effective-config.json"]


def _store_secret(env: dict[str, str], name: str, value: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "traymon"), "secret", "set", name],
        input=value + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# --- history: what is stored, and who may read it ----------------------------------------


@pytest.fixture
def stored_secret() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    backend.set_password(KEYRING_SERVICE, "graph", SECRET)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_the_engine_stores_no_echoed_secret_and_history_is_private(
    tmp_path: Path, sign_in: EchoingSignIn, stored_secret: MemoryKeyring
) -> None:
    folder = tmp_path / "data" / "traymon"
    history = History(folder / "history.sqlite3")
    service = ServiceConfig(
        "m365", "Microsoft 365", "m365-graph", sign_in.base_url + "/graph", 300,
        MappingProxyType(_graph_options(sign_in)),  # type: ignore[arg-type]
    )  # fmt: skip

    async def scenario() -> None:
        async with Harness([service], history=history) as harness:
            await harness.until(lambda: bool(harness.results))

    asyncio.run(scenario())
    assert any(SECRET.encode() in body for body in sign_in.bodies)
    files = [folder / f"history.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
    assert all(f.exists() for f in files)  # still open: the WAL is there to be read
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path
        assert API_KEY.encode() not in path.read_bytes(), path
        assert _mode(path) == 0o600, path
    assert _mode(folder) == _mode(folder.parent) == 0o700
    history.close()
    with sqlite3.connect(files[0]) as db:
        (error,) = db.execute("SELECT error FROM samples").fetchone()
        (summary,) = db.execute("SELECT summary FROM last_known").fetchone()
    assert "client_secret=…" in error and "client_secret=…" in summary


def test_history_redacts_what_any_check_result_carries(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    for old in (path, Path(f"{path}-wal")):  # written by an older version: made private
        old.touch()
        old.chmod(0o644)
    history = History(path)
    leaky = "refused to follow https://h.example/x?token=abc123 (password=hunter2)"
    history.record_sample(
        CheckResult("s", "S", "json", Status.UNKNOWN, leaky, datetime.now(UTC), error=leaky)
    )
    assert _mode(path) == _mode(Path(f"{path}-wal")) == 0o600
    history.close()
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT error FROM samples UNION ALL SELECT summary FROM last_known")
        stored = [row[0] for row in rows]
    assert stored == ["refused to follow https://h.example/x?token=… (password=…)"] * 2


# --- the log -----------------------------------------------------------------------------


def test_the_log_redacts_every_record_and_its_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "traymon" / "log"
    path = logs.setup_logging(directory=folder)
    log = logging.getLogger("traymon.test")
    log.warning("sign-in said: client_secret=%s", SECRET)
    try:
        raise RuntimeError(f"GET https://h.example/?api_key={API_KEY} failed")
    except RuntimeError:
        log.exception("checking %s failed unexpectedly", "m365")
    for _ in range(logs.MAX_BYTES // 500 + 10):  # past the limit: the file is rotated
        log.info("filler %s", "x" * 500)
    logs.setup_logging(directory=tmp_path / "elsewhere")  # closes the handler on our files
    written = sorted(folder.glob("traymon.log*"))
    assert [p.name for p in written] == ["traymon.log", "traymon.log.1"]
    text = "".join(p.read_text(encoding="utf-8") for p in written)
    assert SECRET not in text and API_KEY not in text
    assert "client_secret=…" in text and "?api_key=…" in text
    assert "RuntimeError" in text  # the traceback stays, only the value goes
    assert all(_mode(p) == 0o600 for p in written)
    assert _mode(folder) == _mode(folder.parent) == _mode(folder.parent.parent) == 0o700
    assert path == folder / logs.LOG_FILE
