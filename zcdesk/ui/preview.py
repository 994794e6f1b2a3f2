"""Open one window or dialog alone with sample data: `python -m zcdesk.ui.preview NAME [--screenshot F]`.

Sample data goes into a temporary data folder, never the user's own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from zcdesk.core import services
from zcdesk.core.importer import import_bundle
from zcdesk.core.policy import load_policy
from zcdesk.core.samples import make_id_number, make_sample
from zcdesk.core.store import Store, open_store
from zcdesk.ui.channel_dialog import ChannelDialog
from zcdesk.ui.main_window import MainWindow
from zcdesk.ui.qt_setup import setup_application

SAMPLE_PEOPLE = (
    ("张喆", "enterprise", None),
    ("李玥", "school-teacher", "in-publicity"),
    ("王堃", "post2-assess", "entered-online"),
    ("赵吉𠮷", "county-3010", "returned"),
)


def sample_store(folder: Path) -> Store:
    """A store with a few sample applications imported as bundles, so their files are there too."""
    store = open_store(folder / "data")
    for number, (name, channel, status) in enumerate(SAMPLE_PEOPLE):
        sample = make_sample(channel, name=name)
        applicant = replace(sample.bundle.application.applicant, id_number=make_id_number(seq=number + 3))
        bundle = replace(sample.bundle, application=replace(sample.bundle.application, applicant=applicant))
        source = replace(sample, bundle=bundle).write_folder(folder / f"bundle-{number}")
        app_id = import_bundle(store, source).application_id
        if status:
            with store.unit_of_work() as session:
                services.set_review_status(session, app_id, status)
    return store


def _main_window(folder: Path) -> QWidget:
    window = MainWindow(sample_store(folder))
    window.select_row(0)
    return window


def _empty_main_window(folder: Path) -> QWidget:
    return MainWindow(open_store(folder))


def _channel_dialog(_folder: Path) -> QWidget:
    dialog = ChannelDialog(load_policy(2025))
    dialog.list.setCurrentRow(1)
    return dialog


def _summary_preview(folder: Path) -> QWidget:
    window = MainWindow(sample_store(folder))
    window.select_row(0)
    dialog = window.preview_form("summary")
    assert dialog is not None
    dialog.resize(760, 900)
    return dialog


PREVIEWS: dict[str, Callable[[Path], QWidget]] = {
    "main-window": _main_window,
    "main-window-empty": _empty_main_window,
    "channel-dialog": _channel_dialog,
    "summary-preview": _summary_preview,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="预览单个窗口（示例数据）")
    parser.add_argument("name", choices=sorted(PREVIEWS))
    parser.add_argument("--screenshot", metavar="FILE.png", help="截图后退出")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    setup_application(app)
    with tempfile.TemporaryDirectory(prefix="zcdesk-preview-") as folder:
        widget = PREVIEWS[args.name](Path(folder))
        widget.show()
        if args.screenshot:

            def shoot() -> None:
                widget.grab().save(args.screenshot)
                app.quit()

            QTimer.singleShot(800, shoot)
        code = app.exec()
        store = getattr(widget, "store", None)
        if store is not None:
            store.close()
        return code


if __name__ == "__main__":
    raise SystemExit(main())
