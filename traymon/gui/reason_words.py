"""Why a check or a probe failed, in the desktop's language: the engine's ``Reason`` worded.

Sources, probes and the engine hand up a ``Reason`` (a code and its data); this module
is the only place in the GUI that turns one into words, each a whole translatable
sentence with named placeholders. The English the engine keeps for the log, history
and ``traymon check`` (``CheckResult.error``, ``ProbeOutcome.detail``) is never shown.
A result's summary line is made here too: the vendor's own words (an incident's title,
a component's name) stay as the vendor wrote them; everything around them is ours.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from traymon.gui.wording import state_label
from traymon.model import CheckResult, Component, Incident, ProbeOutcome, Status
from traymon.reasons import Code, Reason
from traymon.sources.summary import words
from traymon.viewmodel import ServiceView

# pyside6-lupdate finds strings only in calls named translate() or tr().
translate = QCoreApplication.translate


def failure_sentence(result: CheckResult) -> str:
    """Why ``result`` has no fresh state; ``""`` when nothing failed."""
    if result.reason is not None:
        return reason_sentence(result.reason)
    if result.status is Status.UNKNOWN:
        return translate("Reasons", "No state could be read from the status page's answer.")
    return ""


def probe_sentence(probe: ProbeOutcome) -> str:
    """How one probe from this desktop went."""
    if probe.ok:
        if probe.latency_ms is None:
            return translate("Reasons", "Answered.")
        return translate("Reasons", "Answered in {ms} ms.").format(ms=probe.latency_ms)
    if probe.reason is not None:
        return reason_sentence(probe.reason)
    return translate("Reasons", "The test from this computer failed.")


def view_summary(view: ServiceView) -> str:
    """The one line under a service's state: why it is unknown, else what the vendor says.

    A known state kept through one failed check (the engine keeps the last fresh answer
    for a while) shows the vendor's words, as before; the failure is in its reason.
    """
    if view.reason is not None and view.status is Status.UNKNOWN:
        return reason_sentence(view.reason)
    if view.checked_at is None:
        return view.summary  # "not checked yet": the GUI's own words already
    return summary_line(view.status, view.incidents, view.components)


def summary_line(
    status: Status, incidents: tuple[Incident, ...], components: tuple[Component, ...]
) -> str:
    """What set ``status`` (as ``traymon.sources.summary.sentence`` picks it), in our words
    around the vendor's: the incident's title and status, or the component's name."""
    problems = [i for i in incidents if i.impact not in (Status.OPERATIONAL, Status.UNKNOWN)]
    cause = next((i for i in problems if i.impact is status), None)
    if cause is not None:
        said = words(cause.status)
        line = cause.title
        if said:
            line = translate("Reasons", "{title} — {status}").format(title=cause.title, status=said)
        return _more(line, len(problems) - 1)
    if status not in (Status.OPERATIONAL, Status.UNKNOWN):
        hit = [c for c in components if c.status is status]
        if hit:
            line = translate("Reasons", "{component}: {state}").format(
                component=hit[0].name, state=state_label(status)
            )
            return _more(line, len(hit) - 1 + len(problems))
    if status is Status.UNKNOWN:
        return translate("Reasons", "No state could be read from the status page's answer.")
    return state_label(status)


def _more(line: str, count: int) -> str:
    if count <= 0:
        return line
    return translate("Reasons", "{line} (+{count} more)").format(line=line, count=count)


def advice(reason: Reason) -> str | None:
    """What a person can make of ``reason``, when there is something to say."""
    code = reason.code
    if code in (Code.TLS_UNTRUSTED, Code.NOT_TLS, Code.TLS_CLOSED, Code.TLS_REFUSED):
        return translate("Reasons", "A company proxy or security software may be in the way.")
    if code is Code.TLS_NOT_YET_VALID:
        return translate("Reasons", "Check this computer's date and time.")
    if code in (Code.DNS, Code.UNREACHABLE, Code.CONNECT, Code.TIMEOUT):
        return translate("Reasons", "Check this computer's network connection.")
    if code is Code.HTTP_STATUS and (reason.status or 0) >= 500:
        return translate("Reasons", "The problem is on the server's side.")
    if code in _FOR_IT:
        return translate("Reasons", "Please tell your IT helpdesk.")
    return None


_FOR_IT = frozenset(
    {
        Code.SIGN_IN,
        Code.NO_TOKEN,
        Code.NOT_PERMITTED,
        Code.SECRET_MISSING,
        Code.KEYRING,
        Code.RELAY_NOT_PINNED,
        Code.RELAY_REFUSED,
        Code.BAD_URL,
        Code.INTERNAL,
        Code.PROBE_INTERNAL,
    }
)


