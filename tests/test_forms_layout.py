"""Layout invariants: nothing clipped or overflowing, no orphan titles, 续表 on continued pages."""

from __future__ import annotations

import dataclasses

import pytest

from zcdesk.core.samples import make_sample
from zcdesk.forms.base import FormRenderer
from zcdesk.forms.layout import PagePlan, PlacedBand, PlacedRow
from zcdesk.forms.model import FormDocument
from zcdesk.forms.publicity import PublicityRenderer
from zcdesk.forms.publicity_data import publicity_data
from zcdesk.forms.roster import RosterRenderer
from zcdesk.forms.roster_data import roster_data
from zcdesk.forms.summary import SummaryRenderer
from zcdesk.forms.summary_data import summary_data
from zcdesk.forms.text import tokens, wrap

EPSILON = 0.01


def check_pages(renderer: FormRenderer, form: FormDocument) -> list[PagePlan]:
    pages = renderer.layout(form)
    body_bottom = renderer.pagesize[1] - renderer.margin_bottom
    m = renderer.m
    for number, page in enumerate(pages, start=1):
        top = renderer.first_body_top(form) if number == 1 else renderer.other_body_top()
        assert page.items, f"page {number} is empty"
        for item in page.items:
            assert item.y >= 0 and top + item.y + item.height <= body_bottom + EPSILON, f"page {number} overflows"
            if not isinstance(item, PlacedRow):
                continue
            for cell in item.cells:
                if cell.hidden or cell.cell.style in ("sign", "photo"):
                    continue
                assert len(cell.lines) * m.leading + 2 * m.pad_y <= cell.height + EPSILON, cell.cell.text[:20]
                for line in cell.lines:
                    assert renderer.measure(line, cell.cell.style == "band") <= cell.width - 2 * m.pad_x + EPSILON, line
        last = page.items[-1]
        # A title or a sub-band never stands alone at the foot of a page.
        if number < len(pages):
            assert not isinstance(last, PlacedBand), f"title alone at the foot of page {number}"
            assert not (isinstance(last, PlacedRow) and last.cells[0].cell.style in ("band", "head")), (
                f"sub-band or header alone on page {number}"
            )
    return pages


@pytest.mark.parametrize("count", [0, 1, 3, 7, 12, 18, 25, 33, 40, 47, 60])
def test_summary_layout_holds_for_any_number_of_achievements(count: int) -> None:
    bundle = make_sample(achievements=count).bundle
    pages = check_pages(SummaryRenderer(), summary_data(bundle))
    seen = [
        cell.cell.text for page in pages for item in page.items if isinstance(item, PlacedRow) for cell in item.cells
    ]
    for achievement in bundle.application.achievements:
        assert any(text.endswith(achievement.title) for text in seen)
    assert_continued(pages, "八、任现职以来主要业绩成果（★为代表作）", 7)
    assert pages_holding(pages, 8) == 1  # the signatures stay on one page


def pages_holding(pages: list[PagePlan], section: int) -> int:
    return sum(
        1 for page in pages if any(isinstance(item, PlacedRow) and item.section == section for item in page.items)
    )


def assert_continued(pages: list[PagePlan], title: str, section: int) -> None:
    """A page holding rows of the section but not its title starts with the title + （续表）."""
    for page in pages:
        has_rows = any(isinstance(item, PlacedRow) and item.section == section for item in page.items)
        has_title = any(isinstance(item, PlacedBand) and item.text == title for item in page.items)
        if has_rows and not has_title:
            first = page.items[0]
            assert isinstance(first, PlacedBand) and first.text == title + "（续表）"


@pytest.mark.parametrize("count", [0, 5, 20, 38, 60])
def test_publicity_and_a3_layouts_hold(count: int) -> None:
    bundle = make_sample(achievements=count).bundle
    assert pages_holding(check_pages(PublicityRenderer(), publicity_data(bundle)), 3) == 1
    assert pages_holding(check_pages(SummaryRenderer("A3"), summary_data(bundle)), 8) == 1


