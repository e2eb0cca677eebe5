"""Fallback instructions: safe rendering, link buttons, config validation, offline copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traymon.config import ConfigError, parse_config
from traymon.continuity.config import FallbackInstruction
from traymon.continuity.instruction_cache import InstructionCache
from traymon.continuity.instructions import LinkKind, render
from traymon.continuity.policy import Mode
from traymon.model import Status

EXCHANGE_DOWN = """\
# Exchange Online is down

Use the [backup webmail](https://webmail.backup.example.net) for now, or call the
[helpdesk](tel:+49-30-1234567). Questions: <helpdesk@example.com>.

- Chat in **Teams** instead of mail
- Do *not* resend messages; they are queued
"""

ALLOWED_TAGS = {"p", "h3", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "br", "a"}


def test_links_become_buttons_and_text_can_be_copied() -> None:
    rendered = render(EXCHANGE_DOWN)

    assert [(link.button, link.url, link.kind) for link in rendered.links] == [
        ("Open backup webmail", "https://webmail.backup.example.net", LinkKind.WEB),
        ("Call helpdesk", "tel:+49-30-1234567", LinkKind.PHONE),
        ("Write to helpdesk@example.com", "mailto:helpdesk@example.com", LinkKind.MAIL),
    ]
    assert rendered.text.startswith("Exchange Online is down\n\nUse the backup webmail")
    assert "(https://webmail.backup.example.net)" in rendered.text
    assert "• Chat in Teams instead of mail\n" in rendered.text
    assert "<strong>Teams</strong>" in rendered.html
    assert rendered.problems == ()


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](file:///etc/passwd)",
        "[click](http://plain.example.com)",
        "![x](https://tracker.example.com/p.png)",
        '[x](https://ok.example.com "title" onmouseover=alert(1))',
        "<a href='https://x.example.com'>raw</a>",
    ],
)
def test_no_markup_or_unsafe_link_gets_through(hostile: str) -> None:
    rendered = render(f"Before {hostile} after")
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", rendered.html))
    assert tags <= ALLOWED_TAGS
    # the only attribute anywhere is an <a>'s href; everything else is escaped text
    for attributes in re.findall(r"<[a-z0-9]+(\s[^>]*)?>", rendered.html):
        assert attributes == "" or re.fullmatch(r' href="[^"<>]*"', attributes)
    for href in re.findall(r'href="([^"]*)"', rendered.html):
        assert href.startswith(("https:", "mailto:", "tel:"))
    assert all(link.url.startswith(("https:", "mailto:", "tel:")) for link in rendered.links)


def test_a_refused_link_keeps_its_words_and_says_why() -> None:
    rendered = render("Open [the old portal](http://portal.example.com) please")
    assert rendered.text.strip() == "Open the old portal please"
    assert rendered.links == ()
    assert "only https:, mailto: and tel: links" in rendered.problems[0]


@given(st.text(max_size=300))
def test_any_text_renders_to_allowed_tags_only(text: str) -> None:
    rendered = render(text)
    assert set(re.findall(r"<(/?)([a-zA-Z0-9]+)", rendered.html)) <= {
        (slash, tag) for tag in ALLOWED_TAGS for slash in ("", "/")
    }
    for href in re.findall(r'href="([^"]*)"', rendered.html):
        assert href.startswith(("https:", "mailto:", "tel:"))


CONFIG = """\
[[services]]
id = "exchange-online"
name = "Exchange Online"
kind = "statuspage"
url = "https://status.example.com"

[continuity]
mode = "automatic"
trigger_services = ["exchange-online"]
switch_after_minutes = 5
webmail_url = "https://webmail.backup.example.net"

[continuity.backup]
thunderbird = "account3"

[[continuity.instructions]]
service = "exchange-online"
states = ["major_outage"]
text = "Major: use [webmail](https://webmail.backup.example.net)."

[[continuity.instructions]]
service = "*"
text = "Something is wrong; see the detail window."
"""


def test_the_continuity_section_is_read_from_the_config(tmp_path: Path) -> None:
    config = parse_config(CONFIG, tmp_path / "c.toml").continuity
    assert config.mode is Mode.AUTOMATIC
    assert config.trigger_services == ("exchange-online",)
    assert config.policy.switch_after.total_seconds() == 300
    assert config.backup == {"thunderbird": "account3"}
    major = config.instruction_for("exchange-online", Status.MAJOR_OUTAGE)
    assert major is not None and major.text.startswith("Major")
    degraded = config.instruction_for("exchange-online", Status.DEGRADED)
    assert degraded is not None and degraded.service == "*"
    assert config.instruction_for("exchange-online", Status.OPERATIONAL) is None


def test_a_config_without_the_section_keeps_continuity_off(tmp_path: Path) -> None:
    text = CONFIG.split("[continuity]")[0]
    assert parse_config(text, tmp_path / "c.toml").continuity.mode is Mode.OFF


def test_every_continuity_mistake_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = (
        CONFIG.replace('mode = "automatic"', 'mode = "sometimes"')
        .replace('["exchange-online"]', '["exchange"]')
        .replace("https://webmail.backup.example.net)", "javascript:alert(1))")
        .replace('thunderbird = "account3"', 'thunderbrid = "account3"')
    )
    with pytest.raises(ConfigError) as caught:
        parse_config(bad, tmp_path / "c.toml")
    messages = [str(p) for p in caught.value.problems]
    assert any(":8: continuity.mode: must be one of off, ask, automatic" in m for m in messages)
    assert any(":9: continuity.trigger_services: no service has the id" in m for m in messages)
    assert any("continuity.backup.thunderbrid: unknown mail client" in m for m in messages)
    assert any("instructions[0].text" in m and "javascript" in m for m in messages)


def test_the_offline_copy_gives_back_what_was_remembered(tmp_path: Path) -> None:
    cache = InstructionCache(tmp_path / "data" / "instructions.json")
    assert cache.recall() == ()
    remembered = (
        FallbackInstruction("exchange-online", EXCHANGE_DOWN, (Status.MAJOR_OUTAGE,)),
        FallbackInstruction("*", "Call IT."),
    )
    cache.remember(remembered)
    assert InstructionCache(cache.path).recall() == remembered
    cache.path.write_bytes(b"{damaged")
    assert cache.recall() == ()  # damage is ignored, never an error
