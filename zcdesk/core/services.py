"""Services over the store: they take a session and return frozen snapshots, never ORM objects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from zcdesk.core import models as m
from zcdesk.core.attachment_store import AttachmentStore
from zcdesk.core.errors import DuplicateApplication, UserError
from zcdesk.core.policy import channel_label, load_policy
from zcdesk.core.snapshot import (
    AchievementSnapshot,
    AcknowledgedWarningSnapshot,
    ApplicantSnapshot,
    ApplicationSnapshot,
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
from zcdesk.core.vocab import ATTACHMENT_CATEGORIES, REVIEW_STATUSES

T = TypeVar("T")

# An application in this state has been typed into the online system: the unit's copy is final.
LOCKED_STATUS = "entered-online"


@dataclass(frozen=True)
class ApplicationSummary:
    """One line of the applications list."""

    id: int
    name: str
    channel: str
    channel_no: int
    policy_year: int
    status: str
    draft: bool
    employer: str | None
    updated_at: dt.datetime


@dataclass(frozen=True)
class StoredApplication:
    id: int
    status: str
    updated_at: dt.datetime
    bundle: BundleSnapshot


def person_key(id_number: str) -> str:
    """The ID number as the store keys persons: full-width folded, spaces gone, X upper-case."""
    return "".join(unicodedata.normalize("NFKC", id_number).split()).upper()


# --- reading ------------------------------------------------------------------------------

_LOAD = (
    selectinload(m.Application.person),
    selectinload(m.Application.employer),
    selectinload(m.Application.qualification),
    selectinload(m.Application.target),
    selectinload(m.Application.education).selectinload(m.Education.attachments),
    selectinload(m.Application.work_history),
    selectinload(m.Application.assessments),
    selectinload(m.Application.trainings),
    selectinload(m.Application.selected_achievements)
    .selectinload(m.ApplicationAchievement.achievement)
    .selectinload(m.Achievement.attachments),
    selectinload(m.Application.selected_attachments).selectinload(m.ApplicationAttachment.attachment),
    selectinload(m.Application.unit_review),
    selectinload(m.Application.acknowledged_warnings),
)


def get_application(session: Session, app_id: int) -> StoredApplication:
    row = session.scalars(select(m.Application).where(m.Application.id == app_id).options(*_LOAD)).one_or_none()
    if row is None:
        raise UserError(f"找不到编号为 {app_id} 的申报（可用 zcdesk list 查看编号）")
    return _stored(row)


def list_applications(session: Session) -> list[ApplicationSummary]:
    rows = session.scalars(
        select(m.Application)
        .options(
            selectinload(m.Application.person),
            selectinload(m.Application.employer),
            selectinload(m.Application.unit_review),
        )
        .order_by(m.Application.policy_year.desc(), m.Application.id)
    )
    out = []
    for row in rows:
        try:
            channel_no = load_policy(row.policy_year).channel(row.channel).no
        except UserError:
            channel_no = 0
        out.append(
            ApplicationSummary(
                id=row.id,
                name=row.person.name,
                channel=row.channel,
                channel_no=channel_no,
                policy_year=row.policy_year,
                status=_status(row),
                draft=row.draft,
                employer=row.employer.name if row.employer else None,
                updated_at=row.updated_at,
            )
        )
    return out


def find_application(session: Session, id_number: str, policy_year: int) -> ApplicationSummary | None:
    """The person's application of that year, if any (for ELIG-ONE-CHANNEL before an import)."""
    app_id = session.scalar(
        select(m.Application.id)
        .join(m.Person)
        .where(m.Person.id_number == person_key(id_number), m.Application.policy_year == policy_year)
    )
    if app_id is None:
        return None
    return next(item for item in list_applications(session) if item.id == app_id)


def _status(row: m.Application) -> str:
    return (row.unit_review.status if row.unit_review and row.unit_review.status else None) or "draft"


def _snapshot(cls: type[T], *rows: object, **overrides: object) -> T:
    """A snapshot of `cls` from the same-named attributes of ORM rows (the first row having one wins)."""
    values: dict[str, object] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name in overrides:
            continue
        for row in rows:
            if hasattr(row, field.name):
                values[field.name] = getattr(row, field.name)
                break
    return cls(**values, **overrides)


def _columns(
    snapshot: object, model: type[m.Base], *, exclude: Iterable[str] = (), **overrides: object
) -> dict[str, object]:
    """The snapshot's values for the model's columns of the same name (never the primary key)."""
    names = {attr.key for attr in sa_inspect(model).column_attrs} - {"id", *exclude}
    values = {f.name: getattr(snapshot, f.name) for f in dataclasses.fields(snapshot) if f.name in names}  # type: ignore[arg-type]
    values.update(overrides)
    return values


