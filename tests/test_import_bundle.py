"""Importing bundles: what is stored, one channel per person and year, --replace, 已录入系统, passwords, cancel."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import pyzipper

from tests.test_bundle_support import leaves_unchanged, sample, tree, write_zip
from zcdesk.core.bundle_source import BundlePasswordError
from zcdesk.core.errors import Cancelled, DuplicateApplication, UserError
from zcdesk.core.importer import import_bundle, import_bundles
from zcdesk.core.manifest import dump_manifest
from zcdesk.core.samples import Sample, make_sample
from zcdesk.core.services import get_application, list_applications, referenced_digests, save_bundle, set_review_status
from zcdesk.core.store import Store, open_store


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def stored_bundles(store: Store) -> list[object]:
    with store.unit_of_work() as session:
        return [get_application(session, item.id).bundle for item in list_applications(session)]


def test_folder_import_stores_the_manifest_and_every_file(store: Store, tmp_path: Path) -> None:
    original = sample(achievements=3)
    result = import_bundle(store, original.write_folder(tmp_path / "bundle"))
    assert (result.name, result.channel, result.policy_year, result.replaced) == ("张喆", "enterprise", 2025, False)
    assert stored_bundles(store) == [original.bundle]
    for record in original.bundle.attachments:
        assert store.files.path(record.sha256).read_bytes() == original.files[record.file]
    assert result.files_added == len({r.sha256 for r in original.bundle.attachments})
    assert not (store.layout.staging).exists()


def test_zip_import_equals_folder_import(store: Store, tmp_path: Path) -> None:
    original = sample()
    import_bundle(store, write_zip(tmp_path / "b.zip", original))
    assert stored_bundles(store) == [original.bundle]


def test_bare_manifest_with_attachments_is_refused(store: Store, tmp_path: Path) -> None:
    folder = sample().write_folder(tmp_path / "bundle")
    with (
        leaves_unchanged(tmp_path, store.layout.root),
        pytest.raises(UserError, match=r"只有 manifest\.json") as caught,
    ):
        import_bundle(store, folder / "manifest.json")
    assert caught.value.code == "ATTACHMENT-MISSING"


def test_another_channel_same_person_and_year_is_refused(store: Store, tmp_path: Path) -> None:
    first = import_bundle(store, sample("enterprise").write_folder(tmp_path / "a"))
    other = make_sample("dual-track", achievements=1)
    folder = other.write_folder(tmp_path / "b")
    with leaves_unchanged(tmp_path, store.layout.root), pytest.raises(DuplicateApplication) as caught:
        import_bundle(store, folder, replace=True)
    assert caught.value.code == "ELIG-ONE-CHANNEL"
    assert f"编号 {first.application_id}" in str(caught.value)
    assert "2.正常职称申报通道（企业人员）" in str(caught.value)


def test_same_channel_needs_replace(store: Store, tmp_path: Path) -> None:
    first = import_bundle(store, sample().write_folder(tmp_path / "a"))
    corrected = sample()
    applicant = replace(corrected.bundle.application.applicant, phone="13900139000")
    corrected = Sample(
        replace(corrected.bundle, application=replace(corrected.bundle.application, applicant=applicant)),
        corrected.files,
    )
    folder = corrected.write_folder(tmp_path / "b")
    with leaves_unchanged(tmp_path, store.layout.root), pytest.raises(DuplicateApplication, match="--replace"):
        import_bundle(store, folder)
    result = import_bundle(store, folder, replace=True)
    assert result.replaced and result.application_id == first.application_id
    assert stored_bundles(store) == [corrected.bundle]


def test_entered_online_is_never_replaced(store: Store, tmp_path: Path) -> None:
    first = import_bundle(store, sample().write_folder(tmp_path / "a"))
    with store.unit_of_work() as session:
        set_review_status(session, first.application_id, "entered-online")
    folder = sample().write_folder(tmp_path / "b")
    with leaves_unchanged(tmp_path, store.layout.root), pytest.raises(UserError, match="已录入系统"):
        import_bundle(store, folder, replace=True)


def _encrypted(path: Path, original: Sample, password: str) -> Path:
    with pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_STORED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        archive.writestr("manifest.json", dump_manifest(original.bundle))
        for name, data in original.files.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("password", "match"), [(None, "是加密的申报包，需要密码"), ("错的", "密码不对")])
def test_encrypted_bundle_without_the_right_password(
    store: Store, tmp_path: Path, password: str | None, match: str
) -> None:
    bundle = _encrypted(tmp_path / "secret.zip", sample(), "正确的密码")
    with leaves_unchanged(tmp_path, store.layout.root), pytest.raises(BundlePasswordError, match=match):
        import_bundle(store, bundle, password=password)


def test_encrypted_bundle_with_the_password(store: Store, tmp_path: Path) -> None:
    original = sample()
    import_bundle(store, _encrypted(tmp_path / "secret.zip", original, "正确的密码"), password="正确的密码")
    assert stored_bundles(store) == [original.bundle]


def test_cancel_leaves_nothing(store: Store, tmp_path: Path) -> None:
    import_bundle(store, make_sample("enterprise", name="李四").write_folder(tmp_path / "other"), replace=True)
    folder = sample("enterprise", achievements=4).write_folder(tmp_path / "bundle")
    calls: list[tuple[int, int]] = []

    def cancel_halfway(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < total // 2

    with leaves_unchanged(tmp_path, store.layout.root), pytest.raises(Cancelled):
        import_bundle(store, folder, replace=True, progress=cancel_halfway)
    assert calls[0][0] == 0 and len(calls) > 2


def test_files_are_taken_back_when_the_save_fails_after_they_were_moved(store: Store, tmp_path: Path) -> None:
    """Another writer saves the same person on another channel between staging and commit (a real race)."""
    ours = sample("enterprise")
    theirs = make_sample("dual-track", achievements=1)
    shared = ours.bundle.attachments[1]  # the racing application cites one file that our import brings in
    theirs_bundle = replace(theirs.bundle, attachments=(*theirs.bundle.attachments[:1], shared))
    theirs_bundle = replace(
        theirs_bundle, application=replace(theirs_bundle.application, achievements=(), education=())
    )
    folder = ours.write_folder(tmp_path / "bundle")
    before = tree(store.layout.attachments)

    raced: list[int] = []

    def race(done: int, total: int) -> bool:
        if done == total and not raced:
            raced.append(done)
            with store.unit_of_work() as session:
                save_bundle(session, theirs_bundle)
        return True

    with pytest.raises(DuplicateApplication):
        import_bundle(store, folder, progress=race)
    kept = {name for name in tree(store.layout.attachments) if name not in before}
    with store.unit_of_work() as session:
        referenced = referenced_digests(session)
    # Only the files the other application uses stayed; everything else our import added went.
    kept_digests = {name.rsplit("/", 1)[-1] for name in kept if "/" in name}
    ours_digests = {record.sha256 for record in ours.bundle.attachments}
    assert shared.sha256 in kept_digests
    assert kept_digests == ours_digests & referenced
    assert len(kept_digests) < len(ours_digests)
    assert not store.layout.staging.exists()


def test_many_bundles_each_on_its_own(store: Store, tmp_path: Path) -> None:
    good = sample().write_folder(tmp_path / "good")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    second = make_sample("dual-track", achievements=1).write_folder(tmp_path / "second")
    results = import_bundles(store, [good, bad, second])
    assert [type(r).__name__ for _, r in results] == ["ImportResult", "UnreadableInput", "DuplicateApplication"]
    assert len(stored_bundles(store)) == 1


def test_stale_staging_folders_are_swept(store: Store, tmp_path: Path) -> None:
    stale = store.layout.staging / "import-crashed"
    stale.mkdir(parents=True)
    (stale / "00000").write_bytes(b"half a file")
    old = time.time() - 3 * 24 * 3600
    os.utime(stale, (old, old))
    import_bundle(store, sample().write_folder(tmp_path / "bundle"))
    assert not stale.exists()


def test_preview_tells_what_a_replacing_import_changes(store: Store, tmp_path: Path) -> None:
    from zcdesk.core.importer import preview_import

    first = sample().write_folder(tmp_path / "a")
    assert preview_import(store, first).existing_id is None
    app_id = import_bundle(store, first).application_id
    corrected = sample()
    applicant = replace(corrected.bundle.application.applicant, phone="13900139000")
    corrected = Sample(
        replace(corrected.bundle, application=replace(corrected.bundle.application, applicant=applicant)),
        corrected.files,
    )
    preview = preview_import(store, corrected.write_folder(tmp_path / "b"))
    assert (preview.existing_id, preview.same_channel, preview.locked) == (app_id, True, False)
    assert preview.changes == ("基本信息·联系电话：13800138000 → 13900139000",)
    with store.unit_of_work() as session:
        set_review_status(session, app_id, "entered-online")
    assert preview_import(store, tmp_path / "b").locked
