"""`zcdesk list [--json]`: the applications in the data folder, with their finding counts."""

from __future__ import annotations

import argparse
from typing import Any

from zcdesk.commands.output import parse_today, print_json, say
from zcdesk.core.rules import validate
from zcdesk.core.services import get_application, list_applications
from zcdesk.core.store import open_store
from zcdesk.core.vocab import REVIEW_STATUSES


def rows(data_dir: str | None, today_text: str | None = None) -> list[dict[str, Any]]:
    """One dict per application, errors and warnings counted by the rules as of today."""
    today = parse_today(today_text)
    store = open_store(data_dir)
    try:
        with store.unit_of_work() as session:
            out = []
            for summary in list_applications(session):
                report = validate(get_application(session, summary.id).bundle, today)
                out.append(
                    {
                        "id": str(summary.id),
                        "name": summary.name,
                        "channel": summary.channel,
                        "channel_no": summary.channel_no,
                        "policy_year": summary.policy_year,
                        "status": summary.status,
                        "status_label": REVIEW_STATUSES.get(summary.status, summary.status),
                        "errors": report.errors,
                        "warnings": report.warnings,
                        "unacknowledged_warnings": report.unacknowledged_warnings,
                        "draft": summary.draft,
                        "employer": summary.employer,
                    }
                )
            return out
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    items = rows(args.data_dir, getattr(args, "today", None))
    if args.json:
        print_json(items)
        return 0
    if not items:
        say("数据文件夹中还没有申报（可用 zcdesk import 导入申报包）")
        return 0
    say("编号\t姓名\t通道\t年度\t状态\t错误\t警告\t工作单位")
    for item in items:
        say(
            f"{item['id']}\t{item['name']}\t{item['channel_no']}\t{item['policy_year']}\t{item['status_label']}\t"
            f"{item['errors']}\t{item['warnings']}\t{item['employer'] or '无'}"
        )
    return 0
