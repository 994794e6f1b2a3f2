"""The local store: one SQLite file plus the attachment folder, migrated at start-up.

Every connection runs with foreign keys on and synchronous=FULL (a power cut must not
lose a saved application). Before any migration the database is copied aside with
SQLite's online backup API, so a failed upgrade can be undone by hand.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from zcdesk.core.attachment_store import AttachmentStore
from zcdesk.core.errors import UserError
from zcdesk.core.paths import DataLayout, resolve_data_dir

MIGRATIONS = Path(__file__).parent / "migrations"


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(database: Path) -> Engine:
    # hide_parameters: an error message (and so a log line) must never carry an ID number or phone.
    engine = create_engine(f"sqlite:///{database}", hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_database(database: Path, backups: Path, reason: str) -> Path:
    """A consistent copy made with SQLite's backup API (safe even while the file is open)."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"zcdesk-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(database)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def migrate(engine: Engine, layout: DataLayout, target: str = "head") -> Path | None:
    """Bring the database to `target`; returns the backup made first, if any."""
    from alembic import command
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise UserError("数据文件夹中的数据库由更新版本的 zcdesk 创建，请先升级本程序再打开")
    backup = None
    if current is not None or inspect(engine).get_table_names():
        backup = backup_database(layout.database, layout.backups, f"before-{wanted}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return backup


@dataclass
class Store:
    layout: DataLayout
    engine: Engine
    files: AttachmentStore
    _sessions: sessionmaker[Session]

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One session per user action: committed when the block ends, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_store(data_dir: str | Path | None = None, *, migrate_now: bool = True) -> Store:
    """Open (creating if needed) the store in a data folder and migrate it to the current schema."""
    layout = DataLayout(resolve_data_dir(data_dir))
    try:
        layout.root.mkdir(parents=True, exist_ok=True)
        layout.attachments.mkdir(exist_ok=True)
    except OSError as error:
        raise UserError(f"无法使用数据文件夹“{layout.root}”：{error.strerror or error}") from None
    engine = make_engine(layout.database)
    try:
        if migrate_now:
            migrate(engine, layout)
    except (sqlite3.DatabaseError, DatabaseError) as error:
        engine.dispose()
        reason = getattr(error, "orig", None) or error
        raise UserError(
            f"数据库文件“{layout.database}”无法打开（{reason}）。请勿删除它；迁移前的备份在 {layout.backups}"
        ) from None
    except Exception:
        engine.dispose()
        raise
    return Store(layout, engine, AttachmentStore(layout.attachments), sessionmaker(engine, expire_on_commit=False))
