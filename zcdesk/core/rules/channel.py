"""Channel-specific rules: 二三级岗位考核, 中小学教师, 基层硕博, 人才激励, 自由职业者, and the fee."""

from __future__ import annotations

from collections.abc import Iterator

from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context, blank
from zcdesk.core.rules.findings import Hit
from zcdesk.core.rules.kinds import kind
from zcdesk.core.snapshot import parse_date
from zcdesk.core.vocab import ASSESSMENT_EXCEPTIONS, FREELANCE_FIELDS, LEVELS, label


@kind("post-level")
def post_level(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（十）: the assessment is of those now appointed to the 二级/三级 post.
    grade = rule.params["grades"][str(ctx.channel.no)]
    need = rule.params["grade_words"][str(grade)]
    qualification = ctx.app.current_qualification
    if qualification is None:
        yield Hit("current_qualification", "no-qualification", {"need": need})
        return
    if qualification.post_grade != grade:
        entered = f"{qualification.post_grade}级" if qualification.post_grade is not None else "（未填写）"
        yield Hit("current_qualification.post_grade", "grade", {"entered": entered, "need": need})
    if blank(qualification.post_start_date):
        yield Hit("current_qualification.post_start_date", "start", {"need": need})


@kind("assess-round")
def assess_round(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（十）: 2021/2022 第一轮, 2017/2018 第二轮, 2014/2015 第三轮, 2011/2012 第四轮.
    qualification = ctx.app.current_qualification
    path = "current_qualification.post_start_date"
    started = parse_date(qualification.post_start_date) if qualification else None
    if started is None or not ctx.date_ok(path):
        return
    rounds: list[list[int]] = rule.params["rounds"]
    if any(started.year in years for years in rounds):
        return
    words = "，".join(
        f"{'、'.join(str(y) for y in years)}年（{name}）"
        for years, name in zip(rounds, rule.params["round_words"], strict=True)
    )
    yield Hit(path, params={"start_year": started.year, "rounds": words})


@kind("assess-exception")
def assess_exception(ctx: Context, rule: Rule) -> Iterator[Hit]:
    exception = ctx.app.target.assessment_exception
    if exception != "none":
        yield Hit("target.assessment_exception", params={"exception": label(ASSESSMENT_EXCEPTIONS, exception)})


@kind("assess-retiring")
def assess_retiring(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（十）: 2025年退休人员不参加本次考核; with approved delayed retirement: in 2026.
    applicant = ctx.app.applicant
    if applicant.retires_in_policy_year:
        variant = "delayed" if applicant.delayed_retirement_approved else "retiring"
        yield Hit("applicant.retires_in_policy_year", variant, {"next_year": ctx.policy.year + 1})


@kind("school-series-level")
def school_series_level(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（一）8、9: 中小学正高级教师 on 8, 副高及以下 on 9, both for the 中小学教师 series.
    target = ctx.app.target
    series = (target.series or "").strip()
    if series != rule.params["series"]:
        yield Hit("target.series", "series", {"series": series})
    senior = target.level == rule.params["senior_level"]
    if ctx.channel.no == rule.params["senior_channel"]:
        if not senior:
            yield Hit("target.level", "senior-only", {"level": label(LEVELS, target.level)})
    elif senior:
        yield Hit("target.level", "not-senior")


@kind("postgraduate-degree")
def postgraduate_degree(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # *practice*: 基层硕博 means a master's or doctor's degree.
    education = ctx.app.education
    if not education:
        return  # REQUIRED-FIELD
    words = tuple(rule.params["words"])
    if any(word in f"{item.degree or ''}{item.level or ''}" for item in education for word in words):
        return
    highest = next((index for index, item in enumerate(education) if item.highest), 0)
    yield Hit(f"education[{highest}].degree")


@kind("talent-class")
def talent_class(ctx: Context, rule: Rule) -> Iterator[Hit]:
    missing = []
    no_class = ctx.app.target.talent_class == "none"
    if no_class:
        missing.append(rule.params["missing_class"])
    if rule.params["category"] not in ctx.categories:
        missing.append(rule.params["missing_document"])
    if missing:
        yield Hit("target.talent_class" if no_class else None, params={"missing": "并".join(missing)})


@kind("freelance-verifier")
def freelance_verifier(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（三）: 艺术创作、文学创作、服装设计 — 省文联、省作协、省文旅厅.
    field = ctx.app.target.freelance_field
    verifier = rule.params["verifiers"].get(field)
    if verifier:
        yield Hit("target.freelance_field", params={"subject": label(FREELANCE_FIELDS, field), "verifier": verifier})


@kind("fee")
def fee(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（五）: 二、三级岗位评聘和考核 and 初级认定 pay no fee; 五（四）: the fee basis is in the policy file.
    if not ctx.channel.fee:
        yield Hit(None, "exempt", {"reason": rule.params["exempt_channel"]})
    elif ctx.app.target.initial_recognition:
        yield Hit(None, "exempt", {"reason": rule.params["exempt_initial"]})
    else:
        yield Hit(None, "due", {"basis": ctx.policy.fee_basis})
