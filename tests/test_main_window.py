"""The main window and the channel dialog, driven as a user would with pytest-qt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from zcdesk.core import services
from zcdesk.core.policy import load_policy
from zcdesk.core.samples import make_id_number, make_sample
from zcdesk.core.store import open_store
from zcdesk.ui.channel_dialog import ChannelDialog
from zcdesk.ui.main_window import MainWindow
from zcdesk.ui.qt_setup import setup_application


def _store_with(data_dir: Path, *channels: str):
    store = open_store(data_dir)
    for number, channel in enumerate(channels):
        bundle = make_sample(channel).bundle
        applicant = replace(
            bundle.application.applicant, name=f"申报人{number}", id_number=make_id_number(seq=number + 1)
        )
        with store.unit_of_work() as session:
            services.save_bundle(session, replace(bundle, application=replace(bundle.application, applicant=applicant)))
    return store


def test_empty_data_folder_shows_how_to_start(qtbot, data_dir: Path) -> None:
    window = MainWindow(open_store(data_dir))
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.empty
    assert "新建申报" in window.empty.text()
    assert window.model.rowCount() == 0
    assert str(data_dir) in window.statusBar().currentMessage()


def test_applications_are_listed(qtbot, qtmodeltester, data_dir: Path) -> None:
    window = MainWindow(_store_with(data_dir, "enterprise", "school-senior"))
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.table
    model = window.model
    assert model.rowCount() == 2
    texts = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert texts[0][1] == "申报人0" and texts[0][2] == "2.正常职称申报通道（企业人员）" and texts[0][4] == "校验通过"
    assert texts[1][2] == "8.中小学正高级教师"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["编号", "姓名", "申报通道"]
    qtmodeltester.check(model)


def test_channel_dialog_explains_the_choice(qtbot) -> None:
    policy = load_policy(2025)
    dialog = ChannelDialog(policy)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.list.count() == 16
    assert not ok.isEnabled(), "nothing chosen yet"
    dialog.list.setCurrentRow(1)
    assert ok.isEnabled()
    assert dialog.selected_code() == "enterprise"
    assert "社保参保证明" in dialog.detail.text() and "需缴纳评审费" in dialog.detail.text()
    assert "2025年1月1日至2月7日" in dialog.detail.text()
    dialog.list.setCurrentRow(4)
    assert "免缴评审费" in dialog.detail.text()
    dialog.list.setCurrentRow(7)
    assert "2025年3月10日至3月31日" in dialog.detail.text()


def test_new_application_goes_through_the_channel_dialog(qtbot, data_dir: Path, monkeypatch) -> None:
    window = MainWindow(open_store(data_dir))
    qtbot.addWidget(window)
    shown: list[str] = []
    # QMessageBox is Qt's own; capturing it keeps the test from blocking on a modal box.
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ChannelDialog)
        dialog.list.setCurrentRow(8)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, choose)
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    assert shown and "9.中小学副高及以下教师" in shown[0]


def test_application_setup_loads_font_and_translation(qapp) -> None:
    setup_application(qapp)
    assert qapp.style().name().lower() == "fusion"
    assert "Noto Sans CJK SC" in qapp.font().family()
    assert (
        QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel).button(QDialogButtonBox.StandardButton.Cancel).text()
        == "取消"
    )


def _messages(monkeypatch) -> list[str]:
    """Capture Qt's own message boxes (not our code) so modal boxes don't block the test."""
    seen: list[str] = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *a, **k: seen.append(text))
    return seen


def test_forms_preview_from_the_list(qtbot, data_dir: Path) -> None:
    window = MainWindow(_store_with(data_dir, "enterprise"))
    qtbot.addWidget(window)
    assert not window.summary_button.isEnabled(), "nothing selected yet"
    window.select_row(0)
    assert window.summary_button.isEnabled() and window.export_button.isEnabled()
    window.summary_button.click()
    dialog = window.dialogs[-1]
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20000)
    assert dialog.windowTitle() == "评审一览表 — 申报人0"
    assert dialog.pdf_bytes().startswith(b"%PDF")
    window.publicity_button.click()
    publicity = window.dialogs[-1]
    qtbot.waitUntil(lambda: publicity.page_count() > 0, timeout=20000)
    assert publicity.file_name == "申报人0_公示表.pdf"
    for open_dialog in list(window.dialogs):
        open_dialog.close()


def test_roster_lists_the_units_applicants(qtbot, data_dir: Path) -> None:
    import io

    from pypdf import PdfReader

    window = MainWindow(_store_with(data_dir, "enterprise", "enterprise", "school-teacher"))
    qtbot.addWidget(window)
    window.select_row(0)
    dialog = window.preview_roster()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20000)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(dialog.pdf_bytes())).pages)
    assert "申报人0" in text and "申报人1" in text
    assert "申报人2" not in text, "another unit's teacher is not on this unit's list"
    dialog.close()


def test_import_then_update_then_refuse_another_channel(qtbot, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    seen = _messages(monkeypatch)
    window = MainWindow(open_store(data_dir))
    qtbot.addWidget(window)
    folder = make_sample("enterprise", achievements=2).write_folder(tmp_path / "bundle")
    job = window.import_path(folder)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30000):
        pass
    assert window.model.rowCount() == 1
    assert "已导入：张喆" in window.statusBar().currentMessage()

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes
    )
    job = window.import_path(folder)
    assert job is not None and asked and "用这个申报包更新它吗" in asked[0]
    with qtbot.waitSignal(job.done, timeout=30000):
        pass
    assert "已更新" in window.statusBar().currentMessage()

    other = make_sample("public-institution").write_folder(tmp_path / "other")
    job = window.import_path(other)
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=30000):
        pass
    assert any("同一年度只能选择一条通道" in text for text in seen)
    assert window.model.rowCount() == 1


def test_unreadable_bundle_is_refused_with_its_name(qtbot, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    seen = _messages(monkeypatch)
    window = MainWindow(open_store(data_dir))
    qtbot.addWidget(window)
    broken = tmp_path / "坏的.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert window.import_path(broken) is None
    assert seen and "坏的.zip" in seen[0]


def test_export_runs_in_the_background_and_reports(qtbot, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from zcdesk.core.importer import import_bundle

    seen = _messages(monkeypatch)
    store = open_store(data_dir)
    imported = import_bundle(store, make_sample("enterprise", achievements=2).write_folder(tmp_path / "in"))
    window = MainWindow(store)
    qtbot.addWidget(window)
    job = window.export_to(imported.application_id, tmp_path / "out")
    with qtbot.waitSignal(job.done, timeout=60000):
        pass
    zips = list((tmp_path / "out").glob("*.zip"))
    assert len(zips) == 1
    assert seen and str(zips[0]) in seen[0] and "已导出上传包" in seen[0]


def test_export_of_an_application_missing_its_files_says_why(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    seen = _messages(monkeypatch)
    window = MainWindow(_store_with(data_dir, "enterprise"))  # saved without putting the files in the store
    qtbot.addWidget(window)
    job = window.export_to(window.model.row_at(0).id, tmp_path / "out")
    with qtbot.waitSignal(job.failed, timeout=60000):
        pass
    assert seen and "缺少附件" in seen[0]
    assert not list((tmp_path / "out").glob("*")), "nothing half-written is left"


def test_cancel_reaches_the_core_and_leaves_nothing(qtbot, data_dir: Path, tmp_path: Path) -> None:
    from zcdesk.core.importer import import_bundle
    from zcdesk.ui.worker import BackgroundJob

    store = open_store(data_dir)
    window = MainWindow(store)
    qtbot.addWidget(window)
    folder = make_sample("enterprise", achievements=3).write_folder(tmp_path / "bundle")
    job = BackgroundJob(window, "导入", "正在导入", lambda progress: import_bundle(store, folder, progress=progress))
    from PySide6.QtWidgets import QPushButton

    job.dialog.findChild(QPushButton).click()  # the user pressed 取消 before the first file
    with qtbot.waitSignal(job.failed, timeout=30000) as blocker:
        job.start()
    assert "取消" in blocker.args[0]
    with store.unit_of_work() as session:
        assert services.list_applications(session) == []
    assert not [p for p in store.files.root.rglob("*") if p.is_file()]


def test_delete_asks_first_and_keeps_the_persons_store(qtbot, data_dir: Path, monkeypatch) -> None:
    from sqlalchemy import text

    window = MainWindow(_store_with(data_dir, "enterprise", "school-teacher"))
    qtbot.addWidget(window)
    window.select_row(0)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or answers.pop(0))
    assert not window.delete_button.isHidden() and window.delete_button.isEnabled()
    assert window.delete_selected() is False, "said No: nothing happens"
    assert window.model.rowCount() == 2
    assert window.delete_selected() is True
    assert "申报人0" in asked[0] and "不能撤销" in asked[0]
    assert window.model.rowCount() == 1 and window.model.row_at(0).name == "申报人1"
    with window.store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM achievements")).scalar() == 10
