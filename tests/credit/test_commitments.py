"""Credit commitments: codes, validation, 容缺受理 deadlines, fulfilment, breaches seen by checks."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from credit import cli
from credit import commitments as cm
from credit.desk import Desk
from credit.domain import workdays
from credit.operator import Operator
from credit.reports.commitment_letter import build_commitment_letter
from credit.store import audit
from credit.store.db import Store
from credit.store.keys import DbKey
from credit.store.loader import bulk_insert_entities, set_info
from credit.store.tables import audit_log, commitment, outbox
from credit.window_check import breached_commitments, run_check
from tests.credit.reports import pdftools

GOOD = "91110000600037341L"  # division 110000
OTHER = "91350200MA31E12PXF"
BAD_CHECK = "91350203M0001QAY9B"  # well formed, fails its 18th character
PERSON_ID = "11010519491231002X"
CLERK = Operator("李四", "滑县市场监督管理局", "window-03")
UNIT = "滑县市场监督管理局"
NOW = datetime(2026, 11, 22, 2, 30, tzinfo=UTC)
D = date.fromisoformat


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    key = DbKey("\"x'" + "ab" * 32 + "'\"", "keyring")
    st = Store.open(tmp_path / "data", key)
    with st.write_cache() as conn:
        bulk_insert_entities(
            conn,
            [
                {"uscc": GOOD, "name": "常州新北瑞丰精密机械有限公司", "grade": "B"},
                {"uscc": OTHER, "name": "厦门海湾贸易有限公司", "grade": "A"},
            ],
        )
        set_info(conn, as_of="2026-11-21 18:02")
    try:
        yield st
    finally:
        st.close()


@pytest.fixture(autouse=True)
def no_local_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the built-in calendar (2004–2026), whatever an administrator added to the shipped table."""
    path = tmp_path / "holidays_local.json"
    path.write_text('{"years": {}}', encoding="utf-8")
    monkeypatch.setattr(workdays, "_default_path", lambda: path)


def base(**over: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "committer_name": "常州新北瑞丰精密机械有限公司",
        "committer_category": "法人及非法人组织",
        "committer_code": GOOD,
        "commitment_type": "审批替代型",
        "reason": "申请食品经营许可",
        "made_on": D("2026-11-20"),
        "accepting_unit": UNIT,
        "publicity_type": "可向社会公开",
    }
    args.update(over)
    return args


def tolerant(**over: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "commitment_type": "容缺受理型",
        "missing_materials": ["场所平面图", "从业人员健康证明"],
        "deadline_working_days": 7,
    }
    args.update(over)
    return base(**args)


def counts(store: Store) -> tuple[int, int, int]:
    with store.work.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (commitment, outbox, audit_log)
        )


def outbox_rows(store: Store) -> list[Any]:
    with store.work.connect() as conn:
        return list(conn.execute(sa.select(outbox).order_by(outbox.c.seq)))


# -- codes ---------------------------------------------------------------------------------


def test_commitment_code_format() -> None:
    code = cm.commitment_code("410526", D("2026-11-22"), 7)
    assert code == "41052620261122000007" and len(code) == 20
    with pytest.raises(ValueError, match="6位数字"):
        cm.commitment_code("41052", D("2026-11-22"), 1)
    with pytest.raises(ValueError, match="流水号"):
        cm.commitment_code("410526", D("2026-11-22"), 1_000_000)


def test_codes_count_up_per_division_and_day(store: Store) -> None:
    first = cm.register(store, CLERK, **base())
    second = cm.register(store, CLERK, **base())
    other_day = cm.register(store, CLERK, **base(made_on=D("2026-11-21")))
    chosen = cm.register(store, CLERK, **base(division="410526"))
    assert first["code"] == "11000020261120000001"
    assert second["code"] == "11000020261120000002"
    assert other_day["code"] == "11000020261121000001"
    assert chosen["code"] == "41052620261120000001"
    with store.work.connect() as conn:
        assert cm.next_code(conn, "110000", D("2026-11-20")) == "11000020261120000003"


# -- register ------------------------------------------------------------------------------


