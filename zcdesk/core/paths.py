"""Where the data folder is and what lies in it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "ZCDESK_DATA_DIR"


def default_data_dir() -> Path:
    # Imported here so that commands that never touch the store do not pay for it.
    from platformdirs import user_data_dir

    return Path(user_data_dir("zcdesk", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then ZCDESK_DATA_DIR, then the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return default_data_dir()


@dataclass(frozen=True)
class DataLayout:
    """The files of one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "zcdesk.sqlite3"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def staging(self) -> Path:
        return self.root / "staging"

    @property
    def lock(self) -> Path:
        return self.root / "zcdesk.lock"
