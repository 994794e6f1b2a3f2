"""The 填报清单 and upload order as policy data: complete for every channel, rows exact, xlsx deterministic."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from zcdesk.core.policy import load_policy
from zcdesk.core.samples import make_sample
from zcdesk.core.vocab import ATTACHMENT_CATEGORIES
from zcdesk.export.checklist import ChecklistRow, UploadRow, checklist_rows, checklist_xlsx, format_value
from zcdesk.export.export_policy import load_export_policy

POLICY = load_export_policy(2025)
CHANNELS = [channel.code for channel in load_policy(2025).channels]


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_has_a_complete_upload_order_and_checklist(channel: str) -> None:
    assert sorted(POLICY.upload_order(channel)) == sorted(ATTACHMENT_CATEGORIES)
    rows = checklist_rows(make_sample(channel, achievements=2).bundle, POLICY)
    fields = [row for row in rows if row.number is not None]
    assert [row.number for row in fields] == list(range(1, len(fields) + 1))
    labels = [row.label for row in fields]
    assert labels[:2] == ["姓名", "曾用名"] and "申报资格名称" in labels


def test_channel_specific_fields() -> None:
    def labels(channel: str) -> dict[str, str]:
        rows = checklist_rows(make_sample(channel, achievements=1).bundle, POLICY)
        return {row.label: row.value for row in rows if row.number is not None}

    freelancer = checklist_rows(make_sample("freelancer", achievements=1).bundle, POLICY)
    assert "工作单位" not in [row.label for row in freelancer if row.number is None]
    assert labels("post2-assess")["专业技术岗位等级"] == "2"
    assert labels("talent-policy-3")["人才类别"] == "B类"
    assert "人才类别" not in labels("enterprise")
    assert labels("enterprise")["营业执照登记机关"] == "长春市绿园区市场监督管理局"
    assert "营业执照登记机关" not in labels("public-institution")


def test_repeated_records_are_numbered_blocks() -> None:
    rows = checklist_rows(make_sample("enterprise", achievements=2).bundle, POLICY)
    headings = [row.label for row in rows if row.number is None]
    assert "学历学位（第1条）" in headings and "学历学位（第2条）" in headings
    assert "业绩成果（第2条）" in headings and "业绩成果（第3条）" not in headings


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "text", ""),
        ("", "date", ""),
        (True, "bool", "是"),
        (False, "bool", "否"),
        (("王某", "李某"), "list", "王某、李某"),
        (90.0, "number", "90"),
        (92.5, "number", "92.5"),
        ("vice-senior", "enum:levels", "副高级"),
        ("unknown", "enum:levels", "unknown"),
    ],
)
def test_format_value(value: object, kind: str, expected: str) -> None:
    assert format_value(value, kind) == expected


def test_xlsx_is_deterministic_and_reads_back() -> None:
    rows = [ChecklistRow(None, "基本信息", ""), ChecklistRow(1, "身份证号", "22010619860315121X")]
    uploads = [UploadRow(1, "01_证件照_证件照.png", "证件照", "证件照", "照片.png", "原样使用")]
    first = checklist_xlsx(rows, uploads, title="t", notice="n")
    assert first == checklist_xlsx(rows, uploads, title="t", notice="n")
    sheet = load_workbook(io.BytesIO(first))["填报清单"]
    assert [tuple(r) for r in sheet.iter_rows(values_only=True)] == [
        ("序号", "栏目", "内容"),
        (None, "基本信息", None),
        (1, "身份证号", "22010619860315121X"),
    ]
