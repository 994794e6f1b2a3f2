"""What a replacing import would change, in Chinese, one line per changed field or record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

from zcdesk.core.snapshot import (
    AchievementSnapshot,
    AcknowledgedWarningSnapshot,
    ApplicantSnapshot,
    AssessmentSnapshot,
    AttachmentSnapshot,
    BundleSnapshot,
    EducationSnapshot,
    EmployerSnapshot,
    QualificationSnapshot,
    TargetSnapshot,
    TrainingSnapshot,
    UnitReviewSnapshot,
    WorkSnapshot,
)
from zcdesk.core.vocab import (
    ACHIEVEMENT_KINDS,
    APPLICANT_STATUSES,
    ASSESSMENT_EXCEPTIONS,
    ASSESSMENT_RESULTS,
    ATTACHMENT_CATEGORIES,
    EMPLOYER_KINDS,
    EVALUATION_MODES,
    FREELANCE_FIELDS,
    LEVELS,
    OFFLINE_ROUTES,
    REVIEW_STATUSES,
    SEXES,
    TALENT_CLASSES,
)

EMPTY = "（空）"

# field -> (label, enum table or None). Fields left out (attachment.file) are derived on export.
Labels = dict[str, tuple[str, dict[str, str] | None]]

APPLICANT: Labels = {
    "name": ("姓名", None),
    "former_name": ("曾用名", None),
    "id_number": ("身份证号", None),
    "sex": ("性别", SEXES),
    "birth_date": ("出生日期", None),
    "ethnicity": ("民族", None),
    "political_status": ("政治面貌", None),
    "phone": ("联系电话", None),
    "work_start_date": ("参加工作时间", None),
    "status": ("人员身份", APPLICANT_STATUSES),
    "offline_route": ("线下申报情形", OFFLINE_ROUTES),
    "evaluated_unappointed": ("已评未聘", None),
    "retires_in_policy_year": ("本年度达到退休年龄", None),
    "delayed_retirement_approved": ("已批准延迟退休", None),
}
EMPLOYER: Labels = {
    "kind": ("单位性质", EMPLOYER_KINDS),
    "name": ("单位名称", None),
    "uscc": ("统一社会信用代码", None),
    "region": ("所在行政区划", None),
    "license_authority": ("营业执照登记机关", None),
    "supervisor": ("主管部门", None),
}
QUALIFICATION: Labels = {
    "series": ("系列", None),
    "specialty": ("专业", None),
    "title": ("资格名称", None),
    "level": ("级别", LEVELS),
    "obtained_date": ("取得时间", None),
    "approving_body": ("审批机关", None),
    "certificate_no": ("证书编号", None),
    "appointed_date": ("首次聘任时间", None),
    "post_grade": ("岗位等级", None),
    "post_start_date": ("起聘现岗位时间", None),
}
TARGET: Labels = {
    "series": ("申报系列", None),
    "specialty": ("申报专业", None),
    "title": ("申报资格名称", None),
    "level": ("申报级别", LEVELS),
    "evaluation_mode": ("评价方式", EVALUATION_MODES),
    "exam_certificate_no": ("考试合格证书编号", None),
    "exam_result_pending": ("考试成绩待公布", None),
    "initial_recognition": ("初级认定", None),
    "assessment_exception": ("考核特殊情形", ASSESSMENT_EXCEPTIONS),
    "freelance_field": ("自由职业领域", FREELANCE_FIELDS),
    "talent_class": ("人才类别", TALENT_CLASSES),
}
EDUCATION: Labels = {
    "school": ("毕业院校", None),
    "level": ("学历", None),
    "start_date": ("入学时间", None),
    "end_date": ("毕业时间", None),
    "major": ("所学专业", None),
    "degree": ("学位", None),
    "full_time": ("全日制", None),
    "highest": ("最高学历", None),
    "attachments": ("佐证附件", None),
}
WORK: Labels = {
    "start_date": ("起始时间", None),
    "end_date": ("终止时间", None),
    "employer": ("工作单位", None),
    "position": ("职务（岗位）", None),
}
ASSESSMENT: Labels = {"year": ("年度", None), "result": ("考核结果", ASSESSMENT_RESULTS)}
TRAINING: Labels = {
    "year": ("年度", None),
    "hours": ("学时", None),
    "content": ("内容", None),
    "organizer": ("主办单位", None),
}
ACHIEVEMENT: Labels = {
    "kind": ("类别", ACHIEVEMENT_KINDS),
    "title": ("名称", None),
    "date": ("时间", None),
    "role": ("本人作用或排名", None),
    "venue": ("刊物/出版社/授予机构", None),
    "identifier": ("编号", None),
    "grade": ("级别或等级", None),
    "representative": ("代表作", None),
    "note": ("备注", None),
    "attachments": ("佐证材料", None),
}
UNIT_REVIEW: Labels = {
    "reviewers": ("审核小组成员", None),
    "supervisor": ("纪检监督人员", None),
    "review_date": ("审核日期", None),
    "publicity_start": ("公示开始日期", None),
    "publicity_end": ("公示结束日期", None),
    "objection_contact": ("受理异议部门及电话", None),
    "publicity_result": ("公示结果", None),
    "status": ("审核状态", REVIEW_STATUSES),
    "return_reason": ("退回意见", None),
}
ATTACHMENT: Labels = {
    "category": ("类别", ATTACHMENT_CATEGORIES),
    "title": ("标题", None),
    "original_name": ("原文件名", None),
    "media_type": ("文件类型", None),
    "pages": ("页数", None),
}
WARNING: Labels = {"explanation": ("说明", None)}


def show(value: Any, table: dict[str, str] | None = None) -> str:
    """A value as the user reads it."""
    if value is None or value == "" or value == ():
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple):
        return "、".join(show(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return table.get(text, text) if table else text


def _fields(where: str, old: Any, new: Any, labels: Labels) -> list[str]:
    out = []
    for name, (label, table) in labels.items():
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            out.append(f"{where}·{label}：{show(before, table)} → {show(after, table)}")
    return out


def _section(where: str, old: Any, new: Any, labels: Labels) -> list[str]:
    if old == new:
        return []
    if old is None:
        return [f"{where}：新增"]
    if new is None:
        return [f"{where}：删除"]
    return _fields(where, old, new, labels)


def _records(
    where: str,
    old: Sequence[Any],
    new: Sequence[Any],
    labels: Labels,
    keys: Sequence[Callable[[Any], object]],
    describe: Callable[[Any], str],
) -> list[str]:
    """Records matched by the first key that pairs them; unmatched ones are reported added or removed."""
    if tuple(old) == tuple(new):
        return []
    # Work on positions so that two equal records are still told apart.
    left = list(range(len(old)))
    pairs: list[tuple[int, int]] = []
    unmatched = list(range(len(new)))
    for key in keys:
        remaining = []
        for j in unmatched:
            i = next((i for i in left if key(old[i]) == key(new[j])), None)
            if i is None:
                remaining.append(j)
            else:
                left.remove(i)
                pairs.append((i, j))
        unmatched = remaining
    out = [f"{where}：删除“{describe(old[i])}”" for i in left]
    out += [f"{where}：新增“{describe(new[j])}”" for j in unmatched]
    pairs.sort(key=lambda pair: pair[1])
    for i, j in pairs:
        out += _fields(f"{where}“{describe(new[j])}”", old[i], new[j], labels)
    old_positions = [i for i, _ in pairs]
    if old_positions != sorted(old_positions):
        out.append(f"{where}：顺序已调整")
    return out


def _attachment_file(old: AttachmentSnapshot, new: AttachmentSnapshot) -> list[str]:
    if old.sha256 == new.sha256:
        return []
    return [f"附件“{_attachment_name(new)}”：文件内容已更换（{_size(old.size)} → {_size(new.size)}）"]


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size / 1024, 0.1):.1f} KB"


def _attachment_name(item: AttachmentSnapshot) -> str:
    return item.title or item.original_name or item.id


def _achievement_name(item: AchievementSnapshot) -> str:
    return f"{ACHIEVEMENT_KINDS.get(item.kind, item.kind)}：{item.title}"


def diff_bundles(old: BundleSnapshot, new: BundleSnapshot) -> list[str]:
    """The changes `new` makes to `old`, one line each; empty when nothing a user entered differs."""
    a, b = old.application, new.application
    out: list[str] = []
    if old.policy_year != new.policy_year:
        out.append(f"申报年度：{old.policy_year} → {new.policy_year}")
    if a.channel != b.channel:
        out.append(f"申报通道：{a.channel} → {b.channel}")
    if old.draft != new.draft:
        out.append("草稿标记：" + ("取消（无错误）" if not new.draft else "新包为草稿（有错误）"))
    out += _fields("基本信息", a.applicant, b.applicant, APPLICANT)
    out += _fields("工作单位", a.employer, b.employer, EMPLOYER)
    out += _section("现专业技术资格", a.current_qualification, b.current_qualification, QUALIFICATION)
    out += _fields("申报信息", a.target, b.target, TARGET)
    out += _records(
        "学历",
        a.education,
        b.education,
        EDUCATION,
        (lambda e: (e.school, e.level), lambda e: e.school, lambda e: e.level),
        lambda e: f"{e.school}（{e.level}）",
    )
    out += _records(
        "工作经历",
        a.work_history,
        b.work_history,
        WORK,
        (lambda w: (w.start_date, w.employer), lambda w: w.start_date, lambda w: w.employer),
        lambda w: f"{w.start_date}起 {w.employer}",
    )
    out += _records(
        "年度考核",
        a.annual_assessments,
        b.annual_assessments,
        ASSESSMENT,
        (lambda x: x.year,),
        lambda x: f"{x.year}年度",
    )
    out += _records(
        "继续教育",
        a.continuing_education,
        b.continuing_education,
        TRAINING,
        (lambda x: x.year,),
        lambda x: f"{x.year}年度",
    )
    out += _records(
        "业绩成果",
        a.achievements,
        b.achievements,
        ACHIEVEMENT,
        (lambda x: (x.kind, x.title, x.date), lambda x: (x.kind, x.title), lambda x: (x.kind, x.date)),
        _achievement_name,
    )
    out += _section("单位审核", a.unit_review, b.unit_review, UNIT_REVIEW)
    out += _records(
        "已说明的警告",
        a.acknowledged_warnings,
        b.acknowledged_warnings,
        WARNING,
        (lambda w: w.code,),
        lambda w: w.code,
    )
    out += _records("附件", old.attachments, new.attachments, ATTACHMENT, (lambda x: x.id,), _attachment_name)
    new_by_id = {item.id: item for item in new.attachments}
    for item in old.attachments:
        if item.id in new_by_id:
            out += _attachment_file(item, new_by_id[item.id])
    return out


# The snapshot classes each label table describes; a test checks every field has a label.
LABELLED = (
    (ApplicantSnapshot, APPLICANT, ()),
    (EmployerSnapshot, EMPLOYER, ()),
    (QualificationSnapshot, QUALIFICATION, ()),
    (TargetSnapshot, TARGET, ()),
    (EducationSnapshot, EDUCATION, ()),
    (WorkSnapshot, WORK, ()),
    (AssessmentSnapshot, ASSESSMENT, ()),
    (TrainingSnapshot, TRAINING, ()),
    (AchievementSnapshot, ACHIEVEMENT, ()),
    (UnitReviewSnapshot, UNIT_REVIEW, ()),
    (AttachmentSnapshot, ATTACHMENT, ("id", "file", "sha256", "size")),
    (AcknowledgedWarningSnapshot, WARNING, ("code",)),
)


def unlabelled_fields() -> list[str]:
    """Snapshot fields that diff_bundles would silently ignore (should be none)."""
    return [
        f"{cls.__name__}.{f.name}"
        for cls, labels, skipped in LABELLED
        for f in fields(cls)
        if f.name not in labels and f.name not in skipped
    ]
