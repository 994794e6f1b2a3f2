"""The renderer every paper form shares: page, margins, header, footer, QR code, grid drawing."""

from __future__ import annotations

import functools
import io
import threading
from typing import ClassVar

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from zcdesk.core.errors import UserError
from zcdesk.forms import tounicode
from zcdesk.forms.fonts import FontSet, clean_text, load_fonts
from zcdesk.forms.layout import MM, Layout, Metrics, PagePlan, PlacedBand, PlacedCell, PlacedNote, PlacedRow
from zcdesk.forms.model import FormDocument, HeaderField, Note, Row, Section, Signature
from zcdesk.forms.text import wrap

PAPERS = {"A4": A4, "A3": A3}
# reportlab keeps per-document font state on shared font objects: one render at a time.
_render_lock = threading.Lock()

GREY_SECTION = 0.86
GREY_LABEL = 0.94
GREY_HEAD = 0.92
GREY_BAND = 0.90
RULE = 0.25  # inner rules: dark grey, thin
FRAME_WIDTH = 1.1
RULE_WIDTH = 0.45
CAPTION_SIZE = 5.5
CAPTION_LEADING = 2.3 * MM
RUNNING_SIZE = 9.0
# Where a CJK line's baseline sits below the middle of its line box, as a fraction of the size.
BASELINE_DROP = 0.36


