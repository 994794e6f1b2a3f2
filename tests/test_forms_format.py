"""Value formatting on the forms: 无, year.month dates, periods, appointment years, 公示期."""

from __future__ import annotations

import datetime as dt

import pytest

from zcdesk.core.policy import load_policy
from zcdesk.forms.common import publicity_period
from zcdesk.forms.formatting import appointment, full_date, number, or_none, period, publicity_text, stacked, year_month

CUTOFF = dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("value", "expected"), [(None, "无"), ("", "无"), ("  ", "无"), ("汉族", "汉族"), (" 吉林大学 ", "吉林大学")]
)
def test_or_none(value: str | None, expected: str) -> None:
    assert or_none(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-31", "2024.12"),
        ("2019-09-01", "2019.09"),
        (None, "无"),
        ("", "无"),
        ("2008-02-30", "2008.02"),
        (dt.date(2020, 3, 1), "2020.03"),
    ],
)
def test_year_month(value: str | dt.date | None, expected: str) -> None:
    assert year_month(value) == expected


def test_full_date_keeps_the_day() -> None:
    assert full_date("2025-01-16") == "2025.01.16"
    assert full_date(dt.date(2025, 1, 22)) == "2025.01.22"
    assert full_date(None) == "无"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2019-09-01", "2024-12-31", "2019.09–2024.12"),
        ("2019-10-01", None, "2019.10–至今"),
        (None, None, "无"),
        (None, "2020-01-01", "无–2020.01"),
    ],
)
def test_period(start: str | None, end: str | None, expected: str) -> None:
    assert period(start, end) == expected


@pytest.mark.parametrize(
    ("appointed", "expected"),
    [
        ("2019-10-01", "2019.10/5年"),
        ("2019-12-31", "2019.12/5年"),  # exactly five years at the cutoff
        ("2020-01-01", "2020.01/4年"),
        ("2024-06-01", "2024.06/0年"),
        ("2025-03-01", "2025.03"),  # after the cutoff: no years to count
        (None, "无"),
    ],
)
def test_appointment_counts_whole_years_to_the_cutoff(appointed: str | None, expected: str) -> None:
    assert appointment(appointed, CUTOFF) == expected


def test_numbers_and_stacked_values() -> None:
    assert number(90.0) == "90"
    assert number(92.5) == "92.5"
    assert stacked("省级期刊", "ZL202210581236.X") == "省级期刊\nZL202210581236.X"
    assert stacked("省级", None) == "省级"
    assert stacked(None, "  ") == "无"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2025, 1, 16), dt.date(2025, 1, 22)),  # Thu: 16, 17, 20, 21, 22
        # 春节 2025: 1月28日—2月4日 off, Sunday 1月26日 a 调休 working day.
        (dt.date(2025, 1, 26), dt.date(2025, 2, 7)),
        # 国庆/中秋 2025: 10月1日—8日 off; 29, 30 Sep, 9, 10 Oct and the 调休 Saturday 10月11日.
        (dt.date(2025, 9, 29), dt.date(2025, 10, 11)),
    ],
)
def test_publicity_period_ends_on_the_fifth_working_day(start: dt.date, end: dt.date) -> None:
    policy = load_policy(2025)
    assert policy.publicity_working_days == 5
    assert publicity_period(start, policy) == (start, end)


def test_publicity_text() -> None:
    assert publicity_text(dt.date(2025, 1, 16), dt.date(2025, 1, 22), 5) == "2025.01.16–2025.01.22（5个工作日）"
    assert "（5个工作日）" in publicity_text(None, None, 5)
    assert publicity_period(None, load_policy(2025)) == (None, None)
