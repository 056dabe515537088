"""What every command module shares: output, progress, errors and opening the data directory."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from credit.paths import default_data_dir
from credit.store.keys import KeyProblem, NeedPassphrase

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
#: What ``register(sub, common)`` receives: the parser's sub-command collection.
Subparsers = argparse._SubParsersAction


class CliError(Exception):
    """A failure to report in one Chinese sentence, without a traceback."""


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def progress(label: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            pct = f"{done * 100 // total}%" if total else ""
            print(f"\r{label} {done:,}/{total:,} {pct}", end="", file=sys.stderr, flush=True)

    return report


def parse_day(text: str | None, label: str) -> date | None:
    """A ``YYYY-MM-DD`` option, or a :class:`CliError` naming the option."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{label}“{text}”不是 YYYY-MM-DD 格式的日期。") from None


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


def global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
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
