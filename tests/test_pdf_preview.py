"""The PDF preview dialog: real forms rendered in a worker, shown, saved and printed."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from zcdesk.core.errors import UserError
from zcdesk.core.samples import make_sample
from zcdesk.forms.publicity import render_publicity
from zcdesk.forms.summary import render_summary
from zcdesk.ui.pdf_preview import PdfPreviewDialog

NAME = "吉𠮷喆堃玥"


def summary_pdf() -> bytes:
    return render_summary(make_sample(achievements=5, name=NAME).bundle)


def open_rendering(qtbot: QtBot, render: Callable[[], bytes] | bytes) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(render, title="评审一览表预览", file_name="一览表.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_renders_in_a_worker_and_shows_every_page(qtbot: QtBot) -> None:
    dialog = PdfPreviewDialog(summary_pdf, file_name="一览表.pdf")
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=20000) as blocker:
        dialog.show()
    assert blocker.args == [2]
    assert dialog.page_count() == 2
    assert dialog.status.text() == "共 2 页"
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert dialog.busy.isHidden()
    assert dialog.pdf_bytes() == summary_pdf()


def test_save_as_writes_the_same_bytes(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = render_publicity(make_sample(achievements=3, name=NAME).bundle)
    dialog = open_rendering(qtbot, pdf)
    assert dialog.page_count() == 1
    target = tmp_path / "公示表"  # no suffix typed: .pdf is added
    asked: list[str] = []

    def choose(parent: object, caption: str, name: str, filters: str) -> tuple[str, str]:
        asked.append(name)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    dialog.save_button.click()
    assert asked == ["一览表.pdf"]
    assert (tmp_path / "公示表.pdf").read_bytes() == pdf
    assert "已保存" in dialog.status.text()


def test_a_failed_save_explains_and_keeps_the_dialog_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_rendering(qtbot, summary_pdf())
    blocked = tmp_path / "不存在的文件夹" / "一览表.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(blocked), "")))
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.message_box is not None and dialog.message_box.isVisible()
    assert "无法保存" in dialog.message_box.text()
    dialog.message_box.accept()
    # Cancelling the file dialog writes nothing and says nothing.
    dialog.message_box = None
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    dialog.save_button.click()
    assert dialog.message_box is None and dialog.isVisible()


def test_a_failing_render_shows_a_chinese_message(qtbot: QtBot) -> None:
    def fail() -> bytes:
        raise UserError("以下字符在程序自带的字体中没有字形，无法打印：“𰀀”（U+30000）")

    dialog = PdfPreviewDialog(fail)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as blocker:
        dialog.show()
    assert "无法打印" in blocker.args[0]
    assert dialog.error.isVisible() and "U+30000" in dialog.error.text()
    assert dialog.message_box is not None and "无法打印" in dialog.message_box.text()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert dialog.busy.isHidden()


def test_bytes_that_are_no_pdf_are_explained(qtbot: QtBot) -> None:
    dialog = open_rendering(qtbot, b"%PDF-1.4 broken")
    assert dialog.error.isVisible() and "无法显示" in dialog.error.text()
    assert not dialog.save_button.isEnabled()


def test_a_program_error_is_logged_not_shown(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    def crash() -> bytes:
        raise ZeroDivisionError("boom")

    dialog = PdfPreviewDialog(crash)
    qtbot.addWidget(dialog)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(dialog.failed, timeout=20000) as blocker:
        dialog.show()
    message = blocker.args[0]
    assert "程序错误" in message and "Traceback" not in message and "boom" not in message
    assert "Traceback" not in dialog.error.text()
    assert any(record.exc_info for record in caplog.records)  # the details go to the log


def test_print_to_draws_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_rendering(qtbot, summary_pdf())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer)
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 2


def test_zoom_choices(qtbot: QtBot) -> None:
    dialog = open_rendering(qtbot, summary_pdf())
    dialog.zoom.setCurrentIndex(2)
    assert dialog.view.zoomFactor() == 1.0
    dialog.zoom.setCurrentIndex(0)
    assert dialog.view.zoomMode() == dialog.view.ZoomMode.FitToWidth
