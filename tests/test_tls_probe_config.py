"""``tls`` and ``starttls`` on ``tcp`` probes: read from config, trusted as the checks are,
and what triage makes of them (``traymon check`` and the running engine)."""

from __future__ import annotations

import asyncio
import json
import ssl
from pathlib import Path

import pytest
import trustme

from tests.conftest import fixture_bytes, run_traymon
from tests.engine_harness import Harness
from tests.servers import LoopbackServer, Reply
from tests.tls_servers import ThreadedServer, smtp_server, until_closed
from traymon.config import ConfigError, ServiceConfig, parse_config
from traymon.model import ProbeOutcome
from traymon.probes import BUILTIN_PROBES, StartTls, TcpProbe
from traymon.sources.http import NetworkOptions

pytestmark = pytest.mark.linux_only  # needs policy from $TRAYMON_POLICY_DIR (the Linux reader)

HEALTHY = "statuspage/github_summary_2026-08-22_latest.json"
_SERVICE = '[[services]]\nid = "m"\nname = "Mail"\nkind = "statuspage"\nurl = "https://status.example.com"\n'


def test_tls_and_starttls_are_read_with_the_implicit_tls_default() -> None:
    toml = _SERVICE + (
        "probes = [\n"
        '  {kind = "tcp", host = "imap.example.com", port = 993},\n'
        '  {kind = "tcp", host = "imap.example.com", port = 993, tls = false},\n'
        '  {kind = "tcp", host = "smtp.example.com", port = 587, starttls = "smtp"},\n'
        '  {kind = "tcp", host = "imap.example.com", port = 143, starttls = "imap"},\n'
        '  {kind = "tcp", host = "web.example.com", port = 8443, tls = true},\n'
        "]\n"
    )
    (service,) = parse_config(toml, Path("t.toml")).services
    assert service.probes == (
        TcpProbe("imap.example.com", 993),
        TcpProbe("imap.example.com", 993, tls=False),
        TcpProbe("smtp.example.com", 587, starttls=StartTls.SMTP),
        TcpProbe("imap.example.com", 143, starttls=StartTls.IMAP),
        TcpProbe("web.example.com", 8443, tls=True),
    )
    assert [p.handshake for p in service.probes] == [True, False, True, True, True]


def test_the_exchange_online_set_checks_tls_on_imap_and_smtp() -> None:
    tcp = [p for p in BUILTIN_PROBES["exchange-online"] if isinstance(p, TcpProbe)]
    assert [(p.port, p.handshake, p.starttls) for p in tcp] == [
        (993, True, None),
        (587, True, StartTls.SMTP),
    ]


def test_bad_tls_options_are_named_with_file_line_and_key() -> None:
    toml = _SERVICE + (
        'probes = [{kind = "tcp", host = "imap.example.com", port = 993, tls = "yes"},\n'
        '  {kind = "tcp", host = "smtp.example.com", port = 587, starttls = "pop3"},\n'
        '  {kind = "tcp", host = "smtp.example.com", port = 587, starttls = "smtp", tls = true},\n'
        '  {kind = "dns", host = "mail.example.com", tls = true}]\n'
    )
    with pytest.raises(ConfigError) as caught:
        parse_config(toml, Path("t.toml"))
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "t.toml:6: services[0].probes[0].tls: must be true or false" in text
    assert 'services[0].probes[1].starttls: must be "smtp" or "imap" (got \'pop3\')' in text
    assert (
        "services[0].probes[2].tls: cannot be true with starttls (STARTTLS begins in plain text)"
        in text
    )
    assert "services[0].probes[3].tls: unknown key; dns probes know kind, host" in text


