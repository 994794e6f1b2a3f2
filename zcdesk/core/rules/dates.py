"""Dates and years: DATE-ORDER, DATE-CUTOFF, ACH-SINCE-QUALIFICATION, YEARS-IN-QUALIFICATION, WINDOW."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zcdesk.core.policy import Window
from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context, shorten
from zcdesk.core.rules.findings import Hit
from zcdesk.core.rules.kinds import kind
from zcdesk.core.snapshot import parse_date
from zcdesk.core.vocab import LEVELS, label


def _verdicts(ctx: Context, code: str) -> Iterator[Hit]:
    for path, verdict in ctx.date_verdicts.items():
        if verdict.code == code:
            yield Hit(path, verdict.variant, {"what": ctx.describe(path), **verdict.params})


@kind("date-order")
def date_order(ctx: Context, rule: Rule) -> Iterator[Hit]:
    yield from _verdicts(ctx, "DATE-ORDER")


@kind("date-cutoff")
def date_cutoff(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 一（一）: 资格年限、聘任年限、学历和业绩成果等截止时间均为2024年12月31日.
    yield from _verdicts(ctx, "DATE-CUTOFF")


@kind("achievement-since")
def achievement_since(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（二）: 业绩材料应是申报人取得现资格以来的业绩成果; a first title counts from the work start.
    app = ctx.app
    if ctx.first_title:
        since_path, variant, since_text = "applicant.work_start_date", "work-start", app.applicant.work_start_date
    else:
        assert app.current_qualification is not None
        since_path, variant = "current_qualification.obtained_date", "qualification"
        since_text = app.current_qualification.obtained_date
    since = parse_date(since_text)
    if since is None or not ctx.date_ok(since_path) or since > ctx.policy.cutoff:
        # No usable start: REQUIRED-FIELD, a date finding or ELIG-IN-SERVICE says why; a start
        # after the cutoff would refuse every achievement for that one reason.
        return
    for index, achievement in enumerate(app.achievements):
        path = f"achievements[{index}].date"
        when = parse_date(achievement.date)
        if when is not None and ctx.date_ok(path) and when < since:
            params = {
                "n": index + 1,
                "title": shorten(achievement.title),
                "value": achievement.date,
                "since": since_text,
            }
            yield Hit(path, variant, params)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end, counted 对年对月 (by year and month, as 职称 practice does)."""
    return (end.year - start.year) * 12 + end.month - start.month


def _years_words(months: int) -> str:
    years, rest = divmod(max(months, 0), 12)
    if years and rest:
        return f"{years}年{rest}个月"
    return f"{years}年" if years else f"{rest}个月"


@kind("years-in-qualification")
def years_in_qualification(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # *practice*: years in the current qualification before one level up, to the cutoff.
    qualification = ctx.app.current_qualification
    if ctx.first_title or qualification is None or not ctx.target_above_current:
        return
    target = ctx.app.target
    need = ctx.policy.years_in_qualification.get((target.level, qualification.level or "none"))
    obtained = parse_date(qualification.obtained_date)
    path = "current_qualification.obtained_date"
    if need is None or obtained is None or not ctx.date_ok(path):
        return
    months = months_between(obtained, ctx.policy.cutoff)
    if months < need * 12:
        current = shorten(qualification.title, "") or label(LEVELS, qualification.level)
        wanted = shorten(target.title, "") or label(LEVELS, target.level)
        yield Hit(
            path,
            params={
                "obtained": qualification.obtained_date,
                "current": f"{current}（{label(LEVELS, qualification.level)}）",
                "have": _years_words(months),
                "target": f"{wanted}（{label(LEVELS, target.level)}）",
                "need": need,
            },
        )


def describe_window(window: Window) -> str:
    if window.start is None or window.end is None:
        return window.label
    # The end is exclusive ("2月7日24时" is stored as 2月8日 00:00): show the last whole day.
    last = (window.end - dt.timedelta(microseconds=1)).date()
    return f"{window.label} {window.start.date().isoformat()} 至 {last.isoformat()}"


@kind("window")
def window(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 四 时间安排: the applicant's window; the program works offline any day, so only a warning.
    current = ctx.policy.window_of(ctx.channel)
    if not current.contains(dt.datetime.combine(ctx.today, dt.time()), ctx.policy.year):
        yield Hit(None, params={"window": describe_window(current)})
