"""creditdesk plan draw / verify / list and inspections export / pdf, run in-process."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from credit import cli
from credit.desk import Desk
from credit.store.loader import upsert_entities
from tests.credit.inspections import sample
from tests.credit.reports import pdftools


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDITDESK_PASSPHRASE", "cli-test-passphrase")
    path = tmp_path / "data"
    desk = Desk.open(path)
    sample.fill(desk.store)
    desk.close()
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "roster.json").write_text(json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "config.json"
    config = {
        "name": "2026年第四季度食品经营双随机抽查",
        "year": 2026,
        "due": "2026-12-31",
        "divisions": ["410526"],
        "sectors": ["FOOD"],
        "roster": "roster.json",
    }
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_draw_then_verify_then_detect_a_change(
    capsys: pytest.CaptureFixture[str], data_dir: Path, config: Path, tmp_path: Path
) -> None:
    plan, xlsx, pdf = tmp_path / "plan.json", tmp_path / "plan.xlsx", tmp_path / "plan.pdf"
    code, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "plan",
        "draw",
        "--config",
        str(config),
        "--seed",
        "20261120",
        "-o",
        str(plan),
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
    )
    assert code == 0, err
    doc = json.loads(plan.read_text(encoding="utf-8"))
    assert "随机种子：20261120" in out and f"抽中 {len(doc['tasks'])} 户" in out
    assert xlsx.is_file() and pdftools.page_count(pdf) >= 1

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "verify", str(plan))
    assert code == 0 and "一致（identical）" in out

    desk = Desk.open(data_dir)
    with desk.store.write_cache() as conn:
        upsert_entities(conn, [sample.entity(60, "D")])
    desk.close()
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "plan",
        "verify",
        str(plan),
        "--roster",
        str(tmp_path / "roster.json"),
    )
    assert code == 1 and "不一致" in out and f"{sample.code(60)} B → D" in out

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--json", "plan", "list")
    assert code == 0 and json.loads(out)[0]["plan_no"] == doc["plan_no"]


def test_draw_errors_are_one_readable_message(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "sectors": ["FOOD"]}', encoding="utf-8")
    code, _, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "plan",
        "draw",
        "--config",
        str(bad),
        "--seed",
        "1",
        "-o",
        str(tmp_path / "p.json"),
    )
    assert code == 1 and "“divisions”应为非空的文本列表" in err and "Traceback" not in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "plan", "verify", str(tmp_path / "none.json"))
    assert code == 1 and "找不到计划文件" in err


def test_verify_of_a_malformed_plan_file_names_the_fields(
    capsys: pytest.CaptureFixture[str], data_dir: Path, config: Path, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    argv = [
        "--data-dir",
        str(data_dir),
        "plan",
        "draw",
        "--config",
        str(config),
        "--seed",
        "7",
        "-o",
        str(plan),
    ]
    assert run(capsys, *argv)[0] == 0
    doc = json.loads(plan.read_text(encoding="utf-8"))
    del doc["seed"]
    doc["pool"]["entries"]["FOOD"][3] = doc["pool"]["entries"]["FOOD"][3][:2]  # a short row
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "plan", "verify", str(broken))
    assert code == 1 and not out and "Traceback" not in err
    assert "缺少“seed”（随机种子" in err and "“pool.entries.FOOD”第 4 行" in err


def test_inspections_export_and_pdf(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    from credit.inspections.plans import draw_plan

    desk = Desk.open(data_dir)
    doc = draw_plan(desk.store, desk.operator, sample.config(), sample.roster(), "s", now=sample.NOW)
    rec = sample.finalised_for(
        desk.store, desk.operator, doc, sample.code(151), sample.NOW + timedelta(hours=1)
    )
    desk.close()
    out_xlsx = tmp_path / "records.xlsx"
    code, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "inspections",
        "export",
        "--since",
        "2026-11-01",
        "-o",
        str(out_xlsx),
    )
    assert code == 0, err
    assert "1 条检查记录" in out
    rows = list(load_workbook(out_xlsx, read_only=True).active.iter_rows(values_only=True))
    assert rows[1][0] == rec["record_no"]
    code, _, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "inspections",
        "export",
        "--since",
        "2026-13-01",
        "-o",
        str(out_xlsx),
    )
    assert code == 1 and "YYYY-MM-DD" in err
    pdf = tmp_path / "record.pdf"
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "inspections", "pdf", rec["record_no"], "-o", str(pdf)
    )
    assert code == 0 and rec["record_no"] in pdftools.text(pdf)
