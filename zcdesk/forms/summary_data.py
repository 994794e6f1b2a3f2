"""The 评审一览表's content as data: which text goes in which cell (forms.md)."""

from __future__ import annotations

import datetime as dt

from zcdesk.core.policy import Policy, load_policy
from zcdesk.core.snapshot import BundleSnapshot, parse_date
from zcdesk.core.vocab import (
    ASSESSMENT_RESULTS,
    EMPLOYER_KINDS,
    EVALUATION_MODES,
    SEXES,
    TALENT_CLASSES,
    label,
)
from zcdesk.forms.common import (
    FOOTER_NOTE,
    FREELANCE_VERIFIERS,
    POST_CHANNELS,
    SUMMARY_TITLE,
    achievement_groups,
    achievement_title,
    assessment_round,
    evidence_pages,
    fee_text,
    highest_education,
    post_grade_text,
    publicity_period,
    qr_caption,
    qr_payload,
    target_title,
)
from zcdesk.forms.formatting import (
    BLANK_DATE,
    NONE,
    appointment,
    full_date,
    number,
    or_none,
    period,
    stacked,
    year_month,
)
from zcdesk.forms.model import Cell, FormDocument, HeaderField, Note, Row, Section, Signature, band, row

ACHIEVEMENT_HEADER = (
    "序号",
    "名称",
    "时间",
    "本人作用\n／排名",
    "刊物／出版社／\n授予机构／来源",
    "级别／编号",
    "佐证材料\n（页数）",
)


def _l(text: str, rowspan: int = 1) -> Cell:
    return Cell(text, "label", rowspan=rowspan)


def _v(text: str, span: int = 1, align: str = "center") -> Cell:
    return Cell(text, "value", span=span, align=align)


def summary_data(
    bundle: BundleSnapshot,
    policy: Policy | None = None,
    *,
    filled_on: dt.date | None = None,
    publicity_start: dt.date | None = None,
    photo: bytes | None = None,
    draft: bool = False,
) -> FormDocument:
    """The 一览表 of one application. `filled_on` defaults to the bundle's creation date."""
    policy = policy or load_policy(bundle.policy_year)
    app = bundle.application
    channel = policy.channel(app.channel)
    filled = filled_on or _created_on(bundle)
    header = (
        (HeaderField("申报年度", f"{bundle.policy_year}年度"), HeaderField("申报通道", channel.label)),
        (
            HeaderField("工作单位（盖章）", or_none(app.employer.name)),
            HeaderField("填表日期", full_date(filled) if filled else BLANK_DATE),
        ),
    )
    body: list[Section | Note] = [
        _basic(bundle),
        _education(bundle),
        _qualification(bundle, policy),
        _target(bundle, policy),
        _work(bundle),
        *_years(bundle, policy),
        _achievements(bundle),
        _opinion(bundle, policy, publicity_start),
    ]
    return FormDocument(
        title=SUMMARY_TITLE,
        header=header,
        running_header=f"{SUMMARY_TITLE}（续）　申报人：{app.applicant.name}　申报资格：{target_title(bundle)}",
        body=tuple(body),
        footer_note=FOOTER_NOTE,
        qr_payload=qr_payload(bundle),
        qr_caption=qr_caption(bundle, channel),
        photo=photo,
        watermark="草稿" if draft else "",
    )


def _created_on(bundle: BundleSnapshot) -> dt.date | None:
    if bundle.created_at:
        try:
            return dt.datetime.fromisoformat(bundle.created_at.replace("Z", "+00:00")).date()
        except ValueError:
            return parse_date(bundle.created_at[:10])
    return None


def _basic(bundle: BundleSnapshot) -> Section:
    person = bundle.application.applicant
    employer = bundle.application.employer
    target = bundle.application.target
    qualification = bundle.application.current_qualification
    specialty = (qualification.specialty if qualification else None) or target.specialty
    rows = (
        row(
            _l("姓名"),
            _v(or_none(person.name)),
            _l("性别"),
            _v(label(SEXES, person.sex)),
            _l("出生年月"),
            _v(year_month(person.birth_date)),
            Cell("照片", "photo", rowspan=5),
        ),
        row(
            _l("民族"),
            _v(or_none(person.ethnicity)),
            _l("政治面貌"),
            _v(or_none(person.political_status)),
            _l("参加工作时间"),
            _v(year_month(person.work_start_date)),
        ),
        row(_l("身份证号"), _v(or_none(person.id_number), span=3), _l("联系电话"), _v(or_none(person.phone))),
        row(
            _l("工作单位"),
            _v(or_none(employer.name), span=3, align="left"),
            _l("单位性质"),
            _v(label(EMPLOYER_KINDS, employer.kind)),
        ),
        row(_l("现从事专业"), _v(or_none(specialty), span=5, align="left")),
    )
    return Section("一、基本情况", "basic", rows)


