"""One object for the front ends: every inspection action on one store, as one operator.

The GUI (on its worker) and the CLI call this rather than the modules, so both do the same
thing in the same order (finalising prunes photos that were removed from the form, printing
looks up the images, …). It holds nothing but the store, the operator and the catalog.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from credit.domain.inspection_catalog import InspectionCatalog, load_inspection_catalog
from credit.domain.roster import Roster
from credit.inspections import InspectionError, attachments, followup, records
from credit.inspections import drafts as _drafts
from credit.inspections import plans as _plans
from credit.inspections import tasks as _tasks
from credit.inspections.config import PlanConfig
from credit.operator import Operator
from credit.store.db import Store


class Inspections:
    def __init__(self, store: Store, operator: Operator) -> None:
        self.store = store
        self.operator = operator

    @cached_property
    def catalog(self) -> InspectionCatalog:
        return load_inspection_catalog()

    # -- plans ---------------------------------------------------------------------------

    def draw(
        self, config: PlanConfig, roster: Roster, seed: str, now: datetime | None = None
    ) -> dict[str, Any]:
        return _plans.draw_plan(
            self.store, self.operator, config, roster, seed, catalog=self.catalog, now=now
        )

    def plans(self) -> list[dict[str, Any]]:
        return _plans.plans(self.store)

    def plan(self, plan_id: str) -> dict[str, Any] | None:
        return _plans.plan_document(self.store, plan_id)

    def verify(self, doc: dict[str, Any], roster: Roster | None = None) -> _plans.VerifyReport:
        return _plans.verify_plan(self.store, doc, roster=roster, catalog=self.catalog)

    def colleagues(self, uscc: str, plan_id: str | None = None) -> list[tuple[str, str]]:
        """(name, 执法证号) of the active inspectors who may inspect ``uscc`` (no declared conflict)."""
        from credit.inspections.colleagues import inspector_facts

        return inspector_facts(self.store, uscc, plan_id).colleagues()

    def tasks(self, plan_id: str, today: date | None = None) -> list[_tasks.TaskRow]:
        return _tasks.task_rows(self.store, plan_id, today or date.today())

    def plan_pdf(self, doc: dict[str, Any], out: Path) -> Path:
        from credit.reports.plan_report import build_plan_report

        build_plan_report(doc, out)
        return out

    def plan_xlsx(self, doc: dict[str, Any], out: Path) -> Path:
        from credit.inspections.exports import plan_xlsx

        plan_xlsx(doc, out)
        return out

    # -- drafts and records --------------------------------------------------------------

    def start_task(self, task_id: str, matter_code: str | None = None) -> dict[str, Any]:
        return records.start_for_task(self.store, self.operator, task_id, matter_code, self.catalog)

    def start_ad_hoc(self, uscc: str, matter_code: str, category: str, **kw: Any) -> dict[str, Any]:
        return records.start_ad_hoc(
            self.store, self.operator, uscc, matter_code, category, catalog=self.catalog, **kw
        )

    def draft(self, draft_id: str) -> dict[str, Any] | None:
        return _drafts.get(self.store, draft_id)

    def drafts(self, **filters: Any) -> list[dict[str, Any]]:
        return _drafts.find(self.store, **filters)

    def new_draft(self, kind: str, data: dict[str, Any], **kw: Any) -> dict[str, Any]:
        return _drafts.create(self.store, self.operator, kind, data, **kw)

    def save_draft(self, draft_id: str, data: dict[str, Any]) -> int:
        return _drafts.save(self.store, draft_id, data)

    def discard_draft(self, draft_id: str) -> None:
        _drafts.discard(self.store, self.operator, draft_id)
        attachments.prune(self.store)

    def add_file(self, path: Path, kind: str | None = None) -> attachments.Attachment:
        return attachments.store_file(self.store, path, kind)

    def add_bytes(self, name: str, data: bytes, kind: str | None = None) -> attachments.Attachment:
        return attachments.store_bytes(self.store, name, data, kind)

    def thumbnails(self, shas: list[str]) -> dict[str, bytes]:
        return attachments.thumbnails(self.store, shas)

    def content(self, sha: str) -> bytes | None:
        return attachments.content(self.store, sha)

    def finalise(self, draft_id: str, now: datetime | None = None) -> dict[str, Any]:
        record = records.finalise(self.store, self.operator, draft_id, catalog=self.catalog, now=now)
        attachments.prune(self.store)
        return record

    def record(self, record_id: str) -> dict[str, Any] | None:
        return records.get(self.store, record_id)

    def history(self, record_id: str) -> list[dict[str, Any]]:
        return records.history(self.store, record_id)

    def start_correction(self, record_id: str) -> dict[str, Any]:
        return records.start_correction(self.store, self.operator, record_id, self.catalog)

    def record_pdf(self, record_id: str, out: Path) -> Path:
        from credit.integrity import inspection_record_problems
        from credit.reports.inspection_record import RecordPrint, build_inspection_record

        rec = self.record(record_id)
        if rec is None:
            raise LookupError(record_id)
        with self.store.work.connect() as conn:
            altered = inspection_record_problems(conn, record_id)
        if altered:  # a printed record must show what was finalised, or nothing
            raise InspectionError(
                [
                    f"检查记录 {rec['record_no']} 与其核验码或审计记录不符，可能在定稿后被改动，不予打印：",
                    *altered,
                    "请运行 creditdesk audit verify 查看全部情况，并报告信息安全负责人。",
                ]
            )
        photos = [a["sha256"] for a in rec["attachments"]]
        signature = self.content(rec["signature_sha256"]) if rec.get("signature_sha256") else None
        was = self.record(rec["corrects"]) if rec.get("corrects") else None
        build_inspection_record(
            RecordPrint(
                rec,
                images=self.thumbnails(photos),
                signature=signature,
                corrected_record_no=was["record_no"] if was else None,
                problem=self.catalog.result(rec["result_code"]).problem,
                late=records.publication_late(rec),
            ),
            out,
        )
        return out

    def records_since(self, day: date) -> list[dict[str, Any]]:
        recs = records.since(self.store, day)
        numbers = {r["id"]: r["record_no"] for r in recs}
        for r in recs:
            if r.get("corrects"):
                was = numbers.get(r["corrects"]) or (self.record(r["corrects"]) or {}).get("record_no")
                r["corrects_no"] = was
        return recs

    def export_records(self, day: date, out: Path) -> int:
        from credit.inspections.exports import records_xlsx

        recs = self.records_since(day)
        records_xlsx(recs, out)
        return len(recs)

    # -- follow-up -----------------------------------------------------------------------

    def orders(self, today: date | None = None, **kw: Any) -> list[followup.OrderState]:
        return followup.order_states(self.store, today or date.today(), catalog=self.catalog, **kw)

    def issue_rectification(self, record_id: str, **kw: Any) -> dict[str, Any]:
        return followup.issue_rectification(self.store, self.operator, record_id, catalog=self.catalog, **kw)

    def start_follow_up(self, order_id: str) -> dict[str, Any]:
        return followup.start_follow_up(self.store, self.operator, order_id)

    def rectification_draft(self, record_id: str, today: date | None = None) -> dict[str, Any]:
        return followup.rectification_draft(
            self.store, self.operator, record_id, today or date.today(), catalog=self.catalog
        )

    def interview_draft(self, today: date | None = None, **kw: Any) -> dict[str, Any]:
        return followup.interview_draft(
            self.store, self.operator, today=today or date.today(), catalog=self.catalog, **kw
        )

    def record_interview(self, **kw: Any) -> dict[str, Any]:
        return followup.record_interview(self.store, self.operator, catalog=self.catalog, **kw)
