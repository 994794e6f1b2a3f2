"""`zcdesk` with no command opens a real window on a real X server (Xvfb), not just offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])

def check():
    windows = [w for w in app.topLevelWidgets() if w.isVisible()]
    title = windows[0].windowTitle() if windows else ""
    print("PLATFORM", app.platformName())
    print("TITLE", title)
    print("FONT", app.font().family())
    windows[0].grab().save(sys.argv[1])
    app.quit()

QTimer.singleShot(1500, check)
from zcdesk.cli import main
sys.exit(main([]))
"""


@pytest.fixture
def xvfb_display():
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing on CI: tools/system-deps.sh test should have installed it")
        pytest.skip("Xvfb is not installed (make test installs it)")
    display = f":{100 + os.getpid() % 400}"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
    try:
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
                break
            time.sleep(0.1)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_window_opens_on_default_data_folder(xvfb_display: str, tmp_path: Path) -> None:
    shot = tmp_path / "main.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=xvfb_display, HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    env.pop("ZCDESK_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(shot)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "PLATFORM xcb" in result.stdout
    assert "TITLE 职称申报离线填报工具（2025年度）" in result.stdout
    assert "FONT Noto Sans CJK SC" in result.stdout
    assert shot.stat().st_size > 10_000
    # The default data folder (platformdirs under XDG_DATA_HOME) now holds the store.
    assert (tmp_path / "xdg" / "zcdesk" / "zcdesk.sqlite3").exists()
