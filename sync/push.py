"""Pushing the outbox to the platform: attachments first, then records in batches, exactly once.

Delivery is at least once — a row is marked ``sending`` before its batch leaves and ``done`` only
from the platform's answer, so a crash, a cut connection or a lost answer means the row is sent
again — and the platform is idempotent by the client's UUID, so the effect is exactly once (the
resend comes back ``duplicate``). Each batch's answers are stored in one work-database
transaction.

Order: rows go in ``seq`` order; a row is held back (stays pending, other records go on) while
an earlier row of the same record is not delivered (a fulfilment after its commitment), while a
record it depends on is not (``depends_on`` in ``push_kinds.json``), and while its attachments are
not uploaded. Attachments are uploaded content-addressed and resumable: ``HEAD`` asks how much the
platform holds, ``PUT`` sends the rest in parts, and what the platform confirmed is remembered in
``attachment_upload``.

An expired token mid-push calls ``renew`` (sign in again) and sends the same batch again; without
``renew`` the batch goes back to pending and :class:`~sync.errors.AuthRequired` is raised.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from credit.store import outbox
from credit.store.tables import attachment_blob, attachment_upload, audit_log, push_info
from sync import protocol
from sync.errors import AuthRequired, Cancelled, ProtocolViolation, ServerRefused, SyncError
from sync.kinds import push_rules, referenced_attachments
from sync.transport import Transport

if TYPE_CHECKING:
    from credit.store.db import Store

DEFAULT_BATCH = 500
PART = 1024 * 1024
ATTACHMENT = "attachment"
#: Platform reasons after which a record waits and is sent again instead of being quarantined.
RETRY_LATER = frozenset({"missing_dependency", "missing_attachment"})
#: How long a failed row waits before a background sync tries it again (doubling, capped).
BACKOFF_BASE, BACKOFF_CAP = 30.0, 3600.0


@dataclass
class PushResult:
    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    deferred: int = 0  # answered "send again later" (a dependency not there yet)
    held: int = 0  # not sent: waiting for an earlier row, a dependency or an attachment
    batches: int = 0
    attachments: int = 0
    attachment_bytes: int = 0
    seconds: float = 0.0
    server_ms: float = 0.0  # the platform's own ingest time, summed over batches
    audit: protocol.AuditAck | None = None
    renewed: int = 0  # sign-ins during the push
    problems: list[str] = field(default_factory=list)

    @property
    def delivered(self) -> int:
        return self.accepted + self.duplicate


class _Auth:
    """The token, renewed once per expiry through ``renew``."""

    def __init__(self, token: str, renew: Callable[[], str] | None) -> None:
        self.token = token
        self.renew = renew
        self.renewed = 0

    def call(self, fn: Callable[[str], Any]) -> Any:
        try:
            return fn(self.token)
        except AuthRequired:
            if self.renew is None or self.renewed >= 3:
                raise
            self.token = self.renew()
            self.renewed += 1
            return fn(self.token)


def push(
    store: Store,
    transport: Transport,
    token: str,
    *,
    renew: Callable[[], str] | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    respect_backoff: bool = False,
) -> PushResult:
    """Deliver what the outbox holds; returns what happened (raises :class:`SyncError`)."""
    started = time.perf_counter()
    auth = _Auth(token, renew)
    result = PushResult()
    with store.work.connect() as conn:
        queue = [dict(r._mapping) for r in outbox.undelivered(conn)]
    total = sum(1 for r in queue if r["status"] in outbox.WAITING)
    done = 0
    if progress:
        progress(0, total)
    uploaded = _push_attachments(store, transport, auth, queue, result, cancelled)
    done += uploaded
    if progress:
        progress(done, total)
    rules = push_rules()
    now = datetime.now(UTC).isoformat()
    skip: set[int] = set()  # rows answered "later" in this run
    while True:
        if cancelled and cancelled():
            raise Cancelled()
        batch, held = _next_batch(store, queue, rules, batch_size, skip, now if respect_backoff else None)
        result.held = held
        if not batch:
            break
        try:
            answers = _send(store, transport, auth, batch, result, cancelled)
        except ServerRefused as exc:
            if exc.code != "payload_too_large":
                raise
            if len(batch) > 1:  # too big for one request: smaller batches from now on
                batch_size = max(1, len(batch) // 2)
                continue
            answers = [_too_large(store, batch[0])]
        for row, answer in zip(batch, answers, strict=True):
            row["status"] = _local_status(answer)
            if answer.status == "rejected" and answer.code in RETRY_LATER:
                skip.add(row["seq"])
                result.deferred += 1
            else:
                setattr(result, answer.status, getattr(result, answer.status) + 1)
        done += len(batch)
        if progress:
            progress(min(done, total), total)
    result.renewed = auth.renewed
    result.seconds = time.perf_counter() - started
    return result


def _too_large(store: Store, row: dict[str, Any]) -> protocol.PushAnswer:
    """One record alone is over the platform's size limit: quarantine it with the reason."""
    reason = "这条记录的内容超过平台单次接收的上限（16 MiB），无法上传。请联系平台管理员。"
    answer = protocol.PushAnswer(
        kind=row["kind"], id=row["record_id"], status="rejected", code="too_large", reason=reason
    )
    with store.write_work() as conn:
        outbox.record_answers(conn, [{**answer.model_dump(), "seq": row["seq"]}])
    return answer


