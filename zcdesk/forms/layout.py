"""Pagination of a form's sections: row heights from wrapped text, page breaks, 续表 headers.

Pure geometry in points, top-down (y grows downward from the top of the body area); the
renderer turns the pages into drawing. Nothing is ever clipped: rows grow with their text,
a row taller than a page is split between lines, a grid cut by a page break starts again
under its title with （续表） and its header rows, and a sub-band cut by the break is
repeated with （续）. A title or sub-band is never left alone at the foot of a page.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from zcdesk.forms.model import Cell, Note, Row, Section, Signature

MM = 72.0 / 25.4
CONTINUED_TABLE = "（续表）"
CONTINUED_BAND = "（续）"


@dataclass(frozen=True)
class Metrics:
    """Type sizes and spacing shared by the forms (points)."""

    size: float = 10.5
    leading: float = 14.0
    pad_x: float = 1.4 * MM
    pad_y: float = 3.0
    min_row: float = 20.0
    band: float = 18.5
    sub_band: float = 17.0
    note_size: float = 9.5
    photo_min: float = 36 * MM
    sign_line: float = 24.0
    checkbox_line: float = 22.0


@dataclass
class PlacedCell:
    cell: Cell
    x: float
    width: float
    height: float  # the cell's full height, over all rows it spans
    lines: list[str]
    hidden: bool = False  # covered by a merged cell above


@dataclass
class PlacedRow:
    y: float
    height: float
    cells: list[PlacedCell]
    section: int  # index of the section, so merges never cross sections


@dataclass
class PlacedBand:
    y: float
    height: float
    text: str


@dataclass
class PlacedNote:
    y: float
    height: float
    lines: list[str]


Placed = PlacedRow | PlacedBand | PlacedNote


@dataclass
class PagePlan:
    items: list[Placed] = field(default_factory=list)


@dataclass
class _Line:
    """A laid-out row before placement: its cells with wrapped lines and its height."""

    row: Row
    cells: list[PlacedCell]
    height: float
    splittable: bool


class Layout:
    """Lays sections out on pages of a given body height (the first page may be shorter)."""

    def __init__(
        self,
        grids: dict[str, tuple[float, ...]],
        measure: Callable[[str, bool], float],
        first_body: float,
        other_body: float,
        metrics: Metrics | None = None,
    ) -> None:
        self.grids = grids
        self.measure = measure
        self.first_body = first_body
        self.other_body = other_body
        self.m = metrics or Metrics()
        self.pages: list[PagePlan] = [PagePlan()]
        self.y = 0.0

    # -- measuring ------------------------------------------------------------------------

    def wrap(self, text: str, width: float, bold: bool = False) -> list[str]:
        from zcdesk.forms.text import wrap

        return wrap(text, max(width, 1.0), lambda piece: self.measure(piece, bold))

    def text_height(self, lines: int) -> float:
        return lines * self.m.leading + 2 * self.m.pad_y

    def sign_height(self, sign: Signature) -> float:
        needed = 16.0 + len(sign.checkboxes) * self.m.checkbox_line + len(sign.signers) * self.m.sign_line + 6.0
        return max(needed, sign.min_height_mm * MM)

    def _columns(self, rows: tuple[Row, ...], grid: str) -> list[list[tuple[Cell, float, float]]]:
        """For each row, its cells with x and width, skipping columns held by a rowspan above."""
        widths = self.grids[grid]
        edges = [0.0]
        for width in widths:
            edges.append(edges[-1] + width)
        held: dict[int, set[int]] = {}
        placed: list[list[tuple[Cell, float, float]]] = []
        for index, row in enumerate(rows):
            column = 0
            out = []
            for cell in row.cells:
                while column in held.get(index, set()):
                    column += 1
                end = min(column + cell.span, len(widths))
                out.append((cell, edges[column], edges[end] - edges[column]))
                for below in range(index + 1, index + cell.rowspan):
                    held.setdefault(below, set()).update(range(column, end))
                column = end
            placed.append(out)
        return placed

    def lay_rows(self, rows: tuple[Row, ...], grid: str) -> list[_Line]:
        """Rows with wrapped cells and heights; a rowspan cell's extra height goes to its last row."""
        m = self.m
        lines: list[_Line] = []
        spans: list[tuple[int, int, PlacedCell, float]] = []
        for index, (row, cells) in enumerate(zip(rows, self._columns(rows, grid), strict=True)):
            placed_cells = []
            height = m.min_row
            splittable = True
            for cell, x, width in cells:
                if cell.style == "sign" and cell.sign is not None:
                    need = self.sign_height(cell.sign)
                    wrapped: list[str] = []
                    splittable = False
                elif cell.style == "photo":
                    need = m.photo_min
                    wrapped = [cell.text]
                else:
                    wrapped = self.wrap(cell.text, width - 2 * m.pad_x, bold=cell.style == "band")
                    need = self.text_height(len(wrapped))
                placed = PlacedCell(cell, x, width, need, wrapped)
                placed_cells.append(placed)
                if cell.rowspan > 1:
                    spans.append((index, index + cell.rowspan - 1, placed, need))
                    splittable = False
                else:
                    height = max(height, need)
            if row.band is not None:
                height = max(m.sub_band, placed_cells[0].height)
            lines.append(_Line(row, placed_cells, height, splittable))
        for first, last, _placed, need in spans:
            last = min(last, len(lines) - 1)
            total = sum(line.height for line in lines[first : last + 1])
            if need > total:
                # Share the spanning cell's extra height (the photo's) among the rows it spans.
                extra = (need - total) / (last - first + 1)
                for line in lines[first : last + 1]:
                    line.height += extra
            for line in lines[first:last]:
                line.splittable = False
        for line in lines:
            for placed in line.cells:
                if placed.cell.rowspan == 1:
                    placed.height = line.height
        for first, last, placed, _ in spans:
            placed.height = sum(line.height for line in lines[first : min(last, len(lines) - 1) + 1])
        return lines

    # -- placing --------------------------------------------------------------------------

    @property
    def capacity(self) -> float:
        return self.first_body if len(self.pages) == 1 else self.other_body

    @property
    def remaining(self) -> float:
        return self.capacity - self.y

    def new_page(self) -> None:
        self.pages.append(PagePlan())
        self.y = 0.0

    def _put(self, item: Placed) -> None:
        self.pages[-1].items.append(item)
        self.y += item.height

    def place_band(self, text: str) -> None:
        self._put(PlacedBand(self.y, self.m.band, text))

    def place_line(self, line: _Line, section: int) -> None:
        cells = [replace(cell, lines=list(cell.lines)) for cell in line.cells]
        self._put(PlacedRow(self.y, line.height, cells, section))

    def place_note(self, note: Note, width: float) -> None:
        lines = self.wrap(note.text, width)
        height = len(lines) * self.m.leading + 6.0
        if height > self.remaining and self.y > 0:
            self.new_page()
        self._put(PlacedNote(self.y, height, lines))

    def place_section(self, section: Section, index: int) -> None:
        header = self.lay_rows(section.header, section.grid) if section.header else []
        body = self.lay_rows(section.rows, section.grid)
        header_height = sum(line.height for line in header)
        units = _units(body)
        first = sum(line.height for line in units[0]) if units else 0.0
        whole = self.m.band + header_height + sum(line.height for line in body)
        if section.keep_together and self.remaining < whole <= self.other_body and self.y > 0:
            self.new_page()
        elif self.m.band + header_height + first > self.remaining and self.y > 0:
            self.new_page()
        self.place_band(section.title)
        for line in header:
            self.place_line(line, index)
        open_band: str | None = None
        for unit in units:
            height = sum(line.height for line in unit)
            if height > self.remaining:
                self._continue(section, header, index, open_band, unit, height)
            else:
                for line in unit:
                    self.place_line(line, index)
            for line in unit:
                if line.row.band is not None:
                    open_band = line.row.band

    def _restart(
        self, section: Section, header: list[_Line], index: int, open_band: str | None, starts_with_band: bool
    ) -> None:
        self.new_page()
        self.place_band(section.title + CONTINUED_TABLE)
        for line in header:
            self.place_line(line, index)
        if open_band is not None and not starts_with_band:
            repeated = self.lay_rows(
                (Row((Cell(open_band + CONTINUED_BAND, "band", span=len(self.grids[section.grid]), align="left"),)),),
                section.grid,
            )
            self.place_line(repeated[0], index)

    def _continue(
        self, section: Section, header: list[_Line], index: int, open_band: str | None, unit: list[_Line], height: float
    ) -> None:
        """Place a unit that does not fit in what is left of the page."""
        starts_with_band = unit[0].row.band is not None
        overhead = (
            self.m.band
            + sum(line.height for line in header)
            + (0 if starts_with_band or open_band is None else self.m.sub_band)
        )
        if height + overhead <= self.other_body:
            self._restart(section, header, index, open_band, starts_with_band)
            for line in unit:
                self.place_line(line, index)
            return
        # Taller than a whole page: place it row by row, splitting rows between text lines.
        for line in _flatten(unit, self):
            if line.row.band is not None:
                open_band = line.row.band
            rest: _Line | None = line
            while rest is not None:
                if rest.height <= self.remaining:
                    self.place_line(rest, index)
                    break
                fits = self._lines_fitting(self.remaining)
                if not rest.splittable or fits < 2:
                    self._restart(section, header, index, open_band, rest.row.band is not None)
                    if rest.height <= self.remaining or not rest.splittable:
                        self.place_line(rest, index)
                        break
                    fits = self._lines_fitting(self.remaining)
                head, rest = self._split(rest, fits)
                self.place_line(head, index)
                self._restart(section, header, index, open_band, False)

    def _lines_fitting(self, space: float) -> int:
        return max(0, math.floor((space - 2 * self.m.pad_y) / self.m.leading))

    def _split(self, line: _Line, count: int) -> tuple[_Line, _Line]:
        head_cells = [replace(cell, lines=cell.lines[:count]) for cell in line.cells]
        rest_cells = [replace(cell, lines=cell.lines[count:]) for cell in line.cells]
        head_height = max(self.text_height(max((len(c.lines) for c in head_cells), default=1)), self.m.min_row)
        rest_height = max(self.text_height(max((len(c.lines) for c in rest_cells), default=1)), self.m.min_row)
        for cell in head_cells:
            cell.height = head_height
        for cell in rest_cells:
            cell.height = rest_height
        return _Line(line.row, head_cells, head_height, True), _Line(line.row, rest_cells, rest_height, True)

    def finish(self) -> list[PagePlan]:
        for page in self.pages:
            _merge_cells(page)
        return self.pages


