"""`traymon check` says whose problem it is: the vendor's, the path's, or this PC's."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.conftest import fixture_bytes, run_traymon
from tests.servers import LoopbackServer
from traymon.config import ConfigError, parse_config
from traymon.engine.triage import Network, network_state, triage
from traymon.model import CheckResult, ProbeOutcome, Status, Triage
from traymon.probes import BUILTIN_PROBES, TcpProbe

HEALTHY = "statuspage/github_summary_2026-08-22_latest.json"
OUTAGE = "statuspage/github_summary_2026-08-17_major_outage.json"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(tmp_path: Path, toml: str, env: dict[str, str]) -> tuple[int, dict[str, object]]:
    config = tmp_path / "traymon.toml"
    config.write_text(toml, encoding="utf-8")
    done = run_traymon("check", "--config", str(config), "--json", env=env)
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout)


def _services(report: dict[str, object]) -> dict[str, dict[str, object]]:
    return {s["id"]: s for s in report["services"]}  # type: ignore[attr-defined]


def test_probes_failing_under_a_green_page_are_suspected(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    ok = server.serve_statuspage("/ok", fixture_bytes(HEALTHY))
    down = server.serve_statuspage("/down", fixture_bytes(OUTAGE))
    toml = f"""
[network]
reference_urls = ["http://127.0.0.1:{closed_port()}/"]

[[services]]
id = "mail"
name = "Mail"
kind = "statuspage"
url = "{ok}"
probes = [{{kind = "tcp", host = "127.0.0.1", port = {closed_port()}}},
          {{kind = "http", url = "{server.base_url}/ok/api/v2/summary.json", expect_status = 200}}]

[[services]]
id = "fine"
name = "Fine"
kind = "statuspage"
url = "{ok}"
probes = [{{kind = "http", url = "{server.base_url}/ok/api/v2/summary.json"}}]

[[services]]
id = "vendor"
name = "Vendor"
kind = "statuspage"
url = "{down}"
"""
    code, report = _run(tmp_path, toml, isolated_env)
    assert report["network"] == "online"  # the vendors answered, whatever the references say
    services = _services(report)
    assert services["mail"]["triage"] == "suspected"
    assert services["mail"]["status"] == "operational"  # the vendor's word is kept as it is
    probes = services["mail"]["probes"]
    assert [p["ok"] for p in probes] == [False, True]  # type: ignore[attr-defined]
    assert probes[0]["detail"] == "the connection was refused"  # type: ignore[index]
    assert services["fine"]["triage"] == "ok"
    assert services["vendor"]["triage"] == "vendor"
    assert code == 2


def test_offline_is_never_reported_as_an_outage(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    toml = f"""
[network]
reference_urls = ["http://127.0.0.1:{closed_port()}/", "http://reference.invalid/"]
timeout = 2

[[services]]
id = "mail"
name = "Mail"
kind = "statuspage"
url = "https://status.traymon-test.invalid"
probes = [{{kind = "dns", host = "outlook.traymon-test.invalid"}}]

