"""Export one application as an upload bundle (zip, and a folder on request), written atomically.

Order of work: load the application, prepare its attachments (checked by content, converted
only where needed), validate the exported manifest, render the two forms, the 填报清单 and the
校验报告, then stream everything into a temporary zip beside the target and rename it into
place. The same data gives the same bytes, `created_at` in manifest.json aside (fixed entry
times, reportlab's invariant mode, fixed xlsx stamps) — except an encrypted zip, whose AES
salts are random by design.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from zcdesk import __version__
from zcdesk.core.errors import Cancelled, UserError
from zcdesk.core.manifest import dump_manifest, parse_manifest_bytes
from zcdesk.core.policy import Policy, load_policy
from zcdesk.core.progress import ProgressCallback, no_progress
from zcdesk.core.services import get_application, person_key
from zcdesk.core.snapshot import AttachmentSnapshot, BundleSnapshot, FormSnapshot
from zcdesk.core.store import Store
from zcdesk.core.vocab import ATTACHMENT_CATEGORIES, MEDIA_TYPES
from zcdesk.export.checklist import UploadRow, checklist_rows, checklist_xlsx
from zcdesk.export.export_policy import ExportPolicy, load_export_policy
from zcdesk.export.names import attachment_file_name, safe_file_name, unique_names
from zcdesk.export.prepare import PreparedFile, prepare_file
from zcdesk.export.report_pdf import FindingLike, UploadLine, render_report

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
SUMMARY_FILE = "forms/一览表.pdf"
PUBLICITY_FILE = "forms/公示表.pdf"
CHECKLIST_FILE = "填报清单.xlsx"
REPORT_FILE = "校验报告.pdf"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ExportResult:
    application_id: int
    zip_path: Path
    folder_path: Path | None
    draft: bool  # error findings: an interchange copy, not an upload package
    findings: tuple[FindingLike, ...]
    bundle: BundleSnapshot  # the manifest as written

    @property
    def errors(self) -> list[FindingLike]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def unacknowledged_warnings(self) -> list[FindingLike]:
        return [f for f in self.findings if f.severity == "warning" and not f.acknowledged]


@dataclass(frozen=True)
class _Item:
    """One attachment on its way into the bundle."""

    record: AttachmentSnapshot  # as exported (new name, sha, size, media type)
    source: Path  # the original in the store
    prepared: PreparedFile


@dataclass(frozen=True)
class _Plan:
    base_name: str
    bundle: BundleSnapshot
    items: tuple[_Item, ...]
    files: dict[str, bytes]  # generated entries: forms, 填报清单, 校验报告 (not manifest)
    manifest: bytes
    findings: tuple[FindingLike, ...]


# --- the public entry points --------------------------------------------------------------


def export_application(
    store: Store,
    app_id: int,
    out_dir: str | os.PathLike[str],
    *,
    today: dt.date,
    folder: bool = False,
    password: str | None = None,
    progress: ProgressCallback = no_progress,
    taken: set[str] | None = None,
) -> ExportResult:
    """Write `<姓名>_<通道号>_<年度>.zip` (and the folder) into `out_dir`; raises UserError, leaving nothing behind.

    `taken` collects the names written in one batch, so that two applicants of the same name
    never overwrite each other.
    """
    with store.unit_of_work() as session:
        stored = get_application(session, app_id)
    target_dir = Path(out_dir)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"无法创建导出文件夹“{target_dir}”：{error.strerror or error}") from None
    steps = Steps(progress, 2 * len(stored.bundle.attachments) + 3)
    plan = build_plan(store, stored.bundle, today=today, steps=steps)
    names = taken if taken is not None else set()
    base = _free_name(target_dir, plan.base_name, plan.bundle, names, password)
    names.add(base.casefold())
    zip_path = target_dir / f"{base}.zip"
    folder_path = target_dir / base if folder else None
    with _temporary(zip_path, ".part") as temp_zip:
        _write_zip(plan, temp_zip, password, steps)
        temp_folder = _build_folder(plan, folder_path) if folder_path is not None else None
        try:
            # Both are complete before either is renamed into place.
            os.replace(temp_zip, zip_path)
            if temp_folder is not None and folder_path is not None:
                _swap_folder(temp_folder, folder_path)
        except OSError as error:
            raise UserError(f"无法写入导出文件夹“{target_dir}”：{error.strerror or error}") from None
        finally:
            if temp_folder is not None:
                shutil.rmtree(temp_folder, ignore_errors=True)
    steps.finish()
    log.info(
        "exported application %d (%s, %d attachments)",
        app_id,
        "draft" if plan.bundle.draft else "upload",
        len(plan.items),
    )
    return ExportResult(app_id, zip_path, folder_path, plan.bundle.draft, plan.findings, plan.bundle)


class Steps:
    """Progress counted in steps (one per attachment prepared and written, plus the forms)."""

    def __init__(self, progress: ProgressCallback, total: int) -> None:
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.tick(0)

    def tick(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        if not self.progress(self.done, self.total):
            raise Cancelled("已取消导出，没有写入任何文件")

    def finish(self) -> None:
        self.done = self.total
        self.progress(self.total, self.total)


# --- planning: everything in memory but the attachment bytes -------------------------------


def build_plan(store: Store, bundle: BundleSnapshot, *, today: dt.date, steps: Steps | None = None) -> _Plan:
    steps = steps or Steps(no_progress, 1)
    policy = load_policy(bundle.policy_year)
    export_policy = load_export_policy(bundle.policy_year)
    app = bundle.application
    channel = policy.channel(app.channel)

    prepared: list[tuple[AttachmentSnapshot, Path, PreparedFile]] = []
    for item in bundle.attachments:
        source = store.files.path(item.sha256)
        if not source.is_file():
            raise UserError(f"数据文件夹中缺少附件“{item.title or item.id}”的文件，请在程序中重新添加该附件后再导出")
        prepared.append((item, source, prepare_file(source, policy.attachments, sha256=item.sha256)))
        steps.tick()

    ordered = order_attachments(bundle, [p[0] for p in prepared], export_policy)
    by_id = {p[0].id: p for p in prepared}
    width = max(2, len(str(len(ordered))))
    names = unique_names(
        attachment_file_name(
            number,
            width,
            ATTACHMENT_CATEGORIES.get(record.category, record.category),
            record.title or PurePosixPath(record.original_name or "").stem or None,
            "." + _extension(by_id[record.id][2], record),
        )
        for number, record in enumerate(ordered, start=1)
    )
    items = []
    for record, name in zip(ordered, names, strict=True):
        _, source, ready = by_id[record.id]
        exported = replace(
            record,
            file=f"attachments/{name}",
            sha256=ready.sha256,
            size=ready.size,
            media_type=ready.media_type,
            pages=ready.pages,
        )
        items.append(_Item(exported, source, ready))

    exported_bundle = replace(
        bundle,
        attachments=tuple(item.record for item in items),
        app_version=__version__,
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        forms=None,
        draft=False,
    )
    findings = validate_for_export(exported_bundle, items, today, policy)
    draft = any(f.severity == "error" for f in findings)
    exported_bundle = replace(exported_bundle, draft=draft)

    photo = _photo_bytes(items)
    summary, publicity = render_forms(exported_bundle, policy, photo=photo, today=today, draft=draft)
    steps.tick()
    exported_bundle = replace(
        exported_bundle,
        forms=(
            FormSnapshot("summary", SUMMARY_FILE, _sha(summary)),
            FormSnapshot("publicity", PUBLICITY_FILE, _sha(publicity)),
        ),
    )
    uploads = [_upload_line(item) for item in items]
    report = render_report(exported_bundle, findings, uploads, checked_on=today, notice=export_policy.notice)
    steps.tick()
    checklist = checklist_xlsx(
        checklist_rows(exported_bundle, export_policy),
        [
            UploadRow(
                number,
                PurePosixPath(item.record.file).name,
                ATTACHMENT_CATEGORIES.get(item.record.category, item.record.category),
                item.record.title or "",
                item.record.original_name or "",
                _handling(item.prepared),
            )
            for number, item in enumerate(items, start=1)
        ],
        title=f"{app.applicant.name} {bundle.policy_year}年度职称申报 填报清单",
        notice=export_policy.notice,
    )
    steps.tick()
    base_name = safe_file_name(f"{app.applicant.name}_{channel.no}_{bundle.policy_year}")
    return _Plan(
        base_name=base_name,
        bundle=exported_bundle,
        items=tuple(items),
        files={SUMMARY_FILE: summary, PUBLICITY_FILE: publicity, CHECKLIST_FILE: checklist, REPORT_FILE: report},
        manifest=dump_manifest(exported_bundle),
        findings=tuple(findings),
    )


def order_attachments(
    bundle: BundleSnapshot, records: Sequence[AttachmentSnapshot], policy: ExportPolicy
) -> list[AttachmentSnapshot]:
    """Upload order: by the channel's category order, then by the record that cites the file, then as stored.

    Sorting an already sorted list changes nothing, so a re-export keeps the order of an import.
    """
    rank = {category: index for index, category in enumerate(policy.upload_order(bundle.application.channel))}
    cited: dict[str, int] = {}
    for index, education in enumerate(bundle.application.education):
        for key in education.attachments:
            cited.setdefault(key, index)
    for index, achievement in enumerate(bundle.application.achievements):
        for key in achievement.attachments:
            cited.setdefault(key, index)
    positions = {record.id: index for index, record in enumerate(records)}
    return sorted(
        records,
        key=lambda r: (rank.get(r.category, len(rank)), cited.get(r.id, len(records)), positions[r.id]),
    )


def validate_for_export(
    bundle: BundleSnapshot, items: Sequence[_Item], today: dt.date, policy: Policy
) -> list[FindingLike]:
    """The rules' findings on the manifest as exported, plus ATTACHMENT-FORMAT for files that stay unusable."""
    from zcdesk.core.rules import finding_for, validate

    findings: list[FindingLike] = list(validate(bundle, today, policy).findings)
    for item in items:
        if item.prepared.problem is None:
            continue
        record = item.record
        findings.append(
            finding_for(
                "ATTACHMENT-FORMAT",
                None,
                variant="problem",
                year=bundle.policy_year,
                title=record.title or ATTACHMENT_CATEGORIES.get(record.category, record.category),
                file=record.file,
                problem=item.prepared.problem,
            )
        )
    rank = {"error": 0, "warning": 1}
    return sorted(findings, key=lambda f: rank.get(f.severity, 2))