def _keys(attachments: Iterable[m.Attachment]) -> tuple[str, ...]:
    return tuple(a.key for a in attachments)


def _stored(row: m.Application) -> StoredApplication:
    review = row.unit_review
    application = ApplicationSnapshot(
        channel=row.channel,
        applicant=_snapshot(ApplicantSnapshot, row.person, row),
        employer=_snapshot(EmployerSnapshot, row.employer) if row.employer else EmployerSnapshot(kind="none"),
        target=_snapshot(TargetSnapshot, row.target),
        current_qualification=_snapshot(QualificationSnapshot, row.qualification) if row.qualification else None,
        education=tuple(_snapshot(EducationSnapshot, e, attachments=_keys(e.attachments)) for e in row.education),
        # WorkRecord.position orders the rows; the job title lives in WorkRecord.job.
        work_history=tuple(_snapshot(WorkSnapshot, w, position=w.job) for w in row.work_history),
        annual_assessments=tuple(_snapshot(AssessmentSnapshot, a) for a in row.assessments),
        continuing_education=tuple(_snapshot(TrainingSnapshot, c, hours=_number(c.hours)) for c in row.trainings),
        achievements=tuple(
            _snapshot(AchievementSnapshot, link.achievement, attachments=_keys(link.achievement.attachments))
            for link in row.selected_achievements
        ),
        unit_review=_snapshot(
            UnitReviewSnapshot, review, reviewers=tuple(review.reviewers) if review.reviewers is not None else None
        )
        if review
        else None,
        acknowledged_warnings=tuple(_snapshot(AcknowledgedWarningSnapshot, w) for w in row.acknowledged_warnings),
    )
    attachments = tuple(
        _snapshot(AttachmentSnapshot, link.attachment, id=link.attachment.key) for link in row.selected_attachments
    )
    bundle = BundleSnapshot(
        policy_year=row.policy_year,
        application=application,
        attachments=attachments,
        draft=row.draft,
        app_version=row.app_version,
    )
    return StoredApplication(id=row.id, status=_status(row), updated_at=row.updated_at, bundle=bundle)


def _number(value: float) -> float:
    # Hours typed as whole numbers come back as 90, not 90.0, so the manifest round-trips.
    return int(value) if float(value).is_integer() else value


# --- writing ------------------------------------------------------------------------------


def save_bundle(session: Session, bundle: BundleSnapshot, *, replace: bool = False) -> int:
    """Store a whole application; the attachment bytes must already be in the file store.

    A second application of the same person in the same year is refused: on another channel
    always (ELIG-ONE-CHANNEL), on the same channel unless `replace` (a corrected bundle).
    """
    app = bundle.application
    key = person_key(app.applicant.id_number)
    if not key:
        raise UserError("申报人身份证号为空，无法保存", code="REQUIRED-FIELD")
    person = session.scalar(select(m.Person).where(m.Person.id_number == key))
    existing = None
    if person is not None:
        existing = session.scalar(
            select(m.Application)
            .where(m.Application.person_id == person.id, m.Application.policy_year == bundle.policy_year)
            .options(selectinload(m.Application.unit_review))
        )
    if existing is not None:
        _check_replace(existing, bundle, replace)
    if person is None:
        person = m.Person(id_number=key)
        session.add(person)
    _fill_person(person, app.applicant)
    if existing is not None:
        row = existing
        _clear_children(row)
        session.flush()
    else:
        row = m.Application(person=person, policy_year=bundle.policy_year)
        session.add(row)
    # The rows are half-filled while we look up employers and achievements: no flush until done.
    with session.no_autoflush:
        _fill_application(session, row, person, bundle)
    try:
        session.flush()
    except IntegrityError as error:
        # The unique constraint is the last word when two writers race for the same person and year.
        raise UserError(f"{app.applicant.name}在{bundle.policy_year}年度已有申报，同一年度只能申报一条通道") from error
    return row.id


