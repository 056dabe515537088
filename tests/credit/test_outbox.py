"""The outbox on a real encrypted work database: one mechanism for every kind, the push states,
what people read about each row, the publication deadline, device-numbered commitment codes, and
the 0005 migration keeping what was queued before it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from credit import commitments
from credit.desk import Operator
from credit.operator import OPERATOR_FILE
from credit.outbox_view import deadline_warnings, describe_row, listing, publication_deadline
from credit.store import outbox, schema
from credit.store.db import Store
from credit.store.keys import resolve_key
from credit.store.tables import commitment
from credit.store.tables import outbox as outbox_table

USCC = "91320411MA1MXK3Q55"


def _register(store: Store, operator: Operator, made_on: date, **kw: object) -> dict:
    from credit.domain.uscc import complete

    return commitments.register(
        store, operator, committer_name="测试公司", committer_category="法人及非法人组织",
        committer_code=complete("9132041100000001"), commitment_type="审批替代型",
        reason="申请", made_on=made_on, accepting_unit=operator.unit, publicity_type="可向社会公开",
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_every_write_queues_with_its_base_version_and_states_move_as_answered(
    store: Store, operator: Operator
) -> None:
    row = _register(store, operator, date(2026, 11, 23))
    commitments.record_fulfilment(
        store, operator, row["code"], fulfilment="全部履行", determined_on=date(2026, 11, 24),
        determining_unit=operator.unit, base_version=1,
    )  # fmt: skip
    with store.work.connect() as conn:
        queued = outbox.undelivered(conn)
    assert [(r.kind, r.base_version) for r in queued] == [("commitment", None), ("commitment_fulfilment", 1)]
    first, second = (r.seq for r in queued)
    with store.write_work() as conn:
        outbox.mark_sending(conn, [first, second])
        assert outbox.pending_count(conn) == 2  # on their way still counts as waiting
        outbox.record_answers(
            conn,
            [
                {"seq": first, "status": "accepted", "version": 1},
                {"seq": second, "status": "conflict", "code": "stale_base", "reason": "平台已修改",
                 "current": {"version": 2, "fulfilment": "全部未履行"}, "current_version": 2},
            ],
        )  # fmt: skip
        counts = outbox.counts(conn)
        assert counts["done"] == 1 and counts["conflict"] == 1 and outbox.pending_count(conn) == 0
        got = outbox.get(conn, second)
    assert got is not None and json.loads(got["conflict_payload"])["fulfilment"] == "全部未履行"
    assert got["platform_version"] == 2 and got["attempts"] == 1
    items = {i["seq"]: i for i in listing(store)}
    assert items[second]["status"] == "conflict" and items[second]["can_resolve"]
    assert items[second]["why"] == "平台已修改"
    assert items[first]["why"].startswith("平台已接收")
    assert list(items) == [second, first]  # what needs a person first


def test_rejected_rows_are_quarantined_and_resent_on_request(store: Store, operator: Operator) -> None:
    _register(store, operator, date(2026, 11, 23))
    with store.write_work() as conn:
        [seq] = [r.seq for r in outbox.undelivered(conn)]
        outbox.mark_sending(conn, [seq])
        refusal = {"seq": seq, "status": "rejected", "code": "forbidden_unit", "reason": "单位不符"}
        outbox.record_answers(conn, [refusal])
        assert outbox.counts(conn)["rejected"] == 1 and outbox.pending_count(conn) == 0
        assert outbox.resend(conn, seq) and not outbox.resend(conn, seq)
        row = outbox.get(conn, seq)
    assert row is not None and row["status"] == "pending" and row["reason"] is None


def test_a_failed_batch_goes_back_to_pending_with_why_and_when(store: Store, operator: Operator) -> None:
    _register(store, operator, date(2026, 11, 23))
    with store.write_work() as conn:
        [seq] = [r.seq for r in outbox.undelivered(conn)]
        outbox.mark_sending(conn, [seq])
        outbox.mark_retry(conn, [seq], "无法连接到共享平台", "2026-11-23T10:00:00+00:00")
        row = outbox.get(conn, seq)
    assert row is not None and row["status"] == "pending" and row["next_attempt_utc"].startswith("2026-11-23")
    assert describe_row(row)["why"] == "上次上传未成功：无法连接到共享平台"


def test_publication_deadlines_and_records_at_risk() -> None:
    public = {"made_on": "2025-09-26", "publicity_type": "可向社会公开"}
    deadline, _ = publication_deadline("commitment", public)
    assert deadline == "2025-10-13"  # the reference's worked example, across the National Day holiday
    assert publication_deadline("commitment", {**public, "publicity_type": "不可公开"}) == (None, None)
    assert publication_deadline("inspection", {"publication_deadline": "2026-12-09"})[0] == "2026-12-09"
    assert publication_deadline("check_record", {"uscc": USCC}) == (None, None)
    row = {"seq": 1, "kind": "commitment", "record_id": "x", "status": "pending"}
    row["payload"] = json.dumps(public)
    late = describe_row(row, today=date(2025, 10, 15))
    assert late["at_risk"] and "已超过公示期限 2 个工作日" in late["deadline_note"]
    near = describe_row(row, today=date(2025, 10, 11))
    assert near["at_risk"] and "仅剩 1 个工作日" in near["deadline_note"]
    early = describe_row(row, today=date(2025, 9, 28))
    assert not early["at_risk"] and early["deadline_note"].startswith("剩余")
    sent = describe_row({**row, "status": "done", "outcome": "accepted"}, today=date(2025, 10, 15))
    assert not sent["at_risk"]  # the platform has it: publishing is its job now
    [warning] = deadline_warnings([late, early, sent])
    assert warning.startswith("1 条须公示的记录尚未被平台接收")


def test_device_numbers_head_the_commitment_serial(store: Store, operator: Operator) -> None:
    day = date(2026, 11, 23)
    plain = _register(store, operator, day)
    assert plain["code"][-6:] == "000001"  # never signed in: 00
    numbered = replace(operator, device_no="07")
    a, b = _register(store, numbered, day), _register(store, numbered, day)
    assert (a["code"][-6:], b["code"][-6:]) == ("070001", "070002")
    with store.write_work() as conn:  # the platform holds codes up to 070041 (a device set up again)
        head = a["code"][:14]
        assert commitments.next_code(conn, head[:6], day, "07", floor=head + "070041").endswith("070042")
        assert commitments.next_code(conn, head[:6], day, "07", floor=head + "080041").endswith("070003")


def test_signing_in_names_the_operator(tmp_path: Path) -> None:
    before = {"user": "root", "stale_after_days": 3}
    (tmp_path / OPERATOR_FILE).write_text(json.dumps(before), encoding="utf-8")
    Operator.sign_in(tmp_path, user="李四", unit="张掖市甘州区市场监督管理局", device_no="12")
    op = Operator.load(tmp_path)
    assert (op.user, op.unit, op.device_no) == ("李四", "张掖市甘州区市场监督管理局", "12")
    assert op.stale_after_days == 3


def test_upgrade_from_0004_keeps_the_queue(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir, resolve_key(data_dir), migrate=False)
    try:
        cfg = schema.alembic_config()
        with store.work.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
            conn.exec_driver_sql(
                "INSERT INTO outbox(kind, record_id, payload, created_utc) "
                "VALUES ('check_record', 'x', '{}', 'now')"
            )
        backup = schema.migrate_work(store)
        assert backup is not None and backup.is_file()
        with store.work.connect() as conn:
            assert schema.current_revision(conn) == "0005"
            [row] = conn.execute(sa.select(outbox_table)).all()
            assert row.status == "pending" and row.attempts == 0 and row.outcome is None
            assert outbox.pending_count(conn) == 1
            assert conn.execute(sa.select(sa.func.count()).select_from(commitment)).scalar() == 0
    finally:
        store.close()
