"""Pushing field work to a real reference server over loopback (SQLite and PostgreSQL platforms).

Exactly once with content unchanged, shared commitments reaching another laptop's window check,
attachments first and resumable, refusals with reasons (role, jurisdiction, code collisions) that
are quarantined and can be fixed and resent, verification of a printed report, the audit head per
device, and a token that expires in the middle of a push.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from credit import commitments
from credit.platform_commitments import platform_rows
from credit.store import outbox
from credit.store.tables import attachment_blob, audit_log, platform_commitment
from credit.store.tables import outbox as outbox_table
from sync.errors import AuthRequired
from sync.server.db import device, iso, now_utc, pushed_record, receipt, token, write_begin
from tests.sync import fieldwork as fw
from tests.sync.conftest import Platform, token_for

HUA = "410526"


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[list[fw.Laptop]]:
    made: list[fw.Laptop] = []
    yield made
    for lt in made:
        lt.close()


def _open(
    made: list[fw.Laptop], tmp: Path, platform: Platform, user: str, name: str, **kw: object
) -> fw.Laptop:
    lt = fw.laptop(tmp / name, platform.base, user, **kw)  # type: ignore[arg-type]
    made.append(lt)
    return lt


def on_platform(platform: Platform, ids: set[str]) -> dict[tuple[str, str], tuple[int, dict]]:
    with platform.engine.connect() as conn:
        rows = conn.execute(
            sa.select(pushed_record.c.kind, pushed_record.c.id, pushed_record.c.version,
                      pushed_record.c.payload)
            .where(pushed_record.c.id.in_(sorted(ids)))
        ).all()  # fmt: skip
    return {(r.kind, r.id): (r.version, json.loads(r.payload)) for r in rows}


def receipts(platform: Platform, ids: set[str]) -> int:
    with platform.engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).select_from(receipt).where(receipt.c.id.in_(sorted(ids)))
            ).scalar_one()
        )


def assert_delivered_once(platform: Platform, lt: fw.Laptop) -> None:
    """Every record of the laptop is on the platform once, with the content it sent, and the
    outbox holds nothing undelivered."""
    rows = fw.outbox_rows(lt.store)
    assert rows and all(r["status"] in ("done", "superseded") for r in rows), {
        (r["kind"], r["status"], r["reason"]) for r in rows if r["status"] != "done"
    }
    want = fw.expected_on_platform(rows)
    ids = {rid for _, rid in want}
    have = on_platform(platform, ids)
    assert set(have) == set(want)
    for key, payload in want.items():
        version, stored = have[key]
        if key[0] == "commitment":
            for name in ("code", "committer_code", "fulfilment", "determined_on", "version"):
                assert stored.get(name) == payload.get(name), (key, name)
            assert version == payload["version"]
        else:
            assert stored == payload, key
    keys = {
        (
            r["kind"],
            r["record_id"],
            json.loads(r["payload"]).get("version", 1) if r["kind"].startswith("commit") else 1,
        )
        for r in rows
        if r["kind"] != "attachment" and r["status"] == "done"
    }
    assert receipts(platform, ids) == len(keys)


def test_window_work_arrives_once_and_a_breach_reaches_another_window(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    a = _open(laptops, tmp_path, platform, "huaxian", "a")
    assert (
        a.operator.user == "张三" and a.operator.unit == "滑县市场监督管理局"
    )  # from the account, not "root"
    assert a.operator.device_no is not None and len(a.operator.device_no) == 2
    fw.window_work(a, random.Random(1), 14)
    today = date.today()
    [breach_code] = fw.usccs(a.store, 1, random.Random(99))
    made = commitments.register(
        a.store, a.operator, committer_name="违诺测试公司", committer_category="法人及非法人组织",
        committer_code=breach_code, commitment_type="审批替代型", reason="申请办理", made_on=today,
        accepting_unit=a.operator.unit, publicity_type="可向社会公开",
    )  # fmt: skip
    assert made["code"][14:16] == a.operator.device_no  # the serial starts with the device number
    commitments.record_fulfilment(
        a.store, a.operator, made["code"], fulfilment="全部未履行", determined_on=today,
        determining_unit=a.operator.unit, base_version=1,
    )  # fmt: skip
    result = a.client.sync(a.store)
    assert result.push is not None and result.push.conflict == result.push.rejected == 0
    assert result.push.accepted == len(fw.outbox_rows(a.store)) and result.pending_outbox == 0
    assert result.backup is not None and result.backup.is_file()
    assert "上传" in result.summary and "全部上传" in result.summary
    assert_delivered_once(platform, a)
    again = a.client.sync(a.store)
    assert again.push is not None and again.push.sent == 0  # nothing sent twice

    b = _open(laptops, tmp_path, platform, "huaxian", "b")  # another window of the same county
    assert b.operator.device_no != a.operator.device_no
    theirs = platform_rows(b.store, breach_code)
    assert [r["code"] for r in theirs if r["code"] == made["code"]] == [made["code"]]
    assert {r["fulfilment"] for r in theirs if r["code"] == made["code"]} == {"全部未履行"}
    check = b.desk.check(breach_code, "NOTIFY_COMMIT")
    fired = [f for f in check.outcome.fired if f.record.kind == "commitment_breach"]
    assert fired and {f.record.id for f in fired} == {made["code"]}, check.outcome.fired
    assert "滑县市场监督管理局受理" in fired[0].record.summary
    profile = b.desk.profile(breach_code)  # and the entity's profile there lists it
    assert profile is not None
    [section] = [s for s in profile.sections if s.key == "commitments"]
    [shown] = [r for r in section.rows if r["code"] == made["code"]]
    assert shown["source"] == "共享平台" and shown["breached"] and not shown["open"]
    listing = tmp_path / "batch.csv"  # the batch check at that window sees it too
    listing.write_text(f"统一社会信用代码\n{breach_code}\n", encoding="utf-8")
    from credit.batch_check import run_batch

    [batch_row] = run_batch(b.store, b.operator, listing, "NOTIFY_COMMIT").rows
    assert batch_row.verdict == check.outcome.verdict != "pass"
    assert any("滑县市场监督管理局受理" in line for line in batch_row.reasons), batch_row.reasons


def test_inspections_upload_attachments_first_and_resume_a_partial_upload(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sync.push

    lt = _open(laptops, tmp_path, platform, "tongchuan", "insp")
    done = fw.inspection_work(lt, random.Random(3), 3, photos=2)
    monkeypatch.setattr(sync.push, "PART", 8 * 1024)  # small parts, so a resume is visible
    first = done[0]["attachments"][0]["sha256"]
    with lt.store.work.connect() as conn:
        blob = bytes(
            conn.execute(
                sa.select(attachment_blob.c.data).where(attachment_blob.c.sha256 == first)
            ).scalar_one()
        )
    tok = token_for(platform.base, "tongchuan")
    head = {"Authorization": f"Bearer {tok}"}
    part = 8 * 1024
    r = requests.put(
        f"{platform.base}/api/v1/attachments/{first}", data=blob[:part],
        headers={**head, "Content-Range": f"bytes 0-{part - 1}/{len(blob)}"}, timeout=10,
    )  # fmt: skip
    assert r.status_code == 200 and r.json() == {
        "sha256": first,
        "size": len(blob),
        "received": part,
        "complete": False,
    }
    result = lt.client.push(lt.store)
    shas = {a["sha256"] for rec in done for a in rec["attachments"]} | {
        rec["signature_sha256"] for rec in done
    }
    with lt.store.work.connect() as conn:
        sizes = dict(conn.execute(sa.select(attachment_blob.c.sha256, attachment_blob.c.size)).all())
    assert result.attachments == len(shas)
    assert result.attachment_bytes == sum(sizes[s] for s in shas) - part  # the first part was not sent again
    assert result.rejected == result.conflict == 0
    assert_delivered_once(platform, lt)
    h = requests.head(f"{platform.base}/api/v1/attachments/{first}", headers=head, timeout=10)
    assert h.status_code == 200 and h.headers["Upload-Complete"] == "1"
    # what the platform holds is the photo itself
    with platform.engine.connect() as conn:
        from sync.server.db import attachment_part

        parts = conn.execute(
            sa.select(attachment_part.c.data)
            .where(attachment_part.c.sha256 == first)
            .order_by(attachment_part.c.start)
        ).scalars()  # fmt: skip
        assert hashlib.sha256(b"".join(parts)).hexdigest() == first


def test_a_wrong_hash_is_discarded(platform: Platform) -> None:
    tok = token_for(platform.base, "tongchuan")
    data = b"not the content the name promises"
    fake = hashlib.sha256(b"something else").hexdigest()
    r = requests.put(
        f"{platform.base}/api/v1/attachments/{fake}", data=data,
        headers={"Authorization": f"Bearer {tok}", "Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}"},
        timeout=10,
    )  # fmt: skip
    assert r.status_code == 422 and r.json()["code"] == "attachment_mismatch"
    h = requests.head(
        f"{platform.base}/api/v1/attachments/{fake}", headers={"Authorization": f"Bearer {tok}"}, timeout=10
    )
    assert h.headers["Upload-Complete"] == "0" and h.headers["Upload-Offset"] == "0"


def test_lost_answers_make_duplicates_not_copies(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    lt = _open(laptops, tmp_path, platform, "huaxian", "dup")
    fw.window_work(lt, random.Random(5), 8)
    lt.client.push(lt.store)
    rows = fw.outbox_rows(lt.store)
    ids = {r["record_id"] for r in rows}
    before = receipts(platform, ids)
    with lt.store.write_work() as conn:  # as if every answer had been lost on the way back
        conn.execute(outbox_table.update().values(status="sending", outcome=None))
    again = lt.client.push(lt.store)
    assert again.duplicate == len(rows) and again.accepted == 0
    assert receipts(platform, ids) == before
    assert_delivered_once(platform, lt)


def test_wrong_role_is_refused_quarantined_and_resent_after_signing_in_right(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    lt = _open(laptops, tmp_path, platform, "huaxian", "role")
    fw.window_work(lt, random.Random(7), 6)
    checks = [r for r in fw.outbox_rows(lt.store) if r["kind"] == "check_record"]
    assert checks
    lt.client.login(platform.base, "tongchuan", fw.DEMO_PASSWORD, device="role-laptop")  # an inspector
    result = lt.client.push(lt.store)
    rows = {r["seq"]: r for r in fw.outbox_rows(lt.store)}
    for c in checks:
        row = rows[c["seq"]]
        assert row["status"] == "rejected" and row["reason_code"] == "forbidden_role"
        assert "执法人员" in row["reason"] and "信用核查记录" in row["reason"]
    assert result.rejected >= len(checks)
    assert not on_platform(platform, {c["record_id"] for c in checks})
    lt.client.login(platform.base, "huaxian", fw.DEMO_PASSWORD, device="role-laptop")
    with lt.store.write_work() as conn:
        for row in rows.values():
            if row["status"] == "rejected":
                assert outbox.resend(conn, row["seq"])
    lt.client.push(lt.store)
    assert_delivered_once(platform, lt)


def test_records_outside_the_jurisdiction_are_refused(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    lt = _open(laptops, tmp_path, platform, "tongchuan", "scope")  # inspector of 6102 (铜川)
    fw.inspection_work(lt, random.Random(11), 2, fail=True, interview=True)  # with orders and interviews
    lt.client.login(platform.base, "ganzhou", fw.DEMO_PASSWORD, device="scope-laptop")  # inspector of 620702
    result = lt.client.push(lt.store)
    rows = fw.outbox_rows(lt.store)
    inspections = [r for r in rows if r["kind"] == "inspection"]
    assert inspections and all(
        r["status"] == "rejected" and r["reason_code"] == "forbidden_scope" for r in inspections
    )
    assert all("不在您的辖区" in r["reason"] and "620702" in r["reason"] for r in inspections)
    others = [r for r in rows if r["kind"] in ("rectification", "interview")]
    assert len(others) == 4  # an order and an interview for each: about the same outside entities
    assert all(r["status"] == "rejected" and r["reason_code"] == "forbidden_scope" for r in others)
    assert result.rejected == len(inspections) + len(others) and result.accepted == 0
    assert not on_platform(platform, {r["record_id"] for r in inspections})


def test_colliding_commitment_codes_are_refused_and_renumbered(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    from credit.platform_commitments import renumber

    made = []
    codes = fw.usccs(_open(laptops, tmp_path, platform, "huaxian", "seed").store, 2, random.Random(13))
    for name in ("c1", "c2"):  # two laptops that registered before anyone signed them in
        lt = _open(laptops, tmp_path, platform, "huaxian", name, pull=False)
        with_defaults = lt.operator
        import credit.operator as op_mod

        no_device = op_mod.Operator(with_defaults.user, with_defaults.unit, with_defaults.device)
        row = commitments.register(
            lt.store, no_device, committer_name="编码测试", committer_category="法人及非法人组织",
            committer_code=codes[0], commitment_type="审批替代型", reason="申请", made_on=date.today(),
            accepting_unit=no_device.unit, publicity_type="可向社会公开", division=HUA,
        )  # fmt: skip
        made.append((lt, row))
    assert made[0][1]["code"] == made[1][1]["code"] and made[0][1]["code"][14:16] == "00"
    made[0][0].client.push(made[0][0].store)
    second, row = made[1]
    commitments.record_fulfilment(  # determined before it ever reached the platform
        second.store, second.operator, row["code"], fulfilment="全部履行", determined_on=date.today(),
        determining_unit=second.operator.unit, base_version=1,
    )  # fmt: skip
    second.client.push(second.store)
    refused, waiting = fw.outbox_rows(second.store)
    assert refused["status"] == "rejected" and refused["reason_code"] == "commitment_code_taken"
    assert row["code"] in refused["reason"] and "重新编号" in refused["reason"]
    assert waiting["kind"] == "commitment_fulfilment" and waiting["status"] == "pending"  # held back
    from credit.outbox_view import listing

    [held] = [i for i in listing(second.store) if i["seq"] == waiting["seq"]]
    assert held["why"].startswith(f"等待第 {refused['seq']} 条（被拒收）")
    fixed = renumber(second.store, second.operator, refused["seq"])
    assert fixed["code"] != row["code"] and fixed["code"][14:16] == second.operator.device_no
    second.client.push(second.store)
    assert_delivered_once(platform, second)
    have = on_platform(platform, {row["id"]})
    version, stored = have[("commitment", row["id"])]
    assert stored["code"] == fixed["code"] and version == 2 and stored["fulfilment"] == "全部履行"


def test_a_forged_report_code_is_refused_and_a_genuine_one_verified(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    lt = _open(laptops, tmp_path, platform, "huaxian", "verify")
    [code] = fw.usccs(lt.store, 1, random.Random(17))
    check = lt.desk.check(code, "GOV_PROCUREMENT")
    [row] = [r for r in fw.outbox_rows(lt.store) if r["kind"] == "check_record"]
    forged = json.loads(row["payload"])
    forged["report_content"]["verdict"] = "pass" if forged["verdict"] != "pass" else "prohibited"
    with lt.store.write_work() as conn:  # someone edits what the report said after printing
        conn.execute(
            outbox_table.update().where(outbox_table.c.seq == row["seq"]).values(payload=json.dumps(forged))
        )
    lt.client.push(lt.store)
    [after] = [r for r in fw.outbox_rows(lt.store) if r["kind"] == "check_record"]
    assert after["status"] == "rejected" and after["reason_code"] == "verification_mismatch"
    answer = lt.client.verify(check.verification_code)
    assert not answer.found and "伪造" in answer.detail
    with lt.store.write_work() as conn:
        conn.execute(
            outbox_table.update().where(outbox_table.c.seq == row["seq"]).values(payload=row["payload"])
        )
        assert outbox.resend(conn, row["seq"])
    lt.client.push(lt.store)
    answer = lt.client.verify(check.verification_code.replace("-", " ").lower())
    assert answer.found and answer.kind == "check_record" and answer.record_id == check.id
    assert answer.content is not None and answer.content["entity"]["uscc"] == code
    assert answer.content["verdict"] == check.outcome.verdict and "核验通过" in answer.detail


def test_the_platform_reports_a_truncated_audit_log(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    lt = _open(laptops, tmp_path, platform, "huaxian", "audit")
    fw.window_work(lt, random.Random(19), 3)
    first = lt.client.push(lt.store)
    assert first.audit is not None and first.audit.status == "ok"
    acked = first.audit.acknowledged
    assert acked is not None and acked.seq >= 3
    with lt.store.write_work() as conn:  # a key holder removes the newest rows (and the trigger)
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        conn.execute(audit_log.delete().where(audit_log.c.seq >= acked.seq - 1))
    fw.window_work(lt, random.Random(20), 1)  # ... and the log grows again, shorter than acknowledged
    later = lt.client.push(lt.store)
    assert later.audit is not None and later.audit.status in ("truncated", "rewritten")
    assert later.audit.acknowledged == acked and later.problems and "报告平台管理员" in later.problems[0]
    with platform.engine.connect() as conn:
        alert = conn.execute(
            sa.select(device.c.audit_alert).where(
                device.c.account == "huaxian", device.c.device == "huaxian-audit"
            )
        ).scalar_one()
    assert alert and ("truncated" in alert or "rewritten" in alert)


def _expire_tokens(platform: Platform) -> None:
    with write_begin(platform.engine) as conn:
        conn.execute(token.update().values(expires_at=iso(now_utc() - timedelta(minutes=1))))


def test_a_token_expiring_mid_push_signs_in_again_and_sends_nothing_twice(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    lt = _open(laptops, tmp_path, platform, "huaxian", "expiry")
    fw.window_work(lt, random.Random(23), 12)
    calls = []

    def after_batch(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 3:  # the start, the attachments, the first batch: then it expires
            _expire_tokens(platform)

    # without a way to sign in again: the push stops, nothing is lost
    with pytest.raises(AuthRequired):
        lt.client.push(lt.store, batch_size=4, progress=after_batch)
    states = {r["status"] for r in fw.outbox_rows(lt.store)}
    assert states == {"done", "pending"}
    # with one (the CLI prompt, the GUI's sign-in dialog): it signs in and goes on
    calls.clear()
    lt.client.login(platform.base, "huaxian", fw.DEMO_PASSWORD, device="huaxian-expiry")
    asked = []
    result = lt.client.push(
        lt.store, batch_size=3, progress=after_batch, renew=lambda: asked.append(1) or fw.DEMO_PASSWORD
    )
    assert asked == [1] and result.renewed == 1 and result.duplicate == 0
    assert_delivered_once(platform, lt)


def test_platform_commitments_need_a_fresh_cache(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    """The cache table is part of the pull: a laptop that pulled holds what the platform shares."""
    lt = _open(laptops, tmp_path, platform, "huaxian", "pc")
    with platform.engine.connect() as conn:
        shared = conn.execute(
            sa.select(sa.func.count()).select_from(pushed_record).where(
                pushed_record.c.kind == "commitment", pushed_record.c.division_code.like(f"{HUA}%")
            )
        ).scalar_one()  # fmt: skip
    with lt.store.cache.connect() as conn:
        have = conn.execute(sa.select(sa.func.count()).select_from(platform_commitment)).scalar_one()
    assert have == shared


def test_batches_too_large_for_one_request_are_split_and_a_record_too_large_is_refused(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    lt = _open(laptops, tmp_path, platform, "huaxian", "large")
    codes = fw.usccs(lt.store, 4, random.Random(31))
    for code, size in zip(codes, (6, 6, 6, 17), strict=True):  # MiB of 承诺内容: 18 together, 17 alone
        commitments.register(
            lt.store, lt.operator, committer_name="大记录测试", committer_category="法人及非法人组织",
            committer_code=code, commitment_type="审批替代型", reason="申请", made_on=date.today(),
            accepting_unit=lt.operator.unit, publicity_type="可向社会公开", content="x" * (size << 20),
        )  # fmt: skip
    result = lt.client.push(lt.store)
    assert result.accepted == 3 and result.rejected == 1 and result.batches >= 2
    rows = fw.outbox_rows(lt.store)
    assert [r["status"] for r in rows] == ["done", "done", "done", "rejected"]
    assert rows[3]["reason_code"] == "too_large" and "16 MiB" in rows[3]["reason"]


def test_inspections_and_interviews_reach_the_profiles_of_other_laptops(
    platform: Platform, tmp_path: Path, laptops: list[fw.Laptop]
) -> None:
    mine = _open(laptops, tmp_path, platform, "tongchuan", "insp-a")
    done = fw.inspection_work(mine, random.Random(37), 2, fail=True, interview=True)
    mine.client.sync(mine.store)
    other = _open(laptops, tmp_path, platform, "tongchuan", "insp-b")  # a colleague's laptop
    for rec in done:
        for lt, source in ((other, "共享平台"), (mine, "本机记录")):
            profile = lt.desk.profile(rec["party_code"], record=False)
            assert profile is not None
            sections = {s.key: s for s in profile.sections}
            rows = [r for r in sections["inspections"].rows if r["record_no"] == rec["record_no"]]
            assert [r["source"] for r in rows] == [source], (lt.path.name, rows)  # once, never twice
            assert rows[0]["result"].startswith(rec["result_code"])
            talks = sections["interviews"].rows
            assert talks and all(t["source"] == source for t in talks)