def _check_replace(existing: m.Application, bundle: BundleSnapshot, replace: bool) -> None:
    name = bundle.application.applicant.name
    year = bundle.policy_year
    old = channel_label(year, existing.channel)
    if existing.channel != bundle.application.channel:
        new = channel_label(year, bundle.application.channel)
        raise DuplicateApplication(
            f"{name}在{year}年度已有申报（编号 {existing.id}，通道 {old}），同一年度只能选择一条通道，"
            f"不能再按“{new}”申报。如确需改换通道，请先在程序主窗口中删除原申报",
            existing_id=existing.id,
            same_channel=False,
        )
    if _status(existing) == LOCKED_STATUS:
        raise UserError(
            f"{name}的{year}年度申报（编号 {existing.id}）已标记为“{REVIEW_STATUSES[LOCKED_STATUS]}”，不能再被替换"
        )
    if not replace:
        raise DuplicateApplication(
            f"{name}在{year}年度已有同一通道的申报（编号 {existing.id}，{old}）；如这是更正后的申报包，请使用 --replace 更新",
            existing_id=existing.id,
            same_channel=True,
        )


def _fill_person(person: m.Person, a: ApplicantSnapshot) -> None:
    # id_number stays the normalised key the person was found or created by.
    for name, value in _columns(a, m.Person, exclude=("id_number",)).items():
        setattr(person, name, value)


def _clear_children(row: m.Application) -> None:
    row.qualification = None
    row.education.clear()
    row.work_history.clear()
    row.assessments.clear()
    row.trainings.clear()
    row.selected_achievements.clear()
    row.selected_attachments.clear()
    row.unit_review = None
    row.acknowledged_warnings.clear()


def _employer(session: Session, e: EmployerSnapshot) -> m.Employer | None:
    if e.kind == "none" and not any((e.name, e.uscc, e.region, e.license_authority, e.supervisor)):
        return None
    found = session.scalar(
        select(m.Employer).where(
            m.Employer.kind == e.kind,
            m.Employer.name.is_(None) if e.name is None else m.Employer.name == e.name,
            m.Employer.uscc.is_(None) if e.uscc is None else m.Employer.uscc == e.uscc,
        )
    )
    if found is None:
        found = m.Employer(kind=e.kind, name=e.name, uscc=e.uscc)
        session.add(found)
    found.region = e.region
    found.license_authority = e.license_authority
    found.supervisor = e.supervisor
    return found


def _fill_application(session: Session, row: m.Application, person: m.Person, bundle: BundleSnapshot) -> None:
    app = bundle.application
    row.channel = app.channel
    for name, value in _columns(app.applicant, m.Application).items():
        setattr(row, name, value)  # the applicant's standing this year: status, offline_route …
    row.draft = bundle.draft
    row.app_version = bundle.app_version
    row.employer = _employer(session, app.employer)
    if row.target is None:
        row.target = m.Target()
    for name, value in _columns(app.target, m.Target).items():
        setattr(row.target, name, value)
    q = app.current_qualification
    if q is not None:
        row.qualification = m.Qualification(**_columns(q, m.Qualification))
    attachments = _attachments(session, person, bundle.attachments)
    row.selected_attachments = [
        m.ApplicationAttachment(attachment=attachments[item.id], position=i)
        for i, item in enumerate(bundle.attachments)
    ]
    row.education = [
        m.Education(
            position=i, attachments=_resolve(attachments, e.attachments, f"第{i + 1}条学历"), **_columns(e, m.Education)
        )
        for i, e in enumerate(app.education)
    ]
    row.work_history = [
        m.WorkRecord(position=i, **_columns(w, m.WorkRecord, exclude=("position",), job=w.position))
        for i, w in enumerate(app.work_history)
    ]
    row.assessments = [
        m.AnnualAssessment(position=i, **_columns(x, m.AnnualAssessment)) for i, x in enumerate(app.annual_assessments)
    ]
    row.trainings = [
        m.ContinuingEducation(position=i, **_columns(c, m.ContinuingEducation))
        for i, c in enumerate(app.continuing_education)
    ]
    row.selected_achievements = [
        m.ApplicationAchievement(position=i, achievement=_achievement_row(session, person, item, attachments, i))
        for i, item in enumerate(app.achievements)
    ]
    r = app.unit_review
    if r is not None:
        reviewers = list(r.reviewers) if r.reviewers is not None else None
        row.unit_review = m.UnitReview(**_columns(r, m.UnitReview, reviewers=reviewers))
    row.acknowledged_warnings = [
        m.AcknowledgedWarning(position=i, **_columns(w, m.AcknowledgedWarning))
        for i, w in enumerate(app.acknowledged_warnings)
    ]


