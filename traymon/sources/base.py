"""What every status source is: a URL to ask and a pure parser for the answer."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from traymon.model import ParseResult
from traymon.sources.limits import DEFAULT_MAX_BODY_BYTES, FetchLimits
from traymon.sources.options import NO_OPTIONS, Option, OptionValue
from traymon.sources.tokens import TokenCache

if TYPE_CHECKING:  # the HTTP client is loaded by whoever fetches, not by the parsers
    import httpx


class Fetch(enum.Enum):
    """How the engine asks a kind (its checker reads this, not the kind's name)."""

    #: One GET of ``request_url`` with the shared rules; ETag/Last-Modified, and a 304
    #: reuses the last result.
    ONE_URL = "one_url"
    #: The same, but a 304 parses the kept body again: the answer's meaning changes with
    #: time (a signed document expires), not only with its bytes.
    ONE_URL_REPARSED = "one_url_reparsed"
    #: The kind's own ``fetch_and_parse`` (a sign-in, two endpoints): the shared rules,
    #: no conditional requests (they make sense for one URL with one body).
    OWN = "own"


class Source(ABC):
    """One kind of status source.

    A source is split in two on purpose: ``parse`` is a pure function of the body
    (tested on real captured payloads, never raises), and the fetching is shared
    (``traymon.sources.http``), so timeouts, size caps and TLS rules are the same
    for every vendor. Sources that need more than one GET (two endpoints, a token)
    override ``fetch_and_parse`` and keep their parsing pure all the same.
    """

    kind: ClassVar[str]
    #: Where the vendor publishes its status when the config names no ``url``.
    default_url: ClassVar[str | None] = None
    #: The per-kind settings this source understands (``products``, ``regions``…).
    options: ClassVar[Mapping[str, Option]] = {}
    #: The largest answer (decoded) this kind reads. Sized from the kind's feed history:
    #: a feed that keeps every incident for years needs more than the 2 MiB default.
    #: Memory stays bounded: at most this much per check in flight.
    max_body_bytes: ClassVar[int] = DEFAULT_MAX_BODY_BYTES
    #: How the engine asks this kind (``Fetch.OWN`` exactly when ``fetch_and_parse`` is
    #: overridden; tests/test_source_contracts.py holds every kind to it).
    fetch: ClassVar[Fetch] = Fetch.ONE_URL
    #: The one vendor that publishes this kind ("Microsoft" for Azure's feed); ``""``
    #: when anyone can run such a page. Said as "reported by …" (``config.vendor``).
    vendor: ClassVar[str] = ""
    #: A page or feed a vendor publishes about its own service: when the page's host
    #: begins with the service's name, that name is who reports (not for ``json``: an
    #: endpoint's conditions are IT's test, not the vendor's word).
    own_page: ClassVar[bool] = False

    def __init__(self, url: str, options: Mapping[str, OptionValue] = NO_OPTIONS) -> None:
        self.url = url.rstrip("/")
        self.settings = options

    @property
    @abstractmethod
    def request_url(self) -> str:
        """The URL whose body ``parse`` reads."""

    @property
    def page_url(self) -> str:
        """The page a person should open to read more."""
        return self.url

    def use_tokens(self, tokens: TokenCache) -> None:
        """Keep sign-in tokens in the engine's ``tokens`` (a source lives for one check).

        Sources that sign in override this; the others have nothing to keep.
        """
        del tokens

    @abstractmethod
    def parse(self, body: bytes) -> ParseResult:
        """Turn a response body into a state. Never raises: bad data is ``unknown``."""

    async def fetch_and_parse(self, client: httpx.AsyncClient, limits: FetchLimits) -> ParseResult:
        """Ask and read. Raises ``FetchError`` (a reason in words) when the asking fails."""
        from traymon.sources.http import fetch

        return self.parse(await fetch(client, self.request_url, limits))
