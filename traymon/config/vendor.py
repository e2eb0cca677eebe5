"""Who reports a service's state, in words: "Outlook: outage reported by Microsoft".

In this order:

1. the service's own ``vendor`` key (the shipped catalogue fills it for every
   status page and feed it lists);
2. the one vendor that publishes a kind (``Source.vendor``: Azure's feed is Microsoft's word);
3. for a kind that is a vendor's own page (``Source.own_page``: a status page or feed)
   whose address carries the service's own name
   (a part of its host begins with the name: GitHub on ``www.githubstatus.com``),
   the service's name: that page is the service's word about itself;
4. otherwise nothing, and the wording says "the vendor". A page that could be
   anyone's (a relay, a mirror, a JSON endpoint) never gets a guessed name.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from traymon.config.schema import ServiceConfig

#: The longest ``vendor`` a config may set (it is shown inside a one-line sentence).
MAX_VENDOR_LENGTH = 60

_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # "Datadog (EU)" -> "Datadog"
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def vendor_for(service: ServiceConfig) -> str:
    """The name to say "reported by …" with; ``""`` when no one can honestly be named."""
    if service.vendor:
        return service.vendor
    from traymon.sources import SOURCES  # the kinds load with the first check, not the config

    kind = SOURCES.get(service.kind)
    if kind is None:
        return ""
    if kind.vendor:
        return kind.vendor
    if kind.own_page and page_belongs_to(service.name, service.url):
        return _QUALIFIER.sub("", service.name).strip()
    return ""


def kind_vendor(kind: str) -> str:
    """The one vendor that publishes ``kind``; ``""`` when anyone can run such a page."""
    from traymon.sources import SOURCES

    source = SOURCES.get(kind)
    return source.vendor if source is not None else ""


def page_belongs_to(name: str, url: str) -> bool:
    """Whether a part of the page's host begins with the service's name.

    ``www.githubstatus.com`` for GitHub, ``status.datadoghq.eu`` for Datadog (EU),
    ``status.plausible.io`` for Plausible Analytics (its first word, 4+ letters).
    A name merely inside another (Box in ``status.dropbox.com``) does not count.
    """
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    parts = [p for p in re.split(r"[.-]", host.casefold()) if p]
    plain = _QUALIFIER.sub("", name).strip()
    whole = _NOT_ALNUM.sub("", plain.casefold())
    first = _NOT_ALNUM.sub("", plain.split()[0].casefold()) if plain.split() else ""
    wanted = [w for w, least in ((whole, 3), (first, 4)) if len(w) >= least]
    return any(part.startswith(w) for part in parts for w in wanted)


def vendor_problem(value: str) -> str | None:
    """Why ``value`` cannot be a ``vendor`` (a sentence), or ``None`` when it can."""
    if len(value.strip()) > MAX_VENDOR_LENGTH:
        return f"must be at most {MAX_VENDOR_LENGTH} characters (it is shown inside a sentence)"
    if any(not ch.isprintable() for ch in value):
        return "must be one line of text (no line breaks or control characters)"
    return None
