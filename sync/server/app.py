"""The reference sharing platform's HTTP API (FastAPI), ``/api/v1``.

Every answer that is not a success is an RFC 9457 problem document (``application/problem+json``)
with a Chinese ``detail`` and a machine-readable ``code``; every endpoint but ``health`` and
sign-in needs a bearer token, and checks the account's role and jurisdictions. The change page
is assembled as text from the feed rows (they are stored as JSON already) rather than through
model objects: a first sync reads millions of them.
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol
from sync.server import accounts, devices, feed
from sync.server.accounts import Account, SignInRefused
from sync.server.db import iso, now_utc, write_begin

if TYPE_CHECKING:
    from sync.server.snapshot import SnapshotManager

log = logging.getLogger(__name__)

#: Largest request body accepted, compressed or not (sign-in now; batches of records in part 2).
MAX_BODY = 16 * 1024 * 1024


@dataclass
class Settings:
    engine: sa.Engine
    token_ttl: timedelta = timedelta(hours=12)
    #: Requests per second per token (or address, before sign-in), with a burst of twice that.
    rate_limit: float = 50.0
    gzip_level: int = 1  # loopback and LAN: CPU, not bandwidth, is what a large pull spends
    title: str = "CreditDesk 参考共享平台"
    #: Fault drills only: seconds a pushed batch is held before its commit and again after it,
    #: before the answer (``serve --push-hold``), so a test can kill the server at either point.
    push_hold: float = 0.0
    #: Snapshots for first syncs (``sync.server.snapshot``); None: the platform offers none.
    snapshots: SnapshotManager | None = None


class ProblemError(Exception):
    def __init__(self, code: str, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.headers = headers or {}


_TITLES = {
    "invalid_request": "Invalid request",
    "invalid_cursor": "Invalid cursor",
    "unsupported_encoding": "Unsupported content encoding",
    "payload_too_large": "Request body too large",
    "invalid_credentials": "Invalid credentials",
    "token_missing": "Authentication required",
    "token_invalid": "Invalid token",
    "token_expired": "Token expired",
    "account_disabled": "Account disabled",
    "forbidden_role": "Role not permitted",
    "forbidden_scope": "Scope outside jurisdiction",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "cursor_expired": "Cursor expired",
    "snapshot_unavailable": "No snapshot",
    "range_not_satisfiable": "Range not satisfiable",
    "rate_limited": "Too many requests",
    "unavailable": "Service unavailable",
    "internal_error": "Internal server error",
    "range_mismatch": "Upload offset mismatch",
    "attachment_mismatch": "Attachment does not match its digest",
}


def problem_response(
    code: str, detail: str, instance: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    status = protocol.ERROR_CODES[code]
    body = protocol.Problem(
        type=protocol.problem_type(code), title=_TITLES[code], status=status, detail=detail, code=code,
        instance=instance,
    )  # fmt: skip
    hdrs = dict(headers or {})
    if status == 401:
        hdrs.setdefault("WWW-Authenticate", 'Bearer realm="creditdesk"')
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, headers=hdrs,
        media_type=protocol.PROBLEM_MEDIA_TYPE,
    )  # fmt: skip


def _problems(*codes: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem documents an endpoint can answer with."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        status = protocol.ERROR_CODES[code]
        entry = out.setdefault(
            status,
            {
                "description": "",
                "content": {
                    protocol.PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
                },
            },
        )
        entry["description"] = ", ".join(x for x in (entry["description"], code) if x)
    return out


_COMMON = ("invalid_request", "rate_limited", "unavailable", "internal_error")
_AUTHED = (*_COMMON, "token_missing", "token_invalid", "token_expired", "account_disabled")


class _RateLimiter:
    """A token bucket per client; what a platform does to keep one laptop from starving others."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.burst = max(1.0, rate * 2)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def check(self, key: str) -> float | None:
        """None when allowed, else the seconds to wait."""
        if self.rate <= 0:
            return None
        now = time.monotonic()
        with self.lock:
            tokens, at = self.buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens < 1:
                self.buckets[key] = (tokens, now)
                return (1 - tokens) / self.rate
            self.buckets[key] = (tokens - 1, now)
            if len(self.buckets) > 10_000:
                self.buckets.clear()
            return None