def _units(lines: list[_Line]) -> list[list[_Line]]:
    """Rows that must stay together: a rowspan group, and a sub-band with the row after it."""
    units: list[list[_Line]] = []
    pending: list[_Line] = []
    index = 0
    while index < len(lines):
        unit = [lines[index]]
        # Rows tied by a rowspan are not splittable; keep them with the rows they span.
        span = max((cell.cell.rowspan for cell in lines[index].cells), default=1)
        unit += lines[index + 1 : index + span]
        index += max(span, 1)
        if lines[index - 1].row.band is not None and index < len(lines) and len(unit) == 1:
            pending += unit
            continue
        units.append(pending + unit)
        pending = []
    if pending:
        units.append(pending)
    return units


def _flatten(unit: list[_Line], layout: Layout) -> list[_Line]:
    """A rowspan group too tall for a page, as independent rows (the spanning cell's text on the first)."""
    out = []
    for line in unit:
        cells = []
        for cell in line.cells:
            if cell.cell.rowspan > 1:
                cell = replace(cell, cell=replace(cell.cell, rowspan=1), height=line.height)
            cells.append(cell)
        out.append(
            _Line(
                line.row,
                cells,
                line.height,
                line.row.band is None and all(c.cell.style not in ("sign", "photo") for c in cells),
            )
        )
    # Later rows lose the spanning cell's area: give them an empty cell of the same style there.
    for first, line in enumerate(unit):
        for cell in line.cells:
            if cell.cell.rowspan > 1:
                for below in out[first + 1 : first + cell.cell.rowspan]:
                    filler = PlacedCell(Cell("", cell.cell.style), cell.x, cell.width, below.height, [""])
                    below.cells.insert(0 if cell.x == 0 else len(below.cells), filler)
                    below.cells.sort(key=lambda c: c.x)
    return out


def _merge_cells(page: PagePlan) -> None:
    """Identical `merge` cells in consecutive rows of one section on one page become one cell."""
    previous: PlacedRow | None = None
    runs: dict[float, PlacedCell] = {}
    for item in page.items:
        if not isinstance(item, PlacedRow):
            previous, runs = None, {}
            continue
        adjacent = previous is not None and previous.section == item.section
        new_runs: dict[float, PlacedCell] = {}
        for cell in item.cells:
            if not cell.cell.merge:
                continue
            top = runs.get(cell.x) if adjacent else None
            if top is not None and top.cell.text == cell.cell.text:
                top.height += item.height
                cell.hidden = True
                new_runs[cell.x] = top
            else:
                new_runs[cell.x] = cell
        previous, runs = item, new_runs
