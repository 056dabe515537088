"""Screenshots of a first sync from a platform snapshot, from the real start-up path and server.

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m tests.desktop.shoot_sync_snapshot docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import make_application
from desktop.ops import Runner
from desktop.startup import Startup
from tests.desktop.shoot import wait


def shoot(out: Path, entities: int = 20_000) -> None:
    from sync.server.db import init_db, make_engine
    from sync.server.ingest import DEMO_PASSWORD, seed_demo
    from tests.sync.server_proc import ServerProcess

    tmp = Path(tempfile.mkdtemp(prefix="creditdesk-shoot-"))
    url = f"sqlite:///{tmp / 'platform.db'}"
    engine = make_engine(url)
    init_db(engine)
    seed_demo(engine, entities)
    args = ("--snapshot-dir", str(tmp / "snapshots"), "--snapshot-min-changes", "0")
    server = ServerProcess(url, tmp, extra_args=args).start()
    os.environ.setdefault("CREDITDESK_PASSPHRASE", "screenshot-passphrase")
    app = make_application()
    startup = Startup(Runner(), tmp / "laptop")
    QTimer.singleShot(0, startup.start)
    try:
        wait(startup.shown, 60_000)
        window = startup.window
        assert window is not None
        window.resize(1360, 860)
        row = window.pages.indexOf(window.sync_view)  # by page, in any language
        window.nav.setCurrentRow(row)
        view = window.sync_view
        out.mkdir(parents=True, exist_ok=True)
        shots: set[str] = set()

        def during(_value: int) -> None:
            text = view.progress.format()
            for key, name in (("正在下载数据快照", "sync-snapshot-download.png"),
                              ("正在启用数据快照", "sync-snapshot-install.png")):  # fmt: skip
                later = key != "正在下载数据快照" or view.progress.value() > view.progress.maximum() // 3
                if key in text and name not in shots and later:
                    shots.add(name)
                    window.grab().save(str(out / name))

        view.progress.valueChanged.connect(during)
        view.sign_in()
        dialog = view.signin_dialog
        wait(ms=300)
        dialog.server.setText(server.url)
        dialog.user.setText("admin")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.submit()
        wait(view.synced, 120_000)
        wait(ms=800)
        window.grab().save(str(out / "sync-snapshot-done.png"))
        window.close()
        print("shots:", sorted(shots))
    finally:
        startup.runner.wait()  # type: ignore[attr-defined]
        if startup.desk is not None:
            startup.desk.close()
        server.stop()
        QApplication.processEvents()
    print(f"screenshots in {out} (platform and laptop in {tmp})")
    del app


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
