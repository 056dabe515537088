"""main.py: a command word starts the CLI; anything else opens the GUI, whatever the folder is called."""

from __future__ import annotations

from pathlib import Path

import pytest

import main


def test_data_dir_named_like_a_command_opens_the_gui(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.app

    opened: list[tuple[Path, int | None]] = []

    def run(path: Path, demo_entities: int | None = None) -> int:
        opened.append((path, demo_entities))
        return 0

    monkeypatch.setattr(desktop.app, "run", run)
    folder = tmp_path / "demo"
    assert main.main(["--data-dir", str(folder), "--demo", "500"]) == 0
    assert opened == [(folder, 500)]


def test_command_word_after_options_runs_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["--json", "validate", "91110000600037341L"]) == 0
    assert '"valid": true' in capsys.readouterr().out
