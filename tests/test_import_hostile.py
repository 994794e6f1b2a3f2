"""Hostile bundles, built for real in each test: each is refused, naming the entry, and nothing changes."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_bundle_support import leaves_unchanged, sample, tree, with_attachment, write_zip
from zcdesk.core.bundle_source import BundleLimits
from zcdesk.core.errors import UserError
from zcdesk.core.importer import import_bundle
from zcdesk.core.manifest import dump_manifest
from zcdesk.core.samples import Sample, make_id_number, tiny_pdf, tiny_png
from zcdesk.core.store import Store, open_store

MiB = 1024 * 1024


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A store that already holds someone else's application, so 'unchanged' means something."""
    opened = open_store(data_dir)
    other = sample(name="李四")
    applicant = replace(other.bundle.application.applicant, id_number=make_id_number(seq=77))
    other = Sample(
        replace(other.bundle, application=replace(other.bundle.application, applicant=applicant)), other.files
    )
    folder = other.write_folder(data_dir.parent / "other-bundle")
    import_bundle(opened, folder)
    yield opened
    opened.close()


def refused(store: Store, tmp_path: Path, bundle: Path, match: str, **kwargs: object) -> UserError:
    with leaves_unchanged(tmp_path, store.layout.root), pytest.raises(UserError, match=match) as caught:
        import_bundle(store, bundle, **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("entry", "match"),
    [
        ("/etc/evil.pdf", "绝对路径"),
        ("\\evil.pdf", "绝对路径"),
        ("C:/Windows/evil.pdf", "绝对路径或盘符"),
        ("C:evil.pdf", "盘符"),
        ("../evil.pdf", r"“\.\./evil\.pdf”含有“\.\.”"),
        ("attachments/../../evil.pdf", "含有“..”"),
        ("attachments\\..\\..\\evil.pdf", "含有“..”"),
        ("attachments/a.pdf:evil", "冒号"),
        ("attachments/bad\x07name.pdf", "控制字符"),
        ("attachments//double.pdf", "空的路径段"),
    ],
)
def test_unsafe_entry_names(store: Store, tmp_path: Path, entry: str, match: str) -> None:
    info = zipfile.ZipInfo("placeholder")
    info.filename = entry  # ZipInfo would normalise some of these; a hostile tool does not
    bundle = write_zip(tmp_path / "evil.zip", sample(), [(info, tiny_pdf())])
    refused(store, tmp_path, bundle, match)
    assert not (tmp_path.parent / "evil.pdf").exists()


def test_symlink_entry_in_zip(store: Store, tmp_path: Path) -> None:
    link = zipfile.ZipInfo("attachments/passwd.pdf")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bundle = write_zip(tmp_path / "link.zip", sample(), [(link, b"/etc/passwd")])
    refused(store, tmp_path, bundle, "“attachments/passwd.pdf”是链接")


def test_symlink_in_folder_bundle(store: Store, tmp_path: Path) -> None:
    folder = sample().write_folder(tmp_path / "bundle")
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(tiny_pdf("secret"))
    target = next(iter(sorted((folder / "attachments").iterdir())))
    target.unlink()
    os.symlink(secret, target)
    refused(store, tmp_path, folder, f"“attachments/{target.name}”是链接")


def test_symlinked_folder_in_folder_bundle(store: Store, tmp_path: Path) -> None:
    folder = sample().write_folder(tmp_path / "bundle")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, folder / "forms")
    refused(store, tmp_path, folder, "“forms”是链接")


def test_case_duplicates(store: Store, tmp_path: Path) -> None:
    bundle = write_zip(
        tmp_path / "case.zip", sample(), [("attachments/Extra.pdf", tiny_pdf()), ("attachments/EXTRA.pdf", tiny_pdf())]
    )
    refused(store, tmp_path, bundle, "“attachments/EXTRA.pdf”与“attachments/Extra.pdf”只有大小写不同")


