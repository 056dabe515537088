"""Ingesting pushed field work: checked, idempotent, one transaction per batch.

Each record of a batch is answered on its own — ``accepted``, ``duplicate`` (same client UUID,
version and content as before: a resend after a lost answer), ``conflict`` (same key, other
content, or an edit based on a version the platform has moved past: a person decides, nothing is
overwritten) or ``rejected`` with a Chinese reason. What is accepted is written in the caller's
transaction together with its idempotency receipt, so a batch is all or nothing: a server killed
before the commit has stored none of it and the resend is accepted, one killed after has stored
all of it and the resend is a duplicate. Shared kinds (commitments) also become feed changes
through :class:`~sync.server.feed.FeedWriter`, so other laptops receive them with their next pull.

What each kind needs (subject, jurisdiction, unit, dependencies, attachments, verification) is
``resources/catalogs/push_kinds.json``; who may push which kind is ``roles.json``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from sync import protocol
from sync.kinds import KindRule, push_rules, referenced_attachments
from sync.server import accounts
from sync.server.accounts import Account
from sync.server.db import attachment as attachment_table
from sync.server.db import commitment_code, iso, now_utc, pushed_record, receipt, record, verification
from sync.server.feed import CHUNK, FeedWriter, canonical

PERSON = "自然人"
#: The fields a fulfilment edit may change on the platform's commitment.
FULFILMENT_FIELDS = ("fulfilment", "unmet_content", "liability_pursued", "determined_on", "determining_unit")
#: Reason codes after which the client keeps the record waiting instead of quarantining it.
RETRY_LATER = frozenset({"missing_dependency", "missing_attachment"})


class _Refused(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def commitment_share(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A commitment as the feed shares it (``protocol.CommitmentPayload``)."""
    person = payload.get("committer_category") == PERSON
    code = payload.get("committer_code")
    values = {k: payload.get(k) for k in protocol.PAYLOAD_FIELDS["commitment"]}
    values.update(uscc=None if person else code, person_id=code if person else None)
    return values


#: Per shared kind, the pushed field a shared field is taken from when the names differ.
_SHARED_FROM = {"inspection": {"uscc": "party_code"}}


