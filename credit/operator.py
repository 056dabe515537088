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
    #: The platform's two-digit number for this device, heading the serial of the commitment
    #: codes it makes (``None`` before the first sign-in: serials then start with 00).
    device_no: str | None = None

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
            device_no=data.get("device_no") or None,
        )

    @staticmethod
    def sign_in(data_dir: Path, *, user: str, unit: str, device_no: str | None) -> None:
        """Who is working comes from the platform account once signed in (name, unit, device
        number); the rest of ``operator.json`` (device name, staleness) is kept."""
        path = data_dir / OPERATOR_FILE
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data.update(user=user, unit=unit, device_no=device_no)
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)

    @staticmethod
    def write_demo(data_dir: Path) -> None:
        """Give a demo data directory its demo operator, unless someone is configured."""
        path = data_dir / OPERATOR_FILE
        if not path.exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(DEMO_OPERATOR, ensure_ascii=False), encoding="utf-8")
