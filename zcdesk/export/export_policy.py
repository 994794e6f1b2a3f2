"""The upload package's policy data: attachment upload order and 填报清单 field order per channel."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zcdesk.core.errors import UserError
from zcdesk.core.policy import load_policy
from zcdesk.core.vocab import ATTACHMENT_CATEGORIES


@dataclass(frozen=True)
class ChecklistField:
    label: str
    path: str
    format: str = "text"
    channels: tuple[str, ...] | None = None
    not_channels: tuple[str, ...] = ()
    employer_kinds: tuple[str, ...] | None = None

    def applies(self, channel: str, employer_kind: str) -> bool:
        return (
            (self.channels is None or channel in self.channels)
            and channel not in self.not_channels
            and (self.employer_kinds is None or employer_kind in self.employer_kinds)
        )


@dataclass(frozen=True)
class ChecklistSection:
    title: str
    fields: tuple[ChecklistField, ...]
    each: str | None = None  # a list of records in the application, one block per record
    channels: tuple[str, ...] | None = None
    not_channels: tuple[str, ...] = ()

    def applies(self, channel: str) -> bool:
        return (self.channels is None or channel in self.channels) and channel not in self.not_channels


@dataclass(frozen=True)
class ExportPolicy:
    year: int
    notice: str  # Chinese: that the orders are not published and where to correct them
    upload_orders: dict[str, tuple[str, ...]]  # "default" and channel codes
    checklist: tuple[ChecklistSection, ...]
    source: Path

    def upload_order(self, channel: str) -> tuple[str, ...]:
        return self.upload_orders.get(channel, self.upload_orders["default"])


def _tuple(value: object) -> tuple[str, ...] | None:
    return None if value is None else tuple(str(item) for item in value)  # type: ignore[attr-defined]


def _field(raw: dict[str, object]) -> ChecklistField:
    return ChecklistField(
        label=str(raw["label"]),
        path=str(raw["path"]),
        format=str(raw.get("format", "text")),
        channels=_tuple(raw.get("channels")),
        not_channels=_tuple(raw.get("not_channels")) or (),
        employer_kinds=_tuple(raw.get("employer_kinds")),
    )


@cache
def load_export_policy(year: int) -> ExportPolicy:
    path = load_policy(year).data_file(f"export-{year}.toml")
    if not path.exists():
        raise UserError(f"没有{year}年度的上传包设置文件（{path.name}）")
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    orders: dict[str, tuple[str, ...]] = {"default": tuple(raw["upload_order"]["default"])}
    for channel, order in raw["upload_order"].get("channels", {}).items():
        orders[channel] = tuple(order)
    for key, order in orders.items():
        # A category missing from an order would have no place in the upload package.
        if sorted(order) != sorted(ATTACHMENT_CATEGORIES):
            raise UserError(f"{path.name} 中“{key}”的附件上传顺序应包含每个附件类别各一次")
    sections = tuple(
        ChecklistSection(
            title=str(section["title"]),
            fields=tuple(_field(item) for item in section["fields"]),
            each=section.get("each"),
            channels=_tuple(section.get("channels")),
            not_channels=_tuple(section.get("not_channels")) or (),
        )
        for section in raw["checklist"]
    )
    return ExportPolicy(year=raw["year"], notice=raw["notice"], upload_orders=orders, checklist=sections, source=path)
