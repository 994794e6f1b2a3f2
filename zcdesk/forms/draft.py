"""Whether a form prints as a 草稿: the application has error findings."""

from __future__ import annotations

import datetime as dt

from zcdesk.core.rules import validate
from zcdesk.core.snapshot import BundleSnapshot


def has_errors(bundle: BundleSnapshot, today: dt.date | None = None) -> bool:
    """True when the year's rules find an error in the application, or it was exported as a draft."""
    return bundle.draft or not validate(bundle, today or dt.date.today()).ok