def test_config_validate_explains_a_bad_starttls(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    config = tmp_path / "traymon.toml"
    config.write_text(
        _SERVICE + 'probes = [{kind = "tcp", host = "smtp.example.com", port = 587, '
        'starttls = "SMTP"}]\n',
        encoding="utf-8",
    )
    done = run_traymon("config", "validate", str(config), env=isolated_env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    out = done.stdout + done.stderr
    assert 'services[0].probes[0].starttls: must be "smtp" or "imap" (got \'SMTP\')' in out


def test_a_certificate_the_desktop_does_not_trust_under_a_green_page_is_suspected(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    """The company proxy case: vendor operational, references fine, the TLS probe fails."""
    ca = trustme.CA(organization_name="Example Inspecting Firewall")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    page = server.serve_statuspage("/ok", fixture_bytes(HEALTHY))
    reference = f"{server.base_url}/ok/api/v2/summary.json"
    config = tmp_path / "traymon.toml"
    with ThreadedServer(until_closed, context) as port:
        config.write_text(
            f'[network]\nreference_urls = ["{reference}"]\n\n'
            f'[[services]]\nid = "mail"\nname = "Mail"\nkind = "statuspage"\nurl = "{page}"\n'
            f'probes = [{{kind = "tcp", host = "127.0.0.1", port = {port}, tls = true}}]\n',
            encoding="utf-8",
        )
        done = run_traymon("check", "--config", str(config), "--json", env=isolated_env)
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    (service,) = report["services"]
    assert report["network"] == "online"
    assert (service["status"], service["triage"]) == ("operational", "suspected")
    (probe,) = service["probes"]
    assert probe["ok"] is False
    assert probe["detail"].startswith(
        "TLS handshake failed: certificate not trusted (issued by Example Inspecting Firewall)"
    )


def test_its_extra_ca_by_policy_is_trusted_by_the_tls_probe_too(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    """One trust for checks and probes: the CA file IT deploys makes the handshake pass."""
    ca = trustme.CA(organization_name="Example Corp root")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "corp-root.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    page = server.serve_statuspage("/ok", fixture_bytes(HEALTHY))
    policy = tmp_path / "policy"
    policy.mkdir()
    env = {**isolated_env, "TRAYMON_POLICY_DIR": str(policy)}
    with ThreadedServer(smtp_server(context)) as port:
        (policy / "policy.toml").write_text(
            f'[[services]]\nid = "mail"\nname = "Mail"\nkind = "statuspage"\nurl = "{page}"\n'
            f'probes = [{{kind = "tcp", host = "127.0.0.1", port = {port}, starttls = "smtp"}}]\n'
            f'\n[network]\nextra_ca_certificates = ["{ca_file}"]\n'
            f'reference_urls = ["{server.base_url}/ok/api/v2/summary.json"]\n',
            encoding="utf-8",
        )
        done = run_traymon("check", "--json", env=env)
    assert "Traceback" not in done.stderr
    (service,) = json.loads(done.stdout)["services"]
    (probe,) = service["probes"]
    assert probe["ok"] is True, probe["detail"]
    assert probe["detail"].startswith("TLS verified in ")
    assert service["triage"] == "ok"


def test_the_running_engine_probes_with_its_extra_ca(
    tmp_path: Path, server: LoopbackServer
) -> None:
    """The tray's engine (not only `traymon check`) hands the probes the checks' trust."""
    ca = trustme.CA(organization_name="Example Corp root")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "corp-root.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server.serve("/a/api/v2/summary.json", Reply(body=fixture_bytes(HEALTHY)))

    async def probe_once(port: int, options: NetworkOptions) -> ProbeOutcome:
        service = ServiceConfig(
            "a", "Mail", "statuspage", f"{server.base_url}/a", 300,
            probes=(TcpProbe("127.0.0.1", port, tls=True),), probe_interval=60,
        )  # fmt: skip
        async with Harness([service], options=options) as h:
            await h.until(lambda: bool(h.latest("a").probes))
            return h.latest("a").probes[0]

    with ThreadedServer(until_closed, context) as port:
        trusted = asyncio.run(probe_once(port, NetworkOptions(extra_ca_files=(str(ca_file),))))
        untrusted = asyncio.run(probe_once(port, NetworkOptions()))
    assert trusted.ok, trusted.detail
    assert untrusted.detail.startswith("TLS handshake failed: certificate not trusted")
