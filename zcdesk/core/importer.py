"""Import bundles into the store: everything verified in a staging folder first, then one transaction.

A bundle is checked when opened (names, links, sizes, ratios: bundle_source), then its manifest
against the schema and the store (a dry run of `save_bundle`, so ELIG-ONE-CHANNEL and the
--replace rules are told before a byte is copied). Every listed file is then streamed into a
staging folder inside the data folder, its size, SHA-256 and media type checked by content.
Only then are the new files moved into the attachment store and the application saved in one
transaction; on any failure the files this import added are taken back.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError

from zcdesk.core.bundle_source import (
    DEFAULT_LIMITS,
    MANIFEST,
    BundleLimits,
    BundleSource,
    check_entry_name,
    open_bundle,
)
from zcdesk.core.errors import Cancelled, UserError
from zcdesk.core.filetypes import CHUNK, FileFacts, inspect_known, sniff_media_type
from zcdesk.core.progress import ProgressCallback, no_progress
from zcdesk.core.services import LOCKED_STATUS, find_application, get_application, referenced_digests, save_bundle
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.core.store import Store

log = logging.getLogger(__name__)

# Derived outputs of an export: never trusted on import, never copied (spec: not listed).
DERIVED_FILES = frozenset({"填报清单.xlsx", "校验报告.pdf"})
EXTENSION_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
MEDIA_WORDS = {"application/pdf": "PDF", "image/jpeg": "JPEG 图片", "image/png": "PNG 图片"}
STALE_STAGING_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ImportResult:
    source: Path
    application_id: int
    name: str
    channel: str
    policy_year: int
    replaced: bool
    draft: bool
    files_added: int
    ignored: tuple[str, ...]  # entries in the bundle that the manifest does not list (never read)


@dataclass(frozen=True)
class _Planned:
    """A file the manifest lists, as found in the bundle."""

    entry: str
    sha256: str
    size: int
    media_type: str | None  # declared; None for forms and undeclared attachments
    keep: bool  # attachments are kept in the store; forms are only verified


def import_bundle(
    store: Store,
    path: str | os.PathLike[str],
    *,
    replace: bool = False,
    password: str | None = None,
    progress: ProgressCallback = no_progress,
    limits: BundleLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import one bundle; raises UserError (in Chinese, naming the entry) and leaves the store as it was."""
    with open_bundle(path, password=password, limits=limits) as source:
        bundle = source.read_manifest()
        planned, ignored = plan_files(bundle, source)
        replaced = _guard_db(lambda: _dry_run(store, bundle, replace))
        staging_root = store.layout.staging
        _sweep_stale(staging_root)
        staging_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="import-", dir=staging_root))
        try:
            staged = _stage(source, planned, staging, progress)
            app_id, added = _guard_db(lambda: _commit(store, bundle, staged, replace))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            _remove_if_empty(staging_root)
    log.info("imported a bundle as application %d (%d new files, %d ignored entries)", app_id, added, len(ignored))
    return ImportResult(
        source=Path(path),
        application_id=app_id,
        name=bundle.application.applicant.name,
        channel=bundle.application.channel,
        policy_year=bundle.policy_year,
        replaced=replaced,
        draft=bundle.draft,
        files_added=added,
        ignored=tuple(ignored),
    )


@dataclass(frozen=True)
class ImportPreview:
    """What importing a bundle would do, for the desktop program to show before it asks."""

    bundle: BundleSnapshot
    existing_id: int | None  # the person's application of that year already in the store
    same_channel: bool
    locked: bool  # 已录入系统: it will not be replaced
    changes: tuple[str, ...]  # diff_bundles(existing, new), in Chinese; empty when there is none


def preview_import(store: Store, path: str | os.PathLike[str], *, password: str | None = None) -> ImportPreview:
    """Read a bundle's manifest (checked as for an import) and compare it with the stored application."""
    from zcdesk.core.bundle_diff import diff_bundles

    with open_bundle(path, password=password) as source:
        bundle = source.read_manifest()
    with store.unit_of_work() as session:
        existing = find_application(session, bundle.application.applicant.id_number, bundle.policy_year)
        if existing is None:
            return ImportPreview(bundle, None, False, False, ())
        stored = get_application(session, existing.id)
    same = stored.bundle.application.channel == bundle.application.channel
    changes = tuple(diff_bundles(stored.bundle, bundle)) if same else ()
    return ImportPreview(bundle, existing.id, same, stored.status == LOCKED_STATUS, changes)


def import_bundles(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    *,
    replace: bool = False,
    password: str | None = None,
    progress: ProgressCallback = no_progress,
) -> list[tuple[Path, ImportResult | UserError]]:
    """Import each bundle on its own (one refused bundle does not stop the others)."""
    out: list[tuple[Path, ImportResult | UserError]] = []
    for path in paths:
        try:
            out.append((Path(path), import_bundle(store, path, replace=replace, password=password, progress=progress)))
        except Cancelled:
            raise
        except UserError as error:
            out.append((Path(path), error))
    return out


