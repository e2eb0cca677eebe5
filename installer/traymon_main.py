"""The frozen app's entry point (PyInstaller starts here): the same ``traymon`` command."""

from traymon.commands.cli import main

raise SystemExit(main())
