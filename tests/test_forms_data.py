"""The forms' content as data, checked exactly: which text goes in which cell."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from zcdesk.core.fingerprint import fingerprint, fingerprint_text
from zcdesk.core.samples import make_sample
from zcdesk.core.snapshot import AchievementSnapshot, BundleSnapshot, TargetSnapshot
from zcdesk.forms.draft import has_errors
from zcdesk.forms.model import FormDocument, Section
from zcdesk.forms.publicity_data import publicity_data
from zcdesk.forms.roster_data import achievement_summary, roster_data
from zcdesk.forms.summary_data import summary_data


def table(form: FormDocument) -> dict[str, tuple[tuple[str, ...], ...]]:
    return {
        part.title: tuple(row.texts for row in (*part.header, *part.rows))
        for part in form.body
        if isinstance(part, Section)
    }


def with_app(bundle: BundleSnapshot, **changes: object) -> BundleSnapshot:
    return dataclasses.replace(bundle, application=dataclasses.replace(bundle.application, **changes))


SUMMARY_SHORT = {
    "一、基本情况": (
        ("姓名", "张喆", "性别", "男", "出生年月", "1986.03", "照片"),
        ("民族", "汉族", "政治面貌", "中共党员", "参加工作时间", "2009.07"),
        ("身份证号", "220106198603151213", "联系电话", "13800138000"),
        ("工作单位", "长春市某某科技有限公司", "单位性质", "民营企业"),
        ("现从事专业", "计算机软件"),
    ),
    "二、学历学位": (
        ("类别", "学历", "学位", "毕业院校", "所学专业", "毕业时间"),
        ("最高学历", "硕士研究生", "工程硕士", "吉林大学", "软件工程", "2016.06"),
        ("其他学历", "大学本科", "工学学士", "长春工业大学", "计算机科学与技术", "2009.06"),
    ),
    "三、现专业技术资格与聘任": (
        ("现专业技术\n资格名称", "工程师", "取得时间", "2019.09", "审批机关", "长春市人力资源和社会保障局"),
        ("聘任时间\n及年限", "2019.10/5年", "岗位等级", "无", "起聘时间及\n考核轮次", "无"),
    ),
    "四、申报情况": (
        ("申报系列", "工程", "申报专业", "计算机软件", "申报资格名称", "高级工程师"),
        ("评价方式", "评审", "初级认定", "否", "是否缴费", "应缴"),
    ),
    "五、工作经历": (
        ("起止时间", "工作单位", "职务（岗位）"),
        ("2009.07–2013.06", "长春市某某软件有限公司", "软件工程师"),
        ("2013.07–至今", "长春市某某科技有限公司", "研发部副经理"),
    ),
    "六、近五年年度考核": (
        ("年度", "2020年", "2021年", "2022年", "2023年", "2024年"),
        ("考核结果", "合格", "优秀", "合格", "优秀", "合格"),
    ),
    "七、继续教育": (
        ("年度", "2020年", "2021年", "2022年", "2023年", "2024年"),
        ("学时", "90", "92", "94", "96", "98"),
        ("合计", "470学时"),
    ),
    "八、任现职以来主要业绩成果（★为代表作）": (
        (
            "序号",
            "名称",
            "时间",
            "本人作用\n／排名",
            "刊物／出版社／\n授予机构／来源",
            "级别／编号",
            "佐证材料\n（页数）",
        ),
        ("（一）论文、著作",),
        (
            "1",
            "★基于微服务架构的政务数据共享平台设计与实现（第1项）",
            "2020.01",
            "第一作者",
            "《计算机工程与应用》",
            "中文核心期刊\nZC-2020-0000",
            "1",
        ),
        (
            "2",
            "基于微服务架构的政务数据共享平台设计与实现（第5项）",
            "2020.06",
            "5/5",
            "吉林省科学技术厅",
            "中文核心期刊\nZC-2024-0004",
            "1",
        ),
        ("（二）获奖",),
        (
            "1",
            "★基于微服务架构的政务数据共享平台设计与实现（第2项）",
            "2020.02",
            "2/5",
            "吉林省科学技术厅",
            "省级\nZC-2021-0001",
            "1",
        ),
        ("（三）项目、课题",),
        (
            "1",
            "基于微服务架构的政务数据共享平台设计与实现（第3项）",
            "2020.03",
            "3/5",
            "吉林省科学技术厅",
            "中文核心期刊\nZC-2022-0002",
            "1",
        ),
        ("（四）专利、标准",),
        (
            "1",
            "基于微服务架构的政务数据共享平台设计与实现（第4项）",
            "2020.04",
            "第一作者",
            "吉林省科学技术厅",
            "省级\nZC-2023-0003",
            "1",
        ),
    ),
    "九、审核意见": (
        ("单位\n审核\n意见", ""),
        ("主管部门\n（人社部门）\n意见", ""),
    ),
}

PUBLICITY_SHORT = {
    "一、申报人基本情况": (
        ("姓名", "张喆", "性别", "男", "现从事专业", "计算机软件"),
        ("工作单位", "长春市某某科技有限公司", "最高学历学位", "硕士研究生\n工程硕士"),
        ("现专业技术资格\n及取得时间", "工程师（2019.09取得）"),
    ),
    "二、申报情况": (
        ("申报通道", "2.正常职称申报通道（企业人员）", "申报系列", "工程"),
        ("申报专业", "计算机软件", "申报资格名称", "高级工程师"),
    ),
    "三、任现职以来主要业绩成果（★为代表作）": (
        ("序号", "类别", "成果名称", "时间", "本人作用／排名", "级别"),
        (
            "1",
            "论文、著作",
            "★基于微服务架构的政务数据共享平台设计与实现（第1项）",
            "2020.01",
            "第一作者",
            "中文核心期刊",
        ),
        ("2", "论文、著作", "基于微服务架构的政务数据共享平台设计与实现（第5项）", "2020.06", "5/5", "中文核心期刊"),
        ("3", "获奖", "★基于微服务架构的政务数据共享平台设计与实现（第2项）", "2020.02", "2/5", "省级"),
        ("4", "项目、课题", "基于微服务架构的政务数据共享平台设计与实现（第3项）", "2020.03", "3/5", "中文核心期刊"),
        ("5", "专利、标准", "基于微服务架构的政务数据共享平台设计与实现（第4项）", "2020.04", "第一作者", "省级"),
    ),
    "四、公示结果": (("公示\n结果", ""),),
}


def test_summary_data_of_the_short_sample_exactly() -> None:
    bundle = make_sample(achievements=5).bundle
    form = summary_data(bundle, filled_on=dt.date(2025, 1, 15))
    assert form.title == "吉林省专业技术资格评审一览表"
    assert [[(f.label, f.value) for f in line] for line in form.header] == [
        [("申报年度", "2025年度"), ("申报通道", "2.正常职称申报通道（企业人员）")],
        [("工作单位（盖章）", "长春市某某科技有限公司"), ("填表日期", "2025.01.15")],
    ]
    assert table(form) == SUMMARY_SHORT
    assert form.running_header == "吉林省专业技术资格评审一览表（续）　申报人：张喆　申报资格：高级工程师"
    assert form.footer_note == "本表由离线填报工具生成，用于核对与单位公示；正式表以吉林省职称信息化申报系统生成为准"
    assert form.qr_payload == fingerprint_text(bundle)
    assert form.qr_caption == (fingerprint(bundle), "张喆·通道2")
    assert form.watermark == ""
    signatures = form.section("九").rows
    unit = signatures[0].cells[1].sign
    assert unit is not None and unit.signers == (
        ("审核小组成员签字：", 3),
        ("纪检监督人员签字：", 1),
        ("单位负责人签字：", 1),
    )
    assert unit.seal == "（单位公章）"


def test_publicity_data_of_the_short_sample_exactly() -> None:
    bundle = make_sample(achievements=5).bundle
    form = publicity_data(bundle)
    assert form.title == "吉林省专业技术资格评审公示表"
    assert [[(f.label, f.value) for f in line] for line in form.header] == [
        [("公示单位", "长春市某某科技有限公司"), ("公示期", "2025.01.16–2025.01.22（5个工作日）")],
        [("受理异议部门及电话", "长春市某某科技有限公司人力资源部 0431-81234567")],
    ]
    assert table(form) == PUBLICITY_SHORT
    result = form.section("四").rows[0].cells[1].sign
    assert result is not None and result.checkboxes == ("□ 无异议", "□ 有异议，处理情况：")
    assert (
        form.body[-1].text == "注：公示期内，对申报人申报材料的真实性等有异议的，请以书面形式实名向受理异议部门反映。"
    )  # type: ignore[union-attr]
    # The 类别 column merges equal neighbours on paper.
    assert all(row.cells[1].merge for row in form.section("三").rows)


def test_the_clerk_chooses_the_publicity_start() -> None:
    form = publicity_data(make_sample().bundle, publicity_start=dt.date(2025, 1, 26))
    assert form.header[0][1].value == "2025.01.26–2025.02.07（5个工作日）"


def test_publicity_without_a_start_leaves_the_dates_to_write() -> None:
    bundle = make_sample().bundle
    bundle = with_app(bundle, unit_review=None)
    value = publicity_data(bundle).header[0][1].value
    assert "年" in value and "2025" not in value and value.endswith("（5个工作日）")


def test_blank_fields_print_none() -> None:
    sample = make_sample(achievements=0)
    app = sample.bundle.application
    applicant = dataclasses.replace(app.applicant, ethnicity=None, political_status="", work_start_date=None)
    bundle = with_app(
        sample.bundle, applicant=applicant, work_history=(), annual_assessments=(), continuing_education=()
    )
    data = table(summary_data(bundle))
    assert data["一、基本情况"][1] == ("民族", "无", "政治面貌", "无", "参加工作时间", "无")
    assert data["五、工作经历"][1] == ("无", "无", "无")
    assert data["六、近五年年度考核"][1] == ("考核结果", "无", "无", "无", "无", "无")
    assert data["七、继续教育"][1:] == (("学时", "无", "无", "无", "无", "无"), ("合计", "0学时"))
    assert data["八、任现职以来主要业绩成果（★为代表作）"][1] == ("无",)
    # No cell is blank but the hand-written signature areas.
    form = summary_data(bundle)
    for section in form.body:
        assert isinstance(section, Section)
        for row in (*section.header, *section.rows):
            for cell in row.cells:
                assert cell.text.strip() or cell.style == "sign"


@pytest.mark.parametrize(
    ("channel", "fee"),
    [
        ("enterprise", "应缴"),
        ("post2-appoint", "免缴"),
        ("post2-assess", "免缴"),
        ("post3-appoint", "免缴"),
        ("post3-assess", "免缴"),
        ("school-teacher", "应缴"),
    ],
)
def test_fee_follows_the_channel(channel: str, fee: str) -> None:
    data = table(summary_data(make_sample(channel).bundle))
    assert data["四、申报情况"][1][-1] == fee


def test_initial_recognition_pays_no_fee() -> None:
    bundle = make_sample("public-institution").bundle
    target = dataclasses.replace(bundle.application.target, initial_recognition=True)
    row = table(summary_data(with_app(bundle, target=target)))["四、申报情况"][1]
    assert row[2:] == ("初级认定", "是", "是否缴费", "免缴")


def test_post_channels_print_grade_and_start() -> None:
    data = table(summary_data(make_sample("post2-assess").bundle))
    assert data["三、现专业技术资格与聘任"][1] == (
        "聘任时间\n及年限",
        "2013.01/11年",
        "岗位等级",
        "专业技术二级岗位",
        "起聘时间及\n考核轮次",
        "2021.06\n第一轮",  # 2021 start: first round (notice 一（十）)
    )
    # Elsewhere the post fields print 无 even when a grade was recorded.
    bundle = make_sample("enterprise").bundle
    current = bundle.application.current_qualification
    assert current is not None
    q = dataclasses.replace(current, post_grade=3, post_start_date="2018-01-01")
    row = table(summary_data(with_app(bundle, current_qualification=q)))["三、现专业技术资格与聘任"][1]
    assert row[3] == "无" and row[5] == "无"


def test_evaluation_mode_stacks_certificate_or_pending() -> None:
    bundle = make_sample().bundle
    pending = TargetSnapshot(
        series="工程",
        level="vice-senior",
        title="高级工程师",
        evaluation_mode="exam-and-review",
        exam_result_pending=True,
    )
    assert table(summary_data(with_app(bundle, target=pending)))["四、申报情况"][1][1] == "考评结合\n成绩待公布"
    certified = dataclasses.replace(pending, exam_result_pending=False, exam_certificate_no="HZ2023-0042")
    assert (
        table(summary_data(with_app(bundle, target=certified)))["四、申报情况"][1][1]
        == "考评结合\n证书编号：HZ2023-0042"
    )


def test_talent_class_and_freelance_verifier_get_their_row() -> None:
    rows = table(summary_data(make_sample("talent-policy-3").bundle))["四、申报情况"]
    assert rows[2] == ("人才类别", "B类", "材料审核单位", "无")
    freelancer = make_sample("freelancer").bundle
    target = dataclasses.replace(freelancer.application.target, freelance_field="literature")
    data = table(summary_data(with_app(freelancer, target=target)))
    assert data["四、申报情况"][2] == ("人才类别", "无", "材料审核单位", "省作协")
    assert data["一、基本情况"][3] == ("工作单位", "无", "单位性质", "无（自由职业）")


def test_unit_opinion_is_written_once_the_result_is_recorded() -> None:
    bundle = make_sample().bundle
    recorded = bundle.application.unit_review
    assert recorded is not None
    review = dataclasses.replace(recorded, publicity_result="无异议")
    rows = table(summary_data(with_app(bundle, unit_review=review)))["九、审核意见"]
    assert rows[0][1] == (
        "经单位审核小组在纪检监督人员监督下审核，该同志申报材料中的学历、职称证书、业绩成果等真实有效，"
        "符合申报条件。已于2025.01.16–2025.01.22在本单位公示5个工作日，公示结果：无异议。"
    )


def test_achievements_group_by_band_with_notes_pages_and_unknown_kinds() -> None:
    sample = make_sample(achievements=3)
    first, second, third = sample.bundle.application.achievements
    items = (
        dataclasses.replace(first, kind="standard", note="已发布实施"),
        dataclasses.replace(second, kind="future-kind", attachments=()),
        AchievementSnapshot(kind="report", title="  ", date="2022-05-01"),
        third,
    )
    rows = table(summary_data(with_app(sample.bundle, achievements=items)))["八、任现职以来主要业绩成果（★为代表作）"]
    bands = [row[0] for row in rows if len(row) == 1]
    assert bands == ["（三）项目、课题", "（四）专利、标准", "（五）其他"]
    standard = rows[bands.index("（四）专利、标准") + 3]
    assert standard[1].endswith("\n注：已发布实施")
    other = rows[-2:]
    assert [row[1] for row in other] == ["★基于微服务架构的政务数据共享平台设计与实现（第2项）", "无"]
    assert [row[-1] for row in other] == ["无", "无"]


def test_evidence_counts_pdf_pages() -> None:
    sample = make_sample(achievements=1)
    bundle = sample.bundle
    item = bundle.application.achievements[0]
    photo = next(a for a in bundle.attachments if a.category == "photo")
    evidence = [dataclasses.replace(a, pages=7) if a.id == item.attachments[0] else a for a in bundle.attachments]
    achievement = dataclasses.replace(item, attachments=(item.attachments[0], photo.id))
    bundle = dataclasses.replace(bundle, attachments=tuple(evidence))
    rows = table(summary_data(with_app(bundle, achievements=(achievement,))))["八、任现职以来主要业绩成果（★为代表作）"]
    assert rows[2][-1] == "8"  # a 7-page PDF and one image


ID_LIKE = re.compile(r"\d{17}[\dXx]")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def assert_private(texts: list[str], bundle: BundleSnapshot) -> None:
    joined = "\n".join(texts)
    person = bundle.application.applicant
    assert person.id_number not in joined and not ID_LIKE.search(joined)
    assert person.phone not in joined and not MOBILE.search(joined)
    for birth in ("1986.03", "1986-03", "198603", "1986年3月", "1986年03月"):
        assert birth not in joined


def test_publicity_and_roster_carry_no_id_phone_or_birth_date() -> None:
    bundle = make_sample(achievements=8).bundle
    publicity = publicity_data(bundle)
    assert_private([*publicity.all_text(), publicity.qr_payload or ""], bundle)
    roster = roster_data([bundle, make_sample("public-institution", 2, name="李玥").bundle])
    assert_private(roster.all_text(), bundle)
    # The 一览表 goes to the 评委会 and must carry them.
    summary = "\n".join(summary_data(bundle).all_text())
    assert bundle.application.applicant.id_number in summary and "13800138000" in summary


def test_roster_has_one_row_per_applicant() -> None:
    bundles = [make_sample(achievements=4).bundle, make_sample("post2-assess", 2, name="李玥").bundle]
    form = roster_data(bundles, publicity_start=dt.date(2025, 2, 10))
    rows = table(form)["申报人员（共2人）"]
    assert rows[0] == (
        "序号",
        "姓名",
        "性别",
        "工作单位／科室",
        "现资格",
        "申报通道",
        "申报资格名称",
        "主要业绩成果摘要",
    )
    assert rows[1][:7] == (
        "1",
        "张喆",
        "男",
        "长春市某某科技有限公司",
        "工程师（2019.09取得）",
        "2.正常职称申报通道（企业人员）",
        "高级工程师",
    )
    assert rows[2][:7] == (
        "2",
        "李玥",
        "男",
        "吉林省某某研究院",
        "正高级工程师（2012.12取得）",
        "5.专业技术二级岗位考核",
        "正高级工程师",
    )
    assert rows[1][7] == (
        "论文、著作1项，获奖1项，项目、课题1项，专利、标准1项；代表作："
        "★基于微服务架构的政务数据共享平台设计与实现（第1项）（2020.01）；★基于微服务架构的政务数据共享平台设计与实现（第2项）（2020.02）"
    )
    assert form.header[0][1].value == "2025.02.10–2025.02.14（5个工作日）"
    assert form.header[1][1].value == "2人"


def test_achievement_summary_without_achievements() -> None:
    assert achievement_summary(make_sample(achievements=0).bundle) == "无"


def test_errors_make_a_draft() -> None:
    bundle = make_sample().bundle
    assert not has_errors(bundle, dt.date(2025, 1, 15))
    broken = with_app(
        bundle, applicant=dataclasses.replace(bundle.application.applicant, id_number="220106198603151210")
    )
    assert has_errors(broken, dt.date(2025, 1, 15))
    assert has_errors(dataclasses.replace(bundle, draft=True), dt.date(2025, 1, 15))


def test_draft_sets_the_watermark() -> None:
    bundle = make_sample().bundle
    assert summary_data(bundle, draft=True).watermark == "草稿"
    assert publicity_data(bundle, draft=True).watermark == "草稿"
