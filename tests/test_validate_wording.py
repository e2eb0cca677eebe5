"""`traymon config validate` finds what would go wrong later, and says it in sentences.

Each mistake here once passed as "no problems found": links the instructions cannot
open, a trigger naming no service, URLs with line breaks, CA files that are missing or
not PEM. The TOML syntax message is a sentence with the line, not the parser's words.
"""

from __future__ import annotations

from pathlib import Path

import trustme

from tests.conftest import run_traymon

SERVICE = """\
[[services]]
id = "mail"
name = "Mail"
kind = "statuspage"
url = "https://status.mail.example"
"""


def _validate(path: Path, env: dict[str, str]) -> tuple[int, list[str]]:
    done = run_traymon("config", "validate", str(path), env=env)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stderr.splitlines()


def _write(tmp_path: Path, text: str, name: str = "policy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_instructions_with_links_that_cannot_be_opened_are_reported(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    path = _write(
        tmp_path,
        SERVICE + "\n[[continuity.instructions]]\n"
        'service = "mail"\n'
        'text = "Use [webmail](https://webmail.example)."\n'
        "\n[[continuity.instructions]]\n"
        'service = "*"\n'
        'text = "Click [here](javascript:alert(1)) or [the share](file:///srv/help.html)."\n',
    )
    status, lines = _validate(path, isolated_env)
    assert status == 3
    assert lines == [
        f"{path}:13: continuity.instructions[1].text: the link to 'javascript:alert(1)' "
        "cannot be opened (only https:, mailto: and tel: links can); it is shown as plain text",
        f"{path}:13: continuity.instructions[1].text: the link to 'file:///srv/help.html' "
        "cannot be opened (only https:, mailto: and tel: links can); it is shown as plain text",
    ]


def test_a_trigger_service_that_is_not_configured_is_reported(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    path = _write(
        tmp_path,
        SERVICE + '\n[continuity]\nmode = "ask"\ntrigger_services = ["mail", "exchange"]\n',
    )
    status, lines = _validate(path, isolated_env)
    assert status == 3
    assert lines == [f"{path}:9: continuity.trigger_services: no service has the id 'exchange'"]

    # Without a services list of its own, the layer's ids are checked against the built-in list.
    alone = _write(tmp_path, '[continuity]\nmode = "ask"\ntrigger_services = ["mail"]\n', "p.toml")
    status, lines = _validate(alone, isolated_env)
    assert status == 3
    assert lines == [f"{alone}:3: continuity.trigger_services: no service has the id 'mail'"]


def test_urls_with_line_breaks_are_reported(tmp_path: Path, isolated_env: dict[str, str]) -> None:
    path = _write(
        tmp_path,
        SERVICE.replace('mail.example"', 'mail.example/\\r\\nX-Evil: 1"')
        + '\n[continuity]\nwebmail_url = "https://webmail.example/\\nextra"\n'
        + '\n[network]\nreference_urls = ["https://ok.example/", "https://a.example/\\r\\nX: 1"]\n'
        + 'proxy = "http://proxy.example:3128/\\u0000"\n',
    )
    status, lines = _validate(path, isolated_env)
    assert status == 3
    line_break = "must be one address on one line: it contains a line break"
    assert lines == [
        f"{path}:5: services[0].url: {line_break}",
        f"{path}:8: continuity.webmail_url: {line_break}",
        f"{path}:11: network.reference_urls: entry 2 {line_break}",
        f"{path}:12: network.proxy: must be one address on one line: it contains the "
        "invisible character U+0000",
    ]


def test_missing_and_non_pem_ca_files_are_reported(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    good = tmp_path / "corp-root.pem"
    trustme.CA().cert_pem.write_to_path(str(good))
    der = tmp_path / "corp-root.cer"
    der.write_bytes(b"0\x82\x03\x00 binary DER, not PEM")
    missing = tmp_path / "gone.pem"
    path = _write(
        tmp_path, f'[network]\nextra_ca_certificates = ["{good}", "{der}", "{missing}"]\n'
    )
    status, lines = _validate(path, isolated_env)
    assert status == 3
    assert lines == [
        f"{path}:2: network.extra_ca_certificates: entry 2 ({der}) is not a PEM file of "
        "certificates (no -----BEGIN CERTIFICATE----- block); convert a .cer/.der file with "
        "`openssl x509 -inform der -in FILE -out FILE.pem`",
        f"{path}:2: network.extra_ca_certificates: entry 3 ({missing}) does not exist",
    ]

    fine = _write(tmp_path, f'[network]\nextra_ca_certificates = ["{good}"]\n', "fine.toml")
    assert _validate(fine, isolated_env) == (0, [])


def test_a_toml_syntax_error_is_a_sentence_with_file_and_line(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    path = _write(tmp_path, '[checks]\nmin_interval = 60\nlevel = "debug\n')
    status, lines = _validate(path, isolated_env)
    assert status == 3
    assert lines == [
        f"{path}:3: not valid TOML, column 15: a string is not closed before the end of "
        "the line; add its closing quote"
    ]

    path = _write(tmp_path, "[checks]\nmin_interval = sixty\n")
    status, lines = _validate(path, isolated_env)
    assert status == 3
    assert lines == [
        f"{path}:2: not valid TOML, column 16: the value is not valid (text needs quotes, "
        'like "this"; true, false and numbers do not)'
    ]


def test_a_good_layer_still_has_no_problems(tmp_path: Path, isolated_env: dict[str, str]) -> None:
    path = _write(
        tmp_path,
        SERVICE + '\n[continuity]\nmode = "ask"\ntrigger_services = ["mail"]\n'
        'webmail_url = "https://webmail.example"\n'
        '\n[[continuity.instructions]]\nservice = "mail"\n'
        'text = "Use [webmail](https://webmail.example) or call [IT](tel:+1-555-0100)."\n',
    )
    done = run_traymon("config", "validate", str(path), env=isolated_env)
    assert (done.returncode, done.stderr) == (0, "")
    assert "no problems found" in done.stdout
