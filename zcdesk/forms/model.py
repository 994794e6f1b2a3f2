"""The printed forms as plain data: sections of rows of cells holding the strings to print."""

from __future__ import annotations

from dataclasses import dataclass, field

# Cell styles the renderer knows: grey label cells, white value cells, grey column headings,
# grey sub-bands inside a grid (（一）论文、著作 …), the photo box and a signature area.
STYLES = ("label", "value", "head", "band", "photo", "sign")


@dataclass(frozen=True)
class Signature:
    """A hand-filled area: tick boxes, signature lines, a seal circle and a date to write."""

    checkboxes: tuple[str, ...] = ()
    signers: tuple[tuple[str, int], ...] = ()  # (label, how many signature lines)
    seal: str = ""
    date: str = "年　　月　　日"
    min_height_mm: float = 30.0  # room to write in by hand


@dataclass(frozen=True)
class Cell:
    text: str = ""
    style: str = "value"
    span: int = 1
    rowspan: int = 1
    align: str = "center"  # center | left
    # Merge with the identical cell above on the same page (the 公示表's 类别 column).
    merge: bool = False
    sign: Signature | None = None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]

    @property
    def band(self) -> str | None:
        """The sub-band's title when this row is one (a grey full-width row inside a grid)."""
        if len(self.cells) == 1 and self.cells[0].style == "band":
            return self.cells[0].text
        return None

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.cells)


@dataclass(frozen=True)
class Section:
    """A numbered part of a form: a grey title band, then one grid of rows.

    `grid` names the column layout the renderer uses; `header` rows are repeated, under the
    title with （续表）, when the grid continues on another page.
    """

    title: str
    grid: str
    rows: tuple[Row, ...]
    header: tuple[Row, ...] = ()
    # Signature sections stay on one page whenever they fit on one.
    keep_together: bool = False


@dataclass(frozen=True)
class Note:
    """A line of text below the grid, outside the frame (the 公示表's 注)."""

    text: str


@dataclass(frozen=True)
class HeaderField:
    label: str
    value: str


@dataclass(frozen=True)
class FormDocument:
    """Everything a renderer prints, already as text."""

    title: str
    header: tuple[tuple[HeaderField, ...], ...]  # lines of up to two fields
    running_header: str  # page 2 onward
    body: tuple[Section | Note, ...]
    footer_note: str
    qr_payload: str | None = None
    qr_caption: tuple[str, ...] = ()
    # The applicant's 证件照 (PNG/JPEG bytes) for a photo cell; not part of the text data.
    photo: bytes | None = field(default=None, compare=False, repr=False)
    watermark: str = ""  # 草稿 when the application has error findings

    def section(self, title_start: str) -> Section:
        for part in self.body:
            if isinstance(part, Section) and part.title.startswith(title_start):
                return part
        raise KeyError(title_start)

    def all_text(self) -> list[str]:
        """Every string the form prints, for coverage checks and tests."""
        texts = [self.title, self.running_header, self.footer_note, *self.qr_caption]
        for line in self.header:
            for item in line:
                texts += [item.label, item.value]
        for part in self.body:
            if isinstance(part, Note):
                texts.append(part.text)
                continue
            texts.append(part.title)
            for row in (*part.header, *part.rows):
                for cell in row.cells:
                    texts.append(cell.text)
                    if cell.sign is not None:
                        texts += [
                            *cell.sign.checkboxes,
                            *(label for label, _ in cell.sign.signers),
                            cell.sign.seal,
                            cell.sign.date,
                        ]
        return texts


def row(*cells: Cell) -> Row:
    return Row(tuple(cells))


def band(text: str, span: int) -> Row:
    return Row((Cell(text, "band", span=span, align="left"),))
