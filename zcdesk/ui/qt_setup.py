"""Application-wide Qt set-up: bundled Chinese font, Qt's own zh_CN strings, one look everywhere."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from zcdesk.resources import resource_path

log = logging.getLogger(__name__)

UI_FONT_FILE = "NotoSansCJKsc-Regular.otf"
UI_POINT_SIZE = 10


def load_ui_font(app: QApplication) -> str | None:
    """Use the bundled Noto Sans CJK SC, never whatever the machine happens to have.

    Must run after the QApplication exists: addApplicationFont before it segfaults.
    """
    path = resource_path("fonts", UI_FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
    if font_id < 0:
        log.warning("bundled UI font missing or unreadable: %s", path)
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    app.setFont(QFont(family, UI_POINT_SIZE))
    return family


def install_translations(app: QApplication) -> QTranslator | None:
    """Qt's own zh_CN strings, so standard buttons read 确定/取消/上一步/下一步."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    log.warning("qtbase_zh_CN.qm not found in %s", folder)
    return None


def setup_application(app: QApplication) -> None:
    app.setApplicationName("zcdesk")
    app.setApplicationDisplayName("职称申报离线填报工具")
    app.setOrganizationName("zcdesk")
    # Fusion looks the same on Windows and Linux, so screenshots and help text match what users see.
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    load_ui_font(app)
    install_translations(app)