class _GunzipRequests:
    """Accept ``Content-Encoding: gzip`` request bodies (batches of records in sync part 2)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        encoding = headers.get(b"content-encoding", b"").decode("latin-1").strip().lower()
        if encoding in ("", "identity"):
            await self.app(scope, receive, send)
            return
        if encoding != "gzip":
            await problem_response(
                "unsupported_encoding", f"不支持的请求内容编码“{encoding}”，请使用 gzip 或不压缩。"
            )(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY:
                await problem_response("payload_too_large", "请求内容过大。")(scope, receive, send)
                return
        try:
            plain = _gunzip_limited(body)
        except _TooLarge:
            await problem_response("payload_too_large", "请求内容解压后超过 16 MiB，请分批发送。")(
                scope, receive, send
            )
            return
        except (OSError, EOFError, zlib.error, ValueError):
            await problem_response("invalid_request", "请求内容不是有效的 gzip 数据。")(scope, receive, send)
            return
        new_headers = [
            (k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(plain)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": plain, "more_body": False}

        await self.app({**scope, "headers": new_headers}, replay, send)


class _TooLarge(ValueError):
    """A gzip body that decompresses to more than MAX_BODY (413, not a bad stream)."""


def _gunzip_limited(data: bytes) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(data, MAX_BODY + 1)
    if len(out) > MAX_BODY or d.unconsumed_tail:
        raise _TooLarge("too large")
    if not d.eof:
        raise EOFError("truncated gzip")
    return out


def current(request: Request) -> tuple[Account, Any]:
    """The signed-in account of a request (a FastAPI dependency)."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise ProblemError("token_missing", "需要登录：请先登录平台账号。")
    engine: sa.Engine = request.app.state.settings.engine
    try:
        with engine.connect() as conn:
            return accounts.authenticate(conn, value.strip())
    except SignInRefused as exc:
        raise ProblemError(exc.code, exc.reason) from exc


Authed = Annotated[tuple[Account, Any], Depends(current)]


def create_app(settings: Settings) -> FastAPI:
    engine = settings.engine
    limiter = _RateLimiter(settings.rate_limit)
    app = FastAPI(
        title=settings.title,
        version="1.0.0",
        description="CreditDesk 信用信息共享平台同步协议（参考实现）。See docs/sync-protocol.md.",
        openapi_url=f"{protocol.API_PREFIX}/openapi.json",
        docs_url=f"{protocol.API_PREFIX}/docs",
        redoc_url=None,
    )
    app.add_middleware(
        GZipMiddleware, minimum_size=1024, compresslevel=settings.gzip_level,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, protocol.SNAPSHOT_MEDIA_TYPE),
    )  # fmt: skip
    app.add_middleware(_GunzipRequests)

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(exc.code, exc.detail, request.url.path, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:3]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query"))
            parts.append(f"{where or '请求'}：{err.get('msg', '')}")
        return problem_response("invalid_request", "请求参数有误：" + "；".join(parts), request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return problem_response("not_found", "没有这个接口或资源。", request.url.path)
        if exc.status_code == 405:
            return problem_response("method_not_allowed", "该接口不支持此请求方法。", request.url.path)
        return problem_response("invalid_request", str(exc.detail), request.url.path)

    @app.exception_handler(sa.exc.OperationalError)
    async def _db_down(request: Request, exc: sa.exc.OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc)
        return problem_response(
            "unavailable", "平台数据库暂时不可用，请稍后重试。", request.url.path, {"Retry-After": "2"}
        )

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem_response(
            "internal_error", "平台内部错误，请稍后重试；如持续出现请联系平台管理员。", request.url.path
        )

    @app.middleware("http")
    async def _limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        auth = request.headers.get("authorization", "")
        key = accounts.token_digest(auth) if auth else f"ip:{request.client.host if request.client else '-'}"
        wait = limiter.check(key)
        if wait is not None:
            seconds = max(1, int(wait + 0.999))
            return problem_response(
                "rate_limited", f"请求过于频繁，请 {seconds} 秒后再试。", request.url.path,
                {"Retry-After": str(seconds)},
            )  # fmt: skip
        return await call_next(request)

    # -- endpoints ------------------------------------------------------------------------

    def require(acc: Account, permission: str) -> None:
        if not accounts.may(acc, permission):
            raise ProblemError(
                "forbidden_role", f"您的角色（{accounts.role_catalog()[acc.role].label}）无权进行此操作。"
            )

    @app.get(
        f"{protocol.API_PREFIX}/health",
        response_model=protocol.Health,
        responses=_problems(*_COMMON),
        summary="Liveness and server time (no sign-in)",
    )
    def health() -> protocol.Health:
        return protocol.Health(
            status="ok", server_time=now_utc(), api=protocol.API_PREFIX, platform=settings.title
        )

    @app.post(
        f"{protocol.API_PREFIX}/auth/token",
        response_model=protocol.TokenResponse,
        responses=_problems(
            *_COMMON, "invalid_credentials", "account_disabled", "unsupported_encoding", "payload_too_large"
        ),
        summary="Sign in: user, password and device for a bearer token",
    )
    def sign_in(body: protocol.TokenRequest) -> protocol.TokenResponse:
        refused: SignInRefused | None = None
        device_no: str | None = None
        with write_begin(engine) as conn:  # a failed attempt is counted, so commit either way
            try:
                value, expires, acc = accounts.sign_in(
                    conn, body.user, body.password, body.device, settings.token_ttl
                )
                device_no = devices.assign(conn, acc.name, body.device)
            except SignInRefused as exc:
                refused = exc
        if refused is not None:
            headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else None
            raise ProblemError(refused.code, refused.reason, headers=headers)
        return protocol.TokenResponse(token=value, expires_at=expires, user=acc.info(), device_no=device_no)

    @app.delete(
        f"{protocol.API_PREFIX}/auth/token",
        status_code=204,
        responses=_problems(*_AUTHED),
        summary="Sign out: revoke the token used for this request",
    )
    def sign_out(request: Request, who: Authed) -> Response:
        value = request.headers["authorization"].partition(" ")[2].strip()
        with write_begin(engine) as conn:
            accounts.revoke(conn, value)
        return Response(status_code=204)

    @app.get(
        f"{protocol.API_PREFIX}/me",
        response_model=protocol.Me,
        responses=_problems(*_AUTHED),
        summary="The signed-in account and its token's expiry",
    )
    def me(who: Authed) -> protocol.Me:
        acc, expires = who
        return protocol.Me(user=acc.info(), expires_at=expires, server_time=now_utc())

    @app.get(
        f"{protocol.API_PREFIX}/changes",
        response_model=protocol.ChangePage,
        responses=_problems(
            *_AUTHED, "forbidden_role", "forbidden_scope", "invalid_cursor", "cursor_expired"
        ),
        summary="A page of the change feed after a cursor, for the account's jurisdictions",
    )
    def changes(
        who: Authed,
        after: Annotated[
            str | None,
            Query(max_length=512, description="Cursor from the previous page; omit to start from zero"),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=protocol.MAX_PAGE)] = protocol.DEFAULT_PAGE,
        scope: Annotated[
            list[Annotated[str, Query(pattern=protocol.JURISDICTION_PATTERN)]] | None,
            Query(
                description="Division-code prefixes inside the account's jurisdictions; default: all of them"
            ),
        ] = None,
        count: Annotated[bool, Query(description="Also count the changes remaining after this page")] = False,
    ) -> Response:
        acc, _ = who
        require(acc, "pull")
        wanted = scope_for(acc, scope)
        with engine.connect() as conn, conn.begin():  # one snapshot for head, rows and count
            try:
                seq, feed_id, generation = feed.start_seq(conn, after, wanted)
            except feed.CursorRefused as exc:
                raise ProblemError(exc.code, exc.reason) from exc
            page = feed.read_page(
                conn, wanted, seq, limit, count=count, feed_id=feed_id, generation=generation
            )
        return _page_response(page, wanted)

    @app.get(
        f"{protocol.API_PREFIX}/admin/users",
        response_model=list[protocol.UserSummary],
        responses=_problems(*_AUTHED, "forbidden_role"),
        summary="Accounts whose jurisdictions lie inside the administrator's (administrators only)",
    )
    def admin_users(who: Authed) -> list[protocol.UserSummary]:
        acc, _ = who
        require(acc, "manage_users")
        with engine.connect() as conn:
            found = accounts.list_accounts(conn)
        return [
            protocol.UserSummary(user=a.info(), disabled=a.disabled, created_at=a.created_at)  # type: ignore[arg-type]
            for a in found
            if all(acc.covers(j) for j in a.jurisdictions)
        ]

    from sync.server.push_api import add_push_routes

    add_push_routes(app, engine=engine, require=require, hold=settings.push_hold)

    def openapi() -> dict[str, Any]:
        """The generated document plus the Problem schema the error responses refer to."""
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            doc = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            problem = protocol.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            doc.setdefault("components", {}).setdefault("schemas", {})["Problem"] = problem
            app.openapi_schema = doc
        return app.openapi_schema

    from sync.server import snapshot_api

    snapshot_api.register(app, settings, require)

    app.openapi = openapi  # type: ignore[method-assign]
    app.state.settings = settings
    return app


