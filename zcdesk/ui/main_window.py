"""The main window: the applications in the data folder, and where new work starts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
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
from zcdesk.core.attachment_store import stored_photo
from zcdesk.core.bundle_source import BundlePasswordError
from zcdesk.core.errors import UserError
from zcdesk.core.importer import ImportResult, import_bundle, preview_import
from zcdesk.core.policy import channel_label, load_policy
from zcdesk.core.services import ApplicationSummary
from zcdesk.core.snapshot import BundleSnapshot, parse_date
from zcdesk.core.store import Store
from zcdesk.core.vocab import REVIEW_STATUSES, SEVERITIES, label
from zcdesk.export.writer import ExportResult, export_application
from zcdesk.forms import has_errors, render_publicity, render_roster, render_summary
from zcdesk.ui.channel_dialog import ChannelDialog
from zcdesk.ui.pdf_preview import PdfPreviewDialog
from zcdesk.ui.table_model import Column, SnapshotTableModel
from zcdesk.ui.worker import BackgroundJob

CENTER = Qt.AlignmentFlag.AlignCenter


def _channel_text(row: ApplicationSummary) -> str:
    return channel_label(row.policy_year, row.channel)


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
        self.job: BackgroundJob | None = None
        self.dialogs: list[PdfPreviewDialog] = []
        self.setWindowTitle(f"职称申报离线填报工具（{self.policy.year}年度）")
        self.resize(1040, 640)

        central = QWidget()
        layout = QVBoxLayout(central)
        header = QHBoxLayout()
        header.addWidget(QLabel(f"<b style='font-size:15pt'>{self.policy.year}年度职称申报</b>"))
        header.addStretch(1)
        self.import_button = QPushButton("导入申报包…")
        self.import_button.clicked.connect(self.import_files)
        header.addWidget(self.import_button)
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

        actions = QHBoxLayout()
        self.summary_button = QPushButton("预览一览表")
        self.publicity_button = QPushButton("预览公示表")
        self.roster_button = QPushButton("单位公示名单")
        self.export_button = QPushButton("导出申报包…")
        self.delete_button = QPushButton("删除申报…")
        self.delete_button.clicked.connect(self.delete_selected)
        self.summary_button.clicked.connect(lambda: self.preview_form("summary"))
        self.publicity_button.clicked.connect(lambda: self.preview_form("publicity"))
        self.roster_button.clicked.connect(self.preview_roster)
        self.export_button.clicked.connect(self.export_selected)
        for button in (self.summary_button, self.publicity_button, self.roster_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        layout.addLayout(actions)

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
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(lambda _index: self.preview_form("summary"))

        self.empty = QLabel("还没有申报。\n点击右上角“新建申报”开始填写，或“导入申报包…”导入同事发来的申报包。")
        self.empty.setAlignment(CENTER)
        self.empty.setStyleSheet("color: #777; font-size: 12pt")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"数据文件夹：{store.layout.root}    zcdesk {__version__}")
        self.refresh()

    # --- the list ------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            with self.store.unit_of_work() as session:
                rows = services.list_applications(session)
        except UserError as error:
            QMessageBox.warning(self, "无法读取申报列表", str(error))
            rows = []
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._update_actions()

    def selected(self) -> ApplicationSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_actions(self, *_args: object) -> None:
        chosen = self.selected() is not None
        for button in (self.summary_button, self.publicity_button, self.export_button, self.delete_button):
            button.setEnabled(chosen)
        self.roster_button.setEnabled(self.model.rowCount(QModelIndex()) > 0)

    def _bundle(self, app_id: int) -> BundleSnapshot:
        with self.store.unit_of_work() as session:
            return services.get_application(session, app_id).bundle

    # --- new -----------------------------------------------------------------------------

    def new_application(self) -> None:
        dialog = ChannelDialog(self.policy, self)
        if dialog.exec() != ChannelDialog.DialogCode.Accepted or dialog.selected_code() is None:
            return
        channel = self.policy.channel(dialog.selected_code() or "")
        # The wizard that follows the channel choice is the next stage of work; say so plainly.
        QMessageBox.information(
            self,
            "新建申报",
            f"已选择：{channel.label}。\n\n逐页填写的向导将在下一版本提供；目前可以导入申报包，预览、打印表格并导出。",
        )

    def delete_selected(self) -> bool:
        """Delete the chosen application after asking; the person's achievements and files stay stored."""
        row = self.selected()
        if row is None:
            return False
        answer = QMessageBox.question(
            self,
            "删除申报",
            f"删除{row.name}的{row.policy_year}年度申报（编号 {row.id}，{_channel_text(row)}）吗？\n\n"
            "删除后可以按另一条通道重新申报；本人的业绩和附件仍保留在数据文件夹中。此操作不能撤销。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.store.unit_of_work() as session:
                services.delete_application(session, row.id)
        except UserError as error:
            QMessageBox.warning(self, "删除申报", str(error))
            return False
        self.refresh()
        self.statusBar().showMessage(f"已删除：{row.name}（编号 {row.id}）", 10000)
        return True

    # --- forms ---------------------------------------------------------------------------

    def _show_pdf(self, render: object, title: str, file_name: str) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(render, title=title, file_name=file_name, parent=self)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def preview_form(self, kind: str) -> PdfPreviewDialog | None:
        row = self.selected()
        if row is None:
            return None
        try:
            bundle = self._bundle(row.id)
        except UserError as error:
            QMessageBox.warning(self, "无法打开申报", str(error))
            return None
        if kind == "summary":
            photo = stored_photo(self.store.files, bundle)
            return self._show_pdf(
                lambda: render_summary(bundle, photo=photo, draft=has_errors(bundle)),
                f"评审一览表 — {row.name}",
                f"{row.name}_一览表.pdf",
            )
        return self._show_pdf(
            lambda: render_publicity(bundle, draft=has_errors(bundle)),
            f"评审公示表 — {row.name}",
            f"{row.name}_公示表.pdf",
        )

    def preview_roster(self) -> PdfPreviewDialog | None:
        """The 公示名单 of the selected applicant's unit (or of everyone listed when none is selected)."""
        rows = [self.model.row_at(i) for i in range(self.model.rowCount(QModelIndex()))]
        chosen = self.selected()
        unit = chosen.employer if chosen else None
        if chosen is not None:
            rows = [r for r in rows if r.employer == unit and r.policy_year == chosen.policy_year]
        if not rows:
            return None
        try:
            bundles = [self._bundle(r.id) for r in rows]
        except UserError as error:
            QMessageBox.warning(self, "无法打开申报", str(error))
            return None
        review = bundles[0].application.unit_review
        start = parse_date(review.publicity_start) if review else None
        contact = review.objection_contact if review else None
        return self._show_pdf(
            lambda: render_roster(bundles, unit=unit, publicity_start=start, objection_contact=contact),
            f"单位公示名单 — {unit or '全部申报'}",
            f"{unit or '全部'}_公示名单.pdf",
        )

    # --- import and export ---------------------------------------------------------------

    def _run(self, title: str, label_text: str, work: object, on_done: object) -> BackgroundJob:
        job = BackgroundJob(self, title, label_text, work)  # type: ignore[arg-type]
        job.done.connect(on_done)
        job.failed.connect(lambda message: QMessageBox.warning(self, title, message))
        job.done.connect(lambda _result: self.refresh())
        self.job = job
        job.start()
        return job

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "导入申报包", "", "申报包 (*.zip manifest.json);;所有文件 (*)")
        for path in paths:
            self.import_path(Path(path))

    def _ask_password(self, path: Path) -> str | None:
        text, ok = QInputDialog.getText(
            self, "加密的申报包", f"“{path.name}”已加密，请输入密码：", QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    def import_path(self, path: Path) -> BackgroundJob | None:
        """Check the bundle, ask before replacing an application, then import it off the UI thread."""
        password: str | None = None
        while True:
            try:
                preview = preview_import(self.store, path, password=password)
                break
            except BundlePasswordError as error:
                if password is not None:
                    QMessageBox.warning(self, "导入申报包", str(error))
                password = self._ask_password(path)
                if password is None:
                    return None
            except UserError as error:
                QMessageBox.warning(self, "导入申报包", f"已拒绝“{path.name}”：{error}")
                return None
        replace = False
        if preview.existing_id is not None and preview.same_channel and not preview.locked:
            changes = "\n".join(f"· {line}" for line in preview.changes[:30]) or "· 内容没有变化"
            more = f"\n……另有 {len(preview.changes) - 30} 处变化" if len(preview.changes) > 30 else ""
            answer = QMessageBox.question(
                self,
                "更新已有申报",
                f"数据文件夹中已有{preview.bundle.application.applicant.name}的申报（编号 {preview.existing_id}）。"
                f"用这个申报包更新它吗？\n\n{changes}{more}",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            replace = True
        return self._run(
            "导入申报包",
            f"正在导入“{path.name}”……",
            lambda progress: import_bundle(self.store, path, replace=replace, password=password, progress=progress),
            self._imported,
        )

    def _imported(self, result: ImportResult) -> None:
        what = "已更新" if result.replaced else "已导入"
        self.statusBar().showMessage(f"{what}：{result.name}（编号 {result.application_id}）", 10000)

    def export_selected(self) -> BackgroundJob | None:
        row = self.selected()
        if row is None:
            return None
        folder = QFileDialog.getExistingDirectory(self, "选择导出到的文件夹")
        if not folder:
            return None
        return self.export_to(row.id, Path(folder))

    def export_to(self, app_id: int, folder: Path) -> BackgroundJob:
        return self._run(
            "导出申报包",
            "正在导出申报包……",
            lambda progress: export_application(self.store, app_id, folder, today=dt.date.today(), progress=progress),
            self._exported,
        )

    def _exported(self, result: ExportResult) -> None:
        lines = []
        if result.draft:
            lines.append(f"有 {len(result.errors)} 个错误，已导出为草稿（交换用，不是上传包）：")
        else:
            lines.append("已导出上传包：")
        lines.append(str(result.zip_path))
        problems = result.errors + result.unacknowledged_warnings
        if problems:
            lines.append("")
            lines.extend(f"{SEVERITIES[f.severity]} {f.code}：{f.message}" for f in problems[:12])
            if len(problems) > 12:
                lines.append(f"……共 {len(problems)} 条，详见申报包中的 校验报告.pdf")
        QMessageBox.information(self, "导出申报包", "\n".join(lines))
