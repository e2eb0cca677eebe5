"""The mail clients' names, without their adapters: the command line's choices load with it.

``clients.ADAPTERS`` declares each client; tests/continuity/test_clients.py keeps
this list equal to it.
"""

from __future__ import annotations

CLIENTS = ("thunderbird", "outlook", "evolution", "apple-mail", "other")
