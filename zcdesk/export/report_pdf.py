"""校验报告.pdf: the findings of one application and what was done to each attachment, as a printed form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from zcdesk.core.policy import Policy, load_policy
from zcdesk.core.snapshot import BundleSnapshot
from zcdesk.forms.base import FormRenderer
from zcdesk.forms.common import qr_caption, qr_payload, target_title
from zcdesk.forms.fonts import FontSet
from zcdesk.forms.formatting import full_date
from zcdesk.forms.model import Cell, FormDocument, HeaderField, Note, Row, Section, row

REPORT_TITLE = "职称申报材料校验报告"
REPORT_FOOTER = "本报告由离线填报工具按2025年度政策校验生成，供核对使用；以吉林省职称信息化申报系统的审核结果为准"
FINDING_HEADER = ("序号", "代码／栏目", "问题")
WARNING_HEADER = ("序号", "代码／栏目", "问题", "说明")
UPLOAD_HEADER = ("序号", "上传文件名", "原文件名", "处理情况")


class FindingLike(Protocol):
    """What the report reads of a finding (zcdesk.core.rules.Finding has these)."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def field(self) -> str | None: ...
    @property
    def acknowledged(self) -> bool: ...


@dataclass(frozen=True)
class UploadLine:
    """One attachment as the report lists it."""

    file: str
    original_name: str
    handling: str  # 原样使用 / what was converted / the problem


def _l(text: str) -> Cell:
    return Cell(text, "label")


def _v(text: str, span: int = 1, align: str = "left") -> Cell:
    return Cell(text or "无", "value", span=span, align=align)


def _head(texts: Sequence[str]) -> tuple[Row, ...]:
    return (row(*(Cell(text, "head") for text in texts)),)


def verdict(errors: int, warnings: int, unexplained: int) -> str:
    if errors:
        return f"有 {errors} 个错误：本包只是草稿（交换用），不能作为上传包；请改正后重新导出"
    if unexplained:
        return f"可以作为上传包；另有 {unexplained} 个警告尚未填写说明，请核实后在程序中填写说明"
    if warnings:
        return "可以作为上传包；警告均已填写说明"
    return "可以作为上传包：未发现错误或警告"


def report_data(
    bundle: BundleSnapshot,
    findings: Sequence[FindingLike],
    uploads: Sequence[UploadLine],
    *,
    checked_on: dt.date,
    notice: str,
    policy: Policy | None = None,
) -> FormDocument:
    """The report's content as data (tested exactly; the drawing is the forms' renderer)."""
    policy = policy or load_policy(bundle.policy_year)
    app = bundle.application
    channel = policy.channel(app.channel)
    explanations = {w.code: w.explanation for w in app.acknowledged_warnings}
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    infos = [f for f in findings if f.severity not in ("error", "warning")]
    unexplained = sum(1 for f in warnings if not f.acknowledged)
    header = (
        (HeaderField("申报人", app.applicant.name), HeaderField("申报年度", f"{bundle.policy_year}年度")),
        (HeaderField("申报通道", channel.label),),
        (HeaderField("申报资格", target_title(bundle)), HeaderField("校验日期", full_date(checked_on))),
    )
    summary = Section(
        "一、校验结论",
        "report-summary",
        (
            row(_l("结论"), _v(verdict(len(errors), len(warnings), unexplained), span=3)),
            row(
                _l("错误（阻断）"),
                _v(f"{len(errors)} 个", align="center"),
                _l("警告"),
                _v(f"{len(warnings)} 个（未说明 {unexplained} 个）", align="center"),
            ),
            row(
                _l("提示"), _v(f"{len(infos)} 个", align="center"), _l("附件"), _v(f"{len(uploads)} 个", align="center")
            ),
        ),
    )

    def rows_of(items: Sequence[FindingLike], with_explanation: bool) -> tuple[Row, ...]:
        out = []
        for index, f in enumerate(items, start=1):
            # The code and the field stacked in one cell: a long code must not break at its hyphens.
            where = f"{f.code}\n{f.field}" if f.field else f.code
            cells = [_v(str(index), align="center"), _v(where), _v(f.message)]
            if with_explanation:
                cells.append(_v(explanations.get(f.code, "") if f.acknowledged else "未说明"))
            out.append(row(*cells))
        width = 4 if with_explanation else 3
        return tuple(out) or (row(_v("无", span=width, align="center")),)

    body: list[Section | Note] = [
        summary,
        Section(
            "二、错误（须改正，否则不能作为上传包）", "report-findings", rows_of(errors, False), _head(FINDING_HEADER)
        ),
        Section(
            "三、警告（不阻断；请核实并填写说明）", "report-warnings", rows_of(warnings, True), _head(WARNING_HEADER)
        ),
        Section("四、提示", "report-findings", rows_of(infos, False), _head(FINDING_HEADER)),
        Section(
            "五、附件（按上传顺序）",
            "report-uploads",
            tuple(
                row(_v(f"{index:02d}", align="center"), _v(item.file), _v(item.original_name), _v(item.handling))
                for index, item in enumerate(uploads, start=1)
            )
            or (row(_v("无", span=4, align="center")),),
            _head(UPLOAD_HEADER),
        ),
        Note(f"注：{notice}"),
    ]
    return FormDocument(
        title=REPORT_TITLE,
        header=header,
        running_header=f"{REPORT_TITLE}（续）　申报人：{app.applicant.name}　申报资格：{target_title(bundle)}",
        body=tuple(body),
        footer_note=REPORT_FOOTER,
        qr_payload=qr_payload(bundle),
        qr_caption=qr_caption(bundle, channel),
    )


class ReportRenderer(FormRenderer):
    # Column widths in mm (180 mm of content at A4).
    grids: ClassVar[dict[str, tuple[float, ...]]] = {
        "report-summary": (30, 60, 30, 60),
        # The longest code, ELIG-EVALUATED-UNAPPOINTED, needs 63 mm at 10.5 pt on one line.
        "report-findings": (12, 67, 101),
        "report-warnings": (12, 67, 61, 40),
        "report-uploads": (12, 70, 43, 55),
    }


def render_report(
    bundle: BundleSnapshot,
    findings: Sequence[FindingLike],
    uploads: Sequence[UploadLine],
    *,
    checked_on: dt.date,
    notice: str,
    fonts: FontSet | None = None,
) -> bytes:
    """校验报告.pdf as bytes; the same input gives the same bytes."""
    return ReportRenderer("A4", fonts).render(
        report_data(bundle, findings, uploads, checked_on=checked_on, notice=notice)
    )
