"""Where a bundle is read from (`.zip`, unpacked folder, bare `manifest.json`), checked against hostile input.

Every entry name, link flag, size and compression ratio is checked when the bundle is opened,
before a single entry is read, so that a hostile bundle cannot make the program read or write
outside its folder or fill the disk (absolute paths, `..`, drive letters, links, case
duplicates, zip bombs). Reading an entry is also guarded: an entry that inflates past its
declared size is refused while it is read, whatever the zip's header claimed.
"""

from __future__ import annotations

import os
import stat
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from zcdesk.core.errors import UnreadableInput
from zcdesk.core.manifest import parse_manifest_bytes
from zcdesk.core.snapshot import BundleSnapshot

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MiB = 1024 * 1024


@dataclass(frozen=True)
class BundleLimits:
    """What a sane bundle stays within; see docs/bundle.md for why these numbers."""

    max_entries: int = 2000
    max_entry_bytes: int = 256 * MiB
    max_total_bytes: int = 2048 * MiB
    max_ratio: int = 100  # uncompressed / compressed, for entries of at least ratio_min_bytes
    ratio_min_bytes: int = 1 * MiB


DEFAULT_LIMITS = BundleLimits()


class BundlePasswordError(UnreadableInput):
    """The bundle is encrypted and no password, or a wrong one, was given."""


def _mib(size: int) -> str:
    return f"{size / MiB:.0f} MB"


def check_entry_name(name: str) -> str:
    """The entry's normalised relative name, or UnreadableInput naming why it is unsafe."""
    if not name or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise UnreadableInput(f"申报包中有不安全的文件名“{name!r}”（含控制字符），已拒绝")
    slashed = name.replace("\\", "/")
    if slashed.startswith("/") or (len(slashed) > 1 and slashed[1] == ":"):
        raise UnreadableInput(f"申报包中的文件“{name}”使用了绝对路径或盘符，已拒绝")
    if ":" in slashed:
        # Windows reads "a.pdf:x" as an alternate data stream and "C:x" as a drive.
        raise UnreadableInput(f"申报包中的文件名“{name}”含有冒号，已拒绝")
    raw_parts = slashed.rstrip("/").split("/")
    if any(part in ("..", ".") for part in raw_parts):
        raise UnreadableInput(f"申报包中的文件“{name}”含有“..”，可能写到包外，已拒绝")
    if any(part == "" for part in raw_parts):
        raise UnreadableInput(f"申报包中的文件名“{name}”含有空的路径段，已拒绝")
    parts = PurePosixPath(slashed).parts
    return unicodedata.normalize("NFC", "/".join(parts))


def _fold(name: str) -> str:
    """The key under which Windows and macOS treat two names as the same file."""
    return unicodedata.normalize("NFC", name).casefold()


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The entry's name; names written without the UTF-8 flag by Chinese Windows are GBK."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    compressed: int
    is_dir: bool
    info: Any = None  # zipfile.ZipInfo for zip bundles


class _GuardedReader:
    """A zip entry stream that refuses to give more bytes than the entry declared."""

    def __init__(self, stream: IO[bytes], entry: Entry) -> None:
        self._stream = stream
        self._entry = entry
        self._left = entry.size

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._stream.read(size)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise UnreadableInput(f"申报包中的“{self._entry.name}”已损坏，无法解压（{type(error).__name__}）") from None
        except RuntimeError as error:
            raise BundlePasswordError(f"无法解密申报包中的“{self._entry.name}”：密码不对（{error}）") from None
        self._left -= len(data)
        if self._left < 0:
            raise UnreadableInput(f"申报包中的“{self._entry.name}”解压后比声明的大小更大，疑似压缩炸弹，已拒绝")
        return data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self._stream.close()


