"""The reference server as a real subprocess on a loopback port, killable and restartable.

The test process binds the listening socket itself (port 0: the kernel picks a free port) and
hands it to ``creditdesk-server serve --fd``; it keeps the socket open across a SIGKILL and a
restart, so a restarted server answers on the same address and clients queued meanwhile are
served, as behind a real service manager.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from credit.paths import ROOT


class ServerProcess:
    def __init__(
        self,
        db_url: str,
        log_dir: Path,
        *,
        rate_limit: float = 0,
        token_minutes: int = 720,
        extra_args: tuple[str, ...] = (),
        ca_bundle: Path | None = None,
    ) -> None:
        self.db_url = db_url
        self.log_dir = log_dir
        self.rate_limit = rate_limit
        self.token_minutes = token_minutes
        self.extra_args = extra_args
        self.ca_bundle = ca_bundle  # a TLS server: the readiness probe trusts this CA
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"{'https' if self.ca_bundle else 'http'}://127.0.0.1:{self.port}"

    def start(self, wait: bool = True) -> ServerProcess:
        assert self.proc is None or self.proc.poll() is not None
        self.starts += 1
        env = dict(os.environ, DATABASE_URL=self.db_url, PYTHONPATH=str(ROOT))
        log = (self.log_dir / f"server-{self.port}-{self.starts}.log").open("wb")
        cmd = [
            sys.executable, "-m", "sync.server", "serve", "--fd", str(self.sock.fileno()),
            "--rate-limit", str(self.rate_limit), "--token-minutes", str(self.token_minutes),
            "--no-upkeep", *self.extra_args,
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, pass_fds=[self.sock.fileno()], stdout=log, stderr=subprocess.STDOUT, env=env
        )
        log.close()
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_dir}")
            try:
                verify: str | bool = str(self.ca_bundle) if self.ca_bundle else True
                if requests.get(f"{self.url}/api/v1/health", timeout=2, verify=verify).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("server did not become ready")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no goodbye — connections in flight are cut."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def restart(self) -> None:
        self.kill()
        self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.sock.close()
