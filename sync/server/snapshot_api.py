"""The snapshot endpoints: ``GET /api/v1/snapshot`` (what to fetch, and its one-time key) and
``GET /api/v1/snapshot/{id}`` (the file, resumable with ``Range``). See :mod:`sync.server.snapshot`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Header, Query
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response, StreamingResponse

from sync import protocol
from sync.server.accounts import Account
from sync.server.app import _AUTHED, Authed, ProblemError, Settings, _problems, scope_for
from sync.server.snapshot import Snapshot

#: Bytes per chunk of a file answer.
CHUNK = 1 << 20
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")
_UNAVAILABLE = "平台暂不提供该范围的数据快照（数据量较小，或快照正在重建），请直接按变更同步。"
_GONE = "该数据快照已过期或已被新的快照取代，请重新获取快照信息后下载。"


def register(app: FastAPI, settings: Settings, require: Callable[[Account, str], None]) -> None:
    engine = settings.engine

    @app.get(
        f"{protocol.API_PREFIX}/snapshot",
        response_model=protocol.SnapshotReady,
        responses={
            202: {"model": protocol.SnapshotPending, "description": "Being built: ask again later"},
            **_problems(*_AUTHED, "forbidden_role", "forbidden_scope", "snapshot_unavailable"),
        },
        summary="A ready cache file of the scope for a first sync: where it is, its digest and one-time key",
    )
    def snapshot(
        who: Authed,
        scope: Annotated[
            list[Annotated[str, Query(pattern=protocol.JURISDICTION_PATTERN)]] | None,
            Query(description="Division-code prefixes inside the account's jurisdictions; default: all"),
        ] = None,
    ) -> Response:
        acc, _ = who
        require(acc, "pull")
        wanted = scope_for(acc, scope)
        manager = settings.snapshots
        if manager is None:
            raise ProblemError("snapshot_unavailable", "本平台不提供数据快照，请直接按变更同步。")
        with engine.connect() as conn, conn.begin():
            found = manager.lookup(conn, wanted)
        if found is None:
            raise ProblemError("snapshot_unavailable", _UNAVAILABLE)
        no_store = {"Cache-Control": "no-store"}  # it carries a key
        if isinstance(found, Snapshot):
            return JSONResponse(found.answer().model_dump(mode="json"), headers=no_store)
        pending = found.answer(wanted)
        return JSONResponse(
            pending.model_dump(mode="json"),
            status_code=202,
            headers={**no_store, "Retry-After": str(pending.retry_after)},
        )

    @app.get(
        f"{protocol.API_PREFIX}/snapshot/{{snapshot_id}}",
        response_class=Response,
        responses={
            200: {"content": {protocol.SNAPSHOT_MEDIA_TYPE: {}}, "description": "The whole file"},
            206: {"content": {protocol.SNAPSHOT_MEDIA_TYPE: {}}, "description": "The requested byte range"},
            **_problems(
                *_AUTHED, "forbidden_role", "forbidden_scope", "snapshot_unavailable", "range_not_satisfiable"
            ),
        },
        summary="Download a snapshot file (HTTP Range: bytes=N- resumes)",
    )
    def snapshot_file(
        who: Authed,
        snapshot_id: Annotated[str, PathParam(pattern=protocol.HEX32)],
        range_: Annotated[
            str | None, Header(alias="range", description="bytes=START- or bytes=START-END")
        ] = None,
    ) -> Response:
        acc, _ = who
        require(acc, "pull")
        manager = settings.snapshots
        snap = manager.file(snapshot_id) if manager is not None else None
        if snap is None:
            raise ProblemError("snapshot_unavailable", _GONE)
        outside = [p for p in snap.built.scope if not acc.covers(p)]
        if outside:
            raise ProblemError(
                "forbidden_scope",
                f"该数据快照的范围 {'、'.join(outside)} 超出您的辖区"
                f"（{'、'.join(acc.jurisdictions)}），无权下载。",
            )
        size = snap.built.size
        start, end = 0, size  # [start, end)
        status = 200
        if range_ is not None:
            m = _RANGE.match(range_.strip())
            first = int(m.group(1)) if m else size
            last = int(m.group(2)) if m and m.group(2) else size - 1
            if m is None or first >= size or last < first:
                raise ProblemError(
                    "range_not_satisfiable",
                    f"请求的字节范围“{range_}”无效：文件共 {size} 字节，"
                    "只支持 bytes=起点- 或 bytes=起点-终点。",
                    headers={"Content-Range": f"bytes */{size}"},
                )
            start, end, status = first, min(last + 1, size), 206
        headers = {
            "Accept-Ranges": "bytes",
            "Content-Length": str(end - start),
            "ETag": f'"{snap.built.sha256}"',
            "Cache-Control": "private, no-transform",
        }
        if status == 206:
            headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
        return StreamingResponse(
            _read(snap.path, start, end), status_code=status, headers=headers,
            media_type=protocol.SNAPSHOT_MEDIA_TYPE,
        )  # fmt: skip


def _read(path: Path, start: int, end: int) -> Iterator[bytes]:
    """The file's bytes in ``[start, end)``; the open handle keeps a file superseded meanwhile
    readable to the end."""
    with path.open("rb") as f:
        f.seek(start)
        left = end - start
        while left > 0:
            chunk = f.read(min(CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
