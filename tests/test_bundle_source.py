"""open_bundle's checks on their own: per-entry size, honest compressible entries, big folders, validate's exit 2."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from tests.test_bundle_support import sample, write_zip
from zcdesk.cli import main
from zcdesk.core.bundle_source import BundleLimits, open_bundle
from zcdesk.core.errors import UnreadableInput

MiB = 1024 * 1024


def test_one_entry_over_the_limit(tmp_path: Path) -> None:
    bundle = write_zip(tmp_path / "b.zip", sample(), [("attachments/huge.pdf", os.urandom(3 * MiB))])
    with pytest.raises(UnreadableInput, match=r"“attachments/huge\.pdf”解压后有 3 MB，超过单个文件 2 MB 的上限"):
        open_bundle(bundle, limits=BundleLimits(max_entry_bytes=2 * MiB))


def test_compressible_but_honest_entries_pass(tmp_path: Path) -> None:
    text = os.urandom(MiB).hex().encode()  # 2 MB of hex text: compresses, but nothing like a bomb
    bundle = write_zip(tmp_path / "b.zip", sample(), [("notes/text.txt", text)])
    with zipfile.ZipFile(bundle) as archive:
        info = archive.getinfo("notes/text.txt")
        assert 1.5 < info.file_size / info.compress_size < 100
    with open_bundle(bundle) as source:
        assert source.size("notes/text.txt") == 2 * MiB


def test_a_folder_with_too_many_files_is_refused_early(tmp_path: Path) -> None:
    folder = sample().write_folder(tmp_path / "home")
    junk = folder / "junk"
    junk.mkdir()
    for index in range(30):
        (junk / f"{index}.txt").write_bytes(b"x")
    with pytest.raises(UnreadableInput, match="文件超过 20 个"):
        open_bundle(folder, limits=BundleLimits(max_entries=20))


def test_entries_stream_only_what_they_declare(tmp_path: Path) -> None:
    original = sample()
    bundle = write_zip(tmp_path / "b.zip", original)
    name = original.bundle.attachments[1].file
    with open_bundle(bundle) as source, source.open(name) as stream:
        assert stream.read() == original.files[name]


def test_validate_refuses_an_unsafe_bundle_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = zipfile.ZipInfo("attachments/link.pdf")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bundle = write_zip(tmp_path / "link.zip", sample(), [(link, b"/etc/passwd")])
    assert main(["validate", str(bundle)]) == 2
    assert "是链接" in capsys.readouterr().err
