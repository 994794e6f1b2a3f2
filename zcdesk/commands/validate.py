"""`zcdesk validate PATH [--json] [--today YYYY-MM-DD]`: check a bundle without importing it."""

from __future__ import annotations

import argparse
from pathlib import Path

from zcdesk.commands.output import parse_today, print_json, say
from zcdesk.core.bundle_source import open_bundle
from zcdesk.core.errors import UnreadableInput, UserError
from zcdesk.core.policy import load_policy
from zcdesk.core.rules import Report, check_files, validate
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.core.vocab import SEVERITIES


def check_bundle(path: Path, today: str | None, password: str | None = None) -> tuple[BundleSnapshot, Report, bool]:
    """The bundle at `path`, its report (rules and files) and whether its files could be checked."""
    try:
        day = parse_today(today)
    except UserError as error:
        raise UnreadableInput(error.message) from None
    # open_bundle refuses unsafe bundles (links, "..", case duplicates, zip bombs): exit 2.
    with open_bundle(path, password=password) as source:
        bundle = source.read_manifest()
        try:
            policy = load_policy(bundle.policy_year)
        except UserError as error:
            raise UnreadableInput(error.message) from None
        report = validate(bundle, day, policy).with_findings(check_files(bundle, source, policy))
        return bundle, report, source.has_files


def render_text(bundle: BundleSnapshot, report: Report, has_files: bool, path: Path) -> list[str]:
    """The readable Chinese report: a header, one line per finding, a summary line."""
    policy = load_policy(bundle.policy_year)
    app = bundle.application
    lines = [
        f"校验 {path.name}：{app.applicant.name or '（未填姓名）'}，{policy.channel(app.channel).label}，{bundle.policy_year}年度"
    ]
    if not has_files:
        lines.append("（只有 manifest.json，附件文件未检查）")
    for finding in report.findings:
        note = "（已说明）" if finding.acknowledged else ""
        lines.append(f"{SEVERITIES[finding.severity]}  {finding.code}  {finding.message}{note}")
    counts = f"{report.errors} 个错误、{report.warnings} 个警告、{report.infos} 个提示"
    if not report.ok:
        lines.append(f"结论：不通过——{counts}。有错误时只能导出草稿，不能生成上报包。")
    elif report.unacknowledged_warnings:
        lines.append(f"结论：通过——{counts}；其中 {report.unacknowledged_warnings} 个警告尚未填写说明。")
    else:
        lines.append(f"结论：通过——{counts}。")
    return lines


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    bundle, report, has_files = check_bundle(path, args.today, getattr(args, "password", None))
    if args.json:
        print_json(report.to_json())
    else:
        for line in render_text(bundle, report, has_files, path):
            say(line)
    return 0 if report.ok else 1