def test_register_writes_row_outbox_and_audit_together(store: Store) -> None:
    row = cm.register(store, CLERK, **base(matter_code="FOOD_LICENCE", education_given=True, now=NOW))
    assert counts(store) == (1, 1, 1)
    assert (row["operator"], row["unit"], row["device"]) == ("李四", UNIT, "window-03")
    assert row["version"] == 1 and row["fulfilment"] is None and row["education_given"] == 1
    assert row["content"].startswith("承诺人常州新北瑞丰精密机械有限公司就“申请食品经营许可”")
    assert "吊销" in row["liability"]  # 审批替代型: licence revoked
    assert cm.get(store, row["code"]) == row
    (box,) = outbox_rows(store)
    assert (box.kind, box.record_id, box.status) == ("commitment", row["id"], "pending")
    assert json.loads(box.payload)["code"] == row["code"]
    with store.work.connect() as conn:
        assert audit.verify(conn).ok
        entry = conn.execute(sa.select(audit_log)).one()
    assert (entry.action, entry.uscc) == ("commitment_register", GOOD)
    assert json.loads(entry.detail)["code"] == row["code"]


def test_explicit_text_replaces_the_template(store: Store) -> None:
    row = cm.register(store, CLERK, **base(content="按期完成整改。", liability="承担法律责任。"))
    assert (row["content"], row["liability"]) == ("按期完成整改。", "承担法律责任。")


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"committer_code": "9111"}, "统一社会信用代码格式错误"),
        ({"committer_code": BAD_CHECK}, "第18位校验码"),
        ({"committer_category": "企业"}, "承诺人类别"),
        ({"committer_category": "自然人", "committer_code": "110105194912310021"}, "校验码应为“X”"),
        ({"committer_category": "自然人", "committer_code": "11010519491331002X"}, "出生日期"),
        ({"committer_category": "自然人", "committer_code": "1101051949"}, "应为18位"),
        ({"commitment_type": "告知承诺型"}, "承诺类型"),
        ({"publicity_type": "公开"}, "公开类型"),
        ({"committer_name": "  "}, "承诺人名称"),
        ({"reason": ""}, "承诺事由"),
        ({"accepting_unit": ""}, "受理单位"),
        ({"matter_code": "NO_SUCH"}, "未知的审批事项代码"),
        ({"valid_until": D("2026-01-01")}, "早于作出日期"),
        ({"missing_materials": ["场所平面图"]}, "只有容缺受理型"),
        ({"division": "11"}, "6位数字"),
        ({"commitment_type": "容缺受理型", "deadline_working_days": 5}, "须列明容缺"),
        ({"commitment_type": "容缺受理型", "missing_materials": ["健康证明"]}, "期限"),
        (
            {"commitment_type": "容缺受理型", "missing_materials": ["健康证明"], "deadline_working_days": 0},
            "至少为1个工作日",
        ),
    ],
)
def test_register_refuses_invalid_input(store: Store, over: dict[str, Any], message: str) -> None:
    with pytest.raises(cm.CommitmentError, match=message):
        cm.register(store, CLERK, **base(**over))
    assert counts(store) == (0, 0, 0)  # nothing written, nothing queued, nothing audited


def test_checksum_failure_needs_a_recorded_reason(store: Store) -> None:
    row = cm.register(store, CLERK, **base(committer_code=BAD_CHECK, override_reason="核对营业执照原件一致"))
    assert row["committer_code"] == BAD_CHECK and row["code"].startswith("350203")
    with store.work.connect() as conn:
        actions = [r.action for r in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq))]
    assert actions == ["uscc_override", "commitment_register"]


def test_natural_person_by_id_number(store: Store, tmp_path: Path) -> None:
    row = cm.register(
        store,
        CLERK,
        **base(committer_name="王建国", committer_category="自然人", committer_code="11010519491231002x"),
    )
    assert row["committer_code"] == PERSON_ID and row["code"].startswith("110105")
    with store.work.connect() as conn:
        assert conn.execute(sa.select(audit_log.c.uscc)).scalar_one() is None
    pdf = tmp_path / "person.pdf"
    build_commitment_letter(cm.letter_data(row), pdf)
    text = pdftotext(pdf)
    assert row["code"] in text and PERSON_ID not in text  # the ID number is printed masked


# -- 容缺受理 deadlines ---------------------------------------------------------------------


