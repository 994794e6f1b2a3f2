"""Findings and the validation report: what the rules say about one application."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True)
class Finding:
    """One thing a rule found; `field` is a path inside `application`, or None."""

    code: str
    severity: str  # error | warning | info
    message: str  # Chinese, for the user
    field: str | None = None
    acknowledged: bool = False  # a warning the user explained (application.acknowledged_warnings)
    variant: str = "default"  # which message of the rule (for tests and the desktop program)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "field": self.field,
            "acknowledged": self.acknowledged,
        }


@dataclass(frozen=True)
class Hit:
    """What a check function yields: a field at fault, the message variant and its words."""

    field: str | None = None
    variant: str = "default"
    params: dict[str, Any] = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """All findings of one validation; errors block the upload package, warnings never do."""

    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def infos(self) -> int:
        return sum(1 for f in self.findings if f.severity == "info")

    @property
    def unacknowledged_warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning" and not f.acknowledged)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def with_findings(self, extra: tuple[Finding, ...] | list[Finding]) -> Report:
        """This report plus more findings (the file checks of a bundle), severest first."""
        return Report(sort_findings((*self.findings, *extra)))

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "findings": [f.to_json() for f in self.findings]}


def sort_findings(findings: tuple[Finding, ...] | list[Finding]) -> tuple[Finding, ...]:
    """Errors, then warnings, then infos; the rules' own order within each (a stable sort)."""
    return tuple(sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity]))
