"""`zcdesk print`: both forms for a bundle (zip, folder, manifest.json) or a stored application."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_bundle_support import write_zip
from tests.test_forms_support import page_sizes_mm, pdftotext, squeezed
from zcdesk.cli import main
from zcdesk.core.manifest import dump_manifest
from zcdesk.core.samples import make_sample

NAME = "吉𠮷喆堃玥"


def images_on_first_page(pdf: Path) -> int:
    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].images)


def test_print_a_bundle_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_sample(achievements=5, name=NAME).write_folder(tmp_path / "bundle")
    out = tmp_path / "out" / "nested"
    assert main(["print", str(folder), "--out", str(out)]) == 0
    summary, publicity = out / "一览表.pdf", out / "公示表.pdf"
    assert capsys.readouterr().out.splitlines() == [str(summary), str(publicity)]
    assert NAME in pdftotext(summary.read_bytes()) and NAME in pdftotext(publicity.read_bytes())
    assert images_on_first_page(summary) == 1  # the 证件照 from the bundle
    assert "公示期：2025.01.16–2025.01.22（5个工作日）" in squeezed(publicity.read_bytes())
    assert "草稿" not in squeezed(summary.read_bytes())
    assert sorted(p.name for p in out.iterdir()) == ["一览表.pdf", "公示表.pdf"]  # no partial files left


def test_print_a_zip_on_a3_with_a_chosen_publicity_start(tmp_path: Path) -> None:
    bundle = write_zip(tmp_path / "张喆_2_2025.zip", make_sample(achievements=3))
    out = tmp_path / "out"
    assert main(["print", str(bundle), "--out", str(out), "--paper", "A3", "--publicity-start", "2025-01-26"]) == 0
    assert set(page_sizes_mm((out / "一览表.pdf").read_bytes())) == {(297, 420)}
    assert set(page_sizes_mm((out / "公示表.pdf").read_bytes())) == {(210, 297)}
    assert "2025.01.26–2025.02.07（5个工作日）" in squeezed((out / "公示表.pdf").read_bytes())
    assert images_on_first_page(out / "一览表.pdf") == 1


def test_print_a_bare_manifest_leaves_the_photo_box_empty(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_bytes(dump_manifest(make_sample().bundle))
    assert main(["print", str(manifest), "--out", str(tmp_path / "out")]) == 0
    summary = tmp_path / "out" / "一览表.pdf"
    assert images_on_first_page(summary) == 0
    assert "照片" in squeezed(summary.read_bytes())


def test_a_tampered_photo_is_not_printed(tmp_path: Path) -> None:
    sample = make_sample()
    folder = sample.write_folder(tmp_path / "bundle")
    photo = next(a for a in sample.bundle.attachments if a.category == "photo")
    (folder / photo.file).write_bytes(b"\x89PNG not the photo the manifest names")
    assert main(["print", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert images_on_first_page(tmp_path / "out" / "一览表.pdf") == 0


def test_print_a_stored_application_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    bundle = write_zip(tmp_path / "in.zip", make_sample(achievements=4, name=NAME))
    assert main(["--data-dir", str(data), "import", str(bundle)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "list", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    out = tmp_path / "out"
    assert main(["--data-dir", str(data), "print", entry["id"], "--out", str(out)]) == 0
    assert NAME in pdftotext((out / "公示表.pdf").read_bytes())
    assert images_on_first_page(out / "一览表.pdf") == 1  # the photo comes from the store's files


def test_a_draft_prints_with_a_watermark_and_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = make_sample()
    broken = dataclasses.replace(
        sample.bundle,
        application=dataclasses.replace(
            sample.bundle.application,
            applicant=dataclasses.replace(sample.bundle.application.applicant, phone="12345"),
        ),
    )
    folder = dataclasses.replace(sample, bundle=broken).write_folder(tmp_path / "bundle")
    assert main(["print", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert "草稿" in capsys.readouterr().err
    assert "草稿" in squeezed((tmp_path / "out" / "一览表.pdf").read_bytes())
    assert "草稿" in squeezed((tmp_path / "out" / "公示表.pdf").read_bytes())


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["print", "no-such-bundle.zip", "--out", "out"], 2, "找不到"),
        (["print", "99", "--out", "out"], 1, "找不到编号为 99 的申报"),
        (["print", "BUNDLE", "--out", "out", "--publicity-start", "2025-13-01"], 1, "--publicity-start"),
        (["print", "BUNDLE", "--out", "FILE"], 1, "无法写入"),
    ],
)
def test_errors_are_one_chinese_line(tmp_path: Path, args: list[str], code: int, words: str) -> None:
    folder = make_sample(achievements=1).write_folder(tmp_path / "bundle")
    (tmp_path / "FILE").write_text("a file where the folder should be", encoding="utf-8")
    args = [str(folder) if a == "BUNDLE" else str(tmp_path / "FILE") if a == "FILE" else a for a in args]
    result = subprocess.run(
        [sys.executable, "-m", "zcdesk", "--data-dir", str(tmp_path / "data"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "gbk"},  # a GBK console must not crash
        timeout=120,
    )
    assert result.returncode == code, result.stderr
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_encrypted_bundle_prints_with_its_password(tmp_path: Path) -> None:
    """An AES bundle from a colleague prints with --password; without it, one Chinese line."""
    import os
    import subprocess
    import sys

    import pyzipper

    from zcdesk.core.samples import make_sample

    folder = make_sample("enterprise", achievements=1).write_folder(tmp_path / "b")
    bundle = tmp_path / "加密.zip"
    with pyzipper.AESZipFile(bundle, "w", encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(b"mima2025")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    env = {**os.environ, "ZCDESK_DATA_DIR": str(tmp_path / "data")}
    base = [sys.executable, "-m", "zcdesk", "print", str(bundle), "--out", str(tmp_path / "out")]
    refused = subprocess.run(base, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert refused.returncode == 2 and "加密" in refused.stderr and "Traceback" not in refused.stderr
    printed = subprocess.run(
        [*base, "--password", "mima2025"], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )
    assert printed.returncode == 0, printed.stderr
    assert (tmp_path / "out" / "一览表.pdf").read_bytes().startswith(b"%PDF")
