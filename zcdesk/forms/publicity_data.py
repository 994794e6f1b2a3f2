"""The 评审公示表's content as data. Posted in public: no ID number, phone or birth date."""

from __future__ import annotations

import datetime as dt

from zcdesk.core.policy import Policy, load_policy
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.core.vocab import SEXES, label
from zcdesk.forms.common import (
    FOOTER_NOTE,
    PUBLICITY_TITLE,
    achievement_groups,
    achievement_title,
    highest_education,
    publicity_period,
    qr_caption,
    qr_payload,
    target_title,
)
from zcdesk.forms.formatting import NONE, or_none, publicity_text, stacked, year_month
from zcdesk.forms.model import Cell, FormDocument, HeaderField, Note, Row, Section, Signature, row

ACHIEVEMENT_HEADER = ("序号", "类别", "成果名称", "时间", "本人作用／排名", "级别")
OBJECTION_NOTE = "注：公示期内，对申报人申报材料的真实性等有异议的，请以书面形式实名向受理异议部门反映。"


def _l(text: str) -> Cell:
    return Cell(text, "label")


def _v(text: str, span: int = 1, align: str = "center") -> Cell:
    return Cell(text, "value", span=span, align=align)


def publicity_signature() -> Signature:
    """公示结果: ticked by hand after the 公示 ends, signed and sealed by the unit."""
    return Signature(
        checkboxes=("□ 无异议", "□ 有异议，处理情况："),
        signers=(("单位负责人签字：", 1),),
        seal="（单位公章）",
        min_height_mm=58.0,
    )


def current_qualification_text(bundle: BundleSnapshot) -> str:
    """工程师（2019.09取得）, or 无 for a first title."""
    q = bundle.application.current_qualification
    title = (q.title or "").strip() if q else ""
    if q is None or not title:
        return NONE
    return f"{title}（{year_month(q.obtained_date)}取得）" if q.obtained_date else title


def publicity_data(
    bundle: BundleSnapshot,
    policy: Policy | None = None,
    *,
    publicity_start: dt.date | None = None,
    draft: bool = False,
) -> FormDocument:
    """The 公示表; the 公示期 starts on `publicity_start` (default: the recorded start)."""
    policy = policy or load_policy(bundle.policy_year)
    app = bundle.application
    channel = policy.channel(app.channel)
    review = app.unit_review
    start, end = publicity_period(publicity_start or (review.publicity_start if review else None), policy)
    header = (
        (
            HeaderField("公示单位", or_none(app.employer.name)),
            HeaderField("公示期", publicity_text(start, end, policy.publicity_working_days)),
        ),
        (HeaderField("受理异议部门及电话", or_none(review.objection_contact if review else None)),),
    )
    person = app.applicant
    target = app.target
    highest = highest_education(bundle)
    q = app.current_qualification
    specialty = (q.specialty if q else None) or target.specialty
    basic = Section(
        "一、申报人基本情况",
        "publicity-basic",
        (
            row(
                _l("姓名"),
                _v(or_none(person.name)),
                _l("性别"),
                _v(label(SEXES, person.sex)),
                _l("现从事专业"),
                _v(or_none(specialty)),
            ),
            row(
                _l("工作单位"),
                _v(or_none(app.employer.name), span=3, align="left"),
                _l("最高学历学位"),
                _v(stacked(highest.level, highest.degree) if highest else NONE),
            ),
            row(_l("现专业技术资格\n及取得时间"), _v(current_qualification_text(bundle), span=5, align="left")),
        ),
    )
    applying = Section(
        "二、申报情况",
        "publicity-basic",
        (
            row(_l("申报通道"), _v(channel.label, span=3, align="left"), _l("申报系列"), _v(or_none(target.series))),
            row(
                _l("申报专业"),
                _v(or_none(target.specialty), span=3, align="left"),
                _l("申报资格名称"),
                _v(target_title(bundle)),
            ),
        ),
    )
    rows: list[Row] = []
    for group in achievement_groups(bundle):
        for item in group.items:
            rows.append(
                row(
                    _v(str(len(rows) + 1)),
                    Cell(group.name, "value", merge=True),
                    _v(achievement_title(item), align="left"),
                    _v(year_month(item.date)),
                    _v(or_none(item.role)),
                    _v(or_none(item.grade)),
                )
            )
    if not rows:
        rows.append(row(_v(NONE, span=len(ACHIEVEMENT_HEADER))))
    achievements = Section(
        "三、任现职以来主要业绩成果（★为代表作）",
        "publicity-achievements",
        tuple(rows),
        (row(*(Cell(text, "head") for text in ACHIEVEMENT_HEADER)),),
    )
    result = Section(
        "四、公示结果",
        "opinion",
        (row(_l("公示\n结果"), Cell(style="sign", sign=publicity_signature())),),
        keep_together=True,
    )
    return FormDocument(
        title=PUBLICITY_TITLE,
        header=header,
        running_header=f"{PUBLICITY_TITLE}（续）　申报人：{person.name}　申报资格：{target_title(bundle)}",
        body=(basic, applying, achievements, result, Note(OBJECTION_NOTE)),
        footer_note=FOOTER_NOTE,
        qr_payload=qr_payload(bundle),
        qr_caption=qr_caption(bundle, channel),
        watermark="草稿" if draft else "",
    )
