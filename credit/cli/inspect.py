"""双随机 plans and inspection records at the command line: plan draw/verify/list, inspections export."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from credit.cli.common import EXIT_FAIL, EXIT_OK, CliError, Subparsers, emit, open_desk, parse_day

COMMANDS = ("plan", "inspections")


def _writable(path: str | None) -> None:
    if path and not Path(path).expanduser().resolve().parent.is_dir():
        raise CliError(f"无法保存：目录不存在（{path}）")


def _plan_summary(doc: dict[str, Any]) -> list[str]:
    names = doc.get("sector_names", {})
    lines = [
        f"计划：{doc['name']}（{doc['plan_no']}）",
        f"实施单位：{doc['unit']}　年度：{doc['year']}　完成期限：{doc.get('due') or '—'}",
        f"随机种子：{doc['seed']}　方法：{doc['procedure']}",
        f"主体库：{doc['pool']['size']:,} 户，SHA-256 {doc['pool']['sha256']}",
    ]
    for g in doc["groups"]:
        if g["size"]:
            lines.append(
                f"  [{names.get(g['sector'], g['sector'])}] {g['group']}：{g['size']:,} 户，"
                f"应抽 {g['wanted']}，实抽 {g['drawn']}"
                + (f"（{g['capped']} 户已达年度上限）" if g["capped"] else "")
            )
    lines.append(f"抽中 {len(doc['tasks']):,} 户，结果 SHA-256 {doc['result_sha256']}")
    if doc["unassigned"]:
        lines.append(f"注意：{len(doc['unassigned'])} 户没有足够的无回避关系执法人员，未分配检查人员。")
    return lines


def cmd_plan(args: argparse.Namespace) -> int:
    from credit.domain.catalogs import CatalogError
    from credit.domain.roster import load_roster
    from credit.inspections import InspectionError
    from credit.inspections.config import load_config

    if args.plan_cmd == "verify":
        try:
            doc = json.loads(Path(args.plan).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CliError(f"找不到计划文件：{args.plan}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CliError(f"计划文件 {args.plan} 不是有效的 JSON：{exc}") from None
    for out in (getattr(args, "output", None), getattr(args, "xlsx", None), getattr(args, "pdf", None)):
        _writable(out)
    desk = open_desk(args)
    try:
        service = desk.inspections
        if args.plan_cmd == "draw":
            config, roster = load_config(Path(args.config), service.catalog, desk.operator.unit)
            doc = service.draw(config, roster, args.seed)
            Path(args.output).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
            if args.xlsx:
                service.plan_xlsx(doc, Path(args.xlsx))
            if args.pdf:
                service.plan_pdf(doc, Path(args.pdf))
            lines = _plan_summary(doc)
            lines.append("计划已记录，并写入 " + "、".join(filter(None, (args.output, args.xlsx, args.pdf))))
            emit(
                args,
                {k: v for k, v in doc.items() if k != "pool"} | {"output": args.output},
                "\n".join(lines),
            )
            return EXIT_OK
        if args.plan_cmd == "verify":
            report = service.verify(doc, load_roster(Path(args.roster)) if args.roster else None)
            emit(args, report.to_dict(), "\n".join(report.lines()))
            return EXIT_OK if report.identical else EXIT_FAIL
        rows = service.plans()
        lines = [
            f"{r['plan_no']}  {r['name']}  {r['task_count']} 户  "
            f"抽取于 {r['created_local'][:16]}  种子 {r['seed']}"
            for r in rows
        ]
        emit(args, rows, "\n".join(lines) or "本机还没有抽查计划。")
        return EXIT_OK
    except (InspectionError, CatalogError) as exc:
        raise CliError(getattr(exc, "reason", str(exc))) from exc
    finally:
        desk.close()


def cmd_inspections(args: argparse.Namespace) -> int:
    from credit.inspections import InspectionError

    _writable(args.output)
    since = parse_day(args.since, "--since")
    desk = open_desk(args)
    try:
        service = desk.inspections
        if args.inspections_cmd == "export":
            assert since is not None
            count = service.export_records(since, Path(args.output))
            emit(
                args,
                {"since": since.isoformat(), "records": count, "output": args.output},
                f"已导出 {since} 以来的 {count} 条检查记录：{args.output}",
            )
            return EXIT_OK
        rec = _find_record(service, args.record)
        service.record_pdf(rec["id"], Path(args.output))
        emit(args, {"id": rec["id"], "record_no": rec["record_no"], "output": args.output},
             f"现场检查记录 {rec['record_no']} 已保存：{args.output}")  # fmt: skip
        return EXIT_OK
    except InspectionError as exc:
        raise CliError(exc.reason) from exc
    finally:
        desk.close()


def _find_record(service: Any, key: str) -> dict[str, Any]:
    import sqlalchemy as sa

    from credit.store.tables import inspection_record

    with service.store.work.connect() as conn:
        found = conn.execute(
            sa.select(inspection_record.c.id).where(
                sa.or_(inspection_record.c.id == key, inspection_record.c.record_no == key)
            )
        ).scalar()
    rec = service.record(found) if found else None
    if rec is None:
        raise CliError(f"没有编号或标识为 {key} 的检查记录。")
    return dict(rec)


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("plan", parents=[common], help="双随机抽查计划：抽取、核验、列出")
    plan_sub = p.add_subparsers(dest="plan_cmd", required=True, metavar="操作")
    c = plan_sub.add_parser("draw", parents=[common], help="按设置文件和随机种子抽取并记录计划")
    c.add_argument("--config", required=True, metavar="设置.json", help="抽查计划设置（格式见 README）")
    c.add_argument("--seed", required=True, metavar="种子", help="随机种子（抽取前公布，如摇号结果）")
    c.add_argument("-o", "--output", required=True, metavar="plan.json", help="计划文件（可用于核验）")
    c.add_argument("--xlsx", metavar="文件", help="同时导出公示用 XLSX")
    c.add_argument("--pdf", metavar="文件", help="同时导出公示用 PDF")
    c.set_defaults(func=cmd_plan)
    c = plan_sub.add_parser("verify", parents=[common], help="按当前数据重新抽取，核验计划是否一致")
    c.add_argument("plan", metavar="plan.json")
    c.add_argument("--roster", metavar="名录.json", help="执法人员名录（用于重新核对按证件号码申报的回避）")
    c.set_defaults(func=cmd_plan)
    c = plan_sub.add_parser("list", parents=[common], help="列出本机记录的抽查计划")
    c.set_defaults(func=cmd_plan)

    p = sub.add_parser("inspections", parents=[common], help="检查记录：导出 XLSX、打印现场检查记录")
    rec_sub = p.add_subparsers(dest="inspections_cmd", required=True, metavar="操作")
    c = rec_sub.add_parser("export", parents=[common], help="导出某日以来定稿的检查记录（XLSX）")
    c.add_argument("--since", required=True, metavar="YYYY-MM-DD", help="检查日期不早于该日")
    c.add_argument("-o", "--output", required=True, metavar="文件.xlsx")
    c.set_defaults(func=cmd_inspections)
    c = rec_sub.add_parser("pdf", parents=[common], help="生成现场检查记录 PDF")
    c.add_argument("record", metavar="检查行为编号或标识")
    c.add_argument("-o", "--output", required=True, metavar="文件.pdf")
    c.set_defaults(func=cmd_inspections, since=None)
