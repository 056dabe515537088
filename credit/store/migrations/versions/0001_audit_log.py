"""Append-only, hash-chained audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ts_utc", sa.Text, nullable=False),
        sa.Column("ts_local", sa.Text, nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("device", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("query", sa.Text),
        sa.Column("uscc", sa.Text),
        sa.Column("detail", sa.Text),
        sa.Column("prev_hash", sa.Text, nullable=False),
        sa.Column("hash", sa.Text, nullable=False),
    )
    # Append-only at the database level: the program itself cannot rewrite history.
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )


def downgrade() -> None:
    op.drop_table("audit_log")
