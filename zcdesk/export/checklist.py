"""The 填报清单: every text field in the online form's order, ready to copy (rows computed, then formatted)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zcdesk.core import vocab
from zcdesk.core.policy import load_policy
from zcdesk.core.snapshot import ApplicationSnapshot, BundleSnapshot
from zcdesk.export.export_policy import ChecklistField, ExportPolicy

ENUM_TABLES: dict[str, dict[str, str]] = {
    "sexes": vocab.SEXES,
    "applicant_statuses": vocab.APPLICANT_STATUSES,
    "employer_kinds": vocab.EMPLOYER_KINDS,
    "levels": vocab.LEVELS,
    "evaluation_modes": vocab.EVALUATION_MODES,
    "assessment_exceptions": vocab.ASSESSMENT_EXCEPTIONS,
    "freelance_fields": vocab.FREELANCE_FIELDS,
    "talent_classes": vocab.TALENT_CLASSES,
    "assessment_results": vocab.ASSESSMENT_RESULTS,
    "achievement_kinds": vocab.ACHIEVEMENT_KINDS,
    "review_statuses": vocab.REVIEW_STATUSES,
}
HEADER = ("序号", "栏目", "内容")
UPLOAD_HEADER = ("序号", "文件名", "附件类别", "标题", "原文件名", "处理说明")
# Fixed so the same application gives the same xlsx bytes (openpyxl stamps the clock otherwise).
FIXED_TIME = dt.datetime(2025, 1, 1)


@dataclass(frozen=True)
class ChecklistRow:
    """One line of the sheet; `number` None marks a section heading."""

    number: int | None
    label: str
    value: str


@dataclass(frozen=True)
class UploadRow:
    number: int
    file: str
    category: str
    title: str
    original_name: str
    note: str


def format_value(value: Any, kind: str) -> str:
    """A field's value as it is typed into the online form; empty stays empty (not 无)."""
    if value is None or value == "" or value == ():
        return ""
    if kind == "bool":
        return "是" if value else "否"
    if kind == "list":
        return "、".join(str(item) for item in value)
    if kind == "number":
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if kind.startswith("enum:"):
        return ENUM_TABLES[kind[5:]].get(str(value), str(value))
    return str(value)


def _resolve(root: Any, path: str) -> Any:
    value = root
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def _field_value(app: ApplicationSnapshot, record: Any, spec: ChecklistField, year: int) -> str:
    if record is None and spec.path == "channel":
        return load_policy(year).channel(app.channel).label
    return format_value(_resolve(record if record is not None else app, spec.path), spec.format)


def checklist_rows(bundle: BundleSnapshot, policy: ExportPolicy) -> list[ChecklistRow]:
    """The sheet's rows for one application, in the order the policy file gives."""
    app = bundle.application
    rows: list[ChecklistRow] = []
    number = 0
    for section in policy.checklist:
        if not section.applies(app.channel):
            continue
        fields = [f for f in section.fields if f.applies(app.channel, app.employer.kind)]
        records: Sequence[Any] = getattr(app, section.each) if section.each else (None,)
        for index, record in enumerate(records, start=1):
            title = f"{section.title}（第{index}条）" if section.each and len(records) > 1 else section.title
            rows.append(ChecklistRow(None, title, ""))
            for spec in fields:
                number += 1
                rows.append(ChecklistRow(number, spec.label, _field_value(app, record, spec, bundle.policy_year)))
        if section.each and not records:
            rows.append(ChecklistRow(None, section.title, "（无）"))
    return rows


# --- the workbook ---------------------------------------------------------------------------


def checklist_xlsx(rows: Sequence[ChecklistRow], uploads: Sequence[UploadRow], *, title: str, notice: str) -> bytes:
    """The workbook's bytes: 填报清单, 附件上传顺序 and 说明 sheets; deterministic."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    bold = Font(bold=True)
    band = PatternFill("solid", fgColor="D9D9D9")
    head = PatternFill("solid", fgColor="BDD7EE")
    thin = Side(style="thin", color="A6A6A6")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    book = Workbook()
    book.properties.creator = "zcdesk"
    book.properties.title = title
    book.properties.created = FIXED_TIME
    sheet = book.active
    assert sheet is not None
    sheet.title = "填报清单"
    sheet.append(HEADER)
    for row in rows:
        if row.number is None:
            sheet.append(["", row.label, row.value])
            for cell in sheet[sheet.max_row]:
                cell.font, cell.fill, cell.border = bold, band, box
        else:
            sheet.append([row.number, row.label, row.value])
            for cell in sheet[sheet.max_row]:
                cell.border, cell.alignment = box, wrap
            # Text format: an ID number or phone must never turn into 4.2E+17 when pasted or edited.
            sheet.cell(sheet.max_row, 3).number_format = "@"
    _style_header(sheet, bold, head, box)
    _widths(sheet, (6, 30, 70))
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = title

    uploads_sheet = book.create_sheet("附件上传顺序")
    uploads_sheet.append(UPLOAD_HEADER)
    for item in uploads:
        uploads_sheet.append([item.number, item.file, item.category, item.title, item.original_name, item.note])
        for cell in uploads_sheet[uploads_sheet.max_row]:
            cell.border, cell.alignment = box, wrap
    _style_header(uploads_sheet, bold, head, box)
    _widths(uploads_sheet, (6, 44, 16, 30, 30, 40))

    about = book.create_sheet("说明")
    for line in (
        title,
        "“填报清单”按网上申报系统页面的顺序列出每个文字栏目，可逐项复制粘贴；空白表示该项未填写。",
        "“附件上传顺序”列出 attachments 文件夹中的文件，按文件名前的序号依次上传。",
        notice,
    ):
        about.append([line])
    about["A1"].font = Font(bold=True, size=14)
    _widths(about, (120,))

    out = io.BytesIO()
    book.save(out)
    return _fix_timestamps(out.getvalue())


def _style_header(sheet: Any, bold: Any, fill: Any, box: Any) -> None:
    for cell in sheet[1]:
        cell.font, cell.fill, cell.border = bold, fill, box
    sheet.freeze_panes = "A2"


def _widths(sheet: Any, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fix_timestamps(data: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed entry times and a fixed 'modified' property."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            target.writestr(fixed, body)
    return out.getvalue()
