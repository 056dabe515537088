"""The credit lists an entity can be on, and the short chip each shows in results."""

from __future__ import annotations

#: list_type → chip text, in display order (most serious first).
FLAG_LABELS = {
    "serious": "严重失信",
    "watch": "重点关注",
    "abnormal": "经营异常",
    "judgment_debtor": "失信被执行人",
}
