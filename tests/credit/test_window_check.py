"""The recorded window check: record, outbox and audit in one go; the report matches the record."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit.operator import Operator
from credit.store import audit
from credit.store.db import Store
from credit.store.loader import bulk_insert_entities, set_info, upsert_entities
from credit.store.tables import check_record, list_entry, outbox
from credit.window_check import CheckError, ChecksumOverrideNeeded, run_check, stale_warning
from tests.desktop import sample

CLERK = Operator("李四", "滑县市场监督管理局", "window-03")
NOW = datetime(2026, 11, 22, 2, 30, tzinfo=UTC)
LEGACY = "91350203M0001QAY9B"  # real register code failing its 18th character


@pytest.fixture
def filled(store: Store) -> Store:
    sample.fill(store)
    with store.write_cache() as conn:
        set_info(conn, as_of="2026-11-21 18:02")
    return store


def counts(store: Store) -> tuple[int, int, int]:
    with store.work.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (check_record, outbox, sa.table("audit_log"))
        )


def test_restrictive_check_is_recorded_with_outbox_and_audit(filled: Store) -> None:
    result = run_check(filled, CLERK, sample.RUIFENG, "TOLERANT_ACCEPTANCE", now=NOW, education_given=True)
    assert result.outcome.verdict in ("restricted", "prohibited")
    assert result.outcome.fired and all(f.basis for f in result.outcome.fired)
    assert counts(filled) == (1, 1, 1)
    with filled.work.connect() as conn:
        row = conn.execute(sa.select(check_record)).one()
        box = conn.execute(sa.select(outbox)).one()
        assert audit.verify(conn).ok
    assert (row.id, row.verdict, row.operator, row.unit) == (
        result.id,
        result.outcome.verdict,
        "李四",
        CLERK.unit,
    )
    assert row.education_given == 1 and row.cache_as_of == "2026-11-21 18:02"
    assert row.verification_code == result.verification_code
    payload = json.loads(box.payload)
    assert (box.kind, box.record_id, box.status) == ("check_record", result.id, "pending")
    assert payload["report_content"]["verdict"] == result.outcome.verdict


def test_clean_entity_passes(filled: Store) -> None:
    result = run_check(filled, CLERK, sample.RUIFENG_TRADE, "GOV_PROCUREMENT", now=NOW)
    assert result.outcome.verdict == "pass" and result.outcome.label == "通过" and not result.outcome.fired


def test_removed_listing_no_longer_fires(filled: Store) -> None:
    before = run_check(filled, CLERK, sample.RUIFENG, "GOV_PROCUREMENT", now=NOW)
    assert before.outcome.verdict != "pass"
    with filled.write_cache() as conn:
        conn.execute(
            list_entry.update().where(list_entry.c.uscc == sample.RUIFENG).values(removed_on="2026-01-01")
        )
        conn.exec_driver_sql(
            "UPDATE penalty SET repaired_on = '2026-01-01' WHERE uscc = ?", (sample.RUIFENG,)
        )
    after = run_check(filled, CLERK, sample.RUIFENG, "GOV_PROCUREMENT", now=NOW)
    assert after.outcome.verdict == "pass", [f.record.summary for f in after.outcome.fired]


def test_pdf_carries_the_recorded_verification_code(filled: Store, tmp_path: Path) -> None:
    result = run_check(filled, CLERK, sample.RUIFENG, "TOLERANT_ACCEPTANCE", now=NOW)
    out = tmp_path / "report.pdf"
    assert result.write_pdf(out) == result.verification_code
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert result.verification_code in text and result.outcome.label in text and sample.RUIFENG in text
    assert result.outcome.fired, "the sample entity must fire measures for this test to mean anything"
    for f in result.outcome.fired:
        assert f.restriction not in text  # the verdict code (restricted, …) never reaches paper
    assert "限制办理" in text or "禁止办理" in text


def test_checksum_failure_needs_a_reason_and_records_it(filled: Store) -> None:
    with filled.write_cache() as conn:
        upsert_entities(conn, [{"uscc": LEGACY, "name": "厦门老码头贸易有限公司"}])
    with pytest.raises(ChecksumOverrideNeeded, match="第18位"):
        run_check(filled, CLERK, LEGACY, "GOV_PROCUREMENT", now=NOW)
    assert counts(filled) == (0, 0, 0)
    result = run_check(
        filled, CLERK, LEGACY, "GOV_PROCUREMENT", now=NOW, override_reason="核对营业执照原件一致"
    )
    with filled.work.connect() as conn:
        row = conn.execute(sa.select(check_record)).one()
        actions = [r["action"] for r in audit.recent(conn)]
    assert row.checksum_override == "核对营业执照原件一致" and result.outcome.uscc == LEGACY
    assert sorted(actions) == ["uscc_override", "window_check"]


@pytest.mark.parametrize(
    ("code", "message"),
    [("9111", "长度应为18位"), ("91110000600037341L", "本地数据中没有代码为 91110000600037341L")],
)
def test_unusable_codes_are_refused_and_nothing_recorded(filled: Store, code: str, message: str) -> None:
    with pytest.raises(CheckError, match=message):
        run_check(filled, CLERK, code, "GOV_PROCUREMENT", now=NOW)
    assert counts(filled) == (0, 0, 0)


def test_stale_cache_is_called_stale() -> None:
    today = date(2026, 11, 22)
    assert stale_warning("2026-11-20 18:00", today, 7) is None
    warning = stale_warning("2026-11-01 18:00", today, 7)
    assert warning is not None and "21 天未更新" in warning
    assert "未知" in (stale_warning(None, today) or "")


def test_records_kept_apart_from_cache(filled: Store) -> None:
    """Rebuilding the cache never touches recorded checks."""
    from credit.store.schema import reset_cache

    run_check(filled, CLERK, sample.RUIFENG, "GOV_PROCUREMENT", now=NOW)
    reset_cache(filled)
    with filled.write_cache() as conn:
        bulk_insert_entities(conn, [{"uscc": sample.RUIFENG, "name": "常州新北瑞丰精密机械有限公司"}])
    assert counts(filled)[0] == 1
