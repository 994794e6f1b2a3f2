"""ID numbers (GB 11643), credit codes (GB 32100) and mobile numbers as people type them."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from zcdesk.core.identity import (
    PROVINCE_CODES,
    id_facts,
    id_number_problem,
    normalise_id_number,
    normalise_phone,
    normalise_uscc,
    phone_problem,
    uscc_problem,
)
from zcdesk.core.samples import make_id_number, make_uscc

TODAY = dt.date(2025, 1, 15)
VALID = make_id_number()  # 220106198603151213
WITH_X = make_id_number(seq=5)  # ends in X


def wide(text: str) -> str:
    """The full-width form of ASCII digits and letters, as a Chinese input method types them."""
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


def with_check(body: str) -> str:
    """A 17-character body completed with its correct check character."""
    return body + ric.calc_check_digit(body + "0")


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        (VALID, VALID),
        ("２２０１０６１９８６０３１５１２１３", VALID),
        (" 220106 19860315 1213 ", VALID),
        ("220106\u300019860315\u30001213", VALID),
        (WITH_X.lower(), WITH_X),
        (WITH_X[:-1] + "ｘ", WITH_X),
        (None, ""),
    ],
)
def test_normalise_id_number(typed: str | None, normal: str) -> None:
    assert normalise_id_number(typed) == normal


@pytest.mark.parametrize("typed", [VALID, WITH_X, WITH_X.lower(), "２２０１０６１９８６０３１５１２１３"])
def test_valid_id_numbers(typed: str) -> None:
    assert id_number_problem(typed, TODAY) is None


def test_a_district_younger_than_the_birth_year_is_accepted() -> None:
    # 220106 绿园区 dates from 1995; stdnum's own validation would refuse a 1964 birth there.
    number = make_id_number(region="220106", birth=dt.date(1964, 5, 1))
    assert not ric.is_valid(number)
    assert id_number_problem(number, TODAY) is None


@pytest.mark.parametrize("province", sorted(PROVINCE_CODES))
def test_every_listed_province_is_accepted(province: int) -> None:
    number = with_check(f"{province}0000" + "19900101" + "123")
    assert id_number_problem(number, TODAY) is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "请填写"),
        ("   ", "请填写"),
        ("220106860315121", "15位"),
        ("22010619860315121", "应为18位，现为17位"),
        ("2201061986031512134", "现为19位"),
        ("22010619860315121A", "最后一位为数字或X"),
        ("2201061986O3151213", "前17位应为数字"),
        (with_check("990106" + "19860315" + "121"), "“99”不是有效的省级行政区划代码"),
        (with_check("160106" + "19860315" + "121"), "“16”"),
        (with_check("840106" + "19860315" + "121"), "“84”"),
        (with_check("220106" + "19860230" + "121"), "“19860230”不存在"),
        (with_check("220106" + "19861301" + "121"), "不存在"),
        (with_check("220106" + "18991231" + "121"), "早于1900年"),
        (with_check("220106" + "20250116" + "121"), "晚于今天"),
        ("220106198603151214", "校验码"),
        (VALID[:-1] + "X", "校验码"),
    ],
)
def test_id_number_problems(typed: str, words: str) -> None:
    problem = id_number_problem(typed, TODAY)
    assert problem is not None and words in problem


def test_boundary_birth_dates() -> None:
    assert id_number_problem(with_check("220106" + "19000101" + "121"), TODAY) is None
    assert id_number_problem(with_check("220106" + "20250115" + "121"), TODAY) is None


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        (VALID, dt.date(1986, 3, 15), "male"),
        (make_id_number(sex="female"), dt.date(1986, 3, 15), "female"),
        (make_id_number(birth=dt.date(2000, 2, 29), sex="female"), dt.date(2000, 2, 29), "female"),
        (" ２２０１０６１９８６０３１５１２１３ ", dt.date(1986, 3, 15), "male"),
    ],
)
def test_id_facts(number: str, birth: dt.date, sex: str) -> None:
    assert id_facts(number) == (birth, sex)


@pytest.mark.parametrize("number", ["", "123", "220106198602301213"])
def test_id_facts_of_a_number_without_them(number: str) -> None:
    with pytest.raises(ValueError):
        id_facts(number)


@pytest.mark.parametrize("seq", range(30))
@pytest.mark.parametrize("sex", ["male", "female"])
def test_sample_id_numbers_are_valid(seq: int, sex: str) -> None:
    number = make_id_number(seq=seq, sex=sex)
    assert id_number_problem(number, TODAY) is None
    assert id_facts(number)[1] == sex


# --- mobile numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("13800138000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("0086-138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        (" 138-0013-8000 ", "13800138000"),
    ],
)
def test_phone_normalised_and_valid(typed: str, normal: str) -> None:
    assert normalise_phone(typed) == normal
    assert phone_problem(typed) is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "请填写"),
        ("1380013800", "现为10位"),
        ("138001380001", "现为12位"),
        ("12800138000", "13—19开头"),
        ("23800138000", "13—19开头"),
        ("0431-81234567", "现为12位"),
        ("138OO138000", "只能包含数字"),
        ("86 13800138000", "现为13位"),
    ],
)
def test_phone_problems(typed: str, words: str) -> None:
    problem = phone_problem(typed)
    assert problem is not None and words in problem


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_every_mobile_prefix(prefix: str) -> None:
    assert phone_problem(prefix + "012345678") is None


# --- unified social credit codes ---------------------------------------------------------------


def test_uscc_normalised_and_valid() -> None:
    code = make_uscc()
    assert normalise_uscc(" " + code.lower()[:9] + "-" + code.lower()[9:]) == code
    assert uscc_problem(code) is None
    assert uscc_problem(code.lower()) is None
    assert uscc_problem(wide(code)) is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "请填写"),
        ("91220106MA000001", "现为16位"),
        ("91220106MAO000012F", "“O”（可能是“0”）"),
        ("91220106MA000001IF", "“I”（可能是“1”）"),
        ("9122A106MA0000012F", "第3—8位"),
        ("91220106MA0000012G", "校验码"),
    ],
)
def test_uscc_problems(typed: str, words: str) -> None:
    problem = uscc_problem(typed)
    assert problem is not None and words in problem


def test_uscc_of_a_public_institution() -> None:
    body = "12220000MB0000034"
    from stdnum.cn import uscc

    assert uscc_problem(body + uscc.calc_check_digit(body)) is None
