"""Whether a CA file named by ``network.extra_ca_certificates`` can be trusted from.

One check for both places that need it: ``traymon config validate`` reports the
problem to IT, and ``traymon.netconfig`` logs it and leaves the file out, so a wrong
path never stops the checks that do not need it.
"""

from __future__ import annotations

import re
import ssl

from traymon.settings_files import read_settings_file

#: A CA file may be a whole bundle: the Debian system bundle of ~140 roots is 215 KB.
MAX_CA_BYTES = 4 << 20
_PEM_BLOCK = re.compile(
    rb"-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----"
)


def ca_file_problem(path: str) -> str | None:
    """Why the file at ``path`` cannot be used as extra CAs, in words, or ``None``."""
    try:
        # Read once, without blocking and with a cap: OpenSSL would wait on a named pipe.
        content = read_settings_file(path, MAX_CA_BYTES)
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    blocks = _PEM_BLOCK.findall(content)
    if not blocks:
        return (
            "is not a PEM file of certificates (no -----BEGIN CERTIFICATE----- block); "
            "convert a .cer/.der file with `openssl x509 -inform der -in FILE -out FILE.pem`"
        )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_verify_locations(cadata=b"\n".join(blocks).decode("ascii"))
    except (ssl.SSLError, ValueError) as exc:
        return f"holds a certificate that cannot be read ({getattr(exc, 'reason', None) or exc})"
    return None
