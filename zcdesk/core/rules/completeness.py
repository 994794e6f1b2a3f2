"""REQUIRED-FIELD: the fields an application cannot go without."""

from __future__ import annotations

from collections.abc import Iterator

from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context, blank
from zcdesk.core.rules.findings import Hit
from zcdesk.core.rules.kinds import kind


def _missing(ctx: Context, path: str) -> Hit:
    return Hit(path, "default", {"what": ctx.describe(path)})


@kind("required-field")
def required_fields(ctx: Context, rule: Rule) -> Iterator[Hit]:
    params, app = rule.params, ctx.app
    for name in params["applicant"]:
        if blank(getattr(app.applicant, name)):
            yield _missing(ctx, f"applicant.{name}")
    # No employer on channel 3; an employer of kind "none" elsewhere is CHANNEL-EMPLOYER's finding.
    if ctx.channel.no not in params["employer_exempt_channels"] and app.employer.kind != "none":
        for name in params["employer"]:
            if blank(getattr(app.employer, name)):
                yield _missing(ctx, f"employer.{name}")
    for name in params["target"]:
        value = getattr(app.target, name)
        if blank(value) or (name == "level" and value == "none"):
            yield _missing(ctx, f"target.{name}")
    qualification = app.current_qualification
    if not ctx.first_title and qualification is not None:
        for name in params["qualification"]:
            if blank(getattr(qualification, name)):
                yield _missing(ctx, f"current_qualification.{name}")
    if not app.education:
        yield Hit("education", "no-education")
    for records in ("education", "achievements", "work_history"):
        for index, record in enumerate(getattr(app, records)):
            for name in params[records]:
                if blank(getattr(record, name)):
                    yield _missing(ctx, f"{records}[{index}].{name}")