def scope_for(acc: Account, scope: list[str] | None) -> list[str]:
    """The prefixes a request asks for (default: all the account's), each inside its
    jurisdictions — else ``403 forbidden_scope``, never an empty answer."""
    wanted = sorted(set(scope)) if scope else list(acc.jurisdictions)
    outside = [p for p in wanted if not acc.covers(p)]
    if outside:
        raise ProblemError(
            "forbidden_scope",
            f"所请求的范围 {'、'.join(outside)} 超出您的辖区（{'、'.join(acc.jurisdictions)}），无权获取。",
        )
    return wanted


def _page_response(page: feed.Page, scope: list[str]) -> Response:
    import json

    fields = {k: list(protocol.PAYLOAD_FIELDS[k]) for k in protocol.PULL_KINDS}
    as_of = _iso_or_null(page.as_of)
    cursor = protocol.encode_cursor(page.feed_id, page.next_seq, scope, page.generation)
    head = (
        f'{{"fields":{json.dumps(fields, separators=(",", ":"))},"next_cursor":"{cursor}",'
        f'"has_more":{"true" if page.has_more else "false"},"as_of":{as_of},'
        f'"server_time":"{iso(now_utc())}","scope":{json.dumps(scope, separators=(",", ":"))},'
        f'"remaining":{page.remaining if page.remaining is not None else "null"},"changes":['
    )
    body = (head + ",".join(page.changes) + "]}").encode("utf-8")
    return Response(body, media_type="application/json")


def _iso_or_null(value: str | None) -> str:
    return f'"{value}"' if value else "null"


__all__ = ["ProblemError", "Settings", "create_app", "problem_response"]