def test_tolerant_deadline_across_national_day_2025(store: Store) -> None:
    row = cm.register(store, CLERK, **tolerant(made_on=D("2025-09-26")))
    assert row["deadline"] == "2025-10-13"
    assert row["missing_materials"] == ["场所平面图", "从业人员健康证明"]
    assert "2025-10-13" in row["content"] and "场所平面图、从业人员健康证明" in row["content"]
    assert "7个工作日" in row["content"] and "撤销已作出的审批决定" in row["liability"]


@pytest.mark.parametrize(
    ("made_on", "days", "deadline"),
    [
        ("2026-02-12", 2, "2026-02-14"),  # Sat 02-14 is a make-up workday
        ("2026-02-12", 3, "2026-02-24"),  # then the Spring Festival, 02-15 … 02-23
        ("2026-02-26", 2, "2026-02-28"),  # Sat 02-28 is a make-up workday
    ],
)
def test_tolerant_deadline_across_spring_festival_2026(
    store: Store, made_on: str, days: int, deadline: str
) -> None:
    row = cm.register(store, CLERK, **tolerant(made_on=D(made_on), deadline_working_days=days))
    assert row["deadline"] == deadline


def test_tolerant_deadline_from_the_matter_template(store: Store) -> None:
    food = cm.register(store, CLERK, **tolerant(matter_code="FOOD_LICENCE", deadline_working_days=None))
    general = cm.register(
        store, CLERK, **tolerant(matter_code="TOLERANT_ACCEPTANCE", deadline_working_days=None)
    )
    assert food["deadline"] == "2026-11-27"  # 5 working days from Fri 2026-11-20
    assert "食品经营许可决定" in food["liability"]
    assert general["deadline"] == "2026-12-04"  # 10 working days


def test_deadline_into_an_unannounced_year_is_refused(store: Store) -> None:
    with pytest.raises(cm.CommitmentError, match="2027年的法定节假日和调休安排尚未录入") as info:
        cm.register(store, CLERK, **tolerant(made_on=D("2026-12-24"), deadline_working_days=10))
    assert "不会自行推测" in info.value.reason
    assert counts(store) == (0, 0, 0)


# -- fulfilment ----------------------------------------------------------------------------


def test_fulfilment_bumps_version_and_refuses_a_stale_base(store: Store) -> None:
    row = cm.register(store, CLERK, **tolerant())
    field = Operator("赵六", "滑县市场监督管理局", "field-tablet")
    done = cm.record_fulfilment(
        store,
        field,
        row["code"],
        fulfilment="全部履行",
        determined_on=D("2026-11-25"),
        determining_unit=UNIT,
        base_version=1,
    )
    assert done["version"] == 2 and done["fulfilment"] == "全部履行"
    with pytest.raises(cm.VersionConflict, match="当前为第 2 版") as info:
        cm.record_fulfilment(
            store,
            CLERK,
            row["code"],
            fulfilment="全部未履行",
            determined_on=D("2026-11-26"),
            determining_unit=UNIT,
            base_version=1,
        )
    assert info.value.stored == cm.get(store, row["code"]) and info.value.stored["fulfilment"] == "全部履行"
    kinds = [b.kind for b in outbox_rows(store)]
    assert kinds == ["commitment", "commitment_fulfilment"]
    assert json.loads(outbox_rows(store)[1].payload)["version"] == 2
    with store.work.connect() as conn:
        assert audit.verify(conn).ok
        actions = [r.action for r in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq))]
    assert actions == ["commitment_register", "commitment_fulfilment"]


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"fulfilment": "已履行"}, "履行状态"),
        ({"fulfilment": "部分履行"}, "未履行的内容"),
        ({"unmet_content": "未提交"}, "全部履行的承诺不应"),
        ({"determining_unit": " "}, "认定单位"),
        ({"determined_on": D("2026-11-01")}, "早于承诺作出日期"),
    ],
)
def test_fulfilment_validation(store: Store, over: dict[str, Any], message: str) -> None:
    row = cm.register(store, CLERK, **base())
    args: dict[str, Any] = {
        "fulfilment": "全部履行",
        "determined_on": D("2026-11-25"),
        "determining_unit": UNIT,
        "base_version": 1,
    }
    args.update(over)
    with pytest.raises(cm.CommitmentError, match=message):
        cm.record_fulfilment(store, CLERK, row["code"], **args)
    assert counts(store) == (1, 1, 1)
    with pytest.raises(cm.CommitmentError, match="没有编码为"):
        cm.record_fulfilment(
            store,
            CLERK,
            "11000020261120999999",
            fulfilment="全部履行",
            determined_on=D("2026-11-25"),
            determining_unit=UNIT,
            base_version=1,
        )


