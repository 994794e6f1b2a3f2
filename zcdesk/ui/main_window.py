"""The main window: the applications in the data folder, and where new work starts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zcdesk import __version__
from zcdesk.core import services
from zcdesk.core.errors import UserError
from zcdesk.core.policy import load_policy
from zcdesk.core.services import ApplicationSummary
from zcdesk.core.store import Store
from zcdesk.core.vocab import REVIEW_STATUSES, label
from zcdesk.ui.channel_dialog import ChannelDialog
from zcdesk.ui.table_model import Column, SnapshotTableModel

CENTER = Qt.AlignmentFlag.AlignCenter


def _channel_text(row: ApplicationSummary) -> str:
    try:
        return load_policy(row.policy_year).channel(row.channel).label
    except UserError:
        return row.channel


APPLICATION_COLUMNS: list[Column[ApplicationSummary]] = [
    Column("编号", lambda r: str(r.id), CENTER),
    Column("姓名", lambda r: r.name),
    Column("申报通道", _channel_text),
    Column("年度", lambda r: str(r.policy_year), CENTER),
    Column(
        "状态",
        lambda r: label(REVIEW_STATUSES, r.status) + ("（草稿）" if r.draft and r.status != "draft" else ""),
        CENTER,
    ),
    Column("工作单位", lambda r: r.employer or "无"),
    Column("最后修改", lambda r: r.updated_at.strftime("%Y-%m-%d %H:%M"), CENTER),
]


class MainWindow(QMainWindow):
    def __init__(self, store: Store, policy_year: int = 2025) -> None:
        super().__init__()
        self.store = store
        self.policy = load_policy(policy_year)
        self.setWindowTitle(f"职称申报离线填报工具（{self.policy.year}年度）")
        self.resize(1000, 620)

        central = QWidget()
        layout = QVBoxLayout(central)
        header = QHBoxLayout()
        title = QLabel(f"<b style='font-size:15pt'>{self.policy.year}年度职称申报</b>")
        header.addWidget(title)
        header.addStretch(1)
        self.new_button = QPushButton("新建申报")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_application)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        note = QLabel(
            f"依据 {self.policy.notice}《{self.policy.notice_title}》。本程序在本机离线保存材料，正式申报请登录吉林智慧人社。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        layout.addWidget(note)

        self.model: SnapshotTableModel[ApplicationSummary] = SnapshotTableModel(APPLICATION_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The unit's name is the one column whose length varies a lot: it takes the spare width.
        header_view.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        self.empty = QLabel("还没有申报。\n点击右上角“新建申报”开始填写。")
        self.empty.setAlignment(CENTER)
        self.empty.setStyleSheet("color: #777; font-size: 12pt")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"数据文件夹：{store.layout.root}    zcdesk {__version__}")
        self.refresh()

    def refresh(self) -> None:
        try:
            with self.store.unit_of_work() as session:
                rows = services.list_applications(session)
        except UserError as error:
            QMessageBox.warning(self, "无法读取申报列表", str(error))
            rows = []
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)

    def new_application(self) -> None:
        dialog = ChannelDialog(self.policy, self)
        if dialog.exec() != ChannelDialog.DialogCode.Accepted or dialog.selected_code() is None:
            return
        channel = self.policy.channel(dialog.selected_code() or "")
        # The wizard that follows the channel choice is the next stage of work; say so plainly.
        QMessageBox.information(
            self,
            "新建申报",
            f"已选择：{channel.label}。\n\n逐页填写的向导将在下一版本提供。",
        )
