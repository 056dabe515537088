"""CreditDesk launcher: the GUI with no command, the CLI (``creditdesk``) with one."""

import os
import time

os.environ.setdefault("CREDITDESK_T0", repr(time.time()))  # cold-start benchmark reference

import sys


def main(argv: list[str]) -> int:
    import argparse

    from credit.cli import COMMANDS

    # The first word that is not an option (or an option's value) picks the CLI command.
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir")
    options.add_argument("--demo")
    options.add_argument("--json", action="store_true")
    _, words = options.parse_known_args(argv)
    if (words and words[0] in COMMANDS) or argv[:1] in (["-h"], ["--help"]):
        from credit.cli import main as cli_main

        return cli_main(argv)

    from pathlib import Path

    from credit.paths import default_data_dir

    parser = argparse.ArgumentParser(prog="main.py", description="打开 CreditDesk 信用监管工作台图形界面。")
    parser.add_argument("--data-dir", default=str(default_data_dir()), help="数据目录")
    parser.add_argument("--demo", type=int, metavar="N", help="缓存为空时先生成 N 户演示数据")
    args = parser.parse_args(argv)

    from desktop.app import run

    return run(Path(args.data_dir).expanduser(), demo_entities=args.demo)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
