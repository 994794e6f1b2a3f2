"""Desktop start-up: one window per data folder, and a clear message when the folder cannot be used."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock
from PySide6.QtWidgets import QMessageBox

from zcdesk.app import run_desktop
from zcdesk.core.paths import DataLayout


def _capture(monkeypatch) -> list[str]:
    import logging
    import sys

    # run_desktop installs an excepthook and a log handler: both are put back after each test.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(logging.getLogger("zcdesk"), "handlers", [])
    seen: list[str] = []
    for name in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *a, **k: seen.append(text))
    return seen


def test_second_window_on_the_same_data_folder_is_refused(qapp, data_dir: Path, monkeypatch) -> None:
    seen = _capture(monkeypatch)
    data_dir.mkdir(parents=True)
    with FileLock(str(DataLayout(data_dir).lock)):
        assert run_desktop(str(data_dir)) == 1
    assert seen and "已被另一个 zcdesk 窗口使用" in seen[0]


def test_unusable_data_folder_is_explained(qapp, tmp_path: Path, monkeypatch) -> None:
    seen = _capture(monkeypatch)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert run_desktop(str(blocker / "data")) == 1
    assert seen and "无法使用数据文件夹" in seen[0]


def test_broken_database_is_explained_and_kept(qapp, data_dir: Path, monkeypatch) -> None:
    seen = _capture(monkeypatch)
    data_dir.mkdir(parents=True)
    database = DataLayout(data_dir).database
    database.write_bytes(b"not a database" * 200)
    assert run_desktop(str(data_dir)) == 1
    assert seen and "无法打开" in seen[0]
    assert database.read_bytes() == b"not a database" * 200, "the user's file is never deleted or overwritten"


def test_unexpected_errors_are_logged_without_personal_data(qapp, data_dir: Path, monkeypatch) -> None:
    """A database error's message carries no bound values (an ID number) into the log."""
    import logging
    import sys

    from sqlalchemy import text

    from zcdesk.app import install_excepthook
    from zcdesk.core.logfile import start_log
    from zcdesk.core.store import open_store

    seen = _capture(monkeypatch)
    log_path = start_log(data_dir)
    assert log_path is not None
    install_excepthook()
    store = open_store(data_dir)
    secret = "220106198603151213"
    try:
        with store.engine.begin() as connection:
            connection.execute(text("INSERT INTO persons (id_number) VALUES (:n)"), {"n": secret})
    except Exception:
        sys.excepthook(*sys.exc_info())
    for handler in logging.getLogger("zcdesk").handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "IntegrityError" in logged
    assert secret not in logged
    assert seen and "程序内部错误" in seen[0]