def _education(bundle: BundleSnapshot) -> Section:
    highest = highest_education(bundle)
    others = [item for item in bundle.application.education if item is not highest]
    rows = []
    for kind, item in [("最高学历", highest), *(("其他学历", other) for other in others)]:
        if item is None:
            rows.append(row(_l(kind), *(_v(NONE) for _ in range(5))))
            continue
        rows.append(
            row(
                _l(kind),
                _v(or_none(item.level)),
                _v(or_none(item.degree)),
                _v(or_none(item.school), align="left"),
                _v(or_none(item.major)),
                _v(year_month(item.end_date)),
            )
        )
    header = (row(*(Cell(text, "head") for text in ("类别", "学历", "学位", "毕业院校", "所学专业", "毕业时间"))),)
    return Section("二、学历学位", "education", tuple(rows), header)


def _qualification(bundle: BundleSnapshot, policy: Policy) -> Section:
    app = bundle.application
    q = app.current_qualification
    on_post_channel = app.channel in POST_CHANNELS
    grade = post_grade_text(q.post_grade) if q and on_post_channel else NONE
    post_start = NONE
    if q and on_post_channel and q.post_start_date:
        channel = policy.channel(app.channel)
        post_start = stacked(year_month(q.post_start_date), assessment_round(policy, channel.no, q.post_start_date))
    rows = (
        row(
            _l("现专业技术\n资格名称"),
            _v(or_none(q.title) if q else NONE),
            _l("取得时间"),
            _v(year_month(q.obtained_date) if q else NONE),
            _l("审批机关"),
            _v(or_none(q.approving_body) if q else NONE, align="left"),
        ),
        row(
            _l("聘任时间\n及年限"),
            _v(appointment(q.appointed_date, policy.cutoff) if q else NONE),
            _l("岗位等级"),
            _v(grade),
            _l("起聘时间及\n考核轮次"),
            _v(post_start, align="left"),
        ),
    )
    return Section("三、现专业技术资格与聘任", "qualification", rows)


def _evaluation(bundle: BundleSnapshot) -> str:
    target = bundle.application.target
    mode = label(EVALUATION_MODES, target.evaluation_mode)
    if target.evaluation_mode != "exam-and-review":
        return mode
    # 考评结合 needs the national exam certificate; 2024 results still pending may apply (notice 一（三）).
    if target.exam_result_pending and not target.exam_certificate_no:
        return f"{mode}\n成绩待公布"
    return f"{mode}\n证书编号：{or_none(target.exam_certificate_no)}"


def _target(bundle: BundleSnapshot, policy: Policy) -> Section:
    app = bundle.application
    target = app.target
    channel = policy.channel(app.channel)
    rows = [
        row(
            _l("申报系列"),
            _v(or_none(target.series)),
            _l("申报专业"),
            _v(or_none(target.specialty)),
            _l("申报资格名称"),
            _v(target_title(bundle)),
        ),
        row(
            _l("评价方式"),
            _v(_evaluation(bundle)),
            _l("初级认定"),
            _v("是" if target.initial_recognition else "否"),
            _l("是否缴费"),
            _v(fee_text(channel, target.initial_recognition)),
        ),
    ]
    if target.talent_class != "none" or target.freelance_field != "none":
        rows.append(
            row(
                _l("人才类别"),
                _v(label(TALENT_CLASSES, target.talent_class)),
                _l("材料审核单位"),
                _v(FREELANCE_VERIFIERS.get(target.freelance_field, NONE), span=3, align="left"),
            )
        )
    return Section("四、申报情况", "target", tuple(rows))


def _work(bundle: BundleSnapshot) -> Section:
    rows = [
        row(
            _v(period(item.start_date, item.end_date)),
            _v(or_none(item.employer), align="left"),
            _v(or_none(item.position)),
        )
        for item in bundle.application.work_history
    ]
    if not rows:
        rows = [row(_v(NONE), _v(NONE), _v(NONE))]
    header = (row(Cell("起止时间", "head"), Cell("工作单位", "head"), Cell("职务（岗位）", "head")),)
    return Section("五、工作经历", "work", tuple(rows), header)


