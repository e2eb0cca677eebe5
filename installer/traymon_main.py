"""The frozen app's entry point (PyInstaller starts here): the same ``traymon`` command."""

from traymon.cli import main

raise SystemExit(main())