class FormRenderer:
    """Draws a FormDocument; subclasses give the grids (column widths in mm at A4) and paper."""

    grids: ClassVar[dict[str, tuple[float, ...]]] = {}
    landscape: ClassVar[bool] = False
    papers: ClassVar[tuple[str, ...]] = ("A4",)
    margin_left = 15 * MM
    margin_right = 15 * MM
    margin_top = 12 * MM
    margin_bottom = 20 * MM
    title_size = 18.0
    qr_size = 16 * MM

    def __init__(self, paper: str = "A4", fonts: FontSet | None = None, metrics: Metrics | None = None) -> None:
        if paper not in self.papers:
            allowed = "、".join(self.papers)
            raise UserError(f"这张表不能用 {paper} 纸打印（可用：{allowed}）")
        size = PAPERS[paper]
        self.pagesize = landscape(size) if self.landscape else size
        self.paper = paper
        self.fonts = fonts or load_fonts()
        self.m = metrics or Metrics()
        self.width = self.pagesize[0] - self.margin_left - self.margin_right

    # -- geometry -------------------------------------------------------------------------

    def grid_points(self) -> dict[str, tuple[float, ...]]:
        """Column widths in points, scaled so every grid fills the paper's content width."""
        out = {}
        for name, widths in self.grids.items():
            total = sum(widths)
            out[name] = tuple(self.width * width / total for width in widths)
        return out

    def measure(self, text: str, bold: bool = False, size: float | None = None) -> float:
        return float(self.fonts.width(text, size or self.m.size, bold))

    def header_columns(self, form: FormDocument, count: int) -> list[tuple[float, float]]:
        """x and width of the header fields of a line with `count` fields, left of the QR code.

        The split follows the longest first field (within 35–55 % of the width), so that the
        usual values (a unit's name, a channel's label) stay on one line.
        """
        usable = self.width - self.qr_size - 3 * MM
        if count == 1:
            return [(0.0, usable)]
        natural = max(
            (self.measure(f"{line[0].label}：{line[0].value}") for line in form.header if len(line) > 1), default=0.0
        )
        split = min(max(natural + 6 * MM, self.width * 0.35), self.width * 0.55)
        return [(0.0, split - 3 * MM), (split, usable - split)]

    def header_layout(self, form: FormDocument) -> list[tuple[HeaderField, float, float, list[str]]]:
        """Each header field with its x, top and wrapped value lines (value hangs after the label)."""
        placed = []
        top = 17 * MM
        for line in form.header:
            height = 0.0
            for item, (x, width) in zip(line, self.header_columns(form, len(line)), strict=False):
                label_width = self.measure(f"{item.label}：")
                lines = wrap(item.value, width - label_width, self.measure)
                placed.append((item, x, top, lines))
                height = max(height, len(lines) * 15.0)
            top += max(height, 15.0) + 2.0
        return placed

    def first_body_top(self, form: FormDocument) -> float:
        captions = len(self.caption_lines(form, self.qr_size + 4 * MM)) if form.qr_payload else 0
        bottom = self.qr_size + 2.4 * MM + captions * CAPTION_LEADING
        for _, _, top, lines in self.header_layout(form):
            bottom = max(bottom, top + len(lines) * 15.0)
        return self.margin_top + bottom + 4 * MM

    def other_body_top(self) -> float:
        return self.margin_top + 17 * MM

    # -- rendering ------------------------------------------------------------------------

    def layout(self, form: FormDocument) -> list[PagePlan]:
        self.fonts.check(form.all_text())
        height = self.pagesize[1]
        body_bottom = height - self.margin_bottom
        layout = Layout(
            self.grid_points(),
            lambda text, bold: self.measure(text, bold),
            first_body=body_bottom - self.first_body_top(form),
            other_body=body_bottom - self.other_body_top(),
            metrics=self.m,
        )
        for index, part in enumerate(form.body):
            if isinstance(part, Section):
                layout.place_section(part, index)
            elif isinstance(part, Note):
                layout.place_note(part, self.width)
        return layout.finish()

    def render(self, form: FormDocument) -> bytes:
        """The form as PDF bytes; the same form gives the same bytes (reportlab invariant mode)."""
        tounicode.install()
        form = _clean(form)
        with _render_lock:
            pages = self.layout(form)
            buffer = io.BytesIO()
            # The initial font is ours, so that no unembedded Helvetica is referenced by the pages.
            canvas = Canvas(
                buffer,
                pagesize=self.pagesize,
                invariant=1,
                pageCompression=1,
                initialFontName=self.fonts.regular.name,
            )
            canvas.setTitle(form.title)
            canvas.setAuthor("zcdesk")
            canvas.setCreator("zcdesk 离线填报工具")
            canvas.setSubject(form.title)
            first_top = self.first_body_top(form)
            for number, page in enumerate(pages, start=1):
                top = first_top if number == 1 else self.other_body_top()
                if number == 1:
                    self.draw_header(canvas, form)
                else:
                    self.draw_running_header(canvas, form)
                self.draw_items(canvas, form, page, top)
                self.draw_footer(canvas, form, number, len(pages))
                if form.watermark:
                    self.draw_watermark(canvas, form.watermark)
                canvas.showPage()
            canvas.save()
            return buffer.getvalue()

    # -- drawing primitives ---------------------------------------------------------------

    def y(self, top: float) -> float:
        """PDF y of a distance from the top of the page."""
        return float(self.pagesize[1]) - top

    def text(
        self,
        canvas: Canvas,
        x: float,
        baseline_top: float,
        text: str,
        size: float,
        bold: bool = False,
        grey: float = 0.0,
    ) -> float:
        """Draw one line in runs of the font that has each character; returns its width."""
        if not text:
            return 0.0
        canvas.setFillGray(grey)
        obj = canvas.beginText(x, self.y(baseline_top))
        for font, run in self.fonts.runs(text, bold):
            obj.setFont(font, size)
            obj.textOut(run)
        canvas.drawText(obj)
        return self.fonts.width(text, size, bold)

    def text_in_box(
        self,
        canvas: Canvas,
        lines: list[str],
        x: float,
        top: float,
        width: float,
        height: float,
        align: str,
        bold: bool = False,
    ) -> None:
        m = self.m
        block = len(lines) * m.leading
        first = top + (height - block) / 2
        for index, line in enumerate(lines):
            baseline = first + index * m.leading + m.leading / 2 + BASELINE_DROP * m.size
            if align == "left":
                left = x + m.pad_x
            else:
                left = x + (width - self.measure(line, bold)) / 2
            self.text(canvas, left, baseline, line, m.size, bold)

    def draw_items(self, canvas: Canvas, form: FormDocument, page: PagePlan, top: float) -> None:
        frame_start: float | None = None
        frame_end = 0.0
        for item in page.items:
            y = top + item.y
            if isinstance(item, PlacedNote):
                if frame_start is not None:
                    self.frame(canvas, frame_start, frame_end)
                    frame_start = None
                for index, line in enumerate(item.lines):
                    self.text(
                        canvas,
                        0 + self.margin_left,
                        y + 4 + index * self.m.leading + self.m.leading / 2 + BASELINE_DROP * self.m.size,
                        line,
                        self.m.size,
                    )
                continue
            if frame_start is None:
                frame_start = y
            frame_end = y + item.height
            if isinstance(item, PlacedBand):
                self.box(canvas, 0, y, self.width, item.height, GREY_SECTION)
                self.text_in_box(canvas, [item.text], self.margin_left, y, self.width, item.height, "left", bold=True)
            else:
                self.draw_row(canvas, form, item, y)
        if frame_start is not None:
            self.frame(canvas, frame_start, frame_end)

    def box(self, canvas: Canvas, x: float, top: float, width: float, height: float, fill: float | None) -> None:
        canvas.setLineWidth(RULE_WIDTH)
        canvas.setStrokeGray(RULE)
        if fill is not None:
            canvas.setFillGray(fill)
        canvas.rect(self.margin_left + x, self.y(top + height), width, height, stroke=1, fill=0 if fill is None else 1)

    def frame(self, canvas: Canvas, top: float, bottom: float) -> None:
        canvas.setLineWidth(FRAME_WIDTH)
        canvas.setStrokeGray(0)
        canvas.rect(self.margin_left, self.y(bottom), self.width, bottom - top, stroke=1, fill=0)

    def draw_row(self, canvas: Canvas, form: FormDocument, row: PlacedRow, top: float) -> None:
        fills = {"label": GREY_LABEL, "head": GREY_HEAD, "band": GREY_BAND}
        for cell in row.cells:
            if cell.hidden:
                continue
            style = cell.cell.style
            self.box(canvas, cell.x, top, cell.width, cell.height, fills.get(style))
            if style == "photo":
                self.draw_photo(canvas, form, cell, top)
            elif style == "sign" and cell.cell.sign is not None:
                self.draw_signature(canvas, cell.cell.sign, cell, top)
            else:
                self.text_in_box(
                    canvas,
                    cell.lines,
                    self.margin_left + cell.x,
                    top,
                    cell.width,
                    cell.height,
                    cell.cell.align,
                    bold=style == "band",
                )

    def draw_photo(self, canvas: Canvas, form: FormDocument, cell: PlacedCell, top: float) -> None:
        pad = 2 * MM
        x = self.margin_left + cell.x + pad
        width = cell.width - 2 * pad
        height = cell.height - 2 * pad
        if form.photo:
            try:
                image = ImageReader(io.BytesIO(form.photo))
                image_width, image_height = image.getSize()
                scale = min(width / image_width, height / image_height)
                shown_width, shown_height = image_width * scale, image_height * scale
                canvas.drawImage(
                    image,
                    x + (width - shown_width) / 2,
                    self.y(top + pad + (height + shown_height) / 2),
                    shown_width,
                    shown_height,
                )
                return
            except Exception:  # a damaged photo must not stop the form: print the empty box instead
                pass
        label = cell.lines[0] if cell.lines else "照片"
        self.text(
            canvas,
            x + (width - self.measure(label)) / 2,
            top + cell.height / 2 + BASELINE_DROP * self.m.size,
            label,
            self.m.size,
            grey=0.55,
        )

    def draw_signature(self, canvas: Canvas, sign: Signature, cell: PlacedCell, top: float) -> None:
        m = self.m
        left = self.margin_left + cell.x + 4 * MM
        right = self.margin_left + cell.x + cell.width - 4 * MM
        bottom = top + cell.height
        canvas.setStrokeGray(0)
        canvas.setLineWidth(0.5)
        line_y = top + 16.0
        for text in sign.checkboxes:
            width = self.text(canvas, left, line_y, text, m.size)
            if text.endswith("："):
                end = right - 32 * MM if sign.seal else right
                canvas.line(left + width + 2, self.y(line_y + 2), end, self.y(line_y + 2))
            line_y += m.checkbox_line
        # Signature lines from the bottom up, the date on the last one at the right.
        baseline = bottom - 12.0
        date_width = self.measure(sign.date)
        self.text(canvas, right - date_width, baseline, sign.date, m.size)
        for label, count in reversed(sign.signers):
            width = self.text(canvas, left, baseline, label, m.size)
            x = left + width + 2
            for _ in range(count):
                canvas.setStrokeGray(0)
                canvas.setLineWidth(0.5)
                canvas.line(x, self.y(baseline + 2), x + 24 * MM, self.y(baseline + 2))
                x += 28 * MM
            baseline -= m.sign_line
        if sign.seal:
            radius = 13 * MM
            cx = right - 16 * MM
            cy = bottom - 12.0 - m.leading - radius
            cy = max(cy, top + radius + 3)
            canvas.setDash(2, 2)
            canvas.setStrokeGray(0.6)
            canvas.circle(cx, self.y(cy), radius, stroke=1, fill=0)
            canvas.setDash()
            size = m.size - 1.5
            self.text(canvas, cx - self.fonts.width(sign.seal, size) / 2, cy + 3, sign.seal, size, grey=0.6)

    # -- page furniture -------------------------------------------------------------------

    def draw_qr(self, canvas: Canvas, form: FormDocument, size: float, caption: bool) -> None:
        if not form.qr_payload:
            return
        x = self.pagesize[0] - self.margin_right - size
        modules = qr_modules(form.qr_payload)
        count = len(modules)
        # Drawn once per document as a form XObject in module units, placed scaled on each page.
        name = "zcQR"
        if not canvas.hasForm(name):
            canvas.beginForm(name, 0, 0, count, count)
            canvas.setFillGray(0)
            path = canvas.beginPath()
            for r, line in enumerate(modules):
                for start, length in _dark_runs(line):
                    path.rect(start, count - r - 1, length, 1)
            canvas.drawPath(path, stroke=0, fill=1)
            canvas.endForm()
        canvas.saveState()
        canvas.translate(x, self.y(self.margin_top + size))
        canvas.scale(size / count, size / count)
        canvas.doForm(name)
        canvas.restoreState()
        if caption:
            top = self.margin_top + size + 2.4 * MM
            for text in self.caption_lines(form, size + 4 * MM):
                width = self.fonts.width(text, CAPTION_SIZE)
                self.text(canvas, x + size / 2 - width / 2, top, text, CAPTION_SIZE, grey=0.35)
                top += CAPTION_LEADING

    def caption_lines(self, form: FormDocument, width: float) -> list[str]:
        """The QR caption wrapped to `width` (a long name takes more lines, never more room sideways)."""
        lines: list[str] = []
        for text in form.qr_caption:
            lines += wrap(text, width, lambda piece: self.fonts.width(piece, CAPTION_SIZE))
        return lines

    def draw_header(self, canvas: Canvas, form: FormDocument) -> None:
        title_width = self.fonts.width(form.title, self.title_size, bold=True)
        self.text(
            canvas,
            self.margin_left + (self.width - title_width) / 2,
            self.margin_top + 9 * MM,
            form.title,
            self.title_size,
            bold=True,
        )
        self.draw_qr(canvas, form, self.qr_size, caption=True)
        for item, x, top, lines in self.header_layout(form):
            label = f"{item.label}："
            label_width = self.text(canvas, self.margin_left + x, self.margin_top + top + 11, label, self.m.size)
            for index, line in enumerate(lines):
                self.text(
                    canvas,
                    self.margin_left + x + label_width,
                    self.margin_top + top + 11 + index * 15.0,
                    line,
                    self.m.size,
                )

    def draw_running_header(self, canvas: Canvas, form: FormDocument) -> None:
        size = 13 * MM
        self.draw_qr(canvas, form, size, caption=False)
        baseline = self.margin_top + size - 1
        right = self.width - size - 2 * MM  # from the left margin, where the QR code starts
        captions = self.caption_lines(form, 45 * MM) if form.qr_caption else []
        caption_width = max((self.fonts.width(text, CAPTION_SIZE) for text in captions), default=0.0)
        # Caption right-aligned before the QR code, the header text left; both stack upwards when
        # they need more than one line, so neither ever runs into the other or the QR code.
        for index, text in enumerate(reversed(captions)):
            width = self.fonts.width(text, CAPTION_SIZE)
            self.text(
                canvas,
                self.margin_left + right - width,
                baseline - index * CAPTION_LEADING,
                text,
                CAPTION_SIZE,
                grey=0.35,
            )
        available = right - caption_width - 4 * MM
        lines = wrap(form.running_header, available, lambda piece: self.fonts.width(piece, RUNNING_SIZE))
        for index, text in enumerate(reversed(lines)):
            self.text(canvas, self.margin_left, baseline - index * (RUNNING_SIZE + 2), text, RUNNING_SIZE)

    def draw_footer(self, canvas: Canvas, form: FormDocument, number: int, total: int) -> None:
        bottom = self.pagesize[1]
        note_width = self.fonts.width(form.footer_note, 7.5)
        self.text(
            canvas, self.margin_left + (self.width - note_width) / 2, bottom - 12 * MM, form.footer_note, 7.5, grey=0.3
        )
        page = f"第 {number} 页  共 {total} 页"
        self.text(
            canvas, self.margin_left + (self.width - self.fonts.width(page, 9.0)) / 2, bottom - 7.5 * MM, page, 9.0
        )

    def draw_watermark(self, canvas: Canvas, text: str) -> None:
        canvas.saveState()
        canvas.setFillColorRGB(0.75, 0.1, 0.1, alpha=0.13)
        canvas.translate(self.pagesize[0] / 2, self.pagesize[1] / 2)
        canvas.rotate(35)
        size = 120.0
        width = self.fonts.width(text, size, bold=True)
        obj = canvas.beginText(-width / 2, -size / 3)
        for font, run in self.fonts.runs(text, bold=True):
            obj.setFont(font, size)
            obj.textOut(run)
        canvas.drawText(obj)
        canvas.restoreState()


