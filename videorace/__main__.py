from videorace.cli import main

raise SystemExit(main())
