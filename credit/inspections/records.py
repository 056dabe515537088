"""Inspection records: a draft per visit, finalised into an immutable 行政检查行为 record.

Finalising checks everything a record must have (at least two inspectors with 执法证号, a result
code, the required checklist items answered and consistent with the result, 报送时间 after
检查时间), then writes the record, its outbox rows (the record, and the metadata of each
attachment) and its audit row in one transaction and deletes the draft. The record can never be
changed afterwards (database triggers); a correction is a new record naming the one it corrects.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from credit.domain.catalogs import CatalogError
from credit.domain.inspection_catalog import ANSWERS, FAIL, InspectionCatalog, load_inspection_catalog
from credit.domain.workdays import NoCalendarData, add_working_days
from credit.inspections import InspectionError, drafts
from credit.inspections.attachments import store_bytes
from credit.inspections.colleagues import InspectorFacts, inspector_facts
from credit.inspections.signature import has_ink, render_png
from credit.operator import NO_UNIT, Operator
from credit.reports.verification import verification_code
from credit.store import audit, outbox
from credit.store.db import Store
from credit.store.tables import entity, inspection_plan, inspection_record, inspection_task

PARTY_ID_TYPE = "统一社会信用代码"
#: The shortest 执法证号 accepted (real ones: a province character, letters and digits, 8–13 long).
CERT_MIN_LENGTH = 4
#: A clock a few minutes fast must not make a just-finished inspection "in the future".
CLOCK_SLACK = timedelta(minutes=5)
CONTENT_VERSION = 1


# -- what a draft starts with ----------------------------------------------------------------


def entity_info(cache: sa.Connection, uscc: str) -> dict[str, Any]:
    row = cache.execute(
        sa.select(
            entity.c.uscc,
            entity.c.name,
            entity.c.address,
            entity.c.division_code,
            entity.c.division_name,
            entity.c.entity_type,
            entity.c.legal_rep,
        ).where(entity.c.uscc == uscc)
    ).first()
    if row is None:
        raise InspectionError(f"本地数据中没有代码为 {uscc} 的主体。请同步后重试。")
    return dict(row._mapping)


def blank_answers(catalog: InspectionCatalog, matter_code: str) -> dict[str, dict[str, str]]:
    return {i.code: {"answer": "", "note": ""} for i in catalog.matter(matter_code).checklist}


def initial_data(
    catalog: InspectionCatalog,
    info: Mapping[str, Any],
    matter_code: str,
    *,
    category: str,
    inspectors: Sequence[Mapping[str, str]] = (),
    task: Mapping[str, Any] | None = None,
    rectification_id: str | None = None,
    corrects: str | None = None,
) -> dict[str, Any]:
    """The form state a new inspection draft starts from."""
    catalog.matter(matter_code)
    return {
        "version": 1,
        "task_id": task["id"] if task else None,
        "plan_id": task["plan_id"] if task else None,
        "uscc": info["uscc"],
        "entity_name": info["name"],
        "address": info.get("address") or "",
        "division_code": info.get("division_code") or "",
        "division_name": info.get("division_name") or "",
        "entity_type": info.get("entity_type") or "",
        "matter_code": matter_code,
        "form": catalog.forms[0],
        "category": category,
        "method": catalog.methods[0],
        "answers": blank_answers(catalog, matter_code),
        "result_code": "",
        "findings": "",
        "inspectors": [{"name": i.get("name", ""), "cert_no": i.get("cert_no", "")} for i in inspectors],
        "inspected_at": "",
        "place": info.get("address") or "",
        "latitude": None,
        "longitude": None,
        "present_person": "",
        "signature": None,
        "signature_strokes": None,
        "attachments": [],
        "rectification_id": rectification_id,
        "corrects": corrects,
        "correction_reason": "",
    }


def _task(conn: sa.Connection, task_id: str) -> dict[str, Any]:
    row = conn.execute(sa.select(inspection_task).where(inspection_task.c.id == task_id)).first()
    if row is None:
        raise InspectionError("找不到该检查任务。")
    out = dict(row._mapping)
    for key in ("sectors", "matters", "inspectors"):
        out[key] = json.loads(out[key])
    return out


def start_for_task(
    store: Store,
    operator: Operator,
    task_id: str,
    matter_code: str | None = None,
    catalog: InspectionCatalog | None = None,
) -> dict[str, Any]:
    """The task's open draft for that matter if there is one, else a new one; returns the draft."""
    catalog = catalog or load_inspection_catalog()
    with store.work.connect() as conn:
        task = _task(conn, task_id)
        done = {r.matter_code for r in _current(conn, inspection_record.c.task_id == task_id)}
    matter = matter_code or next((m for m in task["matters"] if m not in done), task["matters"][0])
    if matter not in task["matters"]:
        raise InspectionError(f"监管事项 {matter} 不属于该检查任务。")
    for d in drafts.find(store, kind="inspection", task_id=task_id):
        if d["data"].get("matter_code") == matter:
            return d
    if matter in done:
        raise InspectionError("该任务的这一事项已有定稿的检查记录。如需修改，请对该记录进行更正。")
    with store.cache.connect() as cache:
        info = entity_info(cache, task["uscc"])
    data = initial_data(
        catalog, info, matter, category="双随机抽查", inspectors=task["inspectors"], task=task
    )
    return drafts.create(store, operator, "inspection", data, task_id=task_id, uscc=task["uscc"])


