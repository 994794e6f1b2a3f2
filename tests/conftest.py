"""Shared test set-up: offscreen Qt before any QApplication exists, and a fresh data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Without a display Qt aborts (exit 134) unless told to draw offscreen; set before Qt loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder, also set as ZCDESK_DATA_DIR so nothing touches the user's own."""
    folder = tmp_path / "data"
    monkeypatch.setenv("ZCDESK_DATA_DIR", str(folder))
    return folder
