"""Content-addressed attachment files: stored once, judged by content, never altered."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from zcdesk.core.attachment_store import AttachmentStore
from zcdesk.core.errors import UserError
from zcdesk.core.filetypes import inspect_bytes, sniff_media_type
from zcdesk.core.samples import tiny_pdf, tiny_png


def test_same_bytes_are_stored_once_under_their_hash(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "attachments")
    data = tiny_pdf("hello", pages=3)
    source_a = tmp_path / "证书.pdf"
    source_b = tmp_path / "copy.bin"
    source_a.write_bytes(data)
    source_b.write_bytes(data)
    facts, new = store.put_path(source_a)
    again, new_again = store.put_path(source_b)
    assert (new, new_again) == (True, False)
    assert facts == again
    assert facts.sha256 == hashlib.sha256(data).hexdigest()
    assert facts.media_type == "application/pdf" and facts.pages == 3 and facts.size == len(data)
    assert store.path(facts.sha256).read_bytes() == data
    assert source_a.read_bytes() == data, "the user's original is untouched"
    files = [p for p in (tmp_path / "attachments").rglob("*") if p.is_file()]
    assert files == [store.path(facts.sha256)], "no temporary files left behind"


def test_media_type_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "a")
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(tiny_png(40, 30))
    facts, _ = store.put_path(fake)
    assert facts.media_type == "image/png"
    assert (facts.width, facts.height) == (40, 30)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "空的"),
        (b"PK\x03\x04 this is a zip", "不是 PDF、JPEG 或 PNG"),
        (b"%PDF-1.4\n garbage without objects", "PDF 已损坏"),
        (tiny_png()[:30], "图片已损坏"),
    ],
)
def test_unusable_files_are_named(data: bytes, problem: str) -> None:
    facts = inspect_bytes(data)
    assert not facts.usable
    assert facts.problem is not None and problem in facts.problem


def test_encrypted_pdf_is_unusable() -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(tiny_pdf())))
    writer.encrypt(user_password="", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    facts = inspect_bytes(out.getvalue())
    assert facts.media_type == "application/pdf"
    assert facts.problem is not None and "加密" in facts.problem


def test_sniffing() -> None:
    assert sniff_media_type(b"%PDF-1.7") == "application/pdf"
    assert sniff_media_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff_media_type(tiny_png()) == "image/png"
    assert sniff_media_type(b"GIF89a") is None


def test_missing_file_and_bad_hash_are_clear(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "a")
    with pytest.raises(UserError, match="缺少附件文件"):
        store.open("0" * 64)
    with pytest.raises(UserError, match="不是有效的 SHA-256"):
        store.path("../../etc/passwd")
    with pytest.raises(UserError, match="无法读取文件"):
        store.put_path(tmp_path / "nope.pdf")
