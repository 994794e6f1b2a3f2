"""`zcdesk`: the headless commands, and the desktop program when called without one.

Command bodies live in zcdesk.commands.* and are imported only when chosen, so that
`zcdesk validate` starts fast and no headless command ever imports Qt.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from zcdesk import __version__
from zcdesk.core.errors import UnreadableInput, UserError

log = logging.getLogger("zcdesk")

# command -> "module:function" inside zcdesk.commands; each function takes the parsed args and returns an exit code.
HANDLERS = {
    "list": "listing:run",
    "validate": "validate:run",
    "import": "bundle:run_import",
    "export": "bundle:run_export",
    "print": "printing:run",
}


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"zcdesk：命令参数有误：{message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="zcdesk", description="吉林省职称申报离线填报工具（2025年度）")
    parser.add_argument("--version", action="version", version=f"zcdesk {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="数据文件夹（默认：本机用户数据文件夹；也可用环境变量 ZCDESK_DATA_DIR）"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("list", help="列出数据文件夹中的申报")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="按这一天统计错误和警告（默认今天）")

    p = sub.add_parser("validate", help="校验申报包（不导入）")
    p.add_argument("path", metavar="PATH", help=".zip 申报包、解压后的文件夹或 manifest.json")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="按这一天校验申报时间（默认今天）")
    p.add_argument("--password", help="加密申报包的密码")

    p = sub.add_parser("import", help="导入申报包")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--replace", action="store_true", help="同一人同一年度同一通道的申报包更新已有申报")
    p.add_argument("--password", help="加密申报包的密码")

    p = sub.add_parser("export", help="导出申报包")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--today", metavar="YYYY-MM-DD")
    p.add_argument("--folder", action="store_true", help="同时导出为文件夹")
    p.add_argument("--password", help="用 AES-256 加密 zip（U 盘、聊天软件传递时）")

    p = sub.add_parser("print", help="生成评审一览表和评审公示表 PDF")
    p.add_argument("target", metavar="PATH_OR_ID")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--paper", choices=["A4", "A3"], default="A4", help="一览表纸张（默认 A4）")
    p.add_argument("--publicity-start", metavar="YYYY-MM-DD", help="公示开始日期（默认取申报中记录的日期）")
    p.add_argument("--password", help="加密申报包的密码")
    return parser


def _setup_logging(args: argparse.Namespace) -> None:
    from zcdesk.core.logfile import start_log
    from zcdesk.core.paths import resolve_data_dir

    start_log(resolve_data_dir(args.data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    from zcdesk.commands.output import use_utf8

    use_utf8()
    args = build_parser().parse_args(argv)
    if args.command is None:
        from zcdesk.app import run_desktop

        return run_desktop(args.data_dir)
    module_name, function_name = HANDLERS[args.command].split(":")
    try:
        handler = getattr(importlib.import_module(f"zcdesk.commands.{module_name}"), function_name)
        return int(handler(args))
    except UnreadableInput as error:
        sys.stderr.write(f"zcdesk：{error}\n")
        return 2
    except UserError as error:
        sys.stderr.write(f"zcdesk：{error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("zcdesk：已取消\n")
        return 130
    except Exception:  # the last line of defence: no traceback reaches the user
        _setup_logging(args)
        log.exception("unexpected error in command %s", args.command)
        sys.stderr.write(
            "zcdesk：程序内部错误，操作未完成。详细信息已写入数据文件夹 logs/zcdesk.log，请反馈给开发者。\n"
        )
        return 3
