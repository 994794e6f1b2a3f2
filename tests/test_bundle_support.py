"""Helpers shared by the bundle tests: real zips built from samples, and the state of a data folder."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from zcdesk.core.manifest import dump_manifest
from zcdesk.core.samples import Sample, make_sample
from zcdesk.core.snapshot import AttachmentSnapshot


def write_zip(path: Path, sample: Sample, extra: Iterable[tuple[str | zipfile.ZipInfo, bytes]] = ()) -> Path:
    """A bundle zip of `sample` (manifest + attachments) with `extra` entries appended as given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", dump_manifest(sample.bundle))
        for name, data in sample.files.items():
            archive.writestr(name, data)
        for name, data in extra:
            archive.writestr(name, data)
    return path


def with_attachment(sample: Sample, file: str, data: bytes, media_type: str | None, **fields: object) -> Sample:
    """The sample with one more attachment record (its size and SHA-256 from `data` unless given)."""
    record = AttachmentSnapshot(
        id=f"x{len(sample.bundle.attachments) + 1}",
        category="other",
        file=file,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        title="附加材料",
        media_type=media_type,
    )
    record = replace(record, **fields)  # type: ignore[arg-type]
    bundle = replace(sample.bundle, attachments=(*sample.bundle.attachments, record))
    return Sample(bundle, {**sample.files, file: data})


def tree(root: Path) -> dict[str, str]:
    """Every file and folder below `root`: relative path -> SHA-256 (folders: "dir")."""
    out: dict[str, str] = {}
    if not root.exists():
        return out
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        out[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def db_dump(database: Path) -> list[str]:
    if not database.exists():
        return []
    connection = sqlite3.connect(database)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def folder_state(root: Path, data_dir: Path) -> tuple[dict[str, str], list[str]]:
    """The files under `root` (the database compared by content, not bytes) and the database rows."""
    files = {k: v for k, v in tree(root).items() if not k.endswith(("zcdesk.sqlite3", "-journal", "-wal", "-shm"))}
    return files, db_dump(data_dir / "zcdesk.sqlite3")


@contextmanager
def leaves_unchanged(root: Path, data_dir: Path) -> Iterator[None]:
    """Assert that nothing under `root` (the test's whole tmp folder) and no database row changed."""
    before = folder_state(root, data_dir)
    yield
    after = folder_state(root, data_dir)
    assert after[1] == before[1], "the database changed"
    assert after[0] == before[0], f"files changed: {set(after[0].items()) ^ set(before[0].items())}"
    staging = data_dir / "staging"
    assert not staging.exists() or not any(staging.iterdir()), "the staging folder was not cleaned"


def sample(channel: str = "enterprise", name: str = "张喆", achievements: int = 2) -> Sample:
    return make_sample(channel, achievements=achievements, name=name)
