"""The contract every source kind passes, against real servers on 127.0.0.1.

A test class per kind subclasses ``SourceContract`` and says how to serve a good
answer; the base class then checks the same promises for all of them: the
configured ``url`` is the one asked, a hung server times out, a huge answer is
refused, bad bodies and HTTP errors become ``unknown`` with a reason.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

import pytest

from tests.servers import LoopbackServer, Reply
from traymon.config import ServiceConfig
from traymon.engine.checker import check_service
from traymon.model import CheckResult, Status
from traymon.sources.http import FetchLimits, make_client
from traymon.sources.options import OptionValue

BAD_BODIES = [
    b"",
    b"   ",
    b"<html><body>Service Unavailable</body></html>",
    b"\x00\xff\xfe garbage",
]


class SourceContract:
    kind: ClassVar[str]
    #: Paths the source asks, relative to its configured ``url`` ("" is the url itself).
    paths: ClassVar[tuple[str, ...]] = ("",)
    #: The good answer for each path, and the state it stands for.
    expected: ClassVar[Status]
    bad_bodies: ClassVar[list[bytes]] = BAD_BODIES
    #: Whether an HTTP error status is ``unknown`` (the json kind judges it itself).
    http_error_is_unknown: ClassVar[bool] = True

    def good_bodies(self) -> tuple[bytes, ...]:
        raise NotImplementedError

    def options(self, server: LoopbackServer, prefix: str) -> Mapping[str, OptionValue]:
        return {}

    def extra_routes(self, server: LoopbackServer, prefix: str, reply: Reply | None) -> None:
        """Routes outside ``url`` the source needs (a sign-in endpoint)."""

    # -- helpers -------------------------------------------------------------

    def _serve(self, server: LoopbackServer, prefix: str, replies: list[Reply]) -> str:
        url = server.base_url + prefix
        for path, reply in zip(self.paths, replies, strict=True):
            server.serve(prefix + path, reply)
        return url

    def _check(
        self, server: LoopbackServer, prefix: str, limits: FetchLimits | None = None
    ) -> CheckResult:
        limits = limits or FetchLimits(timeout_s=5.0)
        service = ServiceConfig(
            id="svc",
            name="Service",
            kind=self.kind,
            url=server.base_url + prefix,
            options=MappingProxyType(dict(self.options(server, prefix))),
        )

        async def go() -> CheckResult:
            async with make_client(limits) as client:
                return await check_service(service, client, limits)

        return asyncio.run(go())

    # -- the contract --------------------------------------------------------

    def test_reads_a_good_answer_at_the_configured_url(self, server: LoopbackServer) -> None:
        prefix = "/mirror/deep/path"
        self._serve(server, prefix, [Reply(body=b) for b in self.good_bodies()])
        self.extra_routes(server, prefix, None)
        result = self._check(server, prefix)
        assert result.status is self.expected, result.summary
        assert result.error is None
        asked = [p for p in server.requests if p.startswith(prefix)]
        assert len(asked) >= len(self.paths)

    def test_a_hung_server_times_out(self, server: LoopbackServer) -> None:
        prefix = "/hang"
        self._serve(server, prefix, [Reply(hang=True) for _ in self.paths])
        self.extra_routes(server, prefix, Reply(hang=True))
        started = time.monotonic()
        result = self._check(server, prefix, FetchLimits(timeout_s=0.5))
        assert result.status is Status.UNKNOWN
        assert result.error == "timed out after 0.5 s"
        assert time.monotonic() - started < 2.5

    def test_a_huge_answer_is_refused(self, server: LoopbackServer) -> None:
        prefix = "/huge"
        self._serve(server, prefix, [Reply(declared_bytes=50 * 1024 * 1024) for _ in self.paths])
        self.extra_routes(server, prefix, None)
        result = self._check(server, prefix)
        assert result.status is Status.UNKNOWN
        assert result.error is not None
        assert "too large" in result.error

    @pytest.mark.parametrize("index", range(len(BAD_BODIES)))
    def test_a_bad_body_is_unknown_with_a_reason(self, server: LoopbackServer, index: int) -> None:
        if index >= len(self.bad_bodies):
            pytest.skip("this kind has fewer bad bodies")
        prefix = f"/bad{index}"
        self._serve(server, prefix, [Reply(body=self.bad_bodies[index]) for _ in self.paths])
        self.extra_routes(server, prefix, None)
        result = self._check(server, prefix)
        assert result.status is Status.UNKNOWN
        assert result.error

    def test_an_http_error_is_said_in_words(self, server: LoopbackServer) -> None:
        prefix = "/err"
        self._serve(server, prefix, [Reply(status=503, body=b"down") for _ in self.paths])
        self.extra_routes(server, prefix, None)
        result = self._check(server, prefix)
        if self.http_error_is_unknown:
            assert result.status is Status.UNKNOWN
            assert result.error is not None
            assert "HTTP 503" in result.error
        else:
            assert result.status is Status.MAJOR_OUTAGE
            assert "503" in result.summary
