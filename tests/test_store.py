"""The local store on real SQLite files: round trips, one application a year, migrations."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from zcdesk.core import models as m
from zcdesk.core import services
from zcdesk.core.errors import DuplicateApplication, UserError
from zcdesk.core.policy import load_policy
from zcdesk.core.samples import make_id_number, make_sample
from zcdesk.core.snapshot import AcknowledgedWarningSnapshot, BundleSnapshot
from zcdesk.core.store import current_revision, head_revision, migrate, open_store

CHANNELS = [c.code for c in load_policy(2025).channels]


def _save(store, bundle: BundleSnapshot, **kwargs) -> int:
    with store.unit_of_work() as session:
        return services.save_bundle(session, bundle, **kwargs)


def _load(store, app_id: int) -> BundleSnapshot:
    with store.unit_of_work() as session:
        return services.get_application(session, app_id).bundle


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_round_trips_through_sqlite(data_dir: Path, channel: str) -> None:
    store = open_store(data_dir)
    bundle = make_sample(channel, achievements=4).bundle
    app_id = _save(store, bundle)
    store.close()
    # A fresh engine on the same file: nothing may come from a session cache.
    assert _load(open_store(data_dir), app_id) == bundle


def test_every_model_is_written(data_dir: Path) -> None:
    store = open_store(data_dir)
    sample = make_sample("post2-assess", achievements=3).bundle
    application = replace(
        sample.application,
        acknowledged_warnings=(AcknowledgedWarningSnapshot("YEARS-IN-QUALIFICATION", "破格申报，有单位推荐"),),
        applicant=replace(sample.application.applicant, former_name="张吉", retires_in_policy_year=True),
    )
    bundle = replace(sample, application=application, draft=True)
    app_id = _save(store, bundle)
    assert _load(store, app_id) == bundle
    counts = {}
    with store.engine.connect() as connection:
        for table in m.Base.metadata.sorted_tables:
            counts[table.name] = connection.execute(text(f"SELECT count(*) FROM {table.name}")).scalar()
    assert all(counts.values()), f"empty tables: {[t for t, n in counts.items() if not n]}"


def test_second_application_same_year_other_channel_is_refused(data_dir: Path) -> None:
    store = open_store(data_dir)
    first = _save(store, make_sample("enterprise").bundle)
    with pytest.raises(DuplicateApplication) as caught:
        _save(store, make_sample("public-institution").bundle)
    assert caught.value.code == "ELIG-ONE-CHANNEL"
    assert caught.value.existing_id == first
    assert (
        "同一年度只能选择一条通道" in caught.value.message and "2.正常职称申报通道（企业人员）" in caught.value.message
    )
    with store.unit_of_work() as session:
        assert len(services.list_applications(session)) == 1


def test_same_channel_again_needs_replace_and_updates(data_dir: Path) -> None:
    store = open_store(data_dir)
    bundle = make_sample("enterprise", achievements=3).bundle
    app_id = _save(store, bundle)
    with pytest.raises(DuplicateApplication, match="--replace"):
        _save(store, bundle)
    corrected = replace(
        bundle, application=replace(bundle.application, achievements=bundle.application.achievements[:1])
    )
    assert _save(store, corrected, replace=True) == app_id
    assert _load(store, app_id) == corrected


def test_entered_online_is_never_replaced(data_dir: Path) -> None:
    store = open_store(data_dir)
    bundle = make_sample().bundle
    app_id = _save(store, bundle)
    with store.unit_of_work() as session:
        services.set_review_status(session, app_id, "entered-online")
    with pytest.raises(UserError, match="已录入系统"):
        _save(store, bundle, replace=True)


def test_id_number_is_the_person_whatever_its_spelling(data_dir: Path) -> None:
    store = open_store(data_dir)
    id_number = make_id_number(seq=7, sex="female")
    bundle = make_sample().bundle
    first = replace(
        bundle,
        application=replace(bundle.application, applicant=replace(bundle.application.applicant, id_number=id_number)),
    )
    _save(store, first)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in id_number[:6]) + " " + id_number[6:].lower()
    second = replace(
        first,
        application=replace(
            first.application,
            channel="public-institution",
            applicant=replace(first.application.applicant, id_number=full_width),
        ),
    )
    with pytest.raises(DuplicateApplication):
        _save(store, second)


def test_database_constraint_backs_the_rule(data_dir: Path) -> None:
    store = open_store(data_dir)
    app_id = _save(store, make_sample().bundle)
    with store.engine.begin() as connection:
        person_id = connection.execute(text("SELECT person_id FROM applications WHERE id=:i"), {"i": app_id}).scalar()
        with pytest.raises(IntegrityError):
            connection.execute(
                text(
                    "INSERT INTO applications (person_id, policy_year, channel, status, offline_route, evaluated_unappointed,"
                    " retires_in_policy_year, delayed_retirement_approved, draft, created_at, updated_at)"
                    " VALUES (:p, 2025, 'freelancer', 'in-service', 'none', 0, 0, 0, 0, '2025-01-01', '2025-01-01')"
                ),
                {"p": person_id},
            )


def test_dangling_attachment_reference_is_refused_and_nothing_written(data_dir: Path) -> None:
    store = open_store(data_dir)
    bundle = make_sample().bundle
    achievements = list(bundle.application.achievements)
    achievements[0] = replace(achievements[0], attachments=("nope",))
    broken = replace(bundle, application=replace(bundle.application, achievements=tuple(achievements)))
    with pytest.raises(UserError, match="第1项业绩引用的附件“nope”"):
        _save(store, broken)
    with store.unit_of_work() as session:
        assert services.list_applications(session) == []


def test_delete_keeps_the_persons_achievements(data_dir: Path) -> None:
    store = open_store(data_dir)
    app_id = _save(store, make_sample(achievements=2).bundle)
    with store.unit_of_work() as session:
        services.delete_application(session, app_id)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM achievements")).scalar() == 2
        assert connection.execute(text("SELECT count(*) FROM applications")).scalar() == 0


def test_pragmas_on_every_connection(data_dir: Path) -> None:
    store = open_store(data_dir)
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_migrations_build_the_schema_from_empty(data_dir: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = open_store(data_dir)
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), m.Base.metadata)
    assert diff == [], "models and migrations disagree; write a migration"
    assert not store.layout.backups.exists(), "an empty database needs no backup"


def test_backup_is_made_before_migrating_an_existing_database(data_dir: Path) -> None:
    store = open_store(data_dir)
    _save(store, make_sample().bundle)
    # Pretend the file was left at an older schema: unstamp it, keep the data.
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
    with pytest.raises(Exception):  # noqa: B017 - re-creating existing tables must fail, not silently pass
        migrate(store.engine, store.layout)
    backups = list(store.layout.backups.glob("*.sqlite3"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT count(*) FROM applications").fetchone() == (1,)
    copy.close()


def test_newer_database_is_refused_clearly(data_dir: Path) -> None:
    store = open_store(data_dir)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num='9999'"))
    store.close()
    with pytest.raises(UserError, match="更新版本的 zcdesk"):
        open_store(data_dir)


def test_unusable_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="无法使用数据文件夹"):
        open_store(blocker / "data")


def test_corrupt_database_is_a_clear_error(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "zcdesk.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(UserError, match="无法打开"):
        open_store(data_dir)


def test_attach_file_records_what_the_file_is(data_dir: Path, tmp_path: Path) -> None:
    from zcdesk.core.samples import tiny_pdf, tiny_png

    store = open_store(data_dir)
    app_id = _save(store, make_sample(achievements=1).bundle)
    scan = tmp_path / "学位证书扫描.pdf"
    scan.write_bytes(tiny_pdf(pages=2))
    with store.unit_of_work() as session:
        added = services.attach_file(session, store.files, app_id, scan, "degree-certificate")
    assert (added.media_type, added.pages, added.size) == ("application/pdf", 2, scan.stat().st_size)
    assert added.title == "学位证书扫描" and added.original_name == "学位证书扫描.pdf"
    bundle = _load(store, app_id)
    assert bundle.attachments[-1] == added
    assert added.id not in {a.id for a in bundle.attachments[:-1]}
    assert store.files.path(added.sha256).read_bytes() == scan.read_bytes()

    fake = tmp_path / "照片.jpg"
    fake.write_bytes(b"GIF89a not a jpeg")
    stored_before = sorted(store.files.root.rglob("*"))
    with pytest.raises(UserError, match=re.escape("“照片.jpg”不能作为附件：不是 PDF、JPEG 或 PNG")):
        with store.unit_of_work() as session:
            services.attach_file(session, store.files, app_id, fake, "photo")
    assert sorted(store.files.root.rglob("*")) == stored_before
    png = tmp_path / "证件照.png"
    png.write_bytes(tiny_png())
    with store.unit_of_work() as session:
        photo = services.attach_file(session, store.files, app_id, png, "photo", title="证件照")
    assert photo.media_type == "image/png" and photo.pages == 1
    assert len(_load(store, app_id).attachments) == len(bundle.attachments) + 1
