"""Pushing field work: outbox states, conflicts, attachment uploads, acknowledged audit head.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

The outbox gains what the pusher needs to deliver each row exactly once and to tell a person
why a row is not delivered: when to try next, the platform's answer (acknowledged version,
rejection reason, the platform's version of a conflicting record), and which row a resend
replaces. ``attachment_upload`` remembers how much of each blob the platform has confirmed, so
an interrupted upload resumes. ``push_info`` keeps the audit head the platform acknowledged.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("base_version", sa.Integer))
        batch.add_column(sa.Column("next_attempt_utc", T))
        batch.add_column(sa.Column("sent_utc", T))
        batch.add_column(sa.Column("outcome", T))
        batch.add_column(sa.Column("acked_utc", T))
        batch.add_column(sa.Column("platform_version", sa.Integer))
        batch.add_column(sa.Column("reason_code", T))
        batch.add_column(sa.Column("reason", T))
        batch.add_column(sa.Column("conflict_payload", T))
        batch.add_column(sa.Column("replaces", sa.Integer))
    op.create_index("ix_outbox_record", "outbox", ["record_id", "seq"])
    op.create_table(
        "attachment_upload",
        sa.Column("sha256", T, primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("confirmed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("done_utc", T),
        sa.Column("updated_utc", T, nullable=False),
    )
    op.create_table(
        "push_info",
        sa.Column("key", T, primary_key=True),
        sa.Column("value", T, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("push_info")
    op.drop_table("attachment_upload")
    op.drop_index("ix_outbox_record", "outbox")
    with op.batch_alter_table("outbox") as batch:
        for name in (
            "replaces", "conflict_payload", "reason", "reason_code", "platform_version", "acked_utc",
            "outcome", "sent_utc", "next_attempt_utc", "base_version",
        ):  # fmt: skip
            batch.drop_column(name)