def policy_years(policy: Policy) -> tuple[int, ...]:
    """The five years before the policy year (2020–2024 for 2025)."""
    return tuple(range(policy.year - 5, policy.year))


def _years(bundle: BundleSnapshot, policy: Policy) -> tuple[Section, Section]:
    app = bundle.application
    years = policy_years(policy)
    year_heads = row(_l("年度"), *(Cell(f"{year}年", "head") for year in years))
    results = {item.year: item.result for item in app.annual_assessments}
    assessment = Section(
        "六、近五年年度考核",
        "years",
        (row(_l("考核结果"), *(_v(label(ASSESSMENT_RESULTS, results.get(year))) for year in years)),),
        (year_heads,),
    )
    hours: dict[int, float] = {}
    for item in app.continuing_education:
        hours[item.year] = hours.get(item.year, 0.0) + item.hours
    total = sum(hours.get(year, 0.0) for year in years)
    training = Section(
        "七、继续教育",
        "years",
        (
            row(_l("学时"), *(_v(number(hours[year]) if year in hours else NONE) for year in years)),
            row(_l("合计"), _v(f"{number(total)}学时", span=5, align="left")),
        ),
        (year_heads,),
    )
    return assessment, training


def _achievements(bundle: BundleSnapshot) -> Section:
    columns = len(ACHIEVEMENT_HEADER)
    rows: list[Row] = []
    for group in achievement_groups(bundle):
        rows.append(band(f"{group.number}{group.name}", columns))
        for index, item in enumerate(group.items, start=1):
            rows.append(
                row(
                    _v(str(index)),
                    _v(
                        achievement_title(item)
                        + (f"\n注：{item.note.strip()}" if item.note and item.note.strip() else ""),
                        align="left",
                    ),
                    _v(year_month(item.date)),
                    _v(or_none(item.role)),
                    _v(or_none(item.venue)),
                    _v(stacked(item.grade, item.identifier)),
                    _v(evidence_pages(bundle, item)),
                )
            )
    if not rows:
        rows.append(row(_v(NONE, span=columns)))
    header = (row(*(Cell(text, "head") for text in ACHIEVEMENT_HEADER)),)
    return Section("八、任现职以来主要业绩成果（★为代表作）", "achievements", tuple(rows), header)


def unit_opinion(bundle: BundleSnapshot, policy: Policy, publicity_start: dt.date | None = None) -> str:
    """The unit's opinion, written out only once a 公示 result is recorded; else left to write by hand."""
    review = bundle.application.unit_review
    if review is None or not (review.publicity_result or "").strip():
        return ""
    start, end = publicity_period(publicity_start or review.publicity_start, policy)
    if start is None or end is None:
        return ""
    return (
        "经单位审核小组在纪检监督人员监督下审核，该同志申报材料中的学历、职称证书、业绩成果等真实有效，"
        f"符合申报条件。已于{full_date(start)}–{full_date(end)}在本单位公示{policy.publicity_working_days}个工作日，"
        f"公示结果：{(review.publicity_result or '').strip()}。"
    )


def _opinion(bundle: BundleSnapshot, policy: Policy, publicity_start: dt.date | None) -> Section:
    opinion = unit_opinion(bundle, policy, publicity_start)
    signers = (("审核小组成员签字：", 3), ("纪检监督人员签字：", 1), ("单位负责人签字：", 1))
    # Without a recorded result the unit writes its opinion by hand: leave more room then.
    unit = Signature(signers=signers, seal="（单位公章）", min_height_mm=32.0 if opinion else 52.0)
    authority = Signature(signers=(("负责人签字：", 1),), seal="（公章）", min_height_mm=40.0)
    unit_label = "单位\n审核\n意见"
    if opinion:
        rows = [row(_l(unit_label, rowspan=2), _v(opinion, align="left")), row(Cell(style="sign", sign=unit))]
    else:
        rows = [row(_l(unit_label), Cell(style="sign", sign=unit))]
    rows.append(row(_l("主管部门\n（人社部门）\n意见"), Cell(style="sign", sign=authority)))
    return Section("九、审核意见", "opinion", tuple(rows), keep_together=True)
