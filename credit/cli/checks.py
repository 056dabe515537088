"""The window credit check at the command line: check, batch-check, matters."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from credit.cli.common import EXIT_OK, CliError, Subparsers, emit, open_desk, progress

COMMANDS = ("check", "batch-check", "matters")


def require_folder(*outputs: str | None) -> None:
    """Refuse output paths whose folder does not exist, before anything is recorded."""
    for out in filter(None, outputs):
        if not Path(out).resolve().parent.is_dir():
            raise CliError(f"无法保存结果：目录不存在（{out}）")


def cmd_check(args: argparse.Namespace) -> int:
    from credit.domain.catalogs import UnknownMatter
    from credit.window_check import CheckError, ChecksumOverrideNeeded

    require_folder(args.pdf)  # before the check is recorded
    desk = open_desk(args)
    try:
        result = desk.check(
            args.code, args.matter, override_reason=args.override, education_given=args.education
        )
        if args.pdf:
            try:
                result.write_pdf(Path(args.pdf))
            except OSError as exc:
                raise CliError(f"核查已完成并记录，但报告无法保存：{exc}") from exc
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
    emit(args, result.to_dict(), "\n".join(lines))
    return EXIT_OK


def cmd_batch_check(args: argparse.Namespace) -> int:
    from credit.batch_check import STATUS_LABELS, BatchError, export_pdf, export_xlsx, run_batch
    from credit.domain.check import VERDICT_LABELS

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"找不到文件：{path}")
    require_folder(args.output, args.pdf)  # before any check is recorded
    desk = open_desk(args)
    try:
        result = run_batch(desk.store, desk.operator, path, args.matter, progress=progress("核查"))
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
    emit(args, data, "\n".join(lines))
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
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
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
