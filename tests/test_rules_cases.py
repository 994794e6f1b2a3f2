"""Every rule's pass/fail cases (tests/cases/rules/NN-<channel>.toml), run by one parametrised test.

A case is a named change to the channel's valid sample (`make_sample`), a `today`, and the exact
multiset of codes it must raise — info codes included. `quiet` names codes the case shows *not*
firing (a boundary, or a rule kept quiet by another). See tests/cases/rules/README.md.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import itertools
import random
import re
import struct
import tomllib
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from zcdesk.core.bundle_source import open_bundle
from zcdesk.core.manifest import manifest_to_snapshot, snapshot_to_manifest
from zcdesk.core.policy import load_policy
from zcdesk.core.rules import Report, check_files, load_catalog, validate
from zcdesk.core.samples import make_sample, tiny_pdf, tiny_png
from zcdesk.core.snapshot import BundleSnapshot

CASE_DIR = Path(__file__).parent / "cases" / "rules"
LIMIT = load_policy().attachments.max_bytes
STORE_ONLY = {"ELIG-ONE-CHANNEL"}  # needs the store: fired by import, not by validate
# FEE is on every application (due or exempt): its "not firing" is the other variant.
ALWAYS = {"FEE"}


# --- file contents the cases can put in place of an attachment --------------------------


def padded_png(total: int) -> bytes:
    """A valid PNG of exactly `total` bytes: a private ancillary chunk ("zcPd") pads it.

    The padding is pseudo-random so that it does not compress: zeros would make the zip look
    like a zip bomb, which open_bundle rightly refuses.
    """
    base = tiny_png()
    head, rest = base[:33], base[33:]  # signature + IHDR, then IDAT and IEND
    pad = total - len(base) - 12
    assert pad >= 0
    data = random.Random(total).randbytes(pad)
    chunk = struct.pack(">I", pad) + b"zcPd" + data + struct.pack(">I", zlib.crc32(b"zcPd" + data))
    out = head + chunk + rest
    assert len(out) == total
    return out


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 100, 50)).save(buffer, "JPEG")
    return buffer.getvalue()


def file_bytes(kind: str, original: bytes) -> bytes:
    makers = {
        "png": tiny_png,
        "jpeg": jpeg,
        "pdf": lambda: tiny_pdf("replacement"),
        "empty": lambda: b"",
        "encrypted": encrypted_pdf,
        "junk": lambda: "这不是PDF文件".encode(),
        "broken-pdf": lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF\n",
        "over-limit": lambda: padded_png(LIMIT + 1),
        "at-limit": lambda: padded_png(LIMIT),
        "append": lambda: original + b"\n% one more line\n",
        "same-size": lambda: original.replace(b"/F1 24 Tf", b"/F1 25 Tf"),
    }
    return makers[kind]()


# --- cases --------------------------------------------------------------------------------


@dataclass
class Case:
    file: str
    channel: str
    name: str
    today: dt.date
    codes: list[str]
    quiet: list[str]
    raw: dict[str, Any] = field(repr=False)

    @property
    def id(self) -> str:
        return f"{self.file}: {self.name}"

    @property
    def touches_files(self) -> bool:
        return any(key in self.raw for key in ("file_bytes", "file_remove", "file_rename", "check_files"))


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASE_DIR.glob("[0-9][0-9]-*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for raw in data["case"]:
            cases.append(
                Case(
                    file=path.name,
                    channel=data["channel"],
                    name=raw["name"],
                    today=raw.get("today", data["today"]),
                    codes=list(raw["codes"]),
                    quiet=list(raw.get("quiet", [])),
                    raw=raw,
                )
            )
    return cases


CASES = load_cases()
_TOKEN = re.compile(r"(\w+)|\[(\d+)\]")


def _tokens(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _TOKEN.findall(path)]


def _locate(manifest: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The container holding `path` and the last key; "/x" is from the bundle root, else from application."""
    node: Any = manifest if path.startswith("/") else manifest["application"]
    tokens = _tokens(path.lstrip("/"))
    for token, following in itertools.pairwise(tokens):
        if isinstance(node, dict) and token not in node:
            node[token] = [] if isinstance(following, int) else {}
        node = node[token]
    return node, tokens[-1]


def _attachment_index(manifest: dict[str, Any], category: str) -> int:
    for index, item in enumerate(manifest["attachments"]):
        if item["category"] == category:
            return index
    raise AssertionError(f"the sample has no {category} attachment")


