"""The plan file's shape and digest: what ``plan verify`` may rely on before re-running a draw.

A plan file arrives from anywhere (a USB stick, a download of the 一公开 page), so it is checked
field by field first: a missing seed or a short pool row must be reported in Chinese, naming
the field, never as a Python traceback. The content digest (``content_sha256``, SHA-256 of the
canonical JSON of every other field) covers what the draw itself does not re-derive — names,
addresses, inspector names, the published group figures — so an edit anywhere in the file is
seen, and, where the draw was recorded on this machine, the digest in the audit log shows
whether a file with a recomputed digest is the one that was drawn here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from credit.domain.inspection_catalog import GRADE_GROUPS, MatrixCell
from credit.domain.sampling import PROCEDURE, canonical_json
from credit.inspections import InspectionError

FORMAT = "creditdesk-plan/1"
DIGEST_KEY = "content_sha256"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
#: Bad pool rows and tasks listed one by one up to this many; then only counted.
LISTED = 5


def content_sha256(doc: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the document without its own digest."""
    return hashlib.sha256(canonical_json({k: v for k, v in doc.items() if k != DIGEST_KEY})).hexdigest()


def with_digest(doc: dict[str, Any]) -> dict[str, Any]:
    doc[DIGEST_KEY] = content_sha256(doc)
    return doc


def _is_text(value: Any, *, empty: bool = False) -> bool:
    return isinstance(value, str) and (empty or bool(value.strip()))


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.counts: dict[str, int] = {}

    def add(self, text: str, group: str | None = None) -> None:
        if group is not None:
            self.counts[group] = self.counts.get(group, 0) + 1
            if self.counts[group] > LISTED:
                return
        self.items.append(text)

    def need(self, doc: Mapping[str, Any], key: str, test: Callable[[Any], bool], what: str) -> bool:
        if key not in doc:
            self.add(f"缺少“{key}”（{what}）")
            return False
        if not test(doc[key]):
            self.add(f"“{key}”应为{what}")
            return False
        return True


def _check_matrix(p: _Problems, matrix: Any, sectors: list[str]) -> None:
    if not isinstance(matrix, dict):
        p.add("“matrix”应为 {领域代码: {等级组: 比例设置}} 形式的对象")
        return
    for sector in sectors:
        cells = matrix.get(sector)
        if not isinstance(cells, dict):
            p.add(f"“matrix”缺少领域“{sector}”的比例设置")
            continue
        for group in GRADE_GROUPS:
            raw = cells.get(group)
            try:
                if not isinstance(raw, dict):
                    raise ValueError("缺少")
                MatrixCell.from_dict(raw)
            except (KeyError, TypeError, ValueError) as exc:
                p.add(f"“matrix.{sector}.{group}”缺少或无效（应含 ratio、min_count）：{exc}")


def _check_pool(p: _Problems, pool: Any) -> None:
    if not isinstance(pool, dict):
        p.add("“pool”应为对象（sha256、size、entries）")
        return
    p.need(pool, "sha256", lambda v: isinstance(v, str) and bool(_HEX64.match(v)), "64 位十六进制的 SHA-256")
    p.need(pool, "size", _is_count, "非负整数")
    entries = pool.get("entries")
    if not isinstance(entries, dict):
        p.add("缺少“pool.entries”（各领域的主体库快照）或其不是对象")
        return
    for sector, rows in entries.items():
        if not isinstance(rows, list):
            p.add(f"“pool.entries.{sector}”应为列表")
            continue
        for i, row in enumerate(rows, start=1):
            ok = (
                isinstance(row, list)
                and len(row) == 4
                and _is_text(row[0])
                and isinstance(row[1], str)
                and _is_count(row[2])
                and _is_texts(row[3])
            )
            if not ok:
                p.add(
                    f"“pool.entries.{sector}”第 {i} 行应为 [统一社会信用代码, 信用等级, 本年度检查次数, "
                    f"[回避的执法证号…]]，实为 {str(row)[:60]}",
                    group="pool",
                )


def _check_tasks(p: _Problems, tasks: Any) -> None:
    if not isinstance(tasks, list):
        p.add("“tasks”应为列表")
        return
    for i, t in enumerate(tasks, start=1):
        where = f"“tasks”第 {i} 项"
        if not isinstance(t, dict):
            p.add(f"{where}应为对象", group="tasks")
            continue
        bad = [
            key
            for key, test in (
                ("seq", _is_count),
                ("uscc", _is_text),
                ("name", lambda v: _is_text(v, empty=True)),
                ("sectors", _is_texts),
                ("matters", _is_texts),
            )
            if not test(t.get(key))
        ]
        people = t.get("inspectors")
        if not isinstance(people, list) or not all(
            isinstance(x, dict) and _is_text(x.get("cert_no")) and isinstance(x.get("name", ""), str)
            for x in people
        ):
            bad.append("inspectors")
        if bad:
            p.add(f"{where}的 {'、'.join(f'“{k}”' for k in bad)} 缺少或无效", group="tasks")