[[services]]
id = "chat"
name = "Chat"
kind = "statuspage"
url = "https://chat.traymon-test.invalid"
"""
    code, report = _run(tmp_path, toml, isolated_env)
    assert report["network"] == "offline"
    assert code == 3  # unknown, never "critical" for being offline
    for service in _services(report).values():
        assert service["triage"] == "local"
        assert service["status"] == "unknown"


def test_the_table_says_when_this_computer_is_offline(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    config = tmp_path / "traymon.toml"
    config.write_text(
        f'[network]\nreference_urls = ["http://127.0.0.1:{closed_port()}/"]\n\n'
        '[[services]]\nid = "a"\nname = "A"\nkind = "statuspage"\n'
        'url = "https://a.traymon-test.invalid"\n',
        encoding="utf-8",
    )
    done = run_traymon("check", "--config", str(config), env=isolated_env)
    assert done.returncode == 3
    assert "seems to be offline" in done.stdout
    assert "Unknown (offline)" in done.stdout


def test_the_table_says_when_a_service_is_not_reachable_from_here() -> None:
    from datetime import UTC, datetime

    from traymon.commands.report import to_table

    result = CheckResult(
        "mail", "Mail", "statuspage", Status.OPERATIONAL, "All Systems Operational",
        datetime.now(UTC), triage=Triage.SUSPECTED,
    )  # fmt: skip
    assert "Operational (not reachable from here)" in to_table([result])


@pytest.mark.parametrize(
    ("vendor", "probes_ok", "network", "fresh", "verdict"),
    [
        (Status.OPERATIONAL, [True], Network.ONLINE, True, Triage.OK),
        (Status.MAJOR_OUTAGE, [True], Network.ONLINE, True, Triage.VENDOR),
        (Status.DEGRADED, [False], Network.ONLINE, True, Triage.VENDOR),
        (Status.OPERATIONAL, [True, False], Network.ONLINE, True, Triage.SUSPECTED),
        (Status.UNKNOWN, [False], Network.ONLINE, True, Triage.SUSPECTED),
        (Status.MAJOR_OUTAGE, [False], Network.OFFLINE, True, Triage.LOCAL),
        (Status.OPERATIONAL, [], Network.OFFLINE, True, Triage.LOCAL),
        (Status.UNKNOWN, [], Network.ONLINE, True, Triage.STALE),
        (Status.MAJOR_OUTAGE, [], Network.ONLINE, False, Triage.STALE),
    ],
)
def test_triage_verdicts(
    vendor: Status, probes_ok: list[bool], network: Network, fresh: bool, verdict: Triage
) -> None:
    probes = [ProbeOutcome(f"p{i}", ok, "") for i, ok in enumerate(probes_ok)]
    assert triage(vendor, probes, network, fresh) is verdict


def test_offline_needs_every_attempt_to_fail() -> None:
    assert network_state([False, False], any_service_reached=False) is Network.OFFLINE
    assert network_state([False, True], any_service_reached=False) is Network.ONLINE
    assert network_state([False, False], any_service_reached=True) is Network.ONLINE
    assert network_state([], any_service_reached=False) is Network.ONLINE


def _parse(toml: str) -> object:
    return parse_config(toml, Path("t.toml"))


def test_probes_and_builtin_probe_sets_are_read_from_config() -> None:
    config = parse_config(
        '[[services]]\nid = "m365"\nname = "Microsoft 365"\nkind = "statuspage"\n'
        'url = "https://status.example.com"\n'
        'probes = ["exchange-online", {kind = "tcp", host = "imap.example.com", port = 993}]\n'
        "probe_interval = 120\nmuted = true\n"
        '[network]\nreference_urls = ["http://connect.example.com/"]\n'
        '[notifications]\ndown_after = 3\nquiet_hours = "22:00-07:00"\n',
        Path("t.toml"),
    )
    (service,) = config.services
    assert service.probes == (*BUILTIN_PROBES["exchange-online"], TcpProbe("imap.example.com", 993))
    assert (service.probe_interval, service.muted) == (120, True)
    assert config.network.reference_urls == ("http://connect.example.com/",)
    assert config.notifications.down_after == 3
    assert config.notifications.up_after == 2
    assert str(config.notifications.quiet_hours) == "(datetime.time(22, 0), datetime.time(7, 0))"


def test_bad_probes_are_named_with_file_line_and_key() -> None:
    toml = (
        '[[services]]\nid = "m"\nname = "M"\nkind = "statuspage"\n'
        'url = "https://status.example.com"\n'
        'probes = ["exchange-onlin", {kind = "tcp", host = "imap.example.com", port = 99999},'
        ' {kind = "ping", host = "x"}, {kind = "http", url = "http://example.com/"}]\n'
        '[network]\nreference_urls = ["ftp://x"]\n'
        '[notifications]\nquiet_hours = "late"\n'
    )
    with pytest.raises(ConfigError) as caught:
        _parse(toml)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "t.toml:6: services[0].probes[0]: no built-in probes named 'exchange-onlin'" in text
    assert "services[0].probes[1].port: must be a port number between 1 and 65535" in text
    assert "services[0].probes[2].kind: must be one of http, tcp, dns (got 'ping')" in text
    assert "services[0].probes[3].url:" in text
    assert "t.toml:7: network.reference_urls[0]: must be an http:// or https:// URL" in text
    assert 'notifications.quiet_hours: must look like "22:00-07:00"' in text
