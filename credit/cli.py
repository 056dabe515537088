"""``creditdesk``: the headless front end over the same core as the GUI.

Every command prints readable Chinese by default and JSON with ``--json``, and exits non-zero
when it fails, so it works both at a terminal and in scripts.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from credit.domain import uscc as uscc_mod
from credit.paths import default_data_dir
from credit.store.keys import KeyProblem, NeedPassphrase

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
COMMANDS = frozenset(
    {"validate", "search", "show", "import", "demo", "audit", "matters", "check", "commit", "batch-check"}
)


class CliError(Exception):
    """A failure to report in one Chinese sentence, without a traceback."""


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _progress(label: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            pct = f"{done * 100 // total}%" if total else ""
            print(f"\r{label} {done:,}/{total:,} {pct}", end="", file=sys.stderr, flush=True)

    return report


def open_desk(args: argparse.Namespace) -> Any:
    """Open the data directory, asking for a passphrase at a terminal when one is needed."""
    from credit.desk import Desk

    data_dir = Path(args.data_dir).expanduser()
    try:
        return Desk.open(data_dir)
    except NeedPassphrase as exc:
        if not sys.stdin.isatty():
            raise CliError(
                f"{exc.reason}\n非交互运行时请通过环境变量 CREDITDESK_PASSPHRASE 提供口令。"
            ) from exc
        print(exc.reason, file=sys.stderr)
        phrase = getpass.getpass("口令：")
        if exc.new and getpass.getpass("再次输入口令：") != phrase:
            raise CliError("两次输入的口令不一致，未做任何更改。") from exc
        try:
            return Desk.open(data_dir, phrase)
        except KeyProblem as again:
            raise CliError(again.reason) from again
    except KeyProblem as exc:
        raise CliError(exc.reason) from exc


# -- commands -------------------------------------------------------------------------------


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
    _emit(args, results, "\n".join(lines))
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
    _emit(args, data, text)
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
    _emit(args, prof.to_dict(), _profile_text(prof))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from credit.importer import ImportFileError, import_file

    path = Path(args.file)
    if not path.exists():
        raise CliError(f"找不到文件：{path}")
    desk = open_desk(args)
    try:
        report = import_file(desk.store, path, kind=args.kind, progress=_progress("导入"))
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
    _emit(args, report.to_dict(), "\n".join(lines))
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
        count = build_demo(desk.store, args.entities, args.seed, progress=_progress("生成演示数据"))
        stats = desk.stats()
    finally:
        desk.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    _emit(
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
            text = (
                f"审计日志完整：共 {res.rows} 条记录，哈希链校验通过。"
                if res.ok
                else f"审计日志校验失败：{res.problem}"
            )
            _emit(args, asdict(res), text)
            return EXIT_OK if res.ok else EXIT_FAIL
        rows = desk.audit_recent(args.limit)
    finally:
        desk.close()
    lines = [
        f"{r['seq']:>6}  {r['ts_local']}  {r['user']}  {r['action']}  {r['query'] or ''}  {r['uscc'] or ''}"
        for r in rows
    ]
    _emit(args, rows, "\n".join(lines) or "审计日志为空。")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from credit.domain.catalogs import UnknownMatter
    from credit.window_check import CheckError, ChecksumOverrideNeeded

    desk = open_desk(args)
    try:
        result = desk.check(
            args.code, args.matter, override_reason=args.override, education_given=args.education
        )
        if args.pdf:
            result.write_pdf(Path(args.pdf))
    except ChecksumOverrideNeeded as exc:
        raise CliError(
            f'{exc.reason}\n如确认该代码与证照一致，请加 --override "原因" 继续（将记入审计日志）。'
        ) from exc
    except (CheckError, UnknownMatter) as exc:
        raise CliError(getattr(exc, "reason", str(exc))) from exc
    finally:
        desk.close()
    out = result.outcome
    lines = [
        f"{out.name}（{out.uscc}）",
        f"审批事项：{out.matter_name}（{out.matter_code}）",
        f"核查结论：{out.label}",
    ]
    for n, f in enumerate(out.fired, 1):
        until = f"，期限至 {f.until}" if f.until else ""
        lines.append(f"  {n}. {f.name}：{f.record.summary}{until}\n     依据：{f.basis}")
    if not out.fired:
        lines.append("  未发现限制本事项办理的失信惩戒措施。")
    if result.stale_warning:
        lines.append(f"提示：{result.stale_warning}")
    lines.append(f"数据截至：{result.report.as_of}    核验码：{result.verification_code}")
    if args.pdf:
        lines.append(f"核查报告已保存：{args.pdf}")
    _emit(args, result.to_dict(), "\n".join(lines))
    return EXIT_OK


def cmd_batch_check(args: argparse.Namespace) -> int:
    from credit.batch_check import STATUS_LABELS, BatchError, export_pdf, export_xlsx, run_batch
    from credit.domain.check import VERDICT_LABELS

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"找不到文件：{path}")
    for out in filter(None, (args.output, args.pdf)):  # before any check is recorded
        if not Path(out).resolve().parent.is_dir():
            raise CliError(f"无法保存结果：目录不存在（{out}）")
    desk = open_desk(args)
    try:
        result = run_batch(desk.store, desk.operator, path, args.matter, progress=_progress("核查"))
    except BatchError as exc:
        raise CliError(exc.reason) from exc
    finally:
        desk.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    try:
        export_xlsx(result, Path(args.output))
        if args.pdf:
            export_pdf(result, Path(args.pdf))
    except OSError as exc:
        raise CliError(f"核查已完成并记录，但结果文件无法保存：{exc}") from exc
    statuses = result.status_counts()
    lines = [
        f"名单：{result.source}，共 {len(result.rows):,} 行",
        f"审批事项：{result.matter_name}（{result.matter_code}）",
        f"已核查 {statuses['ok']:,} 户："
        + "，".join(f"{VERDICT_LABELS[v]} {n:,}" for v, n in result.verdict_counts().items()),
    ]
    flagged = result.flagged
    if flagged:
        lines.append(
            f"未核查或需注意的行 {len(flagged):,} 行："
            + "，".join(f"{STATUS_LABELS[s]} {n:,}" for s, n in statuses.items() if s != "ok" and n)
        )
        lines += [f"  第 {r.row} 行 {r.input or '（空）'}：{r.status_label}，{r.reason}" for r in flagged]
    if result.stale_warning:
        lines.append(f"提示：{result.stale_warning}")
    lines.append(f"结果已保存：{args.output}" + (f"，{args.pdf}" if args.pdf else ""))
    data = {
        **{k: v for k, v in result.to_dict().items() if k != "rows"},
        "flagged": [r.to_dict() for r in flagged],
        "output": args.output,
        "pdf": args.pdf,
    }
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_matters(args: argparse.Namespace) -> int:
    from credit.domain.catalogs import load_catalog

    catalog = load_catalog()
    data = [
        {
            "code": m.code,
            "name": m.name,
            "basis": m.basis,
            "measures": [{"code": c, "name": catalog.measures[c].name} for c in m.measures],
        }
        for m in catalog.matters.values()
    ]
    lines = [f"{m['code']:<22} {m['name']}（{len(m['measures'])} 项惩戒措施）" for m in data]
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_commit(args: argparse.Namespace) -> int:
    """信用承诺: ``register``, ``fulfil`` (履行状态, with a base version), ``due`` (容缺受理 deadlines)."""
    from datetime import date

    from credit import commitments as cm
    from credit.reports.commitment_letter import build_commitment_letter

    def day(text: str | None, label: str) -> date | None:
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CliError(f"{label}“{text}”不是 YYYY-MM-DD 格式的日期。") from None

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
                made_on=day(args.date, "作出日期") or date.today(),
                valid_until=day(args.valid_until, "有效期截止日"),
                accepting_unit=args.unit or desk.operator.unit,
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
            _emit(args, row, "\n".join(lines))
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
                    determined_on=day(args.date, "状态认定日期") or date.today(),
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
            _emit(args, row, text)
            return EXIT_OK
        unit = args.unit or desk.operator.unit
        if not unit:
            raise CliError("请用 --unit 指定受理单位（或在 operator.json 中设置本单位）。")
        today = day(args.date, "日期") or date.today()
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
    _emit(args, {"unit": unit, "today": today.isoformat(), **lists}, text)
    return EXIT_OK


# -- parser ---------------------------------------------------------------------------------


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """``--json`` and ``--data-dir`` work before or after the command name.

    Sub-commands declare them with SUPPRESS so they do not overwrite a value given earlier.
    """
    unset = argparse.SUPPRESS
    parser.add_argument(
        "--json", action="store_true", default=False if defaults else unset, help="以 JSON 输出，便于脚本处理"
    )
    parser.add_argument(
        "--data-dir",
        default=str(default_data_dir()) if defaults else unset,
        help=f"数据目录（默认：{default_data_dir()}）",
    )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)
    parser = argparse.ArgumentParser(
        prog="creditdesk",
        description="CreditDesk 信用监管工作台（命令行）。不带子命令运行 main.py 将打开图形界面。",
    )
    _global_options(parser, defaults=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

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

    p = sub.add_parser("check", parents=[common], help="窗口信用核查（逢办必查），可输出核查报告 PDF")
    p.add_argument("code", metavar="统一社会信用代码")
    p.add_argument(
        "--matter", required=True, metavar="事项代码", help="审批事项代码（见 creditdesk matters）"
    )
    p.add_argument("--pdf", metavar="文件", help="同时生成信用核查报告 PDF")
    p.add_argument("--override", metavar="原因", help="代码校验位不符但确认使用时填写原因（记入审计日志）")
    p.add_argument("--education", action="store_true", help="记录已进行准入前诚信教育")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("batch-check", parents=[common], help="批量信用核查：核查 CSV/XLSX 名单中的全部代码")
    p.add_argument("file", metavar="名单文件")
    p.add_argument(
        "--matter", required=True, metavar="事项代码", help="审批事项代码（见 creditdesk matters）"
    )
    p.add_argument("-o", "--output", required=True, metavar="结果.xlsx", help="逐行核查结果（XLSX）")
    p.add_argument("--pdf", metavar="文件", help="同时生成批量核查结果 PDF")
    p.set_defaults(func=cmd_batch_check)

    p = sub.add_parser("matters", parents=[common], help="列出窗口核查的审批事项代码")
    p.set_defaults(func=cmd_matters)

    p = sub.add_parser("audit", parents=[common], help="审计日志")
    audit_sub = p.add_subparsers(dest="audit_cmd", required=True, metavar="操作")
    a = audit_sub.add_parser("verify", parents=[common], help="校验哈希链是否完整")
    a.set_defaults(func=cmd_audit)
    a = audit_sub.add_parser("log", parents=[common], help="显示最近的审计记录")
    a.add_argument("--limit", type=int, default=50)
    a.set_defaults(func=cmd_audit)

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
    c = commit_sub.add_parser("due", parents=[common], help="列出即将到期和已逾期的容缺受理承诺")
    c.add_argument("--unit", metavar="受理单位", help="受理单位（默认：本机设置的单位）")
    c.add_argument("--date", metavar="YYYY-MM-DD", help="以哪一天计算（默认今天）")
    c.add_argument("--within", type=int, default=3, metavar="N", help="N 个工作日内到期即提醒（默认 3）")
    c.set_defaults(func=cmd_commit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "entities", 1) < 1 or getattr(args, "entities", 1) > 1_000_000:
        parser.error("--entities 应在 1 到 1,000,000 之间")
    try:
        code: int = args.func(args)
        return code
    except CliError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
