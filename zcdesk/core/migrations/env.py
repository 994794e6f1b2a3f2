"""Alembic environment: runs on the connection zcdesk.core.store hands over."""

from __future__ import annotations

from alembic import context

from zcdesk.core.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("zcdesk migrations run through zcdesk.core.store.migrate()")

# render_as_batch: SQLite cannot ALTER most things; batch mode rebuilds tables instead.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