def test_breach_changes_later_checks(store: Store) -> None:
    row = cm.register(store, CLERK, **tolerant(made_on=D("2026-11-02")))
    before = run_check(store, CLERK, GOOD, "TOLERANT_ACCEPTANCE", now=NOW)
    assert before.outcome.verdict == "pass"
    cm.record_fulfilment(
        store,
        CLERK,
        row["code"],
        fulfilment="全部未履行",
        determined_on=D("2026-11-20"),
        determining_unit=UNIT,
        unmet_content="逾期未补齐场所平面图",
        liability_pursued="撤销审批决定",
        base_version=1,
    )
    with store.work.connect() as conn:
        (breach,) = breached_commitments(conn, GOOD)
    assert breach["code"] == row["code"] and breach["breached_on"] == "2026-11-20"
    after = run_check(store, CLERK, GOOD, "TOLERANT_ACCEPTANCE", now=NOW)
    assert after.outcome.verdict == "restricted"
    assert "TOLERANT_ACCEPTANCE_EXCLUDE" in [f.code for f in after.outcome.fired]
    other = run_check(store, CLERK, OTHER, "TOLERANT_ACCEPTANCE", now=NOW)
    assert other.outcome.verdict == "pass"


def test_check_report_lists_the_commitments_registered_here(store: Store, tmp_path: Path) -> None:
    row = cm.register(store, CLERK, **tolerant(made_on=D("2026-11-02")))
    result = run_check(store, CLERK, GOOD, "HONOURS", now=NOW)
    [section] = [s for s in result.report.sections if s.key == "commitments"]
    assert [r["code"] for r in section.rows] == [row["code"]] and section.note is None
    pdf = tmp_path / "report.pdf"
    result.write_pdf(pdf)
    text = pdftools.text(pdf)
    assert row["code"] in text and "本地尚无" not in text
    other = run_check(store, CLERK, OTHER, "HONOURS", now=NOW)  # nobody else's commitments
    assert not next(s for s in other.report.sections if s.key == "commitments").rows


# -- due and overdue -----------------------------------------------------------------------


def test_due_and_overdue(store: Store) -> None:
    overdue = cm.register(store, CLERK, **tolerant(made_on=D("2026-11-02"), deadline_working_days=5))
    due_today = cm.register(store, CLERK, **tolerant(made_on=D("2026-11-13"), deadline_working_days=6))
    due_soon = cm.register(store, CLERK, **tolerant(made_on=D("2026-11-20"), deadline_working_days=3))
    later = cm.register(store, CLERK, **tolerant(made_on=D("2026-11-20"), deadline_working_days=10))
    done = cm.register(store, CLERK, **tolerant(made_on=D("2026-11-02"), deadline_working_days=5))
    cm.register(store, CLERK, **tolerant(made_on=D("2026-11-02"), accepting_unit="别的单位"))
    cm.register(store, CLERK, **base(made_on=D("2026-11-02")))
    cm.record_fulfilment(
        store,
        CLERK,
        done["code"],
        fulfilment="全部履行",
        determined_on=D("2026-11-06"),
        determining_unit=UNIT,
        base_version=1,
    )
    assert (overdue["deadline"], due_today["deadline"], due_soon["deadline"]) == (
        "2026-11-09",
        "2026-11-23",
        "2026-11-25",
    )
    lists = cm.due_and_overdue(store, UNIT, D("2026-11-23"))
    assert [r["code"] for r in lists["overdue"]] == [overdue["code"]]
    assert lists["overdue"][0]["working_days_overdue"] == 10
    assert [r["code"] for r in lists["due"]] == [due_today["code"], due_soon["code"]]
    assert [r["working_days_left"] for r in lists["due"]] == [0, 2]
    assert later["code"] not in [r["code"] for r in lists["due"]]
    assert cm.due_and_overdue(store, "别的单位", D("2026-11-01")) == {"due": [], "overdue": [], "notes": []}