# --- what the manifest lists --------------------------------------------------------------


def plan_files(bundle: BundleSnapshot, source: BundleSource) -> tuple[list[_Planned], list[str]]:
    """The files to verify, each checked against the bundle's entries; and the unlisted entries."""
    if not source.has_files and (bundle.attachments or bundle.forms):
        raise UserError(
            "只有 manifest.json，没有附件文件，无法导入；请导入完整的 .zip 申报包或解压后的整个文件夹",
            code="ATTACHMENT-MISSING",
        )
    planned: list[_Planned] = []
    seen_ids: set[str] = set()
    seen_files: dict[str, str] = {}

    def claim(file: str, folder: str, what: str) -> str:
        name = check_entry_name(file)
        if PurePosixPath(name).parts[0] != folder or len(PurePosixPath(name).parts) < 2:
            raise UserError(f"{what}的文件“{file}”不在申报包的 {folder}/ 文件夹中，已拒绝")
        key = name.casefold()
        if key in seen_files:
            raise UserError(f"{what}与另一条记录指向同一个文件“{file}”，已拒绝")
        seen_files[key] = name
        if not source.exists(name):
            raise UserError(f"申报包中缺少{what}的文件“{file}”", code="ATTACHMENT-MISSING")
        return name

    for item in bundle.attachments:
        what = f"附件“{item.title or item.id}”"
        if item.id in seen_ids:
            raise UserError(f"附件编号“{item.id}”重复出现，每个附件的编号应唯一")
        seen_ids.add(item.id)
        name = claim(item.file, "attachments", what)
        if source.size(name) != item.size:
            raise UserError(
                f"{what}的文件“{item.file}”大小为 {source.size(name)} 字节，与清单记录的 {item.size} 字节不符（文件被改动或损坏）",
                code="ATTACHMENT-MISSING",
            )
        extension = PurePosixPath(name).suffix.lower()
        if extension not in EXTENSION_TYPES:
            raise UserError(f"{what}的文件“{item.file}”扩展名不是 .pdf、.jpg 或 .png，已拒绝", code="ATTACHMENT-FORMAT")
        if item.media_type is not None and EXTENSION_TYPES[extension] != item.media_type:
            raise UserError(
                f"{what}的文件“{item.file}”扩展名与声明的类型 {item.media_type} 不符，已拒绝", code="ATTACHMENT-FORMAT"
            )
        planned.append(_Planned(name, item.sha256, item.size, item.media_type or EXTENSION_TYPES[extension], True))
    for form in bundle.forms or ():
        name = claim(form.file, "forms", f"表格“{form.file}”")
        planned.append(_Planned(name, form.sha256, source.size(name), "application/pdf", False))
    listed = {p.entry for p in planned} | {MANIFEST} | DERIVED_FILES
    ignored = [name for name in source.names() if name not in listed]
    return planned, ignored


T = TypeVar("T")


def _guard_db(action: Callable[[], T]) -> T:
    """A database that is locked, read-only or full is told in Chinese, not as a traceback."""
    try:
        return action()
    except SQLAlchemyError as error:
        log.error("database error during import: %s", type(error).__name__)
        raise UserError(
            f"无法写入数据库（{type(error).__name__}），数据未改变；请关闭其他正在使用该数据文件夹的程序后重试"
        ) from None


def _dry_run(store: Store, bundle: BundleSnapshot, replace: bool) -> bool:
    """Save the manifest and roll back: store refusals (ELIG-ONE-CHANNEL, --replace, 已录入系统) come first."""

    class _RollBack(Exception):
        pass

    replaced = False
    try:
        with store.unit_of_work() as session:
            existing = find_application(session, bundle.application.applicant.id_number, bundle.policy_year)
            replaced = existing is not None
            save_bundle(session, bundle, replace=replace)
            raise _RollBack
    except _RollBack:
        pass
    return replaced


# --- staging ------------------------------------------------------------------------------


