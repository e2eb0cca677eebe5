"""Parse off the event loop, within a budget, and never raise.

A parser is pure and should never raise, but it reads untrusted bytes: a body
that makes it slow (megabytes of JSON) must not hold up the other checks, the
scheduler or the tray, and a parser bug must cost only that service's answer.
Each parse runs on its own daemon thread (a thread cannot be stopped, so one
that overruns its budget is left to finish in the background, and a daemon
thread never keeps ``traymon check`` from exiting); at most ``MAX_PARSES``
run at once, so parses that never end cannot pile up threads without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable

from traymon.model import ParseResult
from traymon.reasons import Code, Reason

#: Parse threads alive at once (also those that overran their budget and still run).
MAX_PARSES = 4
_slots = threading.BoundedSemaphore(MAX_PARSES)
#: How often a parse waiting for a free thread looks again (only when all are busy).
_WAIT_FOR_SLOT_S = 0.05
_log = logging.getLogger(__name__)


def internal_error(exc: BaseException) -> ParseResult:
    """Traymon's own code failed on an answer (the safety net; the log has the traceback)."""
    return ParseResult.failed(Reason(Code.INTERNAL, detail=type(exc).__name__))


def too_slow(budget_s: float) -> ParseResult:
    return ParseResult.failed(Reason(Code.PARSE_TIMEOUT, seconds=budget_s))


async def parse_off_loop(
    parse: Callable[[bytes], ParseResult], body: bytes, budget_s: float, what: str
) -> ParseResult:
    """``parse(body)`` on a worker thread; ``unknown`` when it raises or overruns ``budget_s``.

    ``what`` names the service in the log, where the traceback goes (never to a person).
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[ParseResult] = loop.create_future()

    def deliver(result: ParseResult) -> None:
        if not done.done():  # the waiter may have given up (budget, cancel)
            done.set_result(result)

    def work() -> None:
        try:
            result = parse(body)
        except Exception as exc:  # a parser bug: this service's answer only
            _log.exception("reading the answer of %s failed", what)
            result = internal_error(exc)
        finally:
            _slots.release()
        # The loop may be gone (the check ended while this parse overran its budget).
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(deliver, result)

    try:
        async with asyncio.timeout(budget_s):
            while not _slots.acquire(blocking=False):
                await asyncio.sleep(_WAIT_FOR_SLOT_S)
            try:
                threading.Thread(target=work, name=f"traymon-parse {what}", daemon=True).start()
            except RuntimeError as exc:  # no thread to be had: the OS's limit
                _slots.release()
                return internal_error(exc)
            return await done
    except TimeoutError:
        _log.warning("reading the answer of %s took more than %g s", what, budget_s)
        return too_slow(budget_s)