@functools.lru_cache(maxsize=64)
def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's dark modules, from reportlab's encoder (level M: readable when slightly soiled).

    Drawing them ourselves, not through renderPDF, keeps reportlab's default Helvetica out of
    the page resources.
    """
    widget = QrCodeWidget(payload, barLevel="M")
    widget.qr.make()
    return tuple(tuple(bool(dark) for dark in line) for line in widget.qr.modules)


def _dark_runs(line: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules: one rectangle per run, not per module."""
    runs = []
    start = None
    for index, dark in enumerate((*line, False)):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def _clean(form: FormDocument) -> FormDocument:
    """The form with every string reduced to what can be drawn (see fonts.clean_text)."""
    from dataclasses import replace

    def fix_section(section: Section) -> Section:
        def fix_rows(rows: tuple[Row, ...]) -> tuple[Row, ...]:
            return tuple(replace(r, cells=tuple(replace(c, text=clean_text(c.text)) for c in r.cells)) for r in rows)

        return replace(
            section, title=clean_text(section.title), rows=fix_rows(section.rows), header=fix_rows(section.header)
        )

    body = tuple(fix_section(part) if isinstance(part, Section) else Note(clean_text(part.text)) for part in form.body)
    header = tuple(tuple(HeaderField(clean_text(f.label), clean_text(f.value)) for f in line) for line in form.header)
    return replace(
        form,
        title=clean_text(form.title),
        running_header=clean_text(form.running_header),
        header=header,
        body=body,
    )
