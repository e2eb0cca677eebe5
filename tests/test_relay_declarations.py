"""IT's declarations through the real command: durable, expiring, published at once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme

from tests.conftest import run_traymon
from tests.relay_helpers import TENANT, relay_folder
from traymon.relay import declarations as decl
from traymon.relay.document import Document
from traymon.relay.keys import SigningKey
from traymon.relay.publisher import TENANT_FILE, Publisher, SystemRelayClock
from traymon.relay.verify import verify

pytestmark = pytest.mark.linux_only  # needs POSIX file modes and fork


def _doc(path: Path, key: SigningKey, site: str = "") -> Document:
    doc = verify(path.read_bytes(), [key.public], tenant=TENANT, now=datetime.now(UTC), site=site)
    assert isinstance(doc, Document), doc
    return doc


def relay(*args: str, config: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_traymon("relay", *args, "--config", str(config), env=env)


def test_keygen_writes_a_private_key_only_its_owner_reads(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    config = tmp_path / "relay.toml"
    config.write_text(
        f'tenant_id = "{TENANT}"\noutput = "www"\nstate = "state"\nkey_file = "k/signing.key"\n'
        "graph_enabled = false\n",
        encoding="utf-8",
    )
    made = relay("keygen", config=config, env=isolated_env)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "k/signing.key").stat().st_mode & 0o777 == 0o600
    pinned = (tmp_path / "k/signing.key.pub").read_text().strip()
    assert pinned.startswith("ed25519:") and pinned in made.stdout
    again = relay("keygen", config=config, env=isolated_env)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_declare_announce_end_and_list_publish_at_once(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    cfg, key = relay_folder(tmp_path / "relay")
    made = relay(
        "declare",
        "continuity",
        "--service",
        "exchange-online",
        "--until",
        "3h",
        "--message",
        "Use webmail at https://mail.example.com",
        "--by",
        "alice",
        config=cfg.path,
        env=isolated_env,
    )
    assert made.returncode == 0, made.stderr
    ident = made.stdout.split(":")[0]
    [declared] = _doc(cfg.output / TENANT_FILE, key).declarations
    assert (declared.id, declared.kind, declared.service, declared.created_by) == (
        ident,
        "continuity",
        "exchange-online",
        "alice",
    )
    assert timedelta(hours=2, minutes=59) < declared.expires_at - declared.created_at
    said = relay(
        "announce",
        "Floor 3 printers are down",
        "--site",
        "berlin",
        config=cfg.path,
        env=isolated_env,
    )
    assert said.returncode == 0, said.stderr
    berlin = _doc(cfg.output / "sites" / "berlin.jws", key, site="berlin")
    assert {d.kind for d in berlin.declarations} == {"continuity", "announcement"}
    assert [d.kind for d in _doc(cfg.output / TENANT_FILE, key).declarations] == ["continuity"]
    listed = relay("list", "--json", config=cfg.path, env=isolated_env)
    assert [row["kind"] for row in json.loads(listed.stdout)] == ["continuity", "announcement"]
    ended = relay("end", ident, config=cfg.path, env=isolated_env)
    assert ended.returncode == 0, ended.stderr
    assert _doc(cfg.output / TENANT_FILE, key).declarations == ()
    # The site keeps its document (its desktops would otherwise see it expire).
    assert [
        d.kind for d in _doc(cfg.output / "sites/berlin.jws", key, site="berlin").declarations
    ] == ["announcement"]
    unknown = relay("end", ident, config=cfg.path, env=isolated_env)
    assert unknown.returncode == 1 and "no declaration in force has the id" in unknown.stderr


@pytest.mark.parametrize(
    ("until", "words"),
    [("30d", "no declaration lasts longer than 3 days"), ("soon", "is not a time")],
)
def test_no_declaration_lasts_forever(
    tmp_path: Path, isolated_env: dict[str, str], until: str, words: str
) -> None:
    cfg, _ = relay_folder(tmp_path / "relay")
    made = relay("announce", "hi", "--until", until, config=cfg.path, env=isolated_env)
    assert made.returncode == 1
    assert words in made.stderr and "Traceback" not in made.stderr
    assert not decl.Store(cfg.state).records()


def test_the_default_expiry_is_bounded() -> None:
    now = datetime.now(UTC)
    made = decl.make("continuity", "", "it", now, service="exchange-online")
    assert made.expires_at - now == decl.DEFAULT_DURATION["continuity"]


def test_the_drop_folder_takes_good_files_and_refuses_bad_ones_with_a_sentence(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    cfg, key = relay_folder(tmp_path / "relay")
    inbox = cfg.state / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "ticket-1.json").write_text(
        json.dumps(
            {
                "kind": "continuity",
                "service": "exchange-online",
                "until": "2h",
                "message": "INC0012 Exchange down",
                "by": "servicenow",
            }
        )
    )
    (inbox / "ticket-2.toml").write_text('kind = "announcement"\nmessage = "VPN maintenance"\n')
    (inbox / "ticket-3.json").write_text('{"kind": "continuity", "message": "no service"}')
    (inbox / "ticket-4.toml").write_text("kind = [broken")
    settled = time.time() - 2 * decl.SETTLE_S  # written a while ago: no script is still at it
    for bad in ("ticket-3.json", "ticket-4.toml"):
        os.utime(inbox / bad, (settled, settled))
    ran = relay("--once", config=cfg.path, env=isolated_env)
    assert ran.returncode == 0, ran.stderr
    kinds = sorted(d.kind for d in _doc(cfg.output / TENANT_FILE, key).declarations)
    assert kinds == ["announcement", "continuity"]
    assert sorted(p.name for p in (inbox / "done").glob("*.json")) == ["ticket-1.json"]
    why3 = (inbox / "refused" / "ticket-3.json.why.txt").read_text()
    assert "a continuity declaration needs --service" in why3
    assert "is not valid TOML" in (inbox / "refused" / "ticket-4.toml.why.txt").read_text()


def test_a_file_still_being_written_is_read_once_it_is_whole(tmp_path: Path) -> None:
    # A script that writes in place (no write-then-rename) is caught half-way by a cycle:
    # the half must not be refused, and the whole file is declared at the next cycle.
    store = decl.Store(tmp_path / "state")
    store.inbox.mkdir(parents=True)
    ticket = store.inbox / "ticket.json"
    whole = json.dumps({"kind": "announcement", "message": "VPN maintenance tonight"})
    ticket.write_text(whole[:20])
    now = datetime.now(UTC)
    assert store.ingest(now) == []
    assert ticket.exists() and not (store.inbox / "refused").exists()
    (store.inbox / ".draft.json").write_text("{")  # a dot file: still being written
    ticket.write_text(whole)
    (line,) = store.ingest(now)
    assert line.startswith("declared ") and (store.inbox / ".draft.json").exists()


def test_a_restart_loses_no_declaration_and_the_serial_only_grows(tmp_path: Path) -> None:
    cfg, key = relay_folder(tmp_path / "relay")
    now = datetime.now(UTC)
    decl.Store(cfg.state).add(decl.make("announcement", "one", "it", now), now)
    first = Publisher(cfg, key, SystemRelayClock()).publish(force=True)
    serial = _doc(first.written[0], key).serial
    again = Publisher(cfg, key, SystemRelayClock())  # a new process: nothing in memory
    again.publish(force=True)
    doc = _doc(cfg.output / TENANT_FILE, key)
    assert [d.message for d in doc.declarations] == ["one"] and doc.serial > serial


STEPS = ["atomic:temp-written", "atomic:temp-synced", "atomic:replaced"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
@pytest.mark.parametrize("where", ["store", "document"])
@pytest.mark.parametrize("step", STEPS)
def test_a_kill_mid_write_publishes_the_declaration_fully_or_not_at_all(
    tmp_path: Path, where: str, step: str
) -> None:
    cfg, key = relay_folder(tmp_path / "relay")
    now = datetime.now(UTC)
    store = decl.Store(cfg.state)
    store.add(decl.make("announcement", "before", "it", now), now)
    Publisher(cfg, key, SystemRelayClock()).publish(force=True)
    new = decl.make("continuity", "after", "it", now, service="exchange-online")

    def die(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            store.add(new, now, die if where == "store" else decl.no_checkpoint)
            Publisher(cfg, key, SystemRelayClock()).publish(force=True, checkpoint=die)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    kept = [d.message for d in store.active(now)]
    assert kept in (["before"], ["before", "after"])
    published = [d.message for d in _doc(cfg.output / TENANT_FILE, key).declarations]
    assert published in (["before"], ["before", "after"])
    # The next publish (the relay's next cycle) brings the document up to the store.
    Publisher(cfg, key, SystemRelayClock()).publish(force=True)
    assert [d.message for d in _doc(cfg.output / TENANT_FILE, key).declarations] == kept


def test_declare_killed_at_random_moments_never_damages_the_store(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    cfg, key = relay_folder(tmp_path / "relay")
    traymon = str(Path(sys.executable).parent / "traymon")
    rng = random.Random(12)
    for i in range(8):
        child = subprocess.Popen(
            [traymon, "relay", "announce", f"n{i}", "--config", str(cfg.path)],
            env=isolated_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(1.0, 3.5))  # the command starts in about 1-2 s
        child.kill()
        child.wait()
    listed = relay("list", "--json", config=cfg.path, env=isolated_env)
    assert listed.returncode == 0, listed.stderr
    stored = [row["message"] for row in json.loads(listed.stdout)]
    doc = _doc(cfg.output / TENANT_FILE, key) if (cfg.output / TENANT_FILE).exists() else None
    if doc is not None:  # what is published is never more than what is stored
        assert {d.message for d in doc.declarations} <= set(stored)
    print(f"{len(stored)} of 8 killed declares had stored their declaration")


def test_the_running_relay_publishes_a_dropped_declaration_within_seconds(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    cfg, key = relay_folder(tmp_path / "relay")
    traymon = str(Path(sys.executable).parent / "traymon")
    relay_process = subprocess.Popen(
        [traymon, "relay", "--config", str(cfg.path)],
        env=isolated_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        tenant = cfg.output / TENANT_FILE
        deadline = time.monotonic() + 30
        while not tenant.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert tenant.exists(), "the relay did not publish at start"
        inbox = cfg.state / "inbox"
        inbox.mkdir(exist_ok=True)
        dropped = time.monotonic()
        (inbox / "inc42.json").write_text(json.dumps({"kind": "announcement", "message": "INC42"}))
        while time.monotonic() - dropped < 10:
            if [d.message for d in _doc(tenant, key).declarations] == ["INC42"]:
                break
            time.sleep(0.05)
        took = time.monotonic() - dropped
        assert [d.message for d in _doc(tenant, key).declarations] == ["INC42"]
        assert took < 3.0
        # A declaration another process stores (IT without the key) is picked up the same way.
        now = datetime.now(UTC)
        stored = time.monotonic()
        decl.Store(cfg.state).add(decl.make("announcement", "second", "it", now), now)
        while time.monotonic() - stored < 10 and len(_doc(tenant, key).declarations) < 2:
            time.sleep(0.05)
        assert len(_doc(tenant, key).declarations) == 2 and time.monotonic() - stored < 3.0
        second = time.monotonic() - stored
        print(f"dropped file published in {took:.2f} s, stored one in {second:.2f} s")
    finally:
        relay_process.send_signal(signal.SIGTERM)
        _, err = relay_process.communicate(timeout=10)
    assert relay_process.returncode == 0, err
    assert "inbox: declared" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "tenant_id is missing"),
        (
            'tenant_id = "t"\noutput = "www"\nstate = "s"\n',
            "graph.client_id is missing (the app registration's client id)",
        ),
        (
            'tenant_id = "t"\noutput = "www"\nstate = "s"\ngraph_enabled = false\nexpiry = 3\n',
            "expiry is not a relay setting",
        ),
        (
            'tenant_id = "t"\noutput = "www"\nstate = "s"\n[graph]\nclient_id = "c"\n'
            "requests_per_hour = 5000\n",
            "graph.requests_per_hour must be a whole number from 1 to 700",
        ),
        ("tenant_id = [", "is not valid TOML"),
    ],
)
def test_a_bad_relay_config_is_one_sentence(
    tmp_path: Path, isolated_env: dict[str, str], text: str, words: str
) -> None:
    config = tmp_path / "relay.toml"
    config.write_text(text, encoding="utf-8")
    done = relay("--once", config=config, env=isolated_env)
    assert done.returncode == 3
    assert words in done.stderr and "Traceback" not in done.stderr
    missing = relay("list", config=tmp_path / "nope.toml", env=isolated_env)
    assert missing.returncode == 3 and "no such file" in missing.stderr


def test_once_without_graph_still_publishes_and_says_why(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ca = tmp_path / "ca.pem"
    cfg, key = relay_folder(tmp_path / "relay", graph_url=f"https://127.0.0.1:{port}", ca=ca)
    env = {**isolated_env, "TEST_RELAY_SECRET": "x"}
    ca.write_text("")
    empty = relay("--once", config=cfg.path, env=env)
    assert empty.returncode == 3 and "graph.ca_bundle" in empty.stderr
    trustme.CA().cert_pem.write_to_path(str(ca))
    made = relay("declare", "continuity", "--service", "exchange-onlin", config=cfg.path, env=env)
    assert made.returncode == 0, made.stderr
    done = relay("--once", config=cfg.path, env=env)
    assert done.returncode == 0, done.stderr
    assert "Warning: " in done.stderr and "Traceback" not in done.stderr
    doc = _doc(cfg.output / TENANT_FILE, key)
    assert [d.service for d in doc.declarations] == ["exchange-onlin"]  # IT's word still goes out
