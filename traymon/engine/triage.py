"""Them, us or me: whose problem a service's state is. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from traymon.model import FleetSignal, ProbeOutcome, Status, Triage, Where


class Network(Enum):
    """Whether this desktop can reach the internet at all."""

    ONLINE = "online"
    OFFLINE = "offline"


#: A service with no fresh answer for this many intervals is ``stale``.
STALE_AFTER_INTERVALS = 3


def network_state(reference_reached: Sequence[bool], any_service_reached: bool) -> Network:
    """Online when any reference check or any service got an answer from the network.

    A vendor answering is as good a proof as a connectivity-test URL (and some
    company firewalls block the test URLs); offline needs every attempt to fail.
    With no reference URLs configured and nothing asked yet, assume online.
    """
    if any_service_reached or any(reference_reached):
        return Network.ONLINE
    if not reference_reached:
        return Network.ONLINE
    return Network.OFFLINE


def triage(
    vendor: Status,
    probes: Sequence[ProbeOutcome],
    network: Network,
    fresh: bool = True,
) -> Triage:
    """The verdict for one service.

    ``vendor`` is what the status source says (``unknown`` if it could not be
    asked), ``probes`` what this desktop saw, ``fresh`` whether the vendor's
    answer is recent enough to trust (see ``STALE_AFTER_INTERVALS``).
    """
    if network is Network.OFFLINE:
        return Triage.LOCAL  # never an outage while this PC is offline
    if vendor is not Status.UNKNOWN and vendor is not Status.OPERATIONAL and fresh:
        return Triage.VENDOR
    if any(not p.ok for p in probes):
        return Triage.SUSPECTED
    if vendor is Status.UNKNOWN or not fresh:
        return Triage.STALE
    return Triage.OK


def where(verdict: Triage, fleet: FleetSignal | None) -> Where | None:
    """A ``suspected`` problem placed by the fleet (the company relay's counts at this site).

    Our company's path when the fleet sees an outage here and the vendor is silent;
    this PC when the others at this site are fine; ``None`` when the fleet does not say
    (no fleet, too few desktops, or the vendor admits it). Information only: the verdict
    itself is untouched, so the mail switch never follows the fleet.
    """
    if verdict is not Triage.SUSPECTED or fleet is None:
        return None
    if fleet.outage and not fleet.vendor_admits:
        return Where.COMPANY_PATH
    if not fleet.outage:
        return Where.THIS_PC
    return None
