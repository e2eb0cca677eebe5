"""Access tokens kept in memory between checks, so a source signs in once an hour, not per check.

A source object lives for one check; the engine owns one ``TokenCache`` for as
long as it runs and hands it to every source it builds. Without the cache a
fleet of desktops would ask Entra ID for a token on every check of every
service, and Microsoft throttles that.

What is kept, and what is not:

- Memory only: nothing is written to disk, logged or shown; ``repr`` hides the token.
- The key is the sign-in endpoint, the client id, the scope and a keyed hash of
  the secret (the key is random per cache), so a changed secret signs in again
  and the secret itself is never kept.
- A token is reused until its lifetime (``expires_in`` of the token answer) minus
  a safety margin, measured on both the monotonic and the wall clock: the
  monotonic clock stops while a laptop sleeps, the wall clock can be set back;
  whichever says "expired" first wins.
- One sign-in at a time per key: services that share an app registration wait
  for the first one's token instead of each signing in.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from traymon.clock import Clock, SystemClock
from traymon.model import ParseResult

if TYPE_CHECKING:  # asyncio loads with the engine; the config reads this module without it
    import asyncio

#: Sign in again this long before the token runs out (a check takes time, clocks drift).
SAFETY_MARGIN_S = 300.0
#: Reuse a token whose answer gave no usable lifetime this long: Entra ID's tokens live
#: at least 10 minutes, and a token revoked earlier is caught by the 401 retry anyway.
UNKNOWN_LIFETIME_REUSE_S = 300.0
#: Never trust a lifetime beyond a day (Entra ID's longest access-token lifetime).
MAX_LIFETIME_S = 86_400.0


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A sign-in's answer: the token and how long it may be reused, in seconds."""

    token: str = field(repr=False)
    reuse_for_s: float


@dataclass(frozen=True, slots=True)
class _Entry:
    token: str = field(repr=False)
    until_mono: float
    until_wall: float


@dataclass(frozen=True, slots=True)
class CachedToken:
    """A token handed to a source; ``fresh`` when it was signed in for just now."""

    token: str = field(repr=False)
    fresh: bool


#: Signs in: a token, or an ``unknown`` result saying why not.
SignIn = Callable[[], Awaitable[SignedIn | ParseResult]]
#: Which token: the sign-in endpoint, the client id, the scope and a keyed hash of the secret.
TokenKey = tuple[str, str, str, str]


def reuse_for(expires_in: object, margin_s: float = SAFETY_MARGIN_S) -> float:
    """How long to reuse a token whose answer said ``expires_in`` (seconds).

    Microsoft's v2.0 endpoint sends a number (3599), the v1.0 endpoint a string
    ("3599"); both are read. A missing, unreadable or non-positive value gets a
    short reuse; a short lifetime keeps at least half of itself as the margin.
    """
    seconds: float | None = None
    if isinstance(expires_in, int | float) and not isinstance(expires_in, bool):
        # An int beyond 1.8e308 cannot be a float: OverflowError, so an endless lifetime.
        seconds = float(expires_in) if abs(expires_in) < 1e300 else math.inf
    elif isinstance(expires_in, str):
        try:
            seconds = float(expires_in.strip())
        except ValueError:
            seconds = None
    if seconds is None or not math.isfinite(seconds) or seconds <= 0:
        return UNKNOWN_LIFETIME_REUSE_S
    seconds = min(seconds, MAX_LIFETIME_S)
    return max(seconds - min(margin_s, seconds / 2), 0.0)


class TokenCache:
    def __init__(self, clock: Clock | None = None) -> None:
        self._clock: Clock = clock or SystemClock()  # the engine passes its own
        self._salt = secrets.token_bytes(32)
        self._entries: dict[TokenKey, _Entry] = {}
        self._locks: dict[TokenKey, asyncio.Lock] = {}

    def __repr__(self) -> str:
        return f"TokenCache({len(self._entries)} token(s))"

    def key(self, token_url: str, client_id: str, scope: str, secret: str) -> TokenKey:
        digest = hashlib.blake2b(secret.encode(), key=self._salt, digest_size=16).hexdigest()
        return (token_url, client_id, scope, digest)

    async def token(self, key: TokenKey, sign_in: SignIn) -> CachedToken | ParseResult:
        """A live token for ``key``, signing in (once, for every waiter) when there is none.

        A failed sign-in's result is passed on and nothing is kept.
        """
        if (cached := self._live(key)) is not None:
            return CachedToken(cached, fresh=False)
        import asyncio  # already loaded: this runs on the engine's loop

        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if (cached := self._live(key)) is not None:  # another check signed in meanwhile
                return CachedToken(cached, fresh=False)
            answer = await sign_in()
            if not isinstance(answer, SignedIn):
                return answer
            # A new secret's token replaces the old secret's: never keep two for one app.
            for stale in [k for k in self._entries if k[:3] == key[:3] and k != key]:
                del self._entries[stale]
            if answer.reuse_for_s > 0:
                now_mono, now_wall = self._clock.monotonic(), self._clock.wall().timestamp()
                self._entries[key] = _Entry(
                    answer.token, now_mono + answer.reuse_for_s, now_wall + answer.reuse_for_s
                )
            return CachedToken(answer.token, fresh=True)

    def forget(self, key: TokenKey) -> None:
        """Drop the token (the resource refused it: revoked, or its rights changed)."""
        self._entries.pop(key, None)

    def _live(self, key: TokenKey) -> str | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if (
            self._clock.monotonic() >= entry.until_mono
            or self._clock.wall().timestamp() >= entry.until_wall
        ):
            del self._entries[key]
            return None
        return entry.token
