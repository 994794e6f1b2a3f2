"""Helpers the form tests share: read a PDF back with pdftotext, pypdf and pdffonts (no tests here)."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from zcdesk.core.samples import Sample


def pdftotext(pdf: bytes, *options: str) -> str:
    """poppler's text of the whole PDF (`-layout` keeps columns, `-raw` the drawing order)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def squeezed(pdf: bytes) -> str:
    """The text in drawing order with every space and line break removed, so wrapped cells read whole."""
    return re.sub(r"\s+", "", pdftotext(pdf, "-raw"))


def pypdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4)) for p in reader.pages
    ]


def pdffonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts' table as dicts: name, type, emb, sub, uni."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni id gen: read from the right, the type may have two words.
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def photo_of(sample: Sample) -> bytes:
    record = next(item for item in sample.bundle.attachments if item.category == "photo")
    return sample.files[record.file]
