"""Where a bundle is read from: a `.zip`, an unpacked folder, or a bare `manifest.json`.

Every entry name is checked before anything is read, so that a hostile bundle cannot make the
program read or write outside its folder (absolute paths, `..`, drive letters, links).
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from zcdesk.core.errors import UnreadableInput
from zcdesk.core.manifest import parse_manifest_bytes
from zcdesk.core.snapshot import BundleSnapshot

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


def check_entry_name(name: str) -> str:
    """The entry's normalised relative name, or UnreadableInput naming why it is unsafe."""
    if not name or "\x00" in name:
        raise UnreadableInput(f"申报包中有不安全的文件名“{name!r}”")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise UnreadableInput(f"申报包中的文件“{name}”使用了绝对路径或盘符，已拒绝")
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if any(part in ("..", ".") for part in parts):
        raise UnreadableInput(f"申报包中的文件“{name}”含有“..”，可能写到包外，已拒绝")
    return "/".join(parts)


@dataclass
class BundleSource:
    """An opened bundle; use as a context manager so a zip is closed."""

    path: Path
    kind: str  # zip | folder | manifest
    _zip: zipfile.ZipFile | None = None

    def __enter__(self) -> BundleSource:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._zip is not None:
            self._zip.close()

    @property
    def has_files(self) -> bool:
        """False for a bare manifest.json: attachment files cannot be checked then."""
        return self.kind != "manifest"

    def exists(self, name: str) -> bool:
        name = check_entry_name(name)
        if self._zip is not None:
            try:
                info = self._zip.getinfo(name)
            except KeyError:
                return False
            return not info.is_dir()
        if self.kind == "folder":
            target = self.path / name
            return target.is_file() and not target.is_symlink()
        return False

    def size(self, name: str) -> int:
        name = check_entry_name(name)
        if self._zip is not None:
            return self._zip.getinfo(name).file_size
        return (self.path / name).stat().st_size

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:
        name = check_entry_name(name)
        if self._zip is not None:
            with self._zip.open(name) as handle:
                yield handle
            return
        if self.kind != "folder":
            raise FileNotFoundError(name)
        target = self.path / name
        if target.is_symlink():
            raise UnreadableInput(f"申报包中的文件“{name}”是链接，已拒绝")
        with target.open("rb") as handle:
            yield handle

    def read_manifest(self) -> BundleSnapshot:
        if self.kind == "manifest":
            raw = self.path.read_bytes()
        else:
            if not self.exists(MANIFEST):
                raise UnreadableInput(f"“{self.path.name}”中没有 manifest.json，不是 zcdesk 申报包")
            if self.size(MANIFEST) > MAX_MANIFEST_BYTES:
                raise UnreadableInput("manifest.json 大得不正常（超过 16 MB），已拒绝")
            with self.open(MANIFEST) as handle:
                raw = handle.read(MAX_MANIFEST_BYTES + 1)
        return parse_manifest_bytes(raw)


def open_bundle(path: str | os.PathLike[str]) -> BundleSource:
    """Open a bundle for reading; UnreadableInput (in Chinese) when it is none."""
    source = Path(path)
    if not source.exists():
        raise UnreadableInput(f"找不到“{source}”")
    if source.is_dir():
        return BundleSource(source, "folder")
    if zipfile.is_zipfile(source):
        try:
            archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError) as error:
            raise UnreadableInput(f"“{source.name}”不是有效的 zip 文件：{error}") from None
        for info in archive.infolist():
            check_entry_name(info.filename)
            if stat.S_ISLNK(info.external_attr >> 16):
                archive.close()
                raise UnreadableInput(f"申报包中的“{info.filename}”是链接，已拒绝")
        return BundleSource(source, "zip", archive)
    if source.suffix.lower() == ".json":
        return BundleSource(source, "manifest")
    raise UnreadableInput(f"“{source.name}”不是申报包：应为 .zip 文件、解压后的文件夹或 manifest.json")


def read_bundle_manifest(path: str | os.PathLike[str]) -> BundleSnapshot:
    with open_bundle(path) as source:
        return source.read_manifest()