def _local_status(answer: protocol.PushAnswer) -> str:
    if answer.status in ("accepted", "duplicate"):
        return outbox.DONE
    if answer.status == "conflict":
        return outbox.CONFLICT
    return outbox.PENDING if answer.code in RETRY_LATER else outbox.REJECTED


# -- choosing a batch --------------------------------------------------------------------------


def _next_batch(
    store: Store,
    queue: list[dict[str, Any]],
    rules: dict[str, Any],
    size: int,
    skip: set[int],
    not_before: str | None,
) -> tuple[list[dict[str, Any]], int]:
    """The next rows to send in ``seq`` order, and how many are held back."""
    open_ids: dict[str, int] = {}  # record id → seq of its first undelivered row
    for row in queue:
        if row["status"] != outbox.DONE:
            open_ids.setdefault(row["record_id"], row["seq"])
    with store.work.connect() as conn:
        uploaded = set(
            conn.execute(
                sa.select(attachment_upload.c.sha256).where(attachment_upload.c.done_utc.is_not(None))
            ).scalars()
        )
    batch: list[dict[str, Any]] = []
    in_batch: set[str] = set()
    held = 0
    for row in queue:
        if row["status"] not in outbox.WAITING or row["kind"] == ATTACHMENT:
            continue
        if row["seq"] in skip or (
            not_before and row["next_attempt_utc"] and row["next_attempt_utc"] > not_before
        ):
            held += 1
            continue
        rid = row["record_id"]
        earlier = open_ids.get(rid)
        if earlier is not None and earlier != row["seq"] and rid not in in_batch:
            held += 1  # an earlier row of this record is not delivered (or needs a person)
            continue
        rule = rules.get(row["kind"])
        payload = json.loads(row["payload"])
        if rule is not None and _waits(rule, payload, open_ids, in_batch, uploaded):
            held += 1
            continue
        batch.append(row)
        in_batch.add(rid)
        if len(batch) >= size:
            break
    return batch, held


def _waits(
    rule: Any, payload: dict[str, Any], open_ids: dict[str, int], in_batch: set[str], uploaded: set[str]
) -> bool:
    for name in rule.depends_on:
        other = payload.get(name)
        if other and other != payload.get("id") and str(other) in open_ids and str(other) not in in_batch:
            return True
    return any(sha not in uploaded for sha in referenced_attachments(rule, payload))


# -- sending a batch ---------------------------------------------------------------------------


