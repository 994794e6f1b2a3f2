"""Render the forms of a short sample to docs/screenshots/ (pdftoppm) and grab the preview dialog.

Usage: .venv/bin/python tools/form_screenshots.py [--out docs/screenshots] [--dpi 80]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from zcdesk.core.samples import Sample, make_sample
from zcdesk.forms.publicity import render_publicity
from zcdesk.forms.roster import render_roster
from zcdesk.forms.summary import render_summary


def synthetic_photo() -> bytes:
    """A grey head-and-shoulders outline in 证件照 proportions (no real person)."""
    image = Image.new("RGB", (330, 480), (236, 240, 246))
    draw = ImageDraw.Draw(image)
    draw.ellipse((105, 80, 225, 220), fill=(170, 180, 196))
    draw.ellipse((40, 240, 290, 560), fill=(170, 180, 196))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def docs_sample() -> Sample:
    sample = make_sample(achievements=5)
    app = sample.bundle.application
    assert app.unit_review is not None
    review = dataclasses.replace(app.unit_review, publicity_result="无异议")
    bundle = dataclasses.replace(sample.bundle, application=dataclasses.replace(app, unit_review=review))
    return dataclasses.replace(sample, bundle=bundle)


def to_png(pdf: bytes, out: Path, names: list[str], dpi: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "form.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(source), str(Path(folder) / "page")], check=True)
        pages = sorted(Path(folder).glob("page-*.png"))
        for page, name in zip(pages, names, strict=False):
            # Palette PNGs keep the screenshots small (forms are mostly black, white and grey).
            Image.open(page).convert("RGB").quantize(64).save(out / name, optimize=True)


def grab_preview(pdf: bytes, target: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from zcdesk.ui.pdf_preview import PdfPreviewDialog
    from zcdesk.ui.qt_setup import setup_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)  # type: ignore[arg-type]
    dialog = PdfPreviewDialog(pdf, title="评审一览表预览", file_name="一览表.pdf")
    dialog.resize(760, 860)
    dialog.show()
    # QPdfView renders pages in the background: let it finish before the grab.
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    dialog.grab().toImage().save(str(target))
    Image.open(target).convert("RGB").quantize(128).save(target, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sample = docs_sample()
    summary = render_summary(sample.bundle, photo=synthetic_photo(), filled_on=dt.date(2025, 1, 15))
    to_png(summary, out, ["form-summary-p1.png", "form-summary-p2.png"], args.dpi)
    to_png(render_publicity(sample.bundle), out, ["form-publicity.png"], args.dpi)
    others = [
        make_sample("public-institution", 3, name="李玥").bundle,
        make_sample("post2-assess", 2, name="王堃").bundle,
    ]
    to_png(render_roster([sample.bundle, *others]), out, ["form-roster.png"], args.dpi)
    grab_preview(summary, out / "preview-dialog.png")
    for path in [*sorted(out.glob("form-*.png")), out / "preview-dialog.png"]:
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
