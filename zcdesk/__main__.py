"""`python -m zcdesk`: the same as the `zcdesk` command."""

from zcdesk.cli import main

raise SystemExit(main())
