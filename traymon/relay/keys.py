"""The relay's Ed25519 keys: make a pair, load the private half, read pinned public keys.

A public key is pinned as one line, ``ed25519:`` and the 32 raw bytes in base64url
(the JWK ``x`` value, RFC 8037): short enough for a policy value, a registry string
or a plist key, and nothing to parse but base64. The key id (``kid``) in a
signature's header is the key's RFC 7638 thumbprint, so a desktop finds which of
its one or two pinned keys (rotation) signed a document without trying both.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc.jwk import OKPKey

from traymon.continuity.atomic import atomic_write

PREFIX = "ed25519:"
#: The private key as PEM text, for containers whose secrets arrive as variables.
KEY_ENV = "TRAYMON_RELAY_SIGNING_KEY"


class KeyFileError(ValueError):
    """A key could not be read; the message says which and why."""


@dataclass(frozen=True, slots=True)
class PublicKey:
    """One pinned public key: its line as written, and its JWK for verifying."""

    text: str
    jwk: OKPKey

    @property
    def kid(self) -> str:
        return str(self.jwk.thumbprint())


@dataclass(frozen=True, slots=True)
class SigningKey:
    jwk: OKPKey

    @property
    def kid(self) -> str:
        return str(self.jwk.thumbprint())

    @property
    def public(self) -> PublicKey:
        raw = self.jwk.as_dict(private=False)["x"]
        return parse_public_key(PREFIX + str(raw))


def parse_public_key(text: str) -> PublicKey:
    """``ed25519:<base64url>`` as a key; ``KeyFileError`` with a sentence otherwise."""
    value = text.strip()
    if not value.startswith(PREFIX):
        raise KeyFileError(f"a pinned key must start with {PREFIX!r} (got {value[:20]!r})")
    x = value[len(PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
    except ValueError as exc:
        raise KeyFileError("a pinned key is not base64url text") from exc
    if len(raw) != 32:
        raise KeyFileError(f"a pinned key must be 32 bytes (this one has {len(raw)})")
    jwk = OKPKey.import_key({"kty": "OKP", "crv": "Ed25519", "x": x.rstrip("=")})
    return PublicKey(value, jwk)


def generate() -> SigningKey:
    return SigningKey(OKPKey.generate_key("Ed25519"))


def write_pair(key: SigningKey, private_path: Path) -> Path:
    """Write the private key (PEM, mode 0600) and ``<name>.pub`` (the pinned line).

    The private file is created 0600 before any byte is in it, so it is never
    readable by others, not even for a moment. Refuses to overwrite a key.
    """
    if private_path.exists():
        raise KeyFileError(
            f"{private_path} already exists; move it away first (keys are not replaced)"
        )
    private_path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.jwk.as_pem(private=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    public_path = private_path.with_name(private_path.name + ".pub")
    atomic_write(public_path, (key.public.text + "\n").encode())
    public_path.chmod(0o644)
    return public_path


def load_signing_key(path: Path | None) -> SigningKey:
    """The private key from ``$TRAYMON_RELAY_SIGNING_KEY`` (PEM text) or the file ``path``.

    ``path`` may be a mounted secret (Kubernetes, Docker); a file readable by
    others is refused, as ssh refuses such keys.
    """
    env = os.environ.get(KEY_ENV, "").strip()
    if env:
        return _from_pem(env.encode(), f"${KEY_ENV}")
    if path is None:
        raise KeyFileError(f"no signing key: set key_file in the relay config or ${KEY_ENV}")
    try:
        mode = path.stat().st_mode & 0o777
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"the signing key {path} cannot be read ({exc.strerror})") from exc
    if os.name == "posix" and mode & 0o077 and not _is_mounted_secret(path):
        raise KeyFileError(
            f"the signing key {path} is readable by others (mode {mode:o}); run `chmod 600 {path}`"
        )
    return _from_pem(data, str(path))


def _is_mounted_secret(path: Path) -> bool:
    # Kubernetes mounts secrets through symlinks into a ..data folder it owns (0644 by
    # default unless defaultMode is set); the pod is the boundary there, not the mode.
    return "..data" in str(path.resolve())


def _from_pem(data: bytes, where: str) -> SigningKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{where} is not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{where} is not an Ed25519 key (make one with `traymon relay keygen`)")
    return SigningKey(OKPKey.import_key(data))
