"""What a fetch may do and how it fails, without the HTTP client.

The config, the command line and every source's parser need these names; keeping
them apart from ``traymon.sources.http`` lets them load without httpx and
truststore, which only a fetch needs (``traymon --help`` and ``config`` stay fast).
"""

from __future__ import annotations

from dataclasses import dataclass

from traymon.reason_english import english, status_words
from traymon.reasons import Reason

#: The body cap of a kind that does not set its own (``Source.max_body_bytes``).
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout_s: float = 15.0
    #: ``None``: each kind's own cap (``Source.max_body_bytes``); a number overrides it.
    max_body_bytes: int | None = None
    max_redirects: int = 5

    @property
    def body_cap(self) -> int:
        return DEFAULT_MAX_BODY_BYTES if self.max_body_bytes is None else self.max_body_bytes

    def for_kind(self, cap: int) -> FetchLimits:
        """These limits with the kind's body ``cap``, unless a cap was set explicitly."""
        if self.max_body_bytes is not None:
            return self
        return FetchLimits(self.timeout_s, cap, self.max_redirects)


@dataclass(frozen=True, slots=True)
class NetworkOptions:
    """A company network's needs (``traymon.netconfig`` builds this from the settings).

    With no explicit ``proxy`` the system proxy applies: httpx reads it through
    ``urllib.request.getproxies()`` (environment; also the Windows Internet settings and
    the macOS network settings there).
    """

    proxy: str | None = None
    proxy_auth: tuple[str, str] | None = None
    #: PEM files of CAs trusted in addition to the OS trust store.
    extra_ca_files: tuple[str, ...] = ()
    #: Plain ``http://`` beyond loopback, also after redirects (IT's choice; off by default).
    allow_plain_http: bool = False


class FetchError(Exception):
    """A fetch failed, with its typed ``reason``; ``str()`` is that reason in English
    for the log (``timed out after 15 s``).

    ``reached`` says whether a server answered at all (an HTTP error, a body too
    large, a redirect refused): evidence that this desktop is online even though
    the fetch failed. Timeouts and connection failures are not.
    """

    def __init__(self, reason: Reason, *, reached: bool = False) -> None:
        super().__init__(english(reason))
        self.reason = reason
        self.reached = reached


def describe_status(code: int) -> str:
    """``the server answered HTTP 404 Not Found``: for sources that judge codes themselves."""
    return status_words(code)
