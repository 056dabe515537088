"""The push endpoints of the reference platform: records, attachments, verification.

``POST /records`` takes a batch (gzip body) and answers per record (:mod:`sync.server.records`)
in one write transaction, together with the device's audit head (:mod:`sync.server.devices`).
``HEAD``/``PUT /attachments/{sha256}`` take attachments in parts, resumable and checked against
the SHA-256 they are named by. ``GET /verify/{code}`` tells whether a printed report is genuine.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from typing import Annotated

import sqlalchemy as sa
from fastapi import FastAPI, Path, Request
from fastapi.responses import Response

from sync import protocol
from sync.server import devices
from sync.server.accounts import Account, token_digest
from sync.server.app import _AUTHED, Authed, ProblemError, _problems
from sync.server.db import attachment, attachment_part, iso, now_utc, token, verification, write_begin
from sync.server.records import Ingest

#: Largest attachment, as the laptop accepts them (credit/inspections/attachments.py).
MAX_ATTACHMENT = 30 * 1024 * 1024
_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
Sha = Annotated[str, Path(pattern=protocol.SHA256_PATTERN, description="SHA-256 of the whole file, hex")]


def add_push_routes(
    app: FastAPI, *, engine: sa.Engine, require: Callable[[Account, str], None], hold: float = 0.0
) -> None:
    """Register the endpoints on ``app`` (called by :func:`sync.server.app.create_app`)."""
    prefix = protocol.API_PREFIX

    def device_of(request: Request) -> str:
        value = request.headers.get("authorization", "").partition(" ")[2].strip()
        with engine.connect() as conn:
            found = conn.execute(
                sa.select(token.c.device).where(token.c.token_hash == token_digest(value))
            ).scalar()
        return str(found or "unknown")

    @app.post(
        f"{prefix}/records",
        response_model=protocol.PushResponse,
        responses=_problems(*_AUTHED, "unsupported_encoding", "payload_too_large"),
        summary="Push a batch of records: one answer per record (accepted, duplicate, conflict, rejected)",
    )
    def push_records(request: Request, body: protocol.PushBatch, who: Authed) -> protocol.PushResponse:
        acc, _ = who
        device = device_of(request)
        started = time.perf_counter()
        try:
            answers, ack, ms = _ingest(acc, device, body, started)
        except sa.exc.IntegrityError as exc:  # another upload of the same record won the race
            raise ProblemError(
                "unavailable", "平台正在处理同一记录的另一次上传，请稍后重试。", headers={"Retry-After": "1"}
            ) from exc
        if hold:
            time.sleep(hold)  # fault drills: a kill now loses only the answer
        return protocol.PushResponse(
            results=answers, audit=ack, server_time=now_utc(), ingest_ms=round(ms, 2)
        )

    def _ingest(
        acc: Account, device: str, body: protocol.PushBatch, started: float
    ) -> tuple[list[protocol.PushAnswer], protocol.AuditAck | None, float]:
        with write_begin(engine) as conn:
            answers = Ingest(conn, acc, device).run(body.records)
            ack = devices.acknowledge(conn, acc, device, body.audit_head, body.audit_acked)
            ms = (time.perf_counter() - started) * 1000
            if hold:
                time.sleep(hold)  # fault drills: a kill now loses the whole batch
        return answers, ack, ms

    def _state(conn: sa.Connection, sha: str) -> protocol.AttachmentState | None:
        row = conn.execute(sa.select(attachment).where(attachment.c.sha256 == sha)).first()
        if row is None:
            return None
        return protocol.AttachmentState(
            sha256=sha, size=row.size, received=row.received, complete=bool(row.complete)
        )

    def _headers(state: protocol.AttachmentState) -> dict[str, str]:
        return {
            "Upload-Offset": str(state.received),
            "Upload-Length": str(state.size),
            "Upload-Complete": "1" if state.complete else "0",
        }

    @app.head(
        f"{prefix}/attachments/{{sha256}}",
        responses=_problems(*_AUTHED, "forbidden_role", "not_found"),
        summary="How much of an attachment the platform holds (Upload-Offset, Upload-Complete)",
    )
    def attachment_head(sha256: Sha, who: Authed) -> Response:
        acc, _ = who
        require(acc, "push:attachment")
        with engine.connect() as conn:
            state = _state(conn, sha256)
        if state is None:
            return Response(status_code=404, headers={"Upload-Offset": "0"})
        return Response(status_code=200, headers=_headers(state))

    @app.put(
        f"{prefix}/attachments/{{sha256}}",
        response_model=protocol.AttachmentState,
        responses=_problems(*_AUTHED, "forbidden_role", "range_mismatch", "attachment_mismatch"),
        summary="Upload a part of an attachment (Content-Range: bytes start-end/size), in order",
    )
    async def attachment_put(sha256: Sha, request: Request, who: Authed) -> Response:
        acc, _ = who
        require(acc, "push:attachment")
        match = _RANGE.match(request.headers.get("content-range", ""))
        if match is None:
            raise ProblemError("invalid_request", "上传附件须带 Content-Range: bytes 起点-终点/总长。")
        start, end, size = (int(x) for x in match.groups())
        if size > MAX_ATTACHMENT or size < 1 or end < start or end >= size:
            raise ProblemError(
                "invalid_request", f"附件大小或范围无效（最大 {MAX_ATTACHMENT // 1024 // 1024} MiB）。"
            )
        data = await request.body()
        if len(data) != end - start + 1:
            raise ProblemError("invalid_request", "附件分段的长度与 Content-Range 不符。")
        state = _store_part(engine, acc, sha256, start, size, data)
        return Response(state.model_dump_json(), media_type="application/json", headers=_headers(state))

    @app.get(
        f"{prefix}/verify/{{code}}",
        response_model=protocol.VerifyAnswer,
        responses=_problems(*_AUTHED, "forbidden_role"),
        summary="Whether a printed report (credit check report, inspection record) is genuine and unaltered",
    )
    def verify(code: Annotated[str, Path(max_length=40)], who: Authed) -> protocol.VerifyAnswer:
        from credit.reports.verification import normalize_code

        acc, _ = who
        require(acc, "verify")
        typed = normalize_code(code)
        if typed is None:
            raise ProblemError(
                "invalid_request", "核验码格式不正确：应为 16 位字母数字，形如 ABCD-EFGH-JKMN-PQRS。"
            )
        with engine.connect() as conn:
            row = conn.execute(sa.select(verification).where(verification.c.code == typed)).first()
        if row is None:
            return protocol.VerifyAnswer(
                code=typed,
                found=False,
                detail="平台没有这个核验码的记录：报告可能是伪造或被改动过的，也可能出具报告的电脑尚未同步。"
                "请向出具单位核实。",
            )
        content = json.loads(row.content)
        return protocol.VerifyAnswer(
            code=typed,
            found=True,
            kind=row.kind,
            record_id=row.record_id,
            received_at=row.received_at,
            unit=row.unit,
            content=content,
            detail="核验通过：平台存有这份报告的记录，核验码与记录内容一致。请对照下列内容核对纸质报告，"
            "任何不一致都说明报告被改动过。",
        )


def _store_part(
    engine: sa.Engine,
    acc: Account,
    sha: str,
    start: int,
    size: int,
    data: bytes,
) -> protocol.AttachmentState:
    """Append one part at the offset the platform has reached; check the whole once complete."""
    with write_begin(engine) as conn:
        row = conn.execute(sa.select(attachment).where(attachment.c.sha256 == sha)).first()
        if row is None:
            conn.execute(
                attachment.insert().values(
                    sha256=sha, size=size, received=0, complete=0, account=acc.name, created_at=iso(now_utc())
                )
            )
            received, complete = 0, False
        else:
            if row.size != size:
                raise ProblemError("invalid_request", f"附件总长 {size} 与此前上传的 {row.size} 不符。")
            received, complete = int(row.received), bool(row.complete)
        if complete:
            return protocol.AttachmentState(sha256=sha, size=size, received=size, complete=True)
        if start != received:
            raise ProblemError(
                "range_mismatch",
                f"平台已收到该附件的前 {received} 字节，请从第 {received} 字节继续上传。",
                headers={"Upload-Offset": str(received)},
            )
        conn.execute(attachment_part.insert().values(sha256=sha, start=start, data=data))
        received += len(data)
        done = received == size
        if done:
            parts = conn.execute(
                sa.select(attachment_part.c.data)
                .where(attachment_part.c.sha256 == sha)
                .order_by(attachment_part.c.start)
            ).scalars()
            digest = hashlib.sha256()
            for part in parts:
                digest.update(part)
            if digest.hexdigest() != sha:
                conn.execute(attachment_part.delete().where(attachment_part.c.sha256 == sha))
                conn.execute(attachment.update().where(attachment.c.sha256 == sha).values(received=0))
                state = None
            else:
                state = True
        conn.execute(
            attachment.update()
            .where(attachment.c.sha256 == sha)
            .values(received=received if not done or state else 0, complete=int(done and bool(state)))
        )
    if done and not state:
        raise ProblemError("attachment_mismatch", "上传的附件内容与其 SHA-256 不符，平台已丢弃，请重新上传。")
    return protocol.AttachmentState(sha256=sha, size=size, received=received, complete=done)


__all__ = ["MAX_ATTACHMENT", "add_push_routes"]
