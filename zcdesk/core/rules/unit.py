"""The employer and its review: CHANNEL-EMPLOYER, UNIT-REGION, GRASSROOTS-UNIT, UNIT-REVIEW-PANEL, UNIT-PUBLICITY."""

from __future__ import annotations

from collections.abc import Iterator

from zcdesk.core.identity import normalise_uscc, uscc_problem
from zcdesk.core.regions import PLACED, Region, is_grassroots, load_regions, region_from_uscc, resolve_authority
from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context, blank
from zcdesk.core.rules.findings import Hit
from zcdesk.core.rules.kinds import kind
from zcdesk.core.snapshot import parse_date
from zcdesk.core.vocab import EMPLOYER_KINDS, label
from zcdesk.core.workdays import nth_working_day, working_days_between


@kind("channel-employer")
def channel_employer(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（一）: each channel is for one kind of applicant (the 2025 table of 16 channels).
    employer_kind = ctx.app.employer.kind
    accepted = ctx.channel.employer_kinds
    if employer_kind not in accepted:
        words = "、".join(label(EMPLOYER_KINDS, item) for item in accepted)
        yield Hit("employer.kind", params={"kind": label(EMPLOYER_KINDS, employer_kind), "accepted": words})


def bound_region(text: str | None) -> Region | None:
    """The division a user bound the unit to: its name or alias, else a longer name that places it."""
    if blank(text):
        return None
    assert text is not None
    region = load_regions().by_name(text)
    if region is None:
        place = resolve_authority(text)  # "长春市绿园区" names 绿园区 as well
        region = place.region if place.status == PLACED else None
    return region


@kind("unit-region")
def unit_region(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 五（二）（三）: 企业单位按营业执照登记机关所在地选择行政区划进行绑定. At most one finding; an
    # authority the program cannot place (a development zone's bureau) is left to the user.
    employer = ctx.app.employer
    if not ctx.is_enterprise:
        return
    bound = bound_region(employer.region)
    bound_text = (employer.region or "").strip()
    suffix = "" if bound_text else "missing-"
    authority = (employer.license_authority or "").strip()
    if authority:
        place = resolve_authority(authority)
        if place.status == PLACED and place.region is not None and place.region != bound:
            params = {"bound": bound_text, "authority": authority, "expected": place.region.name}
            yield Hit("employer.region", f"{suffix}authority", params)
            return
    # Digits 3–8 of the credit code name the registering authority: a second source.
    if blank(employer.uscc) or uscc_problem(employer.uscc) is not None:
        return  # USCC (or REQUIRED-FIELD) reports the code itself
    code = normalise_uscc(employer.uscc)
    registered = region_from_uscc(code)
    if registered is not None and registered != bound:
        params = {"bound": bound_text, "code": code[2:8], "expected": registered.name}
        yield Hit("employer.region", f"{suffix}uscc", params)


@kind("grassroots-unit")
def grassroots_unit(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # *practice*: 县（乡）基层 and 基层硕博 mean a county- or township-level unit.
    region = bound_region(ctx.app.employer.region)
    if region is not None and not is_grassroots(region):
        words = rule.params["level_words"].get(region.level, region.level)
        yield Hit("employer.region", params={"region": (ctx.app.employer.region or "").strip(), "level": words})


@kind("review-panel")
def review_panel(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（三）: 成立3人以上审核小组，在纪检人员监督下 — only where a unit review is recorded.
    review = ctx.app.unit_review
    if review is None or (review.reviewers is None and blank(review.supervisor) and not review.review_date):
        return
    names = {name.strip() for name in review.reviewers or () if name.strip()}
    if len(names) < rule.params["min_reviewers"]:
        yield Hit("unit_review.reviewers", "reviewers", {"count": len(names)})
    if blank(review.supervisor):
        yield Hit("unit_review.supervisor", "supervisor")


@kind("publicity")
def publicity(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（三）履行公示程序: the length is the national 5 working days (人社部令第40号), from the policy file.
    review = ctx.app.unit_review
    if review is None:
        return
    start, end = parse_date(review.publicity_start), parse_date(review.publicity_end)
    if start is None or end is None:
        return
    need = ctx.policy.publicity_working_days
    until = nth_working_day(start, need)
    if end < until:
        days = working_days_between(start, end)
        params = {
            "start": review.publicity_start,
            "end": review.publicity_end,
            "days": days,
            "need": need,
            "basis": ctx.policy.publicity_basis,
            "until": until.isoformat(),
        }
        yield Hit("unit_review.publicity_end", params=params)
