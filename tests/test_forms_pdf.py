"""The rendered PDFs read back: every field, page numbers, fonts, privacy, 60 achievements, bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from tests.test_forms_data import PUBLICITY_SHORT, SUMMARY_SHORT, assert_private
from tests.test_forms_support import page_sizes_mm, pdffonts, pdftotext, photo_of, pypdf_pages, squeezed
from zcdesk.core.errors import UserError
from zcdesk.core.fingerprint import fingerprint
from zcdesk.core.samples import Sample, make_sample
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.forms.publicity import render_publicity
from zcdesk.forms.roster import render_roster
from zcdesk.forms.summary import render_summary

RARE_NAME = "吉𠮷喆堃玥"


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def short_sample() -> Sample:
    return make_sample(achievements=5, name=RARE_NAME)


@pytest.fixture(scope="module")
def long_sample() -> Sample:
    return make_sample(achievements=60, name=RARE_NAME)


def page_numbers_are_right(pdf: bytes) -> int:
    pages = pypdf_pages(pdf)
    total = len(pages)
    layout = pdftotext(pdf, "-layout").split("\f")
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"第\s*{number}\s*页\s+共\s*{total}\s*页", layout[number - 1])
        assert f"第{number}页共{total}页" in compact(text)
    return total


def test_summary_prints_every_field(short_sample: Sample) -> None:
    pdf = render_summary(short_sample.bundle, photo=photo_of(short_sample), filled_on=dt.date(2025, 1, 15))
    text = squeezed(pdf)
    for title, rows in SUMMARY_SHORT.items():
        assert compact(title) in text
        for row in rows:
            for cell in row:
                if cell != "照片":  # the photo is printed instead
                    assert compact(cell.replace("张喆", RARE_NAME)) in text, cell
    for expected in (
        "申报年度：2025年度",
        "申报通道：2.正常职称申报通道（企业人员）",
        "工作单位（盖章）：长春市某某科技有限公司",
        "填表日期：2025.01.15",
    ):
        assert expected in text
    for expected in (
        "审核小组成员签字：",
        "纪检监督人员签字：",
        "单位负责人签字：",
        "（单位公章）",
        "负责人签字：",
        "（公章）",
    ):
        assert expected in text
    assert "本表由离线填报工具生成，用于核对与单位公示；正式表以吉林省职称信息化申报系统生成为准" in text
    assert fingerprint(short_sample.bundle) in text
    # Page 2 onward has the running header.
    assert page_numbers_are_right(pdf) == 2
    assert f"申报人：{RARE_NAME}" in compact(pypdf_pages(pdf)[1])
    # The photo is placed as an image; without one the box says 照片.
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    assert "照片" in squeezed(render_summary(short_sample.bundle))


def test_layout_text_keeps_ids_and_periods_whole(short_sample: Sample) -> None:
    layout = pdftotext(render_summary(short_sample.bundle), "-layout")
    assert short_sample.bundle.application.applicant.id_number in layout
    assert "2009.07–2013.06" in layout
    assert "2019.10/5年" in layout
    assert "13800138000" in layout


def test_publicity_prints_every_field_and_nothing_private(short_sample: Sample) -> None:
    pdf = render_publicity(short_sample.bundle)
    text = squeezed(pdf)
    for title, rows in PUBLICITY_SHORT.items():
        assert compact(title) in text
        for row in rows:
            for cell in row:
                assert compact(cell.replace("张喆", RARE_NAME)) in text, cell
    for expected in (
        "公示单位：长春市某某科技有限公司",
        "公示期：2025.01.16–2025.01.22（5个工作日）",
        "受理异议部门及电话：",
        "□无异议",
        "□有异议，处理情况：",
    ):
        assert expected in text
    assert "注：公示期内，对申报人申报材料的真实性等有异议的，请以书面形式实名向受理异议部门反映。" in text
    assert page_numbers_are_right(pdf) == 1
    assert_private([pdftotext(pdf, "-layout"), text, *pypdf_pages(pdf)], short_sample.bundle)


def test_roster_lists_each_applicant_without_private_data(short_sample: Sample) -> None:
    other = make_sample("post2-assess", achievements=3, name="李玥").bundle
    pdf = render_roster([short_sample.bundle, other])
    text = squeezed(pdf)
    assert "2025年度专业技术资格评审申报人员公示名单" in text
    for expected in (
        RARE_NAME,
        "李玥",
        "5.专业技术二级岗位考核",
        "正高级工程师（2012.12取得）",
        "申报人数：2人",
        "主要业绩成果摘要",
    ):
        assert expected in text
    assert page_sizes_mm(pdf)[0] == (297, 210)
    page_numbers_are_right(pdf)
    assert_private([pdftotext(pdf, "-layout"), text], short_sample.bundle)
    assert_private([text], other)


def test_every_font_is_embedded_as_a_subset_with_unicode(short_sample: Sample) -> None:
    for pdf in (
        render_summary(short_sample.bundle),
        render_publicity(short_sample.bundle),
        render_roster([short_sample.bundle]),
    ):
        fonts = pdffonts(pdf)
        assert fonts
        for font in fonts:
            assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font
        assert any("Bold" in font["name"] for font in fonts)  # headings use the mapped bold face


def test_to_unicode_maps_extension_b_as_a_surrogate_pair(short_sample: Sample) -> None:
    reader = PdfReader(io.BytesIO(render_publicity(short_sample.bundle)))
    cmaps = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            cmaps.append(font.get_object()["/ToUnicode"].get_object().get_data().decode("ascii"))
    joined = "\n".join(cmaps)
    assert "<D842DFB7>" in joined  # 𠮷
    assert not re.search(r"> <[0-9A-F]{5,7}>", joined)  # no broken five-digit entries


def test_sixty_achievements_all_print(long_sample: Sample) -> None:
    achievements = long_sample.bundle.application.achievements
    summary = render_summary(long_sample.bundle, photo=photo_of(long_sample))
    publicity = render_publicity(long_sample.bundle)
    for pdf in (summary, publicity):
        text = squeezed(pdf)
        for item in achievements:
            assert compact(item.title) in text, item.title
        page_numbers_are_right(pdf)
    summary_text = squeezed(summary)
    for item in achievements:
        assert item.identifier and item.identifier in summary_text
    pages = pypdf_pages(summary)
    assert len(pages) >= 5
    # Every page after the one where the grid starts repeats its title with （续表） and the header.
    started = next(i for i, page in enumerate(pages) if "八、任现职以来主要业绩成果" in compact(page))
    for page in pages[started + 1 :]:
        if "九、审核意见" in compact(page) and "序号" not in compact(page):
            continue
        assert "八、任现职以来主要业绩成果（★为代表作）（续表）" in compact(page)
        assert "刊物／出版社／授予机构／来源" in compact(page)
    assert "（续）" in summary_text
    assert "（续表）" in squeezed(publicity)


def test_same_data_gives_the_same_bytes(short_sample: Sample) -> None:
    photo = photo_of(short_sample)
    first = render_summary(short_sample.bundle, photo=photo, filled_on=dt.date(2025, 1, 15))
    again = render_summary(short_sample.bundle, photo=photo, filled_on=dt.date(2025, 1, 15))
    assert first == again
    assert render_publicity(short_sample.bundle) == render_publicity(short_sample.bundle)
    changed = dataclasses.replace(
        short_sample.bundle,
        application=dataclasses.replace(
            short_sample.bundle.application,
            target=dataclasses.replace(short_sample.bundle.application.target, title="正高级工程师"),
        ),
    )
    assert render_publicity(changed) != render_publicity(short_sample.bundle)


def test_a3_paper_for_the_summary(short_sample: Sample) -> None:
    pdf = render_summary(short_sample.bundle, paper="A3")
    assert set(page_sizes_mm(pdf)) == {(297, 420)}
    assert set(page_sizes_mm(render_summary(short_sample.bundle))) == {(210, 297)}
    assert RARE_NAME in pdftotext(pdf)
    with pytest.raises(UserError):
        render_summary(short_sample.bundle, paper="B5")


def test_draft_watermark(short_sample: Sample) -> None:
    assert "草稿" in squeezed(render_summary(short_sample.bundle, draft=True))
    assert "草稿" in squeezed(render_publicity(short_sample.bundle, draft=True))
    assert "草稿" not in squeezed(render_publicity(short_sample.bundle))


def with_first_achievement(sample: Sample, **changes: Any) -> BundleSnapshot:
    app = sample.bundle.application
    first = dataclasses.replace(app.achievements[0], **changes)
    return dataclasses.replace(
        sample.bundle, application=dataclasses.replace(app, achievements=(first, *app.achievements[1:]))
    )


def test_a_very_long_title_is_split_between_pages_without_losing_a_character(short_sample: Sample) -> None:
    # 4,800 characters: more than a page. "超" and "段" occur nowhere else on the forms, so
    # counting them shows that no character was lost at a line or page break.
    long_title = "".join(f"超长业绩名称第{n:04d}段" for n in range(400))
    bundle = with_first_achievement(short_sample, title=long_title)
    for pdf in (render_summary(bundle), render_publicity(bundle)):
        text = squeezed(pdf)
        assert text.count("超") == 400 and text.count("段") == 400
        assert page_numbers_are_right(pdf) >= 3


def test_a_number_wider_than_its_cell_wraps_inside_it(short_sample: Sample) -> None:
    number = "9787" * 40  # 160 digits, no break opportunity
    pdf = render_summary(with_first_achievement(short_sample, identifier=number))
    assert number in squeezed(pdf)


def test_long_names_wrap_in_the_page_furniture(short_sample: Sample) -> None:
    name = "阿卜杜热合曼·买买提·艾力吐尔逊"
    app = short_sample.bundle.application
    bundle = dataclasses.replace(
        short_sample.bundle,
        application=dataclasses.replace(app, applicant=dataclasses.replace(app.applicant, name=name)),
    )
    pdf = render_summary(bundle)
    pages = [compact(page) for page in pypdf_pages(pdf)]
    assert name in pages[0] and f"申报人：{name}" in squeezed(pdf)
    assert compact(f"{name}·通道2") in squeezed(pdf)  # the QR caption, wrapped under the code
