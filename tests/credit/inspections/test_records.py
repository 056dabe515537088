"""Drafts and records on a real encrypted store: validation, one-transaction writes, immutability
enforced by the database, corrections, the publication deadline, attachments at rest."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from PIL import Image

from credit.domain.inspection_catalog import load_inspection_catalog
from credit.inspections import InspectionError, attachments, drafts, records
from credit.inspections.plans import draw_plan
from credit.operator import Operator
from credit.store import audit
from credit.store.db import Store
from credit.store.tables import attachment_blob, inspection_draft, inspection_record, outbox
from tests.credit.inspections import sample


@pytest.fixture
def plan(store: Store, operator: Operator) -> dict[str, Any]:
    sample.fill(store)
    return draw_plan(store, operator, sample.config(), sample.roster(), "20261120", now=sample.NOW)


def _task_draft(store: Store, operator: Operator, plan: dict[str, Any], n: int = 151) -> dict[str, Any]:
    return records.start_for_task(store, operator, sample.task_id(store, plan, sample.code(n)))


def photo(colour: tuple[int, int, int] = (180, 40, 40), size: tuple[int, int] = (1200, 900)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def test_a_task_draft_starts_from_the_task_and_autosaves(
    store: Store, operator: Operator, plan: dict
) -> None:
    draft = _task_draft(store, operator, plan)
    data = draft["data"]
    assert data["uscc"] == sample.code(151) and data["matter_code"] == "SC_FOOD_OPERATION"
    assert len(data["inspectors"]) == 2 and "豫A001" not in [i["cert_no"] for i in data["inspectors"]]
    assert set(data["answers"]) == {f"F0{i}" for i in range(1, 9)}
    data["findings"] = "现场检查中"
    assert drafts.save(store, draft["id"], data) == 2
    assert drafts.get(store, draft["id"])["data"]["findings"] == "现场检查中"
    again = records.start_for_task(store, operator, draft["task_id"])  # reopening shows the draft
    assert again["id"] == draft["id"] and again["data"]["findings"] == "现场检查中"
    drafts.discard(store, operator, draft["id"])
    with pytest.raises(LookupError):
        drafts.save(store, draft["id"], data)  # a late autosave cannot resurrect it


def test_finalising_lists_every_problem_at_once(store: Store, operator: Operator, plan: dict) -> None:
    draft = _task_draft(store, operator, plan)
    data = draft["data"]
    data["inspectors"] = [{"name": "李明", "cert_no": "豫A001"}]
    data["answers"]["F01"] = {"answer": "不符合", "note": ""}
    data["result_code"] = "01"
    data["inspected_at"] = (sample.NOW + timedelta(hours=2)).isoformat()
    data["latitude"] = 35.5
    data["signature"] = {"sha256": "0" * 64}
    drafts.save(store, draft["id"], data)
    with pytest.raises(InspectionError) as info:
        records.finalise(store, operator, draft["id"], now=sample.NOW)
    text = info.value.reason
    for expected in (
        "两名以上执法人员",
        "晚于现在",
        "判为不符合，请在备注中写明",
        "以下必查项尚未填写结论",
        "有 1 项判为不符合",
        "同时填写纬度和经度",
        "请填写签名人",
    ):
        assert expected in text, expected
    assert drafts.get(store, draft["id"]) is not None  # nothing lost


def test_submission_must_follow_the_inspection(store: Store, operator: Operator, plan: dict) -> None:
    draft = _task_draft(store, operator, plan)
    drafts.save(store, draft["id"], sample.fill_draft(draft["data"], sample.NOW + timedelta(minutes=2)))
    with pytest.raises(InspectionError, match="报送时间须晚于检查时间"):
        records.finalise(store, operator, draft["id"], now=sample.NOW)


def test_result_and_checklist_must_agree(store: Store, operator: Operator, plan: dict) -> None:
    draft = _task_draft(store, operator, plan)
    data = sample.fill_draft(draft["data"], sample.NOW - timedelta(hours=1), "01")
    data["result_code"] = "09"  # 发现问题待后续处理, but every item 符合
    drafts.save(store, draft["id"], data)
    with pytest.raises(InspectionError, match="请在检查表中标明不符合的项目"):
        records.finalise(store, operator, draft["id"], now=sample.NOW)


def test_unreachable_premises_need_no_checklist(store: Store, operator: Operator, plan: dict) -> None:
    draft = _task_draft(store, operator, plan)
    data = draft["data"]
    data.update(
        result_code="10", inspected_at=(sample.NOW - timedelta(hours=1)).isoformat(), place="登记住所"
    )
    drafts.save(store, draft["id"], data)
    rec = records.finalise(store, operator, draft["id"], now=sample.NOW)
    assert rec["result_name"] == "通过登记的住所（经营场所）无法联系"
    assert all(a["answer"] == "" for a in rec["answers"])


def test_finalise_writes_record_outbox_and_audit_and_removes_the_draft(
    store: Store, operator: Operator, plan: dict
) -> None:
    draft = _task_draft(store, operator, plan)
    data = sample.fill_draft(draft["data"], sample.NOW - timedelta(hours=1), "09")
    pic = attachments.store_bytes(store, "门头.jpg", photo())
    sig = attachments.store_bytes(store, "signature.png", photo((255, 255, 255), (300, 100)), "signature")
    data.update(attachments=[pic.to_dict()], signature=sig.to_dict(), present_person="经营者151")
    drafts.save(store, draft["id"], data)
    rec = records.finalise(store, operator, draft["id"], now=sample.NOW)
    assert rec["record_no"].startswith("JC20261120-") and rec["plan_no"] == plan["plan_no"]
    assert rec["agency"] == "滑县市场监督管理局" and rec["agency_code"] == "11410526MB1952409L"
    assert rec["submitted_at"] > rec["inspected_at"] and len(rec["inspectors"]) == 2
    with store.work.connect() as conn:
        kinds = [r.kind for r in conn.execute(sa.select(outbox).order_by(outbox.c.seq))]
        assert kinds == ["inspection_plan", "inspection", "attachment", "attachment"]
        assert conn.execute(sa.select(inspection_draft)).first() is None
        last = audit.recent(conn, 1)[0]
        assert audit.verify(conn).ok
    assert last["action"] == "inspection_finalise" and last["uscc"] == sample.code(151)
    assert json.loads(last["detail"])["verification_code"] == rec["verification_code"]
    assert records.for_task(store, draft["task_id"])[0]["id"] == rec["id"]


def test_publication_deadline_counts_seven_working_days() -> None:
    catalog = load_inspection_catalog()
    # The reference's worked example: Fri 2025-09-26 → 2025-10-13 (National Day and make-up days).
    assert records.publication_deadline(date(2025, 9, 26), catalog) == ("2025-10-13", None)
    deadline, note = records.publication_deadline(date(2026, 12, 28), catalog)  # runs into 2027
    assert deadline is None and note is not None and "2027年" in note and "不会自行推测" in note


def test_finalised_records_are_immutable_in_the_database(
    store: Store, operator: Operator, plan: dict
) -> None:
    rec = sample.finalised_for(store, operator, plan, sample.code(151), sample.NOW)
    with store.work.connect() as conn:
        for statement in (
            "UPDATE inspection_record SET result_code = '01' WHERE id = :id",
            "DELETE FROM inspection_record WHERE id = :id",
            "UPDATE inspection_plan SET seed = 'other'",
            "DELETE FROM inspection_task",
            "UPDATE inspection_task SET inspectors = '[]'",
        ):
            with pytest.raises(sa.exc.DatabaseError, match="final and cannot be changed"):
                conn.execute(sa.text(statement), {"id": rec["id"]})
            conn.rollback()
        assert conn.execute(sa.select(inspection_record.c.result_code)).scalar() == "01"


def test_attachment_bytes_are_kept_while_a_record_uses_them(
    store: Store, operator: Operator, plan: dict
) -> None:
    draft = _task_draft(store, operator, plan)
    pic = attachments.store_bytes(store, "p.jpg", photo())
    data = sample.fill_draft(draft["data"], sample.NOW - timedelta(hours=1))
    data["attachments"] = [pic.to_dict()]
    drafts.save(store, draft["id"], data)
    records.finalise(store, operator, draft["id"], now=sample.NOW)
    with store.work.connect() as conn:
        with pytest.raises(sa.exc.DatabaseError, match="belongs to a finalised record"):
            conn.execute(attachment_blob.delete().where(attachment_blob.c.sha256 == pic.sha256))
        conn.rollback()
        with pytest.raises(sa.exc.DatabaseError, match="immutable"):
            conn.execute(attachment_blob.update().values(mime="x"))
        conn.rollback()
    assert attachments.prune(store) == 0 and attachments.content(store, pic.sha256) == photo()


def test_corrections_are_new_records_naming_the_original(
    store: Store, operator: Operator, plan: dict
) -> None:
    original = sample.finalised_for(store, operator, plan, sample.code(151), sample.NOW)
    draft = records.start_correction(store, operator, original["id"])
    assert draft["data"]["corrects"] == original["id"] and draft["data"]["result_code"] == "01"
    data = draft["data"]
    data["findings"] = "补记：现场另查见健康证明过期一份，已当场更换。"
    drafts.save(store, draft["id"], data)
    with pytest.raises(InspectionError, match="请填写更正原因"):
        records.finalise(store, operator, draft["id"], now=sample.NOW + timedelta(hours=1))
    data["correction_reason"] = "漏记现场情况"
    drafts.save(store, draft["id"], data)
    fixed = records.finalise(store, operator, draft["id"], now=sample.NOW + timedelta(hours=1))
    assert fixed["corrects"] == original["id"] and fixed["record_no"] != original["record_no"]
    assert [r["id"] for r in records.history(store, original["id"])] == [original["id"], fixed["id"]]
    assert [r["id"] for r in records.for_task(store, original["task_id"])] == [fixed["id"]]
    assert records.get(store, original["id"])["findings"] is None  # the original stays as it was
    with pytest.raises(InspectionError, match=r"已被 .* 更正"):
        records.start_correction(store, operator, original["id"])
    with store.work.connect() as conn:
        assert audit.recent(conn, 1)[0]["action"] == "inspection_correct"


def test_attachments_are_content_addressed_with_thumbnails(store: Store) -> None:
    a = attachments.store_bytes(store, "a.jpg", photo())
    b = attachments.store_bytes(store, "same-again.jpg", photo())
    assert a.sha256 == b.sha256 and a.kind == "photo" and (a.width, a.height) == (1200, 900)
    with store.work.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(attachment_blob)).scalar() == 1
    thumb = attachments.thumbnails(store, [a.sha256])[a.sha256]
    with Image.open(io.BytesIO(thumb)) as img:
        assert max(img.size) == attachments.THUMB_PX and img.format == "JPEG"
    doc = attachments.store_bytes(store, "整改报告.pdf", b"%PDF-1.4 minimal")
    assert doc.kind == "document" and doc.mime == "application/pdf"
    assert attachments.thumbnails(store, [doc.sha256]) == {}


def test_photos_are_not_in_plaintext_on_disk(store: Store) -> None:
    marker = b"CREDITDESK-PLAINTEXT-MARKER-" * 50
    attachments.store_bytes(store, "note.txt", marker)
    for path in store.data_dir.glob("work.db*"):
        assert b"CREDITDESK-PLAINTEXT-MARKER" not in path.read_bytes(), path.name


@pytest.mark.parametrize(
    ("name", "data", "kind", "message"),
    [
        ("x.exe", b"MZ\x90\x00", None, "类型不支持"),
        ("sig.png", b"not an image", "signature", "不是可识别的图片"),
        ("empty.jpg", b"", None, "是空的"),
    ],
)
def test_unusable_files_are_refused_with_the_reason(
    store: Store, name: str, data: bytes, kind: str | None, message: str
) -> None:
    with pytest.raises(InspectionError, match=message):
        attachments.store_bytes(store, name, data, kind)


def test_removed_photos_are_pruned_but_draft_photos_kept(
    store: Store, operator: Operator, plan: dict
) -> None:
    draft = _task_draft(store, operator, plan)
    kept = attachments.store_bytes(store, "kept.jpg", photo((10, 200, 10)))
    attachments.store_bytes(store, "removed.jpg", photo((10, 10, 200)))
    data = draft["data"]
    data["attachments"] = [kept.to_dict()]
    drafts.save(store, draft["id"], data)
    assert attachments.prune(store) == 1
    assert attachments.content(store, kept.sha256) is not None


def test_ad_hoc_inspection_outside_a_plan(store: Store, operator: Operator) -> None:
    sample.fill(store)
    draft = records.start_ad_hoc(store, operator, sample.code(3), "SC_PRICE", "投诉举报核查")
    drafts.save(store, draft["id"], sample.fill_draft(draft["data"], sample.NOW - timedelta(hours=3)))
    rec = records.finalise(store, operator, draft["id"], now=sample.NOW)
    assert rec["plan_id"] is None and rec["action_name"] == "经营者价格行为检查（投诉举报核查）"
    assert rec["agency"] == operator.unit
    with pytest.raises(InspectionError, match="检查类别"):
        records.start_ad_hoc(store, operator, sample.code(3), "SC_PRICE", "随便看看")
    with pytest.raises(InspectionError, match="没有代码为"):
        records.start_ad_hoc(store, operator, sample.code(555), "SC_PRICE", "投诉举报核查")


def test_naive_times_are_local() -> None:
    assert records.parse_moment("2026-11-20T09:30").tzinfo is not None
    assert records.parse_moment("2026-11-20T09:30:00+00:00") == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def test_signature_strokes_are_rendered_once_at_finalising(
    store: Store, operator: Operator, plan: dict
) -> None:
    draft = _task_draft(store, operator, plan)
    data = sample.fill_draft(draft["data"], sample.NOW - timedelta(hours=1))
    data["signature_strokes"] = {
        "width": 400,
        "height": 140,
        "strokes": [[[20, 100], [120, 30], [220, 110]], [[300, 70]]],
    }
    drafts.save(store, draft["id"], data)
    with pytest.raises(InspectionError, match="请填写签名人"):
        records.finalise(store, operator, draft["id"], now=sample.NOW)
    data["present_person"] = "经营者151"
    drafts.save(store, draft["id"], data)
    rec = records.finalise(store, operator, draft["id"], now=sample.NOW)
    png = attachments.content(store, rec["signature_sha256"])
    assert png is not None
    with Image.open(io.BytesIO(png)) as img:
        assert img.format == "PNG" and img.size == (800, 280)  # twice the pad, for paper
        ink = img.convert("L").point(lambda v: v < 128).getbbox()
    assert ink is not None and ink[0] < 60 and ink[2] > 590  # the stroke spans the drawn range


# -- who may sign the record ------------------------------------------------------------------


def _with_unit_roster(store: Store) -> None:
    (store.data_dir / "inspectors.json").write_text(
        json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8"
    )


def _finalise_with(
    store: Store, operator: Operator, draft: dict[str, Any], people: list[dict[str, str]]
) -> None:
    data = sample.fill_draft(draft["data"], sample.NOW - timedelta(hours=1))
    data["inspectors"] = people
    drafts.save(store, draft["id"], data)
    records.finalise(store, operator, draft["id"], now=sample.NOW)


def test_an_inspector_who_declared_a_conflict_cannot_sign_an_ad_hoc_record(
    store: Store, operator: Operator
) -> None:
    """赵磊 declared a conflict through entity 152's legal representative (unit roster file)."""
    sample.fill(store)
    _with_unit_roster(store)
    draft = records.start_ad_hoc(store, operator, sample.code(152), "SC_FOOD_OPERATION", "重点检查")
    people = [{"name": "赵磊", "cert_no": "豫A003"}, {"name": "王芳", "cert_no": "豫A002"}]
    with pytest.raises(InspectionError) as info:
        _finalise_with(store, operator, draft, people)
    assert "执法人员赵磊（豫A003）已申报与该主体存在利害关系，依规应当回避" in info.value.reason
    assert drafts.get(store, draft["id"]) is not None  # nothing lost
    _finalise_with(store, operator, draft, [people[1], {"name": "孙静", "cert_no": "豫A004"}])


