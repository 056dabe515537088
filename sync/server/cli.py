"""``creditdesk-server``: run and administer the reference sharing platform.

    creditdesk-server init                         create the tables (SQLite file or DATABASE_URL)
    creditdesk-server import FILE [--kind K]       load a platform export (the client's formats)
    creditdesk-server user add NAME --role R --jurisdiction 410526 [--unit U] [--display-name D]
    creditdesk-server user list | user disable NAME | user enable NAME
    creditdesk-server seed-demo [--entities N]     demo data and demo accounts (seed jurisdictions)
    creditdesk-server upkeep [--today YYYY-MM-DD]  withdraw records whose sharing has ended
    creditdesk-server compact [--tombstone-days D] drop superseded feed rows and old deletions
    creditdesk-server serve [--host H] [--port P] [--demo N]

Passwords are prompted (``CREDITDESK_SERVER_PASSWORD`` for scripts). The database is
``--database-url``, else ``DATABASE_URL``, else ``var/server/platform.db``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import threading
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PASSWORD_ENV = "CREDITDESK_SERVER_PASSWORD"


class CliError(Exception):
    pass


def _engine(args: argparse.Namespace) -> Any:
    from sync.server.db import database_url, init_db, make_engine

    engine = make_engine(database_url(args.database_url))
    init_db(engine)
    return engine


def _print(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str) if args.json else text, flush=True)


def cmd_init(args: argparse.Namespace) -> int:
    from sync.server.db import database_url, init_db, make_engine

    url = database_url(args.database_url)
    created = init_db(make_engine(url))
    _print(args, {"created": created}, "已创建平台数据库。" if created else "平台数据库已存在，未做更改。")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from credit.importer import ImportFileError
    from sync.server.ingest import import_export

    engine = _engine(args)
    try:
        out = import_export(engine, Path(args.file), kind=args.kind)
    except ImportFileError as exc:
        raise CliError(exc.reason) from exc
    report, stats = out.report, out.stats
    lines = [
        report.summary(),
        f"平台变更：新增 {stats.inserted}、更新 {stats.updated}、未变 {stats.unchanged}，"
        f"变更记录 {stats.changes} 条。",
    ]
    lines += [p.reason for p in report.problems]
    data = {**report.to_dict(), "platform": vars(stats)}
    _print(args, data, "\n".join(lines))
    return 0 if report.ok else 1


def _password(args: argparse.Namespace) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"请输入密码（非交互运行时请设置环境变量 {PASSWORD_ENV}）。")
    first = getpass.getpass("密码：")
    if getpass.getpass("再次输入密码：") != first:
        raise CliError("两次输入的密码不一致。")
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from sync.server import accounts
    from sync.server.db import write_begin

    engine = _engine(args)
    try:
        with write_begin(engine) as conn:
            if args.action == "add":
                acc = accounts.add_account(
                    conn, args.name, _password(args), display_name=args.display_name or args.name,
                    role=args.role, unit=args.unit or "", jurisdictions=args.jurisdiction or [],
                )  # fmt: skip
                _print(
                    args,
                    acc.info().model_dump(),
                    f"已添加用户 {acc.name}（{acc.info().role_label}，"
                    f"辖区 {'、'.join(acc.jurisdictions)}）。",
                )
            elif args.action in ("disable", "enable"):
                accounts.set_disabled(conn, args.name, args.action == "disable")
                _print(args, {"name": args.name, "disabled": args.action == "disable"},
                       f"已{'停用' if args.action == 'disable' else '启用'}用户 {args.name}。")  # fmt: skip
            else:
                found = accounts.list_accounts(conn)
                data = [{**a.info().model_dump(), "disabled": a.disabled} for a in found]
                lines = [
                    f"{a.name:<12} {a.display_name:<8} {a.info().role_label:<10} "
                    f"{'、'.join(a.jurisdictions):<24}"
                    f" {a.unit}{'（已停用）' if a.disabled else ''}"
                    for a in found
                ]
                _print(args, data, "\n".join(lines) or "尚无用户。")
    except accounts.AccountError as exc:
        raise CliError(exc.reason) from exc
    return 0


def _demo_accounts_text() -> str:
    from sync.server.ingest import DEMO_ACCOUNTS, DEMO_PASSWORD

    lines = [f"演示账号（密码均为 {DEMO_PASSWORD}）："]
    lines += [
        f"  {a['name']:<10} {a['display_name']:<6} {a['role']:<14} "
        f"辖区 {'、'.join(a['jurisdictions'])}  {a['unit']}"
        for a in DEMO_ACCOUNTS
    ]
    return "\n".join(lines)


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from sync.server.ingest import seed_demo

    engine = _engine(args)
    stats = seed_demo(engine, args.entities)
    text = f"演示数据：{args.entities:,} 户主体，新增记录 {stats.inserted:,}，变更 {stats.changes:,} 条。"
    _print(args, vars(stats), text + "\n" + _demo_accounts_text())
    return 0


def cmd_upkeep(args: argparse.Namespace) -> int:
    from sync.server.db import write_begin
    from sync.server.feed import withdraw_due

    engine = _engine(args)
    today = date.fromisoformat(args.today) if args.today else date.today()
    with write_begin(engine) as conn:
        n = withdraw_due(conn, today)
    _print(
        args,
        {"withdrawn": n, "today": today.isoformat()},
        f"{today} 停止共享 {n} 条记录（信用修复、移出名单或期满）。",
    )
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    from sync.server.db import write_begin
    from sync.server.feed import compact

    engine = _engine(args)
    with write_begin(engine) as conn:
        stats = compact(conn, tombstone_days=args.tombstone_days)
    text = (
        f"已删除被覆盖的变更 {stats.superseded:,} 条、过期删除标记 {stats.tombstones:,} 条；"
        f"早于 {stats.expired_through} 的同步进度需从头同步。"
    )
    _print(args, vars(stats), text)
    return 0


def _daily_upkeep(engine: Any, stop: threading.Event) -> None:
    """``serve``'s background chore: withdraw what is due, once at start and then hourly."""
    import logging

    from sync.server.db import write_begin
    from sync.server.feed import withdraw_due

    while not stop.is_set():
        try:
            with write_begin(engine) as conn:
                withdraw_due(conn, date.today())
        except Exception:  # keep serving; the next round tries again
            logging.getLogger(__name__).exception("upkeep failed")
        stop.wait(3600)


