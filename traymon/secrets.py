"""Secrets (API tokens, the proxy password) in the operating system's keyring, nowhere else.

Configuration names a secret (``network.proxy_password_secret = "proxy"``); the value
is stored on each computer with ``traymon secret set proxy``. When no real keyring is
available, Traymon says so and stores nothing: it never falls back to a plain file
(``keyrings.alt``' plaintext backends are refused even when installed).
"""

from __future__ import annotations

import re
from typing import Any

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "traymon"
_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
# Backends that are not a keyring: they fail, forget, or keep the secret in a file.
_NOT_SECURE = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class SecretStoreError(Exception):
    """The keyring cannot be used; ``str()`` says why and what to do, for a person."""


def check_name(name: str) -> None:
    if not _NAME_RE.match(name):
        raise SecretStoreError(
            f"{name!r} is not a secret name: use 1-64 letters, digits, '.', '_' or '-'."
        )


def backend_name() -> str:
    """The keyring in use, for ``traymon diagnose`` (or why there is none)."""
    try:
        backend = _secure_backend()
    except SecretStoreError as exc:
        return str(exc)
    return f"{type(backend).__module__}.{type(backend).__name__}"


def get_secret(name: str) -> str | None:
    check_name(name)
    backend = _secure_backend()
    return _call(backend.get_password, SERVICE, name)  # type: ignore[no-any-return]


def set_secret(name: str, value: str) -> None:
    check_name(name)
    if not value:
        raise SecretStoreError("The secret is empty; nothing was stored.")
    backend = _secure_backend()
    _call(backend.set_password, SERVICE, name, value)


def delete_secret(name: str) -> bool:
    """Delete the secret; ``False`` when none was stored under that name."""
    check_name(name)
    backend = _secure_backend()
    if _call(backend.get_password, SERVICE, name) is None:
        return False
    try:
        _call(backend.delete_password, SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return False
    return True


def _secure_backend() -> KeyringBackend:
    chosen = keyring.get_keyring()
    candidates = list(getattr(chosen, "backends", None) or [chosen])  # a ChainerBackend
    secure = [b for b in candidates if not type(b).__module__.startswith(_NOT_SECURE)]
    if not secure:
        found = ", ".join(type(b).__module__ + "." + type(b).__name__ for b in candidates)
        raise SecretStoreError(
            "No secure keyring is available on this computer, so Traymon cannot store "
            "secrets (it never keeps them in plain files). On Linux, start a Secret Service "
            f"such as GNOME Keyring or KWallet in your session. (Keyring backends found: {found}.)"
        )
    backend: KeyringBackend = secure[0]
    return backend


def _call(function: Any, *args: str) -> Any:
    try:
        return function(*args)
    except keyring.errors.PasswordDeleteError:
        raise
    except keyring.errors.KeyringLocked:
        raise SecretStoreError("The keyring is locked; unlock it and try again.") from None
    except keyring.errors.KeyringError as exc:
        raise SecretStoreError(f"The keyring refused the request ({exc}).") from None