def _audit_heads(conn: sa.Connection) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    head = conn.execute(
        sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    info = {r.key: r.value for r in conn.execute(sa.select(push_info))}
    acked = None
    if info.get("audit_acked_seq"):
        seq = int(info["audit_acked_seq"])
        mine = conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.seq == seq)).scalar()
        acked = {"seq": seq, "hash": mine or "0" * 64}
    return ({"seq": head.seq, "hash": head.hash} if head else None), acked


def _send(
    store: Store,
    transport: Transport,
    auth: _Auth,
    batch: list[dict[str, Any]],
    result: PushResult,
    cancelled: Callable[[], bool] | None,
) -> list[protocol.PushAnswer]:
    seqs = [r["seq"] for r in batch]
    with store.write_work() as conn:
        outbox.mark_sending(conn, seqs)
        head, acked = _audit_heads(conn)
    body = {
        "records": [
            {
                "kind": r["kind"],
                "id": r["record_id"],
                "base_version": r["base_version"],
                "payload": json.loads(r["payload"]),
            }
            for r in batch
        ],
        "audit_head": head,
        "audit_acked": acked,
    }
    try:
        raw = auth.call(
            lambda tok: transport.request(
                "POST", "/records", token=tok, body=body, gzip_body=True, cancelled=cancelled
            )
        )
        answer = protocol.PushResponse.model_validate(raw)
        if len(answer.results) != len(batch) or any(
            a.id != r["record_id"] or a.kind != r["kind"] for a, r in zip(answer.results, batch, strict=False)
        ):
            raise ProtocolViolation("平台对上传记录的答复与所发送的记录不对应。")
    except SyncError as exc:
        attempts = max(int(r["attempts"]) + 1 for r in batch)
        later = datetime.now(UTC) + timedelta(seconds=min(BACKOFF_CAP, BACKOFF_BASE * 2 ** min(attempts, 10)))
        with store.write_work() as conn:
            outbox.mark_retry(conn, seqs, exc.reason, later.isoformat())
        raise
    now = datetime.now(UTC).isoformat()
    rows = []
    for r, a in zip(batch, answer.results, strict=True):
        item = a.model_dump()
        item["seq"] = r["seq"]
        if a.status == "rejected" and a.code in RETRY_LATER:
            item["retry_at"] = now
        rows.append(item)
    with store.write_work() as conn:
        outbox.record_answers(conn, rows)
        if answer.audit is not None:
            _keep_audit(conn, answer.audit)
    result.sent += len(batch)
    result.batches += 1
    result.server_ms += answer.ingest_ms
    if answer.audit is not None:
        result.audit = answer.audit
        if answer.audit.status != "ok" and answer.audit.detail and answer.audit.detail not in result.problems:
            result.problems.append(answer.audit.detail)
    return answer.results


def _keep_audit(conn: sa.Connection, ack: protocol.AuditAck) -> None:
    values: dict[str, str] = {"audit_status": ack.status, "audit_detail": ack.detail or ""}
    if ack.acknowledged is not None:
        values.update(audit_acked_seq=str(ack.acknowledged.seq), audit_acked_hash=ack.acknowledged.hash)
    for key, value in values.items():
        conn.execute(
            sa.text("INSERT OR REPLACE INTO push_info(key, value) VALUES (:k, :v)"), {"k": key, "v": value}
        )


# -- attachments -------------------------------------------------------------------------------


