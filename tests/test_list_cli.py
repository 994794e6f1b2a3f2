"""`zcdesk list [--json]`: every application once, ids accepted by export, counts from the rules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from zcdesk.cli import main
from zcdesk.core.samples import Sample, make_id_number, make_sample


def write(tmp_path: Path, sample: Sample, name: str) -> Path:
    return sample.write_folder(tmp_path / name)


def test_empty_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "data"), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--data-dir", str(tmp_path / "data"), "list"]) == 0
    assert "还没有申报" in capsys.readouterr().out


def test_json_shape_and_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    good = make_sample("enterprise", achievements=1)
    broken = make_sample("school-teacher", achievements=1, name="𠮷祥")
    applicant = replace(broken.bundle.application.applicant, id_number=make_id_number(seq=31), phone="12345")
    broken = Sample(
        replace(broken.bundle, application=replace(broken.bundle.application, applicant=applicant)), broken.files
    )
    assert main(["--data-dir", data, "import", str(write(tmp_path, good, "a")), str(write(tmp_path, broken, "b"))]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\\u" not in out  # characters as they are, 𠮷 included
    items = json.loads(out)
    assert [(i["id"], i["name"], i["channel"], i["channel_no"], i["policy_year"]) for i in items] == [
        ("1", "张喆", "enterprise", 2, 2025),
        ("2", "𠮷祥", "school-teacher", 9, 2025),
    ]
    assert all(isinstance(i["errors"], int) and isinstance(i["warnings"], int) for i in items)
    assert items[0]["status"] == "checked"
    assert items[1]["errors"] >= 1  # PHONE
    # The ids are what export accepts.
    assert (
        main(["--data-dir", data, "export", items[0]["id"], "--out", str(tmp_path / "out"), "--today", "2025-01-20"])
        == 0
    )
