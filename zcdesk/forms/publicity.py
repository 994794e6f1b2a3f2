"""The 评审公示表 renderer (A4)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from zcdesk.core.policy import Policy
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.forms.base import FormRenderer
from zcdesk.forms.fonts import FontSet
from zcdesk.forms.publicity_data import publicity_data


class PublicityRenderer(FormRenderer):
    grids: ClassVar[dict[str, tuple[float, ...]]] = {
        "publicity-basic": (30, 38, 20, 28, 28, 36),
        "publicity-achievements": (11, 24, 67, 20, 30, 28),
        "opinion": (26, 154),
    }


def render_publicity(
    bundle: BundleSnapshot,
    policy: Policy | None = None,
    *,
    publicity_start: dt.date | None = None,
    draft: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """The 公示表 of one application as PDF bytes."""
    return PublicityRenderer("A4", fonts).render(
        publicity_data(bundle, policy, publicity_start=publicity_start, draft=draft)
    )
