"""Looking things up and keeping the cache: validate, search, show, import, demo, audit."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from credit.cli.common import EXIT_FAIL, EXIT_OK, CliError, Subparsers, emit, open_desk, progress
from credit.domain import uscc as uscc_mod

COMMANDS = ("validate", "search", "show", "import", "demo", "audit")
RECORD_KINDS = {
    "inspection_record": "检查记录",
    "inspection_plan": "抽查计划",
    "rectification_order": "整改通知",
    "check_record": "核查记录",
}


def cmd_validate(args: argparse.Namespace) -> int:
    results: list[dict[str, Any]] = []
    lines: list[str] = []
    for raw in args.codes:
        try:
            check = uscc_mod.parse(raw)
        except uscc_mod.USCCFormatError as exc:
            results.append({"input": raw, "valid": False, "error": exc.reason})
            lines.append(f"✗ {raw}：格式错误，{exc.reason}")
            continue
        p = check.parts
        results.append(
            {
                "input": raw,
                "code": check.code,
                "valid": check.valid,
                "warnings": check.warnings,
                "authority": p.authority_name,
                "category": p.category_name,
                "division": p.division,
                "body": p.body,
            }
        )
        head = "✓" if check.valid else "⚠"
        lines.append(
            f"{head} {check.code}：{p.authority_name} · {p.category_name} · 区划 {p.division}"
            + "".join(f"\n    {w}" for w in check.warnings)
        )
    emit(args, results, "\n".join(lines))
    return EXIT_OK if all(r["valid"] for r in results) else EXIT_FAIL


def _hit_line(h: Any) -> str:
    flags = " ".join(f"[{f}]" for f in h.flags)
    grade = f"[{h.grade}]" if h.grade else "[—]"
    status = "" if h.active else f"（{h.status}）"
    return f"{h.uscc}  {grade} {h.name}{status} {flags}".rstrip()


def cmd_search(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        result = desk.search(args.query, limit=args.limit)
    finally:
        desk.close()
    data = {
        "query": result.query,
        "kind": result.kind,
        "code": result.code,
        "notes": result.notes,
        "elapsed_ms": round(result.elapsed_ms, 2),
        "hits": [asdict(h) for h in result.hits],
    }
    text = "\n".join([*result.notes, *(_hit_line(h) for h in result.hits)]) or "未找到匹配的主体。"
    if not args.json:
        text += f"\n共 {len(result.hits)} 条（{result.elapsed_ms:.1f} 毫秒）"
    emit(args, data, text)
    return EXIT_OK if result.hits else EXIT_FAIL


def _profile_text(prof: Any) -> str:
    out = [
        f"{prof.name}",
        f"统一社会信用代码：{prof.uscc}    信用等级：{prof.grade or '未评价'}    登记状态：{prof.status}",
    ]
    if prof.flags:
        out.append("标记：" + "、".join(prof.flags))
    out.append(f"数据截至：{prof.as_of or '未知'}")
    for sec in prof.sections:
        out.append(f"\n【{sec.title}】")
        if sec.empty:
            out.append("  暂无")
        labels = dict(sec.fields)
        for n, row in enumerate(sec.rows, 1):
            if len(sec.rows) > 1:
                out.append(f"  ({n})")
            for key, label in labels.items():
                value = row.get(key)
                if value not in (None, ""):
                    out.append(f"  {label}：{value}")
        if sec.note:
            out.append(f"  注：{sec.note}")
    return "\n".join(out)


def cmd_show(args: argparse.Namespace) -> int:
    try:
        check = uscc_mod.parse(args.code)
    except uscc_mod.USCCFormatError as exc:
        raise CliError(f"统一社会信用代码格式错误：{exc.reason}") from exc
    desk = open_desk(args)
    try:
        if not check.valid:
            if not args.override:
                raise CliError(
                    "；".join(check.warnings)
                    + '\n如确认该代码与证照一致，请加 --override "原因" 继续（将记入审计日志）。'
                )
            desk.accept_checksum_override(check.code, args.override)
        prof = desk.profile(check.code, query=args.code)
    finally:
        desk.close()
    if prof is None:
        raise CliError(f"本地数据中没有代码为 {check.code} 的主体。")
    emit(args, prof.to_dict(), _profile_text(prof))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from credit.importer import ImportFileError, import_file

    path = Path(args.file)
    if not path.exists():
        raise CliError(f"找不到文件：{path}")
    desk = open_desk(args)
    try:
        report = import_file(desk.store, path, kind=args.kind, progress=progress("导入"))
    except ImportFileError as exc:
        raise CliError(exc.reason) from exc
    finally:
        desk.close()
    s = report.stats
    lines = [
        f"文件：{path.name}（{report.kind}），共 {report.total_rows} 行",
        f"新增 {s.inserted}，更新 {s.updated}，未变化 {s.unchanged}，拒绝 {report.rejected}",
    ]
    lines += [f"  {'错误' if p.severity == 'error' else '提示'}：{p.reason}" for p in report.problems]
    emit(args, report.to_dict(), "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_FAIL


def cmd_demo(args: argparse.Namespace) -> int:
    from credit.demo import build_demo
    from credit.store.schema import reset_cache

    desk = open_desk(args)
    try:
        if args.force:
            reset_cache(desk.store)
        elif desk.stats().entities:
            raise CliError("本地缓存中已有数据；如需用演示数据重建缓存，请加 --force（工作数据不受影响）。")
        count = build_demo(desk.store, args.entities, args.seed, progress=progress("生成演示数据"))
        stats = desk.stats()
    finally:
        desk.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    emit(
        args,
        {"entities": count, "seed": args.seed, "as_of": stats.as_of},
        f"已生成演示数据 {count:,} 户（种子 {args.seed}），数据截至 {stats.as_of}。",
    )
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        if args.audit_cmd == "verify":
            res = desk.audit_verify()
            records = desk.records_verify()
            text = (
                f"审计日志完整：共 {res.rows} 条记录，哈希链校验通过。"
                if res.ok
                else f"审计日志校验失败：{res.problem}"
            )
            counted = "、".join(f"{RECORD_KINDS.get(k, k)} {n} 条" for k, n in records.checked.items())
            if records.ok:
                text += f"\n定稿记录完整：{counted}，核验码及审计记录均一致。"
            else:
                text += f"\n定稿记录校验失败（已核对 {counted}），以下记录与核验码或审计记录不符："
                text += "".join(f"\n  · {p}" for p in records.problems)
            ok = res.ok and records.ok
            emit(args, {**asdict(res), "ok": ok, "log_ok": res.ok, "records": records.to_dict()}, text)
            return EXIT_OK if ok else EXIT_FAIL
        rows = desk.audit_recent(args.limit)
    finally:
        desk.close()
    lines = [
        f"{r['seq']:>6}  {r['ts_local']}  {r['user']}  {r['action']}  {r['query'] or ''}  {r['uscc'] or ''}"
        for r in rows
    ]
    emit(args, rows, "\n".join(lines) or "审计日志为空。")
    return EXIT_OK


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("validate", parents=[common], help="校验统一社会信用代码")
    p.add_argument("codes", nargs="+", metavar="代码")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("search", parents=[common], help="查询主体（代码、名称、拼音首字母、执照二维码内容）")
    p.add_argument("query", metavar="查询内容")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", parents=[common], help="显示主体信用信息")
    p.add_argument("code", metavar="统一社会信用代码")
    p.add_argument("--override", metavar="原因", help="代码校验位不符但确认使用时填写原因（记入审计日志）")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("import", parents=[common], help="导入平台导出的 CSV/XLSX 文件")
    p.add_argument("file", metavar="文件")
    p.add_argument(
        "--kind", choices=["penalty", "licence", "entity", "list"], help="文件类型（默认自动识别）"
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("demo", parents=[common], help="生成演示数据")
    p.add_argument("--entities", type=int, default=50_000, metavar="N")
    p.add_argument("--seed", type=int, default=20261122)
    p.add_argument("--force", action="store_true", help="清空现有缓存后重建（不影响工作数据）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("audit", parents=[common], help="审计日志")
    audit_sub = p.add_subparsers(dest="audit_cmd", required=True, metavar="操作")
    a = audit_sub.add_parser(
        "verify", parents=[common], help="校验审计日志哈希链，以及定稿记录的核验码与审计记录是否一致"
    )
    a.set_defaults(func=cmd_audit)
    a = audit_sub.add_parser("log", parents=[common], help="显示最近的审计记录")
    a.add_argument("--limit", type=int, default=50)
    a.set_defaults(func=cmd_audit)
