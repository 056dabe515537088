"""How values read on paper: dates as 2026-11-22, times in local time, a dash for nothing.

Everything from the data goes into reportlab Paragraph markup, so it is escaped here once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

NONE = "—"


def local_time(moment: datetime) -> str:
    """A moment as local wall time, 2026-11-22 18:02 (naive datetimes are taken as local)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def stamp(value: str | date | None) -> str:
    """An ISO date or timestamp as 2026-11-21 or 2026-11-21 18:02; other text unchanged."""
    if value is None or value == "":
        return NONE
    if isinstance(value, datetime):
        return local_time(value) if value.tzinfo else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return parsed.date().isoformat()
    return local_time(parsed) if parsed.tzinfo else parsed.strftime("%Y-%m-%d %H:%M")


def number(value: float) -> str:
    """12.5 → 12.5, 1000000.0 → 1,000,000, 0.123456 → 0.1235."""
    return f"{value:,.4f}".rstrip("0").rstrip(".") or "0"


def value_text(value: Any) -> str:
    if value is None or value == "":
        return NONE
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float | int):
        return number(float(value))
    if isinstance(value, date):
        return stamp(value)
    return str(value)


def markup(value: Any) -> str:
    """A value as Paragraph markup: escaped, line breaks kept."""
    return escape(value_text(value)).replace("\r\n", "\n").replace("\n", "<br/>")