def reason_sentence(reason: Reason) -> str:
    """``reason`` as one whole sentence in the desktop's language."""
    worded = _SENTENCES.get(reason.code)
    if worded is None:
        return translate("Reasons", "The check failed; the log has the details.")
    return worded(reason)


def _number(value: float | None) -> str:
    """``0.5`` as the desktop writes it (``0,5`` in German)."""
    return QLocale().toString(float(value or 0), "g", 6)


def _megabytes(size: int | None) -> str:
    megabytes = QLocale().toString((size or 0) / (1024 * 1024), "f", 1)
    return translate("Reasons", "{n} MB").format(n=megabytes)


def _local_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M") if moment is not None else "—"


def _dns(r: Reason) -> str:
    if r.host:
        return translate("Reasons", "The name {host} could not be found (DNS).").format(host=r.host)
    return translate("Reasons", "The server's name could not be found (DNS).")


def _refused(r: Reason) -> str:
    if r.host:
        return translate("Reasons", "{host} refused the connection.").format(host=r.host)
    return translate("Reasons", "The server refused the connection.")


def _timeout(r: Reason) -> str:
    seconds = _number(r.seconds)
    if r.host:
        return translate("Reasons", "{host} did not answer within {seconds} s.").format(
            host=r.host, seconds=seconds
        )
    return translate("Reasons", "No answer within {seconds} s.").format(seconds=seconds)


def _untrusted(r: Reason) -> str:
    if r.issuer:
        return translate(
            "Reasons", "The server's certificate is not trusted (issued by {issuer})."
        ).format(issuer=r.issuer)
    return translate("Reasons", "The server's certificate is not trusted.")


def _expired(r: Reason) -> str:
    if r.detail:
        return translate("Reasons", "The server's certificate expired on {day}.").format(
            day=r.detail
        )
    return translate("Reasons", "The server's certificate has expired.")


def _wrong_name(r: Reason) -> str:
    if r.detail:
        return translate(
            "Reasons", "The server's certificate is for another name ({names})."
        ).format(names=r.detail)
    return translate("Reasons", "The server's certificate is for another name.")


def _http_status(r: Reason) -> str:
    if r.expected is not None:
        return translate(
            "Reasons", "The server answered HTTP {status} instead of {expected}."
        ).format(status=r.status, expected=r.expected)
    if r.status == 429:
        return translate("Reasons", "The server asks to be asked less often (HTTP 429).")
    if r.status in (502, 503, 504):
        return translate(
            "Reasons", "The server is not available at the moment (HTTP {status})."
        ).format(status=r.status)
    return translate("Reasons", "The server answered with an error (HTTP {status}).").format(
        status=r.status
    )


def _too_big(r: Reason) -> str:
    return translate("Reasons", "The answer is too large (more than {size}).").format(
        size=_megabytes(r.limit)
    )


def _slow(r: Reason) -> str:
    return translate("Reasons", "Answered in {ms} ms, slower than the {limit} ms allowed.").format(
        ms=round((r.seconds or 0) * 1000), limit=r.limit
    )


def _stale(r: Reason) -> str:
    since = _local_time(r.since)
    if r.last_known is not None:
        stale = translate("Reasons", "No fresh answer since {time}; last known: {state}.").format(
            time=since, state=state_label(r.last_known)
        )
    else:
        stale = translate("Reasons", "No fresh answer since {time}.").format(time=since)
    if r.cause is None:
        return stale
    return translate("Reasons", "{stale} {cause}").format(
        stale=stale, cause=reason_sentence(r.cause)
    )


