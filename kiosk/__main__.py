from kiosk.entry import main

raise SystemExit(main())
