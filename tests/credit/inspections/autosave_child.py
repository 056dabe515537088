"""Child process for the crash test: keeps editing and autosaving one draft until it is killed.

Prints ``saved <revision> <text length>`` after every save that returned (is on disk), so the
parent knows the newest state that must survive.
"""

from __future__ import annotations

import sys
from pathlib import Path

from credit.desk import Desk


def main(data_dir: str, draft_id: str) -> None:
    desk = Desk.open(Path(data_dir))
    service = desk.inspections
    draft = service.draft(draft_id)
    assert draft is not None
    data = draft["data"]
    text = ""
    for n in range(100_000):
        text += "改"  # one keystroke per save: the note grows by one character each time
        data["findings"] = text
        data["answers"]["F01"] = {"answer": "不符合" if n % 2 else "符合", "note": f"第{n}次编辑"}
        revision = service.save_draft(draft_id, data)
        print(f"saved {revision} {len(text)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
