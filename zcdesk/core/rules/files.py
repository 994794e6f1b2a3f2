"""The files of a bundle: ATTACHMENT-MISSING and ATTACHMENT-FORMAT.

Unsafe bundles (links, `..`, case duplicates, zip bombs) are refused by `open_bundle` before any
file is read; this module only judges the attachments a safe bundle lists.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from zcdesk.core.bundle_source import BundlePasswordError, BundleSource, check_entry_name
from zcdesk.core.errors import UnreadableInput
from zcdesk.core.filetypes import FileFacts, inspect_path, inspect_stream
from zcdesk.core.policy import Policy, load_policy
from zcdesk.core.rules.catalog import Rule, load_catalog
from zcdesk.core.rules.findings import Finding
from zcdesk.core.snapshot import AttachmentSnapshot, BundleSnapshot
from zcdesk.core.vocab import ATTACHMENT_CATEGORIES

_EXTENSIONS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def _inspect(source: BundleSource, name: str) -> FileFacts:
    if source.kind == "folder":
        return inspect_path(source.path / name)  # links were refused when the folder was opened
    with source.open(name) as handle:  # a zip entry: streamed, spooled to a temporary file
        return inspect_stream(handle)


def _format_problem(
    item: AttachmentSnapshot, facts: FileFacts, policy: Policy, rule: Rule
) -> tuple[str, dict[str, Any]] | None:
    words: dict[str, str] = rule.params["media_words"]
    if facts.size == 0 or facts.media_type is None:
        return "problem", {"problem": facts.problem or ""}
    declared = item.media_type or _EXTENSIONS.get(Path(item.file).suffix.lower())
    if declared is not None and declared != facts.media_type:
        return "mismatch", {"declared": words.get(declared, declared), "actual": words[facts.media_type]}
    if facts.problem is not None:
        return "problem", {"problem": facts.problem}
    limit = policy.attachments.max_bytes
    if facts.size > limit:
        return "too-large", {"size": f"{facts.size / 1024**2:.1f} MB", "limit": f"{limit / 1024**2:g} MB"}
    return None


def check_files(bundle: BundleSnapshot, source: BundleSource, policy: Policy | None = None) -> list[Finding]:
    """Every listed attachment: present, the recorded size and SHA-256, a real PDF/JPEG/PNG within the limits.

    A file that cannot be used (empty, not what it says, encrypted, too big) is ATTACHMENT-FORMAT,
    even when it also differs from the record; otherwise a difference is ATTACHMENT-MISSING.
    A bare manifest.json has no files: nothing is checked. Unsafe names raise UnreadableInput.
    """
    if not source.has_files:
        return []
    policy = policy or load_policy(bundle.policy_year)
    catalog = load_catalog(policy.year)
    missing, wrong = catalog.rule("ATTACHMENT-MISSING"), catalog.rule("ATTACHMENT-FORMAT")
    findings: list[Finding] = []
    for item in bundle.attachments:
        name = check_entry_name(item.file)
        words = {"title": item.title or ATTACHMENT_CATEGORIES.get(item.category, item.category), "file": item.file}
        if not source.exists(name):
            findings.append(missing.finding(None, "missing", **words))
            continue
        try:
            facts = _inspect(source, name)
        except BundlePasswordError:
            raise
        except (UnreadableInput, zipfile.BadZipFile, OSError, EOFError) as error:
            # A damaged zip entry (bad CRC, inflates past its size): the file cannot be read.
            problem = wrong.params["unreadable"].format(error=error)
            findings.append(wrong.finding(None, "problem", problem=problem, **words))
            continue
        problem = _format_problem(item, facts, policy, wrong)
        if problem is not None:
            findings.append(wrong.finding(None, problem[0], **words, **problem[1]))
        elif facts.size != item.size:
            difference = missing.params["size_differs"].format(expected=item.size, actual=facts.size)
            findings.append(missing.finding(None, "changed", difference=difference, **words))
        elif facts.sha256 != item.sha256:
            findings.append(missing.finding(None, "changed", difference=missing.params["hash_differs"], **words))
    return findings
