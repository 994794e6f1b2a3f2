"""Form rendering speed: the 一览表 and 公示表 of a 40-achievement application.

Reported with a baseline measured in the same run (these machines are noisy): a one-page
reportlab canvas with the same embedded font and about as much text as one form page.
Font loading happens once per process and is measured apart, in fresh processes.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import time

from reportlab.pdfgen.canvas import Canvas

from zcdesk.core.samples import make_sample
from zcdesk.forms.fonts import load_fonts
from zcdesk.forms.publicity import render_publicity
from zcdesk.forms.publicity_data import publicity_data
from zcdesk.forms.summary import render_summary
from zcdesk.forms.summary_data import summary_data

RUNS = 15
LINE = "基于微服务架构的政务数据共享平台设计与实现 2020.01 吉林省科学技术厅 ZC-2020-0001"


def baseline_page() -> bytes:
    """One A4 page, 60 lines of CJK text in the same TrueType font, embedded as a subset."""
    fonts = load_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=fonts.regular.name)
    canvas.setFont(fonts.regular.name, 10.5)
    for number in range(60):
        canvas.drawString(40, 800 - number * 13, f"{number:02d} {LINE}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_forms(achievements: int) -> tuple[float, float, float, int]:
    sample = make_sample(achievements=achievements)
    photo = next(sample.files[a.file] for a in sample.bundle.attachments if a.category == "photo")
    forms, data, base = [], [], []
    pages = 0
    render_summary(sample.bundle, photo=photo)  # warm-up: fonts registered, caches filled
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        t0 = time.perf_counter()
        summary = render_summary(sample.bundle, photo=photo)
        publicity = render_publicity(sample.bundle)
        t1 = time.perf_counter()
        summary_data(sample.bundle)
        publicity_data(sample.bundle)
        t2 = time.perf_counter()
        baseline_page()
        t3 = time.perf_counter()
        forms.append(t1 - t0)
        data.append(t2 - t1)
        base.append(t3 - t2)
        pages = summary.count(b"/Type /Page\n") + publicity.count(b"/Type /Page\n")
    return median_ms(forms), median_ms(data), median_ms(base), pages


def bench_font_load() -> tuple[float, float]:
    code_fonts = "import time; t=time.perf_counter(); from zcdesk.forms.fonts import load_fonts; load_fonts(); print(time.perf_counter()-t)"
    code_import = "import time; t=time.perf_counter(); import reportlab.pdfgen.canvas; print(time.perf_counter()-t)"
    ours, base = [], []
    for _ in range(5):
        ours.append(
            float(subprocess.run([sys.executable, "-c", code_fonts], capture_output=True, text=True, check=True).stdout)
        )
        base.append(
            float(
                subprocess.run([sys.executable, "-c", code_import], capture_output=True, text=True, check=True).stdout
            )
        )
    return median_ms(ours), median_ms(base)


def main() -> None:
    forms40, data40, base40, pages40 = bench_forms(40)
    forms60, _, base60, pages60 = bench_forms(60)
    fonts, imported = bench_font_load()
    print("## Paper forms (一览表 + 公示表)\n")
    print("| measure | zcdesk | baseline | ratio |")
    print("|---|---:|---:|---:|")
    print(
        f"| both forms, 40 achievements ({pages40} pages, with photo) | {forms40:.0f} ms | {base40:.1f} ms (one-page canvas, same font, 60 lines) | {forms40 / base40:.1f}× |"
    )
    print(
        f"| both forms, 60 achievements ({pages60} pages) | {forms60:.0f} ms | {base60:.1f} ms (same baseline) | {forms60 / base60:.1f}× |"
    )
    print(f"| form data only (summary_data + publicity_data), 40 achievements | {data40:.1f} ms | — | — |")
    print(
        f"| loading the bundled fonts, once per process (fresh process) | {fonts:.0f} ms | {imported:.0f} ms (`import reportlab.pdfgen.canvas`) | {fonts / imported:.1f}× |"
    )
    print(
        f"\nGoal: both forms of a 40-achievement application under 1 s — measured {forms40:.0f} ms (median of {RUNS})."
    )


if __name__ == "__main__":
    main()
