"""What the sync screenshot scripts share: a seeded reference platform (subprocess) and the
application started on a fresh laptop through the real start-up path, open on its 同步 page."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import make_application
from desktop.ops import Runner
from desktop.startup import Startup
from desktop.views.sync_view import SyncView
from desktop.windows.main_window import MainWindow
from tests.desktop.shoot import wait
from tests.sync.server_proc import ServerProcess


@dataclass
class Session:
    tmp: Path  # the platform's database and the laptop's data directory
    db_url: str
    server: ServerProcess
    window: MainWindow

    @property
    def view(self) -> SyncView:
        return self.window.sync_view


@contextmanager
def on_sync_page(
    out: Path, entities: int, *, height: int = 860, server_args: tuple[str, ...] = ()
) -> Iterator[Session]:
    """The platform seeded with ``entities`` demo entities and the window on its 同步 page; both
    are stopped afterwards and the directory is named (it is kept to look into)."""
    from sync.server.db import init_db, make_engine
    from sync.server.ingest import seed_demo

    tmp = Path(tempfile.mkdtemp(prefix="creditdesk-shoot-"))
    url = f"sqlite:///{tmp / 'platform.db'}"
    engine = make_engine(url)
    init_db(engine)
    seed_demo(engine, entities)
    snapshots = ("--snapshot-dir", str(tmp / "snapshots"))  # the platform's files stay in ``tmp``
    server = ServerProcess(url, tmp, extra_args=(*snapshots, *server_args)).start()
    os.environ.setdefault("CREDITDESK_PASSPHRASE", "screenshot-passphrase")
    app = make_application()
    startup = Startup(Runner(), tmp / "laptop")
    QTimer.singleShot(0, startup.start)
    try:
        wait(startup.shown, 60_000)
        window = startup.window
        assert window is not None
        window.resize(1360, height)
        window.nav.setCurrentRow(window.pages.indexOf(window.sync_view))  # by page, in any language
        out.mkdir(parents=True, exist_ok=True)
        yield Session(tmp, url, server, window)
        window.close()
    finally:
        startup.runner.wait()  # type: ignore[attr-defined]
        if startup.desk is not None:
            startup.desk.close()
        server.stop()
        QApplication.processEvents()
    print(f"screenshots in {out} (platform and laptop in {tmp})")
    del app


def sign_in(view: SyncView, server: str, user: str, password: str) -> None:
    """Open the sign-in dialog and submit it filled in, as a user would."""
    view.sign_in()
    dialog = view.signin_dialog
    wait(ms=300)
    dialog.server.setText(server)
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.submit()
