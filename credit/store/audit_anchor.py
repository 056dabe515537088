"""The audit log's anchor: the newest committed (seq, hash), kept outside ``work.db``.

A hash chain alone cannot show that its newest rows were deleted: the shorter chain is still a
valid chain. So after every commit that appended audit rows, the head is written to
``audit-anchor.json`` beside the databases, with an HMAC keyed from the database key so the
file cannot be rewritten to match by someone who only has file access. :func:`credit.store.audit.verify`
then requires the chain to reach the anchor and to agree with it there. The anchor is written
after the commit, so a crash in between leaves it one step behind (never ahead): an anchor
behind the log is normal, one beyond it means rows were removed.

Someone holding the key can still rewrite both; the platform keeping the last acknowledged head
(sync) is the remedy for that.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from credit.store.keys import DbKey

ANCHOR_FILE = "audit-anchor.json"


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    genuine: bool  # the HMAC matches: the file was written by a holder of the key


def _mac(key: DbKey, seq: int, head: str) -> str:
    secret = hashlib.sha256(b"creditdesk-audit-anchor\n" + key.pragma_value.encode("utf-8")).digest()
    return hmac.new(secret, f"{seq}:{head}".encode(), hashlib.sha256).hexdigest()


def write(data_dir: Path, key: DbKey, seq: int, head: str) -> None:
    """Replace the anchor atomically (a torn write must not look like tampering)."""
    path = data_dir / ANCHOR_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"seq": seq, "hash": head, "mac": _mac(key, seq, head)}), encoding="utf-8")
    os.replace(tmp, path)


def read(data_dir: Path, key: DbKey) -> Anchor | None:
    """The stored anchor, or ``None`` when none was written yet (a log from before anchors)."""
    path = data_dir / ANCHOR_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        seq, head, mac = int(data["seq"]), str(data["hash"]), str(data["mac"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return Anchor(0, "", genuine=False)
    return Anchor(seq, head, genuine=hmac.compare_digest(mac, _mac(key, seq, head)))