def start_ad_hoc(
    store: Store,
    operator: Operator,
    uscc: str,
    matter_code: str,
    category: str,
    *,
    inspectors: Sequence[Mapping[str, str]] = (),
    rectification_id: str | None = None,
    catalog: InspectionCatalog | None = None,
) -> dict[str, Any]:
    """A draft for an inspection outside any plan (重点检查, 投诉举报核查, 复查 …)."""
    catalog = catalog or load_inspection_catalog()
    if category not in catalog.categories:
        raise InspectionError(f"检查类别“{category}”无效，应为：{'、'.join(catalog.categories)}。")
    with store.cache.connect() as cache:
        info = entity_info(cache, uscc)
    data = initial_data(
        catalog,
        info,
        matter_code,
        category=category,
        inspectors=inspectors,
        rectification_id=rectification_id,
    )
    return drafts.create(store, operator, "inspection", data, uscc=uscc)


# -- validation ------------------------------------------------------------------------------


def parse_moment(text: str) -> datetime:
    """An ISO time as the form writes it; a naive one is taken as local time."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.astimezone()


@dataclass
class Checked:
    """A draft found complete: the values the record is written from."""

    data: dict[str, Any]
    answers: list[dict[str, Any]]
    inspectors: list[dict[str, str]]
    inspected_at: datetime
    submitted_at: datetime
    problems: list[str] = field(default_factory=list)


def _check_inspectors(inspectors: list[dict[str, str]], facts: InspectorFacts | None) -> list[str]:
    """Declared conflicts refuse an inspector; a 执法证号 must look like one and, where a roster
    applies, be in it under that name (a typo would let anyone sign as an inspector)."""
    problems: list[str] = []
    for i in inspectors:
        name, cert = i["name"], i["cert_no"]
        if not cert:
            continue
        if facts is not None and cert in facts.conflicted:
            problems.append(
                f"执法人员{name}（{cert}）已申报与该主体存在利害关系，依规应当回避，不能参加本次检查。请更换执法人员。"
            )
        if len(cert) < CERT_MIN_LENGTH or not any(ch.isdigit() for ch in cert):
            problems.append(
                f"执法证号“{cert}”（{name}）不像有效的执法证号"
                f"（至少 {CERT_MIN_LENGTH} 位，含数字），请核对执法证。"
            )
            continue
        if facts is None or facts.known is None:
            continue
        if cert not in facts.known:
            problems.append(
                f"执法证号“{cert}”（{name}）不在执法人员名录中（{'；'.join(facts.sources)}）。"
                "请从名录中选择执法人员；其他单位人员参加联合检查的，请管理员将其加入本单位名录。"
            )
        elif facts.known[cert] and name != facts.known[cert]:
            problems.append(f"执法证号“{cert}”在名录中属于{facts.known[cert]}，而不是“{name}”，请核对。")
    return problems


def check(
    data: Mapping[str, Any], catalog: InspectionCatalog, now: datetime, facts: InspectorFacts | None = None
) -> Checked:
    """Everything wrong with a draft, at once (so the inspector fixes it in one pass).

    ``facts`` are the rosters that apply to the visit (:func:`inspector_facts`): with them,
    conflicted inspectors and 执法证号 outside the rosters are refused.
    """
    problems: list[str] = []
    try:
        matter = catalog.matter(str(data.get("matter_code") or ""))
    except CatalogError:
        raise InspectionError("请选择监管事项。") from None
    code = str(data.get("result_code") or "")
    result = catalog.results.get(code)
    if result is None:
        problems.append("请选择检查结果。")
    inspectors = [
        {"name": str(i.get("name") or "").strip(), "cert_no": str(i.get("cert_no") or "").strip()}
        for i in data.get("inspectors") or []
    ]
    inspectors = [i for i in inspectors if i["name"] or i["cert_no"]]
    for i in inspectors:
        if not i["name"] or not i["cert_no"]:
            problems.append(f"执法人员“{i['name'] or i['cert_no']}”的姓名和执法证号都须填写。")
    certs = [i["cert_no"] for i in inspectors if i["cert_no"]]
    if len(set(certs)) != len(certs):
        problems.append("同一执法证号填写了两次，请核对执法人员。")
    if len({c for c in certs}) < 2:
        problems.append("行政检查须由两名以上执法人员实施，请填写至少两名执法人员及其执法证号。")
    problems += _check_inspectors(inspectors, facts)
    for key, options, label in (
        ("form", catalog.forms, "检查形式"),
        ("category", catalog.categories, "检查类别"),
        ("method", catalog.methods, "检查方式"),
    ):
        if data.get(key) not in options:
            problems.append(f"请选择{label}（{'、'.join(options)}）。")
    inspected: datetime | None = None
    raw_time = str(data.get("inspected_at") or "")
    if not raw_time:
        problems.append("请填写检查时间。")
    else:
        try:
            inspected = parse_moment(raw_time)
        except ValueError:
            problems.append(f"检查时间“{raw_time}”无法识别。")
    if inspected is not None and inspected > now + CLOCK_SLACK:
        problems.append(f"检查时间 {inspected:%Y-%m-%d %H:%M} 晚于现在，请核对。")
    elif inspected is not None and now <= inspected:
        problems.append("报送时间须晚于检查时间：请在检查结束后再定稿。")
    if not str(data.get("place") or "").strip():
        problems.append("请填写检查地点。")
    lat, lon = data.get("latitude"), data.get("longitude")
    if (lat is None) != (lon is None):
        problems.append("坐标须同时填写纬度和经度（或都不填）。")
    elif lat is not None and lon is not None and not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
        problems.append(f"坐标（{lat}, {lon}）超出范围：纬度 −90~90，经度 −180~180。")
    raw_answers = data.get("answers") or {}
    answers: list[dict[str, Any]] = []
    unanswered: list[str] = []
    failed = 0
    for item in matter.checklist:
        given = raw_answers.get(item.code) or {}
        answer, note = str(given.get("answer") or ""), str(given.get("note") or "").strip()
        if answer and answer not in ANSWERS:
            problems.append(f"检查项 {item.code} 的结论“{answer}”无效。")
            answer = ""
        if not answer and item.required and (result is None or result.checklist_required):
            unanswered.append(item.code)
        if answer == FAIL:
            failed += 1
            if not note:
                problems.append(f"检查项 {item.code}“{item.text}”判为不符合，请在备注中写明具体情况。")
        answers.append(
            {"code": item.code, "text": item.text, "basis": item.basis, "required": item.required,
             "answer": answer, "note": note}
        )  # fmt: skip
    if unanswered:
        problems.append(f"以下必查项尚未填写结论：{'、'.join(unanswered)}。")
    if result is not None:
        if result.checklist == "all_pass" and failed:
            problems.append(f"检查结果为“{result.label}”，但有 {failed} 项判为不符合，请核对结论或检查结果。")
        if result.checklist == "some_fail" and not failed:
            problems.append(f"检查结果为“{result.label}”，请在检查表中标明不符合的项目。")
    signature = data.get("signature") or has_ink(data.get("signature_strokes"))
    if signature and not str(data.get("present_person") or "").strip():
        problems.append("已有现场签名，请填写签名人（现场负责人）姓名。")
    if data.get("corrects") and not str(data.get("correction_reason") or "").strip():
        problems.append("这是一份更正记录，请填写更正原因。")
    if problems:
        raise InspectionError(problems)
    assert inspected is not None
    return Checked(dict(data), answers, inspectors, inspected, now)


# -- finalising ------------------------------------------------------------------------------


def publication_deadline(day: date, catalog: InspectionCatalog) -> tuple[str | None, str | None]:
    """(deadline, note): 7 working days after the inspection day, or why it cannot be computed."""
    try:
        return add_working_days(day, catalog.publication_working_days).isoformat(), None
    except NoCalendarData as exc:
        return None, f"公示期限无法计算：{exc.reason}"


def publication_late(record: Mapping[str, Any]) -> bool:
    """Finalised after its publication deadline: the record must be published at once, and
    whoever reads it should see that the 7 working days were missed."""
    deadline = record.get("publication_deadline")
    return bool(deadline) and str(record["submitted_at"])[:10] > str(deadline)


def content_for_verification(row: Mapping[str, Any]) -> dict[str, Any]:
    """What the printed record's verification code covers (platform-recomputable fields)."""
    return {
        "v": CONTENT_VERSION,
        "id": row["id"],
        "record_no": row["record_no"],
        "party_code": row["party_code"],
        "party_name": row["party_name"],
        "matter_code": row["matter_code"],
        "result_code": row["result_code"],
        "inspected_at": row["inspected_at"],
        "submitted_at": row["submitted_at"],
        "inspectors": [i["cert_no"] for i in json.loads(row["inspectors"])],
        "answers": [[a["code"], a["answer"]] for a in json.loads(row["answers"])],
        "attachments": sorted(a["sha256"] for a in json.loads(row["attachments"])),
        "corrects": row["corrects"],
    }


