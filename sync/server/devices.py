"""Devices that sign in: their two-digit number, and the audit head the platform acknowledged.

**Device numbers.** 承诺编码 are made offline (division + date + 6-digit serial), so two laptops
working for the same division on the same day would make the same codes. At sign-in the platform
gives each (account, device) a number 01–99 that heads the serial (``DD`` + a 4-digit counter),
so codes made on different devices never collide; the same device keeps its number. ``00`` is
what a device that never signed in uses; the platform still refuses a duplicate code with a
reason (:mod:`sync.server.records`).

**Audit heads.** The laptop's audit log is hash-chained with a local anchor, which someone
holding the database key could rewrite together with the log. So every push carries the log's
head (seq, hash) and the device's row at the seq acknowledged last; the platform keeps the
newest head per device and reports a later log that is shorter (rows removed) or that holds a
different row at the acknowledged seq (rewritten) — it never moves its acknowledged head back.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from sync import protocol
from sync.server.accounts import Account
from sync.server.db import device, iso, now_utc

log = logging.getLogger(__name__)
MAX_DEVICE_NO = 99


def assign(conn: sa.Connection, account: str, name: str) -> str | None:
    """The device number of (account, device), assigning the lowest free one on first sign-in;
    None when all 99 are taken (the device then uses 00 and relies on the platform's refusal)."""
    row = conn.execute(
        sa.select(device.c.device_no).where(device.c.account == account, device.c.device == name)
    ).first()
    if row is not None and row.device_no is not None:
        return f"{row.device_no:02d}"
    used = set(conn.execute(sa.select(device.c.device_no).where(device.c.device_no.is_not(None))).scalars())
    free = next((n for n in range(1, MAX_DEVICE_NO + 1) if n not in used), None)
    if row is None:
        conn.execute(
            device.insert().values(account=account, device=name, device_no=free, first_seen=iso(now_utc()))
        )
    else:
        conn.execute(
            device.update().where(device.c.account == account, device.c.device == name).values(device_no=free)
        )
    return f"{free:02d}" if free is not None else None


def acknowledge(
    conn: sa.Connection,
    acc: Account,
    name: str,
    head: protocol.AuditHead | None,
    acked: protocol.AuditHead | None,
) -> protocol.AuditAck | None:
    """Compare the device's audit head with the one acknowledged before, and keep the newer."""
    if head is None:
        return None
    row = conn.execute(sa.select(device).where(device.c.account == acc.name, device.c.device == name)).first()
    if row is None:
        conn.execute(
            device.insert().values(account=acc.name, device=name, device_no=None, first_seen=iso(now_utc()))
        )
        have_seq, have_hash = None, None
    else:
        have_seq, have_hash = row.audit_seq, row.audit_hash
    problem: tuple[str, str] | None = None
    if have_seq is not None and have_hash is not None:
        if head.seq < have_seq:
            problem = (
                "truncated",
                f"本机审计日志只有 {head.seq} 条，而平台已确认过第 {have_seq} 条：日志的末尾被删除。"
                "已报告平台管理员。",
            )
        elif acked is None or acked.seq != have_seq or acked.hash != have_hash:
            problem = (
                "rewritten",
                f"本机审计日志第 {have_seq} 条与平台确认过的不一致：该条之前的日志被改写。已报告平台管理员。",
            )
    now = iso(now_utc())
    if problem is not None:
        log.warning("audit log of %s on %s: %s", acc.name, name, problem[0])
        conn.execute(
            device.update()
            .where(device.c.account == acc.name, device.c.device == name)
            .values(audit_alert=f"{now} {problem[0]}: {problem[1]}")
        )
        kept = (
            protocol.AuditHead(seq=have_seq, hash=have_hash) if have_seq is not None and have_hash else None
        )
        return protocol.AuditAck(status=problem[0], acknowledged=kept, detail=problem[1])  # type: ignore[arg-type]
    conn.execute(
        device.update()
        .where(device.c.account == acc.name, device.c.device == name)
        .values(audit_seq=head.seq, audit_hash=head.hash, audit_at=now)
    )
    return protocol.AuditAck(status="ok", acknowledged=head)


__all__ = ["MAX_DEVICE_NO", "acknowledge", "assign"]