def render_forms(
    bundle: BundleSnapshot, policy: Policy, *, photo: bytes | None, today: dt.date, draft: bool
) -> tuple[bytes, bytes]:
    """The 一览表 and 公示表 (草稿 watermark on a draft); the one place export meets the forms package."""
    from zcdesk.forms.publicity import render_publicity
    from zcdesk.forms.summary import render_summary

    summary = render_summary(bundle, policy, photo=photo, filled_on=today, draft=draft)
    publicity = render_publicity(bundle, policy, draft=draft)
    return summary, publicity


def _photo_bytes(items: Sequence[_Item]) -> bytes | None:
    for item in items:
        if item.record.category == "photo" and item.record.media_type in ("image/jpeg", "image/png"):
            if item.prepared.data is not None:
                return item.prepared.data
            return item.source.read_bytes()  # within the size limit, or it would have been converted
    return None


def _extension(prepared: PreparedFile, record: AttachmentSnapshot) -> str:
    if prepared.media_type in MEDIA_TYPES:
        return MEDIA_TYPES[prepared.media_type]
    # Not a PDF/JPEG/PNG by content: keep a known extension of the original, else .bin (a draft only).
    suffix = PurePosixPath(record.original_name or record.file).suffix.lower().lstrip(".")
    return suffix if suffix in ("pdf", "jpg", "jpeg", "png") else "bin"


