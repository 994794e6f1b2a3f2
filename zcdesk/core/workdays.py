"""Working days on the Chinese calendar (holidays and 调休 makeup days included)."""

from __future__ import annotations

import datetime as dt


def is_workday(day: dt.date) -> bool:
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        # Beyond the years chinese-calendar knows: weekdays are the best guess we have.
        return day.weekday() < 5


def nth_working_day(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day counting from `start` itself (公示期 of 5 days ends on the 5th)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    day = start
    seen = 0
    while True:
        if is_workday(day):
            seen += 1
            if seen == count:
                return day
        day += dt.timedelta(days=1)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie in start..end, both included."""
    days = 0
    day = start
    while day <= end:
        days += is_workday(day)
        day += dt.timedelta(days=1)
    return days