def share(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A pushed record as the feed shares it: the protocol's payload fields of ``kind``."""
    if kind == "commitment":
        return commitment_share(payload)
    names = _SHARED_FROM.get(kind, {})
    return {k: payload.get(names.get(k, k)) for k in protocol.PAYLOAD_FIELDS[kind]}


class Ingest:
    """One batch from one account's device, inside the caller's write transaction."""

    def __init__(self, conn: sa.Connection, acc: Account, device: str, *, today: date | None = None) -> None:
        self.conn = conn
        self.acc = acc
        self.device = device
        self.now = iso(now_utc())
        self.rules = push_rules()
        self.writer = FeedWriter(conn, today=today, source=f"push:{acc.name}")
        self._accepted: set[str] = set()  # ids accepted earlier in this batch
        self._codes: dict[str, str] = {}  # commitment codes taken in this batch → id

    # -- the batch ----------------------------------------------------------------------

    def run(self, records: Sequence[protocol.PushRecord]) -> list[protocol.PushAnswer]:
        self._preload(records)
        answers = [self._one(r) for r in records]
        self._write()
        self.writer.finish()
        return answers

    def _preload(self, records: Sequence[protocol.PushRecord]) -> None:
        ids = sorted({r.id for r in records})
        self._created_here = {
            r.id for r in records if r.kind in self.rules and not self.rules[r.kind].updates
        }
        deps: set[str] = set()
        shas: set[str] = set()
        subjects: set[str] = set()
        codes: set[str] = set()
        for r in records:
            rule = self.rules.get(r.kind)
            if rule is None:
                continue
            deps.update(str(r.payload[f]) for f in rule.depends_on if r.payload.get(f))
            with contextlib.suppress(ValueError, TypeError, KeyError):  # judged per record below
                shas.update(referenced_attachments(rule, r.payload))
            if rule.subject and isinstance(r.payload.get(rule.subject), str):
                subjects.add(r.payload[rule.subject].strip().upper())
            if r.kind == "commitment" and isinstance(r.payload.get("code"), str):
                codes.add(r.payload["code"])
        self.receipts: dict[tuple[str, str, int], str] = {}
        self.current: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
        for chunk in _chunks(ids):
            for row in self.conn.execute(sa.select(receipt).where(receipt.c.id.in_(chunk))):
                self.receipts[(row.kind, row.id, row.version)] = row.content_hash
            p = pushed_record.c
            for row in self.conn.execute(
                sa.select(p.kind, p.id, p.version, p.payload).where(p.id.in_(chunk))
            ):
                self.current[(row.kind, row.id)] = (row.version, json.loads(row.payload))
        self.known: set[str] = set()
        for chunk in _chunks(sorted(deps)):
            self.known.update(
                self.conn.execute(
                    sa.select(pushed_record.c.id).where(pushed_record.c.id.in_(chunk))
                ).scalars()
            )
        self.complete: set[str] = set()
        for chunk in _chunks(sorted(shas)):
            self.complete.update(
                self.conn.execute(
                    sa.select(attachment_table.c.sha256).where(
                        attachment_table.c.sha256.in_(chunk), attachment_table.c.complete == 1
                    )
                ).scalars()
            )
        self.divisions: dict[str, str | None] = {}
        for chunk in _chunks(sorted(subjects)):
            rows = self.conn.execute(
                sa.select(record.c.id, record.c.division_code).where(
                    record.c.kind == "entity", record.c.id.in_(chunk), record.c.deleted == 0
                )
            )
            self.divisions.update((r.id, r.division_code) for r in rows)
        self.taken: dict[str, str] = {}
        for chunk in _chunks(sorted(codes)):
            rows = self.conn.execute(sa.select(commitment_code).where(commitment_code.c.code.in_(chunk)))
            self.taken.update((r.code, r.id) for r in rows)
        self._inserts: list[dict[str, Any]] = []
        self._updates: list[dict[str, Any]] = []
        self._receipts: list[dict[str, Any]] = []
        self._verifications: list[dict[str, Any]] = []

    # -- one record ---------------------------------------------------------------------

    def _one(self, rec: protocol.PushRecord) -> protocol.PushAnswer:
        try:
            return self._judge(rec)
        except _Refused as exc:
            return protocol.PushAnswer(
                kind=rec.kind, id=rec.id, status="rejected", code=exc.code, reason=exc.reason
            )

    def _judge(self, rec: protocol.PushRecord) -> protocol.PushAnswer:
        rule = self.rules.get(rec.kind)
        if rule is None:
            raise _Refused("unknown_kind", f"平台不接收“{rec.kind}”类记录。")
        if not accounts.may(self.acc, f"push:{rec.kind}"):
            role = accounts.role_catalog()[self.acc.role].label
            raise _Refused("forbidden_role", f"您的角色（{role}）无权上报{rule.label}。")
        payload = rec.payload
        try:
            protocol.validate_push(rec.kind, payload)
        except ValueError as exc:
            raise _Refused("invalid", str(exc)) from exc
        if str(payload.get("id")) != rec.id:
            raise _Refused("invalid", "记录编号与记录内容中的编号不一致。")
        digest = protocol.content_hash(payload)
        if rule.updates:
            return self._edit(rec, rule, digest)
        seen = self.receipts.get((rec.kind, rec.id, 1))
        if seen is not None:
            return self._again(rec, rule, seen == digest, (rec.kind, rec.id), 1)
        subject, division = self._check_subject(rule, payload)
        self._check_unit(rule, payload)
        self._check_ready(rule, payload)
        if rule.verification:
            self._check_verification(rec.kind, payload)
        if rec.kind == "commitment":
            code = payload["code"]
            holder = self._codes.get(code) or self.taken.get(code)
            if holder is not None and holder != rec.id:
                raise _Refused(
                    "commitment_code_taken",
                    f"承诺编码 {code} 已被另一条承诺使用（可能由同一区划的其他设备生成）。"
                    "请在“待上传”中为这条承诺重新编号后再上传，并告知承诺人新的编码。",
                )
            self._codes[code] = rec.id
        version = int(payload.get("version") or 1) if rec.kind == "commitment" else 1
        self._inserts.append(self._row(rec.kind, rec.id, subject, division, payload, version))
        self._receipt(rec.kind, rec.id, version, digest)
        self.current[(rec.kind, rec.id)] = (version, payload)
        self._accepted.add(rec.id)
        if rule.shared:
            self.writer.put(rule.shared, share(rule.shared, payload))
        return protocol.PushAnswer(kind=rec.kind, id=rec.id, status="accepted", version=version)

    def _edit(self, rec: protocol.PushRecord, rule: KindRule, digest: str) -> protocol.PushAnswer:
        """An edit of a shared record (a fulfilment of a commitment), based on ``base_version``."""
        assert rule.updates is not None
        payload = rec.payload
        version = int(payload.get("version") or 0)
        if rec.base_version is None or version != rec.base_version + 1:
            raise _Refused("invalid", "修改记录缺少基础版本，或版本号与基础版本不衔接。")
        seen = self.receipts.get((rec.kind, rec.id, version))
        if seen == digest:
            return protocol.PushAnswer(kind=rec.kind, id=rec.id, status="duplicate", version=version)
        current = self.current.get((rule.updates, rec.id))
        if current is None:
            if rec.id in self._created_here:
                raise _Refused("missing_dependency", "所修改的承诺尚未被平台接收，将在其上传后再上传。")
            raise _Refused("unknown_record", "平台上没有这条承诺：请先上传承诺本身。")
        have_version, have = current
        self._check_subject(rule, have)
        if have_version != rec.base_version:
            same = have_version == version and all(
                (have.get(k) or None) == (payload.get(k) or None) for k in FULFILMENT_FIELDS
            )
            if same:  # the same determination arrived from another device already
                self._receipt(rec.kind, rec.id, version, digest)
                return protocol.PushAnswer(kind=rec.kind, id=rec.id, status="duplicate", version=version)
            return self._conflict(rec, rule, have_version, have, "stale_base")
        merged = {**have, **{k: payload.get(k) for k in FULFILMENT_FIELDS}, "version": version}
        self._updates.append(
            {
                "k": rule.updates,
                "i": rec.id,
                "payload": canonical(merged),
                "version": version,
                "updated_at": self.now,
            }
        )
        self._receipt(rec.kind, rec.id, version, digest)
        self.current[(rule.updates, rec.id)] = (version, merged)
        if rule.shared:
            self.writer.put(rule.shared, share(rule.shared, merged))
        return protocol.PushAnswer(kind=rec.kind, id=rec.id, status="accepted", version=version)

    def _again(
        self, rec: protocol.PushRecord, rule: KindRule, same: bool, key: tuple[str, str], version: int
    ) -> protocol.PushAnswer:
        """A key the platform has accepted before: a duplicate, or a conflict when the content differs."""
        if same:
            return protocol.PushAnswer(kind=rec.kind, id=rec.id, status="duplicate", version=version)
        have_version, have = self.current.get(key, (version, {}))
        return self._conflict(rec, rule, have_version, have, "different_content")

    def _conflict(
        self, rec: protocol.PushRecord, rule: KindRule, version: int, have: dict[str, Any], code: str
    ) -> protocol.PushAnswer:
        if code == "stale_base":
            reason = (
                f"这条{rule.label}在平台上已被修改：平台为第 {version} 版，您的修改基于第 "
                f"{rec.base_version} 版。请对照两个版本后决定保留哪一版。"
            )
        else:
            reason = (
                f"平台已有同一编号的{rule.label}，但内容不同。平台不会覆盖已接收的记录，请对照两个版本处理。"
            )
        return protocol.PushAnswer(
            kind=rec.kind,
            id=rec.id,
            status="conflict",
            code=code,
            reason=reason,
            current=have,
            current_version=version,
            version=version,
        )

    # -- checks ---------------------------------------------------------------------------

    def _check_subject(self, rule: KindRule, payload: Mapping[str, Any]) -> tuple[str | None, str | None]:
        if rule.subject is None:
            return None, None
        value = str(payload.get(rule.subject) or "").strip().upper()
        person = bool(rule.person_field) and all(payload.get(k) == v for k, v in rule.person_field.items())
        division = _subject_division(value, person, payload)
        known = self.divisions.get(value)
        if known:
            division = known
        if rule.jurisdiction and (
            division is None or not any(division.startswith(j) for j in self.acc.jurisdictions)
        ):
            where = division or "未知区划"
            raise _Refused(
                "forbidden_scope",
                f"主体 {value} 属于行政区划 {where}，不在您的辖区（{'、'.join(self.acc.jurisdictions)}）内，"
                f"平台不接收这条{rule.label}。",
            )
        return value, division

    def _check_unit(self, rule: KindRule, payload: Mapping[str, Any]) -> None:
        unit = str(payload.get("unit") or "").strip()
        if rule.unit and unit and unit != self.acc.unit:
            raise _Refused(
                "forbidden_unit",
                f"记录的填报单位“{unit}”与登录账号的单位“{self.acc.unit}”不符：请用本单位的账号上传。",
            )

    def _check_ready(self, rule: KindRule, payload: Mapping[str, Any]) -> None:
        for field in rule.depends_on:
            other = payload.get(field)
            if other and str(other) not in self.known and str(other) not in self._accepted:
                raise _Refused("missing_dependency", "所依附的记录尚未被平台接收，将在其上传后再上传。")
        missing = [s for s in referenced_attachments(rule, payload) if s not in self.complete]
        if missing:
            raise _Refused(
                "missing_attachment", f"有 {len(missing)} 个附件尚未上传完成，将在附件上传后再上传。"
            )

    def _check_verification(self, kind: str, payload: Mapping[str, Any]) -> None:
        from credit.reports.verification import verification_code

        if kind == "check_record":
            content = payload["report_content"]
            if content.get("check_id") != payload["id"]:
                raise _Refused("verification_mismatch", "核查报告内容与核查记录不对应。")
        else:
            from credit.inspections.records import content_for_verification

            row = {
                k: (v if isinstance(v, str) or v is None else json.dumps(v, ensure_ascii=False))
                for k, v in payload.items()
            }
            try:
                content = content_for_verification(row)
            except (KeyError, TypeError, ValueError) as exc:
                raise _Refused("invalid", f"检查记录缺少核验所需的内容（{exc}）。") from exc
        if verification_code(content) != payload["verification_code"]:
            raise _Refused(
                "verification_mismatch", "记录内容与其核验码不符：内容在打印后被改动过，平台不接收。"
            )
        self._verifications.append(
            {
                "code": payload["verification_code"],
                "kind": kind,
                "record_id": payload["id"],
                "unit": payload.get("unit") or self.acc.unit,
                "content": canonical(content),
                "received_at": self.now,
            }
        )

    # -- writing --------------------------------------------------------------------------

    def _row(
        self,
        kind: str,
        rid: str,
        subject: str | None,
        division: str | None,
        payload: Mapping[str, Any],
        version: int,
    ) -> dict[str, Any]:
        return {
            "kind": kind,
            "id": rid,
            "subject": subject,
            "division_code": division,
            "payload": canonical(payload),
            "version": version,
            "account": self.acc.name,
            "device": self.device,
            "received_at": self.now,
            "updated_at": self.now,
        }

    def _receipt(self, kind: str, rid: str, version: int, digest: str) -> None:
        self.receipts[(kind, rid, version)] = digest
        self._receipts.append(
            {
                "kind": kind,
                "id": rid,
                "version": version,
                "content_hash": digest,
                "account": self.acc.name,
                "device": self.device,
                "at": self.now,
            }
        )

    def _write(self) -> None:
        if self._inserts:
            self.conn.execute(pushed_record.insert(), self._inserts)
        if self._updates:
            self.conn.execute(
                pushed_record.update()
                .where(pushed_record.c.kind == sa.bindparam("k"), pushed_record.c.id == sa.bindparam("i"))
                .values(
                    payload=sa.bindparam("payload"),
                    version=sa.bindparam("version"),
                    updated_at=sa.bindparam("updated_at"),
                ),
                self._updates,
            )
        if self._receipts:
            self.conn.execute(receipt.insert(), self._receipts)
        codes = [{"code": c, "id": i} for c, i in self._codes.items() if c not in self.taken]
        if codes:
            self.conn.execute(commitment_code.insert(), codes)
        if self._verifications:
            fresh = {v["code"]: v for v in self._verifications}
            have = set(
                self.conn.execute(
                    sa.select(verification.c.code).where(verification.c.code.in_(sorted(fresh)))
                ).scalars()
            )
            rows = [v for c, v in fresh.items() if c not in have]
            if rows:
                self.conn.execute(verification.insert(), rows)


def _subject_division(value: str, person: bool, payload: Mapping[str, Any]) -> str | None:
    """The division of a record's subject, from the code itself; refuses malformed codes."""
    if person:
        from credit.commitments import CommitmentError, check_id_number

        try:
            return check_id_number(value)[:6]
        except CommitmentError as exc:
            raise _Refused("invalid_subject", exc.reason) from exc
    from credit.domain import uscc as uscc_rules

    try:
        parsed = uscc_rules.parse(value)
    except uscc_rules.USCCFormatError as exc:
        raise _Refused("invalid_subject", f"统一社会信用代码 {value} 格式错误：{exc.reason}") from exc
    if not parsed.valid and not payload.get("checksum_override"):
        raise _Refused(
            "invalid_subject", f"统一社会信用代码 {value} 的校验码不正确，且记录没有写明确认原因。"
        )
    division = parsed.parts.division
    return division if len(division) == 6 and division.isdigit() else None


def _chunks(values: Sequence[str] | Iterable[str]) -> Iterable[list[str]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


__all__ = ["FULFILMENT_FIELDS", "RETRY_LATER", "Ingest", "commitment_share"]