def _handling(prepared: PreparedFile) -> str:
    if prepared.problem is not None:
        return f"不能使用：{prepared.problem}"
    if prepared.notes:
        return "；".join(prepared.notes)
    return "原样使用（已符合要求）"


def _upload_line(item: _Item) -> UploadLine:
    return UploadLine(PurePosixPath(item.record.file).name, item.record.original_name or "", _handling(item.prepared))


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


# --- where to write ------------------------------------------------------------------------


def _free_name(out_dir: Path, base: str, bundle: BundleSnapshot, taken: set[str], password: str | None) -> str:
    """The base name, or `_2`, `_3` … when it is taken by another applicant (same name, channel and year)."""
    key = person_key(bundle.application.applicant.id_number)
    for counter in range(1, 1000):
        name = base if counter == 1 else safe_file_name(f"{base}_{counter}")
        if name.casefold() in taken:
            continue
        existing = [p for p in (out_dir / f"{name}.zip", out_dir / name) if p.exists()]
        if all(_same_person(path, key, password) for path in existing):
            return name
    raise UserError(f"导出文件夹中同名的申报包太多（{base}），请换一个导出文件夹")


def _same_person(path: Path, key: str, password: str | None) -> bool:
    """Whether an existing bundle there is this applicant's own earlier export (then it is replaced)."""
    from zcdesk.core.bundle_source import open_bundle

    try:
        with open_bundle(path, password=password) as source:
            raw: bytes | None = None
            with source.open(MANIFEST) as handle:
                raw = handle.read(16 * 1024 * 1024)
        existing = parse_manifest_bytes(raw)
    except (UserError, OSError, FileNotFoundError):
        return False  # unreadable: never overwrite what we cannot identify
    return person_key(existing.application.applicant.id_number) == key


