"""`zcdesk print PATH_OR_ID --out DIR`: write 一览表.pdf and 公示表.pdf for a bundle or a stored application."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zcdesk.commands.output import parse_date_option, say, warn
from zcdesk.core.attachment_store import photo_record, stored_photo
from zcdesk.core.bundle_source import open_bundle
from zcdesk.core.errors import UnreadableInput, UserError
from zcdesk.core.policy import load_policy
from zcdesk.core.snapshot import AttachmentSnapshot, BundleSnapshot

SUMMARY_FILE = "一览表.pdf"
PUBLICITY_FILE = "公示表.pdf"


@dataclass(frozen=True)
class PrintSource:
    """What the forms are printed from: the application, its 证件照 and the date it was last saved."""

    bundle: BundleSnapshot
    photo: bytes | None
    saved_on: dt.date | None


def _checked(record: AttachmentSnapshot, data: bytes) -> bytes | None:
    # Only the file the manifest names: a photo whose hash differs is not printed (validate reports it).
    return data if hashlib.sha256(data).hexdigest() == record.sha256 else None


def from_bundle(path: Path, password: str | None = None) -> PrintSource:
    with open_bundle(path, password=password) as source:
        bundle = source.read_manifest()
        record = photo_record(bundle)
        photo = None
        if record is not None and source.has_files and source.exists(record.file):
            limit = load_policy(bundle.policy_year).attachments.max_bytes
            try:
                if source.size(record.file) <= limit:
                    with source.open(record.file) as handle:
                        photo = _checked(record, handle.read(limit + 1))
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
                photo = None  # an unreadable photo leaves the box empty; the forms still print
    saved = None
    if bundle.created_at:
        try:
            saved = dt.datetime.fromisoformat(bundle.created_at.replace("Z", "+00:00")).date()
        except ValueError:
            saved = None
    return PrintSource(bundle, photo, saved)


def from_store(data_dir: str | None, app_id: int) -> PrintSource:
    from zcdesk.core.services import get_application
    from zcdesk.core.store import open_store

    store = open_store(data_dir)
    try:
        with store.unit_of_work() as session:
            stored = get_application(session, app_id)
        photo = stored_photo(store.files, stored.bundle)
        return PrintSource(stored.bundle, photo, stored.updated_at.date())
    finally:
        store.close()


def resolve(target: str, data_dir: str | None, password: str | None = None) -> PrintSource:
    """A path to a bundle (zip, folder, manifest.json) or the id of a stored application."""
    path = Path(target)
    if path.exists():
        return from_bundle(path, password)
    if target.strip().isdigit():
        return from_store(data_dir, int(target.strip()))
    raise UnreadableInput(f"找不到“{target}”：应为申报包（.zip、文件夹、manifest.json）或数据文件夹中的申报编号")


def parse_start(text: str | None) -> dt.date | None:
    return parse_date_option(text, "--publicity-start", "2025-01-16")


def write_forms(
    source: PrintSource,
    out: Path,
    *,
    paper: str = "A4",
    publicity_start: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Render both forms into `out` (created if needed); returns the written paths."""
    from zcdesk.forms.draft import has_errors
    from zcdesk.forms.publicity import render_publicity
    from zcdesk.forms.summary import render_summary

    today = today or dt.date.today()
    bundle = source.bundle
    policy = load_policy(bundle.policy_year)
    draft = has_errors(bundle, today)
    if draft:
        warn("zcdesk：申报中仍有错误（可用 zcdesk validate 查看），两张表已加“草稿”水印，不能作为正式材料")
    summary = render_summary(
        bundle,
        policy,
        paper=paper,
        photo=source.photo,
        filled_on=source.saved_on or today,
        publicity_start=publicity_start,
        draft=draft,
    )
    publicity = render_publicity(bundle, policy, publicity_start=publicity_start, draft=draft)
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in ((SUMMARY_FILE, summary), (PUBLICITY_FILE, publicity)):
            target = out / name
            partial = target.with_name(f".{name}.part")
            partial.write_bytes(data)
            partial.replace(target)  # never leave half a PDF under the real name
            written.append(target)
    except OSError as error:
        raise UserError(f"无法写入“{out}”：{error.strerror or error}") from None
    return written


def run(args: argparse.Namespace) -> int:
    source = resolve(args.target, args.data_dir, getattr(args, "password", None))
    start = parse_start(args.publicity_start)
    for path in write_forms(source, Path(args.out), paper=args.paper, publicity_start=start):
        say(str(path))
    return 0
