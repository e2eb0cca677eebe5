"""The one way the GUI opens an address: checked again here, right before the desktop opens it.

The model already keeps only http(s) links from vendors (``traymon.links``), but the GUI does
not trust that a view was made through it: ``QDesktopServices.openUrl`` hands a ``file:``,
``smb:`` or ``ms-msdt:`` address to whatever the desktop has registered for it, so a vendor's
link opens only when it is http(s), and IT's (the fallback buttons) only when it is one of
the kinds its instructions allow (https, mailto, tel). No label with vendor text opens links
on its own (``setOpenExternalLinks``): its ``linkActivated`` comes here.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from traymon.continuity.instructions import link_kind
from traymon.links import WEB_SCHEMES, safe_link

_log = logging.getLogger(__name__)
_LOGGED_CHARS = 200  # enough to recognise the address; a hostile one may be huge


def open_vendor_link(url: str) -> bool:
    """Open a vendor's (or a configured page's) address in the browser, if it is http(s)."""
    checked = safe_link(url)
    if checked is None:
        return _refuse(url, "not an http(s) address")
    qurl = QUrl(checked, QUrl.ParsingMode.StrictMode)
    # Qt parses on its own: what it would open must be what was checked.
    if not qurl.isValid() or qurl.scheme().lower() not in WEB_SCHEMES or not qurl.host():
        return _refuse(url, "Qt reads it differently")
    if qurl.userInfo():
        return _refuse(url, "it carries a user name or password")
    return QDesktopServices.openUrl(qurl)


def open_it_link(url: str) -> bool:
    """Open one of IT's fallback links: https, mailto or tel, as its instructions allow."""
    if link_kind(url) is None:
        return _refuse(url, "not a link IT's instructions may have")
    qurl = QUrl(url, QUrl.ParsingMode.StrictMode)
    if not qurl.isValid() or qurl.scheme().lower() not in ("https", "mailto", "tel"):
        return _refuse(url, "Qt reads it differently")
    return QDesktopServices.openUrl(qurl)


def _refuse(url: str, why: str) -> bool:
    # repr(): a CR/LF in the address cannot forge a line of the helpdesk's log.
    _log.warning("did not open %r: %s", url[:_LOGGED_CHARS], why)
    return False
