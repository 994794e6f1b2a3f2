"""What a file really is, judged by its bytes, never by its name.

`inspect_stream` reads a file once in chunks (SHA-256 and size) and then looks inside:
a PDF must open, be unencrypted and have pages; an image must decode. Both the attachment
store, `validate` and the bundle code use it, so all judge a file alike.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

CHUNK = 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff_media_type(head: bytes) -> str | None:
    """The media type the first bytes announce (PDF may start after up to 1 KB of junk)."""
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    return None


@dataclass(frozen=True)
class FileFacts:
    sha256: str
    size: int
    media_type: str | None  # None: not a PDF, JPEG or PNG
    pages: int | None = None  # PDF pages; 1 for an image
    width: int | None = None
    height: int | None = None
    problem: str | None = None  # Chinese: why the file cannot be used (empty, encrypted, broken …)

    @property
    def usable(self) -> bool:
        return self.media_type is not None and self.problem is None


def hash_stream(stream: IO[bytes], sink: IO[bytes] | None = None) -> tuple[str, int, bytes]:
    """SHA-256, size and the first 1 KB of a stream, copying it to `sink` on the way."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    while chunk := stream.read(CHUNK):
        if len(head) < 1024:
            head += chunk[: 1024 - len(head)]
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest(), size, head


def inspect_path(path: str | os.PathLike[str]) -> FileFacts:
    with open(path, "rb") as handle:
        sha, size, head = hash_stream(handle)
        handle.seek(0)
        # An open handle, not the path: given a path, pypdf reads the whole file into memory.
        return inspect_known(handle, sha, size, head)


def inspect_stream(stream: IO[bytes]) -> FileFacts:
    """Inspect a stream that cannot be seeked (a zip entry) by spooling it to a temporary file."""
    with tempfile.TemporaryFile() as spool:
        sha, size, head = hash_stream(stream, spool)
        spool.seek(0)
        return inspect_known(spool, sha, size, head)


def inspect_bytes(data: bytes) -> FileFacts:
    return inspect_stream(io.BytesIO(data))


def inspect_known(source: Path | IO[bytes], sha: str, size: int, head: bytes) -> FileFacts:
    """Look inside a file whose SHA-256, size and first bytes were taken while copying it."""
    if size == 0:
        return FileFacts(sha, 0, None, problem="文件是空的（0 字节）")
    media_type = sniff_media_type(head)
    if media_type is None:
        return FileFacts(sha, size, None, problem="不是 PDF、JPEG 或 PNG 文件（按文件内容判断）")
    if media_type == "application/pdf":
        return _inspect_pdf(source, sha, size)
    return _inspect_image(source, sha, size, media_type)


def _inspect_pdf(source: Path | IO[bytes], sha: str, size: int) -> FileFacts:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    pdf = "application/pdf"
    try:
        reader = PdfReader(source)
        if reader.is_encrypted:
            return FileFacts(sha, size, pdf, problem="PDF 已加密或设置了密码，网上系统无法读取，请另存为不加密的 PDF")
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError, AssertionError) as error:
        return FileFacts(sha, size, pdf, problem=f"PDF 已损坏，无法读取（{type(error).__name__}）")
    if pages == 0:
        return FileFacts(sha, size, pdf, pages=0, problem="PDF 没有页面")
    return FileFacts(sha, size, pdf, pages=pages)


def _inspect_image(source: Path | IO[bytes], sha: str, size: int, media_type: str) -> FileFacts:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        return FileFacts(sha, size, media_type, problem=f"图片已损坏，无法读取（{type(error).__name__}）")
    return FileFacts(sha, size, media_type, pages=1, width=width, height=height)
