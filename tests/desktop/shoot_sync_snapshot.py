"""Screenshots of a first sync from a platform snapshot, from the real start-up path and server.

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m tests.desktop.shoot_sync_snapshot docs/screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from tests.desktop.shoot import wait
from tests.desktop.shoot_platform import on_sync_page, sign_in


def shoot(out: Path, entities: int = 20_000) -> None:
    from sync.server.ingest import DEMO_PASSWORD

    with on_sync_page(out, entities, server_args=("--snapshot-min-changes", "0")) as s:
        view, window = s.view, s.window
        names = {
            "snapshot_download": "sync-snapshot-download.png",
            "snapshot_install": "sync-snapshot-install.png",
        }
        shots: set[str] = set()

        def during(_value: int) -> None:
            stage = view.client.stage if view.client is not None else None
            name = names.get(stage or "")
            later = stage != "snapshot_download" or view.progress.value() > view.progress.maximum() // 3
            if name and name not in shots and later:
                shots.add(name)  # grabbed once the page has worded the step
                QTimer.singleShot(0, lambda: window.grab().save(str(out / name)))

        view.progress.valueChanged.connect(during)
        sign_in(view, s.server.url, "admin", DEMO_PASSWORD)
        wait(view.synced, 120_000)
        wait(ms=800)
        window.grab().save(str(out / "sync-snapshot-done.png"))
        print("shots:", sorted(shots))


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
