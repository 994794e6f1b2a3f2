"""Attachment files kept content-addressed in the data folder: `attachments/ab/<sha256>`.

A file is stored once whatever its name, written to a temporary name and renamed into
place only when complete, and never renamed or altered afterwards: the user's original
stays byte-for-byte what they added.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from zcdesk.core.errors import UserError
from zcdesk.core.filetypes import FileFacts, hash_stream, inspect_path
from zcdesk.core.snapshot import AttachmentSnapshot, BundleSnapshot

_SHA = re.compile(r"^[0-9a-f]{64}$")


class AttachmentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise UserError(f"附件标识“{sha256}”不是有效的 SHA-256")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def open(self, sha256: str) -> IO[bytes]:
        try:
            return self.path(sha256).open("rb")
        except FileNotFoundError:
            raise UserError(f"数据文件夹中缺少附件文件 {sha256[:12]}…，请重新添加该附件") from None

    def read_bytes(self, sha256: str) -> bytes:
        with self.open(sha256) as handle:
            return handle.read()

    def put_stream(self, stream: IO[bytes]) -> tuple[FileFacts, bool]:
        """Store a stream's bytes; returns what the file is and whether it was new here."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "wb") as sink:
                hash_stream(stream, sink)
                sink.flush()
                os.fsync(sink.fileno())
            facts = inspect_path(temp)
            final = self.path(facts.sha256)
            if final.exists():
                return facts, False
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, final)
            return facts, True
        finally:
            temp.unlink(missing_ok=True)

    def put_path(self, source: str | os.PathLike[str]) -> tuple[FileFacts, bool]:
        try:
            with open(source, "rb") as stream:
                return self.put_stream(stream)
        except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
            raise UserError(f"无法读取文件“{source}”：{error.strerror or error}") from None

    def copy_to(self, sha256: str, target: Path) -> None:
        """Copy a stored file out in chunks (exports), never holding it whole in memory."""
        with self.open(sha256) as source, target.open("wb") as sink:
            shutil.copyfileobj(source, sink, 1024 * 1024)

    def remove(self, digests: Iterable[str]) -> None:
        """Take back files that a failed import had added (only those; see services)."""
        for sha256 in digests:
            path = self.path(sha256)
            path.unlink(missing_ok=True)
            try:
                path.parent.rmdir()  # only succeeds when no other file shares the folder
            except OSError:
                pass


def photo_record(bundle: BundleSnapshot) -> AttachmentSnapshot | None:
    """The 证件照 the forms print: the first attachment of category `photo` that is an image."""
    for item in bundle.attachments:
        if item.category == "photo" and item.media_type in ("image/jpeg", "image/png"):
            return item
    return None


def stored_photo(files: AttachmentStore, bundle: BundleSnapshot) -> bytes | None:
    """The photo's bytes from the store, or None (no photo, file gone, or not the recorded bytes)."""
    record = photo_record(bundle)
    if record is None:
        return None
    try:
        data = files.path(record.sha256).read_bytes()
    except (OSError, UserError):
        return None
    # Only the file the record names: bytes that differ are never printed as someone's photo.
    return data if hashlib.sha256(data).hexdigest() == record.sha256 else None
