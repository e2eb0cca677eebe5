from traymon.cli import main

raise SystemExit(main())
