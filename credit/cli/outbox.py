"""What waits to be sent and why (``outbox``), and asking the platform about a report (``verify-report``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from credit.cli.common import EXIT_FAIL, EXIT_OK, CliError, Subparsers, emit, open_desk

COMMANDS = ("outbox", "verify-report")

#: 状态 as people read it.
STATUS_WORDS = {
    "pending": "待上传",
    "sending": "上传中",
    "done": "已上传",
    "conflict": "有冲突",
    "rejected": "被拒收",
    "superseded": "已替代",
}


def cmd_outbox(args: argparse.Namespace) -> int:
    from credit.outbox_view import deadline_warnings, listing
    from credit.platform_commitments import MINE, THEIRS, ResolveError, renumber, resolve_conflict
    from credit.store import outbox

    desk = open_desk(args)
    try:
        action = None
        try:
            if args.resend is not None:
                with desk.store.write_work() as conn:
                    if not outbox.resend(conn, args.resend):
                        raise CliError(f"第 {args.resend} 条不是被拒收的记录，无需重新上传。")
                action = f"第 {args.resend} 条已放回待上传队列，下次同步时上传。"
            elif args.renumber is not None:
                row = renumber(desk.store, desk.operator, args.renumber)
                action = f"承诺已重新编号为 {row['code']}，下次同步时上传。请告知承诺人新的编码。"
            elif args.resolve is not None:
                choice = {"mine": MINE, "theirs": THEIRS}[args.keep]
                resolve_conflict(desk.store, desk.operator, args.resolve, choice)
                action = f"第 {args.resolve} 条冲突已处理：" + (
                    "保留本机的修改，下次同步时基于平台版本上传。" if choice == MINE else "采用平台的版本。"
                )
        except ResolveError as exc:
            raise CliError(exc.reason) from exc
        with desk.store.work.connect() as conn:
            counts = outbox.counts(conn)
        items = listing(desk.store, include_done=args.all)
        warnings = deadline_warnings(items)
    finally:
        desk.close()
    lines = [action] if action else []
    lines.append(
        f"待上传 {counts['pending'] + counts['sending']:,} 条，被拒收 {counts['rejected']:,} 条，"
        f"有冲突 {counts['conflict']:,} 条，已上传 {counts['done']:,} 条。"
    )
    shown = [i for i in items if args.all or i["status"] != "done"]
    for item in shown:
        word = STATUS_WORDS.get(item["status"], item["status"])
        line = f"#{item['seq']:<6} {word}  {item['label']}  {item['title']}"
        if item["why"]:
            line += f"\n        原因：{item['why']}"
        if item["deadline"]:
            line += f"\n        公示期限：{item['deadline']}" + (
                f"（{item['deadline_note']}）" if item["deadline_note"] else ""
            )
        lines.append(line)
    lines.extend(f"提示：{w}" for w in warnings)
    if not shown:
        lines.append("没有待处理的记录。")
    emit(args, {"counts": counts, "items": shown, "warnings": warnings}, "\n".join(lines))
    return EXIT_OK


def cmd_verify_report(args: argparse.Namespace) -> int:
    from sync.client import SyncClient
    from sync.errors import SyncError

    client = SyncClient(Path(args.data_dir).expanduser())
    if not client.account.configured:
        raise CliError("尚未登录共享平台：请先运行 creditdesk login。")
    try:
        answer = client.verify(args.code)
    except SyncError as exc:
        raise CliError(exc.reason) from exc
    lines = [answer.detail]
    if answer.found and answer.content:
        lines.append(
            f"记录：{answer.kind} {answer.record_id}；出具单位：{answer.unit or '—'}；"
            f"平台接收于 {answer.received_at}"
        )
        lines.append("报告内容：")
        lines.append(json.dumps(answer.content, ensure_ascii=False, indent=2))
    emit(args, answer.model_dump(mode="json"), "\n".join(lines))
    return EXIT_OK if answer.found else EXIT_FAIL


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("outbox", parents=[common], help="待上传记录：等待、被拒收、有冲突的记录及原因")
    p.add_argument("--all", action="store_true", help="也列出最近已上传的记录")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--resend", type=int, metavar="序号", help="把已修正的被拒收记录放回待上传队列")
    group.add_argument("--renumber", type=int, metavar="序号", help="为因编码重复被拒收的承诺重新编号")
    group.add_argument("--resolve", type=int, metavar="序号", help="处理有冲突的记录（配合 --keep）")
    p.add_argument(
        "--keep",
        choices=("mine", "theirs"),
        default="theirs",
        help="冲突时保留本机（mine）或平台（theirs）的版本",
    )
    p.set_defaults(func=cmd_outbox)

    p = sub.add_parser(
        "verify-report", parents=[common], help="向共享平台核验一份报告的核验码（真伪与是否被改动）"
    )
    p.add_argument("code", metavar="核验码", help="报告上的核验码，如 ABCD-EFGH-JKMN-PQRS")
    p.set_defaults(func=cmd_verify_report)
