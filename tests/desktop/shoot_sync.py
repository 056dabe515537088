"""Screenshots of the 同步 job for the docs, from the real start-up path and a real server.

Starts a reference server (subprocess, demo data) and the application on a fresh data directory,
then: the 同步 page before signing in, the sign-in dialog (filled in, and after a wrong
password), the page during the first sync and after it, and the status bar::

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m tests.desktop.shoot_sync docs/screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.desktop.shoot import wait
from tests.desktop.shoot_platform import on_sync_page


def shoot(out: Path, entities: int = 20_000) -> None:
    import sync.pull
    from sync.server.ingest import DEMO_PASSWORD
    from tests.sync.server_proc import ServerProcess

    sync.pull.BULK_PAGE = 400  # small pages, so the progress bar is seen moving
    with on_sync_page(out, entities) as s:
        window, server, url, tmp = s.window, s.server, s.db_url, s.tmp
        wait(ms=500)
        window.grab().save(str(out / "sync-signed-out.png"))

        view = window.sync_view
        view.sign_in()
        dialog = view.signin_dialog
        wait(ms=300)
        dialog.server.setText(server.url)
        dialog.user.setText("huaxian")
        dialog.password.setText("not-the-password")
        wait(ms=200)
        dialog.grab().save(str(out / "signin.png"))
        dialog.submit()
        for _ in range(50):
            wait(ms=100)
            if dialog.ok.isEnabled():
                break
        wait(ms=200)
        dialog.grab().save(str(out / "signin-error.png"))

        # a platform whose certificate this machine cannot verify: explained, never bypassed
        from tests.sync.test_tls import _make_pki

        ca, cert, key = _make_pki(tmp)
        tls = ServerProcess(
            url, tmp, extra_args=("--ssl-certfile", str(cert), "--ssl-keyfile", str(key)), ca_bundle=ca
        )
        tls.start()
        try:
            dialog.server.setText(tls.url)
            dialog.password.setText(DEMO_PASSWORD)
            dialog.submit()
            for _ in range(50):
                wait(ms=100)
                if dialog.ok.isEnabled():
                    break
            wait(ms=200)
            dialog.grab().save(str(out / "signin-certificate-error.png"))
        finally:
            tls.stop()
        dialog.server.setText(server.url)

        shots: dict[str, bool] = {}

        def during(value: int) -> None:
            if (
                not shots.get("during")
                and view.progress.maximum() > 1
                and value > view.progress.maximum() // 3
            ):
                shots["during"] = True
                window.grab().save(str(out / "sync-progress.png"))

        view.progress.valueChanged.connect(during)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.submit()
        wait(view.synced, 120_000)
        wait(ms=800)
        window.grab().save(str(out / "sync-done.png"))
        window.statusBar().grab().save(str(out / "status-bar.png"))
        window.nav.setCurrentRow(0)
        window.search.field.setText("滑县")
        window.search.search_now()
        wait(window.search.resultsShown, 3000)
        wait(ms=300)
        window.grab().save(str(out / "search-after-sync.png"))


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
