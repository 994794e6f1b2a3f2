"""Export of an application: layout, names, determinism, round trip, drafts, 填报清单, encryption, atomicity."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest
import pyzipper
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from tests.test_bundle_support import tree, with_attachment
from zcdesk.core.errors import Cancelled
from zcdesk.core.importer import import_bundle
from zcdesk.core.manifest import parse_manifest_bytes
from zcdesk.core.samples import Sample, make_id_number, make_sample
from zcdesk.core.store import Store, open_store
from zcdesk.export.names import is_safe_name
from zcdesk.export.writer import export_application

TODAY = dt.date(2025, 1, 20)  # inside the individual submission window: no WINDOW warning


def rotated_jpeg() -> bytes:
    image = Image.new("RGB", (400, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def full_sample() -> Sample:
    """The enterprise sample plus a phone photo of a document that needs turning upright."""
    return with_attachment(
        make_sample("enterprise", achievements=3), "attachments/扫描.jpg", rotated_jpeg(), "image/jpeg"
    )


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def stored_app(store: Store, sample: Sample, tmp_path: Path, name: str = "bundle") -> int:
    return import_bundle(store, sample.write_folder(tmp_path / name)).application_id


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_layout_names_and_manifest(store: Store, tmp_path: Path) -> None:
    sample = full_sample()
    app_id = stored_app(store, sample, tmp_path)
    result = export_application(store, app_id, tmp_path / "out", today=TODAY)
    assert result.zip_path == tmp_path / "out" / "张喆_2_2025.zip"
    assert not result.draft
    files = entries(result.zip_path)
    names = list(files)
    attachments = [n for n in names if n.startswith("attachments/")]
    assert names == [
        "manifest.json",
        "forms/一览表.pdf",
        "forms/公示表.pdf",
        *attachments,
        "填报清单.xlsx",
        "校验报告.pdf",
    ]
    # Upload order: photo, id card, education, qualification, evidence by achievement, enterprise documents, other.
    assert [PurePosixPath(n).name.split("_")[1] for n in attachments] == [
        "证件照",
        "身份证",
        "学历证书",
        "职称证书",
        "业绩佐证材料",
        "业绩佐证材料",
        "业绩佐证材料",
        "社保参保证明",
        "营业执照",
        "其他材料",
    ]
    assert [PurePosixPath(n).name[:3] for n in attachments] == [f"{i:02d}_" for i in range(1, 11)]
    assert all(is_safe_name(PurePosixPath(n).name) for n in attachments)
    assert len({n.casefold() for n in names}) == len(names)
    manifest = parse_manifest_bytes(files["manifest.json"])
    assert manifest == result.bundle and manifest.draft is False
    assert manifest.app_version and manifest.created_at
    for record in manifest.attachments:
        data = files[record.file]
        assert (len(data), hashlib.sha256(data).hexdigest()) == (record.size, record.sha256)
    assert {(f.kind, f.file) for f in manifest.forms or ()} == {
        ("summary", "forms/一览表.pdf"),
        ("publicity", "forms/公示表.pdf"),
    }
    for form in manifest.forms or ():
        assert hashlib.sha256(files[form.file]).hexdigest() == form.sha256
    with zipfile.ZipFile(result.zip_path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}


def test_attachments_within_limits_are_byte_for_byte_and_originals_untouched(store: Store, tmp_path: Path) -> None:
    sample = full_sample()
    app_id = stored_app(store, sample, tmp_path)
    before = tree(store.layout.attachments)
    result = export_application(store, app_id, tmp_path / "out", today=TODAY)
    files = entries(result.zip_path)
    originals = {r.id: sample.files[r.file] for r in sample.bundle.attachments}
    for record in result.bundle.attachments:
        if record.media_type == "image/jpeg":
            turned = Image.open(io.BytesIO(files[record.file]))
            assert turned.size == (200, 400) and record.file.endswith(".jpg")
            assert files[record.file] != originals[record.id]
        else:
            assert files[record.file] == originals[record.id]
    assert tree(store.layout.attachments) == before


def test_same_data_gives_the_same_bytes(store: Store, tmp_path: Path) -> None:
    app_id = stored_app(store, full_sample(), tmp_path)
    first = entries(export_application(store, app_id, tmp_path / "one", today=TODAY).zip_path)
    second = entries(export_application(store, app_id, tmp_path / "two", today=TODAY).zip_path)
    assert first.keys() == second.keys()
    for name in first:
        if name != "manifest.json":
            assert first[name] == second[name], name
    a, b = (json.loads(x["manifest.json"]) for x in (first, second))
    a.pop("created_at"), b.pop("created_at")
    assert a == b


def test_round_trip_through_an_empty_data_folder(store: Store, tmp_path: Path) -> None:
    app_id = stored_app(store, full_sample(), tmp_path)
    first = export_application(store, app_id, tmp_path / "out1", today=TODAY)
    other = open_store(tmp_path / "data2")
    try:
        imported = import_bundle(other, first.zip_path)
        second = export_application(other, imported.application_id, tmp_path / "out2", today=TODAY)
    finally:
        other.close()
    one, two = entries(first.zip_path), entries(second.zip_path)
    assert one.keys() == two.keys()
    # 填报清单 and 校验报告 are derived: they tell what this export did (turned a photo, or nothing).
    for name in one:
        if name not in ("manifest.json", "填报清单.xlsx", "校验报告.pdf"):
            assert one[name] == two[name], f"{name} differs after export → import → export"
    assert replace(first.bundle, created_at=None) == replace(second.bundle, created_at=None)


def test_errors_make_a_draft_with_a_watermark(store: Store, tmp_path: Path) -> None:
    sample = make_sample("enterprise", achievements=1)
    without_id_card = tuple(a for a in sample.bundle.attachments if a.category != "id-card")
    sample = Sample(replace(sample.bundle, attachments=without_id_card), sample.files)
    app_id = stored_app(store, sample, tmp_path)
    result = export_application(store, app_id, tmp_path / "out", today=TODAY)
    assert result.draft and [f.code for f in result.errors] == ["ATTACHMENT-REQUIRED"]
    files = entries(result.zip_path)
    assert json.loads(files["manifest.json"])["draft"] is True
    summary_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(files["forms/一览表.pdf"])).pages)
    assert "草稿" in summary_text
    report_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(files["校验报告.pdf"])).pages)
    assert "ATTACHMENT-REQUIRED" in report_text and "草稿" in report_text


def test_unusable_attachment_is_an_error_in_the_report(store: Store, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make_sample().files["attachments/02_身份证.pdf"]))
    writer.encrypt(user_password="", owner_password="x")
    out = io.BytesIO()
    writer.write(out)
    sample = with_attachment(make_sample("enterprise", achievements=1), "attachments/加密.pdf", out.getvalue(), None)
    app_id = stored_app(store, sample, tmp_path)
    result = export_application(store, app_id, tmp_path / "out", today=TODAY)
    assert result.draft
    assert any(f.code == "ATTACHMENT-FORMAT" and "加密" in f.message for f in result.errors)


def test_warnings_do_not_block_and_are_in_the_report(store: Store, tmp_path: Path) -> None:
    app_id = stored_app(store, make_sample("enterprise", achievements=1), tmp_path)
    result = export_application(store, app_id, tmp_path / "out", today=dt.date(2025, 6, 1))
    assert not result.draft
    assert [f.code for f in result.unacknowledged_warnings] == ["WINDOW"]
    report = entries(result.zip_path)["校验报告.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report)).pages)
    assert "WINDOW" in text and "未说明" in text


def test_checklist_reads_back(store: Store, tmp_path: Path) -> None:
    sample = full_sample()
    app_id = stored_app(store, sample, tmp_path)
    result = export_application(store, app_id, tmp_path / "out", today=TODAY)
    files = entries(result.zip_path)
    book = load_workbook(io.BytesIO(files["填报清单.xlsx"]))
    assert book.sheetnames == ["填报清单", "附件上传顺序", "说明"]
    sheet = book["填报清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("序号", "栏目", "内容")
    by_label = {r[1]: r[2] for r in rows[1:] if r[0] is not None}
    applicant = sample.bundle.application.applicant
    assert by_label["姓名"] == "张喆"
    assert by_label["身份证号"] == applicant.id_number and isinstance(by_label["身份证号"], str)
    assert by_label["申报通道"] == "2.正常职称申报通道（企业人员）"
    assert by_label["性别"] == "男" and by_label["单位性质"] == "民营企业"
    id_row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "身份证号")
    assert id_row[2].number_format == "@"
    numbers = [r[0] for r in rows[1:] if r[0] is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    uploads = list(book["附件上传顺序"].iter_rows(values_only=True))[1:]
    zipped = [PurePosixPath(n).name for n in files if n.startswith("attachments/")]
    assert [r[1] for r in uploads] == zipped
    assert any("EXIF" in (r[5] or "") for r in uploads)


def test_encrypted_zip(store: Store, tmp_path: Path) -> None:
    app_id = stored_app(store, make_sample("enterprise", achievements=1), tmp_path)
    result = export_application(store, app_id, tmp_path / "out", today=TODAY, password="吉林2025")
    with zipfile.ZipFile(result.zip_path) as plain:
        assert all(info.flag_bits & 0x1 and info.compress_type == 99 for info in plain.infolist())  # WinZip AES
    with pyzipper.AESZipFile(result.zip_path) as archive:
        archive.setpassword("吉林2025".encode())
        assert parse_manifest_bytes(archive.read("manifest.json")) == result.bundle
        archive.setpassword(b"wrong")
        with pytest.raises(RuntimeError, match="Bad password"):
            archive.read("manifest.json")
    other = open_store(tmp_path / "data2")
    try:
        assert import_bundle(other, result.zip_path, password="吉林2025").name == "张喆"
    finally:
        other.close()


def test_cancel_leaves_the_earlier_export_and_nothing_else(store: Store, tmp_path: Path) -> None:
    app_id = stored_app(store, full_sample(), tmp_path)
    out = tmp_path / "out"
    first = export_application(store, app_id, out, today=TODAY, folder=True)
    before = tree(out)
    with pytest.raises(Cancelled):
        export_application(store, app_id, out, today=TODAY, folder=True, progress=lambda done, total: done < total - 2)
    assert tree(out) == before
    assert first.zip_path.exists()


def test_folder_output_matches_the_zip(store: Store, tmp_path: Path) -> None:
    app_id = stored_app(store, full_sample(), tmp_path)
    result = export_application(store, app_id, tmp_path / "out", today=TODAY, folder=True)
    assert result.folder_path == tmp_path / "out" / "张喆_2_2025"
    on_disk = {
        p.relative_to(result.folder_path).as_posix(): p.read_bytes()
        for p in result.folder_path.rglob("*")
        if p.is_file()
    }
    assert on_disk == entries(result.zip_path)
    again = export_application(store, app_id, tmp_path / "out", today=TODAY, folder=True)
    assert again.folder_path == result.folder_path
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["张喆_2_2025", "张喆_2_2025.zip"]


def test_namesakes_do_not_overwrite_each_other(store: Store, tmp_path: Path) -> None:
    first = stored_app(store, make_sample("enterprise", achievements=1), tmp_path, "a")
    namesake = make_sample("enterprise", achievements=1)
    applicant = replace(namesake.bundle.application.applicant, id_number=make_id_number(seq=55))
    namesake = Sample(
        replace(namesake.bundle, application=replace(namesake.bundle.application, applicant=applicant)), namesake.files
    )
    second = stored_app(store, namesake, tmp_path, "b")
    out = tmp_path / "out"
    one = export_application(store, first, out, today=TODAY)
    two = export_application(store, second, out, today=TODAY)
    assert (one.zip_path.name, two.zip_path.name) == ("张喆_2_2025.zip", "张喆_2_2025_2.zip")
    again = export_application(store, first, out, today=TODAY)
    assert again.zip_path == one.zip_path  # the same person's earlier export is replaced
    assert sorted(p.name for p in out.iterdir()) == ["张喆_2_2025.zip", "张喆_2_2025_2.zip"]
