"""Wiring of the desktop program: Qt set-up, the data folder and its lock, the main window."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger("zcdesk")


def install_excepthook() -> None:
    """An exception escaping a Qt slot: logged, and a Chinese message instead of a console traceback."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        log.error("unexpected error in the desktop program", exc_info=(kind, error, trace))  # type: ignore[arg-type]
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "zcdesk",
                "程序内部错误，刚才的操作没有完成；已保存的数据不受影响。\n详细信息已写入数据文件夹 logs/zcdesk.log，请反馈给开发者。",
            )

    sys.excepthook = hook


def has_screen() -> bool:
    """False on a Linux machine with no display at all, where Qt would abort with a cryptic message."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_desktop(data_dir: str | None = None) -> int:
    if not has_screen():
        sys.stderr.write(
            "zcdesk：没有找到图形界面（DISPLAY 未设置），无法打开窗口。"
            "请在桌面环境中运行；命令行功能见 zcdesk --help。\n"
        )
        return 2
    from filelock import FileLock, Timeout
    from PySide6.QtWidgets import QApplication, QMessageBox

    from zcdesk.core.errors import UserError
    from zcdesk.core.logfile import start_log
    from zcdesk.core.paths import DataLayout, resolve_data_dir
    from zcdesk.core.store import open_store
    from zcdesk.ui.main_window import MainWindow
    from zcdesk.ui.qt_setup import setup_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    setup_application(app)
    layout = DataLayout(resolve_data_dir(data_dir))
    try:
        layout.root.mkdir(parents=True, exist_ok=True)
        # One program per data folder: two windows writing one store would lose each other's edits.
        lock = FileLock(str(layout.lock), timeout=0)
        lock.acquire()
    except Timeout:
        QMessageBox.warning(
            None, "zcdesk", f"数据文件夹已被另一个 zcdesk 窗口使用：\n{layout.root}\n请切换到已打开的窗口。"
        )
        return 1
    except OSError as error:
        QMessageBox.critical(None, "zcdesk", f"无法使用数据文件夹：\n{layout.root}\n{error.strerror or error}")
        return 1
    start_log(layout.root)
    install_excepthook()
    try:
        store = open_store(layout.root)
    except UserError as error:
        QMessageBox.critical(None, "zcdesk", str(error))
        lock.release()
        return 1
    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
        lock.release()
