"""What every check sees: the application, the policy, today, and facts derived once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from zcdesk.core.identity import id_facts, id_number_problem
from zcdesk.core.policy import Channel, Policy
from zcdesk.core.rules.catalog import Catalog
from zcdesk.core.rules.records import DateVerdict, dated_fields, judge_dates
from zcdesk.core.snapshot import ApplicationSnapshot, BundleSnapshot, parse_date
from zcdesk.core.vocab import ENTERPRISE_KINDS, LEVEL_RANK

_RECORD_PATH = re.compile(r"(\w+)\[(\d+)\]\.(\w+)")
_SHORT = 30


def blank(value: str | None) -> bool:
    return value is None or not value.strip()


def shorten(text: str | None, empty: str = "（未填写）") -> str:
    text = (text or "").strip()
    if not text:
        return empty
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


@dataclass
class Context:
    bundle: BundleSnapshot
    policy: Policy
    catalog: Catalog
    today: dt.date

    @property
    def app(self) -> ApplicationSnapshot:
        return self.bundle.application

    @cached_property
    def channel(self) -> Channel:
        return self.policy.channel(self.app.channel)

    @cached_property
    def categories(self) -> frozenset[str]:
        """Attachment categories present: a required document is any attachment of its category."""
        return frozenset(item.category for item in self.bundle.attachments)

    @cached_property
    def attachment_ids(self) -> frozenset[str]:
        return frozenset(item.id for item in self.bundle.attachments)

    @property
    def is_enterprise(self) -> bool:
        return self.app.employer.kind in ENTERPRISE_KINDS

    @cached_property
    def first_title(self) -> bool:
        """rules-2025.md: no current qualification, or its level none, or 初级认定."""
        qualification = self.app.current_qualification
        return qualification is None or qualification.level in (None, "none") or self.app.target.initial_recognition

    @property
    def target_above_current(self) -> bool:
        qualification = self.app.current_qualification
        current = LEVEL_RANK.get(qualification.level or "none", 0) if qualification else 0
        return LEVEL_RANK.get(self.app.target.level, 0) > current

    @cached_property
    def id_facts(self) -> tuple[dt.date, str] | None:
        """Birth date and sex from a valid ID number; None when ID-NUMBER will complain."""
        number = self.app.applicant.id_number
        if blank(number) or id_number_problem(number, self.today) is not None:
            return None
        return id_facts(number)

    @cached_property
    def birth(self) -> dt.date | None:
        """The birth date to compare other dates with: the ID number's, else the one entered."""
        if self.id_facts is not None:
            return self.id_facts[0]
        entered = parse_date(self.app.applicant.birth_date)
        # A birth date in the future is its own DATE-ORDER finding; comparing every other date
        # with it would pile one finding per record on the same root cause.
        return entered if entered is not None and entered <= self.today else None

    @cached_property
    def date_verdicts(self) -> dict[str, DateVerdict]:
        return judge_dates(dated_fields(self.app), self.birth, self.policy.cutoff, self.today)

    def date_ok(self, path: str) -> bool:
        """Whether a date field is free of DATE-ORDER/DATE-CUTOFF (so other rules may use it)."""
        return path not in self.date_verdicts

    @cached_property
    def acknowledged_codes(self) -> frozenset[str]:
        # A warning is acknowledged by a written 说明; an empty one acknowledges nothing.
        return frozenset(item.code for item in self.app.acknowledged_warnings if item.explanation.strip())

    @cached_property
    def common(self) -> dict[str, Any]:
        """Words every message may use."""
        return {
            "year": self.policy.year,
            "cutoff": self.policy.cutoff.isoformat(),
            "in_service_date": self.policy.in_service_date.isoformat(),
            "today": self.today.isoformat(),
            "channel": self.channel.label,
        }

    def describe(self, path: str) -> str:
        """The Chinese words for a field path: `achievements[1].date` → 第2项业绩《…》的日期."""
        match = _RECORD_PATH.fullmatch(path)
        if match is None:
            return self.catalog.labels.get(path, path)
        records, index, attr = match.group(1), int(match.group(2)), match.group(3)
        template = self.catalog.labels.get(f"{records}[].{attr}", path)
        record: Any = getattr(self.app, records)[index]
        words = {
            "n": index + 1,
            "title": shorten(getattr(record, "title", None), "未填题目"),
            "school": shorten(getattr(record, "school", None)),
            "employer": shorten(getattr(record, "employer", None)),
        }
        return template.format_map(words)
