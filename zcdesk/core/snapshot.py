"""Frozen snapshots of an application: what services return and the UI, rules and forms read.

The shape mirrors bundle-v1.schema.json field for field so that manifest <-> snapshot is
lossless. Dates stay ISO strings ("2024-12-31") on purpose: a draft may hold an impossible
date (2008-02-30) that the rules must see and report, not lose; use `parse_date` to read one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def parse_date(value: str | None) -> dt.date | None:
    """The date an ISO string names, or None when it is empty or impossible."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class ApplicantSnapshot:
    name: str
    id_number: str
    sex: str  # male | female
    birth_date: str
    phone: str
    status: str  # in-service | civil-servant | civil-servant-managed | management-post | retired | not-employed
    former_name: str | None = None
    ethnicity: str | None = None
    political_status: str | None = None
    work_start_date: str | None = None
    offline_route: str = "none"
    evaluated_unappointed: bool = False
    retires_in_policy_year: bool = False
    delayed_retirement_approved: bool = False


@dataclass(frozen=True)
class EmployerSnapshot:
    kind: str
    name: str | None = None
    uscc: str | None = None
    region: str | None = None
    license_authority: str | None = None
    supervisor: str | None = None


@dataclass(frozen=True)
class QualificationSnapshot:
    series: str | None = None
    specialty: str | None = None
    title: str | None = None
    level: str | None = None
    obtained_date: str | None = None
    approving_body: str | None = None
    certificate_no: str | None = None
    appointed_date: str | None = None
    post_grade: int | None = None
    post_start_date: str | None = None


@dataclass(frozen=True)
class TargetSnapshot:
    series: str
    level: str
    specialty: str | None = None
    title: str | None = None
    evaluation_mode: str = "review"
    exam_certificate_no: str | None = None
    exam_result_pending: bool = False
    initial_recognition: bool = False
    assessment_exception: str = "none"
    freelance_field: str = "none"
    talent_class: str = "none"


@dataclass(frozen=True)
class EducationSnapshot:
    school: str
    level: str
    start_date: str | None = None
    end_date: str | None = None
    major: str | None = None
    degree: str | None = None
    full_time: bool | None = None
    highest: bool | None = None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkSnapshot:
    start_date: str
    employer: str
    end_date: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class AssessmentSnapshot:
    year: int
    result: str


@dataclass(frozen=True)
class TrainingSnapshot:
    """A year of continuing education (继续教育)."""

    year: int
    hours: float
    content: str | None = None
    organizer: str | None = None


@dataclass(frozen=True)
class AchievementSnapshot:
    kind: str
    title: str
    date: str
    role: str | None = None
    venue: str | None = None
    identifier: str | None = None
    grade: str | None = None
    representative: bool = False
    note: str | None = None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitReviewSnapshot:
    reviewers: tuple[str, ...] | None = None
    supervisor: str | None = None
    review_date: str | None = None
    publicity_start: str | None = None
    publicity_end: str | None = None
    objection_contact: str | None = None
    publicity_result: str | None = None
    status: str | None = None
    return_reason: str | None = None


@dataclass(frozen=True)
class AcknowledgedWarningSnapshot:
    code: str
    explanation: str


@dataclass(frozen=True)
class ApplicationSnapshot:
    channel: str
    applicant: ApplicantSnapshot
    employer: EmployerSnapshot
    target: TargetSnapshot
    current_qualification: QualificationSnapshot | None = None
    education: tuple[EducationSnapshot, ...] = ()
    work_history: tuple[WorkSnapshot, ...] = ()
    annual_assessments: tuple[AssessmentSnapshot, ...] = ()
    continuing_education: tuple[TrainingSnapshot, ...] = ()
    achievements: tuple[AchievementSnapshot, ...] = ()
    unit_review: UnitReviewSnapshot | None = None
    acknowledged_warnings: tuple[AcknowledgedWarningSnapshot, ...] = ()


@dataclass(frozen=True)
class AttachmentSnapshot:
    id: str
    category: str
    file: str
    sha256: str
    size: int
    title: str | None = None
    original_name: str | None = None
    media_type: str | None = None
    pages: int | None = None


@dataclass(frozen=True)
class FormSnapshot:
    kind: str  # summary (评审一览表) | publicity (评审公示表)
    file: str
    sha256: str


@dataclass(frozen=True)
class BundleSnapshot:
    """A whole manifest: one application of one policy year with its files."""

    policy_year: int
    application: ApplicationSnapshot
    attachments: tuple[AttachmentSnapshot, ...] = ()
    forms: tuple[FormSnapshot, ...] | None = None
    draft: bool = False
    app_version: str | None = None
    created_at: str | None = None
    format: str = field(default="zcdesk-bundle")
    format_version: int = 1

    def attachment(self, attachment_id: str) -> AttachmentSnapshot | None:
        for item in self.attachments:
            if item.id == attachment_id:
                return item
        return None