def _push_attachments(
    store: Store,
    transport: Transport,
    auth: _Auth,
    queue: list[dict[str, Any]],
    result: PushResult,
    cancelled: Callable[[], bool] | None,
) -> int:
    """Upload every attachment waiting in the outbox; returns how many outbox rows that settled."""
    by_sha: dict[str, list[dict[str, Any]]] = {}
    for row in queue:
        if row["kind"] == ATTACHMENT and row["status"] in outbox.WAITING:
            by_sha.setdefault(row["record_id"], []).append(row)
    settled = 0
    for sha, rows in by_sha.items():
        if cancelled and cancelled():
            raise Cancelled()
        seqs = [r["seq"] for r in rows]
        try:
            outcome = _upload(store, transport, auth, sha, result, cancelled)
        except ServerRefused as exc:  # e.g. the role may not upload: quarantine with the reason
            with store.write_work() as conn:
                outbox.record_answers(
                    conn,
                    [{"seq": s, "status": "rejected", "code": exc.code, "reason": exc.reason} for s in seqs],
                )
            for r in rows:
                r["status"] = outbox.REJECTED
            result.rejected += len(rows)
            continue
        with store.write_work() as conn:
            if outcome is None:
                reason = "本机找不到这个附件的数据（可能已被删除），无法上传。"
                outbox.record_answers(
                    conn,
                    [
                        {"seq": s, "status": "rejected", "code": "missing_blob", "reason": reason}
                        for s in seqs
                    ],
                )
            else:
                outbox.record_answers(conn, [{"seq": s, "status": outcome, "version": 1} for s in seqs])
        for r in rows:
            r["status"] = outbox.DONE if outcome else outbox.REJECTED
        settled += len(rows)
        if outcome:
            result.attachments += 1
        else:
            result.rejected += len(rows)
    return settled


def _upload(
    store: Store,
    transport: Transport,
    auth: _Auth,
    sha: str,
    result: PushResult,
    cancelled: Callable[[], bool] | None,
) -> str | None:
    """Make the platform hold attachment ``sha``; "accepted", "duplicate" (it had it), or None
    when the bytes are not on this machine."""
    with store.work.connect() as conn:
        blob = conn.execute(sa.select(attachment_blob.c.data).where(attachment_blob.c.sha256 == sha)).scalar()
    if blob is None:
        return None
    data = bytes(blob)
    size = len(data)
    path = f"/attachments/{sha}"
    r: Any = auth.call(
        lambda tok: transport.request(
            "HEAD", path, token=tok, cancelled=cancelled, accept_status=(404,), want_response=True
        )
    )
    offset = int(r.headers.get("Upload-Offset") or 0) if r.status_code == 200 else 0
    if r.status_code == 200 and r.headers.get("Upload-Complete") == "1":
        _note_upload(store, sha, size, size, done=True)
        return "duplicate"
    while offset < size:
        end = min(size, offset + PART) - 1
        part = data[offset : end + 1]
        headers = {
            "Content-Range": f"bytes {offset}-{end}/{size}",
            "Content-Type": "application/octet-stream",
        }

        def put(tok: str, part: bytes = part, headers: dict[str, str] = headers) -> Any:
            return transport.request(
                "PUT",
                path,
                token=tok,
                content=part,
                headers=headers,
                cancelled=cancelled,
                accept_status=(416,),
            )

        got = auth.call(put)
        if hasattr(got, "status_code"):  # 416: the platform is elsewhere (a part got through before)
            offset = int(got.headers.get("Upload-Offset") or 0)
            continue
        state = protocol.AttachmentState.model_validate(got)
        result.attachment_bytes += len(part)
        offset = state.received
        _note_upload(store, sha, size, offset, done=state.complete)
        if state.complete:
            return "accepted"
    _note_upload(store, sha, size, size, done=True)
    return "accepted"


def _note_upload(store: Store, sha: str, size: int, confirmed: int, *, done: bool) -> None:
    now = datetime.now(UTC).isoformat()
    with store.write_work() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO attachment_upload(sha256, size, confirmed, done_utc, updated_utc) "
                "VALUES (:s, :n, :c, :d, :u) ON CONFLICT(sha256) DO UPDATE SET "
                "confirmed = excluded.confirmed, done_utc = excluded.done_utc, "
                "updated_utc = excluded.updated_utc"
            ),
            {"s": sha, "n": size, "c": confirmed, "d": now if done else None, "u": now},
        )


def push_info_values(conn: sa.Connection) -> dict[str, str]:
    return {r.key: r.value for r in conn.execute(sa.select(push_info))}


__all__ = ["DEFAULT_BATCH", "PushResult", "push", "push_info_values"]
