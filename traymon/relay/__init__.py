"""The company relay: one publisher reads the tenant's health and IT's word, and writes
signed static documents that every desktop's ``relay`` kind verifies (DESIGN.md,
"The company level").

``document``, ``keys`` and ``verify`` are all a desktop imports (stdlib, ``joserfc`` and
``cryptography``); the publisher's modules (``graph``, ``publisher``, ``cli``) need the
``traymon[relay]`` extra (MSAL) and are imported only by ``traymon relay``. No Qt here.
"""
