"""Table definitions (SQLAlchemy Core) for the cache and the work database.

Core rather than ORM: the cache is loaded in bulk (up to a million entities) and read by a few
hand-tuned queries, where plain tables are both faster and clearer. Dates are ISO strings
(``YYYY-MM-DD``), which sort and compare correctly and survive CSV/JSON round trips unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa

cache_meta = sa.MetaData()
work_meta = sa.MetaData()

Text = sa.Text


entity = sa.Table(
    "entity",
    cache_meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uscc", Text, nullable=False, unique=True),
    sa.Column("name", Text, nullable=False),
    sa.Column("name_norm", Text, nullable=False),  # NFKC, what search indexes see
    sa.Column("pinyin", Text, nullable=False, server_default=""),  # initials, lower case
    sa.Column("entity_type", Text),  # from the USCC category, e.g. 企业, 个体工商户
    sa.Column("legal_rep", Text),
    sa.Column("legal_rep_id_type", Text),
    sa.Column("legal_rep_id", Text),  # stored whole, masked on every display
    sa.Column("reg_authority", Text),
    sa.Column("division_code", Text),
    sa.Column("division_name", Text),
    sa.Column("address", Text),
    sa.Column("industry", Text),
    sa.Column("business_scope", Text),
    sa.Column("capital_wan", sa.Float),
    sa.Column("established", Text),
    sa.Column("status", Text, nullable=False, server_default="存续"),
    sa.Column("active", sa.Integer, nullable=False, server_default="1"),
    sa.Column("grade", Text),  # A/B/C/D
    sa.Column("grade_date", Text),
    sa.Column("grade_unit", Text),
    sa.Column("updated_at", Text),
    sa.Column("source", Text),
    # (active, key) so the living entities come first without sorting a large range
    sa.Index("ix_entity_active_pinyin", "active", "pinyin"),
    sa.Index("ix_entity_active_uscc", "active", "uscc"),
    sa.Index("ix_entity_division", "division_code"),
)


def _natural_person() -> tuple[sa.Column[str], sa.Column[str]]:
    """Columns for records about a person (e.g. a legal representative) rather than an entity."""
    return sa.Column("person_name", Text), sa.Column("person_id", Text)


list_entry = sa.Table(
    "list_entry",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("uscc", Text, index=True),
    *_natural_person(),
    sa.Column("list_type", Text, nullable=False),  # serious / watch / abnormal / judgment_debtor
    sa.Column("category", Text, nullable=False),  # 名单类别 as the source names it
    sa.Column("reason", Text),
    sa.Column("basis", Text),
    sa.Column("deciding_unit", Text),
    sa.Column("doc_no", Text),
    sa.Column("listed_on", Text),
    sa.Column("valid_until", Text),
    sa.Column("removed_on", Text),
    sa.Column("removal_reason", Text),
    sa.Column("source", Text),
    sa.Index("ix_list_entry_person", "person_id"),
)

penalty = sa.Table(
    "penalty",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("uscc", Text, index=True),
    sa.Column("subject_name", Text),
    sa.Column("subject_category", Text),
    sa.Column("legal_rep", Text),
    sa.Column("legal_rep_id_type", Text),
    sa.Column("legal_rep_id", Text),
    sa.Column("decision_no", Text, nullable=False),
    sa.Column("violation_type", Text),
    sa.Column("facts", Text),
    sa.Column("basis", Text),
    sa.Column("penalty_type", Text),
    sa.Column("content", Text),
    sa.Column("fine_wan", sa.Float),
    sa.Column("confiscated_wan", sa.Float),
    sa.Column("licence_action", Text),
    sa.Column("decision_date", Text),
    sa.Column("valid_until", Text),
    sa.Column("publicity_end", Text),
    sa.Column("severity", Text),  # 轻微 / 一般 / 严重
    sa.Column("authority", Text),
    sa.Column("authority_uscc", Text),
    sa.Column("source_unit", Text),
    sa.Column("source_unit_uscc", Text),
    sa.Column("note", Text),
    sa.Column("repaired_on", Text),
)

licence = sa.Table(
    "licence",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("uscc", Text, index=True),
    sa.Column("subject_name", Text),
    sa.Column("legal_rep", Text),
    sa.Column("doc_name", Text),
    sa.Column("doc_no", Text),
    sa.Column("category", Text),  # 普通/特许/认可/核准/登记/其他
    sa.Column("cert_name", Text),
    sa.Column("cert_no", Text),
    sa.Column("content", Text),
    sa.Column("decision_date", Text),
    sa.Column("valid_from", Text),
    sa.Column("valid_to", Text),
    sa.Column("authority", Text),
    sa.Column("authority_uscc", Text),
    sa.Column("status", Text),
    sa.Column("source_unit", Text),
    sa.Column("note", Text),
)

honour = sa.Table(
    "honour",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("uscc", Text, index=True),
    sa.Column("title", Text, nullable=False),
    sa.Column("level", Text),
    sa.Column("granted_by", Text),
    sa.Column("granted_on", Text),
    sa.Column("valid_until", Text),
    sa.Column("doc_no", Text),
)

judicial = sa.Table(
    "judicial",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("uscc", Text, index=True),
    *_natural_person(),
    sa.Column("kind", Text),  # 判决 / 执行
    sa.Column("case_no", Text),
    sa.Column("court", Text),
    sa.Column("content", Text),
    sa.Column("filed_on", Text),
    sa.Column("status", Text),
)

#: Commitments the platform holds (pushed by any laptop, received by pull): a breach recorded
#: in one township is seen at another's window check (:func:`credit.window_check.breached_commitments`).
#: The columns are the protocol's commitment payload (``sync.protocol.CommitmentPayload``).
platform_commitment = sa.Table(
    "platform_commitment",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("code", Text, nullable=False),
    sa.Column("uscc", Text, index=True),
    sa.Column("person_id", Text, index=True),
    sa.Column("committer_name", Text, nullable=False),
    sa.Column("committer_category", Text, nullable=False),
    sa.Column("commitment_type", Text, nullable=False),
    sa.Column("matter_code", Text),
    sa.Column("reason", Text),
    sa.Column("made_on", Text),
    sa.Column("valid_until", Text),
    sa.Column("accepting_unit", Text),
    sa.Column("publicity_type", Text),
    sa.Column("deadline", Text),
    sa.Column("fulfilment", Text),
    sa.Column("unmet_content", Text),
    sa.Column("liability_pursued", Text),
    sa.Column("determined_on", Text),
    sa.Column("determining_unit", Text),
    sa.Column("version", sa.Integer, nullable=False),
)

#: 行政检查 results and 约谈 the platform holds (pushed by any laptop): the entity's profile shows
#: them beside this machine's own. Columns: ``sync.protocol.InspectionPayload`` / ``InterviewPayload``.
platform_inspection = sa.Table(
    "platform_inspection",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("record_no", Text, nullable=False),
    sa.Column("uscc", Text, index=True),
    sa.Column("party_name", Text),
    sa.Column("matter_code", Text),
    sa.Column("matter_name", Text),
    sa.Column("category", Text),
    sa.Column("result_code", Text),
    sa.Column("result_name", Text),
    sa.Column("inspected_at", Text),
    sa.Column("agency", Text),
    sa.Column("corrects", Text),
)

platform_interview = sa.Table(
    "platform_interview",
    cache_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("interview_no", Text, nullable=False),
    sa.Column("uscc", Text, index=True),
    sa.Column("entity_name", Text),
    sa.Column("kind", Text),
    sa.Column("held_on", Text),
    sa.Column("content", Text),
    sa.Column("undertakings", Text),
    sa.Column("interviewing_unit", Text),
)

cache_info = sa.Table(
    "cache_info",
    cache_meta,
    sa.Column("key", Text, primary_key=True),
    sa.Column("value", Text),
)

#: Search indexes over ``entity``, rowid = ``entity.id``. Contentless with delete support, so
#: they cost only their postings. ``entity_tri`` serves 3+ character substrings, ``entity_uni``
#: (one token per character) serves 1–2 character queries as phrase matches, because the
#: trigram tokenizer cannot match fewer than three characters.
SEARCH_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS entity_tri USING fts5("
    "name, tokenize='trigram', content='', contentless_delete=1)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS entity_uni USING fts5("
    "chars, tokenize='unicode61', content='', contentless_delete=1)",
)

audit_log = sa.Table(
    "audit_log",
    work_meta,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("ts_utc", Text, nullable=False),
    sa.Column("ts_local", Text, nullable=False),
    sa.Column("user", Text, nullable=False),
    sa.Column("device", Text, nullable=False),
    sa.Column("action", Text, nullable=False),
    sa.Column("query", Text),
    sa.Column("uscc", Text),
    sa.Column("detail", Text),  # canonical JSON
    sa.Column("prev_hash", Text, nullable=False),
    sa.Column("hash", Text, nullable=False),
)

#: Everything a user creates carries these: a client-made UUID (the idempotency key for sync)
#: and who/when/where.
def _provenance() -> tuple[sa.Column[str], ...]:
    return (
        sa.Column("id", Text, primary_key=True),
        sa.Column("operator", Text, nullable=False),
        sa.Column("unit", Text, nullable=False, server_default=""),
        sa.Column("device", Text, nullable=False),
        sa.Column("created_utc", Text, nullable=False),
        sa.Column("created_local", Text, nullable=False),
    )


check_record = sa.Table(
    "check_record",
    work_meta,
    *_provenance(),
    sa.Column("uscc", Text, nullable=False, index=True),
    sa.Column("entity_name", Text, nullable=False),
    sa.Column("matter_code", Text, nullable=False),
    sa.Column("matter_name", Text, nullable=False),
    sa.Column("verdict", Text, nullable=False),  # pass / caution / restricted / prohibited
    sa.Column("fired", Text, nullable=False),  # JSON list of the measures that fired, and why
    sa.Column("cache_as_of", Text),
    sa.Column("checksum_override", Text),  # reason, when the code failed its check characters
    sa.Column("education_given", sa.Integer, nullable=False, server_default="0"),  # 诚信教育
    sa.Column("verification_code", Text, nullable=False),
)

#: Syncable writes, added in the same transaction as the record they describe.
outbox = sa.Table(
    "outbox",
    work_meta,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", Text, nullable=False),  # check_record, commitment, …
    sa.Column("record_id", Text, nullable=False),
    sa.Column("payload", Text, nullable=False),  # canonical JSON of the record as written
    sa.Column("created_utc", Text, nullable=False),
    sa.Column("status", Text, nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", Text),
    # push (work database revision 0005): see credit/store/outbox.py for the states
    sa.Column("base_version", sa.Integer),  # the platform version an edit of a shared record is based on
    sa.Column("next_attempt_utc", Text),
    sa.Column("sent_utc", Text),
    sa.Column("outcome", Text),  # accepted / duplicate / theirs (a conflict resolved by taking theirs)
    sa.Column("acked_utc", Text),
    sa.Column("platform_version", sa.Integer),  # acknowledged, or the platform's in a conflict
    sa.Column("reason_code", Text),
    sa.Column("reason", Text),  # the platform's Chinese reason (rejected, conflict)
    sa.Column("conflict_payload", Text),  # the platform's record in a conflict (JSON)
    sa.Column("replaces", sa.Integer),  # the seq of the row this resend replaces
    sa.Index("ix_outbox_status", "status", "seq"),
    sa.Index("ix_outbox_record", "record_id", "seq"),
)

#: Credit commitments (信用承诺), the reference's fields. ``version`` is the base version for
#: conflict detection when the fulfilment is edited both at the window and in the field.
commitment = sa.Table(
    "commitment",
    work_meta,
    *_provenance(),
    sa.Column("code", Text, nullable=False, unique=True),  # 承诺编码: division + YYYYMMDD + serial
    sa.Column("committer_name", Text, nullable=False),
    sa.Column("committer_category", Text, nullable=False),  # 法人及非法人组织 / 自然人 / 个体工商户
    sa.Column("committer_code", Text, nullable=False, index=True),  # USCC or ID number
    sa.Column("commitment_type", Text, nullable=False),  # 审批替代型 / 容缺受理型 / …
    sa.Column("matter_code", Text),
    sa.Column("reason", Text, nullable=False),  # 承诺事由
    sa.Column("content", Text, nullable=False),
    sa.Column("liability", Text, nullable=False),  # 违诺责任
    sa.Column("made_on", Text, nullable=False),
    sa.Column("valid_until", Text),
    sa.Column("accepting_unit", Text, nullable=False),
    sa.Column("publicity_type", Text, nullable=False),
    sa.Column("missing_materials", Text),  # JSON list, 容缺受理
    sa.Column("deadline", Text),  # working-day deadline for the missing materials
    sa.Column("education_given", sa.Integer, nullable=False, server_default="0"),
    # fulfilment (履行状态): empty until determined
    sa.Column("fulfilment", Text),  # 全部履行 / 部分履行 / 全部未履行
    sa.Column("unmet_content", Text),
    sa.Column("liability_pursued", Text),
    sa.Column("determined_on", Text),
    sa.Column("determining_unit", Text),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)

# -- inspections (双随机一公开), work database revision 0004 --------------------------------
# Plans, tasks, finalised records, rectification orders and interviews are insert-only (triggers
# in the migration refuse UPDATE and DELETE); what changes over time (a task done, an order
# overdue) is derived from the records that follow, never written over them. Drafts are the
# one mutable table: a form autosaves there until it is finalised into a record.

#: A drawn plan; ``document`` is the whole plan file (canonical JSON), enough to re-run the draw.
inspection_plan = sa.Table(
    "inspection_plan",
    work_meta,
    *_provenance(),
    sa.Column("plan_no", Text, nullable=False, unique=True),
    sa.Column("name", Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("due", Text),
    sa.Column("seed", Text, nullable=False),
    sa.Column("pool_sha256", Text, nullable=False),
    sa.Column("result_sha256", Text, nullable=False),
    sa.Column("task_count", sa.Integer, nullable=False),
    sa.Column("document", Text, nullable=False),
)

inspection_task = sa.Table(
    "inspection_task",
    work_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("plan_id", Text, sa.ForeignKey("inspection_plan.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("uscc", Text, nullable=False, index=True),
    sa.Column("entity_name", Text, nullable=False),
    sa.Column("grade", Text),
    sa.Column("division_code", Text),
    sa.Column("division_name", Text),
    sa.Column("address", Text),
    sa.Column("sectors", Text, nullable=False),  # JSON list of sector codes
    sa.Column("matters", Text, nullable=False),  # JSON list of matter codes, one record each
    sa.Column("inspectors", Text, nullable=False),  # JSON [{name, cert_no}], empty: unassigned
    sa.Column("due", Text),
    sa.UniqueConstraint("plan_id", "seq", name="uq_inspection_task_plan_seq"),
)

#: Form state being edited (inspection, rectification, interview), saved about a second after
#: every change; ``revision`` counts the saves.
inspection_draft = sa.Table(
    "inspection_draft",
    work_meta,
    sa.Column("id", Text, primary_key=True),
    sa.Column("kind", Text, nullable=False),
    sa.Column("task_id", Text, index=True),
    sa.Column("uscc", Text),
    sa.Column("data", Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    sa.Column("operator", Text, nullable=False),
    sa.Column("device", Text, nullable=False),
    sa.Column("created_utc", Text, nullable=False),
    sa.Column("updated_utc", Text, nullable=False),
)

#: A finalised inspection (the 行政检查行为 fields of the reference). Corrections are new rows
#: whose ``corrects`` names the record they replace.
inspection_record = sa.Table(
    "inspection_record",
    work_meta,
    *_provenance(),
    sa.Column("record_no", Text, nullable=False, unique=True),  # 检查行为编号
    sa.Column("action_name", Text, nullable=False),  # 检查行为名称
    sa.Column("plan_id", Text),
    sa.Column("plan_no", Text),
    sa.Column("task_id", Text, index=True),
    sa.Column("sector", Text),
    sa.Column("matter_code", Text, nullable=False),  # 监管事项
    sa.Column("matter_name", Text, nullable=False),
    sa.Column("list_code", Text),  # 检查实施清单
    sa.Column("agency", Text, nullable=False),  # 实施机构
    sa.Column("agency_code", Text),
    sa.Column("subject", Text),  # 监管对象
    sa.Column("party_name", Text, nullable=False),  # 行政相对人
    sa.Column("party_id_type", Text, nullable=False),
    sa.Column("party_code", Text, nullable=False, index=True),
    sa.Column("address", Text),
    sa.Column("division_code", Text),
    sa.Column("division_name", Text),
    sa.Column("form", Text, nullable=False),  # 检查形式
    sa.Column("category", Text, nullable=False),  # 检查类别
    sa.Column("method", Text, nullable=False),  # 检查方式
    sa.Column("result_code", Text, nullable=False),
    sa.Column("result_name", Text, nullable=False),
    sa.Column("answers", Text, nullable=False),  # JSON [{code, text, basis, required, answer, note}]
    sa.Column("findings", Text),
    sa.Column("inspectors", Text, nullable=False),  # JSON [{name, cert_no}], at least two
    sa.Column("inspected_at", Text, nullable=False),  # 检查时间 (local, with offset)
    sa.Column("place", Text, nullable=False),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("present_person", Text),
    sa.Column("signature_sha256", Text),
    sa.Column("attachments", Text, nullable=False),  # JSON [{sha256, name, kind, mime, size}]
    sa.Column("submitted_at", Text, nullable=False),  # 报送时间
    sa.Column("submitted_by", Text, nullable=False),  # 报送人员
    sa.Column("publication_deadline", Text),
    sa.Column("publication_note", Text),
    sa.Column("rectification_id", Text, index=True),  # this is the follow-up of that order
    sa.Column("corrects", Text, sa.ForeignKey("inspection_record.id"), index=True),
    sa.Column("correction_reason", Text),
    sa.Column("verification_code", Text, nullable=False),
)

#: Photos, documents and signatures, content-addressed; in the encrypted work file like the rest.
attachment_blob = sa.Table(
    "attachment_blob",
    work_meta,
    sa.Column("sha256", Text, primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("mime", Text, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("thumb", sa.LargeBinary),
    sa.Column("width", sa.Integer),
    sa.Column("height", sa.Integer),
    sa.Column("created_utc", Text, nullable=False),
)

#: 限期整改: what must be corrected by when; its follow-up inspection names it.
rectification_order = sa.Table(
    "rectification_order",
    work_meta,
    *_provenance(),
    sa.Column("order_no", Text, nullable=False, unique=True),
    sa.Column("record_id", Text, sa.ForeignKey("inspection_record.id"), nullable=False, index=True),
    sa.Column("uscc", Text, nullable=False, index=True),
    sa.Column("entity_name", Text, nullable=False),
    sa.Column("problems", Text, nullable=False),  # JSON list of sentences
    sa.Column("requirement", Text, nullable=False),
    sa.Column("issued_on", Text, nullable=False),
    sa.Column("working_days", sa.Integer),
    sa.Column("deadline", Text, nullable=False),
    sa.Column("issuing_unit", Text, nullable=False),
)

#: 提示约谈 / 警示约谈, entering the entity's credit record through the outbox.
interview = sa.Table(
    "interview",
    work_meta,
    *_provenance(),
    sa.Column("interview_no", Text, nullable=False, unique=True),
    sa.Column("uscc", Text, nullable=False, index=True),
    sa.Column("entity_name", Text, nullable=False),
    sa.Column("kind", Text, nullable=False),
    sa.Column("held_on", Text, nullable=False),
    sa.Column("place", Text),
    sa.Column("participants", Text, nullable=False),  # JSON [{name, side, role}]
    sa.Column("content", Text, nullable=False),
    sa.Column("undertakings", Text, nullable=False),
    sa.Column("interviewing_unit", Text, nullable=False),
    sa.Column("rectification_id", Text, sa.ForeignKey("rectification_order.id")),
)


# -- push (sync part 2), work database revision 0005 ------------------------------------------

#: How much of each attachment the platform has confirmed, so an interrupted upload resumes.
attachment_upload = sa.Table(
    "attachment_upload",
    work_meta,
    sa.Column("sha256", Text, primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("confirmed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("done_utc", Text),
    sa.Column("updated_utc", Text, nullable=False),
)

#: Facts of the push: the audit head the platform acknowledged (``audit_acked_seq`` / ``_hash``).
push_info = sa.Table(
    "push_info",
    work_meta,
    sa.Column("key", Text, primary_key=True),
    sa.Column("value", Text, nullable=False),
)
