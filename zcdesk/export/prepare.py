"""Attachments made ready for the online system: checked by content, rotated and shrunk only when they must be.

A file already within the limits (a real PDF, JPEG or PNG, not over the size limit, not
needing rotation) is used byte-for-byte as it is. An image that needs its EXIF rotation
applied, or is over the limit, is re-encoded (and only then downscaled), never below the
policy's short side (about 150 dpi at A4) or JPEG quality. The result of a conversion passes
unchanged through a second one, so export -> import -> export gives the same bytes.
The originals in the store are never touched: conversions return new bytes.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from zcdesk.core.errors import UserError
from zcdesk.core.filetypes import FileFacts, hash_stream, inspect_bytes, inspect_known
from zcdesk.core.policy import AttachmentLimits

MiB = 1024 * 1024
# Qualities tried from the best down; the policy's minimum is always the last one tried.
JPEG_QUALITIES = (90, 85, 80)
EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class PreparedFile:
    """What goes into the bundle for one stored file."""

    sha256: str
    size: int
    media_type: str | None
    pages: int | None  # PDF pages; None for an image
    data: bytes | None  # the converted bytes; None: the original is used unchanged
    notes: tuple[str, ...] = ()  # Chinese: what was done to the file
    problem: str | None = None  # Chinese: why it cannot be uploaded (an ATTACHMENT-FORMAT error)

    @property
    def changed(self) -> bool:
        return self.data is not None


def _mb(size: int) -> str:
    return f"{size / MiB:.1f} MB"


def prepare_file(path: Path, limits: AttachmentLimits, sha256: str | None = None) -> PreparedFile:
    """Check one file and, where needed, convert it; `sha256` when known (the store's file name) saves a pass."""
    with path.open("rb") as handle:
        return prepare_stream(handle, limits, sha256)


def prepare_bytes(data: bytes, limits: AttachmentLimits) -> PreparedFile:
    return prepare_stream(io.BytesIO(data), limits)


def prepare_stream(handle: IO[bytes], limits: AttachmentLimits, sha256: str | None = None) -> PreparedFile:
    """As prepare_file, for a seekable stream."""
    if sha256 is None:
        sha256, size, head = hash_stream(handle)
    else:
        size = handle.seek(0, io.SEEK_END)
        handle.seek(0)
        head = handle.read(1024)
    handle.seek(0)
    # An open handle, not a path: pypdf would read a whole file given its path.
    facts = inspect_known(handle, sha256, size, head)
    unchanged = PreparedFile(sha256, size, facts.media_type, _pages(facts), None)
    if facts.media_type is None or facts.problem is not None:
        return _with_problem(unchanged, facts.problem or "不是 PDF、JPEG 或 PNG 文件（按文件内容判断）")
    if facts.media_type == "application/pdf":
        if size > limits.max_bytes:
            return _with_problem(
                unchanged,
                f"PDF 文件有 {_mb(size)}，超过 {_mb(limits.max_bytes)} 的上限；请在扫描时降低分辨率，或拆分成几个文件分别添加",
            )
        return unchanged
    handle.seek(0)
    return _prepare_image(handle, facts, limits, unchanged)


def _pages(facts: FileFacts) -> int | None:
    return facts.pages if facts.media_type == "application/pdf" else None


def _with_problem(prepared: PreparedFile, problem: str) -> PreparedFile:
    return PreparedFile(prepared.sha256, prepared.size, prepared.media_type, prepared.pages, None, (), problem)


def _converted(data: bytes, media_type: str, notes: list[str]) -> PreparedFile:
    facts = inspect_bytes(data)
    return PreparedFile(facts.sha256, facts.size, media_type, None, data, tuple(notes))


# --- images ---------------------------------------------------------------------------------


def _orientation(image: Any) -> int:
    try:
        value = image.getexif().get(EXIF_ORIENTATION, 1)
    except Exception:  # a broken EXIF block is treated as no rotation, as viewers do
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _prepare_image(
    handle: IO[bytes], facts: FileFacts, limits: AttachmentLimits, unchanged: PreparedFile
) -> PreparedFile:
    from PIL import Image, ImageOps

    original = Image.open(handle)
    orientation = _orientation(original)
    if orientation == 1 and facts.size <= limits.max_bytes:
        original.close()
        return unchanged
    notes: list[str] = []
    qtables = getattr(original, "quantization", None) if original.format == "JPEG" else None
    sampling = _sampling(original) if original.format == "JPEG" else -1
    icc = original.info.get("icc_profile")
    dpi = original.info.get("dpi")
    original.load()
    # exif_transpose makes a new image; without rotation the decoded original is used as it is.
    image = ImageOps.exif_transpose(original) if orientation != 1 else original
    if orientation != 1:
        notes.append("已按照片的方向信息（EXIF）转正")
    if facts.media_type == "image/jpeg" and qtables and facts.size <= limits.max_bytes:
        # Rotation only: re-encode with the original's own quantisation tables, so quality stays as it was.
        data = _encode_jpeg(image, quality=None, qtables=qtables, subsampling=sampling, icc=icc, dpi=dpi)
        if len(data) <= limits.max_bytes:
            return _converted(data, "image/jpeg", notes)
    if facts.media_type == "image/png":
        data = _encode_png(image, icc=icc, dpi=dpi)
        if len(data) <= limits.max_bytes:
            if facts.size > limits.max_bytes:
                notes.append(f"已无损重新压缩（{_mb(facts.size)} → {_mb(len(data))}）")
            return _converted(data, "image/png", notes)
    fitted = _fit_jpeg(image, limits, icc=icc, dpi=dpi)
    if fitted is None:
        width, height = image.size
        return _with_problem(
            unchanged,
            f"图片有 {_mb(facts.size)}（{width}×{height} 像素），在不低于短边 {limits.min_short_side_px} 像素"
            f"（约 A4 150 dpi）、JPEG 质量 {limits.min_jpeg_quality} 的前提下仍压不到 {_mb(limits.max_bytes)} 以内；"
            "请拆分成几页分别添加，或扫描时降低分辨率",
        )
    data, quality, size = fitted
    notes.append(
        f"已压缩为 JPEG（{_mb(facts.size)} → {_mb(len(data))}，{size[0]}×{size[1]} 像素，质量 {quality}）"
        if size != image.size
        else f"已重新压缩为 JPEG（{_mb(facts.size)} → {_mb(len(data))}，质量 {quality}）"
    )
    return _converted(data, "image/jpeg", notes)


def _sampling(image: Any) -> int:
    from PIL import JpegImagePlugin

    try:
        return int(JpegImagePlugin.get_sampling(image))
    except Exception:
        return -1


def _for_jpeg(image: Any) -> Any:
    """The image in a mode JPEG can hold; transparency is laid on white, as on paper."""
    from PIL import Image

    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if image.mode in ("1", "I;16", "I", "F"):
        return image.convert("L")
    return image.convert("RGB")


def _encode_jpeg(
    image: Any,
    quality: int | None,
    *,
    qtables: Any = None,
    subsampling: int = -1,
    icc: bytes | None = None,
    dpi: Any = None,
) -> bytes:
    out = io.BytesIO()
    options: dict[str, Any] = {"optimize": True}
    if qtables:
        options["qtables"] = qtables
    else:
        options["quality"] = quality
    if subsampling != -1:
        options["subsampling"] = subsampling
    if icc:
        options["icc_profile"] = icc
    if dpi:
        options["dpi"] = dpi
    # No EXIF is written: the orientation is now in the pixels, and photos of documents should not carry GPS data.
    _for_jpeg(image).save(out, "JPEG", **options)
    return out.getvalue()


def _encode_png(image: Any, *, icc: bytes | None = None, dpi: Any = None) -> bytes:
    out = io.BytesIO()
    options: dict[str, Any] = {"compress_level": 9}
    if icc:
        options["icc_profile"] = icc
    if dpi:
        options["dpi"] = dpi
    image.save(out, "PNG", **options)
    return out.getvalue()


def _fit_jpeg(
    image: Any, limits: AttachmentLimits, *, icc: bytes | None, dpi: Any
) -> tuple[bytes, int, tuple[int, int]] | None:
    """The best JPEG within the size limit: full size first, then smaller, never below the policy's floor."""
    from PIL import Image

    floor = limits.min_jpeg_quality
    qualities = [q for q in JPEG_QUALITIES if q > floor] + [floor]
    width, height = image.size
    source = _for_jpeg(image)
    smallest_scale = min(1.0, limits.min_short_side_px / min(width, height))
    scale = 1.0
    current = source
    for _attempt in range(12):
        # The floor quality first: if even that is too big, better qualities are too.
        data = _encode_jpeg(current, floor, icc=icc, dpi=_scaled_dpi(dpi, scale))
        if len(data) <= limits.max_bytes:
            for quality in qualities[:-1]:
                better = _encode_jpeg(current, quality, icc=icc, dpi=_scaled_dpi(dpi, scale))
                if len(better) <= limits.max_bytes:
                    return better, quality, current.size
            return data, floor, current.size
        if scale <= smallest_scale:
            return None
        # Bytes grow about with the pixel count: aim just under the limit, at least 10 % smaller each step.
        estimate = scale * math.sqrt(limits.max_bytes / len(data)) * 0.97
        scale = max(smallest_scale, min(estimate, scale * 0.9))
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        current = source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return None


def _scaled_dpi(dpi: Any, scale: float) -> Any:
    if not dpi or scale == 1.0:
        return dpi
    try:
        return tuple(max(1, round(float(value) * scale)) for value in dpi)
    except (TypeError, ValueError):
        return None


# --- several page scans into one PDF --------------------------------------------------------


def combine_images_to_pdf(pages: Sequence[Path | bytes], limits: AttachmentLimits | None = None) -> bytes:
    """Several page images of one document as one PDF (img2pdf: JPEG embedded as it is, PNG lossless).

    Pages are laid on A4 (landscape pages on landscape A4). With `limits`, a result over the
    size limit is made again from pages shrunk to share the limit; UserError when even that
    cannot fit (then the document should be split).
    """
    if not pages:
        raise UserError("没有选择任何页面图片")
    images = [_page_bytes(page, index) for index, page in enumerate(pages, start=1)]
    pdf = _img2pdf(images)
    if limits is None or len(pdf) <= limits.max_bytes:
        return pdf
    # Shrink every page to an equal share of the limit (the PDF wrapper costs a few KB).
    share = AttachmentLimits(
        max_bytes=max(64 * 1024, (limits.max_bytes - 16 * 1024 * len(images)) // len(images)),
        media_types=limits.media_types,
        min_short_side_px=limits.min_short_side_px,
        min_jpeg_quality=limits.min_jpeg_quality,
    )
    shrunk = []
    for data in images:
        prepared = prepare_bytes(data, share)
        if prepared.problem is not None:
            break
        shrunk.append(prepared.data if prepared.data is not None else data)
    else:
        pdf = _img2pdf(shrunk)
        if len(pdf) <= limits.max_bytes:
            return pdf
    raise UserError(
        f"这 {len(images)} 页合成的 PDF 超过 {_mb(limits.max_bytes)}，在保证清晰度（约 150 dpi）的前提下无法压缩到上限以内；"
        "请分成几个文件分别添加（例如每个文件 10 页以内）"
    )


def _page_bytes(page: Path | bytes, index: int) -> bytes:
    """A page ready for img2pdf: a real JPEG or PNG, upright, without an alpha channel."""
    from PIL import Image

    data = page if isinstance(page, bytes) else page.read_bytes()
    facts = inspect_bytes(data)
    if facts.media_type not in ("image/jpeg", "image/png") or facts.problem:
        raise UserError(f"第 {index} 页不是可用的 JPEG 或 PNG 图片（{facts.problem or '按文件内容判断'}）")
    with Image.open(io.BytesIO(data)) as image:
        orientation = _orientation(image)
        alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        odd_mode = image.mode not in ("1", "L", "RGB", "CMYK", "P", "RGBA", "LA")
        if orientation == 1 and not alpha and not odd_mode:
            return data
        image.load()
        from PIL import ImageOps

        upright = ImageOps.exif_transpose(image) if orientation != 1 else image.copy()
        dpi = image.info.get("dpi")
    if facts.media_type == "image/jpeg" and not alpha:
        return _encode_jpeg(upright, 92, dpi=dpi)
    return _encode_png(_for_jpeg(upright), dpi=dpi)


def _img2pdf(images: Sequence[bytes]) -> bytes:
    import img2pdf

    a4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
    layout = img2pdf.get_layout_fun(a4, fit=img2pdf.FitMode.into, auto_orient=True)
    # nodate and the internal engine: the same pages give the same PDF bytes.
    result = img2pdf.convert(list(images), layout_fun=layout, nodate=True, engine=img2pdf.Engine.internal)
    assert isinstance(result, bytes)
    return result
