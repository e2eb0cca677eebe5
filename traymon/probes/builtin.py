"""Built-in probe sets a config can name instead of spelling the probes out.

They measure reachability from this desktop, not the vendor's view: a failing
probe with a green status page is what makes a problem "suspected".
The hosts are the ones Microsoft documents for Microsoft 365 sign-in and
Exchange Online (Office 365 URLs and IP address ranges, "Exchange Online" and
"Microsoft 365 Common and Office Online" sections).
"""

from __future__ import annotations

from traymon.probes.spec import DnsProbe, HttpProbe, ProbeSpec, StartTls, TcpProbe

BUILTIN_PROBES: dict[str, tuple[ProbeSpec, ...]] = {
    "m365-signin": (
        DnsProbe("login.microsoftonline.com"),
        # The OpenID discovery document: public, small, and served by the sign-in service itself.
        HttpProbe(
            "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
            expect_status=200,
        ),
    ),
    "exchange-online": (
        DnsProbe("outlook.office365.com"),
        HttpProbe("https://outlook.office365.com/owa/"),
        TcpProbe("outlook.office365.com", 993),  # IMAP over TLS: the handshake is verified
        TcpProbe("smtp.office365.com", 587, starttls=StartTls.SMTP),  # SMTP submission
    ),
}
