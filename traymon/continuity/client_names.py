"""The mail clients' names, without their adapters: the command line's choices load with it."""

from __future__ import annotations

CLIENTS = ("thunderbird", "outlook", "evolution", "apple-mail", "other")
BACKUP_CONFIG_KEY = {  # [continuity.backup] key for each client
    "thunderbird": "thunderbird",
    "outlook": "outlook",
    "evolution": "evolution",
    "apple-mail": "apple_mail",
}
