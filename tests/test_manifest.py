"""manifest.json <-> snapshot: lossless both ways, and one clear Chinese message per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zcdesk.core.bundle_source import open_bundle, read_bundle_manifest
from zcdesk.core.errors import UnreadableInput
from zcdesk.core.manifest import dump_manifest, manifest_to_snapshot, parse_manifest_bytes, snapshot_to_manifest
from zcdesk.core.policy import load_policy
from zcdesk.core.samples import make_sample

CHANNELS = [c.code for c in load_policy(2025).channels]


@pytest.mark.parametrize("channel", CHANNELS)
def test_round_trip_is_lossless(channel: str) -> None:
    bundle = make_sample(channel, achievements=3).bundle
    raw = dump_manifest(bundle)
    again = parse_manifest_bytes(raw)
    assert again == bundle
    assert dump_manifest(again) == raw


def test_full_manifest_survives_byte_for_byte() -> None:
    """A manifest that spells out optional fields comes back exactly as written."""
    data = snapshot_to_manifest(make_sample("post2-assess", achievements=2).bundle)
    data["created_at"] = "2025-01-15T10:00:00+08:00"
    data["draft"] = True
    data["application"]["applicant"]["former_name"] = "张吉"
    data["application"]["target"]["talent_class"] = "C"
    data["application"]["target"]["exam_result_pending"] = True
    data["application"]["acknowledged_warnings"] = [{"code": "YEARS-IN-QUALIFICATION", "explanation": "破格申报"}]
    data["application"]["unit_review"]["reviewers"] = []
    data["forms"] = [{"kind": "summary", "file": "forms/一览表.pdf", "sha256": "0" * 64}]
    assert snapshot_to_manifest(manifest_to_snapshot(data)) == data


def test_defaults_may_be_left_out() -> None:
    data = snapshot_to_manifest(make_sample().bundle)
    assert "draft" not in data
    assert "offline_route" not in data["application"]["applicant"]
    data["draft"] = False
    data["application"]["applicant"]["offline_route"] = "none"
    assert manifest_to_snapshot(data) == make_sample().bundle


def test_dump_keeps_chinese_and_rare_characters() -> None:
    raw = dump_manifest(make_sample(name="吉𠮷").bundle)
    assert "吉𠮷".encode() in raw
    assert b"\\u" not in raw


def _manifest() -> dict:
    return snapshot_to_manifest(make_sample().bundle)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("application"), "缺少必填项“application”"),
        (lambda d: d["application"]["applicant"].pop("name"), "application.applicant 缺少必填项“name”"),
        (
            lambda d: d["application"]["applicant"].update(birth_date="1986/03/15"),
            "application.applicant.birth_date 的日期",
        ),
        (
            lambda d: d["application"]["achievements"][1].update(date=20210101),
            "application.achievements[1].date 的类型不对",
        ),
        (
            lambda d: d["application"].update(channel="channel-17"),
            "application.channel 的值“channel-17”不在允许的取值中",
        ),
        (lambda d: d["attachments"][0].update(sha256="XYZ"), "attachments[0].sha256 的 SHA-256"),
        (lambda d: d["attachments"][0].update(size=0), "attachments[0].size 的值 0 应不小于 1"),
        (lambda d: d.update(format_version=2), "不支持的申报包格式版本“2”"),
        (lambda d: d.update(format="other"), "这不是 zcdesk 申报包"),
    ],
)
def test_bad_manifest_gives_one_chinese_message_with_path(change, expected: str) -> None:
    data = _manifest()
    change(data)
    with pytest.raises(UnreadableInput) as caught:
        manifest_to_snapshot(data)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_broken_json_names_line_and_column() -> None:
    raw = dump_manifest(make_sample().bundle).replace(b'"policy_year": 2025,', b'"policy_year": 2025', 1)
    with pytest.raises(UnreadableInput, match=r"不是有效的 JSON：第 \d+ 行第 \d+ 列"):
        parse_manifest_bytes(raw)


def test_not_utf8() -> None:
    with pytest.raises(UnreadableInput, match="不是 UTF-8 编码"):
        parse_manifest_bytes('{"format": "申报"}'.encode("gbk"))


def test_reads_folder_zip_and_bare_manifest(tmp_path: Path) -> None:
    import zipfile

    sample = make_sample("school-teacher")
    folder = sample.write_folder(tmp_path / "bundle")
    assert read_bundle_manifest(folder) == sample.bundle
    assert read_bundle_manifest(folder / "manifest.json") == sample.bundle
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.rglob("*"):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    with open_bundle(archive) as source:
        assert source.read_manifest() == sample.bundle
        first = sample.bundle.attachments[0]
        assert source.size(first.file) == first.size


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda p: p / "missing.zip", "找不到"),
        (lambda p: (p / "x.txt").write_text("hello") and p / "x.txt", "不是申报包"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "中没有 manifest.json"),
    ],
)
def test_unreadable_inputs(tmp_path: Path, setup, expected: str) -> None:
    with pytest.raises(UnreadableInput, match=expected):
        read_bundle_manifest(setup(tmp_path))


def test_manifest_is_valid_json_object(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(UnreadableInput, match="应为一个 JSON 对象"):
        read_bundle_manifest(path)
