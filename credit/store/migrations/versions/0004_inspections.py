"""Field inspections: plans and tasks, drafts, records, attachments, rectification, interviews.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

T = sa.Text
#: Tables whose rows, once written, may never change or disappear (records, not drafts).
INSERT_ONLY = ("inspection_plan", "inspection_task", "inspection_record", "rectification_order", "interview")


def _provenance() -> list[sa.Column]:
    return [
        sa.Column("id", T, primary_key=True),
        sa.Column("operator", T, nullable=False),
        sa.Column("unit", T, nullable=False, server_default=""),
        sa.Column("device", T, nullable=False),
        sa.Column("created_utc", T, nullable=False),
        sa.Column("created_local", T, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "inspection_plan",
        *_provenance(),
        sa.Column("plan_no", T, nullable=False, unique=True),
        sa.Column("name", T, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("due", T),
        sa.Column("seed", T, nullable=False),
        sa.Column("pool_sha256", T, nullable=False),
        sa.Column("result_sha256", T, nullable=False),
        sa.Column("task_count", sa.Integer, nullable=False),
        sa.Column("document", T, nullable=False),
    )
    op.create_table(
        "inspection_task",
        sa.Column("id", T, primary_key=True),
        sa.Column("plan_id", T, sa.ForeignKey("inspection_plan.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("uscc", T, nullable=False),
        sa.Column("entity_name", T, nullable=False),
        sa.Column("grade", T),
        sa.Column("division_code", T),
        sa.Column("division_name", T),
        sa.Column("address", T),
        sa.Column("sectors", T, nullable=False),
        sa.Column("matters", T, nullable=False),
        sa.Column("inspectors", T, nullable=False),
        sa.Column("due", T),
        sa.UniqueConstraint("plan_id", "seq", name="uq_inspection_task_plan_seq"),
    )
    op.create_index("ix_inspection_task_uscc", "inspection_task", ["uscc"])
    op.create_table(
        "inspection_draft",
        sa.Column("id", T, primary_key=True),
        sa.Column("kind", T, nullable=False),
        sa.Column("task_id", T),
        sa.Column("uscc", T),
        sa.Column("data", T, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
        sa.Column("operator", T, nullable=False),
        sa.Column("device", T, nullable=False),
        sa.Column("created_utc", T, nullable=False),
        sa.Column("updated_utc", T, nullable=False),
    )
    op.create_index("ix_inspection_draft_task_id", "inspection_draft", ["task_id"])
    op.create_table(
        "inspection_record",
        *_provenance(),
        sa.Column("record_no", T, nullable=False, unique=True),
        sa.Column("action_name", T, nullable=False),
        sa.Column("plan_id", T),
        sa.Column("plan_no", T),
        sa.Column("task_id", T),
        sa.Column("sector", T),
        sa.Column("matter_code", T, nullable=False),
        sa.Column("matter_name", T, nullable=False),
        sa.Column("list_code", T),
        sa.Column("agency", T, nullable=False),
        sa.Column("agency_code", T),
        sa.Column("subject", T),
        sa.Column("party_name", T, nullable=False),
        sa.Column("party_id_type", T, nullable=False),
        sa.Column("party_code", T, nullable=False),
        sa.Column("address", T),
        sa.Column("division_code", T),
        sa.Column("division_name", T),
        sa.Column("form", T, nullable=False),
        sa.Column("category", T, nullable=False),
        sa.Column("method", T, nullable=False),
        sa.Column("result_code", T, nullable=False),
        sa.Column("result_name", T, nullable=False),
        sa.Column("answers", T, nullable=False),
        sa.Column("findings", T),
        sa.Column("inspectors", T, nullable=False),
        sa.Column("inspected_at", T, nullable=False),
        sa.Column("place", T, nullable=False),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("present_person", T),
        sa.Column("signature_sha256", T),
        sa.Column("attachments", T, nullable=False),
        sa.Column("submitted_at", T, nullable=False),
        sa.Column("submitted_by", T, nullable=False),
        sa.Column("publication_deadline", T),
        sa.Column("publication_note", T),
        sa.Column("rectification_id", T),
        sa.Column("corrects", T, sa.ForeignKey("inspection_record.id")),
        sa.Column("correction_reason", T),
        sa.Column("verification_code", T, nullable=False),
    )
    for column in ("task_id", "party_code", "rectification_id", "corrects"):
        op.create_index(f"ix_inspection_record_{column}", "inspection_record", [column])
    op.create_table(
        "attachment_blob",
        sa.Column("sha256", T, primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("mime", T, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("thumb", sa.LargeBinary),
        sa.Column("width", sa.Integer),
        sa.Column("height", sa.Integer),
        sa.Column("created_utc", T, nullable=False),
    )
    op.create_table(
        "rectification_order",
        *_provenance(),
        sa.Column("order_no", T, nullable=False, unique=True),
        sa.Column("record_id", T, sa.ForeignKey("inspection_record.id"), nullable=False),
        sa.Column("uscc", T, nullable=False),
        sa.Column("entity_name", T, nullable=False),
        sa.Column("problems", T, nullable=False),
        sa.Column("requirement", T, nullable=False),
        sa.Column("issued_on", T, nullable=False),
        sa.Column("working_days", sa.Integer),
        sa.Column("deadline", T, nullable=False),
        sa.Column("issuing_unit", T, nullable=False),
    )
    op.create_index("ix_rectification_order_record_id", "rectification_order", ["record_id"])
    op.create_index("ix_rectification_order_uscc", "rectification_order", ["uscc"])
    op.create_table(
        "interview",
        *_provenance(),
        sa.Column("interview_no", T, nullable=False, unique=True),
        sa.Column("uscc", T, nullable=False),
        sa.Column("entity_name", T, nullable=False),
        sa.Column("kind", T, nullable=False),
        sa.Column("held_on", T, nullable=False),
        sa.Column("place", T),
        sa.Column("participants", T, nullable=False),
        sa.Column("content", T, nullable=False),
        sa.Column("undertakings", T, nullable=False),
        sa.Column("interviewing_unit", T, nullable=False),
        sa.Column("rectification_id", T, sa.ForeignKey("rectification_order.id")),
    )
    op.create_index("ix_interview_uscc", "interview", ["uscc"])

    # Finalised is final at the database level, as the audit log is: corrections are new rows.
    for table in INSERT_ONLY:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are final and cannot be changed'); END"
            )
    # Content-addressed bytes never change; they may go only when no finalised record uses them.
    op.execute(
        "CREATE TRIGGER attachment_blob_no_update BEFORE UPDATE ON attachment_blob "
        "BEGIN SELECT RAISE(ABORT, 'attachment content is immutable'); END"
    )
    op.execute(
        "CREATE TRIGGER attachment_blob_keep_used BEFORE DELETE ON attachment_blob "
        "WHEN EXISTS (SELECT 1 FROM inspection_record WHERE instr(attachments, OLD.sha256) > 0 "
        "OR signature_sha256 = OLD.sha256) "
        "BEGIN SELECT RAISE(ABORT, 'attachment belongs to a finalised record'); END"
    )


def downgrade() -> None:
    for table in ("interview", "rectification_order", "attachment_blob", "inspection_record",
                  "inspection_draft", "inspection_task", "inspection_plan"):  # fmt: skip
        op.drop_table(table)
