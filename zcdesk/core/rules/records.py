"""The dated records of an application and, for each date, the one thing wrong with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from zcdesk.core.snapshot import ApplicationSnapshot, parse_date


@dataclass(frozen=True)
class DatedField:
    path: str  # application path, e.g. "achievements[1].date"
    value: str
    counted: bool = False  # DATE-CUTOFF: 资格、聘任、学历、业绩 dates count for the application
    start: str | None = None  # the path of the date this one must not precede
    applicant: bool = True  # the applicant's own records (unit-review dates are planned ones)
    order_variant: str = "end-before-start"


@dataclass(frozen=True)
class DateVerdict:
    code: str  # DATE-ORDER | DATE-CUTOFF
    variant: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)


def dated_fields(app: ApplicationSnapshot) -> list[DatedField]:
    """Every date of the application that the date rules look at, in form order."""
    out: list[DatedField] = []

    def add(path: str, value: str | None, **kwargs: Any) -> None:
        if value:
            out.append(DatedField(path, value, **kwargs))

    add("applicant.birth_date", app.applicant.birth_date)
    add("applicant.work_start_date", app.applicant.work_start_date)
    qualification = app.current_qualification
    if qualification is not None:
        # 一（一）: 资格年限、聘任年限 count to the cutoff.
        add("current_qualification.obtained_date", qualification.obtained_date, counted=True)
        add("current_qualification.appointed_date", qualification.appointed_date, counted=True)
        add("current_qualification.post_start_date", qualification.post_start_date)
    for index, education in enumerate(app.education):
        base = f"education[{index}]"
        add(f"{base}.start_date", education.start_date)
        # 一（一）: 学历 counts to the cutoff; graduation comes after enrolment.
        add(
            f"{base}.end_date",
            education.end_date,
            counted=True,
            start=f"{base}.start_date",
            order_variant="graduation-before-enrolment",
        )
    for index, work in enumerate(app.work_history):
        base = f"work_history[{index}]"
        add(f"{base}.start_date", work.start_date)
        add(f"{base}.end_date", work.end_date, start=f"{base}.start_date")
    for index, achievement in enumerate(app.achievements):
        # 一（一）: 业绩成果 count to the cutoff.
        add(f"achievements[{index}].date", achievement.date, counted=True)
    review = app.unit_review
    if review is not None:
        # Planned dates of the unit: only an impossible one is a finding here.
        add("unit_review.review_date", review.review_date, applicant=False)
        add("unit_review.publicity_start", review.publicity_start, applicant=False)
        add("unit_review.publicity_end", review.publicity_end, applicant=False)
    return out


def judge_dates(
    fields: list[DatedField], birth: dt.date | None, cutoff: dt.date, today: dt.date
) -> dict[str, DateVerdict]:
    """At most one verdict per date: impossible, after the cutoff, in the future, before birth, out of order."""
    verdicts: dict[str, DateVerdict] = {}
    parsed: dict[str, dt.date] = {}
    for item in fields:
        when = parse_date(item.value)
        if when is None:
            verdicts[item.path] = DateVerdict("DATE-ORDER", "impossible", {"value": item.value})
            continue
        parsed[item.path] = when
        if not item.applicant:
            continue
        params = {"value": item.value}
        if item.counted and when > cutoff:
            verdicts[item.path] = DateVerdict("DATE-CUTOFF", "default", params)
        elif when > today:
            verdicts[item.path] = DateVerdict("DATE-ORDER", "future", params)
        elif birth is not None and item.path != "applicant.birth_date" and when < birth:
            verdicts[item.path] = DateVerdict("DATE-ORDER", "before-birth", {**params, "birth": birth.isoformat()})
    for item in fields:
        if item.start is None or item.path in verdicts or item.start in verdicts:
            continue
        start, end = parsed.get(item.start), parsed.get(item.path)
        if start is not None and end is not None and end < start:
            verdicts[item.path] = DateVerdict(
                "DATE-ORDER", item.order_variant, {"value": item.value, "start": start.isoformat()}
            )
    return verdicts
