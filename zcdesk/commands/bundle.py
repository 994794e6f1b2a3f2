"""`zcdesk import PATH… [--replace] [--password]` and `zcdesk export ID… --out DIR [--today] [--folder] [--password]`."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from zcdesk.commands.output import Progress, parse_today, say, warn
from zcdesk.core.bundle_source import BundlePasswordError
from zcdesk.core.errors import UserError
from zcdesk.core.importer import ImportResult, import_bundle
from zcdesk.core.policy import channel_label
from zcdesk.core.store import Store, open_store
from zcdesk.core.vocab import SEVERITIES

MAX_IGNORED_SHOWN = 5


def _imported_line(result: ImportResult) -> str:
    verb = "已更新" if result.replaced else "已导入"
    draft = "（草稿：有错误）" if result.draft else ""
    line = (
        f"{verb}：{result.source.name} → 编号 {result.application_id}，{result.name}，"
        f"{channel_label(result.policy_year, result.channel)}，{result.policy_year}年度{draft}"
    )
    if result.ignored:
        shown = "、".join(result.ignored[:MAX_IGNORED_SHOWN])
        more = f" 等 {len(result.ignored)} 个" if len(result.ignored) > MAX_IGNORED_SHOWN else ""
        line += f"（已忽略清单中未列出的文件：{shown}{more}）"
    return line


def _import_one(store: Store, path: Path, args: argparse.Namespace) -> ImportResult:
    password = args.password
    try:
        return import_bundle(
            store, path, replace=args.replace, password=password, progress=Progress(f"导入 {path.name}")
        )
    except BundlePasswordError:
        # Ask on a terminal only; a script gets the message and exit 1.
        if password or not sys.stdin.isatty():
            raise
        password = getpass.getpass(f"“{path.name}”已加密，请输入密码：")
        return import_bundle(
            store, path, replace=args.replace, password=password, progress=Progress(f"导入 {path.name}")
        )


def run_import(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    refused = 0
    try:
        for raw in args.paths:
            path = Path(raw)
            try:
                say(_imported_line(_import_one(store, path, args)))
            except UserError as error:
                refused += 1
                warn(f"已拒绝：{path.name}：{error}")
    finally:
        store.close()
    return 1 if refused else 0


def _parse_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UserError(f"申报编号“{text}”应为数字（可用 zcdesk list 查看编号）") from None
    if value <= 0:
        raise UserError(f"申报编号“{text}”应为正整数（可用 zcdesk list 查看编号）")
    return value


def run_export(args: argparse.Namespace) -> int:
    from zcdesk.export.writer import export_application

    today = parse_today(args.today)
    store = open_store(args.data_dir)
    taken: set[str] = set()
    failed = 0
    try:
        for raw in args.ids:
            try:
                app_id = _parse_id(raw)
                result = export_application(
                    store,
                    app_id,
                    args.out,
                    today=today,
                    folder=args.folder,
                    password=args.password,
                    progress=Progress(f"导出 编号{app_id}"),
                    taken=taken,
                )
            except UserError as error:
                failed += 1
                warn(f"导出失败：编号 {raw}：{error}")
                continue
            where = str(result.zip_path) + (f"（及文件夹 {result.folder_path}）" if result.folder_path else "")
            if result.draft:
                failed += 1
                say(f"已导出草稿（有 {len(result.errors)} 个错误，不是上传包）：编号 {app_id} → {where}")
            else:
                say(f"已导出上传包：编号 {app_id} → {where}")
            for finding in result.errors + result.unacknowledged_warnings:
                note = "（未填写说明）" if finding.severity == "warning" else ""
                warn(f"  编号 {app_id} {SEVERITIES[finding.severity]} [{finding.code}] {finding.message}{note}")
    finally:
        store.close()
    return 1 if failed else 0
