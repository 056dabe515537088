"""How values read on screen: dates as 2026-11-22, amounts without float noise, a dash for none."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that opens the store
    from credit.desk import CacheStats

NONE = "—"


def stamp(value: str | None) -> str:
    """An ISO date or timestamp as 2026-11-21 or 2026-11-21 18:02 (local wall time as stored)."""
    if not value:
        return NONE
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.strftime("%Y-%m-%d %H:%M")


def number(value: float) -> str:
    """12.5 → 12.5, 1000000.0 → 1,000,000, 0.123456 → 0.1235."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text or "0"


def value_text(value: Any) -> str:
    if value is None or value == "":
        return NONE
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Format", "是")
            if value
            else QCoreApplication.translate("Format", "否")
        )
    if isinstance(value, float | int):
        return number(float(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def listed(items: Iterable[str]) -> str:
    """Items as the language lists them: 场所平面图、健康证明 in Chinese, commas in English."""
    return QCoreApplication.translate("Format", "、").join(items)


def named(name: str, code: str) -> str:
    """A name with its code: 食品经营许可（FOOD_LICENCE）, in English with a plain bracket."""
    return QCoreApplication.translate("Format", "{0}（{1}）").format(name, code)


def key_mode_text(mode: str) -> str:
    if mode == "keyring":
        return QCoreApplication.translate("Format", "已加密（系统钥匙串）")
    if mode == "passphrase":
        return QCoreApplication.translate("Format", "已加密（口令）")
    return QCoreApplication.translate("Format", "已加密")


def status_text(stats: CacheStats) -> str:
    """本地数据 52,318 户 · 截至 2026-11-21 18:02 · 待上传 0 条 · 已加密（系统钥匙串）"""
    parts = [
        QCoreApplication.translate("Format", "本地数据 {0} 户").format(f"{stats.entities:,}"),
        QCoreApplication.translate("Format", "截至 {0}").format(stamp(stats.as_of))
        if stats.as_of
        else QCoreApplication.translate("Format", "尚未同步"),
        QCoreApplication.translate("Format", "待上传 {0} 条").format(f"{stats.pending_upload:,}"),
        key_mode_text(stats.key_mode),
    ]
    return " · ".join(parts)
