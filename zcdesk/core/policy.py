"""The year's policy catalog, loaded from `policy_data/<year>.toml` into frozen dataclasses."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zcdesk.core.errors import UserError
from zcdesk.core.vocab import EMPLOYER_KINDS

POLICY_DIR = Path(__file__).parent / "policy_data"
DEFAULT_YEAR = 2025


@dataclass(frozen=True)
class Window:
    """A submission window; `end` is exclusive ("2月7日24时" is stored as 2月8日 00:00)."""

    key: str
    label: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    first_day: int | None = None  # monthly windows: day range of every month
    last_day: int | None = None

    def describe(self) -> str:
        """`2025年1月1日至2月7日` (the last day shown, not the exclusive end), or the monthly days."""
        if self.first_day is not None and self.last_day is not None:
            return f"每月{self.first_day}—{self.last_day}日"
        assert self.start is not None and self.end is not None
        last = (self.end - dt.timedelta(seconds=1)).date()
        first = self.start.date()
        tail = f"{last.month}月{last.day}日" if last.year == first.year else f"{last.year}年{last.month}月{last.day}日"
        return f"{first.year}年{first.month}月{first.day}日至{tail}"

    def contains(self, moment: dt.datetime, year: int) -> bool:
        if self.first_day is not None and self.last_day is not None:
            return moment.year == year and self.first_day <= moment.day <= self.last_day
        assert self.start is not None and self.end is not None
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Channel:
    no: int
    code: str
    name: str
    short_name: str
    audience: str  # plain-language "who is this for"
    employer_kinds: tuple[str, ...]
    fee: bool
    window: str

    @property
    def label(self) -> str:
        """`2.正常职称申报通道（企业人员）`: how forms and lists name a channel."""
        return f"{self.no}.{self.short_name}"


@dataclass(frozen=True)
class AttachmentLimits:
    max_bytes: int
    media_types: tuple[str, ...]
    min_short_side_px: int
    min_jpeg_quality: int


@dataclass(frozen=True)
class Policy:
    year: int
    notice: str
    notice_title: str
    cutoff: dt.date
    in_service_date: dt.date
    fee_basis: str
    publicity_working_days: int
    publicity_basis: str
    attachments: AttachmentLimits
    years_in_qualification: dict[tuple[str, str], int]  # (target, current) -> years
    windows: dict[str, Window]
    channels: tuple[Channel, ...]
    source: Path

    def channel(self, code_or_no: str | int) -> Channel:
        for channel in self.channels:
            if code_or_no in (channel.code, channel.no, str(channel.no)):
                return channel
        raise UserError(f"未知的申报通道“{code_or_no}”：{self.year}年共有1—16号通道")

    def window_of(self, channel: Channel) -> Window:
        return self.windows[channel.window]

    def data_file(self, name: str) -> Path:
        """Another data file of this policy family (rules, upload order …) beside the year file."""
        return self.source.parent / name


def channel_label(year: int, code: str) -> str:
    """`2.正常职称申报通道（企业人员）`, or the code itself when the year or the channel is unknown."""
    try:
        return load_policy(year).channel(code).label
    except UserError:
        return code


def available_years() -> list[int]:
    return sorted(int(p.stem) for p in POLICY_DIR.glob("[0-9][0-9][0-9][0-9].toml"))


@cache
def load_policy(year: int = DEFAULT_YEAR) -> Policy:
    path = POLICY_DIR / f"{year}.toml"
    if not path.exists():
        years = "、".join(str(y) for y in available_years())
        raise UserError(f"没有{year}年度的政策文件（本程序支持：{years}）")
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return _build(raw, path)


def _build(raw: dict[str, Any], path: Path) -> Policy:
    all_kinds = tuple(kind for kind in EMPLOYER_KINDS if kind != "none")
    channels = []
    for item in raw["channels"]:
        kinds = item["employer_kinds"]
        kinds = all_kinds if kinds == "any-but-none" else tuple(kinds)
        channels.append(
            Channel(
                no=item["no"],
                code=item["code"],
                name=item["name"],
                short_name=item["short_name"],
                audience=item["audience"],
                employer_kinds=kinds,
                fee=item["fee"],
                window=item["window"],
            )
        )
    windows = {
        key: Window(
            key=key,
            label=value["label"],
            start=value.get("start"),
            end=value.get("end"),
            first_day=value.get("first_day"),
            last_day=value.get("last_day"),
        )
        for key, value in raw["windows"].items()
    }
    years = {}
    for key, value in raw["years_in_qualification"].items():
        target, current = key.split("<-")
        years[(target, current)] = value
    att = raw["attachments"]
    return Policy(
        year=raw["year"],
        notice=raw["notice"],
        notice_title=raw["notice_title"],
        cutoff=raw["cutoff"],
        in_service_date=raw["in_service_date"],
        fee_basis=raw["fee_basis"],
        publicity_working_days=raw["publicity"]["working_days"],
        publicity_basis=raw["publicity"]["basis"],
        attachments=AttachmentLimits(
            max_bytes=att["max_bytes"],
            media_types=tuple(att["media_types"]),
            min_short_side_px=att["min_short_side_px"],
            min_jpeg_quality=att["min_jpeg_quality"],
        ),
        years_in_qualification=years,
        windows=windows,
        channels=tuple(channels),
        source=path,
    )
