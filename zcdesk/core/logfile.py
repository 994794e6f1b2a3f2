"""The log file in the data folder; what goes in it is ids, codes and tracebacks, never personal data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from zcdesk.core.paths import DataLayout

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_log(root: Path) -> Path | None:
    """Send zcdesk's log to `logs/zcdesk.log` (rotated at 1 MB, 3 kept); None when the folder is unusable."""
    logger = logging.getLogger("zcdesk")
    path = DataLayout(root).logs / "zcdesk.log"
    for handler in logger.handlers:
        if getattr(handler, "baseFilename", None) == str(path):
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
