"""Photos, documents and signatures: content-addressed by SHA-256, inside the encrypted work file.

Photos taken in the field must not lie in plaintext on a laptop that can be lost, so the bytes
go into ``attachment_blob`` in ``work.db`` (SQLCipher) rather than into loose files; the same
bytes added twice are stored once. Images get a JPEG thumbnail (for the form and the printed
record); other documents are kept as they are and shown by name and type.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from credit.inspections import InspectionError
from credit.store.db import Store
from credit.store.tables import attachment_blob, inspection_draft, inspection_record

MAX_BYTES = 30 * 1024 * 1024
THUMB_PX = 320
KINDS = ("photo", "document", "signature")
#: What may be attached besides images: what inspectors actually bring back.
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".txt": "text/plain",
    ".ofd": "application/ofd",
}


@dataclass(frozen=True)
class Attachment:
    sha256: str
    name: str
    kind: str  # photo / document / signature
    mime: str
    size: int
    width: int | None = None
    height: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "name": self.name,
            "kind": self.kind,
            "mime": self.mime,
            "size": self.size,
        }


def _image_info(data: bytes) -> tuple[str, int, int, bytes] | None:
    """(mime, width, height, JPEG thumbnail) for an image Pillow can read, else None."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            fmt = (opened.format or "").upper()
            img = ImageOps.exif_transpose(opened)  # phones store portrait photos rotated
            width, height = img.size
            thumb = img.convert("RGB")
            thumb.thumbnail((THUMB_PX, THUMB_PX))
            out = io.BytesIO()
            thumb.save(out, "JPEG", quality=82)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    mime = Image.MIME.get(fmt, f"image/{fmt.lower() or 'unknown'}")
    return mime, width, height, out.getvalue()


def store_bytes(store: Store, name: str, data: bytes, kind: str | None = None) -> Attachment:
    """Keep ``data`` (once per content) and describe it; raises a readable error when unusable.

    ``kind`` None decides by content: an image is a photo, anything else a document.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown attachment kind {kind!r}")
    label = Path(name).name or "附件"
    if not data:
        raise InspectionError(f"文件“{label}”是空的，未添加。")
    if len(data) > MAX_BYTES:
        raise InspectionError(
            f"文件“{label}”有 {len(data) / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限。"
            "请压缩后再添加。"
        )
    image = _image_info(data)
    if image is not None:
        mime, width, height, thumb = image
        kind = kind or "photo"
    else:
        suffix = Path(label).suffix.lower()
        mime = DOCUMENT_TYPES.get(suffix) or ""
        if kind in ("photo", "signature") and not mime:
            raise InspectionError(f"文件“{label}”不是可识别的图片（支持 JPEG、PNG 等常见格式）。")
        if not mime:
            known = "、".join(sorted(DOCUMENT_TYPES))
            raise InspectionError(f"文件“{label}”的类型不支持。可添加图片或以下文档：{known}。")
        kind, width, height, thumb = "document", None, None, None
    sha = hashlib.sha256(data).hexdigest()
    with store.write_work() as work:
        exists = work.execute(
            sa.select(attachment_blob.c.sha256).where(attachment_blob.c.sha256 == sha)
        ).first()
        if exists is None:
            work.execute(
                attachment_blob.insert().values(
                    sha256=sha,
                    size=len(data),
                    mime=mime,
                    data=data,
                    thumb=thumb,
                    width=width,
                    height=height,
                    created_utc=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
    return Attachment(sha, label, kind, mime, len(data), width, height)


def store_file(store: Store, path: Path, kind: str | None = None) -> Attachment:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InspectionError(f"无法读取文件“{path.name}”：{exc.strerror or exc}。") from exc
    return store_bytes(store, path.name, data, kind)


def content(store: Store, sha: str) -> bytes | None:
    with store.work.connect() as conn:
        return conn.execute(sa.select(attachment_blob.c.data).where(attachment_blob.c.sha256 == sha)).scalar()


def thumbnails(store: Store, shas: Iterable[str]) -> dict[str, bytes]:
    """SHA-256 → thumbnail JPEG for those that are images."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    with store.work.connect() as conn:
        rows = conn.execute(
            sa.select(attachment_blob.c.sha256, attachment_blob.c.thumb).where(
                attachment_blob.c.sha256.in_(wanted), attachment_blob.c.thumb.is_not(None)
            )
        )
        return {sha: bytes(thumb) for sha, thumb in rows}


def _draft_refs(conn: sa.Connection) -> set[str]:
    import json

    refs: set[str] = set()
    for (data,) in conn.execute(sa.select(inspection_draft.c.data)):
        doc = json.loads(data)
        refs.update(a["sha256"] for a in doc.get("attachments") or [])
        if (doc.get("signature") or {}).get("sha256"):
            refs.add(doc["signature"]["sha256"])
    return refs


def prune(store: Store) -> int:
    """Delete bytes no draft and no finalised record refers to (a photo removed from a form)."""
    with store.write_work() as work:
        used = _draft_refs(work)
        removed = 0
        for (sha,) in work.execute(sa.select(attachment_blob.c.sha256)).all():
            if sha in used:
                continue
            in_record = work.execute(
                sa.select(sa.literal(1))
                .where(
                    sa.or_(
                        sa.func.instr(inspection_record.c.attachments, sha) > 0,
                        inspection_record.c.signature_sha256 == sha,
                    )
                )
                .limit(1)
            ).first()
            if in_record is None:
                work.execute(attachment_blob.delete().where(attachment_blob.c.sha256 == sha))
                removed += 1
    return removed