def build(case: Case) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The case's manifest (a dict, as in manifest.json) and the bytes of its files."""
    sample = make_sample(case.channel, name=case.raw.get("applicant_name", "张喆"))
    manifest = copy.deepcopy(snapshot_to_manifest(sample.bundle))
    files = dict(sample.files)
    raw = case.raw
    for path, value in raw.get("set", {}).items():
        node, key = _locate(manifest, path)
        node[key] = copy.deepcopy(value)
    for path in raw.get("unset", []):
        node, key = _locate(manifest, path)
        del node[key]
    for category in raw.get("drop_categories", []):
        for item in [a for a in manifest["attachments"] if a["category"] == category]:
            manifest["attachments"].remove(item)
            files.pop(item["file"])
    for number, category in enumerate(raw.get("add_categories", []), start=1):
        data = tiny_pdf(f"added {category}")
        name = f"attachments/9{number}_{category}.pdf"
        files[name] = data
        manifest["attachments"].append(
            {
                "id": f"x{number}",
                "category": category,
                "file": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "title": f"补充的{category}",
                "media_type": "application/pdf",
            }
        )
    for category, name in raw.get("file_rename", {}).items():
        item = manifest["attachments"][_attachment_index(manifest, category)]
        files[name] = files.pop(item["file"])
        item["file"] = name
    update = raw.get("file_record") == "update"
    for category, kind in raw.get("file_bytes", {}).items():
        item = manifest["attachments"][_attachment_index(manifest, category)]
        data = file_bytes(kind, files[item["file"]])
        files[item["file"]] = data
        if update:
            item["sha256"], item["size"] = hashlib.sha256(data).hexdigest(), len(data)
    for category in raw.get("file_remove", []):
        files.pop(manifest["attachments"][_attachment_index(manifest, category)]["file"])
    return manifest, files


def run_case(case: Case, folder: Path) -> tuple[BundleSnapshot, Report]:
    manifest, files = build(case)
    bundle = manifest_to_snapshot(manifest)  # the schema check too: a case must be a readable bundle
    report = validate(bundle, case.today)
    if case.touches_files:
        for name, data in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        with open_bundle(folder) as source:
            report = report.with_findings(check_files(bundle, source))
    return bundle, report


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    assert not set(case.quiet) & set(case.codes), "a case cannot expect a code to fire and stay quiet"
    _, report = run_case(case, tmp_path)
    assert Counter(report.codes()) == Counter(case.codes), [(f.code, f.field, f.message) for f in report.findings]
    for code, fields in case.raw.get("fields", {}).items():
        assert sorted(str(f.field) for f in report.findings if f.code == code) == sorted(fields)
    for code, variants in case.raw.get("variants", {}).items():
        assert sorted(f.variant for f in report.findings if f.code == code) == sorted(variants)
    acknowledged = sorted(f.code for f in report.findings if f.acknowledged)
    assert acknowledged == sorted(case.raw.get("acknowledged", []))
    assert report.ok == (not any(f.severity == "error" for f in report.findings))
    for finding in report.findings:
        assert "{" not in finding.message and "}" not in finding.message, finding.message


def test_every_code_fires_and_stays_quiet_somewhere(tmp_path: Path) -> None:
    codes = set(load_catalog().codes)
    fired = {code for case in CASES for code in case.codes}
    quiet = {code for case in CASES for code in case.quiet}
    assert codes - STORE_ONLY <= fired, sorted(codes - STORE_ONLY - fired)
    assert codes - ALWAYS <= quiet, sorted(codes - ALWAYS - quiet)
    assert fired <= codes and quiet <= codes, sorted((fired | quiet) - codes)


def test_every_message_variant_is_reached(tmp_path: Path) -> None:
    reached = set()
    for number, case in enumerate(CASES):
        _, report = run_case(case, tmp_path / str(number))
        reached |= {(f.code, f.variant) for f in report.findings}
    expected = {(rule.code, variant) for rule in load_catalog().rules for variant in rule.messages}
    missing = {item for item in expected - reached if item[0] not in STORE_ONLY}
    assert not missing, sorted(missing)


def test_case_files_cover_every_channel() -> None:
    channels = {case.channel for case in CASES}
    assert channels == {channel.code for channel in load_policy().channels}
    names = [case.id for case in CASES]
    assert len(names) == len(set(names)), "case names are unique within a file"
