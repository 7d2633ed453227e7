from videorace.pipeline.cli import main

raise SystemExit(main())
