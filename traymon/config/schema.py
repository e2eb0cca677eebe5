"""The typed shape of a loaded configuration."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from traymon.continuity.config import ContinuityConfig

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


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration and the file it came from (``None``: built-in defaults)."""

    services: tuple[ServiceConfig, ...]
    path: Path | None = None
    continuity: ContinuityConfig = field(default_factory=ContinuityConfig)

    def service(self, service_id: str) -> ServiceConfig | None:
        return next((s for s in self.services if s.id == service_id), None)
