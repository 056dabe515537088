"""信用承诺 at the command line: register, fulfil, due, find."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from credit.cli.common import EXIT_OK, CliError, Subparsers, emit, open_desk, parse_day

if TYPE_CHECKING:
    from credit.desk import Desk

COMMANDS = ("commit",)


def cmd_commit(args: argparse.Namespace) -> int:
    """信用承诺: ``register``, ``fulfil`` (履行状态, with a base version), ``due`` (容缺受理 deadlines),
    ``find`` (by code, committer code or name)."""
    from datetime import date

    from credit import commitments as cm
    from credit.reports.commitment_letter import build_commitment_letter

    def state(row: dict[str, Any]) -> str:
        unmet = f"，未履行内容：{row['unmet_content']}" if row.get("unmet_content") else ""
        return (
            f"履行状态 {row.get('fulfilment') or '未认定'}，认定日期 {row.get('determined_on') or '—'}，"
            f"认定单位 {row.get('determining_unit') or '—'}{unmet}"
        )

    desk = open_desk(args)
    try:
        if args.commit_cmd == "register":
            row = cm.register(
                desk.store,
                desk.operator,
                committer_name=args.name,
                committer_category=args.category,
                committer_code=args.code,
                commitment_type=args.type,
                reason=args.reason,
                content=args.content,
                liability=args.liability,
                matter_code=args.matter,
                made_on=parse_day(args.date, "作出日期") or date.today(),
                valid_until=parse_day(args.valid_until, "有效期截止日"),
                accepting_unit=_unit(args, desk),
                publicity_type=args.publicity,
                missing_materials=args.missing or (),
                deadline_working_days=args.days,
                education_given=args.education,
                division=args.division,
                override_reason=args.override,
            )
            if args.pdf:
                build_commitment_letter(cm.letter_data(row), Path(args.pdf))
            lines = [
                f"承诺编码：{row['code']}",
                f"承诺人：{row['committer_name']}（{row['committer_category']}）",
                f"承诺类型：{row['commitment_type']}    承诺事由：{row['reason']}",
                f"受理单位：{row['accepting_unit']}    公开类型：{row['publicity_type']}",
            ]
            if row["deadline"]:
                lines.append(
                    f"补齐期限：{row['deadline']}    容缺材料：{'、'.join(row['missing_materials'])}"
                )
            if args.pdf:
                lines.append(f"信用承诺书已保存：{args.pdf}")
            emit(args, row, "\n".join(lines))
            return EXIT_OK
        if args.commit_cmd == "fulfil":
            current = cm.get(desk.store, args.commitment)
            if current is None:
                raise CliError(f"没有编码为 {args.commitment} 的信用承诺。")
            base = current["version"] if args.base_version is None else args.base_version
            mine = {
                "fulfilment": args.status,
                "determined_on": args.date,
                "determining_unit": args.unit,
                "unmet_content": args.unmet,
            }
            try:
                row = cm.record_fulfilment(
                    desk.store,
                    desk.operator,
                    args.commitment,
                    fulfilment=args.status,
                    determined_on=parse_day(args.date, "状态认定日期") or date.today(),
                    determining_unit=args.unit or desk.operator.unit,
                    unmet_content=args.unmet,
                    liability_pursued=args.liability,
                    base_version=base,
                )
            except cm.VersionConflict as exc:
                raise CliError(
                    f"{exc.reason}\n  当前记录（第 {exc.stored['version']} 版）：{state(exc.stored)}"
                    f"\n  您的修改（基于第 {base} 版）：{state(mine)}"
                ) from exc
            text = (
                f"承诺 {row['code']}（{row['committer_name']}）：{state(row)}。\n"
                f"基于第 {base} 版修改，现为第 {row['version']} 版。"
            )
            if row["fulfilment"] in ("部分履行", "全部未履行"):
                text += "\n该违诺记录将在此后的信用核查中比对。"
            emit(args, row, text)
            return EXIT_OK
        if args.commit_cmd == "find":
            rows = cm.search(desk.store, args.query or "", args.limit)
            lines = [
                f"{r['code']}  {r['committer_name']}（{r['committer_code']}）  {r['commitment_type']}  "
                f"{r['made_on']}  {cm.status_text(r)}"
                for r in rows
            ]
            emit(args, rows, "\n".join(lines) or f"没有找到与“{args.query}”相符的信用承诺。")
            return EXIT_OK
        unit = _unit(args, desk)
        today = parse_day(args.date, "日期") or date.today()
        lists = cm.due_and_overdue(desk.store, unit, today, args.within)
    except cm.CommitmentError as exc:
        raise CliError(exc.reason) from exc
    finally:
        desk.close()
    lines = []
    for label, key, rows in (
        ("已逾期", "working_days_overdue", lists["overdue"]),
        ("即将到期", "working_days_left", lists["due"]),
    ):
        for r in rows:
            n = r.get(key)
            count = (
                f"{'逾期' if key == 'working_days_overdue' else '剩余'} {n} 个工作日" if n is not None else ""
            )
            lines.append(
                f"[{label}] {r['code']}  {r['committer_name']}  补齐期限 {r['deadline']}（{count}）"
                f"  待补材料：{'、'.join(r['missing_materials'])}"
            )
    text = "\n".join(lines) or f"{unit}没有即将到期或已逾期的容缺受理承诺。"
    text += "".join(f"\n提示：{note}" for note in lists["notes"])
    emit(args, {"unit": unit, "today": today.isoformat(), **lists}, text)
    return EXIT_OK


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("commit", parents=[common], help="信用承诺：登记、认定履行情况、容缺受理到期提醒")
    commit_sub = p.add_subparsers(dest="commit_cmd", required=True, metavar="操作")
    c = commit_sub.add_parser("register", parents=[common], help="登记信用承诺，可输出信用承诺书 PDF")
    c.add_argument("--name", required=True, metavar="名称", help="承诺人名称")
    c.add_argument(
        "--category",
        default="法人及非法人组织",
        metavar="类别",
        help="法人及非法人组织（默认）/ 自然人 / 个体工商户",
    )
    c.add_argument("--code", required=True, metavar="代码", help="统一社会信用代码；自然人填身份证件号码")
    c.add_argument(
        "--type",
        required=True,
        metavar="承诺类型",
        help="审批替代型 / 容缺受理型 / 证明事项型 / 信用修复型 / 行业自律型 / 主动型 / 其他",
    )
    c.add_argument("--reason", required=True, metavar="事由", help="承诺事由")
    c.add_argument("--unit", metavar="受理单位", help="受理单位（默认：本机设置的单位）")
    c.add_argument(
        "--publicity", required=True, metavar="公开类型", help="可向社会公开 / 特定范围内公开 / 不可公开"
    )
    c.add_argument("--missing", action="append", metavar="材料", help="容缺材料（可重复）")
    c.add_argument("--days", type=int, metavar="N", help="补齐材料的工作日数（默认按事项模板）")
    c.add_argument("--matter", metavar="事项代码", help="审批事项代码（见 creditdesk matters）")
    c.add_argument("--date", metavar="YYYY-MM-DD", help="作出日期（默认今天）")
    c.add_argument("--valid-until", metavar="YYYY-MM-DD", help="有效期截止日（默认长期）")
    c.add_argument("--content", metavar="文字", help="承诺内容（默认按模板生成）")
    c.add_argument("--liability", metavar="文字", help="违诺责任（默认按模板生成）")
    c.add_argument("--division", metavar="区划代码", help="承诺编码的6位行政区划（默认取自承诺人代码）")
    c.add_argument("--override", metavar="原因", help="代码校验位不符但确认使用时填写原因（记入审计日志）")
    c.add_argument("--pdf", metavar="文件", help="同时生成信用承诺书 PDF")
    c.add_argument("--education", action="store_true", help="记录已进行诚信教育")
    c.set_defaults(func=cmd_commit)
    c = commit_sub.add_parser(
        "fulfil", parents=[common], help="认定履行状态（全部履行 / 部分履行 / 全部未履行）"
    )
    c.add_argument("commitment", metavar="承诺编码")
    c.add_argument("--status", required=True, metavar="履行状态", help="全部履行 / 部分履行 / 全部未履行")
    c.add_argument("--date", metavar="YYYY-MM-DD", help="状态认定日期（默认今天）")
    c.add_argument("--unit", metavar="认定单位", help="认定单位（默认：本机设置的单位）")
    c.add_argument("--unmet", metavar="文字", help="未履行内容")
    c.add_argument("--liability", metavar="文字", help="违诺责任追究内容")
    c.add_argument(
        "--base-version", type=int, metavar="N", help="所依据的记录版本（默认当前版本；他人已修改时拒绝）"
    )
    c.set_defaults(func=cmd_commit)
    c = commit_sub.add_parser("find", parents=[common], help="按承诺编码、承诺人代码或名称查找信用承诺")
    c.add_argument(
        "query", nargs="?", default="", metavar="查询", help="编码或代码的开头，或名称的一部分；留空列出最近"
    )
    c.add_argument("--limit", type=int, default=50, metavar="N", help="最多列出 N 条（默认 50）")
    c.set_defaults(func=cmd_commit)
    c = commit_sub.add_parser("due", parents=[common], help="列出即将到期和已逾期的容缺受理承诺")
    c.add_argument("--unit", metavar="受理单位", help="受理单位（默认：本机设置的单位）")
    c.add_argument("--date", metavar="YYYY-MM-DD", help="以哪一天计算（默认今天）")
    c.add_argument("--within", type=int, default=3, metavar="N", help="N 个工作日内到期即提醒（默认 3）")
    c.set_defaults(func=cmd_commit)


def _unit(args: argparse.Namespace, desk: Desk) -> str:
    """The accepting unit: ``--unit``, else the operator's own; the CLI says how to give it."""
    unit = str(args.unit or desk.operator.unit or "")
    if not unit:
        raise CliError("请用 --unit 指定受理单位（或在 operator.json 中设置本单位）。")
    return unit
