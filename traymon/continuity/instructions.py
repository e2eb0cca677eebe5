"""Fallback instructions: IT's short Markdown, rendered to a small safe subset.

Nothing the author writes reaches the screen as markup: markdown-it-py parses with
raw HTML off, and this module walks its tokens and writes its own HTML from a fixed
list of tags (p, h3, ul, ol, li, strong, em, code, pre, blockquote, br, a). Every text
is escaped. A link survives only with an ``https:``, ``mailto:`` or ``tel:`` address;
any other link (``javascript:``, ``http:``, ``file:``, relative) is shown as its plain
words, and the reason is kept in ``problems``. Images become their alt text.

The result is plain data for the GUI: the HTML for a rich-text label, the plain text
for "Copy", and the links for their buttons ("Open backup webmail", "Call helpdesk").
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # markdown-it loads when instructions are rendered, not with the config
    from markdown_it.token import Token

MAX_SOURCE_CHARS = 10_000  # instructions are a few lines; a huge text is a mistake


class LinkKind(enum.Enum):
    WEB = "web"
    MAIL = "mail"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class Link:
    label: str  # the author's words
    url: str
    kind: LinkKind

    @property
    def button(self) -> str:
        """Words for the link's button: "Open backup webmail", "Call helpdesk"."""
        verb = {LinkKind.WEB: "Open", LinkKind.MAIL: "Write to", LinkKind.PHONE: "Call"}
        return f"{verb[self.kind]} {self.label}"


@dataclass(frozen=True, slots=True)
class RenderedInstructions:
    html: str
    text: str
    links: tuple[Link, ...]
    problems: tuple[str, ...] = ()
    #: The addresses of links shown as plain words (``javascript:``, ``file:``…).
    refused_links: tuple[str, ...] = ()


_SCHEMES = {"https": LinkKind.WEB, "mailto": LinkKind.MAIL, "tel": LinkKind.PHONE}
_PHONE = re.compile(r"^\+?[0-9][0-9().\-]{2,30}$")
_BLOCK_TAGS = {
    "paragraph": "p",
    "bullet_list": "ul",
    "ordered_list": "ol",
    "list_item": "li",
    "blockquote": "blockquote",
}
_INLINE_TAGS = {"strong": "strong", "em": "em"}


def link_kind(url: str) -> LinkKind | None:
    """The kind of an allowed link, or ``None`` when the address may not be opened."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        return None  # urlsplit drops CR/LF silently: the address opened would not be this one
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    kind = _SCHEMES.get(parts.scheme.lower())
    if kind is LinkKind.WEB and not parts.hostname:
        return None
    if kind is LinkKind.MAIL and "@" not in parts.path:
        return None
    if kind is LinkKind.PHONE and not _PHONE.match(parts.path):
        return None
    return kind


def render(markdown: str) -> RenderedInstructions:
    """Render ``markdown`` safely. Never raises: bad input gives text and ``problems``."""
    problems: list[str] = []
    if len(markdown) > MAX_SOURCE_CHARS:
        markdown = markdown[:MAX_SOURCE_CHARS]
        problems.append(f"The instructions were cut to {MAX_SOURCE_CHARS} characters.")
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "typographer": False})
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # we judge links
    writer = _Writer(problems)
    writer.blocks(parser.parse(markdown))
    return RenderedInstructions(
        html="".join(writer.html),
        text=_tidy("".join(writer.text)),
        links=tuple(writer.links),
        problems=tuple(problems),
        refused_links=tuple(writer.refused_links),
    )


class _Writer:
    def __init__(self, problems: list[str]) -> None:
        self.html: list[str] = []
        self.text: list[str] = []
        self.links: list[Link] = []
        self.refused_links: list[str] = []
        self.problems = problems
        self._lists: list[list[int]] = []  # ordered-list counters (-1 for bullets)

    def blocks(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind == "inline":
                self.inline(token.children or [])
            elif kind in ("fence", "code_block"):
                self.html.append(f"<pre>{_esc(token.content)}</pre>")
                self.text.append(token.content + "\n")
            elif kind == "heading_open":
                self.html.append("<h3>")
            elif kind == "heading_close":
                self.html.append("</h3>")
                self.text.append("\n\n")
            elif kind == "hr":
                self.text.append("\n")
            elif kind.endswith("_open") and kind[:-5] in _BLOCK_TAGS:
                self._open_block(token, kind[:-5])
            elif kind.endswith("_close") and kind[:-6] in _BLOCK_TAGS:
                self._close_block(token, kind[:-6])

    def _open_block(self, token: Token, name: str) -> None:
        if name == "paragraph" and token.hidden:
            return  # tight list items have invisible paragraphs
        self.html.append(f"<{_BLOCK_TAGS[name]}>")
        if name == "bullet_list":
            self._lists.append([-1])
        elif name == "ordered_list":
            self._lists.append([_start(token)])
        elif name == "list_item" and self._lists:
            counter = self._lists[-1]
            indent = "  " * (len(self._lists) - 1)
            if counter[0] < 0:
                self.text.append(f"{indent}• ")
            else:
                self.text.append(f"{indent}{counter[0]}. ")
                counter[0] += 1

    def _close_block(self, token: Token, name: str) -> None:
        if name == "paragraph" and token.hidden:
            self.text.append("\n")
            return
        self.html.append(f"</{_BLOCK_TAGS[name]}>")
        if name in ("bullet_list", "ordered_list"):
            self._lists.pop()
            self.text.append("\n")
        elif name == "paragraph":
            self.text.append("\n" if self._lists else "\n\n")

    def inline(self, tokens: Sequence[Token]) -> None:
        href: str | None = None  # the open link's allowed address
        label: list[str] = []
        for token in tokens:
            kind = token.type
            if kind == "text":
                self._words(token.content, label)
            elif kind == "code_inline":
                self.html.append(f"<code>{_esc(token.content)}</code>")
                self.text.append(token.content)
                label.append(token.content)
            elif kind == "image":
                self._words(token.content, label)
            elif kind == "softbreak":
                self._words(" ", label)
            elif kind == "hardbreak":
                self.html.append("<br>")
                self.text.append("\n")
            elif kind in ("strong_open", "em_open"):
                self.html.append(f"<{_INLINE_TAGS[kind[:-5]]}>")
            elif kind in ("strong_close", "em_close"):
                self.html.append(f"</{_INLINE_TAGS[kind[:-6]]}>")
            elif kind == "link_open":
                url = str(token.attrs.get("href", ""))
                label = []
                if link_kind(url) is None:
                    self.refused_links.append(url)
                    self.problems.append(
                        f"The link to {url!r} was shown as plain text: only https:, mailto: "
                        "and tel: links can be opened."
                    )
                    href = None
                else:
                    href = url
                    self.html.append(f'<a href="{_esc(url)}">')
            elif kind == "link_close":
                if href is not None:
                    self.html.append("</a>")
                    words = "".join(label).strip() or href
                    if words == href:  # an autolink: <mailto:it@example.com>
                        words = _display(href)
                    self.links.append(Link(words, href, link_kind(href) or LinkKind.WEB))
                    if words != href and urlsplit(href).scheme != "mailto":
                        self.text.append(f" ({_display(href)})")
                href = None

    def _words(self, words: str, label: list[str]) -> None:
        self.html.append(_esc(words))
        self.text.append(words)
        label.append(words)


def _start(token: Token) -> int:
    try:
        return int(token.attrs.get("start", 1))
    except (TypeError, ValueError):
        return 1


def _display(url: str) -> str:
    return url.split(":", 1)[1] if url.startswith(("tel:", "mailto:")) else url


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
