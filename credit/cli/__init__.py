"""``creditdesk``: the headless front end over the same core as the GUI.

Every command prints readable Chinese by default and JSON with ``--json``, and exits non-zero
when it fails, so it works both at a terminal and in scripts. Each group of commands lives in
its own module with a ``COMMANDS`` tuple and a ``register(sub, common)`` function; the modules
import nothing heavy at the top, so ``main.py`` can ask for :data:`COMMANDS` cheaply.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from credit.cli import checks, commit, inspect, lookup, sync
from credit.cli.common import EXIT_FAIL, CliError, global_options

GROUPS = (lookup, checks, commit, inspect, sync)
COMMANDS = frozenset(name for group in GROUPS for name in group.COMMANDS)

__all__ = ["COMMANDS", "CliError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    global_options(common, defaults=False)
    parser = argparse.ArgumentParser(
        prog="creditdesk",
        description="CreditDesk 信用监管工作台（命令行）。不带子命令运行 main.py 将打开图形界面。",
    )
    global_options(parser, defaults=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for group in GROUPS:
        group.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "entities", 1) < 1 or getattr(args, "entities", 1) > 1_000_000:
        parser.error("--entities 应在 1 到 1,000,000 之间")
    try:
        code: int = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at interpreter exit
        return code
    except BrokenPipeError:  # `creditdesk … | head`: the reader has what it wanted
        _silence_stdout()
        return EXIT_FAIL
    except CliError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
