"""The 评审一览表 renderer (A4, or A3 on request)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from zcdesk.core.policy import Policy
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.forms.base import FormRenderer
from zcdesk.forms.fonts import FontSet
from zcdesk.forms.summary_data import summary_data


class SummaryRenderer(FormRenderer):
    # Column widths in mm at A4 (180 mm of content); an 18-digit ID needs ≥ 39 mm (its span: 71 mm).
    grids: ClassVar[dict[str, tuple[float, ...]]] = {
        "basic": (22, 27, 18, 26, 26, 25, 36),
        "education": (19, 26, 26, 45, 40, 24),
        "qualification": (22, 30, 20, 28, 26, 54),
        "target": (22, 30, 20, 28, 26, 54),
        "work": (40, 86, 54),
        "years": (24, 31.2, 31.2, 31.2, 31.2, 31.2),
        "achievements": (11, 46, 17, 22, 34, 31, 19),
        "opinion": (26, 154),
    }
    papers = ("A4", "A3")


def render_summary(
    bundle: BundleSnapshot,
    policy: Policy | None = None,
    *,
    paper: str = "A4",
    photo: bytes | None = None,
    filled_on: dt.date | None = None,
    publicity_start: dt.date | None = None,
    draft: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """The 一览表 of one application as PDF bytes."""
    form = summary_data(bundle, policy, filled_on=filled_on, publicity_start=publicity_start, photo=photo, draft=draft)
    return SummaryRenderer(paper, fonts).render(form)