def test_due_list_near_the_end_of_the_calendar_still_lists_what_it_can(store: Store) -> None:
    """On 2026-12-30 the 3-working-day horizon reaches 2027, which has no holiday data yet."""
    late = cm.register(store, CLERK, **tolerant(made_on=D("2026-12-21"), deadline_working_days=7))
    assert late["deadline"] == "2026-12-30"  # 12-22 … 12-30: seven weekdays, no holiday
    past = cm.register(store, CLERK, **tolerant(made_on=D("2026-12-01"), deadline_working_days=3))
    lists = cm.due_and_overdue(store, UNIT, D("2026-12-30"))
    assert [r["code"] for r in lists["overdue"]] == [past["code"]]
    assert [r["code"] for r in lists["due"]] == [late["code"]]
    assert lists["due"][0]["working_days_left"] == 0
    [note] = lists["notes"]
    assert "2026-12-31" in note and "2027年" in note and "人工核对" in note


# -- the letter ----------------------------------------------------------------------------


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_letter_pdf_shows_the_commitment(store: Store, tmp_path: Path) -> None:
    row = cm.register(store, CLERK, **tolerant(valid_until=D("2027-11-19")))
    data = cm.letter_data(row)
    assert data.made_on == D("2026-11-20") and data.valid_until == D("2027-11-19")
    pdf = tmp_path / "letter.pdf"
    build_commitment_letter(data, pdf)
    text = pdftotext(pdf)
    assert row["code"] in text and "容缺受理型" in text and GOOD in text


# -- CLI -----------------------------------------------------------------------------------


@pytest.fixture
def cli_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDITDESK_PASSPHRASE", "cli-test-passphrase")
    path = tmp_path / "cli"
    desk = Desk.open(path)
    with desk.store.write_cache() as conn:
        bulk_insert_entities(conn, [{"uscc": GOOD, "name": "常州新北瑞丰精密机械有限公司"}])
    desk.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


REGISTER = (
    "commit",
    "register",
    "--name",
    "常州新北瑞丰精密机械有限公司",
    "--code",
    GOOD,
    "--type",
    "容缺受理型",
    "--reason",
    "申请食品经营许可",
    "--unit",
    UNIT,
    "--publicity",
    "可向社会公开",
    "--missing",
    "场所平面图",
    "--missing",
    "健康证明",
    "--days",
    "7",
    "--date",
    "2025-09-26",
)


def test_cli_register_fulfil_due(cli_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    code, out, err = run(capsys, "--data-dir", str(cli_dir), *REGISTER, "--pdf", str(pdf), "--education")
    assert code == 0, err
    assert "承诺编码：11000020250926000001" in out and "补齐期限：2025-10-13" in out
    assert "11000020250926000001" in pdftotext(pdf)

    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "--json", "commit", "due", "--unit", UNIT)
    data = json.loads(out)
    assert code == 0 and [r["code"] for r in data["overdue"]] == ["11000020250926000001"]

    code, out, err = run(
        capsys,
        "--data-dir",
        str(cli_dir),
        "commit",
        "fulfil",
        "11000020250926000001",
        "--status",
        "全部未履行",
        "--date",
        "2026-11-22",
        "--unit",
        UNIT,
        "--unmet",
        "逾期未补齐材料",
    )
    assert code == 0, err
    assert "基于第 1 版" in out and "全部未履行" in out and "第 2 版" in out

    code, out, err = run(
        capsys,
        "--data-dir",
        str(cli_dir),
        "commit",
        "fulfil",
        "11000020250926000001",
        "--status",
        "全部履行",
        "--date",
        "2026-11-22",
        "--unit",
        UNIT,
        "--base-version",
        "1",
    )
    assert code == 1 and "已被他人修改" in err and "全部未履行" in err

    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "commit", "due", "--unit", UNIT)
    assert code == 0 and "没有" in out

    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "commit", "find", "瑞丰精密")
    assert code == 0 and "11000020250926000001" in out and "全部未履行（2026-11-22 认定）" in out
    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "--json", "commit", "find", "11000020250926")
    assert [r["code"] for r in json.loads(out)] == ["11000020250926000001"]
    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "commit", "find", "没有这家")
    assert code == 0 and "没有找到" in out


