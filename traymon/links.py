"""Which web addresses from a vendor (or a config) may be kept, shown as links and opened.

A status page is someone else's data: an incident's ``shortlink``, a feed's ``<link>``
or Slack's ``url`` could be ``file:///etc/passwd``, ``smb://host/x.exe`` (on Windows,
opening it hands the person's NTLM hash to that host), ``ms-msdt:…`` or ``javascript:``.
Only an absolute ``https:`` or ``http:`` address with a host is ever kept; anything else
becomes ``None`` where it enters the model, and the GUI checks again before opening.
No I/O, no Qt: the model uses this, the sources and the GUI can too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: Longer than any real incident link (Statuspage's shortlinks are ~25 characters); a cap
#: keeps a hostile payload from parking megabytes in every result and tooltip.
MAX_LINK_LENGTH = 2048
WEB_SCHEMES = frozenset({"https", "http"})
# Stripped at the ends only, as browsers do with a pasted or templated address.
_EDGES = " \t\r\n"


def safe_link(url: object) -> str | None:
    """``url`` when it is an absolute http(s) address that is safe to open, else ``None``.

    Refused: other schemes (``file:``, ``smb:``, ``javascript:``, ``data:``, ``mailto:``…),
    relative or host-less addresses, credentials (``https://user:pw@host``, which also
    disguises the real host), a bad port, backslashes (browsers read them as ``/``, Python
    does not, so the host could differ), control characters, whitespace or other
    invisible characters inside (CR/LF, a right-to-left override), and anything longer
    than ``MAX_LINK_LENGTH``. Never raises.
    """
    if not isinstance(url, str):
        return None
    url = url.strip(_EDGES)
    if not url or len(url) > MAX_LINK_LENGTH or "\\" in url:
        return None
    if any(c.isspace() or not c.isprintable() for c in url):
        return None
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    if "@" in parts.netloc:  # user, password, or both
        return None
    return url