def test_certificate_numbers_must_be_real_and_in_the_roster(store: Store, operator: Operator) -> None:
    sample.fill(store)
    draft = records.start_ad_hoc(store, operator, sample.code(153), "SC_FOOD_OPERATION", "重点检查")
    with pytest.raises(InspectionError) as info:  # no roster here: at least not "x" and "y"
        _finalise_with(
            store, operator, draft, [{"name": "甲", "cert_no": "x"}, {"name": "乙", "cert_no": "y"}]
        )
    assert "执法证号“x”（甲）不像有效的执法证号" in info.value.reason and "“y”" in info.value.reason
    _with_unit_roster(store)
    people = [{"name": "王芳", "cert_no": "豫A999"}, {"name": "孙静", "cert_no": "豫A005"}]
    with pytest.raises(InspectionError) as info:
        _finalise_with(store, operator, draft, people)
    text = info.value.reason
    assert "执法证号“豫A999”（王芳）不在执法人员名录中" in text and "inspectors.json" in text
    assert "执法证号“豫A005”在名录中属于周建国，而不是“孙静”" in text


def test_a_plan_task_checks_the_plans_roster_and_the_conflicts_its_draw_applied(
    store: Store, operator: Operator, plan: dict
) -> None:
    """No unit roster file on this laptop: the plan's own record of who was excluded applies."""
    by_code = _task_draft(store, operator, plan, 151)  # 李明 declared 151 (by USCC)
    with pytest.raises(InspectionError, match="执法人员李明（豫A001）已申报"):
        _finalise_with(
            store,
            operator,
            by_code,
            [{"name": "李明", "cert_no": "豫A001"}, by_code["data"]["inspectors"][0]],
        )
    by_rep = _task_draft(
        store, operator, plan, 152
    )  # 赵磊 declared 152 (by its legal rep, masked in the file)
    with pytest.raises(InspectionError, match="执法人员赵磊（豫A003）已申报"):
        _finalise_with(
            store, operator, by_rep, [{"name": "赵磊", "cert_no": "豫A003"}, by_rep["data"]["inspectors"][0]]
        )
    with pytest.raises(InspectionError, match="不在执法人员名录中"):
        _finalise_with(
            store,
            operator,
            by_rep,
            [{"name": "某人", "cert_no": "豫B12345"}, by_rep["data"]["inspectors"][0]],
        )


def test_the_form_is_offered_only_colleagues_without_a_conflict(
    store: Store, operator: Operator, plan: dict
) -> None:
    from credit.inspections.service import Inspections

    service = Inspections(store, operator)
    offered = service.colleagues(sample.code(152), plan["id"])
    assert ("赵磊", "豫A003") not in offered and ("王芳", "豫A002") in offered
    assert ("陈晓燕", "豫A006") not in offered  # inactive
    assert ("李明", "豫A001") not in service.colleagues(sample.code(151), plan["id"])
    assert service.colleagues(sample.code(153)) == []  # no roster applies outside a plan here
    _with_unit_roster(store)
    assert ("赵磊", "豫A003") not in service.colleagues(sample.code(152))  # by legal rep, unit roster
    assert len(service.colleagues(sample.code(153))) == 5
