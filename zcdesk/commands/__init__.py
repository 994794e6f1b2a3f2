"""The headless commands behind `zcdesk …`; one module per command family, no Qt."""
