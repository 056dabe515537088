"""The transport's retry rules against real sockets: backoff with jitter, Retry-After, clock."""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator

import pytest

from sync.client import clock_warning
from sync.errors import Offline
from sync.transport import RetryPolicy, Transport
from tests.sync.conftest import Platform, _platform, token_for
from tests.sync.proxy import FaultyProxy


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return port


def test_connection_errors_back_off_exponentially_with_jitter() -> None:
    waits: list[float] = []
    policy = RetryPolicy(attempts=6, base=0.1, cap=1.0)
    t = Transport(
        f"http://127.0.0.1:{_closed_port()}", retry=policy, rng=random.Random(7), sleep=waits.append
    )
    with pytest.raises(Offline) as exc:
        t.request("GET", "/health")
    assert "无法连接" in exc.value.reason and "不会丢失" in exc.value.reason
    assert t.retries == policy.attempts - 1
    total = sum(waits)
    assert 0 < total <= sum(min(policy.cap, policy.base * 2**i) for i in range(policy.attempts - 1)) + 1e-9


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    yield from _platform("sqlite", tmp_path_factory.mktemp("strict-transport"), rate_limit=3)


def test_429_retry_after_is_honoured(strict: Platform) -> None:
    import time

    slept: list[float] = []
    t = Transport(
        strict.base,
        retry=RetryPolicy(attempts=20, base=0.01, cap=0.05),
        sleep=lambda s: (slept.append(s), time.sleep(s)),
    )
    time.sleep(1.5)
    token = token_for(strict.base, "admin")
    for _ in range(12):  # well over the burst of 6
        assert t.request("GET", "/me", token=token)["user"]["name"] == "admin"
    assert t.retries >= 1
    assert sum(slept) >= 1.0, "waited at least the Retry-After of 1 s, not just the 50 ms backoff cap"


def test_gateway_503_is_retried_after_its_retry_after(strict: Platform) -> None:
    import time

    proxy = FaultyProxy(strict.server.port, seed=3, fault_rate=0.5, faults=("busy",))
    try:
        t = Transport(proxy.url, retry=RetryPolicy(attempts=30, base=0.01, cap=0.05))
        time.sleep(1.5)
        started = time.monotonic()
        for _ in range(4):
            assert t.request("GET", "/health")["status"] == "ok"
        if proxy.counts["busy"]:
            assert time.monotonic() - started >= 1.0 * min(1, proxy.counts["busy"])
        assert proxy.counts["busy"] >= 1
    finally:
        proxy.close()


def test_clock_offset_and_warning(strict: Platform) -> None:
    t = Transport(strict.base)
    t.request("GET", "/health")
    assert t.clock_offset is not None and abs(t.clock_offset) < 5
    assert clock_warning(t.clock_offset) is None
    warning = clock_warning(-900.0)
    assert warning and "快约 15 分钟" in warning and "校准" in warning
    assert "慢约 6 分钟" in (clock_warning(360.0) or "")
