"""Encrypted bundles against 7-Zip itself (CI installs p7zip-full; skipped where 7z is missing)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from zcdesk.core.importer import import_bundle
from zcdesk.core.samples import make_sample
from zcdesk.core.store import open_store
from zcdesk.export.writer import export_application

SEVEN_ZIP = shutil.which("7z")
pytestmark = pytest.mark.skipif(SEVEN_ZIP is None, reason="7z not installed (apt-get install p7zip-full)")
PASSWORD = "吉林职称2025"


def test_7zip_opens_our_aes_zip_and_refuses_a_wrong_password(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    try:
        app_id = import_bundle(
            store, make_sample("enterprise", achievements=1).write_folder(tmp_path / "b")
        ).application_id
        result = export_application(store, app_id, tmp_path / "out", today=dt.date(2025, 1, 20), password=PASSWORD)
    finally:
        store.close()
    good = subprocess.run(
        [SEVEN_ZIP, "x", f"-p{PASSWORD}", f"-o{tmp_path / 'x'}", str(result.zip_path)], capture_output=True
    )
    assert good.returncode == 0, good.stdout.decode(errors="replace")
    assert (tmp_path / "x" / "manifest.json").read_bytes().startswith(b"{")
    assert (tmp_path / "x" / "forms" / "一览表.pdf").read_bytes().startswith(b"%PDF")
    wrong = subprocess.run([SEVEN_ZIP, "t", "-pwrong", str(result.zip_path)], capture_output=True)
    assert wrong.returncode != 0


def test_we_import_a_7zip_aes_zip(tmp_path: Path) -> None:
    password = "Jilin-2025"  # p7zip 16.02 cannot write a zip with a non-ASCII password (it reads one)
    folder = make_sample("enterprise", achievements=1).write_folder(tmp_path / "b")
    archive = tmp_path / "7z.zip"
    made = subprocess.run(
        [SEVEN_ZIP, "a", "-tzip", "-mem=AES256", f"-p{password}", str(archive), "."], cwd=folder, capture_output=True
    )
    assert made.returncode == 0, made.stdout.decode(errors="replace")
    store = open_store(tmp_path / "data")
    try:
        assert import_bundle(store, archive, password=password).name == "张喆"
    finally:
        store.close()
