"""The files of a bundle: ATTACHMENT-MISSING and ATTACHMENT-FORMAT, and archives refused as unsafe."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from zcdesk.core.bundle_source import BundleSource, check_entry_name
from zcdesk.core.errors import UnreadableInput
from zcdesk.core.filetypes import FileFacts, inspect_path, inspect_stream
from zcdesk.core.policy import Policy, load_policy
from zcdesk.core.rules.catalog import Rule, load_catalog
from zcdesk.core.rules.findings import Finding
from zcdesk.core.snapshot import AttachmentSnapshot, BundleSnapshot
from zcdesk.core.vocab import ATTACHMENT_CATEGORIES

# Limits that tell a bundle from a zip bomb: a real one holds tens of files of at most a few MB.
MAX_ENTRIES = 5000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, for entries over 1 MiB
_EXTENSIONS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def check_archive(path: Path) -> None:
    """Refuse (UnreadableInput) a zip whose entries betray a bomb or collide on a case-insensitive disk."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UnreadableInput(f"申报包中有 {len(infos)} 个文件，多得不正常，已拒绝")
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise UnreadableInput("申报包解压后超过 2 GB，大得不正常，已拒绝")
    seen: dict[str, str] = {}
    for info in infos:
        if info.file_size > 1024**2 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableInput(f"申报包中的“{info.filename}”压缩比异常（疑似 zip 炸弹），已拒绝")
        folded = info.filename.casefold()
        if folded in seen and seen[folded] != info.filename:
            raise UnreadableInput(f"申报包中的“{seen[folded]}”和“{info.filename}”只有大小写不同，已拒绝")
        seen[folded] = info.filename


def _refuse_links(root: Path, name: str) -> None:
    # A folder bundle must not lead outside itself through a link (bundle-and-cli.md: refuse links).
    current = root
    for part in name.split("/"):
        current = current / part
        if current.is_symlink():
            raise UnreadableInput(f"申报包中的“{name}”经过链接，已拒绝")


def _inspect(source: BundleSource, name: str) -> FileFacts:
    if source.kind == "folder":
        return inspect_path(source.path / name)
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
        if source.kind == "folder":
            _refuse_links(source.path, name)
        words = {"title": item.title or ATTACHMENT_CATEGORIES.get(item.category, item.category), "file": item.file}
        if not source.exists(name):
            findings.append(missing.finding(None, "missing", **words))
            continue
        try:
            facts = _inspect(source, name)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
            difference = missing.params["unreadable"].format(error=error)
            findings.append(missing.finding(None, "changed", difference=difference, **words))
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
