"""What every status source is: a URL to ask and a pure parser for the answer."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from traymon.model import ParseResult


class Source(ABC):
    """One kind of status source.

    A source is split in two on purpose: ``parse`` is a pure function of the body
    (tested on real captured payloads, never raises), and the fetching is shared
    (``traymon.sources.http``), so timeouts, size caps and TLS rules are the same
    for every vendor.
    """

    kind: ClassVar[str]
    #: Where the vendor publishes its status when the config names no ``url``.
    default_url: ClassVar[str | None] = None

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    @property
    @abstractmethod
    def request_url(self) -> str:
        """The URL whose body ``parse`` reads."""

    @property
    def page_url(self) -> str:
        """The page a person should open to read more."""
        return self.url

    @abstractmethod
    def parse(self, body: bytes) -> ParseResult:
        """Turn a response body into a state. Never raises: bad data is ``unknown``."""