def _check_groups(p: _Problems, groups: Any) -> None:
    if not isinstance(groups, list):
        p.add("“groups”应为列表")
        return
    for i, g in enumerate(groups, start=1):
        ok = isinstance(g, dict) and all(_is_count(g.get(k)) for k in ("size", "capped", "wanted", "drawn"))
        if not ok or not _is_text(g.get("sector")) or g.get("group") not in GRADE_GROUPS:
            p.add(
                f"“groups”第 {i} 项缺少或无效（sector、group、size、capped、wanted、drawn）", group="groups"
            )


def _check_roster(p: _Problems, roster: Any) -> None:
    if not isinstance(roster, dict) or not isinstance(roster.get("inspectors"), list):
        p.add("“roster”应为含“inspectors”列表的对象")
        return
    for i, person in enumerate(roster["inspectors"], start=1):
        ok = (
            isinstance(person, dict)
            and _is_text(person.get("cert_no"))
            and isinstance(person.get("name", ""), str)
            and isinstance(person.get("unit", ""), str)
            and isinstance(person.get("active", True), bool)
            and isinstance(person.get("conflicts", []), list)
            and all(isinstance(c, dict) for c in person.get("conflicts", []))
        )
        if not ok:
            p.add(
                f"“roster.inspectors”第 {i} 名缺少或无效（cert_no、name、active、conflicts）", group="roster"
            )


def _check_config(p: _Problems, config: Any) -> list[str]:
    if not isinstance(config, dict):
        p.add("“config”（抽取条件）应为对象")
        return []
    for key, test, what in (
        ("name", _is_text, "非空文本"),
        ("unit", lambda v: _is_text(v, empty=True), "文本"),
        ("year", _is_count, "年份"),
        ("divisions", _is_texts, "文本列表"),
        ("sectors", lambda v: _is_texts(v) and bool(v), "非空的领域代码列表"),
        ("statuses", _is_texts, "文本列表"),
    ):
        if key not in config or not test(config[key]):
            p.add(f"“config.{key}”缺少或不是{what}")
    if config.get("entity_types") is not None and not _is_texts(config["entity_types"]):
        p.add("“config.entity_types”应为文本列表")
    if config.get("due") is not None and not _is_text(config["due"]):
        p.add("“config.due”应为 YYYY-MM-DD 格式的日期")
    sectors = config.get("sectors")
    return [str(x) for x in sectors] if isinstance(sectors, list) and _is_texts(sectors) else []


def _moment(value: Any) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value) is not None
    except ValueError:
        return False


def check_document(doc: Any) -> None:
    """Raise :class:`InspectionError` naming every missing or malformed field of a plan file."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InspectionError(f"这不是 CreditDesk 抽查计划文件（应为 {FORMAT} 格式）。")
    if doc.get("procedure") != PROCEDURE:
        raise InspectionError(f"计划使用的随机方法“{doc.get('procedure')}”不受支持（本程序为 {PROCEDURE}）。")
    p = _Problems()
    p.need(doc, "id", _is_text, "计划标识（非空文本）")
    p.need(doc, "plan_no", _is_text, "计划编号（非空文本）")
    p.need(doc, "seed", _is_text, "随机种子（非空文本）")
    p.need(doc, "drawn_utc", _moment, "抽取时间（ISO 格式）")
    p.need(
        doc,
        "result_sha256",
        lambda v: isinstance(v, str) and bool(_HEX64.match(v)),
        "64 位十六进制的 SHA-256",
    )
    p.need(doc, "unassigned", _is_texts, "统一社会信用代码列表")
    if DIGEST_KEY in doc and not (isinstance(doc[DIGEST_KEY], str) and _HEX64.match(doc[DIGEST_KEY])):
        p.add(f"“{DIGEST_KEY}”应为 64 位十六进制的 SHA-256")
    sectors = _check_config(p, doc.get("config"))
    _check_matrix(p, doc.get("matrix"), sectors)
    _check_roster(p, doc.get("roster"))
    _check_pool(p, doc.get("pool"))
    _check_groups(p, doc.get("groups"))
    _check_tasks(p, doc.get("tasks"))
    for group, n in p.counts.items():
        if n > LISTED:
            p.items.append(f"……另有 {n - LISTED} 处同类问题（{group}）")
    if p.items:
        raise InspectionError(
            [f"计划文件不完整或格式有误（{FORMAT}），无法核验：", *(f"· {x}" for x in p.items)]
        )