def _stage(source: BundleSource, planned: list[_Planned], staging: Path, progress: ProgressCallback) -> dict[str, Path]:
    """Stream each listed file into staging, checking size, SHA-256 and media type; returns sha -> staged file."""
    total = sum(item.size for item in planned) or 1
    done = 0
    staged: dict[str, Path] = {}
    facts_of: dict[str, FileFacts] = {}
    if not progress(0, total):
        raise Cancelled("已取消导入，数据未改变")
    for index, item in enumerate(planned):
        if item.keep and item.sha256 in facts_of:
            # The same content listed twice is stored once, but each listing's claims are checked.
            _check_claims(item, facts_of[item.sha256])
            done += item.size
            continue
        target = staging / f"{index:05d}"
        digest = hashlib.sha256()
        size = 0
        head = b""
        try:
            with source.open(item.entry) as stream, target.open("xb") as sink:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > item.size:
                        raise UserError(
                            f"申报包中的“{item.entry}”比清单记录的 {item.size} 字节更大（文件被改动），已拒绝",
                            code="ATTACHMENT-MISSING",
                        )
                    if len(head) < 1024:
                        head += chunk[: 1024 - len(head)]
                    digest.update(chunk)
                    if item.keep:
                        sink.write(chunk)
                    done += len(chunk)
                    if not progress(done, total):
                        raise Cancelled("已取消导入，数据未改变")
                sink.flush()
                os.fsync(sink.fileno())
        except OSError as error:
            raise UserError(f"无法写入数据文件夹中的临时文件：{error.strerror or error}") from None
        sha = digest.hexdigest()
        if size != item.size or sha != item.sha256:
            raise UserError(
                f"申报包中的“{item.entry}”与清单记录的 SHA-256 校验值不符（文件被改动或损坏），已拒绝",
                code="ATTACHMENT-MISSING",
            )
        if item.keep:
            facts_of[sha] = _check_content(item, target, sha, size, head)
            staged[sha] = target
        else:
            if sniff_media_type(head) != "application/pdf":
                raise UserError(
                    f"申报包中的表格“{item.entry}”不是 PDF 文件（按内容判断），已拒绝", code="ATTACHMENT-FORMAT"
                )
            target.unlink()
    progress(total, total)
    return staged


def _check_content(item: _Planned, staged: Path, sha: str, size: int, head: bytes) -> FileFacts:
    """The media type judged by the bytes must be the one declared (and the one the extension says)."""
    # An open handle, not the path: pypdf reads a whole file into memory when given a path.
    with staged.open("rb") as handle:
        facts = inspect_known(handle, sha, size, head)
    _check_claims(item, facts)
    # Encrypted, broken or oversized files are kept: drafts may carry them, and the rules report
    # them as ATTACHMENT-FORMAT where the user can see and fix them.
    return facts


def _check_claims(item: _Planned, facts: FileFacts) -> None:
    if facts.media_type is None:
        raise UserError(
            f"申报包中的“{item.entry}”不是 PDF、JPEG 或 PNG 文件（按文件内容判断），已拒绝", code="ATTACHMENT-FORMAT"
        )
    if item.media_type is not None and facts.media_type != item.media_type:
        declared = MEDIA_WORDS.get(item.media_type, item.media_type)
        actual = MEDIA_WORDS.get(facts.media_type, facts.media_type)
        raise UserError(
            f"申报包中的“{item.entry}”声明为 {declared}，实际内容却是 {actual}，已拒绝", code="ATTACHMENT-FORMAT"
        )


# --- commit ------------------------------------------------------------------------------


def _commit(store: Store, bundle: BundleSnapshot, staged: dict[str, Path], replace: bool) -> tuple[int, int]:
    """Move new files into the attachment store and save in one transaction; take the files back on failure."""
    added: list[str] = []
    made_dirs: list[Path] = []
    try:
        for sha, path in staged.items():
            final = store.files.path(sha)
            if final.exists():
                continue
            if not final.parent.exists():
                final.parent.mkdir(parents=True)
                made_dirs.append(final.parent)
            # Same file system (staging lies inside the data folder): a rename, not a copy.
            os.replace(path, final)
            added.append(sha)
        with store.unit_of_work() as session:
            app_id = save_bundle(session, bundle, replace=replace)
    except BaseException:
        _take_back(store, added, made_dirs)
        raise
    return app_id, len(added)


def _take_back(store: Store, added: list[str], made_dirs: list[Path]) -> None:
    if not added:
        return
    try:
        with store.unit_of_work() as session:
            still_used = referenced_digests(session)
    except Exception:  # the database is unreachable: keep every file rather than lose one in use
        log.exception("could not read referenced attachments; added files left in place")
        return
    store.files.remove(sha for sha in added if sha not in still_used)
    for folder in made_dirs:
        _remove_if_empty(folder)


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _sweep_stale(staging_root: Path) -> None:
    """Remove staging folders left by a crash or power cut (older than a day)."""
    if not staging_root.is_dir():
        return
    cutoff = time.time() - STALE_STAGING_SECONDS
    for child in staging_root.glob("import-*"):
        try:
            if child.is_dir() and child.stat().st_mtime < cutoff:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue


__all__ = [
    "DERIVED_FILES",
    "ImportPreview",
    "ImportResult",
    "import_bundle",
    "import_bundles",
    "plan_files",
    "preview_import",
]