def _snapshot_keeper(engine: Any, manager: Any, every: float, stop: threading.Event) -> None:
    """``serve --prepare-snapshots``: every active account's scope gets its snapshot before anyone
    asks, and a successor before the current one goes stale."""
    import logging

    from sync.server.accounts import list_accounts, may

    while not stop.is_set():
        try:
            with engine.connect() as conn, conn.begin():
                scopes = {a.jurisdictions for a in list_accounts(conn) if not a.disabled and may(a, "pull")}
                manager.prepare(conn, sorted(scopes))
        except Exception:  # keep serving; the next round tries again
            logging.getLogger(__name__).exception("preparing snapshots failed")
        stop.wait(every)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import Settings, create_app

    engine = _engine(args)
    if args.demo:
        from sync.server.ingest import seed_demo

        print(f"正在载入 {args.demo:,} 户演示数据……", flush=True)
        seed_demo(engine, args.demo)
        print(_demo_accounts_text(), flush=True)
    settings = Settings(
        engine,
        token_ttl=timedelta(minutes=args.token_minutes),
        rate_limit=args.rate_limit,
        gzip_level=args.gzip_level,
        push_hold=args.push_hold,
        snapshots=_snapshots(args, engine),
    )
    app = create_app(settings)
    stop = threading.Event()
    if not args.no_upkeep:
        threading.Thread(target=_daily_upkeep, args=(engine, stop), daemon=True).start()
    if settings.snapshots is not None and args.prepare_snapshots:
        keeper = (engine, settings.snapshots, args.snapshot_check_seconds, stop)
        threading.Thread(target=_snapshot_keeper, args=keeper, daemon=True).start()
    config: dict[str, Any] = {
        "log_level": args.log_level,
        "access_log": args.access_log,
        "timeout_keep_alive": 30,
    }
    if args.fd is not None:
        config["fd"] = args.fd
        where = f"文件描述符 {args.fd}"
    else:
        config.update(host=args.host, port=args.port)
        where = f"http://{args.host}:{args.port}"
    if args.ssl_certfile:
        config.update(ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
        where = where.replace("http://", "https://")
    print(f"CreditDesk 参考共享平台正在监听 {where}（接口 /api/v1，文档 /api/v1/docs）", flush=True)
    try:
        uvicorn.run(app, **config)
    finally:
        stop.set()
        if settings.snapshots is not None:
            settings.snapshots.close()
    return 0


def _snapshots(args: argparse.Namespace, engine: Any) -> Any:
    """The snapshot manager of ``serve`` (None with ``--no-snapshots``)."""
    if args.no_snapshots:
        return None
    from sync.server.snapshot import SnapshotManager, SnapshotSettings

    return SnapshotManager(
        engine.url.render_as_string(hide_password=False),
        SnapshotSettings(
            Path(args.snapshot_dir),
            max_age=timedelta(hours=args.snapshot_max_age_hours),
            max_changes=args.snapshot_max_changes,
            min_changes=args.snapshot_min_changes,
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="creditdesk-server", description="CreditDesk 参考共享平台（管理命令）"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="数据库（默认 DATABASE_URL 或 var/server/platform.db）")
    common.add_argument("--json", action="store_true", help="以 JSON 输出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    sub.add_parser("init", parents=[common], help="创建平台数据库").set_defaults(func=cmd_init)

    p = sub.add_parser("import", parents=[common], help="导入平台导出文件（CSV/XLSX，与客户端格式相同）")
    p.add_argument("file")
    p.add_argument("--kind", choices=("penalty", "licence", "entity", "list"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("user", parents=[common], help="管理用户：add / list / disable / enable")
    p.add_argument("action", choices=("add", "list", "disable", "enable"))
    p.add_argument("name", nargs="?")
    p.add_argument("--role", choices=("window_clerk", "inspector", "supervisor", "administrator"))
    p.add_argument("--jurisdiction", action="append", help="辖区行政区划代码前缀，可重复")
    p.add_argument("--unit", help="所在单位")
    p.add_argument("--display-name", help="姓名")
    p.set_defaults(func=cmd_user)

    p = sub.add_parser("seed-demo", parents=[common], help="载入演示数据和演示账号")
    p.add_argument("--entities", type=int, default=20_000)
    p.set_defaults(func=cmd_seed_demo)

    p = sub.add_parser("upkeep", parents=[common], help="停止共享已到期的记录（serve 每小时自动执行）")
    p.add_argument("--today", help="按哪一天计算（默认今天；补跑遗漏的日期时使用）")
    p.set_defaults(func=cmd_upkeep)

    p = sub.add_parser("compact", parents=[common], help="压缩变更记录")
    p.add_argument("--tombstone-days", type=int, default=90, help="删除标记保留天数（默认 90）")
    p.set_defaults(func=cmd_compact)

    p = sub.add_parser("serve", parents=[common], help="启动平台服务")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--fd", type=int, help="在已打开的监听套接字上服务（测试用）")
    p.add_argument("--demo", type=int, metavar="N", help="启动前载入 N 户演示数据和演示账号")
    p.add_argument("--token-minutes", type=int, default=12 * 60, help="登录凭据有效期（分钟，默认 720）")
    p.add_argument("--rate-limit", type=float, default=50.0, help="每个客户端每秒请求数上限（0 为不限）")
    p.add_argument("--gzip-level", type=int, default=1, choices=range(1, 10))
    p.add_argument("--ssl-certfile")
    p.add_argument("--ssl-keyfile")
    p.add_argument("--log-level", default="warning")
    p.add_argument("--access-log", action="store_true")
    p.add_argument("--no-upkeep", action="store_true", help="不在后台自动停止共享到期记录")
    p.add_argument(
        "--push-hold", type=float, default=0.0, metavar="秒",
        help="故障演练用：上传批次提交前、提交后各停顿若干秒（可在这两处终止服务）",
    )  # fmt: skip
    _snapshot_options(p)
    p.set_defaults(func=cmd_serve)
    return parser


def _snapshot_options(p: argparse.ArgumentParser) -> None:
    from sync.server import snapshot

    p.add_argument("--no-snapshots", action="store_true", help="不提供首次同步的数据快照（只用变更流）")
    p.add_argument(
        "--snapshot-dir",
        default=str(snapshot.DEFAULT_DIR),
        help="快照文件的存放目录（默认 var/server/snapshots）",
    )
    p.add_argument(
        "--snapshot-max-age-hours", type=float, default=snapshot.MAX_AGE.total_seconds() / 3600,
        help="快照最长保留时间（小时，默认 24），过期后重建",
    )  # fmt: skip
    p.add_argument(
        "--snapshot-max-changes", type=int, default=snapshot.MAX_CHANGES,
        help="快照之后该范围内的变更超过此数（默认 100000）即重建",
    )  # fmt: skip
    p.add_argument(
        "--snapshot-min-changes", type=int, default=snapshot.MIN_CHANGES,
        help="范围内变更少于此数（默认 20000）时不做快照，直接按变更同步",
    )  # fmt: skip
    p.add_argument(
        "--prepare-snapshots", action="store_true",
        help="启动后即为各账号的辖区准备快照，并在快照过期前提前重建（首次同步无需等待）",
    )  # fmt: skip
    p.add_argument(
        "--snapshot-check-seconds", type=float, default=300.0, metavar="秒",
        help="--prepare-snapshots 检查快照是否需要准备或重建的间隔（默认 300 秒）",
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "user" and args.action != "list" and not args.name:
        print("错误：请给出用户名。", file=sys.stderr)
        return 2
    if args.command == "user" and args.action == "add" and not args.role:
        print("错误：添加用户需要 --role。", file=sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
