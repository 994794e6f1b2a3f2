"""SQLAlchemy 2.x models of the local store; no ORM object ever leaves zcdesk.core.

Dates are kept as the ISO strings the user entered (String(10)) so that a draft with an
impossible date is stored as typed and reported by the rules, not silently lost.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Date = String(10)

# Stable constraint names so Alembic migrations can refer to them on SQLite.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Person(Base):
    """An applicant, known by the normalised ID number; owns achievements and attachments."""

    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    former_name: Mapped[str | None] = mapped_column(String(100))
    sex: Mapped[str] = mapped_column(String(10))
    birth_date: Mapped[str] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(50))
    political_status: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(32))
    work_start_date: Mapped[str | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    applications: Mapped[list[Application]] = relationship(back_populates="person")
    achievements: Mapped[list[Achievement]] = relationship(back_populates="person", cascade="all, delete-orphan")
    attachments: Mapped[list[Attachment]] = relationship(back_populates="person", cascade="all, delete-orphan")


class Employer(Base):
    """A unit profile (工作单位), shared by the applications of its staff."""

    __tablename__ = "employers"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    name: Mapped[str | None] = mapped_column(String(200))
    uscc: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(String(50))
    license_authority: Mapped[str | None] = mapped_column(String(200))
    supervisor: Mapped[str | None] = mapped_column(String(200))


class Application(Base):
    """One person's application in one policy year (the notice: one channel per year)."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("person_id", "policy_year", name="uq_applications_person_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id", ondelete="SET NULL"))
    policy_year: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(40))
    # The applicant's standing in this year (manifest application.applicant flags).
    status: Mapped[str] = mapped_column(String(40))
    offline_route: Mapped[str] = mapped_column(String(40), default="none")
    evaluated_unappointed: Mapped[bool] = mapped_column(Boolean, default=False)
    retires_in_policy_year: Mapped[bool] = mapped_column(Boolean, default=False)
    delayed_retirement_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    app_version: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    person: Mapped[Person] = relationship(back_populates="applications")
    employer: Mapped[Employer | None] = relationship()
    qualification: Mapped[Qualification | None] = relationship(cascade="all, delete-orphan", uselist=False)
    target: Mapped[Target] = relationship(cascade="all, delete-orphan", uselist=False)
    education: Mapped[list[Education]] = relationship(cascade="all, delete-orphan", order_by="Education.position")
    work_history: Mapped[list[WorkRecord]] = relationship(cascade="all, delete-orphan", order_by="WorkRecord.position")
    assessments: Mapped[list[AnnualAssessment]] = relationship(
        cascade="all, delete-orphan", order_by="AnnualAssessment.position"
    )
    trainings: Mapped[list[ContinuingEducation]] = relationship(
        cascade="all, delete-orphan", order_by="ContinuingEducation.position"
    )
    selected_achievements: Mapped[list[ApplicationAchievement]] = relationship(
        cascade="all, delete-orphan", order_by="ApplicationAchievement.position"
    )
    selected_attachments: Mapped[list[ApplicationAttachment]] = relationship(
        cascade="all, delete-orphan", order_by="ApplicationAttachment.position"
    )
    unit_review: Mapped[UnitReview | None] = relationship(cascade="all, delete-orphan", uselist=False)
    acknowledged_warnings: Mapped[list[AcknowledgedWarning]] = relationship(
        cascade="all, delete-orphan", order_by="AcknowledgedWarning.position"
    )


class Qualification(Base):
    """The current qualification (现专业技术资格) and post."""

    __tablename__ = "qualifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    series: Mapped[str | None] = mapped_column(String(100))
    specialty: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str | None] = mapped_column(String(20))
    obtained_date: Mapped[str | None] = mapped_column(Date)
    approving_body: Mapped[str | None] = mapped_column(String(200))
    certificate_no: Mapped[str | None] = mapped_column(String(100))
    appointed_date: Mapped[str | None] = mapped_column(Date)
    post_grade: Mapped[int | None] = mapped_column(Integer)
    post_start_date: Mapped[str | None] = mapped_column(Date)