def test_roster_layout_holds_for_many_applicants() -> None:
    bundles = [make_sample(achievements=n % 9, name=f"申报人{n}").bundle for n in range(30)]
    pages = check_pages(RosterRenderer(), roster_data(bundles))
    assert len(pages) > 1
    assert_continued(pages, "申报人员（共30人）", 0)
    assert (
        sum(
            1
            for page in pages
            for item in page.items
            if isinstance(item, PlacedBand) and item.text.endswith("（续表）")
        )
        >= 1
    )


def test_a_continued_sub_band_repeats_with_xu() -> None:
    pages = SummaryRenderer().layout(summary_data(make_sample(achievements=60).bundle))
    repeated = [
        item.cells[0].cell.text
        for page in pages[1:]
        for item in page.items[:4]
        if isinstance(item, PlacedRow)
        and item.cells[0].cell.style == "band"
        and item.cells[0].cell.text.endswith("（续）")
    ]
    assert repeated and all(text.startswith("（") for text in repeated)


def test_a_row_taller_than_a_page_is_split_between_lines_and_loses_nothing() -> None:
    sample = make_sample(achievements=3)
    app = sample.bundle.application
    title = "".join(f"长文本{n}号" for n in range(900))
    first = dataclasses.replace(app.achievements[0], title=title)
    bundle = dataclasses.replace(
        sample.bundle, application=dataclasses.replace(app, achievements=(first, *app.achievements[1:]))
    )
    renderer = SummaryRenderer()
    pages = check_pages(renderer, summary_data(bundle))
    parts = [
        "".join(cell.lines)
        for page in pages
        for item in page.items
        if isinstance(item, PlacedRow)
        for cell in item.cells
        if cell.cell.text == "★" + title  # the first sample item is a representative work
    ]
    assert len(parts) >= 3  # the row continues over several pages
    assert "".join(parts) == "★" + title


def test_publicity_merges_equal_categories_on_a_page() -> None:
    pages = PublicityRenderer().layout(publicity_data(make_sample(achievements=9).bundle))
    rows = [item for page in pages for item in page.items if isinstance(item, PlacedRow) and item.cells[1].cell.merge]
    shown = [row.cells[1] for row in rows if not row.cells[1].hidden]
    # 9 sample items in 5 bands: each band shows its name once (all on one page).
    assert [cell.cell.text for cell in shown] == ["论文、著作", "获奖", "项目、课题", "专利、标准", "其他"]
    assert sum(cell.height for cell in shown) == pytest.approx(sum(row.height for row in rows))


def measure(text: str) -> float:
    return sum(5.0 if ord(char) < 128 else 10.0 for char in text)


def test_wrap_keeps_numbers_whole_and_breaks_cjk_anywhere() -> None:
    assert wrap("编著978-7-5744-0821-6", 90, measure) == ["编著", "978-7-5744-0821-6"]
    assert wrap("2020.03–2022.06", 50, measure) == ["2020.03–", "2022.06"]
    assert wrap("2019.09–2024.12", 200, measure) == ["2019.09–2024.12"]
    assert wrap("面向高并发场景的分布式缓存", 60, measure) == ["面向高并发场", "景的分布式缓", "存"]
    assert wrap("第一作者\n(1/3)", 200, measure) == ["第一作者", "(1/3)"]
    assert wrap("", 50, measure) == [""]


def test_wrap_follows_kinsoku() -> None:
    # A closing mark never starts a line, an opening one never ends one.
    lines = wrap("甲乙丙丁，戊己《庚辛》", 40, measure)
    assert all(not line.startswith(("，", "》")) and not line.endswith("《") for line in lines)
    assert "".join(lines) == "甲乙丙丁，戊己《庚辛》"
    assert tokens("（信息科学版）") == ["（信", "息", "科", "学", "版）"]


def test_wrap_breaks_an_overlong_number_by_character() -> None:
    lines = wrap("1234567890123", 30, measure)
    assert lines == ["123456", "789012", "3"]


def test_wrap_breaks_an_overlong_identifier_after_its_hyphens() -> None:
    assert wrap("978-7-5744-0821-6", 60, measure) == ["978-7-5744-", "0821-6"]
    assert wrap("ZL202210581236.X", 200, measure) == ["ZL202210581236.X"]
