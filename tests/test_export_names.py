"""Windows-safe, short, case-unique file names for the upload package."""

from __future__ import annotations

import pytest

from zcdesk.export.names import attachment_file_name, is_safe_name, safe_file_name, unique_names


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("论文: A/B 测试?", "03_业绩佐证材料_论文： A／B 测试？.pdf"),
        ('<高级> "证书" | *', "03_业绩佐证材料_《高级》 ”证书” ｜ ＊.pdf"),  # noqa: RUF001
        ("带\n换行\t和\x07控制", "03_业绩佐证材料_带 换行 和控制.pdf"),
        ("末尾的点...", "03_业绩佐证材料_末尾的点.pdf"),
        (None, "03_业绩佐证材料.pdf"),
    ],
)
def test_attachment_names(title: str | None, expected: str) -> None:
    name = attachment_file_name(3, 2, "业绩佐证材料", title, ".pdf")
    assert name == expected
    assert is_safe_name(name)


def test_long_titles_are_cut_to_50_characters() -> None:
    name = attachment_file_name(12, 2, "业绩佐证材料", "基于微服务架构的政务数据共享平台设计与实现" * 3, ".pdf")
    assert len(name) == 50 and name.endswith(".pdf") and name.startswith("12_业绩佐证材料_基于")
    assert is_safe_name(name)


@pytest.mark.parametrize("stem", ["CON", "nul", "Com1", "LPT9", "aux.tar"])
def test_reserved_device_names(stem: str) -> None:
    name = safe_file_name(stem, ".zip")
    assert name.startswith("_") and is_safe_name(name)


def test_unique_regardless_of_case() -> None:
    names = unique_names(["A.pdf", "a.pdf", "A.PDF", "b.pdf"])
    assert names == ["A.pdf", "a_2.pdf", "A_3.PDF", "b.pdf"]
    assert len({n.casefold() for n in names}) == 4


def test_unique_names_stay_within_the_limit() -> None:
    long = "x" * 46 + ".pdf"
    names = unique_names([long, long.upper()])
    assert all(len(n) <= 50 for n in names) and names[1].endswith("_2.PDF")


@pytest.mark.parametrize("bad", ["a:b.pdf", "trailing. ", "CON.pdf", "x" * 51, "ctl\x01.pdf", ""])
def test_is_safe_name_rejects(bad: str) -> None:
    assert not is_safe_name(bad)
