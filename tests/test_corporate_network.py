"""Company networks: extra root CAs by policy, the system proxy, an explicit proxy."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.conftest import fixture_bytes, run_traymon
from tests.servers import LoopbackServer, ProxyServer, Reply, running_server
from traymon.redact import redact_url

pytestmark = pytest.mark.linux_only  # needs policy from $TRAYMON_POLICY_DIR (the Linux reader)

HEALTHY = "statuspage/github_summary_2026-08-22_latest.json"


@pytest.fixture
def company_ca() -> trustme.CA:
    return trustme.CA(organization_name="Example Corp inspecting proxy")


@pytest.fixture
def tls_server(company_ca: trustme.CA) -> Iterator[LoopbackServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    company_ca.issue_cert("127.0.0.1").configure_cert(context)
    with running_server(context) as server:
        yield server


@pytest.fixture
def policy_env(tmp_path: Path, isolated_env: dict[str, str]) -> dict[str, str]:
    folder = tmp_path / "policy"
    folder.mkdir()
    return {**isolated_env, "TRAYMON_POLICY_DIR": str(folder)}


def _policy(env: dict[str, str], text: str) -> None:
    (Path(env["TRAYMON_POLICY_DIR"]) / "policy.toml").write_text(text, encoding="utf-8")


def _service(url: str) -> str:
    return f'[[services]]\nid = "gh"\nname = "GitHub"\nkind = "statuspage"\nurl = "{url}"\n\n'


def _check(env: dict[str, str]) -> dict[str, object]:
    done = run_traymon("check", "--json", env=env)
    assert "Traceback" not in done.stderr
    (service,) = json.loads(done.stdout)["services"]
    assert isinstance(service, dict)
    return service


def test_extra_ca_by_policy_is_trusted(
    tmp_path: Path, tls_server: LoopbackServer, company_ca: trustme.CA, policy_env: dict[str, str]
) -> None:
    base = tls_server.serve_statuspage("/gh", fixture_bytes(HEALTHY))
    _policy(policy_env, _service(base))
    untrusted = _check(policy_env)
    assert untrusted["status"] == "unknown"
    assert "certificate not trusted" in str(untrusted["error"])

    ca_file = tmp_path / "corp-root.pem"
    company_ca.cert_pem.write_to_path(str(ca_file))
    _policy(
        policy_env,
        _service(base)
        + f'[network]\nextra_ca_certificates = ["{ca_file}"]\nreference_urls = ["{base}/"]\n',
    )
    assert _check(policy_env)["status"] == "operational"
    diagnosed = run_traymon("diagnose", env=policy_env)
    assert f"operating system's trust store plus {ca_file}" in diagnosed.stdout


def test_an_unusable_ca_file_is_logged_and_the_rest_still_works(
    tmp_path: Path, server: LoopbackServer, policy_env: dict[str, str]
) -> None:
    base = server.serve_statuspage("/gh", fixture_bytes(HEALTHY))
    not_pem = tmp_path / "not-a-cert.pem"
    not_pem.write_text("hello", encoding="utf-8")
    _policy(
        policy_env,
        _service(base)
        + f'[network]\nextra_ca_certificates = ["{not_pem}", "{tmp_path / "missing.pem"}"]\n',
    )
    assert _check(policy_env)["status"] == "operational"
    log = (Path(policy_env["XDG_STATE_HOME"]) / "traymon/log/traymon.log").read_text()
    assert f"network.extra_ca_certificates: {not_pem} is not a PEM file of certificates" in log
    assert "missing.pem does not exist; ignored" in log


def test_the_system_proxy_from_the_environment_is_used(
    server: LoopbackServer, policy_env: dict[str, str]
) -> None:
    base = server.serve_statuspage("/gh", fixture_bytes(HEALTHY))
    _policy(
        policy_env, _service(base) + f'[network]\nreference_urls = ["{base}/api/v2/summary.json"]\n'
    )
    with ProxyServer() as proxy:
        env = {**policy_env, "HTTP_PROXY": proxy.url, "NO_PROXY": ""}
        assert _check(env)["status"] == "operational"
        diagnosed = run_traymon("diagnose", env=env)
    assert (f"{base}/api/v2/summary.json", True) in proxy.seen
    assert f"Proxy: the system proxy (http: {proxy.url})" in diagnosed.stdout


def test_an_explicit_proxy_needing_a_password_without_one_fails_in_words(
    server: LoopbackServer, policy_env: dict[str, str]
) -> None:
    base = server.serve_statuspage("/gh", fixture_bytes(HEALTHY))
    with ProxyServer(credentials=("alice", "right")) as proxy:
        _policy(policy_env, _service(base) + f'[network]\nproxy = "{proxy.url}"\n')
        service = _check(policy_env)
    assert service["error"] == "the server answered HTTP 407 Proxy Authentication Required"
    assert _status_requests(proxy) == [(f"{base}/api/v2/summary.json", False)]


def test_credentials_in_a_proxy_url_are_redacted() -> None:
    assert redact_url("http://bob:pw@proxy.corp:8080/") == "http://proxy.corp:8080/"
    assert redact_url("http://proxy.corp:3128") == "http://proxy.corp:3128"


def test_plain_http_to_an_intranet_host_only_when_policy_allows_it(
    server: LoopbackServer, policy_env: dict[str, str]
) -> None:
    server.serve_statuspage("/gh", fixture_bytes(HEALTHY))
    intranet = "http://status.intranet.example/gh"
    upstream = server.base_url.removeprefix("http://")
    with ProxyServer(upstream=upstream) as proxy:
        network = f'[network]\nproxy = "{proxy.url}"\n'
        _policy(policy_env, _service(intranet) + network)
        shown = run_traymon("config", "show", "--effective", "--json", env=policy_env)
        assert json.loads(shown.stdout)["services"]["source"] == "default"
        assert "services[0].url: must use https://" in shown.stderr

        _policy(policy_env, _service(intranet) + network + "allow_plain_http = true\n")
        assert _check(policy_env)["status"] == "operational"
    assert _status_requests(proxy) == [(f"{intranet}/api/v2/summary.json", True)]


def _status_requests(proxy: ProxyServer) -> list[tuple[str, bool]]:
    """What the proxy saw besides the reference checks, which go through it too
    (where a proxy is required, asking them directly would make an online PC look offline)."""
    return [seen for seen in proxy.seen if "/api/v2/" in seen[0]]


def test_reference_checks_go_through_the_proxy(
    server: LoopbackServer, policy_env: dict[str, str]
) -> None:
    # The status page never answers, so the engine asks its reference URL, whose
    # name only the proxy can reach: asked directly, this PC would look offline.
    reference = "http://connectivity.example/generate_204"
    server.serve("/generate_204", Reply(status=204))
    server.serve("/down/api/v2/summary.json", Reply(hang=True))
    upstream = server.base_url.removeprefix("http://")
    with ProxyServer(upstream=upstream) as proxy:
        _policy(
            policy_env,
            _service("http://status.intranet.example/down")
            + f'[network]\nproxy = "{proxy.url}"\nallow_plain_http = true\n'
            f'reference_urls = ["{reference}"]\n',
        )
        done = run_traymon("check", "--json", "--timeout", "2", env=policy_env)
    report = json.loads(done.stdout)
    assert report["network"] == "online"
    assert report["services"][0]["error"] == "timed out after 2 s"
    assert reference in [url for url, _ in proxy.seen]
