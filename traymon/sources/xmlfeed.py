"""RSS 2.0 and Atom feeds read safely: no entity expansion, no external entities, no DTDs.

defusedxml refuses the XML tricks (billion laughs, external entities) that would
let a hostile feed eat memory or read local files; anything it refuses, or that is
not a feed, becomes a ``FeedError`` with a reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from traymon.sources.decode import parse_time

if TYPE_CHECKING:  # the XML stack loads with the first feed read, not with the config
    from xml.etree.ElementTree import Element

_ATOM = "{http://www.w3.org/2005/Atom}"


class FeedError(ValueError):
    """The body is not a feed this app can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    link: str | None
    published: datetime | None
    categories: tuple[str, ...]
    description: str
    #: Non-standard ``<status>`` child some feeds carry (status.cloud.microsoft).
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    entries: tuple[Entry, ...]
    built_at: datetime | None


def parse_feed(body: bytes) -> Feed:
    """Read an RSS 2.0 or Atom document, or raise ``FeedError``."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if not body.strip():
        raise FeedError("the answer was empty")
    try:
        root = fromstring(body, forbid_dtd=True)
    except DefusedXmlException:
        raise FeedError("the feed uses XML features refused for safety (DTD or entities)") from None
    except (ParseError, ValueError, UnicodeError, LookupError):
        # LookupError: the document names an encoding Python does not know.
        raise FeedError("the answer is not XML this app can read") from None
    except RecursionError:
        raise FeedError("the answer is not XML this app can read (nested too deeply)") from None
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise FeedError("the answer is an RSS document without a channel")
        return Feed(
            title=_text(channel, "title"),
            entries=tuple(_rss_item(i) for i in channel.findall("item")),
            built_at=_date(_text(channel, "lastBuildDate") or _text(channel, "pubDate")),
        )
    if root.tag == f"{_ATOM}feed":
        return Feed(
            title=_text(root, f"{_ATOM}title"),
            entries=tuple(_atom_entry(e) for e in root.findall(f"{_ATOM}entry")),
            built_at=_date(_text(root, f"{_ATOM}updated")),
        )
    raise FeedError(f"the answer is XML but not an RSS or Atom feed (root <{_local(root.tag)}>)")


def _rss_item(item: Element) -> Entry:
    return Entry(
        title=_text(item, "title") or "(untitled)",
        link=_text(item, "link") or None,
        published=_date(_text(item, "pubDate")),
        categories=tuple(
            c.text.strip() for c in item.findall("category") if c.text and c.text.strip()
        ),
        description=_text(item, "description"),
        status=_text(item, "status") or None,
    )


def _atom_entry(entry: Element) -> Entry:
    link = entry.find(f"{_ATOM}link")
    return Entry(
        title=_text(entry, f"{_ATOM}title") or "(untitled)",
        link=link.get("href") if link is not None else None,
        published=_date(_text(entry, f"{_ATOM}updated") or _text(entry, f"{_ATOM}published")),
        categories=tuple(
            c.get("term", "").strip() for c in entry.findall(f"{_ATOM}category") if c.get("term")
        ),
        description=_text(entry, f"{_ATOM}summary") or _text(entry, f"{_ATOM}content"),
    )


def _text(parent: Element, tag: str) -> str:
    child = parent.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _date(text: str) -> datetime | None:
    """RFC 822 dates (RSS, with zone names such as PDT or Z) or ISO 8601 (Atom)."""
    if not text:
        return None
    import email.utils

    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return parse_time(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