class Target(Base):
    """What is applied for (申报系列、专业、资格名称、评价方式)."""

    __tablename__ = "targets"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    series: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    specialty: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    evaluation_mode: Mapped[str] = mapped_column(String(20), default="review")
    exam_certificate_no: Mapped[str | None] = mapped_column(String(100))
    exam_result_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    initial_recognition: Mapped[bool] = mapped_column(Boolean, default=False)
    assessment_exception: Mapped[str] = mapped_column(String(40), default="none")
    freelance_field: Mapped[str] = mapped_column(String(40), default="none")
    talent_class: Mapped[str] = mapped_column(String(10), default="none")


education_attachments = Table(
    "education_attachments",
    Base.metadata,
    Column("education_id", ForeignKey("education.id", ondelete="CASCADE"), primary_key=True),
    Column("attachment_id", ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)

achievement_attachments = Table(
    "achievement_attachments",
    Base.metadata,
    Column("achievement_id", ForeignKey("achievements.id", ondelete="CASCADE"), primary_key=True),
    Column("attachment_id", ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)


class Education(Base):
    __tablename__ = "education"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    school: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(50))
    start_date: Mapped[str | None] = mapped_column(Date)
    end_date: Mapped[str | None] = mapped_column(Date)
    major: Mapped[str | None] = mapped_column(String(200))
    degree: Mapped[str | None] = mapped_column(String(50))
    full_time: Mapped[bool | None] = mapped_column(Boolean)
    highest: Mapped[bool | None] = mapped_column(Boolean)
    attachments: Mapped[list[Attachment]] = relationship(
        secondary=education_attachments, order_by=education_attachments.c.position
    )


class WorkRecord(Base):
    __tablename__ = "work_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[str] = mapped_column(Date)
    end_date: Mapped[str | None] = mapped_column(Date)
    employer: Mapped[str] = mapped_column(String(200))
    job: Mapped[str | None] = mapped_column("job_position", String(200))


class AnnualAssessment(Base):
    __tablename__ = "annual_assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    result: Mapped[str] = mapped_column(String(40))


class ContinuingEducation(Base):
    __tablename__ = "continuing_education"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    hours: Mapped[float] = mapped_column(Float)
    content: Mapped[str | None] = mapped_column(Text)
    organizer: Mapped[str | None] = mapped_column(String(200))


class Achievement(Base):
    """An achievement in the person's own store; applications select from it."""

    __tablename__ = "achievements"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[str] = mapped_column(Date)
    role: Mapped[str | None] = mapped_column(String(200))
    venue: Mapped[str | None] = mapped_column(Text)
    identifier: Mapped[str | None] = mapped_column(String(200))
    grade: Mapped[str | None] = mapped_column(String(200))
    representative: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="achievements")
    attachments: Mapped[list[Attachment]] = relationship(
        secondary=achievement_attachments, order_by=achievement_attachments.c.position
    )


class ApplicationAchievement(Base):
    __tablename__ = "application_achievements"
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    achievement_id: Mapped[int] = mapped_column(ForeignKey("achievements.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    achievement: Mapped[Achievement] = relationship()


class Attachment(Base):
    """A file of the person's, kept content-addressed (by SHA-256) in the data folder."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("person_id", "key", name="uq_attachments_person_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))  # the bundle's attachment id
    category: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(String(200))
    original_name: Mapped[str | None] = mapped_column(String(260))
    file: Mapped[str] = mapped_column(String(260))  # name inside a bundle, as last imported or exported
    media_type: Mapped[str | None] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    person: Mapped[Person] = relationship(back_populates="attachments")


class ApplicationAttachment(Base):
    """Which of the person's attachments an application carries, in upload order."""

    __tablename__ = "application_attachments"
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    attachment: Mapped[Attachment] = relationship()


class UnitReview(Base):
    """The unit's review and 公示, and where the application stands in the clerk's workflow."""

    __tablename__ = "unit_reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    reviewers: Mapped[list[str] | None] = mapped_column(JSON)
    supervisor: Mapped[str | None] = mapped_column(String(100))
    review_date: Mapped[str | None] = mapped_column(Date)
    publicity_start: Mapped[str | None] = mapped_column(Date)
    publicity_end: Mapped[str | None] = mapped_column(Date)
    objection_contact: Mapped[str | None] = mapped_column(String(200))
    publicity_result: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(40))
    return_reason: Mapped[str | None] = mapped_column(Text)


class AcknowledgedWarning(Base):
    """A warning the user has read and explained (说明); the report still lists it."""

    __tablename__ = "acknowledged_warnings"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(60))
    explanation: Mapped[str] = mapped_column(Text)
