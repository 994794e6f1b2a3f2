"""ID-NUMBER, ID-CONSISTENCY, PHONE and USCC: numbers people type, checked as they type them."""

from __future__ import annotations

from collections.abc import Iterator

from zcdesk.core.identity import id_number_problem, phone_problem, uscc_problem
from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context, blank
from zcdesk.core.rules.findings import Hit
from zcdesk.core.rules.kinds import kind
from zcdesk.core.snapshot import parse_date
from zcdesk.core.vocab import SEXES, label


@kind("id-number")
def id_number(ctx: Context, rule: Rule) -> Iterator[Hit]:
    number = ctx.app.applicant.id_number
    if blank(number):
        return  # REQUIRED-FIELD
    problem = id_number_problem(number, ctx.today)
    if problem is not None:
        yield Hit("applicant.id_number", params={"problem": problem})


@kind("id-consistency")
def id_consistency(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # The program derives sex and birth date from the ID number (GB 11643: digits 7–14, 17).
    if ctx.id_facts is None:
        return
    birth, sex = ctx.id_facts
    applicant = ctx.app.applicant
    if applicant.sex != sex:
        yield Hit("applicant.sex", "sex", {"entered": label(SEXES, applicant.sex), "derived": SEXES[sex]})
    entered = parse_date(applicant.birth_date)
    # An impossible birth date is DATE-ORDER's finding, not this one.
    if entered is not None and entered != birth:
        yield Hit("applicant.birth_date", "birth", {"entered": applicant.birth_date, "derived": birth.isoformat()})


@kind("phone")
def phone(ctx: Context, rule: Rule) -> Iterator[Hit]:
    value = ctx.app.applicant.phone
    if blank(value):
        return
    problem = phone_problem(value)
    if problem is not None:
        yield Hit("applicant.phone", params={"value": value.strip(), "problem": problem})


@kind("uscc")
def unit_credit_code(ctx: Context, rule: Rule) -> Iterator[Hit]:
    employer = ctx.app.employer
    if ctx.channel.no in rule.params["exempt_channels"] or employer.kind == "none" or blank(employer.uscc):
        return
    problem = uscc_problem(employer.uscc)
    if problem is not None:
        yield Hit("employer.uscc", params={"value": (employer.uscc or "").strip(), "problem": problem})