def test_same_name_twice(store: Store, tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        bundle = write_zip(tmp_path / "twice.zip", sample(), [("manifest.json", b"{}")])
    refused(store, tmp_path, bundle, "“manifest.json”出现了两次")


def test_too_many_entries(store: Store, tmp_path: Path) -> None:
    extra = [(f"junk/{i:05d}.txt", b"x") for i in range(2001)]
    bundle = write_zip(tmp_path / "many.zip", sample(), extra)
    refused(store, tmp_path, bundle, "文件超过 2000 个")


def test_too_many_uncompressed_bytes(store: Store, tmp_path: Path) -> None:
    # The default limit is 2 GB; the same check with a small limit keeps the test fast.
    extra = [(f"junk/{i}.bin", os.urandom(MiB)) for i in range(5)]
    bundle = write_zip(tmp_path / "big.zip", sample(), extra)
    limits = BundleLimits(max_total_bytes=4 * MiB)
    refused(store, tmp_path, bundle, r"解压后超过 4 MB（到“junk/\d\.bin”为止）", limits=limits)


def _zeros_zip(path: Path, base: Sample, size: int) -> Path:
    """A bundle listing attachments/bomb.pdf: `size` bytes of zeros, deflated to a few hundred KB."""
    digest = hashlib.sha256()
    chunk = bytes(MiB)
    for _ in range(size // MiB):
        digest.update(chunk)
    listed = with_attachment(base, "attachments/bomb.pdf", b"", "application/pdf", size=size, sha256=digest.hexdigest())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", dump_manifest(listed.bundle))
        for name, data in base.files.items():
            archive.writestr(name, data)
        with archive.open("attachments/bomb.pdf", "w") as sink:
            for _ in range(size // MiB):
                sink.write(chunk)
    return path


def test_zip_bomb_ratio(store: Store, tmp_path: Path) -> None:
    bundle = _zeros_zip(tmp_path / "bomb.zip", sample(), 200 * MiB)
    assert bundle.stat().st_size < 2 * MiB
    refused(store, tmp_path, bundle, r"“attachments/bomb\.pdf”压缩比异常（\d+:1），疑似压缩炸弹")


def _patch_declared_size(data: bytearray, name: bytes, size: int) -> None:
    """Make the local and central headers of `name` claim `size` uncompressed bytes."""
    offset = 0
    while (local := data.find(b"PK\x03\x04", offset)) != -1:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + name_length] == name:
            struct.pack_into("<I", data, local + 22, size)
        offset = local + 4
    offset = 0
    while (central := data.find(b"PK\x01\x02", offset)) != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", data, central + 24, size)
        offset = central + 4


def test_zip_bomb_declared_small(store: Store, tmp_path: Path) -> None:
    """200 MB of zeros whose headers and manifest claim 1000 bytes: refused while reading, nothing big written."""
    base = sample()
    listed = with_attachment(base, "attachments/bomb.pdf", tiny_pdf()[:1000].ljust(1000, b" "), "application/pdf")
    honest = tmp_path / "honest.zip"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", dump_manifest(listed.bundle))
        for name, data in base.files.items():
            archive.writestr(name, data)
        with archive.open("attachments/bomb.pdf", "w") as sink:
            for _ in range(200):
                sink.write(bytes(MiB))
    raw = bytearray(honest.read_bytes())
    honest.unlink()
    _patch_declared_size(raw, b"attachments/bomb.pdf", 1000)
    bundle = tmp_path / "liar.zip"
    bundle.write_bytes(bytes(raw))
    with zipfile.ZipFile(bundle) as check:
        assert check.getinfo("attachments/bomb.pdf").file_size == 1000
    refused(store, tmp_path, bundle, "“attachments/bomb.pdf”已损坏|“attachments/bomb.pdf”解压后比声明的大小更大")


def test_png_named_pdf_declared_pdf(store: Store, tmp_path: Path) -> None:
    lying = with_attachment(sample(), "attachments/99_其他材料_扫描件.pdf", tiny_png(), "application/pdf")
    bundle = write_zip(tmp_path / "lying.zip", lying)
    refused(store, tmp_path, bundle, "“attachments/99_其他材料_扫描件.pdf”声明为 PDF，实际内容却是 PNG 图片")


def test_executable_named_pdf(store: Store, tmp_path: Path) -> None:
    exe = b"MZ\x90\x00" + os.urandom(2000)
    lying = with_attachment(sample(), "attachments/99_其他材料_说明.pdf", exe, "application/pdf")
    bundle = write_zip(tmp_path / "exe.zip", lying)
    refused(store, tmp_path, bundle, "“attachments/99_其他材料_说明.pdf”不是 PDF、JPEG 或 PNG 文件")


def test_extension_and_declared_type_disagree(store: Store, tmp_path: Path) -> None:
    lying = with_attachment(sample(), "attachments/99_其他材料_照片.png", tiny_pdf(), "application/pdf")
    bundle = write_zip(tmp_path / "ext.zip", lying)
    refused(store, tmp_path, bundle, "扩展名与声明的类型 application/pdf 不符")


def test_tampered_sha256(store: Store, tmp_path: Path) -> None:
    base = sample()
    name = base.bundle.attachments[1].file
    tampered = bytearray(base.files[name])
    tampered[-10] ^= 0x01  # same size, other bytes
    bundle = write_zip(tmp_path / "tampered.zip", Sample(base.bundle, {**base.files, name: bytes(tampered)}))
    error = refused(store, tmp_path, bundle, f"“{name}”与清单记录的 SHA-256 校验值不符")
    assert error.code == "ATTACHMENT-MISSING"


def test_size_differs_from_record(store: Store, tmp_path: Path) -> None:
    base = sample()
    name = base.bundle.attachments[2].file
    bundle = write_zip(tmp_path / "size.zip", Sample(base.bundle, {**base.files, name: base.files[name] + b"\n"}))
    refused(store, tmp_path, bundle, f"“{name}”大小为 \\d+ 字节，与清单记录的 \\d+ 字节不符")


def test_listed_file_missing(store: Store, tmp_path: Path) -> None:
    base = sample()
    name = base.bundle.attachments[0].file
    files = {k: v for k, v in base.files.items() if k != name}
    bundle = write_zip(tmp_path / "missing.zip", Sample(base.bundle, files))
    refused(store, tmp_path, bundle, f"缺少附件“证件照”的文件“{name}”")


def test_listed_file_outside_attachments(store: Store, tmp_path: Path) -> None:
    lying = with_attachment(sample(), "forms/一览表.pdf", tiny_pdf(), "application/pdf")
    bundle = write_zip(tmp_path / "outside.zip", lying)
    refused(store, tmp_path, bundle, "不在申报包的 attachments/ 文件夹中")


def test_broken_manifest_is_refused(store: Store, tmp_path: Path) -> None:
    bundle = tmp_path / "broken.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("manifest.json", b'{"format": "zcdesk-bundle", "format_version": 1, "policy_year": 2025}')
    refused(store, tmp_path, bundle, "缺少必填项“application”")


def test_not_a_zip(store: Store, tmp_path: Path) -> None:
    bundle = tmp_path / "fake.zip"
    bundle.write_bytes(b"PK\x03\x04 not really a zip")
    refused(store, tmp_path, bundle, "不是申报包|不是有效的 zip")


def test_unlisted_entries_are_ignored_never_read(store: Store, tmp_path: Path) -> None:
    """Decision: files the manifest does not list are not copied anywhere, only named in the result."""
    exe = b"MZ\x90\x00" + os.urandom(4000)
    bundle = write_zip(
        tmp_path / "extra.zip",
        sample(),
        [("attachments/setup.exe", exe), ("__MACOSX/._manifest.json", b"junk"), ("Thumbs.db", b"junk")],
    )
    before = tree(store.layout.attachments)
    result = import_bundle(store, bundle)
    assert set(result.ignored) == {"attachments/setup.exe", "__MACOSX/._manifest.json", "Thumbs.db"}
    added = set(tree(store.layout.attachments)) - set(before)
    assert not any(hashlib.sha256(exe).hexdigest() in name for name in added)


def test_zip_with_gbk_names_from_chinese_windows(store: Store, tmp_path: Path) -> None:
    """Explorer on Chinese Windows writes names in GBK without the UTF-8 flag; they still match the manifest."""

    class GbkInfo(zipfile.ZipInfo):
        def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # what a GBK Windows zipper writes
            return self.filename.encode("gbk"), self.flag_bits

    base = sample()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", dump_manifest(base.bundle))
        for name, data in base.files.items():
            archive.writestr(GbkInfo(name), data)
    bundle = tmp_path / "gbk.zip"
    bundle.write_bytes(buffer.getvalue())
    with zipfile.ZipFile(bundle) as check:  # Python itself reads these names as cp437 gibberish
        assert not set(check.namelist()) & set(base.files)
    result = import_bundle(store, bundle)
    assert result.name == "张喆"
