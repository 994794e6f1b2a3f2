"""Console output shared by the commands: UTF-8 whatever the code page, JSON as readable text."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from zcdesk.core.errors import UserError


def use_utf8() -> None:
    # A GBK console on Windows must not crash on 𠮷: write UTF-8, replace nothing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def say(message: str) -> None:
    sys.stdout.write(message + "\n")


def warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def parse_date_option(text: str | None, option: str, example: str) -> dt.date | None:
    """A YYYY-MM-DD command-line date, None when not given, a Chinese message when malformed."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{option} 的日期“{text}”格式不对：应为 YYYY-MM-DD，例如 {example}") from None


def parse_today(text: str | None) -> dt.date:
    """--today YYYY-MM-DD, or the machine's date."""
    return parse_date_option(text, "--today", "2025-01-15") or dt.date.today()


class Progress:
    """A one-line progress display on a terminal; silent when output is redirected."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.active = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> bool:
        if self.active and total:
            sys.stderr.write(f"\r{self.label} {done * 100 // total:3d}%")
            sys.stderr.flush()
            if done >= total:
                sys.stderr.write("\n")
        return True  # never cancelled from the terminal