def _attachments(session: Session, person: m.Person, items: Sequence[AttachmentSnapshot]) -> dict[str, m.Attachment]:
    """The person's attachment rows by bundle id, created or updated from the manifest."""
    known = {}
    if person.id is not None:
        known = {a.key: a for a in session.scalars(select(m.Attachment).where(m.Attachment.person_id == person.id))}
    out = {}
    for item in items:
        if item.id in out:
            raise UserError(f"附件编号“{item.id}”重复出现，每个附件的编号应唯一")
        row = known.get(item.id) or m.Attachment(person=person, key=item.id)
        for name, value in _columns(item, m.Attachment).items():
            setattr(row, name, value)
        session.add(row)
        out[item.id] = row
    return out


def _resolve(attachments: dict[str, m.Attachment], ids: Sequence[str], where: str) -> list[m.Attachment]:
    missing = [key for key in ids if key not in attachments]
    if missing:
        raise UserError(f"{where}引用的附件“{'、'.join(missing)}”不在附件列表中")
    return [attachments[key] for key in ids]


def _achievement_row(
    session: Session, person: m.Person, item: AchievementSnapshot, attachments: dict[str, m.Attachment], index: int
) -> m.Achievement:
    """Reuse the person's stored achievement of the same kind, title and date; else add one."""
    row = None
    if person.id is not None:
        row = session.scalar(
            select(m.Achievement).where(
                m.Achievement.person_id == person.id,
                m.Achievement.kind == item.kind,
                m.Achievement.title == item.title,
                m.Achievement.date == item.date,
            )
        )
    if row is None:
        row = m.Achievement(person=person, kind=item.kind, title=item.title, date=item.date)
        session.add(row)
    for name, value in _columns(item, m.Achievement).items():
        setattr(row, name, value)
    row.attachments = _resolve(attachments, item.attachments, f"第{index + 1}项业绩")
    return row


def delete_application(session: Session, app_id: int) -> None:
    """Remove an application; the person's achievements and attachments stay in their store."""
    row = session.get(m.Application, app_id)
    if row is None:
        raise UserError(f"找不到编号为 {app_id} 的申报")
    session.delete(row)


def set_review_status(session: Session, app_id: int, status: str, reason: str | None = None) -> None:
    if status not in REVIEW_STATUSES:
        raise UserError(f"未知的审核状态“{status}”")
    row = session.get(m.Application, app_id)
    if row is None:
        raise UserError(f"找不到编号为 {app_id} 的申报")
    if row.unit_review is None:
        row.unit_review = m.UnitReview()
    row.unit_review.status = status
    if reason is not None:
        row.unit_review.return_reason = reason


def referenced_digests(session: Session) -> set[str]:
    """Every SHA-256 the store still refers to (to tell which files a failed import may take back)."""
    return set(session.scalars(select(m.Attachment.sha256)))


def attach_file(
    session: Session,
    files: AttachmentStore,
    app_id: int,
    source: str | os.PathLike[str],
    category: str,
    title: str | None = None,
) -> AttachmentSnapshot:
    """Add a file the user chose to an application: stored by content, recorded with size and pages.

    A file that is not really a PDF, JPEG or PNG is refused with the reason; the original is
    never changed (conversion for upload happens on export, on a copy).
    """
    if category not in ATTACHMENT_CATEGORIES:
        raise UserError(f"未知的附件类别“{category}”")
    row = session.get(m.Application, app_id)
    if row is None:
        raise UserError(f"找不到编号为 {app_id} 的申报")
    facts, is_new = files.put_path(source)
    name = Path(source).name
    if not facts.usable:
        if is_new:
            files.remove([facts.sha256])  # a refused file leaves nothing behind
        raise UserError(f"“{name}”不能作为附件：{facts.problem}")
    keys = set(session.scalars(select(m.Attachment.key).where(m.Attachment.person_id == row.person_id)))
    number = len(keys) + 1
    while f"a{number}" in keys:
        number += 1
    attachment = m.Attachment(
        person_id=row.person_id,
        key=f"a{number}",
        category=category,
        title=title or Path(name).stem,
        original_name=name,
        file=name,
        media_type=facts.media_type,
        sha256=facts.sha256,
        size=facts.size,
        pages=facts.pages,
    )
    session.add(attachment)
    row.selected_attachments.append(
        m.ApplicationAttachment(attachment=attachment, position=len(row.selected_attachments))
    )
    session.flush()
    return AttachmentSnapshot(
        id=attachment.key,
        category=category,
        file=attachment.file,
        sha256=facts.sha256,
        size=facts.size,
        title=attachment.title,
        original_name=name,
        media_type=facts.media_type,
        pages=facts.pages,
    )
