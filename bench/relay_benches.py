"""The company relay at scale: 100,000 desktops polling a real nginx serving its folder.

The relay runs for real (``traymon relay``, MSAL against the loopback fake Graph), a real
nginx serves what it writes, and wrk plays the desktops: each of 100,000 polls every
60 s (with jitter), about 1,700 requests a second, almost all with ``If-None-Match`` so
most answers are 304. Every request opens its own connection (``keepalive_timeout 0``):
a desktop's poll a minute apart finds no kept-alive connection. Meanwhile IT declares
continuity with the real command, and a polling client times how long until it gets the
document with the new serial.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.fake_graph import FakeGraph
from tests.relay_helpers import relay_folder
from tools.relay_demo import nginx_binary
from traymon.relay import keys
from traymon.relay.config import load
from traymon.relay.publisher import Publisher, SystemRelayClock

TRAYMON = str(Path(sys.executable).parent / "traymon")
SITES = 20  # a tenant document plus one per site, all rewritten on a change
#: What the deploy guide tells nginx (docs/deploy-relay.md §4) and desktops poll at.
MAX_AGE_S = 30
POLL_S = 60
#: Desktops without the current ETag (just started, or just after a change): plain GETs.
FRESH_SHARE = 0.02

WRK_LUA = """
-- 100,000 desktops, each polling every {poll} s with jitter: {connections} connections,
-- each waiting a random time with the mean that gives {rate:.0f} requests a second.
-- A desktop keeps the ETag of the last document it got (after IT's change, the new one).
etag = "{etag}"
local mean_ms = {mean_ms:.3f}
counts = {{}}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end
function delay() return math.floor(math.random() * 2 * mean_ms) end
function request()
  if math.random() < {fresh} then
    return wrk.format("GET", "/tenant.jws")
  end
  return wrk.format("GET", "/tenant.jws", {{["If-None-Match"] = etag}})
end
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 200 and headers["ETag"] then etag = headers["ETag"] end
end
function done(summary, latency, requests)
  local statuses = {{}}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do statuses[status] = (statuses[status] or 0) + n end
  end
  io.write(string.format("RESULT p50_us=%d p99_us=%d requests=%d errors=%d",
    latency:percentile(50), latency:percentile(99), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
  for status, n in pairs(statuses) do io.write(string.format(" s%d=%d", status, n)) end
  io.write("\\n")
end
"""


@dataclass(frozen=True)
class RelayScaleFigures:
    desktops: int
    rate_target: float
    rate: float
    p50_ms: float
    p99_ms: float
    not_modified_share: float
    errors: int
    nginx_cpu_percent: float
    relay_cpu_percent: float
    relay_cpu_ms_per_idle_cycle: float
    publish_cpu_ms: float
    documents: int
    declare_to_seen_s: float
    window_s: float
    load: str

    @property
    def bound_s(self) -> float:
        """Declaration to every desktop: the publish, one poll interval, one cache max-age."""
        return self.declare_to_seen_s + POLL_S + MAX_AGE_S


def _nginx_conf(folder: Path, www: Path, port: int) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
daemon on;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {folder}/access.log combined buffer=64k flush=1s;
    client_body_temp_path {folder}/tmp/body;
    proxy_temp_path {folder}/tmp/proxy;
    fastcgi_temp_path {folder}/tmp/fastcgi;
    uwsgi_temp_path {folder}/tmp/uwsgi;
    scgi_temp_path {folder}/tmp/scgi;
    types {{ application/jose jws; }}
    keepalive_timeout 0;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        root {www};
        etag on;
        location / {{ add_header Cache-Control "public, max-age={MAX_AGE_S}, must-revalidate"; }}
    }}
}}
"""


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _serial(body: bytes) -> int:
    payload = body.split(b".")[1]
    return int(json.loads(base64.urlsafe_b64decode(payload + b"=" * (-len(payload) % 4)))["serial"])


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _publish_cpu_ms(config: Path, rounds: int = 30) -> tuple[float, int]:
    """CPU of one publish that rewrites every document (IT declared): sign and write."""
    cfg = load(config)
    publisher = Publisher(cfg, keys.load_signing_key(cfg.key_file), SystemRelayClock())
    publisher.publish(force=True)  # warm: imports, first files
    started = time.thread_time()
    for _ in range(rounds):
        written = len(publisher.publish(force=True).written)
    return (time.thread_time() - started) * 1000 / rounds, written


def bench_relay_scale(
    desktops: int = 100_000, connections: int = 200, window_s: float = 30.0
) -> RelayScaleFigures:
    rate_target = desktops / POLL_S
    mean_ms = connections / rate_target * 1000
    graph = FakeGraph(clock=time.monotonic).start()
    with tempfile.TemporaryDirectory(prefix="relay-bench-") as tmp:
        folder = Path(tmp)
        sites = ", ".join(f'"site{i}"' for i in range(SITES))
        config, _key = relay_folder(
            folder / "relay",
            graph_url=graph.base_url,
            ca=graph.write_ca(folder / "graph-ca.pem"),
            extra=f"sites = [{sites}]",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
        env["TEST_RELAY_SECRET"] = "bench-secret"
        relay = subprocess.Popen(
            [TRAYMON, "relay", "--config", str(config.path)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        nginx_dir = folder / "nginx"
        (nginx_dir / "tmp").mkdir(parents=True)
        port = _free_port()
        conf = nginx_dir / "nginx.conf"
        conf.write_text(_nginx_conf(nginx_dir, config.output, port), encoding="utf-8")
        master = 0
        try:
            url = f"http://127.0.0.1:{port}/tenant.jws"
            deadline = time.monotonic() + 30
            while not (config.output / "tenant.jws").exists():
                assert relay.poll() is None and time.monotonic() < deadline, "relay did not start"
                time.sleep(0.1)
            subprocess.run(
                [nginx_binary(), "-p", str(nginx_dir), "-c", str(conf)], check=True, timeout=30
            )
            master = int((nginx_dir / "nginx.pid").read_text())
            workers = _children(master)
            etag, serial = _settled(url)
            script = folder / "desktops.lua"
            script.write_text(
                WRK_LUA.format(poll=POLL_S, connections=connections, rate=rate_target,
                               etag=etag.replace('"', '\\"'), mean_ms=mean_ms, fresh=FRESH_SHARE),
                encoding="utf-8",
            )  # fmt: skip
            nginx_before = sum(_cpu_s(p) for p in workers)
            relay_before = _cpu_s(relay.pid)
            wrk = subprocess.Popen(
                ["wrk", "-t2", f"-c{connections}", f"-d{window_s:.0f}s", "--timeout", "5s",
                 "-s", str(script), url],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            started = time.monotonic()
            time.sleep(window_s / 2)
            declared_at = time.monotonic()
            subprocess.run(
                [TRAYMON, "relay", "declare", "continuity", "--service", "exchange-online",
                 "--until", "1h", "--message", "bench", "--config", str(config.path)],
                env=env, capture_output=True, check=True, timeout=60,
            )  # fmt: skip
            seen_at = _poll_until_new(url, etag, serial, timeout_s=30)
            output, _ = wrk.communicate(timeout=window_s + 30)
            elapsed = time.monotonic() - started
            nginx_cpu = sum(_cpu_s(p) for p in workers) - nginx_before
            relay_cpu = _cpu_s(relay.pid) - relay_before
            load = Path("/proc/loadavg").read_text().split()[:3]
        finally:
            relay.terminate()
            relay.wait(10)
            if master:
                subprocess.run(["kill", "-QUIT", str(master)], check=False)
            graph.stop()
        publish_ms, documents = _publish_cpu_ms(config.path)
    found = re.search(r"RESULT (.*)", output)
    assert found, output
    fields = dict(part.split("=") for part in found.group(1).split())
    requests = int(fields["requests"])
    not_modified = int(fields.get("s304", 0))
    return RelayScaleFigures(
        desktops=desktops,
        rate_target=rate_target,
        rate=requests / window_s,
        p50_ms=int(fields["p50_us"]) / 1000,
        p99_ms=int(fields["p99_us"]) / 1000,
        not_modified_share=not_modified / requests if requests else 0.0,
        errors=int(fields["errors"]),
        nginx_cpu_percent=nginx_cpu / elapsed * 100,
        relay_cpu_percent=relay_cpu / elapsed * 100,
        relay_cpu_ms_per_idle_cycle=relay_cpu * 1000 / elapsed,  # it cycles once a second
        publish_cpu_ms=publish_ms,
        documents=documents,
        declare_to_seen_s=seen_at - declared_at,
        window_s=elapsed,
        load=" ".join(load),
    )


def _settled(url: str, quiet_s: float = 3.0) -> tuple[str, int]:
    """The ETag and serial once the relay's start-up writes are done (Graph read and all)."""
    last, since = "", time.monotonic()
    while True:
        answer = httpx.get(url)
        if answer.headers["etag"] != last:
            last, since = answer.headers["etag"], time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return last, _serial(answer.content)
        time.sleep(0.2)


def _poll_until_new(url: str, etag: str, serial: int, timeout_s: float) -> float:
    """A desktop polling hard: when it first gets the document with a higher serial."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client() as client:
        while time.monotonic() < deadline:
            answer = client.get(url, headers={"If-None-Match": etag})
            if answer.status_code == 200 and _serial(answer.content) > serial:
                return time.monotonic()
            time.sleep(0.02)
    raise AssertionError("no desktop saw the declaration")


if __name__ == "__main__":
    print(bench_relay_scale())
