"""`zcdesk validate` as a user runs it: a real process, real zips and folders, exit codes 0/1/2."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.test_rules_cases import encrypted_pdf, padded_png
from zcdesk.core.manifest import dump_manifest, snapshot_to_manifest
from zcdesk.core.samples import Sample, make_sample, tiny_png

LIMIT = 5 * 1024 * 1024


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    environment["ZCDESK_DATA_DIR"] = str(tmp_path / "data")
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "zcdesk", "validate", *args],
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )


def run_json(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run(tmp_path, *args, "--json")
    assert result.stderr == b"", result.stderr.decode("utf-8")
    return result.returncode, json.loads(result.stdout.decode("utf-8"))


def write_zip(sample: Sample, path: Path, manifest: bytes | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest if manifest is not None else dump_manifest(sample.bundle))
        for name, data in sample.files.items():
            archive.writestr(name, data)
    return path


def replaced(sample: Sample, index: int, data: bytes | None, update_record: bool) -> Sample:
    """The sample with attachment `index`'s bytes replaced (None: the file removed)."""
    record = sample.bundle.attachments[index]
    files = dict(sample.files)
    if data is None:
        del files[record.file]
        return Sample(sample.bundle, files)
    files[record.file] = data
    if not update_record:
        return Sample(sample.bundle, files)
    new = dataclasses.replace(record, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    attachments = list(sample.bundle.attachments)
    attachments[index] = new
    return Sample(dataclasses.replace(sample.bundle, attachments=tuple(attachments)), files)


def errors(data: dict[str, Any]) -> list[str]:
    return [item["code"] for item in data["findings"] if item["severity"] == "error"]


# --- exit 0 and 1, JSON shape -------------------------------------------------------------------


def test_valid_folder_json(tmp_path: Path) -> None:
    folder = make_sample("enterprise").write_folder(tmp_path / "bundle")
    code, data = run_json(tmp_path, str(folder), "--today", "2025-01-15")
    assert code == 0
    assert set(data) == {"ok", "findings"} and data["ok"] is True
    assert data["findings"] == [
        {
            "code": "FEE",
            "severity": "info",
            "message": data["findings"][0]["message"],
            "field": None,
            "acknowledged": False,
        }
    ]


def test_valid_zip_of_every_kind_of_employer(tmp_path: Path) -> None:
    for channel in ("public-institution", "freelancer", "county-3010"):
        path = write_zip(make_sample(channel, achievements=2), tmp_path / f"{channel}.zip")
        code, data = run_json(tmp_path, str(path), "--today", "2025-01-15")
        assert (code, data["ok"], errors(data)) == (0, True, [])


def test_errors_give_exit_1(tmp_path: Path) -> None:
    sample = make_sample("enterprise")
    app = sample.bundle.application
    app = dataclasses.replace(app, applicant=dataclasses.replace(app.applicant, phone="1380013800"))
    folder = Sample(dataclasses.replace(sample.bundle, application=app), sample.files).write_folder(tmp_path / "b")
    code, data = run_json(tmp_path, str(folder), "--today", "2025-01-15")
    assert code == 1 and data["ok"] is False
    [phone] = [item for item in data["findings"] if item["code"] == "PHONE"]
    assert phone["field"] == "applicant.phone" and phone["severity"] == "error"


def test_warnings_alone_give_exit_0(tmp_path: Path) -> None:
    folder = make_sample("enterprise").write_folder(tmp_path / "b")
    code, data = run_json(tmp_path, str(folder), "--today", "2025-03-01")
    assert code == 0 and data["ok"] is True
    assert [(i["code"], i["acknowledged"]) for i in data["findings"] if i["severity"] == "warning"] == [
        ("WINDOW", False)
    ]


def test_acknowledged_warning_in_json(tmp_path: Path) -> None:
    sample = make_sample("enterprise")
    manifest = snapshot_to_manifest(sample.bundle)
    manifest["application"]["acknowledged_warnings"] = [{"code": "WINDOW", "explanation": "单位统一补录"}]
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    code, data = run_json(tmp_path, str(path), "--today", "2025-03-01")
    assert code == 0
    assert [i["acknowledged"] for i in data["findings"] if i["code"] == "WINDOW"] == [True]


def test_bare_manifest_skips_files_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_bytes(dump_manifest(make_sample("enterprise").bundle))  # no attachment files beside it
    result = run(tmp_path, str(path), "--today", "2025-01-15")
    text = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "附件文件未检查" in text and "ATTACHMENT-MISSING" not in text


# --- UTF-8 output whatever the console ----------------------------------------------------------

# Python's standard streams would be ASCII here: no UTF-8 mode, no locale coercion.
ASCII_CONSOLE = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}


