"""The rule catalog: policy_data/rules-<year>.toml as frozen rules, and findings built from it."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zcdesk.core.errors import UserError
from zcdesk.core.policy import DEFAULT_YEAR, POLICY_DIR
from zcdesk.core.rules.findings import Finding

SEVERITIES = ("error", "warning", "info")
_FORMATTER = string.Formatter()


def placeholders(template: str) -> frozenset[str]:
    """The {names} a message template needs."""
    return frozenset(name for _, name, _, _ in _FORMATTER.parse(template) if name)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    kind: str
    title: str
    basis: str
    messages: dict[str, str]  # variant -> template
    params: dict[str, Any]
    channels: frozenset[int] | None = None  # None: every channel
    quiet_when: tuple[str, ...] = ()

    def applies_to(self, channel_no: int) -> bool:
        return self.channels is None or channel_no in self.channels

    def message(self, variant: str, params: dict[str, Any]) -> str:
        try:
            template = self.messages[variant]
        except KeyError:
            raise ValueError(f"{self.code}: no message variant {variant!r}") from None
        missing = placeholders(template) - params.keys()
        if missing:
            raise ValueError(f"{self.code}/{variant}: no value for {sorted(missing)}")
        return template.format_map(params)

    def finding(self, field: str | None = None, variant: str | None = None, /, **params: Any) -> Finding:
        chosen = variant or next(iter(self.messages))
        return Finding(self.code, self.severity, self.message(chosen, params), field, variant=chosen)


@dataclass(frozen=True)
class Catalog:
    year: int
    rules: tuple[Rule, ...]  # in the order they run
    labels: dict[str, str]  # field path ("achievements[].date") -> Chinese words
    source: Path

    def rule(self, code: str) -> Rule:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)


@cache
def load_catalog(year: int = DEFAULT_YEAR) -> Catalog:
    """The rules of a policy year, read once per process."""
    path = POLICY_DIR / f"rules-{year}.toml"
    if not path.exists():
        raise UserError(f"没有{year}年度的校验规则文件（{path.name}）")
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    rules = []
    for item in raw["rule"]:
        if item["severity"] not in SEVERITIES:
            raise ValueError(f"{path.name}: {item['code']} has severity {item['severity']!r}")
        channels = item.get("channels")
        rules.append(
            Rule(
                code=item["code"],
                severity=item["severity"],
                kind=item["kind"],
                title=item["title"],
                basis=item["basis"],
                messages=dict(item["messages"]),
                params=dict(item.get("params", {})),
                channels=frozenset(channels) if channels is not None else None,
                quiet_when=tuple(item.get("quiet_when", ())),
            )
        )
    return Catalog(year=raw["year"], rules=tuple(rules), labels=dict(raw["labels"]), source=path)


def finding_for(
    code: str, field: str | None = None, *, variant: str | None = None, year: int = DEFAULT_YEAR, **params: Any
) -> Finding:
    """A finding of `code` with its catalog message filled from `params` (ValueError if one is missing).

    The import code uses it for ELIG-ONE-CHANNEL, which needs the store:
    `finding_for("ELIG-ONE-CHANNEL", existing="2.正常职称申报通道（企业人员）", channel="…", year=2025)`
    — `year` both picks the catalog and fills {year}.
    """
    params.setdefault("year", year)
    return load_catalog(year).rule(code).finding(field, variant, **params)
