"""Alembic environment: run the migrations on the connection `afterboard.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from afterboard.store.schema import metadata
from afterboard.store.versioning import include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_object=include_object,
    transaction_per_migration=True,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