def test_cli_register_json_and_failure(cli_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "--json", *REGISTER)
    data = json.loads(out)
    assert code == 0 and data["deadline"] == "2025-10-13" and data["version"] == 1
    bad = [a if a != "可向社会公开" else "公开" for a in REGISTER]
    code, _, err = run(capsys, "--data-dir", str(cli_dir), *bad)
    assert code == 1 and "公开类型“公开”无效" in err
    no_missing = [*REGISTER[:14], "--days", "7"]
    code, _, err = run(capsys, "--data-dir", str(cli_dir), *no_missing)
    assert code == 1 and "须列明容缺" in err
    i = REGISTER.index("--unit")
    no_unit = [*REGISTER[:i], *REGISTER[i + 2 :]]  # and no operator.json naming the unit
    code, _, err = run(capsys, "--data-dir", str(cli_dir), *no_unit)
    assert code == 1 and "请用 --unit 指定受理单位" in err


def test_templates_cover_every_type_and_bad_files_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for kind in cm.COMMITMENT_TYPES:
        tpl = cm.template_for(kind)
        assert tpl.content and tpl.liability
    assert cm.template_for("容缺受理型", "FOOD_LICENCE").deadline_working_days == 5
    assert cm.template_for("容缺受理型", "GENERAL_LICENCE").deadline_working_days is None
    bad = tmp_path / "commitment_templates.json"
    bad.write_text(json.dumps({"types": {"审批替代型": {"content": "x"}}}), encoding="utf-8")
    monkeypatch.setattr(cm, "_templates_path", lambda: bad)
    with pytest.raises(ValueError, match=r"commitment_templates\.json.*审批替代型"):
        cm.template_for("审批替代型")


def test_for_committer_lists_newest_first(store: Store) -> None:
    older = cm.register(store, CLERK, **base(made_on=D("2026-11-02")))
    newer = cm.register(store, CLERK, **base())
    cm.register(store, CLERK, **base(committer_code=OTHER))
    assert [r["code"] for r in cm.for_committer(store, GOOD)] == [newer["code"], older["code"]]


# -- what forms need: field names, live deadlines and texts, search, the profile -----------


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"committer_name": ""}, "committer_name"),
        ({"committer_code": "9111"}, "committer_code"),
        ({"committer_code": BAD_CHECK}, "committer_code"),
        ({"committer_category": "自然人", "committer_code": "1101051949"}, "committer_code"),
        ({"reason": " "}, "reason"),
        ({"accepting_unit": ""}, "accepting_unit"),
        ({"valid_until": D("2026-01-01")}, "valid_until"),
        ({"commitment_type": "容缺受理型"}, "missing_materials"),
        (
            {"commitment_type": "容缺受理型", "missing_materials": ["健康证明"], "deadline_working_days": 0},
            "deadline_working_days",
        ),
        (
            {
                "commitment_type": "容缺受理型",
                "missing_materials": ["健康证明"],
                "deadline_working_days": 10,
                "made_on": D("2026-12-24"),
            },
            "deadline_working_days",
        ),
    ],
)
def test_register_errors_name_the_field(store: Store, over: dict[str, Any], field: str) -> None:
    with pytest.raises(cm.CommitmentError) as info:
        cm.register(store, CLERK, **base(**over))
    assert info.value.field == field


def test_fulfilment_errors_name_the_field(store: Store) -> None:
    row = cm.register(store, CLERK, **base())
    args: dict[str, Any] = {"determined_on": D("2026-11-25"), "determining_unit": UNIT, "base_version": 1}
    with pytest.raises(cm.CommitmentError) as info:
        cm.record_fulfilment(store, CLERK, row["code"], fulfilment="部分履行", **args)
    assert info.value.field == "unmet_content"
    with pytest.raises(cm.CommitmentError) as info:
        cm.record_fulfilment(
            store, CLERK, row["code"], fulfilment="全部履行", liability_pursued="约谈", **args
        )
    assert info.value.field == "liability_pursued"


