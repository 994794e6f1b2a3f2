"""validate(): run every rule of the year's catalog over one application."""

from __future__ import annotations

import dataclasses
import datetime as dt

from zcdesk.core.policy import Policy, load_policy

# The subject modules register their rule kinds on import.
from zcdesk.core.rules import channel, completeness, dates, documents, eligibility, identity, unit  # noqa: F401
from zcdesk.core.rules.catalog import Rule, load_catalog
from zcdesk.core.rules.context import Context
from zcdesk.core.rules.findings import SEVERITY_RANK, Finding, Report, sort_findings
from zcdesk.core.rules.kinds import KINDS, OTHER_STAGES
from zcdesk.core.snapshot import BundleSnapshot


def validate(bundle: BundleSnapshot, today: dt.date, policy: Policy | None = None) -> Report:
    """The findings of every rule that `validate` can check on the manifest alone (no files, no store)."""
    policy = policy or load_policy(bundle.policy_year)
    catalog = load_catalog(policy.year)
    ctx = Context(bundle, policy, catalog, today)
    raw: list[tuple[Rule, Finding]] = []
    for rule in catalog.rules:
        if rule.kind in OTHER_STAGES or not rule.applies_to(ctx.channel.no):
            continue
        for hit in KINDS[rule.kind](ctx, rule):
            raw.append((rule, rule.finding(hit.field, hit.variant, **{**ctx.common, **hit.params})))
    return Report(sort_findings(_one_per_cause(raw, ctx.acknowledged_codes)))


def _one_per_cause(raw: list[tuple[Rule, Finding]], acknowledged: frozenset[str]) -> list[Finding]:
    """Drop what another finding already explains: quiet_when codes, and a second finding on one field."""
    fired = {finding.code for _, finding in raw}
    strongest: dict[str, int] = {}
    kept = []
    for rule, finding in raw:
        if any(code in fired for code in rule.quiet_when):
            continue
        if finding.field is not None:
            rank = SEVERITY_RANK[finding.severity]
            if strongest.get(finding.field, 0) >= rank:
                continue  # e.g. an impossible date is DATE-ORDER only, not also DATE-CUTOFF
            strongest[finding.field] = rank
        if finding.severity == "warning" and finding.code in acknowledged:
            finding = dataclasses.replace(finding, acknowledged=True)
        kept.append(finding)
    return kept
