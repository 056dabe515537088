"""Window credit checks and the sync outbox.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    op.create_table(
        "check_record",
        sa.Column("id", T, primary_key=True),
        sa.Column("operator", T, nullable=False),
        sa.Column("unit", T, nullable=False, server_default=""),
        sa.Column("device", T, nullable=False),
        sa.Column("created_utc", T, nullable=False),
        sa.Column("created_local", T, nullable=False),
        sa.Column("uscc", T, nullable=False),
        sa.Column("entity_name", T, nullable=False),
        sa.Column("matter_code", T, nullable=False),
        sa.Column("matter_name", T, nullable=False),
        sa.Column("verdict", T, nullable=False),
        sa.Column("fired", T, nullable=False),
        sa.Column("cache_as_of", T),
        sa.Column("checksum_override", T),
        sa.Column("education_given", sa.Integer, nullable=False, server_default="0"),
        sa.Column("verification_code", T, nullable=False),
    )
    op.create_index("ix_check_record_uscc", "check_record", ["uscc"])
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", T, nullable=False),
        sa.Column("record_id", T, nullable=False),
        sa.Column("payload", T, nullable=False),
        sa.Column("created_utc", T, nullable=False),
        sa.Column("status", T, nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", T),
    )
    op.create_index("ix_outbox_status", "outbox", ["status", "seq"])


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("check_record")
