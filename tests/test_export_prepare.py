"""Attachment preparation with real images and PDFs: unchanged when fit, rotated, shrunk, refused; img2pdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from zcdesk.core.errors import UserError
from zcdesk.core.policy import AttachmentLimits, load_policy
from zcdesk.core.samples import tiny_pdf, tiny_png
from zcdesk.export.prepare import combine_images_to_pdf, prepare_bytes, prepare_file

LIMITS = load_policy(2025).attachments
MiB = 1024 * 1024


def jpeg(image: Image.Image, orientation: int | None = None, quality: int = 90) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()


def two_tone(size: tuple[int, int] = (400, 200)) -> Image.Image:
    """Left half red, right half blue: where the red half ends up tells the rotation."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


def noise(size: tuple[int, int], sigma: int = 80) -> Image.Image:
    return Image.merge("RGB", [Image.effect_noise(size, sigma) for _ in range(3)])


def open_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_small_png_passes_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(tiny_png(300, 400))
    prepared = prepare_file(path, LIMITS)
    assert prepared.data is None and not prepared.changed
    assert (prepared.media_type, prepared.size, prepared.problem) == ("image/png", path.stat().st_size, None)


def test_jpeg_without_rotation_passes_unchanged() -> None:
    data = jpeg(two_tone(), orientation=1)
    prepared = prepare_bytes(data, LIMITS)
    assert prepared.data is None and prepared.media_type == "image/jpeg"


def test_exif_rotated_jpeg_is_turned_upright_once() -> None:
    data = jpeg(two_tone(), orientation=6)  # 6: the viewer turns it 90° clockwise
    prepared = prepare_bytes(data, LIMITS)
    assert prepared.changed and prepared.notes == ("已按照片的方向信息（EXIF）转正",)
    assert prepared.data is not None
    upright = open_image(prepared.data)
    assert upright.size == (200, 400)
    assert upright.getexif().get(0x0112) is None
    red, blue = upright.getpixel((100, 50)), upright.getpixel((100, 350))
    assert red[0] > 200 and red[2] < 60, "the red half belongs on top after a clockwise turn"
    assert blue[2] > 200 and blue[0] < 60
    again = prepare_bytes(prepared.data, LIMITS)
    assert again.data is None and again.sha256 == prepared.sha256  # idempotent


def test_mirrored_orientation_is_handled() -> None:
    prepared = prepare_bytes(jpeg(two_tone(), orientation=2), LIMITS)
    assert prepared.data is not None
    mirrored = open_image(prepared.data)
    assert mirrored.size == (400, 200)
    assert mirrored.getpixel((350, 100))[0] > 200  # red moved to the right


@pytest.mark.slow
def test_big_noisy_jpeg_is_shrunk_within_the_floor() -> None:
    data = jpeg(noise((6000, 8000)), quality=92)
    assert len(data) > LIMITS.max_bytes
    prepared = prepare_bytes(data, LIMITS)
    assert prepared.problem is None and prepared.data is not None
    assert prepared.size <= LIMITS.max_bytes
    result = open_image(prepared.data)
    assert min(result.size) >= LIMITS.min_short_side_px
    assert result.size[0] / result.size[1] == pytest.approx(6000 / 8000, rel=0.01)
    quality = int(prepared.notes[-1].rsplit("质量 ", 1)[1].rstrip("）"))
    assert quality >= LIMITS.min_jpeg_quality
    assert prepare_bytes(prepared.data, LIMITS).data is None  # a converted file passes unchanged


def test_too_big_to_fit_above_the_floor_says_split() -> None:
    # Already at the minimum short side, and noise does not compress: it cannot fit in 1 MB.
    limits = AttachmentLimits(1 * MiB, LIMITS.media_types, 1240, 75)
    data = jpeg(noise((1240, 3000), sigma=120), quality=95)
    assert len(data) > limits.max_bytes
    prepared = prepare_bytes(data, limits)
    assert prepared.data is None
    assert prepared.problem is not None and "拆分" in prepared.problem and "1240" in prepared.problem


