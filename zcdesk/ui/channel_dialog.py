"""Choosing one of the year's 16 channels, with who each is for, before a new application."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zcdesk.core.policy import Channel, Policy


def describe(channel: Channel, policy: Policy) -> str:
    window = policy.window_of(channel)
    fee = "需缴纳评审费（初级认定免缴）" if channel.fee else "免缴评审费"
    return f"<b>{channel.no}. {channel.name}</b><br><br>适用人员：{channel.audience}<br>缴费：{fee}<br>申报时间：{window.describe()}（{window.label}）"


class ChannelDialog(QDialog):
    """The notice: one channel per person per year, chosen with care — so the text is shown in full."""

    def __init__(self, policy: Policy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.setWindowTitle(f"选择申报通道（{policy.year}年度）")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{policy.year}年共设置 {len(policy.channels)} 条职称申报通道。同一年度只能选择一条通道申报，"
            "选错通道可能无法参加当年评审，请仔细阅读后选择。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        for channel in policy.channels:
            item = QListWidgetItem(f"{channel.no}. {channel.short_name}")
            item.setData(Qt.ItemDataRole.UserRole, channel.code)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.detail = QLabel("请在上方选择一条通道。")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setMinimumHeight(110)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.currentItemChanged.connect(self._show_current)
        self._ok().setEnabled(False)

    def _ok(self):  # type: ignore[no-untyped-def]
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _show_current(self, item: QListWidgetItem | None) -> None:
        self._ok().setEnabled(item is not None)
        if item is not None:
            self.detail.setText(describe(self.policy.channel(item.data(Qt.ItemDataRole.UserRole)), self.policy))

    def selected_code(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))
