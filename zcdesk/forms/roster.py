"""The unit 公示名单 renderer (A4 landscape): one row per applicant, for the clerk to post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from zcdesk.core.policy import Policy
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.forms.base import FormRenderer
from zcdesk.forms.fonts import FontSet
from zcdesk.forms.roster_data import roster_data


class RosterRenderer(FormRenderer):
    landscape = True
    grids: ClassVar[dict[str, tuple[float, ...]]] = {
        "roster": (11, 22, 12, 40, 32, 44, 28, 78),
        "roster-result": (26, 241),
    }


def render_roster(
    bundles: Sequence[BundleSnapshot],
    policy: Policy | None = None,
    *,
    unit: str | None = None,
    publicity_start: dt.date | None = None,
    objection_contact: str | None = None,
    draft: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """The 公示名单 of several applications of one unit as PDF bytes."""
    form = roster_data(
        bundles, policy, unit=unit, publicity_start=publicity_start, objection_contact=objection_contact, draft=draft
    )
    return RosterRenderer("A4", fonts).render(form)