_SENTENCES: dict[Code, Callable[[Reason], str]] = {
    Code.DNS: _dns,
    Code.REFUSED: _refused,
    Code.RESET: lambda r: translate("Reasons", "The server reset the connection."),
    Code.UNREACHABLE: lambda r: translate("Reasons", "The network is unreachable."),
    Code.CONNECT: lambda r: translate("Reasons", "Could not connect to the server."),
    Code.TIMEOUT: _timeout,
    Code.STARTTLS_TIMEOUT: lambda r: translate(
        "Reasons", "Connected, but the mail server did not answer STARTTLS within {seconds} s."
    ).format(seconds=_number(r.seconds)),
    Code.HANDSHAKE_TIMEOUT: lambda r: translate(
        "Reasons", "Connected, but the secure connection (TLS) was not set up within {seconds} s."
    ).format(seconds=_number(r.seconds)),
    Code.TLS_UNTRUSTED: _untrusted,
    Code.TLS_EXPIRED: _expired,
    Code.TLS_NOT_YET_VALID: lambda r: translate(
        "Reasons", "The server's certificate is not valid yet; is this computer's clock right?"
    ),
    Code.TLS_WRONG_NAME: _wrong_name,
    Code.TLS_REVOKED: lambda r: translate("Reasons", "The server's certificate has been revoked."),
    Code.TLS_UNVERIFIED: lambda r: translate(
        "Reasons", "The server's certificate could not be verified."
    ),
    Code.TLS_CLOSED: lambda r: translate(
        "Reasons", "The server closed the connection while setting up encryption (TLS)."
    ),
    Code.TLS_REFUSED: lambda r: translate(
        "Reasons", "The server refused the secure connection (TLS)."
    ),
    Code.TLS_FAILED: lambda r: translate("Reasons", "The secure connection (TLS) failed."),
    Code.TLS_TOO_LONG: lambda r: translate(
        "Reasons", "The server sent far more than a secure connection needs."
    ),
    Code.NOT_TLS: lambda r: translate(
        "Reasons", "The server's answer is not a secure connection (TLS)."
    ),
    Code.STARTTLS: lambda r: translate(
        "Reasons", "The mail server did not agree to encrypt the connection (STARTTLS)."
    ),
    Code.BROKE_OFF: lambda r: translate("Reasons", "Connected, but the server broke off."),
    Code.HTTP_STATUS: _http_status,
    Code.BAD_HTTP: lambda r: translate("Reasons", "The server answered, but not in valid HTTP."),
    Code.CLOSED_EARLY: lambda r: translate(
        "Reasons", "The server closed the connection before it answered."
    ),
    Code.TOO_MANY_REDIRECTS: lambda r: translate(
        "Reasons", "The server redirected more than {limit} times."
    ).format(limit=r.limit),
    Code.REFUSED_ADDRESS: lambda r: translate(
        "Reasons", "Traymon did not follow a redirect to an address it may not ask."
    ),
    Code.BAD_URL: lambda r: translate("Reasons", "The address of this service is not valid."),
    Code.UNEXPECTED_304: lambda r: translate(
        "Reasons", "The server answered that nothing changed, although nothing was asked."
    ),
    Code.TOO_BIG: _too_big,
    Code.BAD_ENCODING: lambda r: translate("Reasons", "The server's compressed answer is damaged."),
    Code.UNKNOWN_ENCODING: lambda r: translate(
        "Reasons", "The server compressed its answer in a way Traymon does not read."
    ),
    Code.TOO_MANY_ENCODINGS: lambda r: translate(
        "Reasons", "The server's answer is compressed too many times over."
    ),
    Code.MISSING_TEXT: lambda r: translate(
        "Reasons", "The answer does not contain the expected text."
    ),
    Code.SLOW: _slow,
    Code.UNREADABLE: lambda r: translate(
        "Reasons", "The answer could not be read as this kind of status page."
    ),
    Code.PARSE_TIMEOUT: lambda r: translate("Reasons", "Reading the answer took too long."),
    Code.NO_FRESH_ANSWER: _stale,
    Code.SIGN_IN: lambda r: translate(
        "Reasons", "The sign-in was refused; IT should check the app's registration and secret."
    ),
    Code.NO_TOKEN: lambda r: translate("Reasons", "The sign-in answered without an access token."),
    Code.NOT_PERMITTED: lambda r: translate(
        "Reasons", "Signed in, but the app may not read the service health (HTTP {status})."
    ).format(status=r.status),
    Code.SECRET_MISSING: lambda r: translate(
        "Reasons", "The secret this service needs is not stored on this computer."
    ),
    Code.KEYRING: lambda r: translate("Reasons", "The system's keyring could not be read."),
    Code.RELAY_NOT_PINNED: lambda r: translate(
        "Reasons", "The company's status document cannot be checked: IT has not set its key."
    ),
    Code.RELAY_REFUSED: lambda r: translate(
        "Reasons", "The company's status document was refused: it could not be verified."
    ),
    Code.NOT_LISTED: lambda r: translate("Reasons", "The answer does not list this service."),
    Code.INTERNAL: lambda r: translate(
        "Reasons", "Traymon failed while checking; the log has the details."
    ),
    Code.PROBE_INTERNAL: lambda r: translate(
        "Reasons", "Traymon failed while testing the connection; the log has the details."
    ),
    Code.OTHER: lambda r: translate("Reasons", "The check failed; the log has the details."),
}
