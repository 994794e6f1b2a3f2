"""The PySide6 desktop program; nothing but zcdesk.app imports it."""
