"""Who may use the system at all (notice 一（三）（四）（六）（七）（八））."""

from __future__ import annotations

from collections.abc import Iterator

from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context, blank
from zcdesk.core.rules.findings import Hit
from zcdesk.core.rules.kinds import kind
from zcdesk.core.snapshot import parse_date
from zcdesk.core.vocab import APPLICANT_STATUSES, LEVELS, OFFLINE_ROUTES, label


@kind("applicant-status")
def applicant_status(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（四）: 公务员、参照公务员管理人员、事业单位管理岗人员和退休人员不得申报职称.
    status = ctx.app.applicant.status
    if status in rule.params["statuses"]:
        yield Hit("applicant.status", params={"status": label(APPLICANT_STATUSES, status)})


@kind("in-service")
def in_service(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（四）: 截至2025年1月1日省内企事业单位在编、在岗、在职; a freelancer has no employer.
    if ctx.channel.no in rule.params["exempt_channels"]:
        return
    applicant = ctx.app.applicant
    if applicant.status == "not-employed":
        yield Hit("applicant.status", "not-employed")
        return
    started = parse_date(applicant.work_start_date)
    if started is not None and started > ctx.policy.in_service_date:
        yield Hit("applicant.work_start_date", "late-start", {"value": applicant.work_start_date})


@kind("series-excluded")
def series_excluded(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（六）: 会计系列 is run by 省财政厅, not in this system.
    series = (ctx.app.target.series or "").strip()
    if series and series.startswith(tuple(rule.params["prefixes"])):
        yield Hit("target.series", params={"series": series})


@kind("offline-route")
def offline_route(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（七）: 援疆援藏支教、绿色通道、双职称、双定向、乡村振兴人才 apply offline.
    route = ctx.app.applicant.offline_route
    if route != "none":
        yield Hit("applicant.offline_route", params={"route": label(OFFLINE_ROUTES, route)})


@kind("evaluated-unappointed")
def evaluated_unappointed(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（八）: 已评未聘 is handled by the unit from its stock. The flag itself says this application
    # only seeks appointment; a higher title is another application, without the flag.
    if ctx.app.applicant.evaluated_unappointed:
        yield Hit("applicant.evaluated_unappointed", params={"level": label(LEVELS, ctx.app.target.level)})


@kind("exam-only")
def exam_only(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（三）: 以考代评系列按照有关规定参加全国统一考试.
    target = ctx.app.target
    if target.evaluation_mode == "exam-only":
        name = (target.title or "").strip() or (target.series or "").strip()
        yield Hit("target.evaluation_mode", params={"series": name})


@kind("exam-certificate")
def exam_certificate(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（三）: 考评结合系列须取得国家统一考试合格证书后申报 (ELIG-EXAM-PENDING is the exception).
    target = ctx.app.target
    if target.evaluation_mode != "exam-and-review" or target.exam_result_pending:
        return
    missing = []
    if blank(target.exam_certificate_no):
        missing.append(rule.params["missing_number"])
    if rule.params["category"] not in ctx.categories:
        missing.append(rule.params["missing_attachment"])
    if missing:
        field = "target.exam_certificate_no" if blank(target.exam_certificate_no) else None
        yield Hit(field, params={"missing": "，".join(missing)})


@kind("exam-pending")
def exam_pending(ctx: Context, rule: Rule) -> Iterator[Hit]:
    target = ctx.app.target
    if target.evaluation_mode == "exam-and-review" and target.exam_result_pending:
        yield Hit("target.exam_result_pending")
