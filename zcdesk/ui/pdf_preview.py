"""A dialog that previews PDF bytes (the paper forms), prints them and saves them as a file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zcdesk.core.errors import UserError

log = logging.getLogger(__name__)

# Pages go to the printer as images rendered at this resolution at most: a 1200 dpi A4 page
# would be a 550 MB image, 300 dpi prints forms crisply at 35 MB.
MAX_PRINT_DPI = 300
ZOOMS = (("适合宽度", "width"), ("整页", "page"), ("100%", "1.0"), ("150%", "1.5"))


class RenderSignals(QObject):
    """Signals of a render task; lives in the GUI thread, emitted from the worker."""

    finished = Signal(bytes)
    failed = Signal(str)


class RenderTask(QRunnable):
    """Runs a form renderer off the GUI thread; reports bytes or a Chinese message, never a traceback."""

    def __init__(self, render: Callable[[], bytes], signals: RenderSignals) -> None:
        super().__init__()
        self.render = render
        self.signals = signals  # a strong reference: the task may outlive the dialog

    def run(self) -> None:
        try:
            data = self.render()
        except UserError as error:
            self.signals.failed.emit(str(error))
            return
        except Exception:
            log.exception("rendering a form failed")
            self.signals.failed.emit("生成表格时出现程序错误，表格未生成。详细信息已写入日志，请反馈给开发者。")
            return
        self.signals.finished.emit(bytes(data))


class PdfPreviewDialog(QDialog):
    """Shows a PDF (given, or rendered in a worker) with 打印 and 另存为PDF.

    `render` is either the PDF bytes or a function that makes them; the function runs on a
    QThreadPool thread while a busy bar shows. The dialog stays open when saving fails.
    """

    loaded = Signal(int)  # page count, once the PDF is shown
    failed = Signal(str)  # the Chinese message shown when rendering failed

    def __init__(
        self,
        render: Callable[[], bytes] | bytes,
        *,
        title: str = "打印预览",
        file_name: str = "表格.pdf",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 980)
        self.file_name = file_name
        self._pdf: bytes | None = None
        self._buffer: QBuffer | None = None
        self._bytes = QByteArray()
        # QPrintDialog needs a printer that outlives it: a temporary one crashes.
        self._printer: QPrinter | None = None
        self.message_box: QMessageBox | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # an indeterminate bar: rendering takes well under a few seconds
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.status = QLabel("正在生成表格……", self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        self.zoom = QComboBox(self)
        for text, _ in ZOOMS:
            self.zoom.addItem(text)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        self.print_button = QPushButton("打印…", self)
        self.save_button = QPushButton("另存为PDF…", self)
        self.close_button = QPushButton("关闭", self)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)

        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(QLabel("缩放：", self))
        bar.addWidget(self.zoom)
        bar.addSpacing(12)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self._set_ready(False)

        if isinstance(render, bytes | bytearray):
            self._show_pdf(bytes(render))
        else:
            self._signals = RenderSignals()
            self._signals.finished.connect(self._show_pdf)
            self._signals.failed.connect(self._show_failure)
            QThreadPool.globalInstance().start(RenderTask(render, self._signals))

    # -- state ----------------------------------------------------------------------------

    def pdf_bytes(self) -> bytes | None:
        return self._pdf

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.zoom.setEnabled(ready)

    @Slot(bytes)
    def _show_pdf(self, data: bytes) -> None:
        self._pdf = data
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.busy.hide()
        if self.document.status() != QPdfDocument.Status.Ready or self.page_count() == 0:
            self._show_failure("表格已生成，但无法显示（PDF 无法读取）。")
            return
        self.status.setText(f"共 {self.page_count()} 页")
        self._set_ready(True)
        self.loaded.emit(self.page_count())

    @Slot(str)
    def _show_failure(self, message: str) -> None:
        self.busy.hide()
        self.status.setText("表格未生成")
        self.error.setText(message)
        self.error.show()
        self._set_ready(False)
        self._message("无法生成表格", message)
        self.failed.emit(message)

    def _message(self, title: str, text: str) -> None:
        # open(), not exec(): window-modal without a nested event loop, so work behind it goes on.
        self.message_box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        self.message_box.open()

    @Slot(int)
    def _zoom_changed(self, index: int) -> None:
        mode = ZOOMS[index][1]
        if mode == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif mode == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(mode))

    # -- actions --------------------------------------------------------------------------

    @Slot()
    def save_as(self) -> bool:
        """Ask for a file name and write the PDF there; a failure is explained and the dialog stays."""
        if self._pdf is None:
            return False
        path, _ = QFileDialog.getSaveFileName(self, "另存为PDF", self.file_name, "PDF 文件 (*.pdf)")
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            target.write_bytes(self._pdf)
        except OSError as error:
            self._message("无法保存", f"无法保存到“{target}”：{error.strerror or error}。请换一个文件夹或文件名再试。")
            return False
        self.status.setText(f"共 {self.page_count()} 页，已保存到 {target}")
        return True

    @Slot()
    def print_document(self) -> bool:
        if self._pdf is None:
            return False
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setDocName(self.file_name)
        dialog = QPrintDialog(self._printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(self._printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Draw every page (or the chosen range) into the printer, each fitted to the page."""
        count = self.page_count()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            self._message("无法打印", "打印机无法开始打印，请检查打印机是否可用。")
            return False
        try:
            for number in range(first - 1, last):
                if number > first - 1:
                    printer.newPage()
                points = self.document.pagePointSize(number)
                pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.document.render(number, pixels)
                area = painter.viewport()
                fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                # The device scales the image while drawing: no printer-resolution copy is made.
                target = QRect(
                    area.x() + (area.width() - fitted.width()) // 2,
                    area.y() + (area.height() - fitted.height()) // 2,
                    fitted.width(),
                    fitted.height(),
                )
                painter.drawImage(target, image)
        finally:
            painter.end()
        return True
