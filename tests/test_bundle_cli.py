"""`zcdesk import` and `zcdesk export` as a clerk's script sees them: lines, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from zcdesk.cli import main
from zcdesk.core.samples import Sample, make_sample


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zcdesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "gbk"},  # a GBK console must not crash the output
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_import_lines_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    first = make_sample("enterprise", achievements=1).write_folder(tmp_path / "first")
    other_channel = make_sample("dual-track", achievements=1).write_folder(tmp_path / "other")
    assert main(["--data-dir", data, "import", str(first)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["已导入：first → 编号 1，张喆，2.正常职称申报通道（企业人员），2025年度"]

    assert main(["--data-dir", data, "import", str(first), str(other_channel)]) == 1
    captured = capsys.readouterr()
    refusals = captured.err.splitlines()
    assert len(refusals) == 2
    assert refusals[0].startswith("已拒绝：first：") and "--replace" in refusals[0]
    assert refusals[1].startswith("已拒绝：other：[ELIG-ONE-CHANNEL]") and "编号 1" in refusals[1]

    assert main(["--data-dir", data, "import", "--replace", str(first)]) == 0
    assert capsys.readouterr().out.startswith("已更新：first → 编号 1")


def test_export_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, out = str(tmp_path / "data"), str(tmp_path / "out")
    good = make_sample("enterprise", achievements=1)
    assert main(["--data-dir", data, "import", str(good.write_folder(tmp_path / "good"))]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "export", "1", "--out", out, "--today", "2025-01-20", "--folder"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("已导出上传包：编号 1 → ") and captured.err == ""
    assert (tmp_path / "out" / "张喆_2_2025").is_dir()

    # Outside the window: a warning on stderr, still an upload package.
    assert main(["--data-dir", data, "export", "1", "--out", out, "--today", "2025-06-01"]) == 0
    assert "警告 [WINDOW]" in capsys.readouterr().err

    assert main(["--data-dir", data, "export", "1", "99", "--out", out, "--today", "2025-01-20"]) == 1
    assert "导出失败：编号 99：找不到编号为 99 的申报" in capsys.readouterr().err


def test_export_of_a_draft_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = make_sample("enterprise", achievements=1)
    applicant = replace(sample.bundle.application.applicant, phone="12345")
    sample = Sample(
        replace(sample.bundle, application=replace(sample.bundle.application, applicant=applicant)), sample.files
    )
    data, out = str(tmp_path / "data"), tmp_path / "out"
    assert main(["--data-dir", data, "import", str(sample.write_folder(tmp_path / "b"))]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "export", "1", "--out", str(out), "--today", "2025-01-20"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("已导出草稿（有 1 个错误，不是上传包）：编号 1")
    assert "错误 [PHONE]" in captured.err
    with zipfile.ZipFile(out / "张喆_2_2025.zip") as archive:
        assert b'"draft": true' in archive.read("manifest.json")


def test_encrypted_round_trip_in_a_subprocess(tmp_path: Path) -> None:
    data, out = str(tmp_path / "data"), str(tmp_path / "out")
    folder = make_sample("enterprise", achievements=1, name="𠮷喆").write_folder(tmp_path / "b")
    assert run("--data-dir", data, "import", str(folder)).returncode == 0
    exported = run("--data-dir", data, "export", "1", "--out", out, "--today", "2025-01-20", "--password", "密码123")
    assert exported.returncode == 0, exported.stderr
    bundle = tmp_path / "out" / "𠮷喆_2_2025.zip"
    wrong = run("--data-dir", str(tmp_path / "data2"), "import", str(bundle), "--password", "不对")
    assert wrong.returncode == 1 and "密码不对" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (tmp_path / "data2" / "attachments").exists() or not any((tmp_path / "data2" / "attachments").iterdir())
    missing = run("--data-dir", str(tmp_path / "data2"), "import", str(bundle))
    assert missing.returncode == 1 and "需要密码" in missing.stderr
    right = run("--data-dir", str(tmp_path / "data2"), "import", str(bundle), "--password", "密码123")
    assert right.returncode == 0 and "𠮷喆" in right.stdout