@dataclass
class BundleSource:
    """An opened, checked bundle; use as a context manager so a zip is closed."""

    path: Path
    kind: str  # zip | folder | manifest
    _zip: Any = None  # zipfile.ZipFile or pyzipper.AESZipFile
    entries: dict[str, Entry] = field(default_factory=dict)
    encrypted: bool = False

    def __enter__(self) -> BundleSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    @property
    def has_files(self) -> bool:
        """False for a bare manifest.json: attachment files cannot be checked then."""
        return self.kind != "manifest"

    def names(self) -> list[str]:
        """Every file entry (not folders), in the bundle's own order."""
        return [entry.name for entry in self.entries.values() if not entry.is_dir]

    def _entry(self, name: str) -> Entry | None:
        entry = self.entries.get(check_entry_name(name))
        return None if entry is None or entry.is_dir else entry

    def exists(self, name: str) -> bool:
        return self._entry(name) is not None

    def size(self, name: str) -> int:
        entry = self._entry(name)
        if entry is None:
            raise FileNotFoundError(name)
        return entry.size

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:
        """A stream of the entry's bytes; never more than its declared size."""
        entry = self._entry(name)
        if entry is None:
            raise FileNotFoundError(name)
        if self._zip is not None:
            try:
                raw = self._zip.open(entry.info)
            except RuntimeError as error:  # pyzipper: bad or missing password
                raise BundlePasswordError(f"无法解密申报包中的“{entry.name}”：密码不对（{error}）") from None
            except (zipfile.BadZipFile, zlib.error, OSError) as error:
                raise UnreadableInput(f"申报包中的“{entry.name}”已损坏，无法读取（{type(error).__name__}）") from None
            reader = _GuardedReader(raw, entry)
            try:
                yield reader  # type: ignore[misc]
            finally:
                reader.close()
            return
        target = self.path / entry.name
        with _open_no_follow(target, entry.name) as handle:
            yield handle

    def read_manifest(self) -> BundleSnapshot:
        if self.kind == "manifest":
            raw = self.path.read_bytes()
        else:
            if not self.exists(MANIFEST):
                raise UnreadableInput(f"“{self.path.name}”中没有 manifest.json，不是 zcdesk 申报包")
            if self.size(MANIFEST) > MAX_MANIFEST_BYTES:
                raise UnreadableInput("manifest.json 大得不正常（超过 16 MB），已拒绝")
            try:
                with self.open(MANIFEST) as handle:
                    raw = handle.read(MAX_MANIFEST_BYTES + 1)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError) as error:
                # Damaged while inflating (bad CRC) or a compression method zipfile lacks: every
                # caller (validate, print, import) must see one clear message, not a traceback.
                raise UnreadableInput(f"无法读取申报包中的 manifest.json（{type(error).__name__}：{error}）") from None
        return parse_manifest_bytes(raw)


