"""The typed shape of a loaded configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from traymon.sources.options import NO_OPTIONS, OptionValue

DEFAULT_INTERVAL_S = 300
MIN_INTERVAL_S = 30
MAX_INTERVAL_S = 86_400


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


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration and the file it came from (``None``: built-in defaults)."""

    services: tuple[ServiceConfig, ...]
    path: Path | None = None

    def service(self, service_id: str) -> ServiceConfig | None:
        return next((s for s in self.services if s.id == service_id), None)
