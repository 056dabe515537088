"""HTTP to the platform: one ``requests`` session, timeouts, retries, problem documents.

Retry policy: connection errors, timeouts, truncated or undecodable bodies and 5xx answers are
retried with exponential backoff and full jitter (a random wait in ``[0, min(cap, base·2ⁿ)]``,
so a hundred laptops coming back online do not knock in step); 429 and 503 wait at least their
``Retry-After``. Other 4xx answers are final and become a :class:`~sync.errors.SyncError` with
the platform's Chinese ``detail``. Every wait checks for cancellation in small steps. TLS
verification is always on; a custom CA bundle may be given, never ``verify=False``.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from sync import protocol
from sync.errors import (
    AuthRequired,
    Cancelled,
    CertificateProblem,
    CursorExpired,
    Offline,
    ServerRefused,
    SyncError,
)

log = logging.getLogger(__name__)

Cancelled_ = Callable[[], bool]
USER_AGENT = "CreditDesk-sync/1"
_AUTH_CODES = frozenset({"token_missing", "token_invalid", "token_expired"})


@dataclass
class RetryPolicy:
    attempts: int = 8
    base: float = 0.5
    cap: float = 20.0
    max_retry_after: float = 120.0


class _Retry(Exception):
    def __init__(self, why: str, wait: float | None = None) -> None:
        super().__init__(why)
        self.why = why
        self.wait = wait


class Transport:
    """Requests to one platform; safe to use from one thread at a time."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_bundle: str | None = None,
        timeout: tuple[float, float] = (5.0, 60.0),
        retry: RetryPolicy | None = None,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.rng = rng or random.Random()
        self._sleep = sleep
        self.session = requests.Session()
        self.session.headers.update(
            {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", "Accept": "application/json"}
        )
        # never False; passed on every request because requests lets REQUESTS_CA_BUNDLE in the
        # environment override a session's own setting
        self.verify: str | bool = ca_bundle or True
        #: Seconds the server's clock is ahead of ours, from the last answer's Date header.
        self.clock_offset: float | None = None
        self.retries = 0

    def close(self) -> None:
        self.session.close()

    # -- one request with retries -----------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        body: Any = None,
        gzip_body: bool = False,
        cancelled: Cancelled_ | None = None,
        parse: Callable[[bytes], Any] = json.loads,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        accept_status: tuple[int, ...] = (),
        want_response: bool = False,
    ) -> Any:
        """The parsed body of a successful answer (``parse`` of the decoded bytes).

        ``content`` sends raw bytes (an attachment part) instead of a JSON ``body``; answers with a
        status in ``accept_status`` are returned rather than raised, and ``want_response`` returns
        the response itself (headers of a ``HEAD``).
        """
        headers = dict(headers or {})
        data: bytes | None = content
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
            if gzip_body:
                data = gzip.compress(data, 6)
                headers["Content-Encoding"] = "gzip"
        url = f"{self.base_url}{protocol.API_PREFIX}{path}"
        last = "未知原因"
        for attempt in range(self.retry.attempts):
            if cancelled and cancelled():
                raise Cancelled()
            try:
                return self._once(method, url, headers, params, data, parse, accept_status, want_response)
            except _Retry as exc:
                last = exc.why
                if attempt + 1 >= self.retry.attempts:
                    break
                backoff = self.rng.uniform(0, min(self.retry.cap, self.retry.base * 2**attempt))
                wait = max(backoff, min(exc.wait or 0.0, self.retry.max_retry_after))
                log.info("retry %s %s in %.2fs (%s)", method, path, wait, exc.why)
                self.retries += 1
                self._wait(wait, cancelled)
        raise Offline(
            f"多次重试后仍无法完成与共享平台的通信（{last}）。请检查网络后重试；已同步的部分不会丢失。"
        )

    def _wait(self, seconds: float, cancelled: Cancelled_ | None) -> None:
        left = seconds
        while left > 0:  # in steps, so a cancel is noticed within a tenth of a second
            if cancelled and cancelled():
                raise Cancelled()
            step = min(left, 0.1)
            self._sleep(step)
            left -= step

    def _once(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        params: Any,
        data: bytes | None,
        parse: Callable[[bytes], Any],
        accept_status: tuple[int, ...] = (),
        want_response: bool = False,
    ) -> Any:
        try:
            r = self.session.request(
                method,
                url,
                headers=headers,
                params=params,
                data=data,
                timeout=self.timeout,
                verify=self.verify,
            )
            content = r.content  # reads the whole body: a cut connection shows here
        except requests.exceptions.SSLError as exc:
            raise CertificateProblem(_tls_words(exc), code="certificate") from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise _Retry("连接超时") from exc
        except requests.exceptions.ReadTimeout as exc:
            raise _Retry("等待平台响应超时") from exc
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            raise _Retry("数据传输中断") from exc
        except requests.exceptions.ConnectionError as exc:
            raise _Retry("无法连接到共享平台") from exc
        except requests.exceptions.InvalidURL as exc:
            raise ServerRefused(f"平台地址无效：{url}", code="invalid_url") from exc
        self._note_clock(r)
        if r.status_code in accept_status:
            return r
        if r.status_code in (429, 503):
            raise _Retry(f"平台繁忙（{r.status_code}）", _retry_after(r))
        if r.status_code >= 500:
            raise _Retry(f"平台内部错误（{r.status_code}）")
        if r.status_code >= 400:
            raise _problem(r)
        if want_response:
            return r
        if r.status_code == 204:
            return None
        expected = r.headers.get("Content-Length")
        if expected is not None and "content-encoding" not in r.headers and int(expected) != len(content):
            raise _Retry("数据传输不完整")
        try:
            return parse(content)
        except ValueError as exc:  # a body cut short still parses as nothing sensible
            raise _Retry("平台返回的数据不完整") from exc

    def _note_clock(self, r: requests.Response) -> None:
        date_header = r.headers.get("Date")
        if not date_header:
            return
        try:
            server = parsedate_to_datetime(date_header)
        except (TypeError, ValueError):
            return
        self.clock_offset = (server - datetime.now(UTC)).total_seconds()


def _retry_after(r: requests.Response) -> float | None:
    value = r.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
        except (TypeError, ValueError):
            return None


def _problem(r: requests.Response) -> SyncError:
    code, detail = f"http_{r.status_code}", ""
    try:
        body = protocol.Problem.model_validate(r.json())
        code, detail = body.code, body.detail
    except ValueError:
        detail = f"共享平台拒绝了请求（HTTP {r.status_code}）。"
    if code in _AUTH_CODES or code == "invalid_credentials":
        return AuthRequired(detail, code=code, status=r.status_code)
    if code == "cursor_expired" or code == "invalid_cursor":
        return CursorExpired(detail, code=code, status=r.status_code)
    return ServerRefused(detail, code=code, status=r.status_code)


def _tls_words(exc: Exception) -> str:
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        if "self-signed" in text or "self signed" in text:
            why = "平台使用的是自签名证书，本机不信任它"
        elif "expired" in text:
            why = "平台的证书已过期"
        elif "hostname" in text or "match" in text:
            why = "平台证书上的域名与所填地址不符"
        else:
            why = "平台的证书无法验证（颁发机构不受信任）"
    else:
        why = "与平台建立加密连接失败"
    return (
        f"{why}，为保护数据已停止连接。请核对平台地址；如果单位使用自己的证书颁发机构，"
        "请在登录时指定 CA 证书文件。CreditDesk 不会跳过证书验证。"
    )