@contextmanager
def _open_no_follow(target: Path, name: str) -> Iterator[IO[bytes]]:
    # The folder was checked for links when opened; O_NOFOLLOW closes the race of one made since.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    if _is_link(target):
        raise UnreadableInput(f"申报包中的文件“{name}”是链接，已拒绝")
    try:
        descriptor = os.open(target, flags)
    except OSError as error:
        raise UnreadableInput(f"无法读取申报包中的“{name}”：{error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as handle:
        yield handle


def _is_link(path: Path) -> bool:
    """A symlink, or on Windows any reparse point (junctions too, which is_symlink misses)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return True
    attributes = getattr(info, "st_file_attributes", 0)
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)) if sys.platform == "win32" else False


class _EntryChecker:
    """Counts entries and bytes and spots case duplicates while a bundle's entries are listed."""

    def __init__(self, limits: BundleLimits) -> None:
        self.limits = limits
        self.entries: dict[str, Entry] = {}
        self.folded: dict[str, str] = {}
        self.total = 0

    def add(self, raw_name: str, size: int, compressed: int, is_dir: bool, info: Any = None) -> None:
        limits = self.limits
        if len(self.entries) >= limits.max_entries:
            raise UnreadableInput(f"申报包中的文件超过 {limits.max_entries} 个，不像一份申报，已拒绝")
        name = check_entry_name(raw_name)
        key = _fold(name)
        if key in self.folded:
            other = self.folded[key]
            if other == name:
                raise UnreadableInput(f"申报包中的“{raw_name}”出现了两次，已拒绝")
            raise UnreadableInput(f"申报包中的“{raw_name}”与“{other}”只有大小写不同，在 Windows 上会互相覆盖，已拒绝")
        if not is_dir:
            if size > limits.max_entry_bytes:
                raise UnreadableInput(
                    f"申报包中的“{raw_name}”解压后有 {_mib(size)}，超过单个文件 {_mib(limits.max_entry_bytes)} 的上限，已拒绝"
                )
            if size >= limits.ratio_min_bytes and size > limits.max_ratio * max(compressed, 1):
                raise UnreadableInput(
                    f"申报包中的“{raw_name}”压缩比异常（{size // max(compressed, 1)}:1），疑似压缩炸弹，已拒绝"
                )
            self.total += size
            if self.total > limits.max_total_bytes:
                raise UnreadableInput(
                    f"申报包解压后超过 {_mib(limits.max_total_bytes)}（到“{raw_name}”为止），不像一份申报，已拒绝"
                )
        self.folded[key] = name
        self.entries[name] = Entry(name, size, compressed, is_dir, info)


def _open_zip(source: Path, password: str | None, limits: BundleLimits) -> BundleSource:
    try:
        archive: Any = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableInput(f"“{source.name}”不是有效的 zip 文件：{error}") from None
    try:
        checker = _EntryChecker(limits)
        encrypted = False
        for info in archive.infolist():
            name = _zip_name(info)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UnreadableInput(f"申报包中的“{name}”是链接，已拒绝")
            checker.add(name, info.file_size, info.compress_size, info.is_dir(), info)
            encrypted = encrypted or bool(info.flag_bits & 0x1)
        if encrypted:
            archive.close()
            archive = _open_encrypted(source, password)
            # Re-key the entries on pyzipper's ZipInfo objects (same order, same checked names).
            infos = archive.infolist()
            entries = dict(checker.entries)
            checker.entries = {
                name: Entry(e.name, e.size, e.compressed, e.is_dir, info)
                for (name, e), info in zip(entries.items(), infos, strict=True)
            }
        bundle = BundleSource(source, "zip", archive, checker.entries, encrypted)
        if encrypted:
            _check_password(bundle)
        return bundle
    except BaseException:
        archive.close()
        raise


def _open_encrypted(source: Path, password: str | None) -> Any:
    if not password:
        raise BundlePasswordError(
            f"“{source.name}”是加密的申报包，需要密码才能读取（导入时请提供密码，命令行用 --password）"
        )
    import pyzipper  # WinZip AES, as 7-Zip and WinRAR write it

    archive = pyzipper.AESZipFile(source)
    archive.setpassword(password.encode("utf-8"))
    return archive


def _check_password(bundle: BundleSource) -> None:
    """Read one byte of the first encrypted entry: a wrong password is told before anything is staged."""
    for entry in bundle.entries.values():
        if entry.is_dir or not entry.info.flag_bits & 0x1:
            continue
        try:
            with bundle._zip.open(entry.info) as handle:
                handle.read(1)
        except RuntimeError:
            raise BundlePasswordError(f"“{bundle.path.name}”的密码不对，无法解密；请核对密码后重试") from None
        except (zipfile.BadZipFile, zlib.error, OSError) as error:
            raise UnreadableInput(f"申报包中的“{entry.name}”已损坏，无法读取（{type(error).__name__}）") from None
        return


def _open_folder(source: Path, limits: BundleLimits) -> BundleSource:
    checker = _EntryChecker(limits)
    pending = [source]
    while pending:
        folder = pending.pop()
        try:
            items = sorted(os.scandir(folder), key=lambda item: item.name)
        except OSError as error:
            raise UnreadableInput(f"无法读取文件夹“{folder}”：{error.strerror or error}") from None
        for item in items:
            relative = Path(item.path).relative_to(source).as_posix()
            if _is_link(Path(item.path)):
                raise UnreadableInput(f"申报包中的“{relative}”是链接（快捷方式/符号链接），已拒绝")
            if item.is_dir(follow_symlinks=False):
                checker.add(relative + "/", 0, 0, True)
                pending.append(Path(item.path))
            elif item.is_file(follow_symlinks=False):
                size = item.stat(follow_symlinks=False).st_size
                checker.add(relative, size, size, False)
            else:
                raise UnreadableInput(f"申报包中的“{relative}”不是普通文件，已拒绝")
    return BundleSource(source, "folder", None, checker.entries)


def open_bundle(
    path: str | os.PathLike[str], *, password: str | None = None, limits: BundleLimits = DEFAULT_LIMITS
) -> BundleSource:
    """Open and check a bundle for reading; UnreadableInput (in Chinese) when it is none or unsafe."""
    source = Path(path)
    if not source.exists():
        raise UnreadableInput(f"找不到“{source}”")
    if source.is_dir():
        return _open_folder(source, limits)
    if zipfile.is_zipfile(source):
        return _open_zip(source, password, limits)
    if source.suffix.lower() == ".json":
        return BundleSource(source, "manifest")
    if source.suffix.lower() == ".zip":
        raise UnreadableInput(f"“{source.name}”不是有效的 zip 文件：可能已损坏或没有下载完整，请重新获取申报包")
    raise UnreadableInput(f"“{source.name}”不是申报包：应为 .zip 文件、解压后的文件夹或 manifest.json")


def read_bundle_manifest(path: str | os.PathLike[str], *, password: str | None = None) -> BundleSnapshot:
    with open_bundle(path, password=password) as source:
        return source.read_manifest()
