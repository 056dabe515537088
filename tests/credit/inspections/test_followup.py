"""Rectification orders and interviews: working-day deadlines, derived states, the outbox."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from credit.inspections import InspectionError, drafts, followup, records
from credit.inspections.plans import draw_plan
from credit.operator import Operator
from credit.store import audit
from credit.store.db import Store
from credit.store.tables import outbox, rectification_order
from tests.credit.inspections import sample


@pytest.fixture
def finding(store: Store, operator: Operator) -> dict[str, Any]:
    """A finalised inspection that found a problem (09), the day of the sample's 'now'."""
    sample.fill(store)
    plan = draw_plan(store, operator, sample.config(), sample.roster(), "20261120", now=sample.NOW)
    return sample.finalised_for(store, operator, plan, sample.code(151), sample.NOW, result="09")


def _issue(store: Store, operator: Operator, rec: dict[str, Any], **kw: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "problems": followup.problems_of(rec),
        "requirement": "建立食品进货查验记录制度，补齐近三个月进货查验记录。",
        "issued_on": date(2026, 11, 20),
    }
    values.update(kw)
    return followup.issue_rectification(store, operator, rec["id"], **values)


def test_order_deadline_in_working_days_with_outbox_and_audit(
    store: Store, operator: Operator, finding: dict
) -> None:
    order = _issue(store, operator, finding)
    # Fri 2026-11-20 + 10 working days (catalog default) = Fri 2026-12-04
    assert order["deadline"] == "2026-12-04" and order["working_days"] == 10
    assert (
        order["problems"][0].startswith("持有有效的食品经营许可证")
        and "未建立进货查验记录" in order["problems"][0]
    )
    with store.work.connect() as conn:
        assert (
            conn.execute(sa.select(outbox.c.kind).order_by(outbox.c.seq.desc())).scalar() == "rectification"
        )
        assert audit.recent(conn, 1)[0]["action"] == "rectification_issue"
        with pytest.raises(sa.exc.DatabaseError, match="final"):
            conn.execute(rectification_order.update().values(deadline="2027-01-01"))


def test_states_follow_from_the_calendar_and_the_follow_up(
    store: Store, operator: Operator, finding: dict
) -> None:
    order = _issue(store, operator, finding, working_days=3)  # → Wed 2026-11-25
    assert order["deadline"] == "2026-11-25"
    [state] = followup.order_states(store, date(2026, 11, 25))
    assert state.state == "open" and not state.needs_interview
    [state] = followup.order_states(store, date(2026, 11, 27))
    assert state.state == "overdue" and state.working_days_overdue == 2 and state.needs_interview
    draft = followup.start_follow_up(store, operator, order["id"])
    assert draft["data"]["category"] == "复查" and draft["data"]["rectification_id"] == order["id"]
    assert followup.start_follow_up(store, operator, order["id"])["id"] == draft["id"]
    data = sample.fill_draft(draft["data"], sample.NOW + timedelta(days=6), "01")  # Thu 11-26: a day late
    drafts.save(store, draft["id"], data)
    records.finalise(store, operator, draft["id"], now=sample.NOW + timedelta(days=6, hours=1))
    [state] = followup.order_states(store, date(2026, 11, 27))
    assert state.state == "rectified_late" and state.label == "逾期整改"  # the lateness stays on record
    assert state.working_days_overdue == 1 and state.follow_up is not None and not state.needs_interview


def test_an_order_rectified_in_time_is_rectified(store: Store, operator: Operator, finding: dict) -> None:
    order = _issue(store, operator, finding, working_days=3)  # → Wed 2026-11-25
    draft = followup.start_follow_up(store, operator, order["id"])
    drafts.save(store, draft["id"], sample.fill_draft(draft["data"], sample.NOW + timedelta(days=5), "01"))
    records.finalise(store, operator, draft["id"], now=sample.NOW + timedelta(days=5, hours=1))
    [state] = followup.order_states(store, date(2026, 12, 10))
    assert state.state == "rectified" and state.working_days_overdue is None


def test_no_order_on_a_record_that_found_nothing_or_was_corrected(
    store: Store, operator: Operator, finding: dict
) -> None:
    clean = sample.finalised_for(
        store, operator, {"id": finding["plan_id"]}, sample.code(153), sample.NOW, result="01"
    )
    with pytest.raises(InspectionError, match="没有发现需要整改的问题，不能据此下达整改通知"):
        _issue(store, operator, clean, problems=["随便写的问题"])
    correction = records.start_correction(store, operator, finding["id"])
    data = correction["data"]
    data.update(correction_reason="结论笔误", inspected_at=finding["inspected_at"])
    drafts.save(store, correction["id"], data)
    newer = records.finalise(store, operator, correction["id"], now=sample.NOW + timedelta(hours=2))
    with pytest.raises(InspectionError, match=f"已被 {newer['record_no']} 更正"):
        _issue(store, operator, finding)
    assert _issue(store, operator, newer)["record_id"] == newer["id"]