def test_big_png_becomes_a_jpeg_on_white() -> None:
    image = noise((1600, 2200)).convert("RGBA")
    image.putalpha(128)
    out = io.BytesIO()
    image.save(out, "PNG")
    limits = AttachmentLimits(2 * MiB, LIMITS.media_types, 1240, 75)
    assert out.tell() > limits.max_bytes
    prepared = prepare_bytes(out.getvalue(), limits)
    assert prepared.media_type == "image/jpeg" and prepared.data is not None
    assert prepared.size <= limits.max_bytes
    assert open_image(prepared.data).mode == "RGB"


def test_big_png_that_compresses_stays_png() -> None:
    image = Image.new("RGB", (3000, 3000), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=0)  # stored without compression: ~27 MB
    prepared = prepare_bytes(out.getvalue(), LIMITS)
    assert prepared.media_type == "image/png" and prepared.size < 1 * MiB
    assert "无损" in prepared.notes[-1]


def test_pdf_passes_unchanged_with_its_pages() -> None:
    prepared = prepare_bytes(tiny_pdf(pages=3), LIMITS)
    assert prepared.data is None and prepared.pages == 3 and prepared.problem is None


def test_encrypted_pdf_is_a_problem() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(tiny_pdf()))
    writer.encrypt(user_password="", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    prepared = prepare_bytes(out.getvalue(), LIMITS)
    assert prepared.problem is not None and "加密" in prepared.problem
    assert prepared.data is None


def test_empty_broken_and_oversized_pdfs_are_problems() -> None:
    empty = io.BytesIO()
    PdfWriter().write(empty)
    assert "没有页面" in (prepare_bytes(empty.getvalue(), LIMITS).problem or "")
    assert "损坏" in (prepare_bytes(b"%PDF-1.4\n garbage " * 50, LIMITS).problem or "")
    small = AttachmentLimits(1000, LIMITS.media_types, 1240, 75)
    big = prepare_bytes(tiny_pdf(pages=5), small)
    assert big.problem is not None and "拆分" in big.problem


def test_not_an_attachment_type() -> None:
    prepared = prepare_bytes(b"GIF89a" + bytes(100), LIMITS)
    assert prepared.media_type is None and prepared.problem is not None


def test_combine_scans_losslessly() -> None:
    pages = [jpeg(two_tone((1240, 1754)), quality=85), jpeg(noise((1240, 1754), 20), quality=80)]
    pdf = combine_images_to_pdf(pages, LIMITS)
    assert pdf == combine_images_to_pdf(pages, LIMITS)  # deterministic
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    for page, original in zip(reader.pages, pages, strict=True):
        (image,) = (xobject.get_object() for xobject in page["/Resources"]["/XObject"].values())
        assert image["/Filter"] == "/DCTDecode" and image.get_data() == original  # embedded byte for byte
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4
    assert prepare_bytes(pdf, LIMITS).data is None


def test_combine_handles_rotation_and_alpha() -> None:
    rgba = Image.new("RGBA", (300, 400), (0, 128, 0, 100))
    out = io.BytesIO()
    rgba.save(out, "PNG")
    pdf = combine_images_to_pdf([jpeg(two_tone(), orientation=6), out.getvalue()])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    first = reader.pages[0].images[0].image
    assert first.size == (200, 400)  # turned upright before embedding


def test_combine_refuses_what_cannot_fit() -> None:
    limits = AttachmentLimits(200 * 1024, LIMITS.media_types, 1240, 75)
    pages = [jpeg(noise((1240, 1754), 120), quality=95) for _ in range(3)]
    with pytest.raises(UserError, match="请分成几个文件分别添加"):
        combine_images_to_pdf(pages, limits)


def test_combine_refuses_non_images() -> None:
    with pytest.raises(UserError, match="第 2 页不是可用的 JPEG 或 PNG 图片"):
        combine_images_to_pdf([tiny_png(), tiny_pdf()])
