"""The printed documents read back: the inspection record and the plan (PDF and XLSX)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from credit.inspections import attachments, drafts, records
from credit.inspections.exports import PLAN_COLUMNS, RECORD_COLUMNS
from credit.inspections.plans import draw_plan
from credit.inspections.service import Inspections
from credit.operator import Operator
from credit.store.db import Store
from tests.credit.inspections import sample
from tests.credit.inspections.test_records import photo
from tests.credit.reports import pdftools


@pytest.fixture
def service(store: Store, operator: Operator) -> Inspections:
    sample.fill(store)
    return Inspections(store, operator)


@pytest.fixture
def plan(service: Inspections) -> dict[str, Any]:
    return draw_plan(
        service.store, service.operator, sample.config(), sample.roster(), "20261120", now=sample.NOW
    )


def _finalised(service: Inspections, plan: dict[str, Any]) -> dict[str, Any]:
    store, operator = service.store, service.operator
    draft = records.start_for_task(store, operator, sample.task_id(store, plan, sample.code(151)))
    data = sample.fill_draft(draft["data"], sample.NOW - timedelta(hours=1), "09")
    pics = [attachments.store_bytes(store, f"现场{i}.jpg", photo((40 * i, 90, 120))) for i in range(1, 5)]
    sig = attachments.store_bytes(store, "signature.png", photo((250, 250, 250), (400, 120)), "signature")
    data.update(
        attachments=[p.to_dict() for p in pics],
        signature=sig.to_dict(),
        present_person="王经营",
        findings="进货查验记录缺失，责令限期整改。",
        latitude=35.575,
        longitude=114.52,
    )
    drafts.save(store, draft["id"], data)
    return service.finalise(draft["id"], now=sample.NOW)


def test_inspection_record_pdf_reads_back(service: Inspections, plan: dict, tmp_path: Path) -> None:
    rec = _finalised(service, plan)
    pdf = service.record_pdf(rec["id"], tmp_path / "record.pdf")
    text = pdftools.text(pdf)
    flat = re.sub(r"\s+", "", text)
    for expected in (
        "现场检查记录",
        rec["record_no"],
        rec["party_name"],
        rec["party_code"],
        "食品经营者监督检查",
        "SC_FOOD_OPERATION",
        "U-SC-FOOD-001",
        plan["plan_no"],
        "滑县市场监督管理局",
        "双随机抽查",
        "09发现问题待后续处理",
        "不符合",
        "未建立进货查验记录",
        "《食品安全法》第三十五条",
        "执法证号",
        "北纬35.57500",
        "王经营",
        "现场1.jpg",
        rec["verification_code"],
        "第1页共",
    ):
        assert expected.replace(" ", "") in flat, expected
    for inspector in rec["inspectors"]:
        assert inspector["cert_no"] in flat and inspector["name"] in flat
    assert f"依规应于{rec['publication_deadline']}前公示" in flat
    assert all(embedded for _, embedded in pdftools.fonts(pdf))
    assert pdftools.image_count(pdf) == 5  # four photos and the signature


def test_a_record_finalised_after_its_publication_deadline_says_so(
    service: Inspections, plan: dict, tmp_path: Path
) -> None:
    """Inspected Fri 2026-10-30, deadline 7 working days later (Tue 11-10), finalised 11-20."""
    store, operator = service.store, service.operator
    draft = records.start_for_task(store, operator, sample.task_id(store, plan, sample.code(153)))
    drafts.save(store, draft["id"], sample.fill_draft(draft["data"], sample.NOW - timedelta(days=21)))
    rec = service.finalise(draft["id"], now=sample.NOW)
    assert rec["publication_deadline"] == "2026-11-10" and records.publication_late(rec)
    flat = re.sub(r"\s+", "", pdftools.text(service.record_pdf(rec["id"], tmp_path / "late.pdf")))
    assert "依规应于2026-11-10前公示检查结果（7个工作日内）。本记录定稿时已超过公示期限，应立即公示。" in flat
    in_time = _finalised(service, plan)
    assert not records.publication_late(in_time)
    flat = re.sub(r"\s+", "", pdftools.text(service.record_pdf(in_time["id"], tmp_path / "ok.pdf")))
    assert "已超过公示期限" not in flat


def test_a_correction_prints_what_it_corrects(service: Inspections, plan: dict, tmp_path: Path) -> None:
    rec = _finalised(service, plan)
    draft = service.start_correction(rec["id"])
    data = draft["data"]
    data["correction_reason"] = "照片标注错误"
    service.save_draft(draft["id"], data)
    fixed = service.finalise(draft["id"], now=sample.NOW + timedelta(hours=2))
    flat = re.sub(r"\s+", "", pdftools.text(service.record_pdf(fixed["id"], tmp_path / "fixed.pdf")))
    assert f"更正原记录{rec['record_no']}" in flat and "照片标注错误" in flat


def test_plan_pdf_and_xlsx_for_publication(service: Inspections, plan: dict, tmp_path: Path) -> None:
    pdf = service.plan_pdf(plan, tmp_path / "plan.pdf")
    flat = re.sub(r"\s+", "", pdftools.text(pdf))
    for expected in (
        "双随机抽查计划",
        plan["plan_no"],
        "随机种子",
        "20261120",
        plan["pool"]["sha256"],
        plan["result_sha256"],
        "巴彦淖尔市2022",
        "未评级",
        "sha256-fisher-yates/1",
    ):
        assert expected in flat, expected
    for task in plan["tasks"]:
        assert task["uscc"] in flat
    assert all(embedded for _, embedded in pdftools.fonts(pdf))
    xlsx = service.plan_xlsx(plan, tmp_path / "plan.xlsx")
    wb = load_workbook(xlsx, read_only=True)
    rows = list(wb["抽取结果"].iter_rows(values_only=True))
    assert rows[0] == tuple(name for name, _ in PLAN_COLUMNS) and len(rows) == len(plan["tasks"]) + 1
    assert {r[2] for r in rows[1:]} == {t["uscc"] for t in plan["tasks"]}
    method = dict(wb["抽取方法"].iter_rows(values_only=True))
    assert method["随机种子"] == "20261120" and method["主体库 SHA-256"] == plan["pool"]["sha256"]


def test_the_published_plan_names_no_entitys_credit_grade(
    service: Inspections, plan: dict, tmp_path: Path
) -> None:
    """一公开 publishes entity, matters, inspectors and date; grades stay in the plan file (the
    draw needs them), and the publication shows only the counts per grade."""
    assert {t["grade"] for t in plan["tasks"]} >= {"A", "B", "C", "D"}  # the file keeps them
    raw = pdftools.text(service.plan_pdf(plan, tmp_path / "plan.pdf"))
    flat = re.sub(r"\s+", "", raw)
    assert "统一社会信用代码检查事项执法人员" in flat and "等级检查事项" not in flat
    assert "A级" in flat and "D级" in flat  # the per-grade counts of the matrix table
    for task in plan["tasks"]:
        after = raw.split(task["uscc"], 1)[1].split()[0]
        assert after not in ("A", "B", "C", "D", "未评"), (task["uscc"], after)
    wb = load_workbook(service.plan_xlsx(plan, tmp_path / "plan.xlsx"), read_only=True)
    header, *rows = list(wb["抽取结果"].iter_rows(values_only=True))
    assert "信用等级" not in header and not any(cell in ("A", "B", "C", "D") for row in rows for cell in row)


def test_records_export_lists_current_records_since_a_day(
    service: Inspections, plan: dict, tmp_path: Path
) -> None:
    rec = _finalised(service, plan)
    out = tmp_path / "records.xlsx"
    assert service.export_records(sample.NOW.date(), out) == 1
    rows = list(load_workbook(out, read_only=True)["检查记录"].iter_rows(values_only=True))
    assert rows[0] == tuple(name for name, _ in RECORD_COLUMNS)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["检查行为编号"] == rec["record_no"] and row["检查结果代码"] == "09"
    assert row["统一社会信用代码"] == sample.code(151) and "F01" in row["不符合项"]
    assert service.export_records(sample.NOW.date() + timedelta(days=1), out) == 0


def _page_of(pages: list[str], text: str) -> int | None:
    return next((i for i, page in enumerate(pages) if text in page), None)


def test_section_headings_stay_with_what_they_head(service: Inspections, plan: dict, tmp_path: Path) -> None:
    """Whatever the length of the findings, 检查内容, 检查结果 and 现场照片及材料 never sit alone at
    the foot of a page with their content on the next; very long findings run on, not fail."""
    from credit.reports.inspection_record import RecordPrint, build_inspection_record

    rec = _finalised(service, plan)
    images = service.thumbnails([a["sha256"] for a in rec["attachments"]])
    for length in (*range(0, 400, 40), 2400):
        pdf = tmp_path / f"record-{length}.pdf"
        build_inspection_record(RecordPrint({**rec, "findings": "查" * length}, images=images), pdf)
        pages = [pdftools.text(pdf, n) for n in range(1, pdftools.page_count(pdf) + 1)]
        for heading, first in (
            ("检查内容", "序号"),
            ("检查结果", "09 发现问题待后续处理"),
            ("现场照片及材料", "现场1.jpg"),
        ):
            where = _page_of(pages, heading)
            assert where is not None and where == _page_of(pages, first), (length, heading)