def test_rare_characters_printed_as_utf8_on_an_ascii_console(tmp_path: Path) -> None:
    sample = make_sample("enterprise", name="𠮷野家")
    app = sample.bundle.application
    late = dataclasses.replace(app.achievements[0], title="𠮷林省某项目", date="2025-01-02")
    app = dataclasses.replace(app, achievements=(late, *app.achievements[1:]))
    # A zip: its entry names are UTF-8 inside the archive, whatever the machine's file-name encoding.
    folder = write_zip(Sample(dataclasses.replace(sample.bundle, application=app), sample.files), tmp_path / "b.zip")

    result = run(tmp_path, str(folder), "--today", "2025-01-15", "--json", env=ASCII_CONSOLE)
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    text = result.stdout.decode("utf-8")  # strict: must be UTF-8
    assert "《𠮷林省某项目》" in text and "\\u" not in text
    assert json.loads(text)["findings"][0]["code"] == "DATE-CUTOFF"

    result = run(tmp_path, str(folder), "--today", "2025-01-15", env=ASCII_CONSOLE)
    lines = result.stdout.decode("utf-8").splitlines()
    assert "𠮷野家" in lines[0]
    assert lines[1].startswith("错误  DATE-CUTOFF  第1项业绩《𠮷林省某项目》的日期 2025-01-02 晚于截止日期 2024-12-31")
    assert lines[-1].startswith("结论：不通过——1 个错误、0 个警告、1 个提示")


def test_text_report_lines(tmp_path: Path) -> None:
    folder = make_sample("enterprise").write_folder(tmp_path / "b")
    result = run(tmp_path, str(folder), "--today", "2025-03-01")
    lines = result.stdout.decode("utf-8").splitlines()
    assert result.returncode == 0
    assert lines[0] == "校验 b：张喆，2.正常职称申报通道（企业人员），2025年度"
    assert lines[1].startswith("警告  WINDOW  今天（2025-03-01）不在")
    assert lines[2].startswith("提示  FEE  ")
    assert lines[3] == "结论：通过——0 个错误、1 个警告、1 个提示；其中 1 个警告尚未填写说明。"


# --- tampered attachments: a finding, not exit 2 -------------------------------------------------

SAMPLE = make_sample("enterprise", achievements=2)
ID_CARD = 1  # attachments[1] is the 身份证 PDF
PHOTO = 0  # attachments[0] is the 证件照 PNG


@pytest.mark.parametrize(
    ("label", "tampered", "code"),
    [
        (
            "hash mismatch",
            replaced(SAMPLE, ID_CARD, SAMPLE.files[SAMPLE.bundle.attachments[ID_CARD].file] + b"%x\n", False),
            "ATTACHMENT-MISSING",
        ),
        ("removed file", replaced(SAMPLE, ID_CARD, None, False), "ATTACHMENT-MISSING"),
        ("pdf that is a png, record updated", replaced(SAMPLE, ID_CARD, tiny_png(), True), "ATTACHMENT-FORMAT"),
        ("pdf that is a png, record stale", replaced(SAMPLE, ID_CARD, tiny_png(), False), "ATTACHMENT-FORMAT"),
        ("encrypted pdf", replaced(SAMPLE, ID_CARD, encrypted_pdf(), True), "ATTACHMENT-FORMAT"),
        ("zero bytes", replaced(SAMPLE, ID_CARD, b"", False), "ATTACHMENT-FORMAT"),
        ("over 5 MiB", replaced(SAMPLE, PHOTO, padded_png(LIMIT + 1), True), "ATTACHMENT-FORMAT"),
    ],
)
@pytest.mark.parametrize("form", ["zip", "folder"])
def test_tampered_attachment(tmp_path: Path, label: str, tampered: Sample, code: str, form: str) -> None:
    path = write_zip(tampered, tmp_path / "b.zip") if form == "zip" else tampered.write_folder(tmp_path / "b")
    exit_code, data = run_json(tmp_path, str(path), "--today", "2025-01-15")
    assert exit_code == 1
    assert errors(data) == [code], label
    [finding] = [item for item in data["findings"] if item["code"] == code]
    record = tampered.bundle.attachments[PHOTO if "MiB" in label else ID_CARD]
    assert record.file in finding["message"] and finding["field"] is None


