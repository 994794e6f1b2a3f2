"""How values print on the forms: 无 for blanks, 2024.12 dates, periods, appointment years."""

from __future__ import annotations

import datetime as dt
import re

NONE = "无"
DASH = "–"  # en dash between the two dates of a period, as in 2019.09–2024.12
OPEN_END = "至今"
BLANK_DATE = "      年    月    日"  # a date left to write by hand
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def or_none(value: object) -> str:
    """The value as text, 无 when it is missing or blank."""
    if value is None:
        return NONE
    text = str(value).strip()
    return text or NONE


def year_month(value: str | dt.date | None) -> str:
    """2024-12-31 → 2024.12. Works on the ISO text itself, so an impossible date still prints."""
    if value is None or value == "":
        return NONE
    if isinstance(value, dt.date):
        return f"{value.year:04d}.{value.month:02d}"
    match = _ISO.match(value)
    if not match:
        return value.strip() or NONE
    return f"{match.group(1)}.{int(match.group(2)):02d}"


def full_date(value: str | dt.date | None) -> str:
    """2025-01-16 → 2025.01.16 (填表日期 and the 公示期 need the day)."""
    if value is None or value == "":
        return NONE
    if isinstance(value, dt.date):
        return f"{value.year:04d}.{value.month:02d}.{value.day:02d}"
    match = _ISO.match(value)
    if not match or match.group(3) is None:
        return year_month(value)
    return f"{match.group(1)}.{int(match.group(2)):02d}.{int(match.group(3)):02d}"


def period(start: str | None, end: str | None) -> str:
    """2019.09–2024.12; an open end prints 至今; no start at all prints 无."""
    if not start:
        return NONE if not end else f"{NONE}{DASH}{year_month(end)}"
    return f"{year_month(start)}{DASH}{year_month(end) if end else OPEN_END}"


def whole_years(start: dt.date, end: dt.date) -> int:
    """Completed years from start to end (对年对月), never negative."""
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return max(years, 0)


def appointment(appointed: str | None, cutoff: dt.date) -> str:
    """2019.10/5年: first appointed, then whole years to the policy cutoff."""
    if not appointed:
        return NONE
    try:
        start = dt.date.fromisoformat(appointed)
    except ValueError:
        return year_month(appointed)
    if start > cutoff:
        return year_month(appointed)
    return f"{year_month(appointed)}/{whole_years(start, cutoff)}年"


def number(value: float) -> str:
    """90.0 → 90, 90.5 → 90.5: hours print without a useless decimal."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def stacked(*values: str | None) -> str:
    """Two values of one cell on two lines (级别/编号, 学历/学位); 无 when all are blank."""
    parts = [str(value).strip() for value in values if value is not None and str(value).strip()]
    return "\n".join(parts) if parts else NONE


def publicity_text(start: dt.date | None, end: dt.date | None, working_days: int) -> str:
    """2025.01.16–2025.01.22（5个工作日）, or a blank to fill in by hand when no start is known."""
    if start is None or end is None:
        return f"    年  月  日{DASH}    年  月  日（{working_days}个工作日）"
    return f"{full_date(start)}{DASH}{full_date(end)}（{working_days}个工作日）"
