"""Statutory working days, for deadlines counted in working days (容缺受理, publication, rectification).

Holidays and make-up working weekends (调休) are announced each year by the State Council and
cannot be derived, so they are data: ``chinese_calendar`` for the years it covers, and the
administrator-edited ``resources/catalogs/holidays_local.json`` for later years or corrections
(a year listed there replaces the built-in data for that year). When a deadline reaches a year
neither source covers, :class:`NoCalendarData` is raised rather than a guess being made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path

import chinese_calendar

from credit.paths import resource

_ONE_DAY = timedelta(days=1)
_FIRST_BUILTIN_YEAR = 2004  # chinese_calendar has no data before it


class NoCalendarData(Exception):
    """No holiday arrangement is known for ``year``; ``reason`` is shown to the user as is."""

    def __init__(self, year: int, reason: str | None = None) -> None:
        self.year = year
        self.reason = reason or (
            f"{year}年的法定节假日和调休安排尚未录入（国务院通常在每年11月前后公布）。"
            "请由管理员在本地节假日表（resources/catalogs/holidays_local.json）中补录该年安排后再计算期限，"
            "系统不会自行推测。"
        )
        super().__init__(self.reason)


@dataclass(frozen=True)
class LocalCalendar:
    holidays: frozenset[date]
    workdays: frozenset[date]  # make-up working days on weekends
    years: frozenset[int]  # years fully covered by the local table


EMPTY_CALENDAR = LocalCalendar(frozenset(), frozenset(), frozenset())


def _default_path() -> Path:
    return resource("catalogs", "holidays_local.json")


def _dates(year: int, values: object, field: str, path: Path) -> frozenset[date]:
    if not isinstance(values, list):
        raise ValueError(f"{path}：{year}年的“{field}”应为日期列表")
    days = set()
    for value in values:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{path}：{year}年的“{field}”中“{value}”不是 YYYY-MM-DD 日期") from None
        if day.year != year:
            raise ValueError(f"{path}：{value} 不属于{year}年，却列在{year}年的“{field}”中")
        days.add(day)
    return frozenset(days)


def load_local_calendar(path: Path | None = None) -> LocalCalendar:
    """Read and check the local table; a malformed entry raises ``ValueError`` naming it.

    Checks catch the likely typing mistakes, since a wrong entry silently shifts deadlines.
    """
    path = path or _default_path()
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    holidays: set[date] = set()
    workdays: set[date] = set()
    years: set[int] = set()
    for key, entry in (data.get("years") or {}).items():
        if not (key.isdigit() and len(key) == 4) or not isinstance(entry, dict):
            raise ValueError(f"{path}：“{key}”应为四位年份，其值为包含 holidays 和 workdays 的对象")
        year = int(key)
        off = _dates(year, entry.get("holidays"), "holidays", path)
        on = _dates(year, entry.get("workdays", []), "workdays", path)
        if not off:  # every year has statutory holidays; an empty list is an unfinished entry
            raise ValueError(f"{path}：{year}年未列出任何法定节假日，请补全或删除该年")
        if both := sorted(off & on):
            raise ValueError(f"{path}：{both[0]} 同时列为{year}年的节假日和调休上班日")
        if weekdays := sorted(d for d in on if d.weekday() < 5):
            raise ValueError(f"{path}：调休上班日 {weekdays[0]} 是工作日（周一至周五），应为周末")
        holidays |= off
        workdays |= on
        years.add(year)
    return LocalCalendar(frozenset(holidays), frozenset(workdays), frozenset(years))


@lru_cache(maxsize=4)
def _load_cached(path: Path, mtime_ns: int, size: int) -> LocalCalendar:
    return load_local_calendar(path)


def _calendar(calendar: LocalCalendar | None) -> LocalCalendar:
    """The given table, or the shipped one, re-read when an administrator has edited it."""
    if calendar is not None:
        return calendar
    path = _default_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return EMPTY_CALENDAR
    return _load_cached(path, stat.st_mtime_ns, stat.st_size)


@cache
def _builtin_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date, calendar: LocalCalendar | None = None) -> bool:
    cal = _calendar(calendar)
    if day.year in cal.years:
        if day in cal.workdays:
            return True
        return day.weekday() < 5 and day not in cal.holidays
    if not _builtin_covers(day.year):
        if day.year < _FIRST_BUILTIN_YEAR:
            raise NoCalendarData(
                day.year,
                f"{day.year}年早于内置节假日数据的起始年份（{_FIRST_BUILTIN_YEAR}年）。"
                "如需计算，请由管理员在本地节假日表（resources/catalogs/holidays_local.json）中补录该年安排，"
                "系统不会自行推测。",
            )
        raise NoCalendarData(day.year)
    return _builtin_is_workday(day)


@lru_cache(maxsize=8192)
def _builtin_is_workday(day: date) -> bool:
    """Cached: ``chinese_calendar`` takes ~20 µs a call, and long spans ask thousands."""
    return bool(chinese_calendar.is_workday(day))


def add_working_days(start: date, n: int, calendar: LocalCalendar | None = None) -> date:
    """The n-th working day after ``start``; ``start`` itself is not counted (行政处罚法第85条)."""
    if n < 1:
        raise ValueError(f"working days to add must be >= 1, got {n}")
    cal = _calendar(calendar)
    day = start
    while n:
        day += _ONE_DAY
        if is_working_day(day, cal):
            n -= 1
    return day


def working_days_between(start: date, end: date, calendar: LocalCalendar | None = None) -> int:
    """Working days in (start, end]; negative when ``end`` is before ``start`` (days overdue)."""
    if end < start:
        return -working_days_between(end, start, calendar)
    cal = _calendar(calendar)
    count = 0
    day = start + _ONE_DAY
    while day <= end:
        count += is_working_day(day, cal)
        day += _ONE_DAY
    return count


def covered_until(calendar: LocalCalendar | None = None) -> date:
    """Last day of the unbroken run of covered years from 2004, the first built-in year."""
    cal = _calendar(calendar)
    year = _FIRST_BUILTIN_YEAR
    while _builtin_covers(year + 1) or year + 1 in cal.years:
        year += 1
    return date(year, 12, 31)