def test_exactly_5_mib_passes(tmp_path: Path) -> None:
    path = write_zip(replaced(SAMPLE, PHOTO, padded_png(LIMIT), True), tmp_path / "b.zip")
    exit_code, data = run_json(tmp_path, str(path), "--today", "2025-01-15")
    assert (exit_code, errors(data)) == (0, [])


# --- unreadable input: exit 2, one Chinese line, no traceback -------------------------------------


def assert_unreadable(result: subprocess.CompletedProcess[bytes], words: str) -> None:
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert result.stdout == b""
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1 and stderr.startswith("zcdesk：")
    assert words in stderr, stderr


def test_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text('{"format": "zcdesk-bundle", ', encoding="utf-8")
    assert_unreadable(run(tmp_path, str(path), "--json"), "不是有效的 JSON")


def test_broken_json_inside_a_zip(tmp_path: Path) -> None:
    path = write_zip(SAMPLE, tmp_path / "b.zip", manifest=b"{not json")
    assert_unreadable(run(tmp_path, str(path)), "不是有效的 JSON")


def test_unknown_format_version(tmp_path: Path) -> None:
    manifest = snapshot_to_manifest(SAMPLE.bundle)
    manifest["format_version"] = 2
    path = write_zip(SAMPLE, tmp_path / "b.zip", manifest=json.dumps(manifest).encode())
    assert_unreadable(run(tmp_path, str(path), "--json"), "不支持的申报包格式版本“2”")


def test_schema_violation_names_the_path(tmp_path: Path) -> None:
    manifest = snapshot_to_manifest(SAMPLE.bundle)
    del manifest["application"]["applicant"]["id_number"]
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert_unreadable(run(tmp_path, str(path), "--json"), "application.applicant")


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "申报包.zip"
    path.write_bytes(b"this is not a zip file at all")
    assert_unreadable(run(tmp_path, str(path), "--json"), "不是有效的 zip 文件")


def test_no_manifest(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("attachments/01.pdf", b"%PDF-1.4")
    assert_unreadable(run(tmp_path, str(path)), "没有 manifest.json")


def test_missing_path(tmp_path: Path) -> None:
    assert_unreadable(run(tmp_path, str(tmp_path / "nowhere.zip")), "找不到")


def test_unsafe_zip_entry(tmp_path: Path) -> None:
    path = write_zip(SAMPLE, tmp_path / "b.zip")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("../evil.txt", b"x")
    assert_unreadable(run(tmp_path, str(path), "--json"), "..")


def test_attachment_path_outside_the_bundle(tmp_path: Path) -> None:
    manifest = snapshot_to_manifest(SAMPLE.bundle)
    manifest["attachments"][0]["file"] = "../../etc/passwd"
    path = write_zip(SAMPLE, tmp_path / "b.zip", manifest=json.dumps(manifest, ensure_ascii=False).encode())
    assert_unreadable(run(tmp_path, str(path), "--json"), "..")


def test_unknown_policy_year(tmp_path: Path) -> None:
    manifest = snapshot_to_manifest(SAMPLE.bundle)
    manifest["policy_year"] = 2031
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert_unreadable(run(tmp_path, str(path)), "没有2031年度的政策文件")


def test_bad_today(tmp_path: Path) -> None:
    folder = SAMPLE.write_folder(tmp_path / "b")
    assert_unreadable(run(tmp_path, str(folder), "--today", "2025-02-30"), "--today")


# --- what the command loads ----------------------------------------------------------------------


def test_validate_imports_no_gui_pdf_writer_or_excel(tmp_path: Path) -> None:
    folder = SAMPLE.write_folder(tmp_path / "b")
    script = (
        "import sys\n"
        "from zcdesk.cli import main\n"
        f"code = main(['validate', {str(folder)!r}, '--json', '--today', '2025-01-15'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6', 'reportlab', 'openpyxl'})\n"
        "sys.stderr.write(repr((code, heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=False)
    assert result.stderr.decode() == "(0, [])"