def test_an_unrectified_follow_up_offers_an_interview(
    store: Store, operator: Operator, finding: dict
) -> None:
    order = _issue(store, operator, finding)
    draft = followup.start_follow_up(store, operator, order["id"])
    drafts.save(store, draft["id"], sample.fill_draft(draft["data"], sample.NOW + timedelta(days=3), "09"))
    records.finalise(store, operator, draft["id"], now=sample.NOW + timedelta(days=3, hours=1))
    [state] = followup.order_states(store, date(2026, 11, 24))
    assert state.state == "not_rectified" and state.needs_interview and state.label == "复查未整改"


def test_order_input_is_checked(store: Store, operator: Operator, finding: dict) -> None:
    with pytest.raises(InspectionError) as info:
        _issue(store, operator, finding, problems=[" "], requirement="", issued_on=date(2026, 11, 19))
    text = info.value.reason
    assert "请写明需要整改的问题" in text and "请填写整改要求" in text and "早于检查日期" in text
    with pytest.raises(InspectionError, match=r"2027年.*也可直接填写整改截止日期"):
        _issue(store, operator, finding, issued_on=date(2026, 12, 28))
    order = _issue(
        store, operator, finding, issued_on=date(2026, 12, 28), working_days=None, deadline=date(2027, 1, 15)
    )
    assert order["deadline"] == "2027-01-15" and order["working_days"] is None


def test_interview_recorded_and_queued(store: Store, operator: Operator, finding: dict) -> None:
    order = _issue(store, operator, finding, working_days=3)
    talk = followup.record_interview(
        store,
        operator,
        uscc=finding["party_code"],
        entity_name=finding["party_name"],
        kind="提示约谈",
        held_on=date(2026, 11, 27),
        participants=[
            {"name": "李明", "side": "regulator", "role": "执法人员"},
            {"name": "经营者151", "side": "entity", "role": "负责人"},
        ],
        content="逾期未补齐进货查验记录，告知失信后果。",
        undertakings="12月4日前补齐记录并建立制度。",
        rectification_id=order["id"],
        now=sample.NOW + timedelta(days=7),
    )
    assert talk["interview_no"].startswith("YT20261127-")
    [state] = followup.order_states(store, date(2026, 11, 30))
    assert state.state == "overdue" and state.interviews and not state.needs_interview
    with store.work.connect() as conn:
        row = conn.execute(sa.select(outbox).order_by(outbox.c.seq.desc())).first()
    assert row is not None and row.kind == "interview"
    assert json.loads(row.payload)["undertakings"] == "12月4日前补齐记录并建立制度。"
    assert followup.interviews_for(store, finding["party_code"])[0]["kind"] == "提示约谈"


def test_interview_input_is_checked(store: Store, operator: Operator, finding: dict) -> None:
    with pytest.raises(InspectionError) as info:
        followup.record_interview(
            store,
            operator,
            uscc=finding["party_code"],
            entity_name=finding["party_name"],
            kind="约谈",
            held_on=sample.NOW.date() + timedelta(days=30),
            participants=[{"name": "李明", "side": "regulator"}],
            content="",
            undertakings="",
            now=sample.NOW,
        )
    text = info.value.reason
    for expected in ("请选择约谈方式", "晚于今天", "被约谈方", "请填写约谈内容", "承诺或整改措施"):
        assert expected in text, expected


def test_inspections_and_interviews_appear_in_the_entity_profile(
    store: Store, operator: Operator, finding: dict
) -> None:
    from credit.desk import Desk

    desk = Desk(store, operator)
    order = _issue(store, operator, finding, working_days=3)
    followup.record_interview(
        store,
        operator,
        uscc=finding["party_code"],
        entity_name=finding["party_name"],
        kind="提示约谈",
        held_on=date(2026, 11, 20),
        participants=[{"name": "李明", "side": "regulator"}, {"name": "经营者151", "side": "entity"}],
        content="告知失信后果",
        undertakings="三日内补齐",
        now=sample.NOW,
    )
    profile = desk.profile(finding["party_code"], record=False)
    assert profile is not None
    keys = [s.key for s in profile.sections]
    assert keys.index("inspections") == keys.index("penalties") + 1
    assert keys.index("interviews") == keys.index("other") - 1
    section = {s.key: s for s in profile.sections}
    [rec] = section["inspections"].rows
    assert rec["record_no"] == finding["record_no"] and rec["result"] == "09 发现问题待后续处理"
    assert rec["rectification"].startswith(order["order_no"]) and rec["source"] == "本机记录"
    [talk] = section["interviews"].rows
    assert talk["kind"] == "提示约谈" and talk["undertakings"] == "三日内补齐"
    other = desk.profile(sample.code(160), record=False)
    assert other is not None and "inspections" not in [s.key for s in other.sections]  # none: no section
