import sys

__version__ = "0.1.0"

# httpx imports its command-line client (click, rich, pygments: ~0.2 s) whenever they
# are installed, as the dev tools install them; Traymon never uses it. ``None`` in
# sys.modules makes that import fail, and httpx has its own fallback for exactly that.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
