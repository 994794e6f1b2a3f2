"""Long work off the UI thread, with a progress dialog whose 取消 reaches the core's callback."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from zcdesk.core.errors import UserError
from zcdesk.core.progress import ProgressCallback

log = logging.getLogger(__name__)

Work = Callable[[ProgressCallback], Any]


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancelled: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.cancelled = cancelled

    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.signals.progress.emit(done, total)
            return not self.cancelled.is_set()

        try:
            result = self.work(progress)
        except UserError as error:
            self.signals.failed.emit(str(error))
            return
        except Exception:  # no traceback reaches the user; the log keeps it for us
            log.exception("background task failed")
            self.signals.failed.emit(
                "操作时出现程序错误，未完成。详细信息已写入数据文件夹 logs/zcdesk.log，请反馈给开发者。"
            )
            return
        self.signals.finished.emit(result)


class BackgroundJob(QObject):
    """Runs `work(progress)` on the thread pool while a modal progress dialog shows; `done`/`failed` after."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget, title: str, label: str, work: Work) -> None:
        super().__init__(parent)
        self.cancelled = threading.Event()
        self.dialog = QProgressDialog(label, "取消", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick jobs finish before a dialog flashes up
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self.signals = _Signals()
        self.signals.progress.connect(self._progress)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.task = _Task(work, self.signals, self.cancelled)
        self.task.setAutoDelete(False)  # we keep it until the signals have arrived

    def start(self) -> None:
        QThreadPool.globalInstance().start(self.task)

    def _cancel(self) -> None:
        self.cancelled.set()
        self.dialog.setLabelText("正在取消……")

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finished(self, result: object) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.failed.emit(message)
