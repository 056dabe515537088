"""How long the platform goes on sharing a record with the laptops.

A repaired penalty is "hidden and no longer used or shared", a removal from a list ends the
listing's publication, an expired honour is no longer an honour: the platform withdraws such
records from the change feed and the laptops delete them. A penalty whose publicity has ended
may still restrict an approval (a 5-year ban after a licence revocation outlasts a 3-year
publicity), so it is shared for as long as the longest look-back or ban of any measure in the
catalog (``resources/catalogs/measures.json``) could still reach it — the catalog, not this
module, says how long that is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from credit.domain.catalogs import PenaltyTrigger, load_catalog
from credit.domain.publicity import add_months


@lru_cache(maxsize=1)
def penalty_reach_years() -> int:
    """The longest period (years from the decision) any measure looks at a penalty."""
    years = [
        t.within_years or t.ban_years or 0
        for m in load_catalog().measures.values()
        for t in m.triggers
        if isinstance(t, PenaltyTrigger)
    ]
    return max(years, default=0)


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _after(day: date | None) -> date | None:
    return day + timedelta(days=1) if day else None


def withdrawal_day(kind: str, record: Mapping[str, Any]) -> date | None:
    """The first day the platform no longer shares ``record``; None while nothing ends it."""
    if kind == "penalty":
        repaired = _day(record.get("repaired_on"))
        if repaired:
            return repaired
        decided = _day(record.get("decision_date"))
        if decided is None:
            return None  # no date to count from: keep sharing, the check says "请核实"
        ends = [add_months(decided, 12 * penalty_reach_years())]
        ends += [d for d in (_day(record.get("publicity_end")), _day(record.get("valid_until"))) if d]
        return _after(max(ends))
    if kind == "list_entry":
        ends = [d for d in (_day(record.get("removed_on")), _after(_day(record.get("valid_until")))) if d]
        return min(ends) if ends else None
    if kind == "honour":
        return _after(_day(record.get("valid_until")))
    return None


def shared_on(kind: str, record: Mapping[str, Any], day: date) -> bool:
    end = withdrawal_day(kind, record)
    return end is None or day < end
