"""The inspector roster (执法人员名录) that 双随机 pairs are drawn from.

A roster is a JSON file kept by the unit::

    {"unit": "滑县市场监督管理局", "unit_code": "11410526MB1234567X",
     "inspectors": [
       {"name": "李明", "cert_no": "豫A0526001", "unit": "滑县市场监督管理局",
        "conflicts": [{"uscc": "92410526MA40QW2E2X", "reason": "配偶经营"},
                      {"legal_rep_id": "410526198001011234", "reason": "近亲属任法定代表人"}]},
       {"name": "王芳", "cert_no": "豫A0526002", "active": false}]}

``cert_no`` is the 执法证号 (unique in the roster); ``conflicts`` are the declared conflicts of
interest (回避), by the entity's USCC or by its legal representative's ID number; an inactive
inspector (leave, transfer) is never drawn. Typos here would let a conflicted inspector through
(a code that matches no entity excludes nobody), so a USCC must have the right format *and* its
check characters, and an 18-character ID number its check character. Real registers hold a few
codes that fail their check (GB 32100 stock codes): such a conflict needs ``"override"`` with the
reason it was accepted, kept in the roster file for whoever reads it next.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from credit.domain import uscc as uscc_rules
from credit.domain.catalogs import CatalogError, Entry, read_json

MIN_INSPECTORS = 2


@dataclass(frozen=True)
class Conflict:
    uscc: str | None = None
    legal_rep_id: str | None = None
    reason: str = ""
    override: str = ""  # why a USCC failing its check characters was accepted

    def applies(self, uscc: str, legal_rep_id: str | None) -> bool:
        if self.uscc is not None:
            return self.uscc == uscc
        return legal_rep_id is not None and self.legal_rep_id == legal_rep_id.strip().upper()


@dataclass(frozen=True)
class Inspector:
    name: str
    cert_no: str
    unit: str = ""
    active: bool = True
    conflicts: tuple[Conflict, ...] = ()

    def conflicted(self, uscc: str, legal_rep_id: str | None) -> bool:
        return any(c.applies(uscc, legal_rep_id) for c in self.conflicts)

    def public(self) -> dict[str, Any]:
        """As recorded in a plan file, which anyone may be given to verify the draw with.

        Verification needs who could be drawn (the active 执法证号) and, to re-check entities
        that entered the pool later, the USCCs each inspector declared; it never needs *why*
        (a spouse's job, a relative) nor anyone's ID number. Conflicts by legal representative
        are already applied in the pool snapshot, entity by entity, and are left out here.
        """
        return {
            "name": self.name,
            "cert_no": self.cert_no,
            "unit": self.unit,
            "active": self.active,
            "conflicts": [{"uscc": c.uscc} for c in self.conflicts if c.uscc],
        }


@dataclass(frozen=True)
class Roster:
    unit: str
    inspectors: tuple[Inspector, ...]
    unit_code: str = ""
    source: str = ""  # the file it came from, for messages
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def active(self) -> list[Inspector]:
        return [i for i in self.inspectors if i.active]

    def by_cert(self, cert_no: str) -> Inspector | None:
        return next((i for i in self.inspectors if i.cert_no == cert_no), None)

    def sha256(self) -> str:
        """Digest of the roster as loaded (canonical JSON), so a plan names the roster it used."""
        canonical = json.dumps(self.raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def conflicted_with(self, uscc: str, legal_rep_id: str | None) -> list[str]:
        """执法证号 of every inspector who declared a conflict with this entity, sorted."""
        return sorted(i.cert_no for i in self.inspectors if i.conflicted(uscc, legal_rep_id))


def _conflict(e: Entry) -> Conflict | None:
    from credit.commitments import CommitmentError, check_id_number

    e.only({"uscc", "legal_rep_id", "reason", "override"})
    code, rep = e.raw.get("uscc"), e.raw.get("legal_rep_id")
    reason = e.text("reason", required=False)
    override = e.text("override", required=False)
    if (code is None) == (rep is None):
        e.fail("应且只应填写“uscc”（主体统一社会信用代码）或“legal_rep_id”（法定代表人证件号码）之一")
        return None
    if code is not None:
        try:
            parsed = uscc_rules.parse(str(code))
        except uscc_rules.USCCFormatError as exc:
            e.fail(f"统一社会信用代码“{code}”格式错误：{exc.reason}")
            return None
        if not parsed.valid and not override:
            why = "；".join(w.rstrip("。") for w in parsed.warnings)
            e.fail(
                f"统一社会信用代码“{code}”校验位不符（{why}），"
                "按此代码将匹配不到任何主体，回避也就不会生效。请与营业执照核对后更正；"
                "确属登记机关的存量代码的，请在该项加上 \"override\": \"核对情况\"（记入名录）"
            )
            return None
        return Conflict(uscc=parsed.code, reason=reason, override=override)
    number = str(rep).strip().upper()
    if len(number) == 18:
        try:
            number = check_id_number(number)
        except CommitmentError as exc:
            e.fail(f"法定代表人证件号码有误：{exc.reason}")
            return None
    elif not number:
        e.fail("“legal_rep_id”不能为空")
        return None
    if override:
        e.fail("“override”只用于校验位不符的统一社会信用代码")
    return Conflict(legal_rep_id=number, reason=reason)


def parse_roster(data: Any, source: str = "名录") -> Roster:
    """A roster from its JSON form; raises :class:`CatalogError` listing every problem."""
    problems: list[str] = []
    top = Entry(problems, source, data)
    top.only({"unit", "unit_code", "inspectors"})
    raw_list = top.raw.get("inspectors")
    if not isinstance(raw_list, list) or not raw_list:
        top.fail("“inspectors”应为非空列表")
        raw_list = []
    inspectors: list[Inspector] = []
    certs: set[str] = set()
    for i, raw in enumerate(raw_list, start=1):
        name = raw.get("name") if isinstance(raw, dict) else None
        e = Entry(problems, f"{source} 第 {i} 名执法人员" + (f"（{name}）" if name else ""), raw)
        e.only({"name", "cert_no", "unit", "active", "conflicts", "note"})
        cert = e.text("cert_no")
        if cert in certs:
            e.fail(f"执法证号“{cert}”重复")
        certs.add(cert)
        conflicts: list[Conflict] = []
        raw_conflicts = e.raw.get("conflicts", [])
        if not isinstance(raw_conflicts, list):
            e.fail("“conflicts”应为列表")
            raw_conflicts = []
        for j, craw in enumerate(raw_conflicts, start=1):
            c = _conflict(Entry(problems, f"{e.where} 回避事项 {j}", craw))
            if c is not None:
                conflicts.append(c)
        inspectors.append(
            Inspector(
                name=e.text("name"),
                cert_no=cert,
                unit=e.text("unit", required=False) or top.raw.get("unit", "") or "",
                active=e.flag("active", True),
                conflicts=tuple(conflicts),
            )
        )
    if raw_list and sum(1 for i in inspectors if i.active) < MIN_INSPECTORS:
        top.fail(f"在岗执法人员少于 {MIN_INSPECTORS} 名，无法两人一组开展检查")
    if problems:
        head = f"执法人员名录有误（{source}），请更正后重试："
        raise CatalogError("\n".join([head, *(f"· {p}" for p in problems)]))
    return Roster(
        unit=str(top.raw.get("unit") or ""),
        unit_code=str(top.raw.get("unit_code") or ""),
        inspectors=tuple(inspectors),
        source=source,
        raw=data,
    )


def load_roster(path: Path) -> Roster:
    try:
        data = read_json(path)
    except CatalogError as exc:
        raise CatalogError(str(exc).replace("目录文件", "执法人员名录文件")) from None
    return parse_roster(data, str(path))


#: Where a unit keeps its own roster: in its data directory, beside the databases.
ROSTER_FILE = "inspectors.json"


def unit_roster_path(data_dir: Path) -> Path:
    return data_dir / ROSTER_FILE


def load_unit_roster(data_dir: Path) -> Roster | None:
    """The unit's roster (``<data dir>/inspectors.json``) if it has one; a broken one raises."""
    path = unit_roster_path(data_dir)
    return load_roster(path) if path.is_file() else None


def roster_from(inspectors: Iterable[Inspector], unit: str = "") -> Roster:
    """A roster built in code (tests, the GUI's ad-hoc edits), with its canonical JSON."""
    raw = {
        "unit": unit,
        "inspectors": [
            {
                "name": i.name,
                "cert_no": i.cert_no,
                "unit": i.unit,
                "active": i.active,
                "conflicts": [
                    ({"uscc": c.uscc, "reason": c.reason} | ({"override": c.override} if c.override else {}))
                    if c.uscc
                    else {"legal_rep_id": c.legal_rep_id, "reason": c.reason}
                    for c in i.conflicts
                ],
            }
            for i in inspectors
        ],
    }
    return parse_roster(raw, "名录")
