"""The typed shape of a loaded configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

# The defaults are declared once, with the settings table; named here too (``as``:
# re-exported) for the many modules that import them from the schema.
from traymon.config.settings import DEFAULT_DOWN_AFTER as DEFAULT_DOWN_AFTER
from traymon.config.settings import DEFAULT_INTERVAL_S as DEFAULT_INTERVAL_S
from traymon.config.settings import DEFAULT_REFERENCE_TIMEOUT_S as DEFAULT_REFERENCE_TIMEOUT_S
from traymon.config.settings import DEFAULT_REFERENCE_URLS as DEFAULT_REFERENCE_URLS
from traymon.config.settings import DEFAULT_UP_AFTER as DEFAULT_UP_AFTER
from traymon.config.settings import MAX_INTERVAL_S as MAX_INTERVAL_S
from traymon.config.settings import MIN_INTERVAL_S as MIN_INTERVAL_S
from traymon.sources.options import NO_OPTIONS, OptionValue

if TYPE_CHECKING:  # both load only where a config has probes or a [continuity] section
    from traymon.continuity.config import ContinuityConfig
    from traymon.probes import ProbeSpec
DEFAULT_PROBE_INTERVAL_S = 60


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """One ``[[services]]`` entry."""

    id: str
    name: str
    kind: str
    url: str
    interval: int = DEFAULT_INTERVAL_S
    #: Per-kind settings (``products``, ``regions``, ``tenant_id``…), already checked.
    options: Mapping[str, OptionValue] = field(default_factory=lambda: NO_OPTIONS)
    #: The catalogue entry this service was taken from (``use = "github"``), if any.
    use: str | None = None
    #: Checks from this desktop beside the status source (``probes = [...]``).
    probes: tuple[ProbeSpec, ...] = ()
    probe_interval: int = DEFAULT_PROBE_INTERVAL_S
    #: Never notify about this service (it still shows in the icon and window).
    muted: bool = False
    #: Who reports its state ("reported by GitHub"); ``""``: see ``traymon.config.vendor``.
    vendor: str = ""


@dataclass(frozen=True, slots=True)
class NetworkConfig:
    """The ``[network]`` table: how Traymon tells "this PC is offline" from an outage."""

    reference_urls: tuple[str, ...] = DEFAULT_REFERENCE_URLS
    timeout_s: float = float(DEFAULT_REFERENCE_TIMEOUT_S)


@dataclass(frozen=True, slots=True)
class NotificationConfig:
    """The ``[notifications]`` table: when a change deserves a notification."""

    #: Consecutive bad checks before an outage is declared, and good ones before it is cleared.
    down_after: int = DEFAULT_DOWN_AFTER
    up_after: int = DEFAULT_UP_AFTER
    #: Local times between which nothing pops up (``22:00``-``07:00`` wraps midnight).
    quiet_hours: tuple[time, time] | None = None
    #: ``notifications.enabled``: off, nothing pops up (the icon still shows everything).
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class FleetReportConfig:
    """The fleet reports, from policy: where they go, this desktop's site, the enrolment token.

    Off unless all three are given (``fleet.report_url``, ``fleet.site``, ``fleet.token``).
    """

    report_url: str = ""
    site: str = ""
    token: str = ""

    @property
    def enabled(self) -> bool:
        site_ok = bool(self.site) and all(c.isalnum() or c in "-_" for c in self.site)
        return bool(self.report_url and self.token) and site_ok


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration and the file it came from (``None``: built-in defaults)."""

    services: tuple[ServiceConfig, ...]
    path: Path | None = None
    #: ``None`` when no layer set a ``continuity`` value: its modules (the policy, the
    #: Markdown renderer) then load only when something asks for ``continuity``.
    continuity_section: ContinuityConfig | None = None
    network: NetworkConfig = NetworkConfig()
    notifications: NotificationConfig = NotificationConfig()
    fleet: FleetReportConfig = FleetReportConfig()
    #: ``tray.show_count``: the number of affected services on the icon.
    show_count: bool = True

    def service(self, service_id: str) -> ServiceConfig | None:
        return next((s for s in self.services if s.id == service_id), None)

    @property
    def continuity(self) -> ContinuityConfig:
        """The ``[continuity]`` section (the default, off, when none was set)."""
        if self.continuity_section is not None:
            return self.continuity_section
        from traymon.continuity.config import ContinuityConfig

        return ContinuityConfig()
