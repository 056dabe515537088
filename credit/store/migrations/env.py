"""Alembic environment: always run online on the connection CreditDesk hands over."""

from alembic import context

from credit.store.tables import work_meta

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=work_meta, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
