"""Publicity periods: the rule set in force on the decision date, calendar months, severity."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit.domain.publicity import (
    SEVERITIES,
    add_months,
    publicity_period,
    rule_set_for,
    severity_for,
)

ORDER_58 = "第58号"
ORDER_36 = "第36号"


@pytest.mark.parametrize(
    ("decided", "order"),
    [
        (date(2020, 1, 1), ORDER_58),  # before any rule set: the oldest one
        (date(2023, 5, 1), ORDER_58),
        (date(2026, 3, 31), ORDER_58),
        (date(2026, 4, 1), ORDER_36),
        (date(2026, 4, 2), ORDER_36),
        (date(2030, 1, 1), ORDER_36),
    ],
)
def test_rule_set_by_decision_date(decided: date, order: str) -> None:
    assert order in rule_set_for(decided)["name"]
    assert order in publicity_period(decided, "一般").rule_set


def test_minor_penalties_across_the_switch() -> None:
    before = publicity_period(date(2026, 3, 31), "轻微", "罚款")
    assert (before.published, before.earliest_repair, before.end) == (False, None, None)
    after = publicity_period(date(2026, 4, 1), "轻微", "罚款")
    assert after.published
    assert (after.earliest_repair, after.end) == (date(2026, 4, 1), date(2026, 7, 1))
    warning = publicity_period(date(2026, 4, 1), "轻微", " 警告 ")
    assert not warning.published and warning.end is None
    assert ORDER_36 in warning.rule_set


@pytest.mark.parametrize(
    ("severity", "min_months", "max_months"),
    [("一般", 3, 12), ("严重", 12, 36), ("不存在的等级", 3, 12)],
)
@pytest.mark.parametrize("decided", [date(2025, 8, 31), date(2026, 4, 1), date(2026, 5, 31)])
def test_general_and_serious(decided: date, severity: str, min_months: int, max_months: int) -> None:
    period = publicity_period(decided, severity, "罚款")
    assert period.published
    assert period.earliest_repair == add_months(decided, min_months)
    assert period.end == add_months(decided, max_months)


def test_warning_is_published_when_general() -> None:
    # Only the minor severity has unpublished types.
    assert publicity_period(date(2026, 5, 1), "一般", "警告").published


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 30), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 5, 31), 3, date(2026, 8, 31)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 4, 1), 36, date(2029, 4, 1)),
        (date(2026, 4, 1), 0, date(2026, 4, 1)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@given(day=st.dates(date(1990, 1, 1), date(2090, 12, 31)), months=st.integers(-120, 120))
def test_add_months_properties(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


@pytest.mark.parametrize(
    ("penalty_type", "fine_wan", "expected"),
    [
        ("吊销营业执照", None, "严重"),
        ("罚款；吊销许可证", 0.2, "严重"),
        ("责令停产停业", None, "严重"),
        ("行政拘留", None, "严重"),
        ("罚款", 10.0, "严重"),
        ("罚款", 50, "严重"),
        ("警告", None, "轻微"),
        ("警告", 0, "轻微"),
        ("通报批评", None, "轻微"),
        ("警告；罚款", 1.0, "一般"),
        ("罚款", 0.3, "轻微"),
        ("罚款 ", 0.49, "轻微"),
        ("罚款", 0.5, "一般"),
        ("罚款", 9.99, "一般"),
        ("罚款", 0, "一般"),
        ("没收违法所得", None, "一般"),
        (None, None, "一般"),
        (None, 12.0, "严重"),
        ("", 0.1, "一般"),
    ],
)
def test_severity_for(penalty_type: str | None, fine_wan: float | None, expected: str) -> None:
    assert severity_for(penalty_type, fine_wan) == expected
    assert expected in SEVERITIES
