"""The wire contract between CreditDesk and a sharing platform (``/api/v1``), client and server alike.

Everything that crosses the network is described here once, as pydantic models: the reference
server validates requests and builds its OpenAPI document from them, the client validates what
it receives with them. ``docs/sync-protocol.md`` explains each endpoint, field and error code.

A change page is the one large message (a first sync moves millions of records), so a change is
a positional array ``[seq, kind, id, op, version, payload]`` and a payload an array in the
order of :data:`PAYLOAD_FIELDS` — about 40 % fewer bytes to send, compress and parse than objects
repeating every field name. Each page names its field order, so a field added later (appended)
does not break an older client.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

API_PREFIX = "/api/v1"
PROBLEM_TYPE_BASE = "https://creditdesk.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
#: Default and largest page size of the change feed.
DEFAULT_PAGE = 2000
MAX_PAGE = 10_000
#: Client and server clocks further apart than this earn a warning (tokens and dates depend on it).
CLOCK_SKEW_WARN_SECONDS = 300

Role = Literal["window_clerk", "inspector", "supervisor", "administrator"]
ROLES: tuple[Role, ...] = ("window_clerk", "inspector", "supervisor", "administrator")
#: A jurisdiction is a prefix of the 6-digit GB/T 2260 division code: 41 a province, 4105 a city,
#: 410526 a county.
JURISDICTION_PATTERN = r"^\d{2}(\d{2}){0,2}$"

# -- problems -----------------------------------------------------------------------------------

#: Machine-readable error codes (the ``code`` member of a problem document) → HTTP status.
ERROR_CODES: dict[str, int] = {
    "invalid_request": 422,
    "invalid_cursor": 400,
    "unsupported_encoding": 415,
    "payload_too_large": 413,
    "invalid_credentials": 401,
    "token_missing": 401,
    "token_invalid": 401,
    "token_expired": 401,
    "account_disabled": 403,
    "forbidden_role": 403,
    "forbidden_scope": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "cursor_expired": 410,
    "snapshot_unavailable": 404,
    "range_not_satisfiable": 416,
    "rate_limited": 429,
    "unavailable": 503,
    "internal_error": 500,
    # push (sync part 2)
    "range_mismatch": 416,
    "attachment_mismatch": 422,
}


class Problem(BaseModel):
    """An RFC 9457 problem document; ``detail`` is Chinese, for people, ``code`` for programs."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI naming the problem type: the base URI plus the code")
    title: str = Field(description="Short summary of the problem type (English, fixed per code)")
    status: int = Field(description="The HTTP status code")
    detail: str = Field(description="What happened and what to do, in Chinese")
    code: str = Field(description="Machine-readable error code, one of ERROR_CODES")
    instance: str | None = Field(default=None, description="The request path")


def problem_type(code: str) -> str:
    return PROBLEM_TYPE_BASE + code


# -- auth -------------------------------------------------------------------------------------


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: Annotated[str, Field(min_length=1, max_length=64, description="User name")]
    password: Annotated[str, Field(min_length=1, max_length=256)]
    device: Annotated[
        str, Field(min_length=1, max_length=128, description="The device's name, recorded with the token")
    ]


class UserInfo(BaseModel):
    name: str = Field(description="User name (sign-in)")
    display_name: str = Field(description="Name shown to people, e.g. 张三")
    role: Role
    role_label: str = Field(description="The role in Chinese")
    unit: str = Field(description="The user's unit, e.g. 滑县市场监督管理局")
    jurisdictions: list[str] = Field(description="Division-code prefixes the user may see")


class TokenResponse(BaseModel):
    token: str = Field(description="Opaque bearer token; send as 'Authorization: Bearer <token>'")
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime = Field(description="When the token stops working (with UTC offset)")
    user: UserInfo
    device_no: str | None = Field(
        default=None,
        pattern=r"^\d{2}$",
        description="The platform's two-digit number for this account's device (01-99): it heads the "
        "serial of the commitment codes the device makes, so devices never make the same code",
    )


class Me(BaseModel):
    user: UserInfo
    expires_at: datetime
    server_time: datetime


class Health(BaseModel):
    status: Literal["ok"]
    server_time: datetime
    api: str = Field(description="API version prefix, /api/v1")
    platform: str = Field(description="The platform's name")


class UserSummary(BaseModel):
    """One account as an administrator sees it (``GET /admin/users``)."""

    user: UserInfo
    disabled: bool
    created_at: datetime


# -- the change feed ------------------------------------------------------------------------------

