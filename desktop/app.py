"""Application bootstrap: Qt set-up (style, font, translations), then unlock and show the window.

Kept apart from the window so the start-up order is in one place: the store opens on a worker
while the GUI thread builds the window, and the window appears only once it can answer a query.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from credit.paths import resource
from desktop import STARTED, settings

log = logging.getLogger(__name__)

EXIT_AFTER_SHOWN_ENV = "CREDITDESK_EXIT_AFTER_SHOWN"
T0_ENV = "CREDITDESK_T0"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
FONT_FAMILY = "WenQuanYi Micro Hei"
MIN_POINT_SIZE = 10.0


def elapsed_ms() -> float:
    """Milliseconds since process start: main.py's wall-clock stamp if set, else our import."""
    t0 = os.environ.get(T0_ENV)
    if t0:
        try:
            return (time.time() - float(t0)) * 1000
        except ValueError:
            pass
    return (time.perf_counter() - STARTED) * 1000


def run(data_dir: Path, demo_entities: int | None = None) -> int:
    """Open the GUI on ``data_dir``; returns the process exit code."""
    data_dir = data_dir.resolve()  # file links (reports, folders) need an absolute path
    setup_logging(data_dir)
    if demo_entities:
        from credit.operator import Operator

        Operator.write_demo(data_dir)
    app = make_application()
    from desktop.ops import Runner
    from desktop.startup import Startup

    runner = Runner()
    # The unlock and demo-build dialogs come and go before the main window exists; closing
    # them must not end the application. Startup turns this back on once the window shows.
    app.setQuitOnLastWindowClosed(False)
    startup = Startup(runner, data_dir, demo_entities, exit_after_shown=_exit_after_shown())
    startup.quitRequested.connect(app.exit, Qt.ConnectionType.QueuedConnection)
    QTimer.singleShot(0, startup.start)
    code = app.exec()
    runner.wait(3000)  # let queued writes (the last lookup's audit row) finish …
    runner.cancel_all()  # … then stop whatever long work is left
    runner.wait()  # no worker may still be using the store when it closes
    if startup.desk is not None:
        startup.desk.close()
    return startup.exit_code if startup.exit_code is not None else code


def _exit_after_shown() -> bool:
    return os.environ.get(EXIT_AFTER_SHOWN_ENV, "") not in ("", "0")


def make_application() -> QApplication:
    """The QApplication with Fusion, the bundled CJK font and the chosen UI language."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scaling (125 %, 150 %) as the system sets it, not rounded to whole pixels.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("CreditDesk")
    app.setOrganizationName("CreditDesk")
    app.setApplicationDisplayName(QCoreApplication.translate("App", "CreditDesk"))
    app.setStyle("Fusion")  # Fusion draws with the system palette, so light/dark follow the OS
    install_font(app)
    install_translations(app, settings.language())
    app.setWindowIcon(settings.icon("creditdesk"))
    # Ctrl+C in a terminal closes cleanly; the idle timer lets Python see the signal at all.
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(500)
    return app


def install_font(app: QApplication) -> str | None:
    """Register the bundled WenQuanYi Micro Hei and make it the application font."""
    font_id = QFontDatabase.addApplicationFont(str(resource(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled font %s could not be loaded", resource(*FONT_FILE))
        return None
    family = FONT_FAMILY if FONT_FAMILY in families else families[0]
    font = QFont(app.font())
    font.setFamilies([family, *font.families()])
    font.setPointSizeF(max(font.pointSizeF(), MIN_POINT_SIZE))
    app.setFont(font)
    return family


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Our strings (source: Chinese) plus Qt's own dialogs in the same language."""
    installed: list[QTranslator] = []
    candidates = [
        (resource("i18n"), f"creditdesk_{language}"),
        (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{language}"),
    ]
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def setup_logging(data_dir: Path) -> None:
    """Errors with their tracebacks go to ``<data dir>/logs/creditdesk.log`` (the 详情 too)."""
    root = logging.getLogger()
    if any(getattr(h, "_creditdesk", False) for h in root.handlers):
        return
    try:
        folder = data_dir / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "creditdesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler._creditdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``creditdesk-gui`` script (main.py is the usual launcher)."""
    from credit.paths import default_data_dir

    parser = argparse.ArgumentParser(prog="creditdesk-gui")
    parser.add_argument("--data-dir", default=str(default_data_dir()))
    parser.add_argument("--demo", type=int, metavar="N")
    args = parser.parse_args(argv)
    return run(Path(args.data_dir).expanduser(), demo_entities=args.demo)
