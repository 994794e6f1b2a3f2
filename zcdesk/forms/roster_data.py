"""The unit 公示名单's content as data: one row per applicant, no ID number, phone or birth date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from zcdesk.core.errors import UserError
from zcdesk.core.policy import Policy, load_policy
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.core.vocab import SEXES, label
from zcdesk.forms.common import FOOTER_NOTE, REPRESENTATIVE_MARK, achievement_groups, publicity_period, target_title
from zcdesk.forms.formatting import NONE, or_none, publicity_text, year_month
from zcdesk.forms.model import Cell, FormDocument, HeaderField, Note, Section, Signature, row
from zcdesk.forms.publicity_data import OBJECTION_NOTE, current_qualification_text

ROSTER_HEADER = ("序号", "姓名", "性别", "工作单位／科室", "现资格", "申报通道", "申报资格名称", "主要业绩成果摘要")


def roster_title(policy_year: int) -> str:
    return f"{policy_year}年度专业技术资格评审申报人员公示名单"


def achievement_summary(bundle: BundleSnapshot) -> str:
    """论文、著作2项，获奖1项；代表作：★… (2021.06) — counts per band, then the representative works."""
    groups = achievement_groups(bundle)
    if not groups:
        return NONE
    counts = "，".join(f"{group.name}{len(group.items)}项" for group in groups)
    works = [
        f"{REPRESENTATIVE_MARK}{item.title.strip()}（{year_month(item.date)}）"
        for group in groups
        for item in group.items
        if item.representative and item.title.strip()
    ]
    return f"{counts}；代表作：" + "；".join(works) if works else counts


def roster_data(
    bundles: Sequence[BundleSnapshot],
    policy: Policy | None = None,
    *,
    unit: str | None = None,
    publicity_start: dt.date | None = None,
    objection_contact: str | None = None,
    draft: bool = False,
) -> FormDocument:
    """The 公示名单 of a unit's applicants; unit, start and contact default to the first application's."""
    if not bundles:
        raise UserError("公示名单中没有申报人：请至少选择一份申报")
    first = bundles[0]
    policy = policy or load_policy(first.policy_year)
    review = first.application.unit_review
    unit_name = unit or first.application.employer.name
    contact = objection_contact or (review.objection_contact if review else None)
    start, end = publicity_period(publicity_start or (review.publicity_start if review else None), policy)
    rows = []
    for number, bundle in enumerate(bundles, start=1):
        app = bundle.application
        channel = policy.channel(app.channel)
        rows.append(
            row(
                Cell(str(number)),
                Cell(or_none(app.applicant.name)),
                Cell(label(SEXES, app.applicant.sex)),
                Cell(or_none(app.employer.name), align="left"),
                Cell(current_qualification_text(bundle)),
                Cell(channel.label, align="left"),
                Cell(target_title(bundle)),
                Cell(achievement_summary(bundle), align="left"),
            )
        )
    header = (
        (
            HeaderField("公示单位", or_none(unit_name)),
            HeaderField("公示期", publicity_text(start, end, policy.publicity_working_days)),
        ),
        (HeaderField("受理异议部门及电话", or_none(contact)), HeaderField("申报人数", f"{len(bundles)}人")),
    )
    result = Section(
        "公示结果",
        "roster-result",
        (
            row(
                Cell("公示\n结果", "label"),
                Cell(
                    style="sign",
                    sign=Signature(
                        checkboxes=("□ 无异议", "□ 有异议，处理情况："),
                        signers=(("单位负责人签字：", 1),),
                        seal="（单位公章）",
                        min_height_mm=36.0,
                    ),
                ),
            ),
        ),
        keep_together=True,
    )
    return FormDocument(
        title=roster_title(policy.year),
        header=header,
        running_header=f"{roster_title(policy.year)}（续）　公示单位：{or_none(unit_name)}",
        body=(
            Section(
                f"申报人员（共{len(bundles)}人）",
                "roster",
                tuple(rows),
                (row(*(Cell(text, "head") for text in ROSTER_HEADER)),),
            ),
            result,
            Note(OBJECTION_NOTE),
        ),
        footer_note=FOOTER_NOTE,
        watermark="草稿" if draft else "",
    )
