"""Penalty severity and publicity periods, from the rule sets in ``resources/catalogs``.

The rules changed on 2026-04-01 (NDRC Order 36 replaced Order 58), so they are data with an
effective date, never constants: the rule set in force on the decision date applies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from credit.paths import resource

SEVERITIES = ("轻微", "一般", "严重")


@dataclass(frozen=True)
class PublicityPeriod:
    rule_set: str
    published: bool
    earliest_repair: date | None  # minimum publicity reached: repair may be applied for
    end: date | None  # publication stops


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    with resource("catalogs", "publicity_rules.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    data["rule_sets"].sort(key=lambda r: r["effective_from"])
    return data


def removed_by_repair(removal_reason: str | None) -> bool:
    """Whether a list entry's 移出原因 says it left the list through credit repair."""
    markers = _rules().get("repair_removal", {}).get("reason_markers", [])
    return bool(removal_reason) and any(m in str(removal_reason) for m in markers)


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (2025-08-31 + 6 → 2026-02-28)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def rule_set_for(decided: date) -> dict[str, Any]:
    sets = _rules()["rule_sets"]
    applicable = [r for r in sets if date.fromisoformat(r["effective_from"]) <= decided]
    return applicable[-1] if applicable else sets[0]


def severity_for(penalty_type: str | None, fine_wan: float | None) -> str:
    """Derive 轻微/一般/严重 when the source does not say."""
    rules = _rules()["severity_rules"]
    text = penalty_type or ""
    if any(t in text for t in rules["serious_types"]):
        return "严重"
    if fine_wan is not None and fine_wan >= rules["serious_fine_wan"]:
        return "严重"
    if any(t in text for t in rules["minor_types"]) and not fine_wan:
        return "轻微"
    if fine_wan is not None and 0 < fine_wan < rules["minor_fine_wan"] and text.strip() == "罚款":
        return "轻微"
    return "一般"


def publicity_period(decided: date, severity: str, penalty_type: str | None = None) -> PublicityPeriod:
    rule_set = rule_set_for(decided)
    sev = rule_set["severities"].get(severity) or rule_set["severities"]["一般"]
    unpublished = [t for t in sev.get("unpublished_types", []) if (penalty_type or "").strip() == t]
    if not sev["published"] or unpublished:
        return PublicityPeriod(rule_set["name"], False, None, None)
    return PublicityPeriod(
        rule_set["name"],
        True,
        add_months(decided, sev["min_months"]),
        add_months(decided, sev["max_months"]),
    )
