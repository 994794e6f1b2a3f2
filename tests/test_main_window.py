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
    dialog.list.setCurrentRow(4)
    assert "免缴评审费" in dialog.detail.text()


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