# --- writing -------------------------------------------------------------------------------


def _entry_order(plan: _Plan) -> Iterator[tuple[str, bytes | _Item]]:
    yield MANIFEST, plan.manifest
    yield SUMMARY_FILE, plan.files[SUMMARY_FILE]
    yield PUBLICITY_FILE, plan.files[PUBLICITY_FILE]
    for item in plan.items:
        yield item.record.file, item
    yield CHECKLIST_FILE, plan.files[CHECKLIST_FILE]
    yield REPORT_FILE, plan.files[REPORT_FILE]


def _zip_info(factory: Callable[..., Any], name: str, size: int, year: int) -> Any:
    info = factory(name, date_time=(year, 1, 1, 0, 0, 0))
    # Text compresses; PDFs, images and xlsx are compressed already, so they are stored (fast, like zip -0).
    info.compress_type = zipfile.ZIP_DEFLATED if name == MANIFEST else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # the same bytes on Windows and Linux
    info.file_size = size
    return info


@contextmanager
def _temporary(target: Path, suffix: str) -> Iterator[Path]:
    """A temporary name beside `target`, removed unless renamed into place."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def _write_zip(plan: _Plan, temp: Path, password: str | None, steps: Steps) -> None:
    year = plan.bundle.policy_year
    try:
        archive: Any
        if password:
            import pyzipper  # WinZip AES-256, as 7-Zip and WinRAR read and write it

            archive = pyzipper.AESZipFile(temp, "w", compression=zipfile.ZIP_STORED, encryption=pyzipper.WZ_AES)
            archive.setpassword(password.encode("utf-8"))
            factory = archive.zipinfo_cls
        else:
            archive = zipfile.ZipFile(temp, "w")
            factory = zipfile.ZipInfo
        with archive:
            for name, body in _entry_order(plan):
                if isinstance(body, bytes):
                    archive.writestr(_zip_info(factory, name, len(body), year), body)
                    continue
                info = _zip_info(factory, name, body.record.size, year)
                if body.prepared.data is not None:
                    archive.writestr(info, body.prepared.data)
                else:
                    with body.source.open("rb") as source, archive.open(info, "w") as sink:
                        shutil.copyfileobj(source, sink, CHUNK)
                steps.tick()
        # No fsync: an export can always be made again from the store, which is the copy kept durable.
    except OSError as error:
        raise UserError(f"无法写入“{temp.parent}”中的申报包：{error.strerror or error}") from None


def _build_folder(plan: _Plan, target: Path) -> Path:
    """The same tree as a folder, under a temporary name beside `target`."""
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        for name, body in _entry_order(plan):
            path = temp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            elif body.prepared.data is not None:
                path.write_bytes(body.prepared.data)
            else:
                with body.source.open("rb") as source, path.open("wb") as sink:
                    shutil.copyfileobj(source, sink, CHUNK)
    except BaseException as error:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(error, OSError):
            raise UserError(f"无法写入文件夹“{target}”：{error.strerror or error}") from None
        raise
    return temp


def _swap_folder(temp: Path, target: Path) -> None:
    """Put the new folder in place of an earlier export; the old one goes only once the new one is there."""
    old: Path | None = None
    if target.exists():
        old = target.with_name(f".{target.name}.{os.getpid()}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    try:
        os.replace(temp, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
