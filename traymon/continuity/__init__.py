"""Outage continuity: fallback instructions and switching mail clients to a backup account."""
