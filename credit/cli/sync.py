"""Signing in to the sharing platform and syncing: login, logout, sync, status."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from credit.cli.common import EXIT_FAIL, EXIT_OK, CliError, Subparsers, emit, open_desk, progress

COMMANDS = ("login", "logout", "sync", "status")
PASSWORD_ENV = "CREDITDESK_SYNC_PASSWORD"


def _password(prompt: str = "平台密码：") -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"需要平台密码：非交互运行时请通过环境变量 {PASSWORD_ENV} 提供。")
    return getpass.getpass(prompt)


def cmd_login(args: argparse.Namespace) -> int:
    from sync.client import SyncClient
    from sync.errors import SyncError

    client = SyncClient(Path(args.data_dir).expanduser())
    server = args.server or client.account.server
    user = args.user or client.account.user
    if not server:
        raise CliError("请用 --server 指定共享平台地址（例如 https://xypt.example.gov.cn）。")
    if not user:
        if not sys.stdin.isatty():
            raise CliError("请用 --user 指定平台用户名。")
        user = input("平台用户名：").strip()
    try:
        signed = client.login(server, user, _password(), ca_bundle=args.ca_bundle or client.account.ca_bundle)
    except SyncError as exc:
        raise CliError(exc.reason) from exc
    info = signed.user
    lines = [
        f"已登录 {client.account.server}：{info.display_name}（{info.role_label}，{info.unit}）",
        f"辖区：{'、'.join(info.jurisdictions)}；"
        f"登录有效期至 {signed.expires_at.astimezone():%Y-%m-%d %H:%M}。",
    ]
    if signed.storage_note:
        lines.append(signed.storage_note + f"（脚本中可设置 {PASSWORD_ENV}，每次同步时自动登录。）")
    else:
        lines.append("登录凭据已保存在系统钥匙串中。")
    from sync.client import clock_warning

    if warning := clock_warning(signed.clock_skew_seconds):
        lines.append(f"提示：{warning}")
    data = {
        "server": client.account.server,
        "user": info.model_dump(),
        "expires_at": signed.expires_at.isoformat(),
        "token_storage": signed.token_storage,
    }
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_logout(args: argparse.Namespace) -> int:
    from sync.client import SyncClient

    client = SyncClient(Path(args.data_dir).expanduser())
    if not client.account.configured:
        emit(args, {"signed_in": False}, "尚未登录。")
        return EXIT_OK
    client.logout()
    emit(args, {"signed_in": False}, f"已退出 {client.account.server} 的登录。")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from sync.client import SyncClient, clock_warning
    from sync.errors import AuthRequired, SyncError

    if args.pull_only and args.push_only:
        raise CliError("--pull-only 与 --push-only 不能同时使用。")
    if args.batch_size is not None and not 1 <= args.batch_size <= 2000:
        raise CliError("--batch-size 应在 1 到 2000 之间。")
    client = SyncClient(Path(args.data_dir).expanduser())
    desk = open_desk(args)
    try:
        password = None
        needs = client.token() is None and client.account.configured and not os.environ.get(PASSWORD_ENV)
        if needs and sys.stdin.isatty():
            print(f"需要重新登录 {client.account.server}（用户 {client.account.user}）。", file=sys.stderr)
            password = getpass.getpass("平台密码：")

        def ask_again() -> str | None:
            """The token expired mid-sync: ask at a terminal, then go on with the same batch."""
            if not sys.stdin.isatty():
                return None
            print(f"\n登录已过期，请重新输入 {client.account.user} 的平台密码以继续。", file=sys.stderr)
            return getpass.getpass("平台密码：")

        try:
            result = client.sync(
                desk.store, progress=progress("同步"), password=password, push=not args.pull_only,
                pull=not args.push_only, page_size=args.page_size, renew=ask_again,
                batch_size=args.batch_size,
            )  # fmt: skip
        except AuthRequired as exc:
            raise CliError(f"{exc.reason} 请运行 creditdesk login。已上传的记录不会丢失或重复。") from exc
        except SyncError as exc:
            raise CliError(exc.reason) from exc
        finally:
            if sys.stderr.isatty():
                print(file=sys.stderr)
    finally:
        desk.close()
    pushed, pulled = result.push, result.pull
    lines = result.summary_lines()
    took = [f"上传用时 {pushed.seconds:.1f} 秒"] if pushed is not None else []
    took += [f"下载用时 {pulled.seconds:.1f} 秒"] if pulled is not None else []
    lines.append("，".join(took) + "。")
    if pulled is not None and pulled.platform_changed_at:
        lines.append(f"平台数据最近更新于 {_when(pulled.platform_changed_at)}。")
    if args.pull_only:
        lines.append("（仅下载：未上传任何记录。）")
    if args.push_only:
        lines.append("（仅上传：未下载平台数据。）")
    if result.attention:
        lines.append("用 creditdesk outbox 查看原因并处理。")
    if result.backup is not None:
        lines.append(f"同步前已备份工作数据：{result.backup.name}")
    if warning := clock_warning(pulled.clock_skew_seconds if pulled else None):
        lines.append(f"提示：{warning}")
    data: dict[str, object] = {
        "pending_outbox": result.pending_outbox,
        "attention": result.attention,
        "backup": str(result.backup) if result.backup else None,
        "pushed": pushed.delivered if pushed else 0,
    }
    if pushed is not None:
        data["push"] = {
            "sent": pushed.sent, "accepted": pushed.accepted, "duplicate": pushed.duplicate,
            "conflict": pushed.conflict, "rejected": pushed.rejected, "held": pushed.held,
            "deferred": pushed.deferred, "attachments": pushed.attachments, "batches": pushed.batches,
            "seconds": round(pushed.seconds, 3), "server_ms": round(pushed.server_ms, 1),
            "renewed_sign_in": pushed.renewed,
            "audit": pushed.audit.model_dump() if pushed.audit else None,
        }  # fmt: skip
    if pulled is not None:
        data.update(
            full=pulled.full, applied=pulled.applied, upserts=pulled.upserts, deletes=pulled.deletes,
            pages=pulled.pages, seconds=round(pulled.seconds, 3), as_of=pulled.as_of,
            platform_changed_at=pulled.platform_changed_at, resynced_because=pulled.resynced_because,
            clock_skew_seconds=pulled.clock_skew_seconds,
        )  # fmt: skip
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from sync.client import SyncClient

    client = SyncClient(Path(args.data_dir).expanduser())
    desk = open_desk(args)
    try:
        data = client.status(desk.store)
    finally:
        desk.close()
    if not data["server"]:
        text = "尚未登录共享平台（creditdesk login --server 地址 --user 用户名）。"
    else:
        text = "\n".join(
            [
                f"平台：{data['server']}　用户：{data['user']}（{data['role'] or '—'}）",
                "登录："
                + (f"有效，至 {_when(data['token_expires_at'])}" if data["signed_in"] else _relogin()),
                f"上次成功同步：{_when(data['last_sync']) or '从未'}　"
                f"数据截至：{_when(data['data_as_of']) or '—'}　"
                f"平台数据最近更新：{_when(data['platform_changed_at']) or '—'}",
                f"已接收变更：{data['changes_applied']:,} 条"
                + ("（首次同步未完成）" if data["first_sync_incomplete"] else ""),
                f"待上传：{data['pending_outbox']:,} 条"
                + (
                    f"；被拒收 {data['outbox_counts']['rejected']:,} 条，"
                    f"有冲突 {data['outbox_counts']['conflict']:,} 条"
                    if data["outbox_counts"]["rejected"] or data["outbox_counts"]["conflict"]
                    else ""
                ),
            ]
            + ([f"上次错误（{data['last_error_at']}）：{data['last_error']}"] if data["last_error"] else [])
        )
    emit(args, data, text)
    return EXIT_OK if data["server"] else EXIT_FAIL


def _when(value: str | None) -> str:
    """An ISO timestamp as 2026-11-21 18:02, local time."""
    if not value:
        return ""
    from datetime import datetime

    return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")


def _relogin() -> str:
    from sync.account import token_storage

    if token_storage() == "memory":
        return "需要登录（本机没有系统钥匙串，登录凭据不会保存，每次运行需重新登录）"
    return "需要重新登录"


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("login", parents=[common], help="登录信用信息共享平台（密码将提示输入）")
    p.add_argument("--server", metavar="地址", help="平台地址，如 https://xypt.example.gov.cn")
    p.add_argument("--user", metavar="用户名")
    p.add_argument("--ca-bundle", metavar="文件", help="单位自有证书颁发机构的 CA 证书（PEM）")
    p.set_defaults(func=cmd_login)

    p = sub.add_parser("logout", parents=[common], help="退出平台登录并删除本机保存的登录凭据")
    p.set_defaults(func=cmd_logout)

    p = sub.add_parser("sync", parents=[common], help="与共享平台同步：先上传本机记录，再下载本辖区数据")
    p.add_argument("--pull-only", action="store_true", help="只下载，不上传")
    p.add_argument("--push-only", action="store_true", help="只上传，不下载")
    p.add_argument("--page-size", type=int, metavar="N", help="每页变更数（1–10000；网络很慢时可调小）")
    p.add_argument("--batch-size", type=int, metavar="N", help="每批上传的记录数（1–2000，默认 500）")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("status", parents=[common], help="同步状态：平台、用户、登录有效期、进度、待上传")
    p.set_defaults(func=cmd_status)
