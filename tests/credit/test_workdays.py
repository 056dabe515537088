"""Working days: State Council holidays and make-up workdays, the local table, no guessing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credit.domain.workdays import (
    LocalCalendar,
    NoCalendarData,
    add_working_days,
    covered_until,
    is_working_day,
    load_local_calendar,
    working_days_between,
)
from credit.paths import resource

EMPTY = LocalCalendar(frozenset(), frozenset(), frozenset())

# An invented 2027 for tests only: New Year 01-01..01-03 off, Sat 01-09 a make-up workday.
FAKE_2027 = {
    "holidays": ["2027-01-01", "2027-01-02", "2027-01-03"],
    "workdays": ["2027-01-09"],
    "source": "测试用数据",
}


def write_table(tmp_path: Path, years: dict[str, object]) -> Path:
    path = tmp_path / "holidays_local.json"
    path.write_text(json.dumps({"_about": "test", "years": years}, ensure_ascii=False), encoding="utf-8")
    return path


def test_worked_example_national_day_2025() -> None:
    # Fri 09-26 + 7: 09-28 (Sun workday), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat workday), 10-13.
    assert add_working_days(date(2025, 9, 26), 7, EMPTY) == date(2025, 10, 13)
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 13), EMPTY) == 7


def test_national_day_2025() -> None:
    assert is_working_day(date(2025, 9, 28), EMPTY)  # Sunday
    assert is_working_day(date(2025, 10, 11), EMPTY)  # Saturday
    assert not any(is_working_day(date(2025, 10, d), EMPTY) for d in range(1, 9))
    assert not is_working_day(date(2025, 10, 12), EMPTY)  # ordinary Sunday
    assert add_working_days(date(2025, 9, 30), 1, EMPTY) == date(2025, 10, 9)


def test_spring_festival_2026_make_up_workdays() -> None:
    assert is_working_day(date(2026, 2, 14), EMPTY)  # Saturday
    assert is_working_day(date(2026, 2, 28), EMPTY)  # Saturday
    assert not is_working_day(date(2026, 2, 21), EMPTY)  # ordinary Saturday in between
    assert add_working_days(date(2026, 2, 13), 1, EMPTY) == date(2026, 2, 14)
    for day in ("2026-01-04", "2026-05-09", "2026-09-20", "2026-10-10"):
        assert is_working_day(date.fromisoformat(day), EMPTY)


def test_deadline_into_unannounced_year_raises() -> None:
    with pytest.raises(NoCalendarData) as err:
        add_working_days(date(2026, 12, 25), 7, EMPTY)
    assert err.value.year == 2027
    assert "2027年" in err.value.reason and "不会自行推测" in err.value.reason
    assert str(err.value) == err.value.reason
    with pytest.raises(NoCalendarData):
        working_days_between(date(2026, 12, 1), date(2027, 1, 5), EMPTY)
    with pytest.raises(NoCalendarData) as early:
        is_working_day(date(2003, 6, 2), EMPTY)
    assert early.value.year == 2003


def test_local_table_provides_2027(tmp_path: Path) -> None:
    cal = load_local_calendar(write_table(tmp_path, {"2027": FAKE_2027}))
    assert cal.years == frozenset({2027})
    assert not is_working_day(date(2027, 1, 1), cal)  # Friday, holiday
    assert is_working_day(date(2027, 1, 9), cal)  # Saturday, make-up workday
    assert is_working_day(date(2027, 1, 4), cal)  # plain Monday
    # Thu 2026-12-31 + 3: 01-04, 01-05, 01-06.
    assert add_working_days(date(2026, 12, 31), 3, cal) == date(2027, 1, 6)
    assert covered_until(cal) == date(2027, 12, 31)
    assert covered_until(EMPTY) == date(2026, 12, 31)


def test_local_table_overrides_builtin_year(tmp_path: Path) -> None:
    # A correction for 2025 replaces the built-in year wholesale.
    cal = load_local_calendar(write_table(tmp_path, {"2025": {"holidays": ["2025-01-01"], "workdays": []}}))
    assert is_working_day(date(2025, 10, 1), cal)  # not listed in the corrected table
    assert not is_working_day(date(2025, 10, 11), cal)  # Saturday, no longer a make-up workday
    assert not is_working_day(date(2025, 1, 1), cal)
    assert not is_working_day(date(2025, 10, 1), EMPTY)  # other tables unaffected


@pytest.mark.parametrize(
    "entry",
    [
        {"holidays": ["2028-01-01"], "workdays": []},  # date outside its year
        {"holidays": [], "workdays": []},  # unfinished entry
        {"holidays": ["2027-01-01"], "workdays": ["2027-01-04"]},  # make-up day on a Monday
        {"holidays": ["2027-01-09"], "workdays": ["2027-01-09"]},  # both
        {"holidays": ["2027-13-01"]},  # not a date
    ],
)
def test_malformed_local_table_rejected(tmp_path: Path, entry: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        load_local_calendar(write_table(tmp_path, {"2027": entry}))


def test_shipped_table_invents_nothing() -> None:
    data = json.loads(resource("catalogs", "holidays_local.json").read_text(encoding="utf-8"))
    assert data["years"] == {}
    assert load_local_calendar().years == frozenset()
    # Default calendar (None) reads the shipped table.
    assert add_working_days(date(2025, 9, 26), 7) == date(2025, 10, 13)


def test_n_must_be_positive() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 2), 0, EMPTY)


def test_between_is_signed() -> None:
    assert working_days_between(date(2025, 10, 13), date(2025, 9, 26), EMPTY) == -7
    assert working_days_between(date(2025, 10, 1), date(2025, 10, 1), EMPTY) == 0


starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30))


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_add_then_count_round_trips(start: date, n: int) -> None:
    end = add_working_days(start, n, EMPTY)
    assert end > start
    assert is_working_day(end, EMPTY)
    assert working_days_between(start, end, EMPTY) == n
    assert working_days_between(start, end - timedelta(days=1), EMPTY) == n - 1


@settings(max_examples=100, deadline=None)
@given(
    a=st.dates(min_value=date(2004, 7, 1), max_value=date(2026, 6, 30)),
    span=st.integers(min_value=-180, max_value=180),
    cut=st.floats(min_value=0, max_value=1),
)
def test_between_is_additive_and_signed(a: date, span: int, cut: float) -> None:
    b = a + timedelta(days=span)
    mid = a + timedelta(days=round(span * cut))
    total = working_days_between(a, b, EMPTY)
    assert total == working_days_between(a, mid, EMPTY) + working_days_between(mid, b, EMPTY)
    assert total == -working_days_between(b, a, EMPTY)
