from traymon.commands.cli import main

raise SystemExit(main())
