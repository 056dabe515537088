"""Finalised records edited behind the program's back (trigger dropped, row changed, trigger
restored) are reported by ``audit verify`` and refused for printing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from credit import cli
from credit.desk import Desk
from credit.inspections import InspectionError
from credit.inspections.plans import draw_plan
from credit.inspections.records import content_for_verification
from credit.reports.verification import verification_code
from credit.store.db import Store
from credit.store.tables import inspection_plan, inspection_record
from tests.credit.inspections import sample


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDITDESK_PASSPHRASE", "integrity-test-passphrase")
    return tmp_path / "data"


@pytest.fixture
def finalised(data_dir: Path) -> dict[str, Any]:
    """A plan and one record that found a problem (09), as on the auditor's machine."""
    desk = Desk.open(data_dir)
    try:
        sample.fill(desk.store)
        plan = draw_plan(desk.store, desk.operator, sample.config(), sample.roster(), "s", now=sample.NOW)
        from datetime import timedelta

        rec = sample.finalised_for(
            desk.store, desk.operator, plan, sample.code(151), sample.NOW + timedelta(hours=1), result="09"
        )
    finally:
        desk.close()
    return {"plan": plan, "record": rec}


def _behind_the_back(store: Store, table: str, statement: sa.Update) -> None:
    """What the audit did with a SQLite shell: drop the trigger, change the row, restore it."""
    with store.write_work() as conn:
        trigger = f"{table}_no_update"
        sql = conn.exec_driver_sql(f"SELECT sql FROM sqlite_master WHERE name = '{trigger}'").scalar_one()
        conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        conn.execute(statement)
        conn.exec_driver_sql(sql)


def _audit_verify(capsys: pytest.CaptureFixture[str], data_dir: Path) -> tuple[int, dict[str, Any], str]:
    code = cli.main(["--data-dir", str(data_dir), "audit", "verify", "--json"])
    data = json.loads(capsys.readouterr().out)
    cli.main(["--data-dir", str(data_dir), "audit", "verify"])
    return code, data, capsys.readouterr().out


def test_untouched_records_pass(capsys: pytest.CaptureFixture[str], data_dir: Path, finalised: dict) -> None:
    code, data, text = _audit_verify(capsys, data_dir)
    assert code == 0 and data["ok"] and data["records"]["ok"]
    assert data["records"]["checked"] == {
        "inspection_record": 1,
        "inspection_plan": 1,
        "rectification_order": 0,
        "check_record": 0,
    }
    assert "定稿记录完整：检查记录 1 条、抽查计划 1 条" in text


def test_a_result_changed_by_raw_sql_is_reported_and_not_printed(
    capsys: pytest.CaptureFixture[str], data_dir: Path, finalised: dict, tmp_path: Path
) -> None:
    rec = finalised["record"]
    desk = Desk.open(data_dir)
    try:
        answers = rec["answers"]
        for a in answers:
            a["answer"] = "符合"
        _behind_the_back(
            desk.store,
            "inspection_record",
            sa.update(inspection_record)
            .where(inspection_record.c.id == rec["id"])
            .values(
                result_code="01", result_name="未发现问题", answers=json.dumps(answers, ensure_ascii=False)
            ),
        )
        assert desk.audit_verify().ok  # the chain itself is intact: only the record was changed
        with pytest.raises(InspectionError) as info:
            desk.inspections.record_pdf(rec["id"], tmp_path / "tampered.pdf")
    finally:
        desk.close()
    assert "不予打印" in info.value.reason and rec["record_no"] in info.value.reason
    assert not (tmp_path / "tampered.pdf").exists()
    code, data, text = _audit_verify(capsys, data_dir)
    assert code == 1 and not data["ok"] and data["log_ok"] and not data["records"]["ok"]
    assert f"检查记录 {rec['record_no']}：按记录内容重新计算的核验码" in text
    assert "检查结果代码为“01”，写入时的审计记录为“09”" in text
    code = cli.main(
        ["--data-dir", str(data_dir), "inspections", "pdf", rec["record_no"], "-o", str(tmp_path / "x.pdf")]
    )
    assert code == 1 and "不予打印" in capsys.readouterr().err


def test_a_tampered_record_with_a_recomputed_code_still_disagrees_with_its_audit_row(
    capsys: pytest.CaptureFixture[str], data_dir: Path, finalised: dict
) -> None:
    rec = finalised["record"]
    desk = Desk.open(data_dir)
    try:
        with desk.store.work.connect() as conn:
            row = dict(conn.execute(sa.select(inspection_record)).one()._mapping)
        row["result_code"] = "01"
        forged_code = verification_code(content_for_verification(row))
        _behind_the_back(
            desk.store,
            "inspection_record",
            sa.update(inspection_record).values(result_code="01", verification_code=forged_code),
        )
    finally:
        desk.close()
    code, _data, text = _audit_verify(capsys, data_dir)
    assert code == 1
    assert f"核验码为“{forged_code}”，写入时的审计记录为“{rec['verification_code']}”" in text
    assert "按记录内容重新计算" not in text  # the forger did recompute the code


def test_a_rewritten_plan_row_is_reported(
    capsys: pytest.CaptureFixture[str], data_dir: Path, finalised: dict
) -> None:
    desk = Desk.open(data_dir)
    try:
        _behind_the_back(desk.store, "inspection_plan", sa.update(inspection_plan).values(seed="suits-me"))
    finally:
        desk.close()
    code, _, text = _audit_verify(capsys, data_dir)
    assert code == 1 and f"抽查计划 {finalised['plan']['plan_no']}" in text
    assert "随机种子为“suits-me”，写入时的审计记录为“s”" in text
