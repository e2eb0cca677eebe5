"""The ``traymon`` command and its subcommands (each imports what it uses when it runs)."""