def finalise(
    store: Store,
    operator: Operator,
    draft_id: str,
    *,
    catalog: InspectionCatalog | None = None,
    agency_code: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Turn a draft into its immutable record (see the module docstring); returns the record."""
    catalog = catalog or load_inspection_catalog()
    moment = (now or datetime.now(UTC)).astimezone()
    draft = drafts.get(store, draft_id)
    if draft is None:
        raise InspectionError("草稿已不存在（可能已定稿或已删除）。")
    facts = inspector_facts(store, str(draft["data"].get("uscc") or ""), draft["data"].get("plan_id"))
    checked = check(draft["data"], catalog, moment, facts)
    data = checked.data
    matter = catalog.matter(data["matter_code"])
    result = catalog.result(data["result_code"])
    deadline, note = publication_deadline(checked.inspected_at.date(), catalog)
    record_id = str(uuid.uuid4())
    attachments = [
        {k: a.get(k) for k in ("sha256", "name", "kind", "mime", "size")}
        for a in data.get("attachments") or []
    ]
    signature = data.get("signature") or {}
    if has_ink(data.get("signature_strokes")):  # drawn on screen: rendered once, now
        png = render_png(data["signature_strokes"])
        signature = store_bytes(store, "现场签名.png", png, "signature").to_dict()
    plan_no, agency = None, operator.unit
    with store.work.connect() as conn:
        if data.get("plan_id"):
            plan = conn.execute(
                sa.select(inspection_plan.c.plan_no, inspection_plan.c.document).where(
                    inspection_plan.c.id == data["plan_id"]
                )
            ).first()
            if plan is not None:  # the plan's unit carries out its inspections
                doc = json.loads(plan.document)
                plan_no, agency = plan.plan_no, doc.get("unit") or agency
                agency_code = agency_code or doc.get("unit_code")
        if data.get("corrects"):
            _check_correctable(conn, data["corrects"])
    row: dict[str, Any] = {
        "id": record_id,
        "operator": operator.user,
        "unit": operator.unit,
        "device": operator.device,
        "created_utc": moment.astimezone(UTC).isoformat(timespec="seconds"),
        "created_local": moment.isoformat(timespec="seconds"),
        "record_no": f"JC{checked.inspected_at:%Y%m%d}-{record_id[:8].upper()}",
        "action_name": f"{matter.name}（{data['category']}）",
        "plan_id": data.get("plan_id"),
        "plan_no": plan_no,
        "task_id": data.get("task_id"),
        "sector": matter.sector,
        "matter_code": matter.code,
        "matter_name": matter.name,
        "list_code": matter.list_code,
        "agency": agency or NO_UNIT,
        "agency_code": agency_code or None,
        "subject": data.get("entity_type") or None,
        "party_name": data["entity_name"],
        "party_id_type": PARTY_ID_TYPE,
        "party_code": data["uscc"],
        "address": data.get("address") or None,
        "division_code": data.get("division_code") or None,
        "division_name": data.get("division_name") or None,
        "form": data["form"],
        "category": data["category"],
        "method": data["method"],
        "result_code": result.code,
        "result_name": result.name,
        "answers": json.dumps(checked.answers, ensure_ascii=False),
        "findings": str(data.get("findings") or "").strip() or None,
        "inspectors": json.dumps(checked.inspectors, ensure_ascii=False),
        "inspected_at": checked.inspected_at.isoformat(timespec="minutes"),
        "place": str(data["place"]).strip(),
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
        "present_person": str(data.get("present_person") or "").strip() or None,
        "signature_sha256": signature.get("sha256"),
        "attachments": json.dumps(attachments, ensure_ascii=False),
        "submitted_at": moment.isoformat(timespec="seconds"),
        "submitted_by": operator.user,
        "publication_deadline": deadline,
        "publication_note": note,
        "rectification_id": data.get("rectification_id"),
        "corrects": data.get("corrects"),
        "correction_reason": str(data.get("correction_reason") or "").strip() or None,
    }
    row["verification_code"] = verification_code(content_for_verification(row))
    with store.write_work() as work:
        if drafts.get_in(work, draft_id) is None:
            raise InspectionError("草稿已不存在（可能已在别处定稿）。")
        work.execute(inspection_record.insert().values(**row))
        stored = public(row)
        outbox.enqueue(work, "inspection", record_id, stored)
        for a in attachments + ([{**signature, "kind": "signature"}] if signature.get("sha256") else []):
            outbox.enqueue(
                work,
                "attachment",
                a["sha256"],
                {**{k: a.get(k) for k in ("sha256", "name", "kind", "mime", "size")}, "record_id": record_id},
            )
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="inspection_correct" if row["corrects"] else "inspection_finalise",
            uscc=row["party_code"],
            detail={
                "record_id": record_id,
                "record_no": row["record_no"],
                "matter": row["matter_code"],
                "result": row["result_code"],
                "task_id": row["task_id"],
                "corrects": row["corrects"],
                "verification_code": row["verification_code"],
            },
        )
        drafts.delete(work, draft_id)
    return stored


def _check_correctable(conn: sa.Connection, record_id: str) -> None:
    if (
        conn.execute(sa.select(inspection_record.c.id).where(inspection_record.c.id == record_id)).first()
        is None
    ):
        raise InspectionError("要更正的原记录不存在。")
    newer = conn.execute(
        sa.select(inspection_record.c.record_no).where(inspection_record.c.corrects == record_id)
    ).scalar()
    if newer:
        raise InspectionError(f"该记录已被 {newer} 更正，请对最新的记录进行更正。")


def start_correction(
    store: Store, operator: Operator, record_id: str, catalog: InspectionCatalog | None = None
) -> dict[str, Any]:
    """A draft that starts as a copy of the record and, once finalised, replaces it."""
    catalog = catalog or load_inspection_catalog()
    rec = get(store, record_id)
    if rec is None:
        raise InspectionError("找不到要更正的检查记录。")
    with store.work.connect() as conn:
        _check_correctable(conn, record_id)
    for d in drafts.find(store, kind="inspection", uscc=rec["party_code"]):
        if d["data"].get("corrects") == record_id:
            return d
    data = {
        "version": 1,
        "task_id": rec["task_id"],
        "plan_id": rec["plan_id"],
        "uscc": rec["party_code"],
        "entity_name": rec["party_name"],
        "address": rec["address"] or "",
        "division_code": rec["division_code"] or "",
        "division_name": rec["division_name"] or "",
        "entity_type": rec["subject"] or "",
        "matter_code": rec["matter_code"],
        "form": rec["form"],
        "category": rec["category"],
        "method": rec["method"],
        "answers": {a["code"]: {"answer": a["answer"], "note": a["note"]} for a in rec["answers"]},
        "result_code": rec["result_code"],
        "findings": rec["findings"] or "",
        "inspectors": rec["inspectors"],
        "inspected_at": rec["inspected_at"],
        "place": rec["place"],
        "latitude": rec["latitude"],
        "longitude": rec["longitude"],
        "present_person": rec["present_person"] or "",
        "signature": _signature_of(rec),
        "attachments": rec["attachments"],
        "rectification_id": rec["rectification_id"],
        "corrects": record_id,
        "correction_reason": "",
    }
    return drafts.create(store, operator, "inspection", data, task_id=None, uscc=rec["party_code"])


def _signature_of(rec: Mapping[str, Any]) -> dict[str, Any] | None:
    sha = rec.get("signature_sha256")
    return {"sha256": sha, "name": "signature.png", "kind": "signature", "mime": "image/png"} if sha else None


# -- reading ---------------------------------------------------------------------------------


def public(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A record row with its JSON columns parsed."""
    out = {str(k): v for k, v in row.items()}
    for key in ("answers", "inspectors", "attachments"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


def get(store: Store, record_id: str) -> dict[str, Any] | None:
    with store.work.connect() as conn:
        row = conn.execute(sa.select(inspection_record).where(inspection_record.c.id == record_id)).first()
    return public(row._mapping) if row else None


def _current(conn: sa.Connection, *where: sa.ColumnElement[bool]) -> list[Any]:
    """Records matching ``where`` that no later record corrects."""
    newer = inspection_record.alias("newer")
    superseded = sa.exists(sa.select(newer.c.id).where(newer.c.corrects == inspection_record.c.id))
    return list(
        conn.execute(
            sa.select(inspection_record).where(*where, ~superseded).order_by(inspection_record.c.inspected_at)
        )
    )


def current_records(store: Store, *where: sa.ColumnElement[bool]) -> list[dict[str, Any]]:
    with store.work.connect() as conn:
        return [public(r._mapping) for r in _current(conn, *where)]


def for_task(store: Store, task_id: str) -> list[dict[str, Any]]:
    return current_records(store, inspection_record.c.task_id == task_id)


def for_entity(store: Store, uscc: str) -> list[dict[str, Any]]:
    return current_records(store, inspection_record.c.party_code == uscc)


def since(store: Store, day: date) -> list[dict[str, Any]]:
    """Current records inspected on or after ``day`` (what the export lists)."""
    return current_records(store, inspection_record.c.inspected_at >= day.isoformat())


def history(store: Store, record_id: str) -> list[dict[str, Any]]:
    """The record and every correction of it, oldest first."""
    chain: list[dict[str, Any]] = []
    rec = get(store, record_id)
    while rec is not None and rec.get("corrects"):  # back to the original
        rec = get(store, rec["corrects"])
    with store.work.connect() as conn:
        while rec is not None:
            chain.append(rec)
            nxt = conn.execute(
                sa.select(inspection_record).where(inspection_record.c.corrects == rec["id"])
            ).first()
            rec = public(nxt._mapping) if nxt else None
    return chain
