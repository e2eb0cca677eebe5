"""``make relay-demo``: the company relay end to end on this machine, with a real nginx.

1. a key pair (``traymon relay keygen``);
2. one continuity declaration and one announcement (``traymon relay declare`` / ``announce``);
3. the publisher once (``traymon relay --once``) against the loopback fake Graph
   (HTTPS, MSAL for real) with one open Exchange Online issue;
4. a real nginx on 127.0.0.1 serving ``www/`` (its pid, logs and temp files in the folder);
5. ``traymon check --json --config desktop.toml``, printed.

It leaves ``build/relay-demo/www/`` (exactly what nginx serves), ``desktop.toml`` (the
relay services and the pinned key, pointing at that nginx) and nginx running; change
any byte of a file in ``www/`` and run the check again to see every relay service turn
``unknown`` with a sentence. ``python -m tools.relay_demo --stop`` stops nginx.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_graph import FakeGraph  # noqa: E402  (the demo's Graph is the tests' fake)

TENANT = "contoso.onmicrosoft.com"
SECRET_ENV = "TRAYMON_RELAY_CLIENT_SECRET"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")


@dataclass
class Demo:
    folder: Path
    port: int = 0

    @property
    def www(self) -> Path:
        return self.folder / "www"

    @property
    def desktop_config(self) -> Path:
        return self.folder / "desktop.toml"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def traymon(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "traymon"), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, timeout=120
    )


def must(done: subprocess.CompletedProcess[str]) -> str:
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(done.args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)
    if found is None:
        raise SystemExit("nginx is not installed: `make system-deps` installs nginx-light")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def nginx_conf(demo: Demo) -> str:
    n = demo.folder / "nginx"
    # As root, nginx hands its workers to `nobody`, who may not enter a private folder;
    # this is a loopback demo, so the workers stay as the user who started it.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
daemon on;
pid {n}/nginx.pid;
error_log {n}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {n}/access.log;
    client_body_temp_path {n}/tmp/body;
    proxy_temp_path {n}/tmp/proxy;
    fastcgi_temp_path {n}/tmp/fastcgi;
    uwsgi_temp_path {n}/tmp/uwsgi;
    scgi_temp_path {n}/tmp/scgi;
    types {{ application/jose jws; }}
    default_type application/octet-stream;
    server {{
        listen 127.0.0.1:{demo.port};
        root {demo.www};
        etag on;
        location / {{
            # Short: a document expires in minutes, and desktops ask with If-None-Match.
            add_header Cache-Control "public, max-age=30, must-revalidate";
        }}
    }}
}}
"""


def start_nginx(demo: Demo) -> None:
    stop_nginx(demo.folder)
    demo.port = demo.port or free_port()
    (demo.folder / "nginx" / "tmp").mkdir(parents=True, exist_ok=True)
    conf = demo.folder / "nginx" / "nginx.conf"
    conf.write_text(nginx_conf(demo), encoding="utf-8")
    prefix = str(demo.folder / "nginx")
    must(
        subprocess.run(
            [nginx_binary(), "-p", prefix, "-c", str(conf)],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", demo.port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"nginx did not start; see {demo.folder / 'nginx' / 'error.log'}")


def stop_nginx(folder: Path) -> None:
    pid_file = folder / "nginx" / "nginx.pid"
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGQUIT)  # nginx's graceful stop, for the pid it wrote itself
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def build(folder: Path, port: int = 0) -> Demo:
    """Everything but the final check: keys, declarations, one publish, nginx."""
    folder = folder.resolve()
    stop_nginx(folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    demo = Demo(folder, port)
    graph = FakeGraph(clock=time.monotonic).start()
    try:
        ca = graph.write_ca(folder / "fake-graph-ca.pem")
        relay_toml = folder / "relay.toml"
        relay_toml.write_text(
            f'tenant_id = "{TENANT}"\noutput = "www"\nstate = "state"\n'
            'key_file = "keys/signing.key"\n\n[graph]\n'
            'client_id = "11111111-2222-3333-4444-555555555555"\n'
            f'secret_env = "{SECRET_ENV}"\nauthority = "{graph.base_url}"\n'
            f'url = "{graph.base_url}"\nca_bundle = "{ca}"\n',
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
        env[SECRET_ENV] = "demo-secret"
        must(traymon("relay", "keygen", "--config", str(relay_toml), env=env))
        pinned = (folder / "keys" / "signing.key.pub").read_text().strip()
        must(
            traymon(
                "relay",
                "declare",
                "continuity",
                "--service",
                "exchange-online",
                "--until",
                "2h",
                "--message",
                "Use webmail: https://webmail.example.com",
                "--by",
                "it-oncall",
                "--config",
                str(relay_toml),
                env=env,
            )
        )
        must(
            traymon(
                "relay",
                "announce",
                "VPN maintenance tonight 22:00-23:00: use webmail meanwhile",
                "--by",
                "it-oncall",
                "--config",
                str(relay_toml),
                env=env,
            )
        )
        must(traymon("relay", "--once", "--config", str(relay_toml), env=env))
    finally:
        graph.stop()
    start_nginx(demo)
    demo.desktop_config.write_text(desktop_toml(demo, pinned), encoding="utf-8")
    return demo


def desktop_toml(demo: Demo, pinned: str) -> str:
    def service(ident: str, name: str, path: str, extra: str) -> str:
        return (
            f'[[services]]\nid = "{ident}"\nname = "{name}"\nkind = "relay"\n'
            f'url = "{demo.base_url}/{path}"\ntenant_id = "{TENANT}"\nkeys = ["{pinned}"]\n'
            f"{extra}interval = 60\n"
        )

    return "\n".join(
        [
            "# Written by `make relay-demo`: the company relay's services, IT's pinned key.",
            service(
                "exchange-online", "Exchange Online", "tenant.jws", 'service = "exchange-online"\n'
            ),
            service(
                "microsoft-teams", "Microsoft Teams", "tenant.jws", 'service = "microsoft-teams"\n'
            ),
        ]
    )


def desktop_env(folder: Path) -> dict[str, str]:
    """The check's own user folders, so the demo never touches the person's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(folder / "desktop-home" / name.lower())
    return env


def check(demo: Demo) -> subprocess.CompletedProcess[str]:
    return traymon(
        "check", "--json", "--config", str(demo.desktop_config), env=desktop_env(demo.folder)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "build" / "relay-demo")
    parser.add_argument("--stop", action="store_true", help="stop the demo's nginx")
    args = parser.parse_args()
    if args.stop:
        stop_nginx(args.folder)
        return 0
    demo = build(args.folder)
    done = check(demo)
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    print(
        f"\nnginx serves {demo.www} at {demo.base_url}/ (stop: make relay-demo-stop).\n"
        f"Change any byte of a file in www/ and run:\n  .venv/bin/traymon check --json "
        f"--config {demo.desktop_config}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
