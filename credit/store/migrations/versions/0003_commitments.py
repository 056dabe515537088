"""Credit commitments and their fulfilment.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    op.create_table(
        "commitment",
        sa.Column("id", T, primary_key=True),
        sa.Column("operator", T, nullable=False),
        sa.Column("unit", T, nullable=False, server_default=""),
        sa.Column("device", T, nullable=False),
        sa.Column("created_utc", T, nullable=False),
        sa.Column("created_local", T, nullable=False),
        sa.Column("code", T, nullable=False, unique=True),
        sa.Column("committer_name", T, nullable=False),
        sa.Column("committer_category", T, nullable=False),
        sa.Column("committer_code", T, nullable=False),
        sa.Column("commitment_type", T, nullable=False),
        sa.Column("matter_code", T),
        sa.Column("reason", T, nullable=False),
        sa.Column("content", T, nullable=False),
        sa.Column("liability", T, nullable=False),
        sa.Column("made_on", T, nullable=False),
        sa.Column("valid_until", T),
        sa.Column("accepting_unit", T, nullable=False),
        sa.Column("publicity_type", T, nullable=False),
        sa.Column("missing_materials", T),
        sa.Column("deadline", T),
        sa.Column("education_given", sa.Integer, nullable=False, server_default="0"),
        sa.Column("fulfilment", T),
        sa.Column("unmet_content", T),
        sa.Column("liability_pursued", T),
        sa.Column("determined_on", T),
        sa.Column("determining_unit", T),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_commitment_committer_code", "commitment", ["committer_code"])


def downgrade() -> None:
    op.drop_table("commitment")
