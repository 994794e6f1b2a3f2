"""The rules' public API: validate() on every channel's sample, the Report, check_files on zips."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pytest

from zcdesk.core.bundle_source import open_bundle
from zcdesk.core.errors import UnreadableInput
from zcdesk.core.manifest import dump_manifest
from zcdesk.core.policy import load_policy
from zcdesk.core.rules import Finding, Report, check_files, validate
from zcdesk.core.samples import Sample, make_sample, tiny_pdf
from zcdesk.core.snapshot import AcknowledgedWarningSnapshot

POLICY = load_policy()
CHANNELS = [channel.code for channel in POLICY.channels]


def in_window(channel: str) -> dt.date:
    return dt.date(2025, 3, 15) if channel == "school-senior" else dt.date(2025, 1, 15)


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_sample_is_valid(channel: str) -> None:
    report = validate(make_sample(channel).bundle, in_window(channel))
    assert report.ok
    assert (report.errors, report.warnings) == (0, 0), [(f.code, f.message) for f in report.findings]
    assert report.infos >= 1 and {f.severity for f in report.findings} == {"info"}


@pytest.mark.parametrize("channel", CHANNELS)
def test_out_of_window_only_warns(channel: str) -> None:
    report = validate(make_sample(channel).bundle, dt.date(2026, 1, 26))
    assert report.ok
    assert [f.code for f in report.findings if f.severity != "info"] == ["WINDOW"]
    assert report.unacknowledged_warnings == 1


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_sample_has_valid_files(channel: str, tmp_path: Path) -> None:
    sample = make_sample(channel, achievements=3)
    with open_bundle(sample.write_folder(tmp_path / "bundle")) as source:
        assert check_files(sample.bundle, source, POLICY) == []


def test_forty_achievements_are_valid_and_each_one_is_checked() -> None:
    sample = make_sample("enterprise", achievements=40)
    assert validate(sample.bundle, dt.date(2025, 1, 15)).ok
    late = dataclasses.replace(sample.bundle.application.achievements[39], date="2025-01-02")
    achievements = (*sample.bundle.application.achievements[:39], late)
    bundle = dataclasses.replace(
        sample.bundle, application=dataclasses.replace(sample.bundle.application, achievements=achievements)
    )
    report = validate(bundle, dt.date(2025, 1, 15))
    [finding] = [f for f in report.findings if f.severity == "error"]
    assert (finding.code, finding.field) == ("DATE-CUTOFF", "achievements[39].date")
    assert finding.message.startswith(
        "第40项业绩《基于微服务架构的政务数据共享平台设计与实现（第40项）》的日期 2025-01-02 晚于截止日期 2024-12-31，"
    )


def test_validate_takes_the_policy_or_loads_it() -> None:
    bundle = make_sample("enterprise").bundle
    assert validate(bundle, dt.date(2025, 1, 15)) == validate(bundle, dt.date(2025, 1, 15), POLICY)


def test_report_counts_and_json() -> None:
    sample = make_sample("enterprise")
    app = sample.bundle.application
    app = dataclasses.replace(
        app,
        applicant=dataclasses.replace(app.applicant, phone="12"),
        current_qualification=dataclasses.replace(app.current_qualification, obtained_date="2020-01-05"),  # type: ignore[arg-type]
        acknowledged_warnings=(AcknowledgedWarningSnapshot("WINDOW", "单位统一安排2月20日提交"),),
    )
    report = validate(dataclasses.replace(sample.bundle, application=app), dt.date(2025, 2, 20))
    assert report.codes() == ["PHONE", "YEARS-IN-QUALIFICATION", "WINDOW", "FEE"]  # severest first
    assert (report.ok, report.errors, report.warnings, report.infos) == (False, 1, 2, 1)
    assert report.unacknowledged_warnings == 1
    data = report.to_json()
    assert data["ok"] is False
    assert [set(item) for item in data["findings"]] == [{"code", "severity", "message", "field", "acknowledged"}] * 4
    assert data["findings"][0]["field"] == "applicant.phone"
    assert [item["acknowledged"] for item in data["findings"]] == [False, False, True, False]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings = ()  # type: ignore[misc]


def test_an_empty_report_is_ok() -> None:
    report = Report(())
    assert report.ok and report.to_json() == {"ok": True, "findings": []}
    merged = report.with_findings([Finding("FEE", "info", "x"), Finding("PHONE", "error", "y", "applicant.phone")])
    assert merged.codes() == ["PHONE", "FEE"] and not merged.ok


# --- check_files on zips and archive safety ----------------------------------------------------


def write_zip(sample: Sample, path: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", dump_manifest(sample.bundle))
        for name, data in {**sample.files, **(extra or {})}.items():
            archive.writestr(name, data)
    return path


def test_check_files_streams_zip_entries(tmp_path: Path) -> None:
    sample = make_sample("enterprise", achievements=2)
    files = dict(sample.files)
    victim = sample.bundle.attachments[1].file
    files[victim] = files[victim] + b"\n% changed\n"
    path = write_zip(Sample(sample.bundle, files), tmp_path / "b.zip")
    with open_bundle(path) as source:
        [finding] = check_files(sample.bundle, source)
    assert (finding.code, finding.variant) == ("ATTACHMENT-MISSING", "changed")
    assert victim in finding.message


def test_a_bare_manifest_checks_no_files(tmp_path: Path) -> None:
    sample = make_sample("enterprise")
    path = tmp_path / "manifest.json"
    path.write_bytes(dump_manifest(sample.bundle))
    with open_bundle(path) as source:
        assert not source.has_files
        assert check_files(sample.bundle, source) == []


def test_an_attachment_path_leaving_the_bundle_is_refused(tmp_path: Path) -> None:
    sample = make_sample("enterprise", achievements=1)
    record = dataclasses.replace(sample.bundle.attachments[0], file="../outside.png")
    bundle = dataclasses.replace(sample.bundle, attachments=(record, *sample.bundle.attachments[1:]))
    with open_bundle(sample.write_folder(tmp_path / "b")) as source, pytest.raises(UnreadableInput, match=r"\.\."):
        check_files(bundle, source)


def test_a_linked_attachment_in_a_folder_is_refused(tmp_path: Path) -> None:
    sample = make_sample("enterprise", achievements=1)
    folder = sample.write_folder(tmp_path / "b")
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(tiny_pdf())
    target = folder / sample.bundle.attachments[1].file
    target.unlink()
    target.symlink_to(outside)
    with pytest.raises(UnreadableInput, match="链接"):
        open_bundle(folder)


def test_a_damaged_zip_entry_is_an_unreadable_attachment(tmp_path: Path) -> None:
    sample = make_sample("enterprise", achievements=1)
    path = write_zip(sample, tmp_path / "b.zip")
    victim = sample.bundle.attachments[1].file
    raw = bytearray(path.read_bytes())
    # Flip a byte inside the stored PDF's compressed data: its CRC no longer matches.
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(victim)
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 5
    raw[offset] ^= 0xFF
    path.write_bytes(bytes(raw))
    with open_bundle(path) as source:
        findings = check_files(sample.bundle, source)
    assert [(f.code, f.variant) for f in findings] == [("ATTACHMENT-FORMAT", "problem")]
    assert "无法从申报包中完整读出" in findings[0].message


def test_sample_hashes_match_their_bytes() -> None:
    sample = make_sample("talent-policy-3")
    for record in sample.bundle.attachments:
        assert hashlib.sha256(sample.files[record.file]).hexdigest() == record.sha256
