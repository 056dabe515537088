"""A small TCP proxy that breaks connections on purpose, between a client and the real server.

Each accepted connection gets a fault chosen by the proxy's seeded RNG:

``pass``      forward both ways untouched
``drop``      accept, then close before forwarding anything (connection refused mid-handshake)
``reset``     forward the request, then close with a TCP reset before any answer
``truncate``  forward the answer only up to a random byte, then close (a cut download)
``delay``     hold the answer back for a while (a slow link; may trip the client's read timeout)
``busy``      answer ``503`` with ``Retry-After: 1`` without asking the server (an overloaded gateway)
``limit``     answer ``429`` with ``Retry-After: 1`` (a rate-limiting gateway)
``error``     answer ``500`` without asking the server (a failing gateway or a crashed handler)
``lose``      forward the request, let the server answer, then close without passing the answer on
              (the server has done the work, the client never hears: the classic duplicate)

Only loopback addresses are used; every thread is a daemon and :meth:`close` stops the lot.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Sequence

FAULTS = ("pass", "drop", "reset", "truncate", "delay", "busy", "limit", "error", "lose")
#: What the pull trials inject (their default); the push trials add ``error`` and ``lose``.
PULL_FAULTS = FAULTS[1:7]
_PROBLEM = (
    '{{"type":"https://creditdesk.example/problems/{code}","title":"{title}","status":{status},'
    '"detail":"网关繁忙，请稍后重试。","code":"{code}"}}'
)


def _canned(status: int, reason: str, code: str, title: str) -> bytes:
    body = _PROBLEM.format(code=code, title=title, status=status).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/problem+json\r\n"
        f"Retry-After: 1\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


_CANNED = {
    "busy": _canned(503, "Service Unavailable", "unavailable", "Service unavailable"),
    "limit": _canned(429, "Too Many Requests", "rate_limited", "Too many requests"),
    "error": _canned(500, "Internal Server Error", "internal_error", "Internal server error"),
}


class FaultyProxy:
    def __init__(
        self,
        target_port: int,
        *,
        seed: int,
        fault_rate: float = 0.3,
        faults: Sequence[str] = PULL_FAULTS,
        max_delay: float = 1.5,
    ) -> None:
        self.target = ("127.0.0.1", target_port)
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.faults = tuple(faults)
        self.max_delay = max_delay
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.enabled = True
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True, name="proxy-accept").start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _choose(self) -> tuple[str, float]:
        with self.lock:
            if not self.enabled:
                return "pass", 0.0
            fault = "pass"
            if self.rng.random() < self.fault_rate:
                fault = self.rng.choice(self.faults)
            self.counts[fault] += 1
            return fault, self.rng.random()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            fault, x = self._choose()
            threading.Thread(target=self._serve, args=(client, fault, x), daemon=True).start()

    def _serve(self, client: socket.socket, fault: str, x: float) -> None:
        self._conns.append(client)
        if fault == "drop":
            _close(client)
            return
        if fault in _CANNED:
            with contextlib.suppress(OSError):
                client.recv(65536)
                client.sendall(_CANNED[fault])
            _close(client)
            return
        try:
            upstream = socket.create_connection(self.target, timeout=30)
        except OSError:
            _close(client)
            return
        self._conns.append(upstream)
        threading.Thread(target=self._pipe, args=(client, upstream, None), daemon=True).start()
        if fault == "reset":
            with contextlib.suppress(OSError):
                time.sleep(0.05)
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            _close(client)
            _close(upstream)
            return
        if fault == "lose":
            self._swallow(upstream)
            _close(client)
            _close(upstream)
            return
        budget = None
        if fault == "truncate":
            budget = int(200 + x * 60_000)
        if fault == "delay":
            time.sleep(x * self.max_delay)
        self._pipe(upstream, client, budget)

    def _swallow(self, upstream: socket.socket) -> None:
        """Read the server's answer (so it has finished the request) and pass none of it on."""
        with contextlib.suppress(OSError):
            upstream.settimeout(30)
            if upstream.recv(65536):
                upstream.settimeout(0.3)
                while upstream.recv(65536):
                    pass

    def _pipe(self, src: socket.socket, dst: socket.socket, budget: int | None) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if budget is not None:
                    if len(data) >= budget:
                        dst.sendall(data[:budget])
                        break
                    budget -= len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            _close(src)
            _close(dst)

    def close(self) -> None:
        self._stop.set()
        _close(self.listener)
        for c in list(self._conns):
            _close(c)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