PullKind = Literal[
    "entity", "list_entry", "penalty", "licence", "honour", "judicial",
    "commitment", "inspection", "interview",  # pushed by laptops, shared back (sync part 2)
]  # fmt: skip
PULL_KINDS: tuple[PullKind, ...] = (
    "entity", "list_entry", "penalty", "licence", "honour", "judicial", "commitment", "inspection",
    "interview",
)  # fmt: skip
Op = Literal["upsert", "delete"]


class _Payload(BaseModel):
    """A record as the platform shares it; every field but the key may be null."""

    model_config = ConfigDict(extra="forbid")


Text = str | None
Day = Annotated[str | None, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
USCC = Annotated[str, Field(min_length=18, max_length=18)]


class EntityPayload(_Payload):
    """登记注册基础信息 and the credit grade; ``name_norm``/``pinyin`` are the search keys, computed
    by the platform with the client's own functions so a laptop never recomputes them."""

    uscc: USCC
    name: Annotated[str, Field(min_length=1)]
    name_norm: Annotated[str, Field(min_length=1, description="NFKC-normalised name")]
    pinyin: str = Field(default="", description="Pinyin initials, lower case")
    entity_type: Text = None
    legal_rep: Text = None
    legal_rep_id_type: Text = None
    legal_rep_id: Text = None
    reg_authority: Text = None
    division_code: Text = None
    division_name: Text = None
    address: Text = None
    industry: Text = None
    business_scope: Text = None
    capital_wan: float | None = None
    established: Day = None
    status: str = "存续"
    active: Literal[0, 1] = 1
    grade: Literal["A", "B", "C", "D"] | None = None
    grade_date: Day = None
    grade_unit: Text = None
    updated_at: Text = None
    source: Text = None


class ListEntryPayload(_Payload):
    """A listing (严重失信, 重点关注, 经营异常, 失信被执行人) of an entity or of a person."""

    id: Annotated[str, Field(min_length=1)]
    uscc: Text = None
    person_name: Text = None
    person_id: Text = None
    list_type: Literal["serious", "watch", "abnormal", "judgment_debtor"]
    category: str
    reason: Text = None
    basis: Text = None
    deciding_unit: Text = None
    doc_no: Text = None
    listed_on: Day = None
    valid_until: Day = None
    removed_on: Day = None
    removal_reason: Text = None
    source: Text = None


class PenaltyPayload(_Payload):
    """An administrative penalty (双公示 fields)."""

    id: Annotated[str, Field(min_length=1)]
    uscc: Text = None
    subject_name: Text = None
    subject_category: Text = None
    legal_rep: Text = None
    legal_rep_id_type: Text = None
    legal_rep_id: Text = None
    decision_no: str
    violation_type: Text = None
    facts: Text = None
    basis: Text = None
    penalty_type: Text = None
    content: Text = None
    fine_wan: float | None = None
    confiscated_wan: float | None = None
    licence_action: Text = None
    decision_date: Day = None
    valid_until: Day = None
    publicity_end: Day = None
    severity: Literal["轻微", "一般", "严重"] | None = None
    authority: Text = None
    authority_uscc: Text = None
    source_unit: Text = None
    source_unit_uscc: Text = None
    note: Text = None
    repaired_on: Day = None


class LicencePayload(_Payload):
    """An administrative licence (双公示 fields)."""

    id: Annotated[str, Field(min_length=1)]
    uscc: Text = None
    subject_name: Text = None
    legal_rep: Text = None
    doc_name: Text = None
    doc_no: Text = None
    category: Text = None
    cert_name: Text = None
    cert_no: Text = None
    content: Text = None
    decision_date: Day = None
    valid_from: Day = None
    valid_to: Day = None
    authority: Text = None
    authority_uscc: Text = None
    status: Text = None
    source_unit: Text = None
    note: Text = None


class HonourPayload(_Payload):
    """诚实守信相关荣誉 (红名单)."""

    id: Annotated[str, Field(min_length=1)]
    uscc: Text = None
    title: str
    level: Text = None
    granted_by: Text = None
    granted_on: Day = None
    valid_until: Day = None
    doc_no: Text = None


class JudicialPayload(_Payload):
    """司法判决及执行信息 of an entity or of a person."""

    id: Annotated[str, Field(min_length=1)]
    uscc: Text = None
    person_name: Text = None
    person_id: Text = None
    kind: Text = None
    case_no: Text = None
    court: Text = None
    content: Text = None
    filed_on: Day = None
    status: Text = None


class CommitmentPayload(_Payload):
    """A credit commitment (信用承诺) pushed by a laptop and shared with the committer's division,
    with its fulfilment: a breach recorded in one township reaches the window of another."""

    id: Annotated[str, Field(min_length=1)]
    code: Annotated[str, Field(min_length=20, max_length=20)]
    uscc: Text = None  # the committer's USCC (法人及非法人组织, 个体工商户)
    person_id: Text = None  # the committer's ID number (自然人)
    committer_name: str
    committer_category: str
    commitment_type: str
    matter_code: Text = None
    reason: Text = None
    made_on: Day = None
    valid_until: Day = None
    accepting_unit: Text = None
    publicity_type: Text = None
    deadline: Day = None
    fulfilment: Literal["全部履行", "部分履行", "全部未履行"] | None = None
    unmet_content: Text = None
    liability_pursued: Text = None
    determined_on: Day = None
    determining_unit: Text = None
    version: int = 1


class InspectionPayload(_Payload):
    """A 行政检查 result pushed by a laptop, shared with the entity's division (双随机一公开 results are
    public): whoever opens the entity sees it was inspected, when, by whom and with what result."""

    id: Annotated[str, Field(min_length=1)]
    record_no: Annotated[str, Field(min_length=1)]
    uscc: Text = None  # the party's code (行政相对人)
    party_name: Text = None
    matter_code: Text = None
    matter_name: Text = None
    category: Text = None
    result_code: Text = None
    result_name: Text = None
    inspected_at: Text = None
    agency: Text = None
    corrects: Text = None  # the record this one corrects (which then no longer counts)


class InterviewPayload(_Payload):
    """A 约谈 (it enters the entity's credit record), shared with the entity's division."""

    id: Annotated[str, Field(min_length=1)]
    interview_no: Annotated[str, Field(min_length=1)]
    uscc: Text = None
    entity_name: Text = None
    kind: Text = None
    held_on: Day = None
    content: Text = None
    undertakings: Text = None
    interviewing_unit: Text = None


PAYLOAD_MODELS: dict[str, type[_Payload]] = {
    "entity": EntityPayload,
    "list_entry": ListEntryPayload,
    "penalty": PenaltyPayload,
    "licence": LicencePayload,
    "honour": HonourPayload,
    "judicial": JudicialPayload,
    "commitment": CommitmentPayload,
    "inspection": InspectionPayload,
    "interview": InterviewPayload,
}
#: The order of a payload array, per kind (protocol version 1; new fields are only appended).
PAYLOAD_FIELDS: dict[str, tuple[str, ...]] = {k: tuple(m.model_fields) for k, m in PAYLOAD_MODELS.items()}
#: The field holding a record's id inside its payload (an entity is identified by its USCC).
KEY_FIELD: dict[str, str] = {k: ("uscc" if k == "entity" else "id") for k in PAYLOAD_MODELS}

#: One change as the client checks it. The page's schema declares a change as a plain array of
#: six items (JSON Schema tuple forms are read differently by OpenAPI tools).
Change = tuple[int, PullKind, str, Op, int, list[Any] | None]
ChangeArray = Annotated[list[Any], Field(min_length=6, max_length=6)]


class ChangePage(BaseModel):
    """One page of the change feed, in ``seq`` order, for the caller's scope."""

    changes: list[ChangeArray] = Field(
        description="[seq, kind, id, op, version, payload]; payload is an array in the order of "
        "`fields[kind]` for an upsert and null for a delete"
    )
    fields: dict[str, list[str]] = Field(description="Payload field order per kind")
    next_cursor: str = Field(description="Opaque; pass as `after` to get the next page")
    has_more: bool = Field(description="True when another page may follow right away")
    as_of: datetime | None = Field(description="Time of the newest change the platform holds")
    server_time: datetime
    scope: list[str] = Field(description="The division-code prefixes this page covers")
    remaining: int | None = Field(
        default=None, description="Changes in scope after next_cursor (only when asked with count=true)"
    )


class ChangeRowsPage(ChangePage):
    """A change page as the client reads it: every change checked as a typed tuple while parsing."""

    changes: list[Change]  # type: ignore[assignment]


def payload_row(kind: str, payload: dict[str, Any]) -> list[Any]:
    """A payload object as the array a change carries."""
    return [payload.get(f) for f in PAYLOAD_FIELDS[kind]]


def validate_payload(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Validate one record against its kind's model; raises ``ValueError`` with the reason."""
    try:
        return PAYLOAD_MODELS[kind].model_validate(values).model_dump()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ValueError(f"{kind}.{where}: {first['msg']}") from exc


# -- snapshots --------------------------------------------------------------------------------

#: The media type of a snapshot file: a CreditDesk cache database, SQLCipher-encrypted.
SNAPSHOT_MEDIA_TYPE = "application/vnd.creditdesk.cache-snapshot"
#: What a snapshot file is, beside the cache schema version it was built with.
SNAPSHOT_FORMAT = "creditdesk-cache/sqlcipher4"
HEX32 = r"^[0-9a-f]{32}$"


class SnapshotReady(BaseModel):
    """A ready snapshot of a scope: the client's cache file as of feed position ``seq``."""

    state: Literal["ready"] = "ready"
    id: Annotated[str, Field(pattern=HEX32, description="Names the file: GET /snapshot/{id}")]
    scope: list[str] = Field(description="The division-code prefixes it holds")
    cursor: str = Field(description="Continue the change feed from here once the file is in place")
    seq: int = Field(description="The feed position the file was read at")
    size: int = Field(description="File size in bytes")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    schema_version: str = Field(description="The client cache schema the file was built with")
    format: str = Field(description=f"Always {SNAPSHOT_FORMAT!r} in protocol version 1")
    key: Annotated[
        str,
        Field(
            pattern=r"^[0-9a-f]{64}$",
            description="The file's one-time raw SQLCipher key (hex); only over this signed-in "
            "connection, never logged; the client re-encrypts the file under its own key",
        ),
    ]
    counts: dict[str, int] = Field(description="Rows per kind in the file, for the client's check")
    built_at: datetime = Field(description="When the platform read its data for the file")
    as_of: datetime | None = Field(description="Time of the newest change the file holds")
    expires_at: datetime = Field(description="When the platform stops offering this file at the latest")
    server_time: datetime


class SnapshotPending(BaseModel):
    """The platform is building a snapshot of the scope; ask again after ``retry_after`` seconds."""

    state: Literal["building"] = "building"
    scope: list[str]
    started_at: datetime
    retry_after: int
    server_time: datetime


SnapshotAnswer = Annotated[SnapshotReady | SnapshotPending, Field(discriminator="state")]


# -- cursors ----------------------------------------------------------------------------------


class CursorError(ValueError):
    """A cursor this platform did not issue or cannot read."""


def scope_hash(scope: Iterable[str]) -> str:
    """Short digest of a scope: a cursor is only valid for the scope it was issued for."""
    text = ",".join(sorted(set(scope)))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def encode_cursor(feed: str, seq: int, scope: Iterable[str], gen: int = 0) -> str:
    """``gen`` is the platform's compaction generation when the cursor was issued."""
    data = {"v": 1, "feed": feed, "seq": seq, "scope": scope_hash(scope), "gen": gen}
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> tuple[str, int, str, int]:
    """(feed id, seq, scope hash, generation); raises :class:`CursorError` for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        feed, seq, scope, gen = data["feed"], data["seq"], data["scope"], data.get("gen", 0)
    except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error, AttributeError) as exc:
        raise CursorError("cursor is not readable") from exc
    if data.get("v") != 1 or not isinstance(seq, int) or seq < 0 or not isinstance(gen, int):
        raise CursorError("cursor version or position invalid")
    if not isinstance(feed, str) or not isinstance(scope, str):
        raise CursorError("cursor fields invalid")
    return feed, seq, scope, gen


def cursor_seq(cursor: str | None) -> int:
    """The position a cursor stands for (0 for none); for status displays and tests."""
    return decode_cursor(cursor)[1] if cursor else 0


# -- push (sync part 2) ---------------------------------------------------------------------------

#: Records per pushed batch at most; a batch is one transaction on the platform.
MAX_PUSH_BATCH = 2000
PushStatus = Literal["accepted", "duplicate", "conflict", "rejected"]
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class AuditHead(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seq: Annotated[int, Field(ge=0)]
    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class PushRecord(BaseModel):
    """One outbox row: ``id`` is the client's UUID of the record (the idempotency key together
    with ``version``), ``base_version`` the platform version an edit of a shared record is based
    on (null for a new record)."""

    model_config = ConfigDict(extra="forbid")

    kind: Annotated[str, Field(min_length=1, max_length=64)]
    id: Annotated[str, Field(min_length=1, max_length=128)]
    base_version: Annotated[int, Field(ge=1)] | None = None
    payload: dict[str, Any]


class PushBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    records: Annotated[list[PushRecord], Field(max_length=MAX_PUSH_BATCH)]
    audit_head: AuditHead | None = Field(
        default=None, description="The newest (seq, hash) of the device's audit log"
    )
    audit_acked: AuditHead | None = Field(
        default=None,
        description="The device's row at the seq the platform acknowledged last: it must still hold "
        "the hash the platform acknowledged",
    )


class PushAnswer(BaseModel):
    kind: str
    id: str
    status: PushStatus
    version: int | None = Field(default=None, description="The platform's version after this record")
    code: str | None = Field(default=None, description="Why rejected or in conflict, for programs")
    reason: str | None = Field(default=None, description="Why rejected or in conflict, in Chinese")
    current: dict[str, Any] | None = Field(
        default=None, description="In a conflict: the platform's record as it now is"
    )
    current_version: int | None = None


class AuditAck(BaseModel):
    status: Literal["ok", "truncated", "rewritten"]
    acknowledged: AuditHead | None = Field(description="The head the platform now holds for this device")
    detail: str | None = None


class PushResponse(BaseModel):
    results: list[PushAnswer] = Field(description="One answer per record, in the order sent")
    audit: AuditAck | None = None
    server_time: datetime
    ingest_ms: float = Field(description="The platform's own time for the batch, in milliseconds")


class AttachmentState(BaseModel):
    sha256: str
    size: int
    received: int = Field(description="Bytes the platform holds, from the start")
    complete: bool


class VerifyAnswer(BaseModel):
    """What the platform knows of a verification code."""

    code: str
    found: bool
    kind: str | None = None
    record_id: str | None = None
    received_at: datetime | None = None
    unit: str | None = None
    content: dict[str, Any] | None = Field(
        default=None, description="The content the code covers: what the printed report said"
    )
    detail: str = Field(description="The answer in Chinese")


#: Per pushed kind, the fields the platform relies on (the rest of a payload is kept as sent).
class _PushPayload(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: Annotated[str, Field(min_length=1, max_length=128)]
    operator: Annotated[str, Field(min_length=1)]
    unit: str = ""
    device: Annotated[str, Field(min_length=1)]
    created_utc: str


class CheckRecordPush(_PushPayload):
    uscc: USCC
    entity_name: str
    matter_code: Annotated[str, Field(min_length=1)]
    verdict: Literal["pass", "caution", "restricted", "prohibited"]
    verification_code: Annotated[str, Field(pattern=r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")]
    checksum_override: str | None = None
    report_content: dict[str, Any]


class CommitmentPush(_PushPayload):
    code: Annotated[str, Field(pattern=r"^\d{20}$")]
    committer_name: Annotated[str, Field(min_length=1)]
    committer_category: Literal["法人及非法人组织", "自然人", "个体工商户"]
    committer_code: Annotated[str, Field(min_length=18, max_length=18)]
    commitment_type: str
    reason: str
    content: str
    liability: str
    made_on: Day
    accepting_unit: str
    publicity_type: Literal["可向社会公开", "特定范围内公开", "不可公开"]
    fulfilment: Literal["全部履行", "部分履行", "全部未履行"] | None = None
    determined_on: Day = None
    version: Annotated[int, Field(ge=1)]


class InspectionPush(_PushPayload):
    record_no: Annotated[str, Field(min_length=1)]
    party_code: Annotated[str, Field(min_length=1)]
    party_name: str
    matter_code: str
    result_code: str
    inspected_at: str
    verification_code: str
    attachments: str | list[Any]
    signature_sha256: Annotated[str, Field(pattern=SHA256_PATTERN)] | None = None


class RectificationPush(_PushPayload):
    order_no: str
    record_id: str
    uscc: USCC
    deadline: Day


class InterviewPush(_PushPayload):
    interview_no: str
    uscc: USCC
    kind: str
    held_on: Day


class PlanPush(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: Annotated[str, Field(min_length=1, max_length=128)]
    plan_no: Annotated[str, Field(min_length=1)]
    tasks: list[Any]


PUSH_MODELS: dict[str, type[BaseModel]] = {
    "check_record": CheckRecordPush,
    "commitment": CommitmentPush,
    "commitment_fulfilment": CommitmentPush,
    "inspection": InspectionPush,
    "rectification": RectificationPush,
    "interview": InterviewPush,
    "inspection_plan": PlanPush,
}


def validate_push(kind: str, payload: dict[str, Any]) -> None:
    """Check a pushed payload against its kind's model; raises ``ValueError`` with the reason
    in Chinese (the platform sends it back to the person who made the record)."""
    model = PUSH_MODELS.get(kind)
    if model is None:
        raise ValueError(f"平台不接收“{kind}”类记录。")
    try:
        model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ValueError(f"记录内容不完整或格式错误（字段 {where}：{first['msg']}）。") from exc


def content_hash(payload: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a payload: same id and same hash is the same record."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
