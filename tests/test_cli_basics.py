"""The command line's frame: version, data folder choice, Chinese errors, no Qt when headless."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zcdesk import __version__
from zcdesk.core.paths import resolve_data_dir


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zcdesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"zcdesk {__version__}"


def test_bad_arguments_are_explained_in_chinese() -> None:
    result = run("validate")
    assert result.returncode == 2
    assert "命令参数有误" in result.stderr
    assert "Traceback" not in result.stderr


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['zcdesk', '--version']\n"
        "try:\n"
        "    runpy.run_module('zcdesk', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "from zcdesk.cli import build_parser\n"
        "import zcdesk.core.store, zcdesk.core.services, zcdesk.core.manifest\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'reportlab', 'openpyxl'))\n"
        "print('BAD:' + ','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "BAD:"


def test_data_dir_precedence(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ZCDESK_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "flag")) == tmp_path / "flag"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("ZCDESK_DATA_DIR")
    assert resolve_data_dir(None).name == "zcdesk"


def test_no_screen_gives_a_chinese_message_not_a_qt_abort(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ZCDESK_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "zcdesk"], capture_output=True, text=True, encoding="utf-8", env=env, timeout=60
    )
    assert result.returncode == 2
    assert "没有找到图形界面" in result.stderr
    assert "Traceback" not in result.stderr
