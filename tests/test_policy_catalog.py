"""The 2025 policy catalog as a whole: 16 channels, known kinds, dates of the notice."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from zcdesk.core.errors import UserError
from zcdesk.core.manifest import SCHEMA_PATH
from zcdesk.core.policy import available_years, load_policy
from zcdesk.core.vocab import EMPLOYER_KINDS

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
SCHEMA_CHANNELS = SCHEMA["$defs"]["application"]["properties"]["channel"]["enum"]


def test_2025_is_available() -> None:
    assert 2025 in available_years()


def test_sixteen_channels_numbered_in_order_with_schema_codes() -> None:
    policy = load_policy(2025)
    assert [c.no for c in policy.channels] == list(range(1, 17))
    assert [c.code for c in policy.channels] == SCHEMA_CHANNELS


def test_every_channel_is_complete() -> None:
    policy = load_policy(2025)
    for channel in policy.channels:
        assert channel.name and channel.short_name and channel.audience, channel.code
        assert channel.employer_kinds, channel.code
        assert set(channel.employer_kinds) <= set(EMPLOYER_KINDS), channel.code
        assert channel.window in policy.windows, channel.code


def test_fee_exempt_exactly_for_post_channels() -> None:
    # 三（五）: 专业技术二、三级岗位评聘和考核人员 … 不需缴费
    policy = load_policy(2025)
    assert [c.no for c in policy.channels if not c.fee] == [4, 5, 6, 7]


def test_employer_kinds_follow_the_rules_table() -> None:
    policy = load_policy(2025)
    assert policy.channel("freelancer").employer_kinds == ("none",)
    assert policy.channel(8).employer_kinds == ("school",)
    assert "none" not in policy.channel("dual-track").employer_kinds
    assert set(policy.channel("enterprise").employer_kinds) == {"enterprise", "private-enterprise"}


def test_dates_of_the_notice() -> None:
    policy = load_policy(2025)
    assert policy.cutoff == dt.date(2024, 12, 31)
    assert policy.in_service_date == dt.date(2025, 1, 1)
    individual = policy.windows["individual"]
    # "2月7日24时" is the last moment; the window's end is exclusive.
    assert individual.contains(dt.datetime(2025, 2, 7, 23, 59), 2025)
    assert not individual.contains(dt.datetime(2025, 2, 8, 0, 0), 2025)
    assert not individual.contains(dt.datetime(2024, 12, 31, 23, 59), 2025)
    school = policy.window_of(policy.channel(8))
    assert school.contains(dt.datetime(2025, 3, 10), 2025) and not school.contains(dt.datetime(2025, 2, 1), 2025)
    monthly = policy.window_of(policy.channel(15))
    assert monthly.contains(dt.datetime(2025, 7, 25, 12), 2025)
    assert not monthly.contains(dt.datetime(2025, 7, 26), 2025)


def test_windows_are_described_with_their_last_day() -> None:
    policy = load_policy(2025)
    assert policy.windows["individual"].describe() == "2025年1月1日至2月7日"
    assert policy.windows["school-senior"].describe() == "2025年3月10日至3月31日"
    assert policy.windows["monthly"].describe() == "每月1—25日"


def test_constants() -> None:
    policy = load_policy(2025)
    assert policy.attachments.max_bytes == 5 * 1024 * 1024
    assert policy.publicity_working_days == 5
    assert policy.years_in_qualification[("vice-senior", "intermediate")] == 5
    assert policy.years_in_qualification[("intermediate", "assistant")] == 4


@pytest.mark.parametrize("key", [0, 17, "nonsense"])
def test_unknown_channel_is_a_clear_error(key: object) -> None:
    with pytest.raises(UserError, match="未知的申报通道"):
        load_policy(2025).channel(key)  # type: ignore[arg-type]


def test_missing_year_is_a_clear_error() -> None:
    with pytest.raises(UserError, match="没有1999年度的政策文件"):
        load_policy(1999)