def test_tolerant_deadline_is_the_one_register_uses() -> None:
    # 2026 Spring Festival (国办发明电〔2025〕7号): off 02-15 … 02-23, Saturdays 02-14 and 02-28 worked.
    # From Thu 02-12, seven working days: 02-13, 02-14 (Sat), 02-24, 02-25, 02-26, 02-27, 02-28 (Sat).
    assert cm.tolerant_deadline(D("2026-02-12"), 7) == D("2026-02-28")
    with pytest.raises(cm.CommitmentError, match="2027年的法定节假日和调休安排尚未录入") as info:
        cm.tolerant_deadline(D("2026-12-24"), 10)
    assert info.value.field == "deadline_working_days"
    with pytest.raises(cm.CommitmentError, match="至少为1个工作日"):
        cm.tolerant_deadline(D("2026-02-12"), 0)


def test_filled_template_is_what_register_writes(store: Store) -> None:
    row = cm.register(store, CLERK, **tolerant(matter_code="FOOD_LICENCE"))
    values = cm.template_values(
        committer_name=row["committer_name"],
        reason=row["reason"],
        accepting_unit=row["accepting_unit"],
        made_on=D(row["made_on"]),
        missing_materials=row["missing_materials"],
        deadline=D(row["deadline"]),
        deadline_days=7,
    )
    assert cm.filled_template("容缺受理型", "FOOD_LICENCE", values) == (row["content"], row["liability"])
    content, _ = cm.filled_template("容缺受理型", None, {"committer_name": "甲公司"})
    assert "承诺人甲公司" in content and "{deadline}" in content  # values not given stay visible


def test_search_by_code_committer_code_or_name(store: Store) -> None:
    first = cm.register(store, CLERK, **base(made_on=D("2026-11-02")))
    second = cm.register(store, CLERK, **base())
    person = cm.register(
        store,
        CLERK,
        **base(committer_name="王建国（个人）", committer_category="自然人", committer_code=PERSON_ID),
    )
    other = cm.register(store, CLERK, **base(committer_code=OTHER, committer_name="厦门海湾贸易有限公司"))

    def codes(query: str) -> list[str]:
        return [r["code"] for r in cm.search(store, query)]

    assert codes(first["code"]) == [first["code"]]
    assert codes(first["code"][:14]) == [first["code"]]  # division + day
    assert codes(GOOD.lower()) == [second["code"], first["code"]]  # newest first
    assert codes("瑞丰精密") == [second["code"], first["code"]]
    assert codes("王建国(个人)") == [person["code"]]  # half-width brackets find full-width ones
    assert codes("110105194912") == [person["code"]]
    assert codes("海湾") == [other["code"]]
    assert codes("%") == [] and codes("没有这家") == []
    assert len(codes("")) == 4 and len(cm.search(store, "", limit=2)) == 2


def test_profile_shows_local_commitments(store: Store) -> None:
    desk = Desk(store, CLERK)
    assert desk.profile(GOOD, record=False).sections[7].rows == []  # type: ignore[union-attr]
    open_one = cm.register(store, CLERK, **tolerant())
    broken = cm.register(store, CLERK, **base(made_on=D("2026-11-02")))
    cm.record_fulfilment(
        store,
        CLERK,
        broken["code"],
        fulfilment="全部未履行",
        determined_on=D("2026-11-20"),
        determining_unit=UNIT,
        base_version=1,
    )
    profile = desk.profile(GOOD, record=False)
    assert profile is not None
    section = next(s for s in profile.sections if s.key == "commitments")
    assert [r["code"] for r in section.rows] == [open_one["code"], broken["code"]]
    assert {r["source"] for r in section.rows} == {"本机登记"}
    assert section.rows[0]["status"] == f"待认定 · 补齐期限 {open_one['deadline']}"
    assert section.rows[0]["open"] and not section.rows[0]["breached"]
    assert section.rows[1]["status"] == "全部未履行（2026-11-20 认定）"
    assert not section.rows[1]["open"] and section.rows[1]["breached"]
    assert section.note is None
    other = desk.profile(OTHER, record=False)
    assert other is not None and next(s for s in other.sections if s.key == "commitments").rows == []
