"""Field work made on a laptop through the real core functions, for the push tests.

A laptop signs in, pulls its jurisdiction, and then does what its role does: a window clerk runs
window checks and registers commitments (some recorded as breached); an inspector finalises
inspections with photos and a signature, issues rectification orders and records interviews.
Every record goes into the outbox the way the app writes it.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PIL import Image

from credit import commitments
from credit.desk import Desk
from credit.inspections import attachments, drafts, followup, records
from credit.operator import Operator
from credit.store.db import Store
from credit.store.keys import resolve_key
from credit.store.tables import entity, outbox
from sync.client import SyncClient
from sync.server.ingest import DEMO_PASSWORD
from sync.transport import RetryPolicy, Transport

PASSPHRASE = "push-tests-passphrase"
FAST_RETRY = RetryPolicy(attempts=60, base=0.02, cap=0.25, max_retry_after=1.0)
MATTERS = ("GOV_PROCUREMENT",)


def fast_transport(base: str, *, ca_bundle: str | None = None) -> Transport:
    return Transport(base, ca_bundle=ca_bundle, timeout=(2.0, 3.0), retry=FAST_RETRY, rng=random.Random(7))


@dataclass
class Laptop:
    path: Path
    store: Store
    client: SyncClient
    user: str

    @property
    def operator(self) -> Operator:
        return Operator.load(self.path)

    @property
    def desk(self) -> Desk:
        return Desk(self.store, self.operator)

    def close(self) -> None:
        self.store.close()


def laptop(path: Path, base: str, user: str, *, device: str | None = None, pull: bool = True) -> Laptop:
    store = Store.open(path, resolve_key(path, PASSPHRASE))
    client = SyncClient(path, transport_factory=fast_transport)
    client.login(base, user, DEMO_PASSWORD, device=device or f"{user}-{path.name}")
    lt = Laptop(path, store, client, user)
    if pull:
        client.pull(store)
    return lt


def usccs(store: Store, n: int, rng: random.Random) -> list[str]:
    with store.cache.connect() as conn:
        found = list(conn.execute(sa.select(entity.c.uscc).where(entity.c.active == 1)).scalars())
    return rng.sample(found, min(n, len(found)))


def photo(seed: int, size: tuple[int, int] = (640, 480)) -> bytes:
    rng = random.Random(seed)
    img = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    for _ in range(40):  # some texture, so the JPEG is not tiny
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        img.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)), (x, y, x + 40, y + 40))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=92)
    return buf.getvalue()


def window_work(lt: Laptop, rng: random.Random, n: int) -> None:
    """Window checks and commitments (a third of them determined, some breached)."""
    desk, op = lt.desk, lt.operator
    today = date.today()
    for code in usccs(lt.store, n, rng):
        if rng.random() < 0.5:
            desk.check(code, rng.choice(MATTERS))
            continue
        row = commitments.register(
            lt.store, op, committer_name="测试承诺人", committer_category="法人及非法人组织",
            committer_code=code,
            commitment_type="审批替代型", reason="申请办理测试事项", made_on=today, accepting_unit=op.unit,
            publicity_type="可向社会公开",
        )  # fmt: skip
        if rng.random() < 0.35:
            state = rng.choice(commitments.FULFILMENTS)
            commitments.record_fulfilment(
                lt.store, op, row["code"], fulfilment=state, determined_on=today, determining_unit=op.unit,
                unmet_content="未按期补齐材料" if state != "全部履行" else None, base_version=1,
            )  # fmt: skip


def inspection_work(
    lt: Laptop,
    rng: random.Random,
    n: int,
    *,
    photos: int = 1,
    fail: bool | None = None,
    interview: bool | None = None,
) -> list[dict[str, Any]]:
    """Ad-hoc inspections with photos and a signature; some get a rectification order and an interview."""
    op = lt.operator
    now = datetime.now(UTC)
    done = []
    for code in usccs(lt.store, n, rng):
        draft = records.start_ad_hoc(lt.store, op, code, "SC_FOOD_OPERATION", "重点检查")
        data = draft["data"]
        failed = rng.random() < 0.4 if fail is None else fail
        for i, answer in enumerate(data["answers"].values()):
            answer.update(
                answer="不符合" if failed and i == 0 else "符合",
                note="未建立进货查验记录" if failed and i == 0 else "",
            )
        pics = [
            attachments.store_bytes(lt.store, f"现场{k}.jpg", photo(rng.getrandbits(32)))
            for k in range(photos)
        ]
        sig = attachments.store_bytes(
            lt.store, "signature.png", photo(rng.getrandbits(32), (300, 100)), "signature"
        )
        data.update(
            result_code="09" if failed else "01",
            inspected_at=(now - timedelta(hours=1)).astimezone().isoformat(timespec="minutes"),
            place="经营场所",
            inspectors=[{"name": "李明", "cert_no": "A001"}, {"name": "王芳", "cert_no": "A002"}],
            attachments=[p.to_dict() for p in pics],
            signature=sig.to_dict(),
            present_person="经营者",
        )
        drafts.save(lt.store, draft["id"], data)
        rec = records.finalise(lt.store, op, draft["id"], now=now)
        done.append(rec)
        if failed:
            order = followup.issue_rectification(
                lt.store, op, rec["id"], problems=["未建立进货查验记录"],
                requirement="建立并落实进货查验记录制度",
                issued_on=date.today(), working_days=5, now=now,
            )  # fmt: skip
            if (rng.random() < 0.5) if interview is None else interview:
                followup.record_interview(
                    lt.store, op, uscc=rec["party_code"], entity_name=rec["party_name"], kind="提示约谈",
                    held_on=date.today(), participants=[
                        {"name": "李明", "side": "regulator", "role": "执法人员"},
                        {"name": "经营者", "side": "entity", "role": "负责人"},
                    ], content="告知整改要求", undertakings="按期整改", rectification_id=order["id"], now=now,
                )  # fmt: skip
    return done


def outbox_rows(store: Store) -> list[dict[str, Any]]:
    with store.work.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(outbox).order_by(outbox.c.seq))]


def expected_on_platform(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """What the platform must hold after every row is delivered: per record (kind, id) its
    content — for a commitment, the last fulfilment sent (fulfilment edits update it)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["kind"] == "attachment" or r["status"] == "superseded":
            continue
        payload = json.loads(r["payload"])
        if r["kind"] == "commitment_fulfilment":
            out[("commitment", r["record_id"])] = payload
        else:
            out[(r["kind"], r["record_id"])] = payload
    return out
