"""The 2025 rules: `validate` an application, `check_files` of a bundle, `finding_for` a code."""

from zcdesk.core.rules.catalog import Catalog, Rule, finding_for, load_catalog
from zcdesk.core.rules.engine import validate
from zcdesk.core.rules.files import check_files
from zcdesk.core.rules.findings import Finding, Report

__all__ = [
    "Catalog",
    "Finding",
    "Report",
    "Rule",
    "check_files",
    "finding_for",
    "load_catalog",
    "validate",
]
