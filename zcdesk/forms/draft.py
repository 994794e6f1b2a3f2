"""Whether a form prints as a 草稿: the application has error findings."""

from __future__ import annotations

import datetime as dt
import importlib

from zcdesk.core.snapshot import BundleSnapshot


def has_errors(bundle: BundleSnapshot, today: dt.date | None = None) -> bool:
    """True when the 2025 rules find an error; before the rules exist, the bundle's own draft flag."""
    try:
        rules = importlib.import_module("zcdesk.core.rules")
        validate = rules.validate
    except (ImportError, AttributeError):
        return bundle.draft
    report = validate(bundle, today or dt.date.today())
    return bool(bundle.draft or not report.ok)
