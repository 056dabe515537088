"""Who is working: recorded in the audit log and, later, in every record a user creates.

Kept free of heavy imports so the GUI can read or prepare it before the core is loaded.
"""

from __future__ import annotations

import getpass
import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OPERATOR_FILE = "operator.json"
#: Days after which cached data is called stale on a check ("stale_after_days" overrides).
STALE_AFTER_DAYS = 7
#: Printed where a record needs the unit and ``operator.json`` names none.
NO_UNIT = "（未设置单位）"
#: Who a demo data directory says is working, so the demo looks like a real desk.
DEMO_OPERATOR = {"user": "张三（演示）", "unit": "滑县市场监督管理局"}


@dataclass(frozen=True)
class Operator:
    """Who is working, as recorded in the audit log and (later) in every record."""

    user: str
    unit: str
    device: str
    stale_after_days: int = STALE_AFTER_DAYS  # a check warns when the cache is older

    @classmethod
    def load(cls, data_dir: Path) -> Operator:
        path = data_dir / OPERATOR_FILE
        data: dict[str, Any] = {}
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            user=data.get("user") or getpass.getuser(),
            unit=data.get("unit") or "",
            device=data.get("device") or platform.node() or "unknown",
            stale_after_days=int(data.get("stale_after_days") or STALE_AFTER_DAYS),
        )

    @staticmethod
    def write_demo(data_dir: Path) -> None:
        """Give a demo data directory its demo operator, unless someone is configured."""
        path = data_dir / OPERATOR_FILE
        if not path.exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(DEMO_OPERATOR, ensure_ascii=False), encoding="utf-8")
