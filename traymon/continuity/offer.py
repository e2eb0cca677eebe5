"""Plain data for the GUI: what to show during an outage, and the switch question.

The GUI (traymon/gui, Qt) turns these into widgets; nothing here knows Qt. The
engine's triage verdict for each trigger service goes into ``policy.decide``; its
``Decision`` comes here to become the notification's words and buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from traymon.continuity.config import ContinuityConfig, FallbackInstruction
from traymon.continuity.instructions import Link, LinkKind, RenderedInstructions, render
from traymon.continuity.policy import Action, Decision
from traymon.model import Status


@dataclass(frozen=True, slots=True)
class OutageHelp:
    """What the detail window and the outage notification show for one service."""

    service_id: str
    status: Status
    instructions: RenderedInstructions | None
    webmail: Link | None

    @property
    def buttons(self) -> tuple[Link, ...]:
        """One button per distinct link: the instructions' own, then the backup webmail."""
        links = list(self.instructions.links) if self.instructions else []
        if self.webmail and all(link.url != self.webmail.url for link in links):
            links.append(self.webmail)
        return tuple(links)

    @property
    def copy_text(self) -> str:
        """What "Copy" puts on the clipboard."""
        return self.instructions.text if self.instructions else ""


def outage_help(
    config: ContinuityConfig,
    service_id: str,
    status: Status,
    cached: Sequence[FallbackInstruction] = (),
    *,
    suspected: bool = False,
) -> OutageHelp | None:
    """Help for ``service_id`` in ``status``; ``cached`` is used when the config has none.

    ``suspected``: the service fails from this desktop while the vendor reports no
    problem. For the person it is an outage all the same, and they need the same
    help, so it is looked up as a partial outage.
    """
    if suspected and not status.is_outage:
        status = Status.PARTIAL_OUTAGE
    instruction = config.instruction_for(service_id, status)
    if instruction is None and cached:
        instruction = ContinuityConfig(instructions=tuple(cached)).instruction_for(
            service_id, status
        )
    webmail = None
    if config.webmail_url and service_id in config.trigger_services and status.is_outage:
        webmail = Link("backup webmail", config.webmail_url, LinkKind.WEB)
    if instruction is None and webmail is None:
        return None
    rendered = render(instruction.text) if instruction else None
    return OutageHelp(service_id, status, rendered, webmail)


@dataclass(frozen=True, slots=True)
class SwitchOffer:
    """The question in an "ask" notification, or the news after an automatic switch."""

    action: Action
    client: str
    backup: str
    message: str
    accept_label: str | None  # None: nothing to answer (it already happened)
    decline_label: str | None


def switch_offer(
    decision: Decision,
    client: str,
    display_name: str,
    backup: str,
    service_names: Sequence[str],
    close_first: bool = False,
) -> SwitchOffer | None:
    """Words and buttons for ``decision``; ``None`` when there is nothing to say.

    ``close_first``: the client is switched only while closed (its adapter says so).
    """
    services = " and ".join(service_names) or "The mail service"
    close = f" Close {display_name} first; Traymon never closes it for you." if close_first else ""
    if decision.action is Action.OFFER_SWITCH:
        message = (
            f"{services} is down. Switch {display_name} to the backup account ({backup}) "
            f"until it is back?{close}"
        )
        return SwitchOffer(decision.action, client, backup, message, "Switch", "Not now")
    if decision.action is Action.OFFER_SWITCH_BACK:
        message = f"{services} is working again. Switch {display_name} back?{close}"
        return SwitchOffer(decision.action, client, backup, message, "Switch back", "Not now")
    if decision.action is Action.SWITCH:
        message = f"{services} is down, so {display_name} now sends from the backup account."
        return SwitchOffer(decision.action, client, backup, message, None, None)
    if decision.action is Action.SWITCH_BACK:
        message = f"{services} is working again, so {display_name} is back on your usual account."
        return SwitchOffer(decision.action, client, backup, message, None, None)
    return None
