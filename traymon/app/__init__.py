"""The application layer: what the screens show and do, decided without Qt (gui/ displays it)."""
