"""diff_bundles: what a replacing import would change, in Chinese."""

from __future__ import annotations

from dataclasses import replace

from zcdesk.core.bundle_diff import diff_bundles, unlabelled_fields
from zcdesk.core.samples import make_sample


def test_every_snapshot_field_has_a_label() -> None:
    assert unlabelled_fields() == []


def test_nothing_changed() -> None:
    bundle = make_sample("enterprise").bundle
    assert diff_bundles(bundle, bundle) == []


def test_changed_fields_and_records() -> None:
    old = make_sample("enterprise", achievements=3).bundle
    app = old.application
    first = app.achievements[0]
    new_app = replace(
        app,
        applicant=replace(app.applicant, phone="13900139000"),
        employer=replace(app.employer, kind="enterprise"),
        target=replace(app.target, level="senior"),
        education=app.education[:1],
        achievements=(replace(first, title="新的论文题目"), app.achievements[2], app.achievements[1]),
        unit_review=replace(app.unit_review, status="returned"),  # type: ignore[arg-type]
    )
    last = old.attachments[-1]
    new = replace(
        old,
        application=new_app,
        attachments=(*old.attachments[:-1], replace(last, sha256="0" * 64, size=2 * 1024 * 1024)),
    )
    lines = diff_bundles(old, new)
    assert "基本信息·联系电话：13800138000 → 13900139000" in lines
    assert "工作单位·单位性质：民营企业 → 企业" in lines
    assert "申报信息·申报级别：副高级 → 正高级" in lines
    assert "学历：删除“长春工业大学（大学本科）”" in lines
    assert f"业绩成果“论文：新的论文题目”·名称：{first.title} → 新的论文题目" in lines
    assert "业绩成果：顺序已调整" in lines
    assert "单位审核·审核状态：校验通过 → 已退回" in lines
    assert any(line.startswith(f"附件“{last.title}”：文件内容已更换（") and "→ 2.0 MB" in line for line in lines)


def test_added_and_removed_attachments() -> None:
    old = make_sample("enterprise").bundle
    new = replace(old, attachments=(*old.attachments[1:], replace(old.attachments[0], id="new", title="新照片")))
    lines = diff_bundles(old, new)
    assert "附件：删除“证件照”" in lines
    assert "附件：新增“新照片”" in lines
