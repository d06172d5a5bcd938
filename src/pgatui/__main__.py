from pgatui.cli import main

raise SystemExit(main())
